//! Dates and times: RFC 3339 `date-time`, `full-date` and `full-time`, and the `duration` of
//! its Appendix A.

/// A `date-time` taken apart. `second` may be 60 (a leap second).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTimeParts {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub nanosecond: u32,
    /// Offset east of UTC, in seconds.
    pub offset_seconds: i32,
}

/// RFC 3339 `date-time`: `T` and `Z` in either case, any number of fraction digits, a leap
/// second only at 23:59 UTC, nothing before or after.
pub fn date_time(s: &str) -> bool {
    parse_date_time(s).is_some()
}

/// Parses an RFC 3339 `date-time`; `None` when it is not one.
pub fn parse_date_time(s: &str) -> Option<DateTimeParts> {
    let b = s.as_bytes();
    if b.len() < 20 || !matches!(b[10], b'T' | b't') {
        return None;
    }
    let (year, month, day) = full_date(&b[..10])?;
    let time = full_time(&b[11..])?;
    Some(DateTimeParts {
        year,
        month,
        day,
        hour: time.hour,
        minute: time.minute,
        second: time.second,
        nanosecond: time.nanosecond,
        offset_seconds: time.offset_seconds,
    })
}

/// RFC 3339 `full-date`: `YYYY-MM-DD`, a real day of the Gregorian calendar.
pub fn date(s: &str) -> bool {
    full_date(s.as_bytes()).is_some()
}

/// RFC 3339 `full-time`: `HH:MM:SS[.frac](Z|±HH:MM)`.
pub fn time(s: &str) -> bool {
    full_time(s.as_bytes()).is_some()
}

fn digits2(b: &[u8]) -> Option<u8> {
    match b {
        [a @ b'0'..=b'9', c @ b'0'..=b'9'] => Some((a - b'0') * 10 + (c - b'0')),
        _ => None,
    }
}

fn full_date(b: &[u8]) -> Option<(u16, u8, u8)> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = u16::from(digits2(&b[0..2])?) * 100 + u16::from(digits2(&b[2..4])?);
    let month = digits2(&b[5..7])?;
    let day = digits2(&b[8..10])?;
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

struct Time {
    hour: u8,
    minute: u8,
    second: u8,
    nanosecond: u32,
    offset_seconds: i32,
}

fn full_time(b: &[u8]) -> Option<Time> {
    if b.len() < 9 || b[2] != b':' || b[5] != b':' {
        return None;
    }
    let hour = digits2(&b[0..2])?;
    let minute = digits2(&b[3..5])?;
    let second = digits2(&b[6..8])?;
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &b[8..];
    let mut nanosecond = 0u32;
    if let [b'.', tail @ ..] = rest {
        let count = tail.iter().take_while(|c| c.is_ascii_digit()).count();
        if count == 0 {
            return None;
        }
        for (i, digit) in tail[..count].iter().enumerate() {
            // Digits past nanoseconds are valid but do not change the value kept.
            if i < 9 {
                nanosecond = nanosecond * 10 + u32::from(digit - b'0');
            }
        }
        nanosecond *= 10u32.pow(9u32.saturating_sub(count as u32).min(9));
        rest = &tail[count..];
    }
    let offset_seconds = match rest {
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let oh = digits2(&[*h1, *h2])?;
            let om = digits2(&[*m1, *m2])?;
            if oh > 23 || om > 59 {
                return None;
            }
            let magnitude = i32::from(oh) * 3600 + i32::from(om) * 60;
            if *sign == b'-' { -magnitude } else { magnitude }
        }
        _ => return None,
    };
    if second == 60 {
        // A leap second is the last second of 23:59 UTC.
        let local = i32::from(hour) * 60 + i32::from(minute);
        let utc = (local - offset_seconds / 60).rem_euclid(24 * 60);
        if utc != 23 * 60 + 59 {
            return None;
        }
    }
    Some(Time {
        hour,
        minute,
        second,
        nanosecond,
        offset_seconds,
    })
}

/// RFC 3339 Appendix A `duration`: `P`, then weeks alone, or date units in the order
/// years, months, days with none skipped between two present ones, then optionally `T` and
/// hours, minutes, seconds the same way. Whole ASCII digits only.
pub fn duration(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('P') else {
        return false;
    };
    if let Some(weeks) = rest.strip_suffix('W') {
        return !weeks.is_empty() && weeks.bytes().all(|c| c.is_ascii_digit());
    }
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    let date_ok = units(date, b"YMD");
    let time_ok = time.is_none_or(|time| !time.is_empty() && units(time, b"HMS"));
    date_ok && time_ok && (!date.is_empty() || time.is_some())
}

/// Whether `text` is a run of `<digits><unit>` whose units are consecutive in `order`.
fn units(text: &str, order: &[u8]) -> bool {
    let b = text.as_bytes();
    let mut next: Option<usize> = None;
    let mut i = 0;
    while i < b.len() {
        let digits = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
        let Some(unit) = b.get(i + digits) else {
            return false;
        };
        let Some(position) = order.iter().position(|u| u == unit) else {
            return false;
        };
        if digits == 0 || next.is_some_and(|n| n != position) {
            return false;
        }
        next = Some(position + 1);
        i += digits + 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_follow_rfc_3339_strictly() {
        for ok in [
            "2020-01-01T00:00:00Z",
            "1963-06-19t08:30:06.283185z",
            "1998-12-31T23:59:60Z",
            "1998-12-31T15:59:60.123-08:00",
            "1985-04-12T00:59:59.999999999999999Z",
        ] {
            assert!(date_time(ok), "{ok}");
        }
        for bad in [
            "2020-02-30T00:00:00Z",
            "1998-12-31T23:58:60Z",
            "1990-12-31T15:59:59-24:00",
            "1985-04-12T23:20:50Z\n",
            "1985-04-12T23:20:50+01",
            "2020-01-01 00:00:00Z",
            "2020-01-01T00:00:00.Z",
        ] {
            assert!(!date_time(bad), "{bad:?}");
        }
    }

    #[test]
    fn date_time_parts_keep_the_fraction_and_offset() {
        let parts = parse_date_time("2020-01-01T10:20:30.5+01:30").unwrap();
        assert_eq!(parts.nanosecond, 500_000_000);
        assert_eq!(parts.offset_seconds, 5400);
        assert_eq!(
            parse_date_time("2020-01-01T10:20:30.123456789123Z")
                .unwrap()
                .nanosecond,
            123_456_789
        );
    }

    #[test]
    fn times_allow_leap_seconds_only_at_the_end_of_the_utc_day() {
        assert!(time("01:29:60+01:30"));
        assert!(time("00:29:60-23:30"));
        assert!(!time("23:59:60+01:00"));
        assert!(!time("12:00:00"));
    }

    #[test]
    fn durations_follow_the_abnf_of_rfc_3339() {
        for ok in [
            "P4DT12H30M5S",
            "P4Y",
            "PT0S",
            "P1M",
            "PT36H",
            "P2W",
            "P1Y2M3D",
            "PT1M2S",
        ] {
            assert!(duration(ok), "{ok}");
        }
        for bad in [
            "", "P", "PT", "P1", "P1Y1D", "PT1H1S", "P1W1D", "PT1.5S", "P-1D", "P1DT",
        ] {
            assert!(!duration(bad), "{bad:?}");
        }
    }
}

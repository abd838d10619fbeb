//! The `format` values that validators assert: `date-time`, `date`, `time` (RFC 3339),
//! `uuid` (RFC 4122), `email` (RFC 5321 mailbox), `ipv4`, `ipv6` (RFC 2673, RFC 4291) and
//! `uri` (RFC 3986, absolute).
//!
//! The checkers work on bytes and allocate nothing: they run on every string of a payload.

use std::net::{Ipv4Addr, Ipv6Addr};

/// The formats validators assert, by their `format` name.
pub const ASSERTED: &[&str] = &[
    "date-time",
    "date",
    "time",
    "uuid",
    "email",
    "ipv4",
    "ipv6",
    "uri",
];

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

/// RFC 4122 `uuid`: 8-4-4-4-12 hexadecimal digits, any case, any version or variant.
pub fn uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// RFC 2673 dotted-quad `ipv4`: four decimal octets, no leading zeros, nothing else.
pub fn ipv4(s: &str) -> bool {
    s.parse::<Ipv4Addr>().is_ok()
}

/// RFC 4291 `ipv6`, including an embedded IPv4 tail; no zone, prefix or brackets.
pub fn ipv6(s: &str) -> bool {
    s.parse::<Ipv6Addr>().is_ok()
}

/// RFC 5321 `Mailbox`: a dot-atom or quoted local part, `@`, and a domain or an address
/// literal (`[127.0.0.1]`, `[IPv6:::1]`).
pub fn email(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(at) = local_part_end(b) else {
        return false;
    };
    if b.get(at) != Some(&b'@') {
        return false;
    }
    let domain = &s[at + 1..];
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match literal.strip_prefix("IPv6:") {
            Some(v6) => ipv6(v6),
            None => ipv4(literal),
        };
    }
    hostname(domain)
}

/// The index just past the local part, when it is well formed.
fn local_part_end(b: &[u8]) -> Option<usize> {
    if b.first() == Some(&b'"') {
        let mut i = 1;
        while i < b.len() {
            match b[i] {
                b'"' => return (i > 1).then_some(i + 1),
                b'\\' if b.get(i + 1).is_some_and(|c| (32..=126).contains(c)) => i += 2,
                32..=33 | 35..=91 | 93..=126 => i += 1,
                _ => return None,
            }
        }
        return None;
    }
    let end = b.iter().position(|&c| c == b'@')?;
    let local = &b[..end];
    let atoms_ok = local
        .split(|&c| c == b'.')
        .all(|atom| !atom.is_empty() && atom.iter().all(|&c| is_atext(c)));
    atoms_ok.then_some(end)
}

fn is_atext(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c)
}

/// Dot-separated labels of letters, digits and inner hyphens, each at most 63 long.
fn hostname(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b.len() <= 63
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
        })
}

/// RFC 3986 `URI`: an absolute URI (a scheme is required), every character allowed where it
/// stands, every `%` followed by two hex digits.
pub fn uri(s: &str) -> bool {
    let b = s.as_bytes();
    let Some(colon) = b.iter().position(|&c| c == b':') else {
        return false;
    };
    let scheme = &b[..colon];
    let scheme_ok = scheme.first().is_some_and(u8::is_ascii_alphabetic)
        && scheme
            .iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'+' | b'-' | b'.'));
    if !scheme_ok {
        return false;
    }
    let rest = &b[colon + 1..];
    let (before_fragment, fragment) = split_at_byte(rest, b'#');
    let (hier, query) = split_at_byte(before_fragment, b'?');
    if !fragment.is_none_or(|f| chars_ok(f, b":@/?")) || !query.is_none_or(|q| chars_ok(q, b":@/?"))
    {
        return false;
    }
    match hier.strip_prefix(b"//") {
        Some(after) => {
            let end = after.iter().position(|&c| c == b'/').unwrap_or(after.len());
            authority(&after[..end]) && chars_ok(&after[end..], b":@/")
        }
        None => chars_ok(hier, b":@/"),
    }
}

fn split_at_byte(b: &[u8], at: u8) -> (&[u8], Option<&[u8]>) {
    match b.iter().position(|&c| c == at) {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    }
}

/// Unreserved, sub-delims, `%XX`, and the extra characters allowed in this part.
fn chars_ok(b: &[u8], extra: &[u8]) -> bool {
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c == b'%' {
            let hex = b.get(i + 1..i + 3);
            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                return false;
            }
            i += 3;
            continue;
        }
        let allowed =
            c.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=".contains(&c) || extra.contains(&c);
        if !allowed {
            return false;
        }
        i += 1;
    }
    true
}

/// `[userinfo@]host[:port]`.
fn authority(b: &[u8]) -> bool {
    let (userinfo, host_port) = match b.iter().rposition(|&c| c == b'@') {
        Some(i) => (Some(&b[..i]), &b[i + 1..]),
        None => (None, b),
    };
    if !userinfo.is_none_or(|u| chars_ok(u, b":")) {
        return false;
    }
    let port = if host_port.first() == Some(&b'[') {
        let Some(close) = host_port.iter().position(|&c| c == b']') else {
            return false;
        };
        let literal = &host_port[1..close];
        let ok = match std::str::from_utf8(literal) {
            Ok(text) if text.starts_with(['v', 'V']) => ip_future(text),
            Ok(text) => ipv6(text),
            Err(_) => false,
        };
        if !ok {
            return false;
        }
        &host_port[close + 1..]
    } else {
        let colon = host_port
            .iter()
            .position(|&c| c == b':')
            .unwrap_or(host_port.len());
        if !chars_ok(&host_port[..colon], b"") {
            return false;
        }
        &host_port[colon..]
    };
    match port {
        [] => true,
        [b':', digits @ ..] => digits.iter().all(u8::is_ascii_digit),
        _ => false,
    }
}

/// `v<hex>.<unreserved / sub-delims / ":">`.
fn ip_future(text: &str) -> bool {
    let Some((version, rest)) = text[1..].split_once('.') else {
        return false;
    };
    !version.is_empty()
        && version.bytes().all(|c| c.is_ascii_hexdigit())
        && !rest.is_empty()
        && chars_ok(rest.as_bytes(), b":")
        && !rest.contains('%')
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
    fn emails_and_addresses() {
        assert!(email("joe.bloggs@example.com"));
        assert!(email("\"joe@bloggs\"@example.com"));
        assert!(email("joe.bloggs@[IPv6:::1]"));
        assert!(!email("te..st@example.com"));
        assert!(!email("joe.bloggs@invalid=domain.com"));
        assert!(ipv4("192.168.0.1"));
        assert!(!ipv4("192.168.0.01"));
        assert!(ipv6("::ffff:192.168.0.1"));
        assert!(!ipv6("fe80::a%eth1"));
        assert!(uuid("2eb8aa08-AA98-11ea-B4Aa-73B441D16380"));
    }

    #[test]
    fn uris_must_be_absolute_and_well_escaped() {
        assert!(uri("http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com"));
        assert!(uri("urn:oasis:names:specification:docbook:dtd:xml:4.1.2"));
        assert!(uri("ldap://[2001:db8::7]/c=GB?objectClass?one"));
        assert!(!uri("//foo.bar/?baz=qux#quux"));
        assert!(!uri("http://example.com/%6G"));
        assert!(!uri("https://[@example.org/test.txt"));
        assert!(!uri("http://example.com:abc/path"));
        assert!(!uri("http:/[::1]"));
    }
}

//! `date-time` members as they were written: the type generated for `"format": "date-time"`
//! unless `codegen.toml` says `date_time = "utc"`.
//!
//! `chrono::DateTime<Utc>` keeps the instant and loses the rest: `2016-05-26T08:59:00+02:00`
//! comes back as `2016-05-26T06:59:00Z`, the same instant but not the same value, and a
//! signature over the payload no longer matches. `chrono::DateTime<FixedOffset>` keeps the
//! offset but still not the form (`Z` comes back as `+00:00`, `.500` as `.5`). [`DateTime`]
//! keeps the text it was decoded from, which encoding writes back, beside the instant with
//! its offset, which the methods give.

use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{FixedOffset, SecondsFormat, TimeZone, Utc};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde::{Serialize, Serializer};

/// An RFC 3339 date-time with the offset and the form it was written in.
///
/// ```
/// use schema_runtime::DateTime;
///
/// let at: DateTime = serde_json::from_str("\"2016-05-26T08:59:00+02:00\"").unwrap();
/// assert_eq!(at.offset().local_minus_utc(), 2 * 3600);
/// assert_eq!(at.to_utc().to_rfc3339(), "2016-05-26T06:59:00+00:00");
/// assert_eq!(serde_json::to_string(&at).unwrap(), "\"2016-05-26T08:59:00+02:00\"");
///
/// // Built from chrono, it is written as RFC 3339 with `Z` for UTC.
/// let now = DateTime::from(chrono::DateTime::<chrono::Utc>::UNIX_EPOCH);
/// assert_eq!(now.as_str(), "1970-01-01T00:00:00Z");
/// ```
///
/// Two values are equal, ordered and hashed by their instant, as chrono's are: `…T08:59:00+02:00`
/// equals `…T06:59:00Z`. Compare [`DateTime::as_str`] to tell their forms apart.
#[derive(Clone)]
pub struct DateTime {
    at: chrono::DateTime<FixedOffset>,
    text: Box<str>,
}

/// A string that is not an RFC 3339 date-time.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not an RFC 3339 date-time")]
pub struct InvalidDateTime;

impl DateTime {
    /// Reads an RFC 3339 `date-time` (`T` and `Z` in either case, any number of fraction
    /// digits, a leap second), as the `date-time` format check reads it.
    pub fn parse(text: &str) -> Result<DateTime, InvalidDateTime> {
        let at = instant(text).ok_or(InvalidDateTime)?;
        Ok(DateTime {
            at,
            text: text.into(),
        })
    }

    /// The text, as it was written (or as RFC 3339 writes a value built from chrono).
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The instant, with the offset it was written with.
    pub fn fixed_offset(&self) -> chrono::DateTime<FixedOffset> {
        self.at
    }

    /// The instant, in UTC.
    pub fn to_utc(&self) -> chrono::DateTime<Utc> {
        self.at.with_timezone(&Utc)
    }

    /// The offset it was written with (`Z` and `-00:00` are both zero).
    pub fn offset(&self) -> FixedOffset {
        *self.at.offset()
    }
}

/// The instant of an RFC 3339 `date-time`, as chrono's parser would give it (a leap second
/// as `:59` plus a second of nanoseconds), read by the format check's parser.
#[inline]
pub(crate) fn instant(text: &str) -> Option<chrono::DateTime<FixedOffset>> {
    let parts = crate::format::parse_date_time(text)?;
    let date = chrono::NaiveDate::from_ymd_opt(
        i32::from(parts.year),
        u32::from(parts.month),
        u32::from(parts.day),
    )?;
    let (second, leap) = if parts.second == 60 {
        (59, 1_000_000_000)
    } else {
        (u32::from(parts.second), 0)
    };
    let local = date.and_hms_nano_opt(
        u32::from(parts.hour),
        u32::from(parts.minute),
        second,
        parts.nanosecond + leap,
    )?;
    let offset = FixedOffset::east_opt(parts.offset_seconds)?;
    offset.from_local_datetime(&local).single()
}

impl<Tz: TimeZone> From<chrono::DateTime<Tz>> for DateTime
where
    Tz::Offset: fmt::Display,
{
    fn from(at: chrono::DateTime<Tz>) -> DateTime {
        DateTime {
            text: at.to_rfc3339_opts(SecondsFormat::AutoSi, true).into(),
            at: at.fixed_offset(),
        }
    }
}

impl From<DateTime> for chrono::DateTime<FixedOffset> {
    fn from(value: DateTime) -> Self {
        value.at
    }
}

impl From<DateTime> for chrono::DateTime<Utc> {
    fn from(value: DateTime) -> Self {
        value.to_utc()
    }
}

impl FromStr for DateTime {
    type Err = InvalidDateTime;

    fn from_str(text: &str) -> Result<DateTime, InvalidDateTime> {
        DateTime::parse(text)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Debug for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("DateTime").field(&self.text).finish()
    }
}

impl PartialEq for DateTime {
    fn eq(&self, other: &Self) -> bool {
        self.at == other.at
    }
}

impl Eq for DateTime {}

impl PartialOrd for DateTime {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTime {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.at.cmp(&other.at)
    }
}

impl Hash for DateTime {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.at.hash(state);
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(DateTimeVisitor)
    }
}

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date-time")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<DateTime, E> {
        DateTime::parse(v).map_err(|_| E::invalid_value(de::Unexpected::Str(v), &self))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str) -> String {
        let json = serde_json::to_string(text).unwrap();
        let value: DateTime = serde_json::from_str(&json).unwrap();
        let back: String = serde_json::from_str(&serde_json::to_string(&value).unwrap()).unwrap();
        back
    }

    #[test]
    fn writes_back_what_it_read() {
        for text in [
            "2016-05-26T08:59:00+02:00",
            "2016-05-26T06:59:00Z",
            "2016-05-26T06:59:00+00:00",
            "2016-05-26T06:59:00-00:00",
            "2016-05-26T06:59:00.500Z",
            "2021-06-15T09:16:47.765072012+02:00",
            "1963-06-19t08:30:06.283185z",
            "1998-12-31T23:59:60Z",
        ] {
            assert_eq!(round_trip(text), text);
        }
    }

    #[test]
    fn gives_the_instant_and_the_offset_as_chrono_parses_them() {
        for text in [
            "2020-01-01T10:20:30.5+01:30",
            "1998-12-31T23:59:60Z",
            "1963-06-19t08:30:06.283185z",
        ] {
            let parsed: chrono::DateTime<FixedOffset> = text.parse().unwrap();
            let value = DateTime::parse(text).unwrap();
            assert_eq!(value.fixed_offset(), parsed, "{text}");
            assert_eq!(value.offset(), *parsed.offset(), "{text}");
            assert_eq!(value.to_utc(), parsed.with_timezone(&Utc), "{text}");
        }
    }

    #[test]
    fn refuses_what_the_format_check_refuses() {
        for text in [
            "2020-02-30T00:00:00Z",
            "2020-01-01 00:00:00Z",
            "2020-01-01T00:00:00",
            "",
        ] {
            assert_eq!(DateTime::parse(text), Err(InvalidDateTime), "{text}");
            let json = serde_json::to_string(text).unwrap();
            assert!(serde_json::from_str::<DateTime>(&json).is_err(), "{text}");
        }
        assert!(serde_json::from_str::<DateTime>("1").is_err());
    }

    #[test]
    fn equal_by_instant_like_chrono() {
        let a = DateTime::parse("2016-05-26T08:59:00+02:00").unwrap();
        let b = DateTime::parse("2016-05-26T06:59:00Z").unwrap();
        assert_eq!(a, b);
        assert_ne!(a.as_str(), b.as_str());
        let hash = |v: &DateTime| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            v.hash(&mut h);
            h.finish()
        };
        assert_eq!(hash(&a), hash(&b));
        assert!(a < DateTime::parse("2016-05-26T07:00:00Z").unwrap());
    }

    #[test]
    fn built_from_chrono_in_rfc_3339() {
        let utc = Utc.with_ymd_and_hms(2020, 1, 2, 3, 4, 5).unwrap();
        assert_eq!(DateTime::from(utc).as_str(), "2020-01-02T03:04:05Z");
        let east = FixedOffset::east_opt(5400).unwrap();
        let local = utc.with_timezone(&east);
        let value = DateTime::from(local);
        assert_eq!(value.as_str(), "2020-01-02T04:34:05+01:30");
        assert_eq!(value, DateTime::from(utc));
        assert_eq!(format!("{value}"), value.as_str());
        assert_eq!(
            format!("{value:?}"),
            "DateTime(\"2020-01-02T04:34:05+01:30\")"
        );
    }
}

//! Building blocks of the generated fast path: a single serde pass over a payload into a
//! borrowed "wire" struct, which tells an absent member from a `null` one and keeps strings
//! borrowed from the input. No `serde_json::Value` is built.
//!
//! The fast path only ever says "valid" (and, for `from_json`, returns the decoded value);
//! anything else goes to the full validator, which finds and reports every error. It must
//! never accept what the full validator rejects; `tests/differential.rs` checks both.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserialize, Deserializer, Visitor};
use serde_json::Number;

/// What the generated fast path names, imported with one `use`.
pub mod prelude {
    pub use super::{Field, Str, date_time, date_time_as_written, integer, object};
    pub use crate::format;
    pub use crate::num::{self, Limit};
    pub use crate::pattern::Pattern;
    pub use crate::secret::SecretString;
    pub use serde_json::Number;
    pub use std::cmp::Ordering;
}

/// A member of the wire struct: absent, `null`, or present with a value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Field<T> {
    #[default]
    Absent,
    Null,
    Present(T),
}

impl<T> Field<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Field::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Field::Null)
    }

    /// The value, when there is one (neither absent nor `null`).
    pub fn present(&self) -> Option<&T> {
        match self {
            Field::Present(value) => Some(value),
            _ => None,
        }
    }

    /// The field of an optional member: `Some(None)` when absent or `null`, `Some(Some(_))`
    /// when it converts, `None` when it does not (the fast path then gives up).
    pub fn optional<U>(self, convert: impl FnOnce(T) -> Option<U>) -> Option<Option<U>> {
        match self {
            Field::Present(value) => convert(value).map(Some),
            _ => Some(None),
        }
    }

    /// The field of a required member: `None` when it is missing or does not convert.
    pub fn required<U>(self, convert: impl FnOnce(T) -> Option<U>) -> Option<U> {
        match self {
            Field::Present(value) => convert(value),
            _ => None,
        }
    }
}

/// Parses an object from `bytes` into the wire struct `T`, or gives up: serde would read a
/// struct from an array too, and a single UTF-8 check of the whole document (fast on ASCII)
/// beats the one per string that `from_slice` does.
pub fn object<'a, T: Deserialize<'a>>(bytes: &'a [u8]) -> Option<T> {
    if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    serde_json::from_str(text).ok()
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Field<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_option(FieldVisitor(PhantomData))
    }
}

struct FieldVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for FieldVisitor<T> {
    type Value = Field<T>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a value or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Null)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Field<T>, E> {
        Ok(Field::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Field<T>, D::Error> {
        T::deserialize(deserializer).map(Field::Present)
    }
}

/// A string borrowed from the input when it has no escapes, owned otherwise.
#[derive(Debug, Clone, PartialEq)]
pub struct Str<'a>(pub Cow<'a, str>);

impl Str<'_> {
    pub fn into_string(self) -> String {
        self.0.into_owned()
    }

    pub fn into_secret(self) -> crate::secret::SecretString {
        crate::secret::SecretString::from(self.0.into_owned())
    }
}

impl Field<Str<'_>> {
    /// The member's text, when it is present.
    pub fn present_str(&self) -> Option<&str> {
        self.present().map(|s| &**s)
    }
}

impl std::ops::Deref for Str<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Str<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(StrVisitor(PhantomData))
    }
}

struct StrVisitor<'a>(PhantomData<&'a ()>);

impl<'de: 'a, 'a> Visitor<'de> for StrVisitor<'a> {
    type Value = Str<'a>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Str<'a>, E> {
        Ok(Str(Cow::Borrowed(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Str<'a>, E> {
        Ok(Str(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Str<'a>, E> {
        Ok(Str(Cow::Owned(v)))
    }
}

/// A JSON integer as the Rust integer type `T`, as the full decoder gets it: integral
/// floats (`3600.0`) count; anything out of `T`'s range is `None`.
pub fn integer<T: TryFrom<u64> + TryFrom<i64>>(n: &Number) -> Option<T> {
    if let Some(u) = n.as_u64() {
        return T::try_from(u).ok();
    }
    if let Some(i) = n.as_i64() {
        return T::try_from(i).ok();
    }
    let f = n.as_f64()?;
    if f.fract() != 0.0 {
        return None;
    }
    if f >= 0.0 && f < u64::MAX as f64 {
        T::try_from(f as u64).ok()
    } else if f < 0.0 && f >= i64::MIN as f64 {
        T::try_from(f as i64).ok()
    } else {
        None
    }
}

/// A checked RFC 3339 date-time as chrono's parser would give it (a leap second as `:59`
/// plus a second of nanoseconds), without running that parser again.
pub fn date_time(text: &str) -> Option<chrono::DateTime<chrono::Utc>> {
    crate::date_time::instant(text).map(|moment| moment.with_timezone(&chrono::Utc))
}

/// A checked RFC 3339 date-time as it was written (`schema_runtime::DateTime`).
pub fn date_time_as_written(text: &str) -> Option<crate::date_time::DateTime> {
    crate::date_time::DateTime::parse(text).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Wire<'a> {
        #[serde(default, borrow)]
        s: Field<Str<'a>>,
        #[serde(default)]
        n: Field<Number>,
    }

    #[test]
    fn tells_absent_from_null_and_borrows_strings() {
        let text = r#"{"s": "plain", "n": null}"#;
        let wire: Wire<'_> = serde_json::from_str(text).unwrap();
        assert!(matches!(
            wire.s,
            Field::Present(Str(Cow::Borrowed("plain")))
        ));
        assert_eq!(wire.n, Field::Null);
        let wire: Wire<'_> = serde_json::from_str(r#"{"s": "esc\"aped"}"#).unwrap();
        assert!(matches!(wire.s, Field::Present(Str(Cow::Owned(_)))));
        assert_eq!(wire.n, Field::Absent);
    }

    #[test]
    fn refuses_what_the_full_validator_must_judge() {
        for text in [
            r#"{"s": 1}"#,
            r#"{"x": 1}"#,
            r#"{"s": "a", "s": "b"}"#,
            r#"{"n": "1"}"#,
        ] {
            assert!(serde_json::from_str::<Wire<'_>>(text).is_err(), "{text}");
        }
    }

    #[test]
    fn date_times_are_built_as_chrono_parses_them() {
        for text in [
            "2020-01-01T10:20:30.5+01:30",
            "1998-12-31T23:59:60Z",
            "1963-06-19t08:30:06.283185z",
        ] {
            let parsed: chrono::DateTime<chrono::Utc> = text.parse().unwrap();
            assert_eq!(date_time(text), Some(parsed), "{text}");
        }
        assert_eq!(date_time("2020-02-30T00:00:00Z"), None);
    }

    #[test]
    fn integers_convert_like_the_full_decoder() {
        let n = |text: &str| -> Number { serde_json::from_str(text).unwrap() };
        assert_eq!(integer::<u64>(&n("3600")), Some(3600));
        assert_eq!(integer::<u64>(&n("3600.0")), Some(3600));
        assert_eq!(integer::<u64>(&n("1e3")), Some(1000));
        assert_eq!(integer::<u64>(&n("-1")), None);
        assert_eq!(integer::<i64>(&n("-1")), Some(-1));
        assert_eq!(integer::<u64>(&n("18446744073709551616")), None);
        assert_eq!(integer::<u8>(&n("256")), None);
        assert_eq!(integer::<u64>(&n("0.5")), None);
    }
}

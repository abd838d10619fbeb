//! Three-state members: the type generated for an optional member whose schema allows `null`
//! when `codegen.toml` says `nullable = "three-state"`.
//!
//! An `Option` cannot tell a member that was absent from one that was `null`: both decode to
//! `None`, and `None` encodes as absent, so a `null` is lost on the way back. [`Nullable`]
//! keeps the three apart, and the generated field says how each is written:
//!
//! ```ignore
//! #[serde(default, skip_serializing_if = "::schema_runtime::Nullable::is_absent")]
//! pub note: ::schema_runtime::Nullable<String>,
//! ```
//!
//! `default` makes an absent member [`Nullable::Absent`], which `skip_serializing_if` leaves
//! out again; `null` and a value are read and written by the impls below.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An optional, nullable member: absent, `null`, or a value.
///
/// ```
/// use schema_runtime::Nullable;
///
/// let null: Nullable<String> = serde_json::from_str("null").unwrap();
/// assert!(null.is_null());
/// assert_eq!(Nullable::from(Some(3)), Nullable::Value(3));
/// assert_eq!(Nullable::<u8>::from(None), Nullable::Null);
/// assert_eq!(Nullable::<u8>::default(), Nullable::Absent);
/// ```
///
/// `Debug` is `T`'s inside the variant, so `Nullable<SecretString>` prints
/// `Value([REDACTED])`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Nullable<T> {
    /// The member was not there.
    Absent,
    /// The member was `null`.
    Null,
    /// The member had a value.
    Value(T),
}

/// By hand: `#[derive(Default)]` would ask `T: Default` of a default that holds no `T`.
impl<T> Default for Nullable<T> {
    fn default() -> Self {
        Nullable::Absent
    }
}

impl<T> Nullable<T> {
    /// Whether the member was absent; the generated field's `skip_serializing_if`.
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    pub fn is_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }

    /// The value, if there is one: absent and `null` alike are `None`.
    pub fn as_option(&self) -> Option<&T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, if there is one: what an `Option` field would have held.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(value) => Some(value),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    pub fn as_mut(&mut self) -> Nullable<&mut T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(value),
        }
    }

    /// Maps the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(value) => Nullable::Value(f(value)),
        }
    }
}

/// A value to write: `Some` is the value, `None` is `null` (not absent). Whoever converts an
/// `Option` into a member wants it written; to leave the member out, use
/// [`Nullable::Absent`] (or `Default::default()`).
impl<T> From<Option<T>> for Nullable<T> {
    fn from(option: Option<T>) -> Self {
        match option {
            Some(value) => Nullable::Value(value),
            None => Nullable::Null,
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

/// `null` is [`Nullable::Null`], anything else `T`'s. An absent member never reaches this: the
/// field's `#[serde(default)]` makes it [`Nullable::Absent`].
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `Option`'s own reading of `null`, so that every format that has one agrees.
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

/// `null` for [`Nullable::Null`], the value for [`Nullable::Value`]. [`Nullable::Absent`] is
/// left out by the field's `skip_serializing_if`; serialized anyway (in a list, or alone), it
/// is `null` too, the nearest thing a value can say.
impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Nullable::Value(value) => serializer.serialize_some(value),
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
        }
    }
}

impl<T> crate::fast::Field<T> {
    /// The field of a three-state member (`nullable = "three-state"`): `None` when the value
    /// does not convert (the fast path then gives up).
    pub fn nullable<U>(self, convert: impl FnOnce(T) -> Option<U>) -> Option<Nullable<U>> {
        match self {
            crate::fast::Field::Absent => Some(Nullable::Absent),
            crate::fast::Field::Null => Some(Nullable::Null),
            crate::fast::Field::Present(value) => convert(value).map(Nullable::Value),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SecretString;

    #[derive(Debug, PartialEq, Deserialize, Serialize)]
    struct Patch {
        id: String,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        note: Nullable<String>,
    }

    #[test]
    fn absent_null_and_a_value_encode_back_as_they_came() {
        for (json, note) in [
            (r#"{"id":"a"}"#, Nullable::Absent),
            (r#"{"id":"a","note":null}"#, Nullable::Null),
            (r#"{"id":"a","note":"x"}"#, Nullable::Value("x".to_string())),
        ] {
            let patch: Patch = serde_json::from_str(json).unwrap();
            assert_eq!(patch.note, note, "{json}");
            assert_eq!(serde_json::to_string(&patch).unwrap(), json);
        }
    }

    #[test]
    fn a_wrong_value_is_refused_as_t_refuses_it() {
        let err = serde_json::from_str::<Patch>(r#"{"id":"a","note":5}"#).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }

    #[test]
    fn absent_alone_is_written_as_null() {
        assert_eq!(
            serde_json::to_string(&[Nullable::<u8>::Absent, Nullable::Null, Nullable::Value(1)])
                .unwrap(),
            "[null,null,1]"
        );
    }

    #[test]
    fn conversions_and_accessors() {
        assert_eq!(Nullable::from(Some("a")), Nullable::Value("a"));
        assert_eq!(Nullable::<&str>::from(None), Nullable::Null);
        assert_eq!(Nullable::from(7), Nullable::Value(7));
        let value = Nullable::Value(2);
        assert!(value.is_value() && !value.is_null() && !value.is_absent());
        assert_eq!(value.as_option(), Some(&2));
        assert_eq!(value.map(|v| v * 10), Nullable::Value(20));
        assert_eq!(value.as_ref(), Nullable::Value(&2));
        assert_eq!(Nullable::<u8>::Null.into_option(), None);
        assert_eq!(Nullable::<u8>::Absent.as_option(), None);
        assert!(Nullable::<u8>::default().is_absent());
        // Absent < Null < a value, as the variants are listed.
        assert!(Nullable::<u8>::Absent < Nullable::Null && Nullable::Null < Nullable::Value(0));
    }

    #[test]
    fn a_secret_inside_stays_redacted() {
        let secret = Nullable::Value(SecretString::from("hunter2"));
        assert_eq!(format!("{secret:?}"), "Value([REDACTED])");
    }

    #[test]
    fn the_fast_path_keeps_the_three_apart() {
        use crate::fast::Field;
        let twice = |v: u8| v.checked_mul(2);
        assert_eq!(Field::Absent.nullable(twice), Some(Nullable::Absent));
        assert_eq!(Field::Null.nullable(twice), Some(Nullable::Null));
        assert_eq!(Field::Present(3).nullable(twice), Some(Nullable::Value(6)));
        assert_eq!(Field::Present(200).nullable(twice), None);
    }
}

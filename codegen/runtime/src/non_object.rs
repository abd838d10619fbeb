//! Any JSON value but an object: the other variant of the type generated for a schema with
//! no `type` whose keywords all apply to objects (only `properties`, `additionalProperties`,
//! `required`...). JSON Schema lets every non-object value through such a schema untouched,
//! so the generated type is an untagged enum of the object typify would have built and this:
//!
//! ```ignore
//! #[serde(untagged)]
//! pub enum Permission {
//!     Object(PermissionObject),
//!     Other(::schema_runtime::NonObject),
//! }
//! ```
//!
//! An object must never land here: one that the struct refuses would then decode silently,
//! and code matching on `Object` would never see it. So decoding refuses objects, and the
//! untagged enum reports the struct's error instead.

use std::fmt;

use serde::de::{Deserialize, Deserializer, Error as _, Unexpected};
use serde::{Serialize, Serializer};
use serde_json::Value;

/// A JSON value that is not an object: `null`, a boolean, a number, a string or an array.
///
/// ```
/// use schema_runtime::NonObject;
/// use serde_json::json;
///
/// let value: NonObject = serde_json::from_str("[1, true]").unwrap();
/// assert_eq!(value.as_value(), &json!([1, true]));
/// assert!(serde_json::from_str::<NonObject>(r#"{"a": 1}"#).is_err());
/// assert!(NonObject::new(json!({})).is_err());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct NonObject(Value);

/// The object that [`NonObject::new`] was given, handed back.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("an object is not a `NonObject`")]
pub struct IsAnObject(pub Value);

impl NonObject {
    /// `value`, unless it is an object.
    pub fn new(value: Value) -> Result<Self, IsAnObject> {
        if value.is_object() {
            Err(IsAnObject(value))
        } else {
            Ok(NonObject(value))
        }
    }

    pub fn as_value(&self) -> &Value {
        &self.0
    }

    pub fn into_value(self) -> Value {
        self.0
    }
}

impl TryFrom<Value> for NonObject {
    type Error = IsAnObject;

    fn try_from(value: Value) -> Result<Self, IsAnObject> {
        NonObject::new(value)
    }
}

impl From<NonObject> for Value {
    fn from(value: NonObject) -> Value {
        value.0
    }
}

impl fmt::Display for NonObject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl Serialize for NonObject {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for NonObject {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        NonObject::new(value)
            .map_err(|_| D::Error::invalid_type(Unexpected::Map, &"any JSON value but an object"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    struct Widget {
        name: String,
    }

    #[derive(Debug, PartialEq, serde::Deserialize, serde::Serialize)]
    #[serde(untagged)]
    enum Field {
        Object(Widget),
        Other(NonObject),
    }

    #[test]
    fn every_non_object_comes_back_as_it_came() {
        for text in ["null", "true", "-1.5", "\"string\"", "[{\"a\":1},2]"] {
            let field: Field = serde_json::from_str(text).unwrap();
            assert!(matches!(field, Field::Other(_)), "{text}");
            assert_eq!(serde_json::to_string(&field).unwrap(), text);
        }
    }

    #[test]
    fn an_object_the_struct_refuses_does_not_land_in_the_other_variant() {
        let object: Field = serde_json::from_str(r#"{"name":"x"}"#).unwrap();
        assert_eq!(object, Field::Object(Widget { name: "x".into() }));
        assert!(serde_json::from_str::<Field>(r#"{"title":"x"}"#).is_err());
    }

    #[test]
    fn an_object_is_handed_back() {
        assert_eq!(
            NonObject::try_from(json!({"a": 1})),
            Err(IsAnObject(json!({"a": 1})))
        );
        assert_eq!(Value::from(NonObject::default()), Value::Null);
        assert_eq!(
            NonObject::new(json!(3)).map(|v| v.to_string()),
            Ok("3".into())
        );
    }
}

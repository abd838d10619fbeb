//! Secret strings: the type generated for string fields marked `writeOnly: true` or
//! `format: "password"`.
//!
//! A [`SecretString`] cannot leak by accident: `Debug` prints `[REDACTED]`, there is no
//! `Display`, comparison takes the same time wherever the first difference is, and the
//! memory is zeroed on drop. The value is reachable only through
//! [`SecretString::expose_secret`], which is easy to find in review.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, Unexpected, Visitor};
use serde::{Serialize, Serializer};
use subtle::ConstantTimeEq;
use zeroize::Zeroize;

/// Whether a schema marks its values as secret: `writeOnly: true` or `format: "password"`.
/// The generator reads those keywords in its own model (`codegen/src/subschema.rs`) and asks
/// [`is_secret`]; this reads them for the `validate` CLI, which loads schemas at run time.
pub fn is_secret_schema(schema: &serde_json::Value) -> bool {
    is_secret(
        schema.get("writeOnly") == Some(&serde_json::Value::Bool(true)),
        schema.get("format").and_then(serde_json::Value::as_str),
    )
}

/// The one rule of what is secret, given a schema's `writeOnly` and `format`.
pub fn is_secret(write_only: bool, format: Option<&str>) -> bool {
    write_only || format == Some("password")
}

/// A string that is never printed, compared in constant time and zeroed on drop.
///
/// ```
/// use schema_runtime::SecretString;
///
/// let token = SecretString::from("tok_123");
/// assert_eq!(format!("{token:?}"), "[REDACTED]");
/// assert_eq!(token.expose_secret(), "tok_123");
/// assert_eq!(serde_json::to_string(&token).unwrap(), "\"tok_123\"");
/// ```
#[derive(Clone, Default)]
pub struct SecretString(String);

impl SecretString {
    pub fn new(secret: String) -> Self {
        SecretString(secret)
    }

    /// The secret itself. Every use is a place where it can leak: keep them few.
    pub fn expose_secret(&self) -> &str {
        &self.0
    }

    /// The length in bytes, which comparisons and serialization reveal anyway.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl From<String> for SecretString {
    fn from(secret: String) -> Self {
        SecretString(secret)
    }
}

impl From<&str> for SecretString {
    fn from(secret: &str) -> Self {
        SecretString(secret.to_string())
    }
}

impl fmt::Debug for SecretString {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[REDACTED]")
    }
}

impl Drop for SecretString {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// Equal secrets of equal length compare in time independent of their contents; the length
/// itself is not hidden.
impl PartialEq for SecretString {
    fn eq(&self, other: &Self) -> bool {
        self.0.as_bytes().ct_eq(other.0.as_bytes()).into()
    }
}

impl Eq for SecretString {}

impl Serialize for SecretString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for SecretString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // `deserialize_any`, not `deserialize_string`: serde_json answers a wrong type in the
        // latter itself, quoting the value, without asking the visitor.
        deserializer.deserialize_any(SecretVisitor)
    }
}

/// Accepts strings; anything else fails without quoting what was found, which serde's
/// default messages would do ("invalid type: integer `42`").
struct SecretVisitor;

fn redacted<E: de::Error>() -> E {
    E::invalid_type(
        Unexpected::Other("a value that is not a string (redacted)"),
        &SecretVisitor,
    )
}

impl<'de> Visitor<'de> for SecretVisitor {
    type Value = SecretString;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a secret string")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<SecretString, E> {
        Ok(SecretString(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<SecretString, E> {
        Ok(SecretString(v))
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_i128<E: de::Error>(self, _: i128) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_u128<E: de::Error>(self, _: u128) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<SecretString, E> {
        Ok(SecretString(v.to_string()))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_none<E: de::Error>(self) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_unit<E: de::Error>(self) -> Result<SecretString, E> {
        Err(redacted())
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<SecretString, A::Error> {
        Err(redacted())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<SecretString, A::Error> {
        Err(redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_itself() {
        let secret = SecretString::from("hunter2");
        assert_eq!(
            format!("{secret:?} {:?}", Some(secret.clone())),
            "[REDACTED] Some([REDACTED])"
        );
    }

    #[test]
    fn round_trips_as_a_plain_string() {
        let secret: SecretString = serde_json::from_str("\"hunter2\"").unwrap();
        assert_eq!(secret.expose_secret(), "hunter2");
        assert_eq!(serde_json::to_string(&secret).unwrap(), "\"hunter2\"");
    }

    #[test]
    fn decoding_errors_do_not_quote_the_value() {
        for json in [
            "424242",
            "true",
            "[\"hunter2\"]",
            "{\"k\": \"hunter2\"}",
            "-7.5",
        ] {
            let err = serde_json::from_str::<SecretString>(json)
                .unwrap_err()
                .to_string();
            assert!(
                !err.contains("hunter2") && !err.contains("424242") && !err.contains("7.5"),
                "{err}"
            );
            assert!(err.contains("redacted"), "{err}");
        }
    }

    #[test]
    fn compares_by_content() {
        assert_eq!(SecretString::from("a"), SecretString::from("a"));
        assert_ne!(SecretString::from("a"), SecretString::from("b"));
        assert_ne!(SecretString::from("a"), SecretString::from("ab"));
    }
}

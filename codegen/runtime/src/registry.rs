//! The compiled-in schemas that generated crates list as `SCHEMAS`, so that tools (the
//! `validate` CLI, tests) can pick a schema by name, and the [`Model`] trait of root types.

use serde::Serialize;
use serde_json::Value;

use crate::errors::{ValidationError, ValidationErrors};

/// A generated root type: decoded only through validation.
pub trait Model: Sized + Serialize {
    /// Validates `value` against the type's schema and decodes it.
    fn from_json_value(value: Value) -> Result<Self, ValidationErrors>;
}

/// One compiled-in schema.
#[derive(Debug, Clone, Copy)]
pub struct SchemaEntry {
    /// The schema's file stem: `credentials`.
    pub name: &'static str,
    /// The root type's name: `Credentials`.
    pub type_name: &'static str,
    /// The schema file it was generated from, as the generator saw it.
    pub source: &'static str,
    /// Validates a parsed value, reporting every violation.
    pub validate: fn(&Value) -> Result<(), ValidationErrors>,
    /// Parses bytes strictly and validates them.
    pub validate_json: fn(&[u8]) -> Result<(), ValidationErrors>,
    /// Validates, decodes into the root type and encodes back; `None` when the schema has no
    /// Rust type.
    pub round_trip: Option<fn(Value) -> Result<Value, ValidationErrors>>,
}

/// Decodes `value` as `T` through validation and encodes the result: what a consumer's code
/// does with a payload.
pub fn round_trip<T: Model>(value: Value) -> Result<Value, ValidationErrors> {
    let typed = T::from_json_value(value)?;
    serde_json::to_value(&typed).map_err(|e| {
        ValidationErrors::from(ValidationError::range(
            String::new(),
            format!(
                "the decoded value does not encode back to JSON: {}",
                e.classify() as u8
            ),
        ))
    })
}

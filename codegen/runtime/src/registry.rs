//! The list of compiled-in schemas that generated crates export as `SCHEMAS`, so that tools
//! (the `validate` CLI, tests) can pick a schema by name.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// One compiled-in schema.
#[derive(Debug, Clone, Copy)]
pub struct SchemaEntry {
    /// The schema's file stem: `credentials`.
    pub name: &'static str,
    /// The root type's name: `Credentials`.
    pub type_name: &'static str,
    /// The schema file it was generated from, as the generator saw it.
    pub source: &'static str,
    /// Decodes a value into the root type and encodes it back.
    pub round_trip: fn(&Value) -> Result<Value, String>,
}

/// Decodes `value` as `T` and encodes the result: what a consumer's code does with a payload.
pub fn round_trip<T: DeserializeOwned + Serialize>(value: &Value) -> Result<Value, String> {
    let typed: T = serde_json::from_value(value.clone()).map_err(|e| e.to_string())?;
    serde_json::to_value(&typed).map_err(|e| e.to_string())
}

//! Strings that `schema-runtime`'s types hold instead of typify's: a secret
//! (`writeOnly: true` or `format: "password"`) as `SecretString`, which never prints itself,
//! and a `date-time` as `DateTime`, which keeps the offset and the form it was written in
//! (unless `codegen.toml` says `date_time = "utc"`, typify's `chrono::DateTime<Utc>`).
//!
//! Each such schema gets the `x-rust-type` extension, which typify honours for the crates it
//! is told of. A user's replacement (`replacements.rs`) marks after this and wins.

use serde_json::{Value, json};

use super::locate;
use crate::config::DateTimes;
use crate::subschema::{JsonType, Subschema};
use crate::vocabulary;

/// The crate of the types, for typify's `with_crate`.
pub const CRATE: &str = "schema-runtime";
const SECRET_TYPE: &str = "schema_runtime::SecretString";
const DATE_TIME_TYPE: &str = "schema_runtime::DateTime";
const DATE_TIME_FORMAT: &str = "date-time";

/// Marks every secret string schema, and every `date-time` string schema unless
/// `date_times` asks for UTC, of type `string` or `["string", "null"]`.
pub fn mark(schema: &mut Value, date_times: DateTimes) {
    let read = Subschema::parse(schema);
    let path = if read.is_secret() && is_string_typed(&read, true) {
        Some(SECRET_TYPE)
    } else if date_times == DateTimes::AsWritten
        && read.format == Some(DATE_TIME_FORMAT)
        && is_string_typed(&read, false)
    {
        Some(DATE_TIME_TYPE)
    } else {
        None
    };
    let nullable = read
        .types
        .as_ref()
        .is_some_and(|types| types.contains(JsonType::Null));
    if let (Some(path), Value::Object(object)) = (path, &mut *schema) {
        let extension = json!({"crate": CRATE, "version": "*", "path": path});
        if nullable {
            // typify types the extension's schema as the type alone, `null` left out: the
            // `Option` comes from an alternative of `null`.
            let string = json!({"type": JsonType::String.name(), "x-rust-type": extension});
            object.retain(|keyword, _| vocabulary::annotates(keyword));
            object.insert(
                "anyOf".into(),
                json!([{"type": JsonType::Null.name()}, string]),
            );
        } else {
            object.insert("x-rust-type".into(), extension);
        }
    }
    let children: Vec<Vec<String>> = vocabulary::subschemas(schema, locate::TYPIFY_DIALECT)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    for path in children {
        if let Some(child) = locate::get_mut(schema, &path) {
            mark(child, date_times);
        }
    }
}

/// Of type `string` or `["string", "null"]`; without `type`, only a `format: "password"`
/// secret counts (`untyped_password`), which typify would otherwise type as any value.
fn is_string_typed(schema: &Subschema<'_>, untyped_password: bool) -> bool {
    match &schema.types {
        Some(types) => {
            types.contains(JsonType::String) && types.only(&[JsonType::String, JsonType::Null])
        }
        None => untyped_password && schema.format == Some("password"),
    }
}

//! JSON values as JSON Schema sees them: equality where `1 == 1.0`, type names, and short
//! previews for error messages.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::OnceLock;

use serde_json::Value;

use crate::num;

/// JSON equality: numbers by value, objects regardless of key order.
pub fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => num::equal(x, y),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => false,
    }
}

/// The first pair of equal items, by index, if any.
///
/// Items are bucketed by a hash that agrees with [`equal`], so long arrays cost linear time.
pub fn first_duplicate(items: &[Value]) -> Option<(usize, usize)> {
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::with_capacity(items.len());
    for (j, item) in items.iter().enumerate() {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        hash(item, &mut hasher);
        let bucket = buckets.entry(hasher.finish()).or_default();
        if let Some(&i) = bucket.iter().find(|&&i| equal(&items[i], item)) {
            return Some((i, j));
        }
        bucket.push(j);
    }
    None
}

fn hash(value: &Value, state: &mut impl Hasher) {
    match value {
        Value::Null => 0u8.hash(state),
        Value::Bool(b) => (1u8, b).hash(state),
        Value::Number(n) => match num::Limit::of(n) {
            num::Limit::Int(i) => (2u8, i).hash(state),
            num::Limit::Float(f) => (3u8, f.to_bits()).hash(state),
        },
        Value::String(s) => (4u8, s).hash(state),
        Value::Array(items) => {
            (5u8, items.len()).hash(state);
            items.iter().for_each(|item| hash(item, state));
        }
        Value::Object(map) => {
            // Key order must not matter: combine entry hashes with a commutative sum.
            let mut sum = 0u64;
            for (key, item) in map {
                let mut entry = std::collections::hash_map::DefaultHasher::new();
                key.hash(&mut entry);
                hash(item, &mut entry);
                sum = sum.wrapping_add(entry.finish());
            }
            (6u8, map.len(), sum).hash(state);
        }
    }
}

/// The JSON type name of a value, as JSON Schema's `type` keyword spells it.
pub fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if num::is_integer(n) => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// Longest preview of a value shown in a message, in characters.
pub const PREVIEW_CHARS: usize = 40;

/// A value as it may appear in a message: compact JSON cut at [`PREVIEW_CHARS`], or a
/// placeholder when the value is secret.
pub fn preview(value: &Value, secret: bool) -> String {
    if secret {
        return "[REDACTED]".to_string();
    }
    let text = value.to_string();
    truncate(&text)
}

/// A string value as it may appear in a message.
pub fn preview_str(text: &str, secret: bool) -> String {
    if secret {
        return "[REDACTED]".to_string();
    }
    truncate(&Value::String(text.to_string()).to_string())
}

fn truncate(text: &str) -> String {
    match text.char_indices().nth(PREVIEW_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

/// A JSON literal from a schema (`const`, an `enum` member), parsed on first use.
pub struct Literal {
    json: &'static str,
    value: OnceLock<Value>,
}

impl Literal {
    /// `json` was written by the generator from a parsed value, so it is valid JSON.
    pub const fn new(json: &'static str) -> Self {
        Literal {
            json,
            value: OnceLock::new(),
        }
    }

    pub fn get(&self) -> &Value {
        self.value
            .get_or_init(|| serde_json::from_str(self.json).unwrap_or(Value::Null))
    }

    /// The literal as written in the schema.
    pub fn json(&self) -> &'static str {
        self.json
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_are_equal_by_value() {
        assert!(equal(&json!(1), &json!(1.0)));
        assert!(equal(&json!({"a": [1, 2.0]}), &json!({"a": [1.0, 2]})));
        assert!(!equal(&json!(1), &json!(true)));
        assert!(!equal(&json!([1]), &json!([1, 1])));
    }

    #[test]
    fn finds_duplicates_across_representations_and_key_orders() {
        assert_eq!(
            first_duplicate(&[json!(1), json!(2), json!(1.0)]),
            Some((0, 2))
        );
        let a: Value = serde_json::from_str(r#"{"x": 1, "y": 2}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"y": 2, "x": 1}"#).unwrap();
        assert_eq!(first_duplicate(&[a, b]), Some((0, 1)));
        assert_eq!(first_duplicate(&[json!([1]), json!([true])]), None);
        assert_eq!(first_duplicate(&[json!(false), json!(0)]), None);
    }

    #[test]
    fn previews_are_short_and_secrets_hidden() {
        assert_eq!(preview(&json!(-5), false), "-5");
        let long = "x".repeat(100);
        let shown = preview_str(&long, false);
        assert_eq!(shown.chars().count(), PREVIEW_CHARS + 1);
        assert_eq!(preview_str("hunter2", true), "[REDACTED]");
    }

    #[test]
    fn type_names_follow_json_schema() {
        assert_eq!(type_name(&json!(1.0)), "integer");
        assert_eq!(type_name(&json!(1.5)), "number");
        assert_eq!(type_name(&json!(null)), "null");
    }
}

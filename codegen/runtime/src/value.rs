//! JSON values as JSON Schema sees them: equality where `1 == 1.0`, type names, and short
//! previews for error messages.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hash, Hasher, RandomState};
use std::sync::OnceLock;

use serde_json::Value;

use crate::num;

/// JSON equality: numbers by value, objects regardless of key order. Iterative, so values of
/// any depth compare without exhausting the stack.
pub fn equal(a: &Value, b: &Value) -> bool {
    if let Some(same) = scalar_equal(a, b) {
        return same;
    }
    let mut pending = vec![(a, b)];
    while let Some((a, b)) = pending.pop() {
        match (a, b) {
            (Value::Array(x), Value::Array(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                pending.extend(x.iter().zip(y));
            }
            (Value::Object(x), Value::Object(y)) => {
                if x.len() != y.len() {
                    return false;
                }
                for (key, v) in x {
                    match y.get(key) {
                        Some(w) => pending.push((v, w)),
                        None => return false,
                    }
                }
            }
            _ => {
                if scalar_equal(a, b) != Some(true) {
                    return false;
                }
            }
        }
    }
    true
}

/// Equality of two values when at least one is not a container; `None` for two arrays or
/// two objects.
fn scalar_equal(a: &Value, b: &Value) -> Option<bool> {
    Some(match (a, b) {
        (Value::Null, Value::Null) => true,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::String(x), Value::String(y)) => x == y,
        (Value::Number(x), Value::Number(y)) => num::equal(x, y),
        (Value::Array(_), Value::Array(_)) | (Value::Object(_), Value::Object(_)) => return None,
        _ => false,
    })
}

/// The first pair of equal items, by index, if any.
///
/// Items are bucketed by a hash that agrees with [`equal`], keyed afresh for every call so
/// that no payload can be built to make them collide: long arrays cost linear time.
pub fn first_duplicate(items: &[Value]) -> Option<(usize, usize)> {
    let keys = RandomState::new();
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::with_capacity(items.len());
    for (j, item) in items.iter().enumerate() {
        let mut hasher = keys.build_hasher();
        hash(item, &mut hasher, &keys, 0);
        let bucket = buckets.entry(hasher.finish()).or_default();
        if let Some(&i) = bucket.iter().find(|&&i| equal(&items[i], item)) {
            return Some((i, j));
        }
        bucket.push(j);
    }
    None
}

/// How deep hashing looks: below this, values hash by kind and size only. Equal values still
/// hash equally, and the stack stays small whatever the depth.
const HASH_DEPTH: usize = 32;

fn hash(value: &Value, state: &mut impl Hasher, keys: &RandomState, depth: usize) {
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
            if depth < HASH_DEPTH {
                items
                    .iter()
                    .for_each(|item| hash(item, state, keys, depth + 1));
            }
        }
        Value::Object(map) => {
            (6u8, map.len()).hash(state);
            if depth < HASH_DEPTH {
                // Key order must not matter: combine entry hashes with a commutative sum.
                let mut sum = 0u64;
                for (key, item) in map {
                    let mut entry = keys.build_hasher();
                    key.hash(&mut entry);
                    hash(item, &mut entry, keys, depth + 1);
                    sum = sum.wrapping_add(entry.finish());
                }
                sum.hash(state);
            }
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
/// placeholder when the value is secret. Only the part shown is ever serialized, so a
/// megabyte value costs no more than a small one.
pub fn preview(value: &Value, secret: bool) -> String {
    if secret {
        return "[REDACTED]".to_string();
    }
    let mut head = Head(Vec::new());
    // `Head` refuses bytes once it has enough; the error only means "cut here".
    let _ = serde_json::to_writer(&mut head, value);
    truncate(&String::from_utf8_lossy(&head.0))
}

/// A string value as it may appear in a message.
pub fn preview_str(text: &str, secret: bool) -> String {
    if secret {
        return "[REDACTED]".to_string();
    }
    // A character is at most four bytes; the quotes and escapes fit in the slack.
    let cut = text
        .char_indices()
        .nth(PREVIEW_CHARS + 1)
        .map_or(text.len(), |(i, _)| i);
    truncate(&Value::String(text[..cut].to_string()).to_string())
}

/// The first bytes of a serialization: enough for [`PREVIEW_CHARS`] characters and a cut.
struct Head(Vec<u8>);

impl std::io::Write for Head {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let room = (PREVIEW_CHARS + 1) * 4 - self.0.len().min((PREVIEW_CHARS + 1) * 4);
        if room == 0 {
            return Err(std::io::Error::other("preview is long enough"));
        }
        let taken = bytes.len().min(room);
        self.0.extend_from_slice(&bytes[..taken]);
        Ok(taken)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A property name as it may appear in a message, cut at [`KEY_CHARS`].
pub fn preview_key(key: &str) -> std::borrow::Cow<'_, str> {
    match key.char_indices().nth(KEY_CHARS) {
        Some((cut, _)) => format!("{}…", &key[..cut]).into(),
        None => key.into(),
    }
}

/// Longest property name shown in a message, in characters.
pub const KEY_CHARS: usize = 80;

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
    fn huge_and_deep_values_are_cheap_to_compare_and_show() {
        // serde_json's own `Clone` and `Drop` of values this deep overflow the stack, so each
        // is built on its own and never dropped.
        let deep = || {
            let mut value = json!(1);
            for _ in 0..100_000 {
                value = Value::Array(vec![value]);
            }
            value
        };
        let items = [deep(), json!(1), deep()];
        assert!(equal(&items[0], &items[2]));
        assert_eq!(first_duplicate(&items), Some((0, 2)));
        assert_eq!(
            preview(&items[0], false),
            format!("{}…", "[".repeat(PREVIEW_CHARS))
        );
        std::mem::forget(items);
        let long = "é".repeat(1_000_000);
        assert_eq!(preview_str(&long, false).chars().count(), PREVIEW_CHARS + 1);
        assert_eq!(preview_key(&long).chars().count(), KEY_CHARS + 1);
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

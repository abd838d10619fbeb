//! Strict JSON parsing: I-JSON (RFC 7493) rules on top of serde_json.
//!
//! serde_json keeps the last of two equal keys and checks UTF-8 only inside strings. Schemas
//! and payloads are parsed here instead, so that a duplicate key, invalid UTF-8, trailing
//! garbage or nesting past [`MAX_DEPTH`] is an error that says where it is.

use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use crate::pointer;

/// The deepest nesting of arrays and objects a document may have.
///
/// Recursive validation and `Drop` of deeper documents could exhaust the stack; serde_json's
/// own limit (128) is a little above this one, so this error is the one users see.
pub const MAX_DEPTH: usize = 100;

/// Why a document is not acceptable JSON.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JsonError {
    /// The bytes are not UTF-8.
    #[error("invalid UTF-8 at byte {offset} (line {line} column {column})")]
    InvalidUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
    /// The text is not JSON, or has characters after the document.
    #[error("invalid JSON at line {line} column {column}: {message}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
    },
    /// An object has the same key twice.
    #[error(
        "duplicate key at {pointer} (line {line} column {column}): I-JSON (RFC 7493) forbids duplicate object keys"
    )]
    DuplicateKey {
        pointer: String,
        line: usize,
        column: usize,
    },
    /// Arrays and objects nest deeper than [`MAX_DEPTH`].
    #[error("nesting deeper than {limit} levels at {pointer} (line {line} column {column})")]
    TooDeep {
        limit: usize,
        pointer: String,
        line: usize,
        column: usize,
    },
}

impl JsonError {
    /// The JSON Pointer of the offending part, where there is one.
    pub fn pointer(&self) -> Option<&str> {
        match self {
            JsonError::DuplicateKey { pointer, .. } | JsonError::TooDeep { pointer, .. } => {
                Some(pointer)
            }
            _ => None,
        }
    }

    /// The 1-based line of the offending part.
    pub fn line(&self) -> usize {
        match self {
            JsonError::InvalidUtf8 { line, .. }
            | JsonError::Syntax { line, .. }
            | JsonError::DuplicateKey { line, .. }
            | JsonError::TooDeep { line, .. } => *line,
        }
    }
}

/// Parses one JSON document from bytes, strictly.
pub fn parse_slice(bytes: &[u8]) -> Result<Value, JsonError> {
    match std::str::from_utf8(bytes) {
        Ok(text) => parse_str(text),
        Err(e) => {
            let offset = e.valid_up_to();
            let (line, column) = line_column(&bytes[..offset]);
            Err(JsonError::InvalidUtf8 {
                offset,
                line,
                column,
            })
        }
    }
}

/// Parses one JSON document from text, strictly.
pub fn parse_str(text: &str) -> Result<Value, JsonError> {
    let mut state = State::default();
    let mut de = serde_json::Deserializer::from_str(text);
    let value = ValueSeed { state: &mut state }
        .deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value));
    value.map_err(|e| state.into_error(&e))
}

fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = 1 + prefix.iter().filter(|&&b| b == b'\n').count();
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, 1 + prefix.len() - line_start)
}

#[derive(Default)]
struct State {
    path: Vec<Segment>,
    failure: Option<Failure>,
}

enum Segment {
    Key(String),
    Index(usize),
}

enum Failure {
    Duplicate(String),
    TooDeep(String),
}

impl State {
    fn pointer(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            match segment {
                Segment::Key(key) => pointer::push_token(&mut out, key),
                Segment::Index(index) => pointer::push_index(&mut out, *index),
            }
        }
        out
    }

    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        // `path` holds one segment per enclosing container, so its length is the depth.
        if self.path.len() >= MAX_DEPTH {
            self.failure = Some(Failure::TooDeep(self.pointer()));
            return Err(E::custom("nesting too deep"));
        }
        Ok(())
    }

    fn into_error(self, e: &serde_json::Error) -> JsonError {
        let (line, column) = (e.line(), e.column());
        match self.failure {
            Some(Failure::Duplicate(pointer)) => JsonError::DuplicateKey {
                pointer,
                line,
                column,
            },
            Some(Failure::TooDeep(pointer)) => JsonError::TooDeep {
                limit: MAX_DEPTH,
                pointer,
                line,
                column,
            },
            None => {
                let text = e.to_string();
                // serde_json appends " at line L column C"; the variant carries those apart.
                let message = match text.rsplit_once(" at line ") {
                    Some((message, _)) => message.to_string(),
                    None => text,
                };
                if message.contains("recursion limit exceeded") {
                    return JsonError::TooDeep {
                        limit: MAX_DEPTH,
                        pointer: String::new(),
                        line,
                        column,
                    };
                }
                JsonError::Syntax {
                    line,
                    column,
                    message,
                }
            }
        }
    }
}

struct ValueSeed<'s> {
    state: &'s mut State,
}

impl<'de> DeserializeSeed<'de> for ValueSeed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValueSeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // serde_json never yields a non-finite float from text.
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        self.state.enter()?;
        let mut items = Vec::new();
        loop {
            self.state.path.push(Segment::Index(items.len()));
            let item = seq.next_element_seed(ValueSeed {
                state: &mut *self.state,
            })?;
            self.state.path.pop();
            match item {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        self.state.enter()?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.state.path.push(Segment::Key(key));
            if let Some(Segment::Key(key)) = self.state.path.last()
                && object.contains_key(key)
            {
                self.state.failure = Some(Failure::Duplicate(self.state.pointer()));
                return Err(de::Error::custom("duplicate key"));
            }
            let value = map.next_value_seed(ValueSeed {
                state: &mut *self.state,
            })?;
            if let Some(Segment::Key(key)) = self.state.path.pop() {
                object.insert(key, value);
            }
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_documents() {
        let value = parse_str(r#"{"a": [1, 2.5, "x", null, true]}"#).unwrap();
        assert_eq!(value, serde_json::json!({"a": [1, 2.5, "x", null, true]}));
    }

    #[test]
    fn rejects_duplicate_keys_with_their_pointer() {
        let err = parse_str("{\"a\": {\"b/c\": 1,\n \"b/c\": 2}}").unwrap_err();
        match &err {
            JsonError::DuplicateKey { pointer, line, .. } => {
                assert_eq!(pointer, "/a/b~1c");
                assert_eq!(*line, 2);
            }
            other => panic!("unexpected {other:?}"),
        }
        assert!(err.to_string().contains("RFC 7493"));
    }

    #[test]
    fn rejects_duplicate_keys_inside_arrays() {
        let err = parse_str(r#"[{}, {"k": 1, "k": 1}]"#).unwrap_err();
        assert_eq!(err.pointer(), Some("/1/k"));
    }

    #[test]
    fn rejects_trailing_garbage() {
        let err = parse_str(r#"{"a": 1} x"#).unwrap_err();
        assert!(
            matches!(&err, JsonError::Syntax { message, .. } if message == "trailing characters"),
            "{err}"
        );
    }

    #[test]
    fn rejects_invalid_utf8_with_its_offset() {
        let err = parse_slice(b"{\"a\":\n \"\xff\"}").unwrap_err();
        assert_eq!(
            err,
            JsonError::InvalidUtf8 {
                offset: 8,
                line: 2,
                column: 3
            }
        );
    }

    #[test]
    fn rejects_deep_nesting_without_overflowing_the_stack() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let err = parse_str(&deep).unwrap_err();
        assert!(
            matches!(
                err,
                JsonError::TooDeep {
                    limit: MAX_DEPTH,
                    ..
                }
            ),
            "{err}"
        );
        let ok = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse_str(&ok).is_ok());
        let too_deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse_str(&too_deep).is_err());
    }

    #[test]
    fn syntax_errors_do_not_echo_string_contents() {
        let err = parse_str("{\"token\": \"s3cr3t\u{1}\"}").unwrap_err();
        assert!(!err.to_string().contains("s3cr3t"), "{err}");
    }
}

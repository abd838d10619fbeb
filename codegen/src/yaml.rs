//! YAML sources: a `.yaml`/`.yml` schema read into the same JSON value a `.json` file gives,
//! as strictly.
//!
//! YAML 1.2 with its core schema (so `on`, `yes` and `NO` stay strings, unlike YAML 1.1),
//! parsed by `saphyr-parser` into events and built here, because the rules a schema needs
//! sit between the parser and the value: a duplicate key is an error, not a silent
//! overwrite; aliases are expanded, but may add at most [`MAX_ALIAS_NODES`] nodes (an alias
//! bomb of nine nested levels of ten would add a billion); nesting is capped at the JSON
//! reader's [`MAX_DEPTH`]; and every error has a line, a column and a JSON Pointer.

use std::borrow::Cow;
use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use schema_runtime::json::MAX_DEPTH;
use schema_runtime::pointer;
use serde_json::{Map, Number, Value};

/// The most nodes that aliases may add to one document, beyond the document's own.
pub const MAX_ALIAS_NODES: usize = 1_000_000;

/// Why a YAML document is not an acceptable schema source.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (line {line} column {column})")]
pub struct YamlError {
    /// Where in the document being built: the JSON Pointer of the offending node.
    pub pointer: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Reads one YAML document into a JSON value.
pub fn parse(text: &str) -> Result<Value, YamlError> {
    let mut builder = Builder::default();
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => builder.event(event, span)?,
            Err(e) => {
                let message = format!("invalid YAML: {}", e.info());
                return Err(builder.error_at(e.marker().line(), e.marker().col(), message));
            }
        }
    }
    builder.root.ok_or_else(|| YamlError {
        pointer: String::new(),
        line: 1,
        column: 1,
        message: "the YAML file holds no document".to_string(),
    })
}

enum Frame {
    Sequence {
        items: Vec<Value>,
        anchor: usize,
        nodes: usize,
    },
    Mapping {
        entries: Map<String, Value>,
        anchor: usize,
        nodes: usize,
        key: Option<String>,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    /// Completed anchored nodes, with the number of nodes each holds.
    anchors: HashMap<usize, (Value, usize)>,
    alias_nodes: usize,
    documents: usize,
    root: Option<Value>,
}

impl Builder {
    fn event(&mut self, event: Event<'_>, span: Span) -> Result<(), YamlError> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(self.error(
                        span,
                        "a schema file holds one YAML document; this is a second one",
                    ));
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                if self.expects_key() {
                    return self.key(text.into_owned(), span);
                }
                let value =
                    scalar(&text, style, tag.as_deref()).map_err(|m| self.error(span, m))?;
                self.complete(value, 1, anchor, span)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(span)?;
                self.stack.push(Frame::Sequence {
                    items: Vec::new(),
                    anchor,
                    nodes: 1,
                });
            }
            Event::MappingStart(anchor, _) => {
                self.open(span)?;
                self.stack.push(Frame::Mapping {
                    entries: Map::new(),
                    anchor,
                    nodes: 1,
                    key: None,
                });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (value, nodes, anchor) = match self.stack.pop() {
                    Some(Frame::Sequence {
                        items,
                        anchor,
                        nodes,
                    }) => (Value::Array(items), nodes, anchor),
                    Some(Frame::Mapping {
                        entries,
                        anchor,
                        nodes,
                        ..
                    }) => (Value::Object(entries), nodes, anchor),
                    None => return Err(self.error(span, "unbalanced YAML collection")),
                };
                self.complete(value, nodes, anchor, span)?;
            }
            Event::Alias(id) => {
                let Some(&(_, nodes)) = self.anchors.get(&id) else {
                    return Err(self.error(
                        span,
                        "alias to an anchor that is not complete here (an alias inside the node it names)",
                    ));
                };
                self.alias_nodes += nodes;
                if self.alias_nodes > MAX_ALIAS_NODES {
                    return Err(self.error(
                        span,
                        format!("aliases expand to more than {MAX_ALIAS_NODES} nodes; an alias bomb is refused"),
                    ));
                }
                // Counted before the copy, so that a bomb is refused before it is built.
                let value = self.anchors[&id].0.clone();
                if self.expects_key() {
                    return match value {
                        Value::String(key) => self.key(key, span),
                        _ => Err(self.error(span, "a mapping key must be a string")),
                    };
                }
                self.complete(value, nodes, 0, span)?;
            }
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => {}
        }
        Ok(())
    }

    fn expects_key(&self) -> bool {
        matches!(self.stack.last(), Some(Frame::Mapping { key: None, .. }))
    }

    fn key(&mut self, key: String, span: Span) -> Result<(), YamlError> {
        if let Some(Frame::Mapping {
            entries, key: slot, ..
        }) = self.stack.last_mut()
        {
            if entries.contains_key(&key) {
                let mut message = format!("duplicate key `{}`", preview(&key));
                message.push_str("; the generator would otherwise pick one silently");
                let mut error = self.error(span, message);
                pointer::push_token(&mut error.pointer, &key);
                return Err(error);
            }
            *slot = Some(key);
        }
        Ok(())
    }

    /// A collection starts: refused as a key, and past the depth cap.
    fn open(&self, span: Span) -> Result<(), YamlError> {
        if self.expects_key() {
            return Err(self.error(span, "a mapping key must be a string, not a collection"));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(span, format!("nesting deeper than {MAX_DEPTH} levels")));
        }
        Ok(())
    }

    fn complete(
        &mut self,
        value: Value,
        nodes: usize,
        anchor: usize,
        span: Span,
    ) -> Result<(), YamlError> {
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), nodes));
        }
        match self.stack.last_mut() {
            None => self.root = Some(value),
            Some(Frame::Sequence {
                items, nodes: n, ..
            }) => {
                items.push(value);
                *n += nodes;
            }
            Some(Frame::Mapping {
                entries,
                nodes: n,
                key,
                ..
            }) => match key.take() {
                Some(key) => {
                    entries.insert(key, value);
                    *n += nodes;
                }
                None => return Err(self.error(span, "a mapping key must be a string")),
            },
        }
        Ok(())
    }

    fn error(&self, span: Span, message: impl Into<String>) -> YamlError {
        self.error_at(span.start.line(), span.start.col(), message.into())
    }

    fn error_at(&self, line: usize, column: usize, message: String) -> YamlError {
        YamlError {
            pointer: self.pointer(),
            line,
            column: column + 1,
            message,
        }
    }

    /// The JSON Pointer of the node being read.
    fn pointer(&self) -> String {
        let mut out = String::new();
        for frame in &self.stack {
            match frame {
                Frame::Sequence { items, .. } => {
                    pointer::push_token(&mut out, &items.len().to_string())
                }
                Frame::Mapping { key: Some(key), .. } => pointer::push_token(&mut out, key),
                Frame::Mapping { key: None, .. } => {}
            }
        }
        out
    }
}

fn preview(key: &str) -> Cow<'_, str> {
    match key.char_indices().nth(80) {
        Some((end, _)) => Cow::Owned(format!("{}…", &key[..end])),
        None => Cow::Borrowed(key),
    }
}

/// A scalar's value under the YAML 1.2 core schema: plain scalars may be null, booleans or
/// numbers; quoted and block scalars are strings; `!!str`, `!!int`, `!!float`, `!!bool` and
/// `!!null` say which.
fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Result<Value, String> {
    let Some(tag) = tag else {
        return Ok(match style {
            ScalarStyle::Plain => plain(text)?,
            _ => Value::String(text.to_string()),
        });
    };
    if tag.handle == "!" && tag.suffix.is_empty() {
        return Ok(Value::String(text.to_string()));
    }
    if !tag.is_yaml_core_schema() {
        return Err(format!(
            "the tag `{tag}` has no meaning in JSON; only the core schema's tags (`!!str`, `!!int`, …) are read"
        ));
    }
    let resolved = plain(text)?;
    let fits = match tag.suffix.as_str() {
        "str" => return Ok(Value::String(text.to_string())),
        "null" => resolved.is_null(),
        "bool" => resolved.is_boolean(),
        "int" => resolved.is_i64() || resolved.is_u64(),
        "float" => resolved.is_number(),
        other => return Err(format!("the tag `!!{other}` does not apply to a scalar")),
    };
    if fits {
        Ok(resolved)
    } else {
        Err(format!("`{}` is not a valid `{tag}`", preview(text)))
    }
}

/// A plain scalar, resolved by the core schema's rules.
fn plain(text: &str) -> Result<Value, String> {
    Ok(match text {
        "" | "~" | "null" | "Null" | "NULL" => Value::Null,
        "true" | "True" | "TRUE" => Value::Bool(true),
        "false" | "False" | "FALSE" => Value::Bool(false),
        _ if is_special_float(text) => {
            return Err(format!(
                "`{text}` (infinity or not-a-number) cannot be represented in JSON"
            ));
        }
        _ => number(text).unwrap_or_else(|| Value::String(text.to_string())),
    })
}

fn is_special_float(text: &str) -> bool {
    let unsigned = text.trim_start_matches(['+', '-']);
    let infinity = matches!(unsigned, ".inf" | ".Inf" | ".INF") && text.len() - unsigned.len() <= 1;
    infinity || matches!(text, ".nan" | ".NaN" | ".NAN")
}

fn number(text: &str) -> Option<Value> {
    if let Some(octal) = text.strip_prefix("0o") {
        return radix(octal, 8);
    }
    if let Some(hex) = text.strip_prefix("0x") {
        return radix(hex, 16);
    }
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e)),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (mantissa, None),
    };
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        None => !whole.is_empty() && digits(whole),
        Some(f) => digits(whole) && digits(f) && !(whole.is_empty() && f.is_empty()),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    if !mantissa_ok || !exponent_ok {
        return None;
    }
    let integer = fraction.is_none() && exponent.is_none();
    if integer {
        let plus_less = text.strip_prefix('+').unwrap_or(text);
        if let Ok(n) = plus_less.parse::<i64>() {
            return Some(Value::Number(n.into()));
        }
        if let Ok(n) = plus_less.parse::<u64>() {
            return Some(Value::Number(n.into()));
        }
    }
    text.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(Value::Number)
}

fn radix(digits: &str, radix: u32) -> Option<Value> {
    u64::from_str_radix(digits, radix)
        .ok()
        .map(|n| Value::Number(n.into()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_the_core_schema_not_yaml_1_1() {
        let value =
            parse("on: yes\nn: ~\nt: true\ni: -12\nf: 1.5e3\nh: 0x1F\ns: '12'\nb: !!str 7\n")
                .unwrap();
        assert_eq!(
            value,
            json!({"on": "yes", "n": null, "t": true, "i": -12, "f": 1500.0, "h": 31, "s": "12", "b": "7"})
        );
    }

    #[test]
    fn expands_aliases() {
        let value = parse("a: &x {type: string}\nb: *x\n").unwrap();
        assert_eq!(
            value,
            json!({"a": {"type": "string"}, "b": {"type": "string"}})
        );
    }

    #[test]
    fn duplicate_keys_are_located() {
        let e = parse("properties:\n  a: {}\n  a: {}\n").unwrap_err();
        assert_eq!(
            (e.pointer.as_str(), e.line, e.column),
            ("/properties/a", 3, 3)
        );
        assert!(e.message.contains("duplicate key `a`"), "{e}");
    }

    #[test]
    fn tab_indentation_is_located() {
        let e = parse("properties:\n\ta: {}\n").unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        assert!(e.message.starts_with("invalid YAML"), "{e}");
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..9 {
            let previous = format!("*a{}", level - 1);
            let items = [previous.as_str(); 10].join(", ");
            text.push_str(&format!("a{level}: &a{level} [{items}]\n"));
        }
        let e = parse(&text).unwrap_err();
        assert!(e.message.contains("alias bomb"), "{e}");
        assert!(e.pointer.starts_with("/a"), "{e:?}");
    }

    #[test]
    fn nesting_is_capped() {
        let deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
        assert!(parse(&deep).unwrap_err().message.contains("nesting deeper"));
        let fine = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&fine).is_ok());
    }

    #[test]
    fn refuses_what_json_cannot_hold() {
        assert!(parse("a: .inf\n").unwrap_err().message.contains("infinity"));
        assert!(parse("? [a]\n: 1\n").unwrap_err().message.contains("key"));
        assert!(parse("a: !custom 1\n").unwrap_err().message.contains("tag"));
        assert!(
            parse("---\na: 1\n---\nb: 2\n")
                .unwrap_err()
                .message
                .contains("one YAML document")
        );
    }
}

//! Defaults beside `oneOf` (normalisation has made every `anyOf` one), checked before typify
//! sees them. Types only: validators always see the schema as written.
//!
//! typify types the alternatives as an untagged enum and builds the default through the
//! first variant whose type can render the value, which is not always one the value is
//! valid against: a string newtype renders anything, so `{"default": {}, "oneOf": [{"type":
//! "string", "minLength": 1}, {"type": "object"}]}` became `LinksLinkString()`, which rustc
//! refuses. A default is kept only when the first alternative typify could build it through
//! is one it is valid against (the alternative decoding would pick); otherwise it is
//! dropped, and the caller says so.

use serde_json::{Map, Value, json};

use super::locate::{find_schemas, get, get_mut, reference_tokens};
use crate::subschema::JsonType;
use crate::vocabulary;

/// Where a default sits: the tokens of its schema in the bundled document.
type Tokens = Vec<String>;

/// The URI the bundled document is known by while its alternatives are checked.
const DOCUMENT: &str = "urn:codegen:typify-input";

/// How deep a chain of `$ref`s is followed to see what an alternative is.
const MAX_HOPS: usize = 32;

/// A default dropped, and why.
pub struct Dropped {
    pub tokens: Tokens,
    pub reason: String,
}

/// Drops every `default` beside a `oneOf` that typify would not build through an
/// alternative it is valid against, in a bundled document (root and `$defs`, every `$ref`
/// `#` or `#/$defs/<Name>`). Returns where and why.
pub fn drop_misplaced_defaults(document: &mut Value) -> Vec<Dropped> {
    let places = defaults_beside_alternatives(document);
    if places.is_empty() {
        return Vec::new();
    }
    let loose = with_any_of(document);
    let dropped: Vec<Dropped> = match Checker::new(&loose) {
        Some(checker) => places
            .into_iter()
            .filter_map(|tokens| {
                let reason = checker.misplaced(&tokens)?;
                Some(Dropped { tokens, reason })
            })
            .collect(),
        // The document is not one the checker can read (typify will say more): leave it.
        None => Vec::new(),
    };
    for drop in &dropped {
        if let Some(Value::Object(object)) = get_mut(document, &drop.tokens) {
            object.remove("default");
        }
    }
    dropped
}

/// Every schema with both a `default` and a `oneOf`, in document order.
fn defaults_beside_alternatives(document: &Value) -> Vec<Tokens> {
    find_schemas(document, &|schema| {
        schema.get("default").is_some() && schema.get("oneOf").is_some_and(Value::is_array)
    })
}

/// The document with every `oneOf` read as `anyOf`: normalisation made typify's `anyOf`s
/// `oneOf`s (decoding takes the first alternative that fits, as an untagged enum does), so a
/// value that fits two alternatives is still one an alternative takes.
fn with_any_of(document: &Value) -> Value {
    let mut loose = document.clone();
    let mut inside = find_schemas(document, &|schema| schema.get("oneOf").is_some());
    // Deepest first: a renamed `oneOf` would hide the paths below it.
    inside.sort_by_key(|tokens| std::cmp::Reverse(tokens.len()));
    for tokens in inside {
        if let Some(Value::Object(object)) = get_mut(&mut loose, &tokens)
            && let Some(alternatives) = object.remove("oneOf")
        {
            object.insert("anyOf".into(), alternatives);
        }
    }
    loose
}

/// The bundled document (`oneOf` read as `anyOf`), registered once, against which values
/// are validated (by the `jsonschema` crate, formats asserted, in typify's dialect).
struct Checker<'d> {
    document: &'d Value,
    registry: jsonschema::Registry<'d>,
}

impl<'d> Checker<'d> {
    fn new(document: &'d Value) -> Option<Self> {
        let registry = jsonschema::Registry::new()
            .draft(jsonschema::Draft::Draft201909)
            .add(DOCUMENT, document)
            .ok()?
            .prepare()
            .ok()?;
        Some(Checker { document, registry })
    }

    /// Why the default at `tokens` cannot stay, if it cannot.
    fn misplaced(&self, tokens: &[String]) -> Option<String> {
        let schema = get(self.document, tokens)?;
        let default = schema.get("default")?;
        let alternatives = schema.get("anyOf")?.as_array()?;
        // `null` beside a `null` alternative: typify makes the enum an `Option` and the
        // default its `None`.
        if default.is_null()
            && alternatives
                .iter()
                .any(|a| a.get("type") == Some(&json!("null")))
        {
            return None;
        }
        let shown = preview(default);
        for (index, alternative) in alternatives.iter().enumerate() {
            let pointer = schema_runtime::pointer::from_tokens(
                tokens
                    .iter()
                    .map(String::as_str)
                    .chain(["anyOf", &index.to_string()]),
            );
            match self.valid(&pointer, default) {
                Some(true) => return None,
                // Unreadable for the checker: typify is left to decide, as before.
                None => return None,
                Some(false) if self.may_render(alternative, default, 0) => {
                    return Some(format!(
                        "this `default` ({shown}) would be built through alternative {index}, which it is not valid against; the default is left out of the types"
                    ));
                }
                Some(false) => {}
            }
        }
        Some(format!(
            "this `default` ({shown}) is valid against none of the alternatives; the default is left out of the types"
        ))
    }

    /// Whether `value` is valid against the schema at `pointer`; `None` when the checker
    /// cannot read it.
    fn valid(&self, pointer: &str, value: &Value) -> Option<bool> {
        let reference = format!("{DOCUMENT}#{pointer}");
        let validator = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft201909)
            .should_validate_formats(true)
            .with_registry(&self.registry)
            .build(&json!({ "$ref": reference }))
            .ok()?;
        Some(validator.is_valid(value))
    }

    /// Whether typify may build `value` through the type it makes of `schema`: certainly
    /// not when the value's JSON type is not the schema's single plain type, or when it is
    /// not among the strings of an `enum` or `const`; possibly in every other case (newtypes
    /// and native types take any value, as do parts whose type typify decides in ways not
    /// mirrored here).
    fn may_render(&self, schema: &Value, value: &Value, hops: usize) -> bool {
        let Value::Object(object) = schema else {
            return true;
        };
        if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
            return match reference_tokens(reference).and_then(|t| get(self.document, &t)) {
                Some(target) if hops < MAX_HOPS => self.may_render(target, value, hops + 1),
                _ => true,
            };
        }
        if ["x-rust-type", "anyOf", "allOf", "not"]
            .iter()
            .any(|k| object.contains_key(*k))
        {
            return true;
        }
        if let Some(constant) = object.get("const").filter(|c| c.is_string()) {
            return constant == value;
        }
        if let Some(Value::Array(values)) = object.get("enum") {
            // Strings only: an enum of simple variants, built from a value it lists.
            if values.iter().all(Value::is_string) {
                return values.contains(value);
            }
            return true;
        }
        match object.get("type") {
            Some(Value::String(name)) if name == "object" => self.object_takes(object, value, hops),
            Some(Value::String(name)) => plain_type_takes(object, name, value),
            _ => true,
        }
    }

    /// An object is built member by member: not from a value that is no object, nor from
    /// one a member's type cannot take (the tag of an internally tagged alternative, most
    /// often: `{"type": "default"}` is not the alternative whose `type` is `"none"`).
    fn object_takes(&self, object: &Map<String, Value>, value: &Value, hops: usize) -> bool {
        let Value::Object(members) = value else {
            return false;
        };
        let properties = object.get("properties").and_then(Value::as_object);
        members.iter().all(|(name, member)| {
            properties
                .and_then(|p| p.get(name))
                .is_none_or(|schema| self.may_render(schema, member, hops + 1))
        })
    }
}

/// Whether a schema of the one type `name` may be built from `value`: a string with bounds,
/// a pattern or a format becomes a newtype or a native type, which take anything.
fn plain_type_takes(object: &Map<String, Value>, name: &str, value: &Value) -> bool {
    match JsonType::parse(name) {
        Some(JsonType::String) => {
            let wrapped = object.keys().any(|k| {
                vocabulary::has(k, |row| {
                    row.applies_to == Some(JsonType::String) && row.typify.is_some()
                })
            });
            wrapped || value.is_string()
        }
        Some(JsonType::Integer | JsonType::Number) => value.is_number(),
        Some(other) => other.admits(value),
        None => true,
    }
}

/// A default as warnings show it: short, whatever its size.
fn preview(value: &Value) -> String {
    const MAX: usize = 40;
    let text = value.to_string();
    match text.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dropped(mut document: Value) -> (Value, Vec<String>) {
        let reasons = drop_misplaced_defaults(&mut document)
            .into_iter()
            .map(|d| format!("{}: {}", d.tokens.join("/"), d.reason))
            .collect();
        (document, reasons)
    }

    #[test]
    fn a_default_a_newtype_would_take_first_is_dropped() {
        let (document, reasons) = dropped(json!({
            "properties": {"link": {
                "default": {},
                "oneOf": [
                    {"type": "string", "minLength": 1},
                    {"type": "object", "patternProperties": {".": {"type": "array"}}}
                ]
            }}
        }));
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].starts_with(
                "properties/link: this `default` ({}) would be built through alternative 0"
            ),
            "{reasons:?}"
        );
        assert!(document["properties"]["link"].get("default").is_none());
    }

    #[test]
    fn a_default_that_earlier_alternatives_cannot_take_is_kept() {
        let schema = json!({
            "$defs": {"Mode": {"enum": ["fast", "safe"]}},
            "properties": {"mode": {
                "default": "fast",
                "oneOf": [
                    {"type": "integer"},
                    {"enum": ["slow"]},
                    {"const": "safe"},
                    {"$ref": "#/$defs/Mode"}
                ]
            }}
        });
        let (document, reasons) = dropped(schema.clone());
        assert!(reasons.is_empty(), "{reasons:?}");
        assert_eq!(document, schema);
    }

    #[test]
    fn a_default_no_alternative_accepts_is_dropped() {
        let (_, reasons) = dropped(json!({
            "default": true,
            "oneOf": [{"type": "integer"}, {"type": "string"}]
        }));
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(
            reasons[0].contains("valid against none of the alternatives"),
            "{reasons:?}"
        );
    }

    #[test]
    fn alternatives_are_read_as_typify_builds_them() {
        // A value two alternatives accept (normalisation made this `anyOf` a `oneOf`), and
        // internally tagged alternatives, which typify builds by their tag.
        let tagged = |tag: &str| json!({"type": "object", "required": ["type"], "properties": {"type": {"const": tag}}});
        let schema = json!({
            "properties": {
                "verify": {
                    "default": ["commit"],
                    "oneOf": [
                        {"type": "array", "items": {"oneOf": [{"enum": ["commit"]}, {"type": "string"}]}},
                        {"type": "string"}
                    ]
                },
                "retry": {"default": {"type": "default"}, "oneOf": [tagged("none"), tagged("default")]}
            }
        });
        let (document, reasons) = dropped(schema.clone());
        assert!(reasons.is_empty(), "{reasons:?}");
        assert_eq!(document, schema);
    }

    #[test]
    fn validity_counts_more_than_the_json_type() {
        // "x" is a string, but only the pattern-free alternative accepts it; the first one
        // is a newtype, which would take it.
        let (_, reasons) = dropped(json!({
            "default": "x",
            "oneOf": [{"type": "string", "pattern": "^[0-9]+$"}, {"type": "string"}]
        }));
        assert_eq!(reasons.len(), 1, "{reasons:?}");
        assert!(reasons[0].contains("alternative 0"), "{reasons:?}");
    }
}

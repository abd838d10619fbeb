//! The JSON Schema vocabulary: which keywords each dialect has, which hold subschemas and
//! where, and which only annotate.
//!
//! A keyword a dialect does not have is an annotation there: ignored by validation and by
//! the types (`--strict` refuses it instead). What each keyword checks is in its family,
//! `emit/validation/keywords/`.

use serde_json::Value;

use crate::dialect::Draft;

/// One keyword: its name and the dialects that have it (`since..=until`).
struct Keyword {
    name: &'static str,
    since: Draft,
    until: Draft,
}

const fn all(name: &'static str) -> Keyword {
    Keyword {
        name,
        since: Draft::Draft4,
        until: Draft::Draft2020,
    }
}

const fn since(name: &'static str, since: Draft) -> Keyword {
    Keyword {
        name,
        since,
        until: Draft::Draft2020,
    }
}

const fn only(name: &'static str, since: Draft, until: Draft) -> Keyword {
    Keyword { name, since, until }
}

use Draft::{Draft4, Draft6, Draft7, Draft2019, Draft2020};

/// Every keyword of every dialect. `definitions` and `$defs` are known everywhere: both are
/// only places to keep subschemas, and published schemas use either in any dialect.
const VOCABULARY: &[Keyword] = &[
    // Core.
    all("$schema"),
    only("id", Draft4, Draft4),
    since("$id", Draft6),
    all("$ref"),
    since("$anchor", Draft2019),
    only("$recursiveRef", Draft2019, Draft2019),
    only("$recursiveAnchor", Draft2019, Draft2019),
    since("$dynamicRef", Draft2020),
    since("$dynamicAnchor", Draft2020),
    since("$vocabulary", Draft2019),
    since("$comment", Draft7),
    all("$defs"),
    all("definitions"),
    // Any instance.
    all("type"),
    all("enum"),
    since("const", Draft6),
    // Strings.
    all("minLength"),
    all("maxLength"),
    all("pattern"),
    all("format"),
    // Numbers.
    all("minimum"),
    all("maximum"),
    all("exclusiveMinimum"),
    all("exclusiveMaximum"),
    all("multipleOf"),
    // Objects.
    all("required"),
    all("properties"),
    all("patternProperties"),
    all("additionalProperties"),
    since("propertyNames", Draft6),
    all("minProperties"),
    all("maxProperties"),
    all("dependencies"),
    since("dependentRequired", Draft2019),
    since("dependentSchemas", Draft2019),
    since("unevaluatedProperties", Draft2019),
    // Arrays.
    all("items"),
    only("additionalItems", Draft4, Draft2019),
    since("prefixItems", Draft2020),
    all("minItems"),
    all("maxItems"),
    all("uniqueItems"),
    since("contains", Draft6),
    since("minContains", Draft2019),
    since("maxContains", Draft2019),
    since("unevaluatedItems", Draft2019),
    // Applicators.
    all("allOf"),
    all("anyOf"),
    all("oneOf"),
    all("not"),
    since("if", Draft7),
    since("then", Draft7),
    since("else", Draft7),
    // Annotations.
    all("title"),
    all("description"),
    all("default"),
    since("examples", Draft6),
    since("readOnly", Draft7),
    since("writeOnly", Draft7),
    since("deprecated", Draft2019),
    since("contentEncoding", Draft7),
    since("contentMediaType", Draft7),
    since("contentSchema", Draft2019),
];

/// Keywords that constrain values without changing their Rust shape: types leave them to the
/// validators (typify panics or fails on several of them).
pub const VALIDATION_ONLY: &[&str] = &[
    "contains",
    "minContains",
    "maxContains",
    "if",
    "then",
    "else",
    "not",
    "dependentRequired",
    "dependentSchemas",
    "dependencies",
    "propertyNames",
    "minProperties",
    "maxProperties",
    "unevaluatedProperties",
    "unevaluatedItems",
];

/// Whether `draft` has `keyword`.
pub fn known(keyword: &str, draft: Draft) -> bool {
    VOCABULARY
        .iter()
        .any(|k| k.name == keyword && (k.since..=k.until).contains(&draft))
}

/// Every keyword `draft` has, for "did you mean" hints.
pub fn vocabulary(draft: Draft) -> impl Iterator<Item = &'static str> {
    VOCABULARY
        .iter()
        .filter(move |k| (k.since..=k.until).contains(&draft))
        .map(|k| k.name)
}

/// Keywords whose value is an object of subschemas.
const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Keywords whose value is one subschema.
const SCHEMA_SINGLES: &[&str] = &[
    "additionalProperties",
    "propertyNames",
    "items",
    "contains",
    "not",
    "if",
    "then",
    "else",
    "additionalItems",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contentSchema",
];

/// Keywords whose value is an array of subschemas.
const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Every direct subschema of `schema`, with the reference tokens that lead to it, among the
/// keywords `draft` has: what an unknown keyword holds is not a schema.
///
/// `items` may be an array (tuples before 2020-12) and `dependencies` may mix schemas with
/// arrays of names; both are handled. Values of the wrong shape are skipped: reporting them
/// is the validation compiler's job.
pub fn subschemas(schema: &Value, draft: Draft) -> Vec<(Vec<String>, &Value)> {
    let Some(object) = schema.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (keyword, value) in object {
        let keyword = keyword.as_str();
        if !known(keyword, draft) {
            continue;
        }
        if SCHEMA_MAPS.contains(&keyword) {
            if let Some(map) = value.as_object() {
                for (name, sub) in map {
                    out.push((vec![keyword.to_string(), name.clone()], sub));
                }
            }
        } else if keyword == "dependencies" {
            if let Some(map) = value.as_object() {
                for (name, sub) in map.iter().filter(|(_, sub)| is_schema(sub)) {
                    out.push((vec![keyword.to_string(), name.clone()], sub));
                }
            }
        } else if SCHEMA_LISTS.contains(&keyword) || (keyword == "items" && value.is_array()) {
            if let Some(list) = value.as_array() {
                for (index, sub) in list.iter().enumerate() {
                    out.push((vec![keyword.to_string(), index.to_string()], sub));
                }
            }
        } else if SCHEMA_SINGLES.contains(&keyword) && is_schema(value) {
            out.push((vec![keyword.to_string()], value));
        }
    }
    out
}

/// A schema is an object or a boolean.
pub fn is_schema(value: &Value) -> bool {
    value.is_object() || value.is_boolean()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_subschemas_in_every_position() {
        let schema = json!({
            "properties": {"a": {}},
            "items": [true, {}],
            "not": false,
            "dependencies": {"x": ["y"], "z": {}},
            "enum": [{"not": "a schema"}],
            "unknown": {"$id": "not-an-id"}
        });
        let mut found: Vec<String> = subschemas(&schema, Draft::Draft7)
            .into_iter()
            .map(|(tokens, _)| tokens.join("/"))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                "dependencies/z",
                "items/0",
                "items/1",
                "not",
                "properties/a"
            ]
        );
    }

    #[test]
    fn dialects_have_their_own_keywords() {
        assert!(known("id", Draft::Draft4) && !known("id", Draft::Draft7));
        assert!(!known("const", Draft::Draft4) && known("const", Draft::Draft6));
        assert!(!known("if", Draft::Draft6) && known("if", Draft::Draft7));
        assert!(known("additionalItems", Draft::Draft2019));
        assert!(!known("additionalItems", Draft::Draft2020));
        assert!(known("$recursiveRef", Draft::Draft2019));
        assert!(!known("$recursiveRef", Draft::Draft2020));
        assert!(vocabulary(Draft::Draft2020).any(|k| k == "prefixItems"));
    }
}

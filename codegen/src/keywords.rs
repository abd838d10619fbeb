//! The JSON Schema vocabulary: which keywords hold subschemas, and where.
//!
//! Both emitters and the error locator walk schemas through [`subschemas`], so that a keyword
//! is either known everywhere or nowhere.

use serde_json::Value;

use crate::dialect::Draft;

/// Keywords whose value is an object of subschemas.
pub const SCHEMA_MAPS: &[&str] = &[
    "properties",
    "patternProperties",
    "$defs",
    "definitions",
    "dependentSchemas",
];

/// Keywords whose value is one subschema.
pub const SCHEMA_SINGLES: &[&str] = &[
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
pub const SCHEMA_LISTS: &[&str] = &["allOf", "anyOf", "oneOf", "prefixItems"];

/// Keywords that carry information for people and tools but never change a verdict.
pub const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$comment",
    "title",
    "description",
    "default",
    "examples",
    "readOnly",
    "writeOnly",
    "deprecated",
    "contentEncoding",
    "contentMediaType",
    "contentSchema",
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
];

/// Keywords that are understood but deliberately not supported, and why.
pub const UNSUPPORTED: &[(&str, &str)] = &[
    ("$dynamicRef", "dynamic references are not supported"),
    (
        "$recursiveRef",
        "recursive references (draft 2019-09) are not supported",
    ),
    (
        "$recursiveAnchor",
        "recursive anchors (draft 2019-09) are not supported",
    ),
    (
        "unevaluatedProperties",
        "`unevaluatedProperties` is not supported; use `additionalProperties`",
    ),
    (
        "unevaluatedItems",
        "`unevaluatedItems` is not supported; use `items`",
    ),
    ("$vocabulary", "custom vocabularies are not supported"),
];

/// `format` values that only annotate: they pick a Rust type or a UI, and assert nothing.
pub const ANNOTATION_FORMATS: &[&str] = &[
    "password", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float",
    "double",
];

pub fn known_keywords(draft: Draft) -> &'static [&'static str] {
    match draft {
        Draft::Draft2020 => &[
            "$id",
            "$anchor",
            "$dynamicAnchor",
            "$ref",
            "$defs",
            "definitions",
            "type",
            "enum",
            "const",
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "required",
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            "minProperties",
            "maxProperties",
            "dependentRequired",
            "dependentSchemas",
            "dependencies",
            "prefixItems",
            "items",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "minContains",
            "maxContains",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
        ],
        Draft::Draft7 => &[
            "$id",
            "$ref",
            "$defs",
            "definitions",
            "type",
            "enum",
            "const",
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "required",
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            "minProperties",
            "maxProperties",
            "dependencies",
            "items",
            "additionalItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
        ],
    }
}

/// Every direct subschema of `schema`, with the reference tokens that lead to it.
///
/// `items` may be an array (draft-07 tuples) and `dependencies` may mix schemas with arrays
/// of names; both are handled. Values of the wrong shape are skipped: reporting them is the
/// validation compiler's job.
pub fn subschemas(schema: &Value) -> Vec<(Vec<String>, &Value)> {
    let Some(object) = schema.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (keyword, value) in object {
        let keyword = keyword.as_str();
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
            "enum": [{"not": "a schema"}]
        });
        let mut found: Vec<String> = subschemas(&schema)
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
}

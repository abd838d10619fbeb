//! The JSON Schema vocabulary: which keywords each dialect has, and everything the generator
//! knows of each (what it does, where its subschemas sit, which way it bounds, how types,
//! refinements and `codegen diff` treat it), in one table.
//!
//! A keyword a dialect does not have is an annotation there: ignored by validation and by
//! the types (`--strict` refuses it instead). What each keyword checks is in its family,
//! `emit/validation/keywords/`.
//!
//! The table is in `table.rs`, written with the functions of `keyword.rs`; this module
//! answers the questions the rest of the generator asks of it.

mod json_type;
mod keyword;
mod table;

use serde_json::Value;

use crate::dialect::Draft;
use Role::{Annotation, Container, Identifier};
use Subschemas::{List, Map, One, OneOrList, SomeOfMap};
pub use json_type::JsonType;
pub use keyword::{Bound, Combination, Keyword, Reference, Role, Shape, Subschemas, is_schema};
use table::VOCABULARY;

/// The combinators, `allOf`, `anyOf` and `oneOf`, in the table's order.
pub fn combinators() -> impl Iterator<Item = &'static Keyword> {
    with(|k| k.combines.is_some())
}

/// The combinators of which one subschema may decide alone: `anyOf` and `oneOf`.
pub fn alternatives() -> impl Iterator<Item = &'static str> {
    with(|k| matches!(k.combines, Some(Combination::Any | Combination::One))).map(|k| k.name)
}

/// The keywords that only keep subschemas for references: `$defs` and `definitions`.
pub fn containers() -> impl Iterator<Item = &'static str> {
    with(|k| k.role == Container).map(|k| k.name)
}

/// Whether a schema with `keyword` is reached through it to another.
pub fn refers(keyword: &str, kind: Reference) -> bool {
    has(keyword, |k| k.refers == Some(kind))
}

/// Whether `value` has the shape typify needs of `keyword` (false for a keyword it does not
/// read).
pub fn typify_reads(keyword: &str, value: &Value) -> bool {
    get(keyword)
        .and_then(|k| k.typify)
        .is_some_and(|shape| shape.admits(value))
}

/// The row of `name`, in any dialect.
pub fn get(name: &str) -> Option<&'static Keyword> {
    VOCABULARY.iter().find(|k| k.name == name)
}

/// Whether some dialect has `name` and it only annotates (`title`, `readOnly`): a
/// refinement's value replaces upstream's, and it may sit beside what typify merges.
pub fn annotates(name: &str) -> bool {
    get(name).is_some_and(|k| k.role == Annotation && k.dialects.is_some())
}

/// Whether a difference in `name` can never change a verdict: annotations (vendor ones
/// too), identifiers and containers (a change inside a `$defs` entry is found through the
/// references that reach it).
pub fn never_decides(name: &str) -> bool {
    get(name).is_some_and(|k| matches!(k.role, Annotation | Identifier | Container))
}

/// Every keyword whose `fact` holds, in the table's order.
pub fn with(fact: impl Fn(&Keyword) -> bool) -> impl Iterator<Item = &'static Keyword> {
    VOCABULARY.iter().filter(move |k| fact(k))
}

/// Whether `name` has `fact` (an unknown name has none).
pub fn has(name: &str, fact: impl Fn(&Keyword) -> bool) -> bool {
    get(name).is_some_and(fact)
}

/// Whether `draft` has `keyword`.
pub fn known(keyword: &str, draft: Draft) -> bool {
    get(keyword).is_some_and(|k| k.in_dialect(draft))
}

/// Whether `keyword` is one of OpenAPI's Schema Object, known in an OpenAPI document.
pub fn of_openapi(keyword: &str) -> bool {
    has(keyword, |k| k.openapi)
}

/// Every keyword `draft` has, for "did you mean" hints.
pub fn keywords(draft: Draft) -> impl Iterator<Item = &'static str> {
    VOCABULARY
        .iter()
        .filter(move |k| k.in_dialect(draft))
        .map(|k| k.name)
}

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
        let Some(row) = get(keyword).filter(|k| k.in_dialect(draft)) else {
            continue;
        };
        let keyword = keyword.as_str();
        match (row.subschemas, value) {
            (Map, Value::Object(map)) => {
                for (name, sub) in map {
                    out.push((vec![keyword.to_string(), name.clone()], sub));
                }
            }
            (SomeOfMap, Value::Object(map)) => {
                for (name, sub) in map.iter().filter(|(_, sub)| is_schema(sub)) {
                    out.push((vec![keyword.to_string(), name.clone()], sub));
                }
            }
            (List | OneOrList, Value::Array(list)) => {
                for (index, sub) in list.iter().enumerate() {
                    out.push((vec![keyword.to_string(), index.to_string()], sub));
                }
            }
            (One | OneOrList, value) if is_schema(value) => {
                out.push((vec![keyword.to_string()], value));
            }
            _ => {}
        }
    }
    out
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
        assert!(keywords(Draft::Draft2020).any(|k| k == "prefixItems"));
    }
}

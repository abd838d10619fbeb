//! What typify is given instead of what it chokes on. Types only: validators always see the
//! schema as written.
//!
//! - Keywords typify does not read, and keywords whose value has a shape schemars cannot
//!   parse (draft-04's boolean `exclusiveMinimum`, a `required: true`), are left out, and so
//!   are defaults of the wrong type. Carriage returns in titles and descriptions, which
//!   rustc refuses in doc comments, become line feeds.
//! - Up to draft-07 a `$ref` hides its siblings, so they are left out too.
//! - Tuples become what typify can type (see [`tuples`]).
//! - A `$ref` that typify would merge with something it is itself part of (`{"$ref": "#",
//!   "type": "object"}` inside the root, an `allOf` that includes its own definition) would
//!   make typify expand the schema forever and overflow the stack: the merge is cut there
//!   ([`break_merge_cycles`]), and the type is looser than the schema.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::locate::{TYPIFY_DIALECT, get_mut};
use crate::dialect::Draft;
use crate::keywords;

/// Keywords typify reads, with the shape schemars needs.
fn shape_ok(keyword: &str, value: &Value) -> bool {
    let schema = keywords::is_schema;
    let schemas = |v: &Value| {
        v.as_array()
            .is_some_and(|a| !a.is_empty() && a.iter().all(schema))
    };
    let schema_map = |v: &Value| v.as_object().is_some_and(|m| m.values().all(schema));
    let count = |v: &Value| v.as_u64().is_some_and(|n| n <= u64::from(u32::MAX));
    match keyword {
        "$ref" | "title" | "description" | "format" | "pattern" => value.is_string(),
        "default" | "const" => true,
        "deprecated" | "readOnly" | "writeOnly" | "uniqueItems" => value.is_boolean(),
        "type" => match value {
            Value::String(name) => type_name(name),
            Value::Array(names) => {
                !names.is_empty()
                    && names.iter().all(|n| n.as_str().is_some_and(type_name))
                    && unique_strings(names)
            }
            _ => false,
        },
        "enum" => value.as_array().is_some_and(|values| !values.is_empty()),
        "required" => value.as_array().is_some_and(|names| unique_strings(names)),
        "allOf" | "anyOf" | "oneOf" => schemas(value),
        "items" => schema(value) || schemas(value),
        "additionalItems" | "additionalProperties" => schema(value),
        "properties" | "patternProperties" | "$defs" | "definitions" => schema_map(value),
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => {
            value.is_number()
        }
        "minLength" | "maxLength" | "minItems" | "maxItems" => count(value),
        _ => false,
    }
}

fn unique_strings(values: &[Value]) -> bool {
    let strings: Option<BTreeSet<&str>> = values.iter().map(Value::as_str).collect();
    strings.is_some_and(|set| set.len() == values.len())
}

fn type_name(name: &str) -> bool {
    matches!(
        name,
        "null" | "boolean" | "object" | "array" | "number" | "integer" | "string"
    )
}

/// What may stay beside a `$ref` that hides its siblings.
const BESIDE_A_HIDING_REF: &[&str] = &["$ref", "title", "description"];

/// Keeps of one schema object only what typify reads, in a shape it can parse.
pub fn clean(object: &mut Map<String, Value>, draft: Draft) {
    if draft.ref_hides_siblings() && object.contains_key("$ref") {
        object.retain(|keyword, _| BESIDE_A_HIDING_REF.contains(&keyword.as_str()));
    }
    tuples(object);
    object.retain(|keyword, value| {
        !keywords::VALIDATION_ONLY.contains(&keyword.as_str()) && shape_ok(keyword, value)
    });
    if object
        .get("default")
        .is_some_and(|default| !plausible_default(object, default))
    {
        object.remove("default");
    }
    // typify makes doc comments of these, and rustc refuses a bare carriage return there.
    for keyword in ["title", "description"] {
        if let Some(Value::String(text)) = object.get_mut(keyword) {
            if text.contains('\r') {
                *text = text.replace("\r\n", "\n").replace('\r', "\n");
            }
        }
    }
}

/// Whether `default` is of the schema's `type`, in its `enum`, equal to its `const`, and so
/// for some of its `oneOf`/`anyOf` and all of its `allOf`: typify refuses a default that
/// breaks its own schema, or writes code that does not compile for it, and published schemas
/// have many (`"type": "string", "default": null`). Finer mismatches are typify's to find.
fn plausible_default(object: &Map<String, Value>, default: &Value) -> bool {
    plausible(object, default, 0)
}

fn plausible(object: &Map<String, Value>, default: &Value, depth: usize) -> bool {
    const DEEPEST: usize = 8;
    let typed = |name: &str| match (name, default) {
        ("null", Value::Null)
        | ("boolean", Value::Bool(_))
        | ("object", Value::Object(_))
        | ("array", Value::Array(_))
        | ("string", Value::String(_))
        | ("number", Value::Number(_)) => true,
        ("integer", Value::Number(n)) => schema_runtime::num::is_integer(n),
        _ => false,
    };
    let type_ok = match object.get("type") {
        Some(Value::String(name)) => typed(name),
        Some(Value::Array(names)) => names.iter().filter_map(Value::as_str).any(typed),
        _ => true,
    };
    let enum_ok = object
        .get("enum")
        .and_then(Value::as_array)
        .is_none_or(|values| values.contains(default));
    let const_ok = object.get("const").is_none_or(|value| value == default);
    // A member that is a reference, or deeper than this looks, may accept it.
    let member_ok = |member: &Value| match member {
        Value::Object(member) if depth < DEEPEST && !member.contains_key("$ref") => {
            plausible(member, default, depth + 1)
        }
        Value::Bool(accepts) => *accepts,
        _ => true,
    };
    let members = |keyword: &str| object.get(keyword).and_then(Value::as_array);
    let alternatives_ok = ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| members(k))
        .all(|list| list.iter().any(member_ok));
    let all_ok = members("allOf").is_none_or(|list| list.iter().all(member_ok));
    type_ok && enum_ok && const_ok && alternatives_ok && all_ok
}

/// Tuples (`prefixItems`, or draft-07's array `items`): a closed tuple of fixed length is
/// handed to typify as one (a Rust tuple); any other is a `Vec` of JSON values, its positions
/// left to the validators. typify reads `prefixItems` not at all, and fails on open tuples.
fn tuples(object: &mut Map<String, Value>) {
    let positions = match (object.remove("prefixItems"), object.get("items")) {
        (Some(Value::Array(positions)), _) => Some((positions, object.get("items").cloned())),
        (None, Some(Value::Array(positions))) => {
            let positions = positions.clone();
            Some((positions, object.get("additionalItems").cloned()))
        }
        _ => None,
    };
    object.remove("additionalItems");
    let Some((positions, rest)) = positions else {
        return;
    };
    let closed = rest == Some(Value::Bool(false));
    let length = Value::from(positions.len());
    let fixed = object.get("minItems") == Some(&length) && object.get("maxItems") == Some(&length);
    if closed && fixed {
        object.insert("items".into(), Value::Array(positions));
    } else {
        object.insert("items".into(), Value::Object(Map::new()));
    }
}

/// typify names both halves of a nullable type (`"type": ["object", "null"]`) after its
/// title, which does not compile (`struct P(Option<P>)` beside `struct P`). A definition
/// loses its title (it is named after its key, the inner half `<Key>Inner`); a nullable root
/// becomes `anyOf` null or its inner half, defined beside it as `<Title>Inner`.
pub fn name_nullable_halves(document: &mut Value) {
    let nullable = |schema: &Value| match schema.get("type") {
        Some(Value::Array(types)) => types.len() > 1 && types.iter().any(|t| t == "null"),
        _ => false,
    };
    if let Some(Value::Object(defs)) = document.get_mut("$defs") {
        for def in defs.values_mut() {
            if nullable(def) {
                if let Value::Object(object) = def {
                    object.remove("title");
                }
            }
        }
    }
    if !nullable(document) {
        return;
    }
    let Value::Object(root) = document else {
        return;
    };
    let title = root
        .get("title")
        .and_then(Value::as_str)
        .unwrap_or("Root")
        .to_string();
    let mut defs = match root.remove("$defs") {
        Some(Value::Object(defs)) => defs,
        _ => Map::new(),
    };
    let mut inner_name = format!("{title}Inner");
    while defs.contains_key(&inner_name) {
        inner_name.push('_');
    }
    let mut inner = std::mem::take(root);
    inner.remove("title");
    if let Some(Value::Array(types)) = inner.get_mut("type") {
        types.retain(|t| t != "null");
    }
    let reference = format!("#/$defs/{inner_name}");
    defs.insert(inner_name, Value::Object(inner));
    root.insert("title".into(), Value::String(title));
    root.insert(
        "anyOf".into(),
        serde_json::json!([{"type": "null"}, {"$ref": reference}]),
    );
    root.insert("$defs".into(), Value::Object(defs));
}

/// typify names a type after its `title`, and two types of one name do not compile (an
/// inline `"title": "Request Review"` beside a definition `RequestReview`). Definitions keep
/// their names (title, else key) first, then inline titles in document order; a title whose
/// name is taken is dropped, and typify names that type after where it is.
pub fn unique_titles(document: &mut Value) {
    // Names compared as typify would spell them, without case or separators.
    let key = |name: &str| -> String {
        name.chars()
            .filter(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect()
    };
    let mut taken: BTreeSet<String> = BTreeSet::new();
    if let Some(title) = document.get("title").and_then(Value::as_str) {
        taken.insert(key(title));
    }
    let mut places: Vec<Vec<String>> = vec![Vec::new()];
    if let Some(Value::Object(defs)) = document.get_mut("$defs") {
        for (name, def) in defs.iter_mut() {
            let title = def.get("title").and_then(Value::as_str).map(&key);
            match title {
                Some(title) if taken.insert(title.clone()) => {}
                _ => {
                    if let Value::Object(object) = def {
                        object.remove("title");
                    }
                    taken.insert(key(name));
                }
            }
            places.push(vec!["$defs".to_string(), name.clone()]);
        }
    }
    let mut dropped: Vec<Vec<String>> = Vec::new();
    for tokens in &places {
        let Some(schema) = super::locate::get(document, tokens) else {
            continue;
        };
        walk(schema, &mut |at, value| {
            let Some(title) = value
                .get("title")
                .and_then(Value::as_str)
                .filter(|_| !at.is_empty())
            else {
                return;
            };
            if !taken.insert(key(title)) {
                dropped.push([tokens.clone(), at.to_vec()].concat());
            }
        });
    }
    for path in dropped {
        if let Some(Value::Object(object)) = get_mut(document, &path) {
            object.remove("title");
        }
    }
}

/// Keywords typify does not merge: beside a `$ref`, or beside `oneOf`/`anyOf`, they do not
/// make it merge schemas.
const UNMERGED: &[&str] = &[
    "$defs",
    "definitions",
    "$ref",
    "title",
    "description",
    "default",
    "readOnly",
    "writeOnly",
    "deprecated",
];

/// Cuts every merge typify would expand forever, in a bundled document (root and `$defs`,
/// every `$ref` `#` or `#/$defs/<Name>`). Returns where it cut, as reference tokens.
pub fn break_merge_cycles(document: &mut Value) -> Vec<Vec<String>> {
    let definitions: Vec<String> = document
        .get("$defs")
        .and_then(Value::as_object)
        .map(|defs| defs.keys().cloned().collect())
        .unwrap_or_default();
    // Each definition (the root is "#"), where it sits, and what it refers to.
    let mut places: Vec<(String, Vec<String>)> = vec![("#".to_string(), Vec::new())];
    places.extend(
        definitions
            .iter()
            .map(|name| (name.clone(), vec!["$defs".to_string(), name.clone()])),
    );
    let mut refers: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name, tokens) in &places {
        let mut targets = BTreeSet::new();
        if let Some(schema) = super::locate::get(document, tokens) {
            walk(schema, &mut |_, value| {
                if let Some(target) = value
                    .get("$ref")
                    .and_then(Value::as_str)
                    .and_then(definition)
                {
                    targets.insert(target);
                }
            });
        }
        refers.insert(name.clone(), targets);
    }
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(name) = stack.pop() {
            if name == to {
                return true;
            }
            if seen.insert(name.clone()) {
                stack.extend(refers.get(&name).into_iter().flatten().cloned());
            }
        }
        false
    };
    let mut cuts = Vec::new();
    for (name, tokens) in &places {
        let mut found: Vec<(Vec<String>, Cut)> = Vec::new();
        if let Some(schema) = super::locate::get(document, tokens) {
            walk(schema, &mut |at, value| {
                let Some(object) = value.as_object() else {
                    return;
                };
                let looping = |member: &Value| {
                    member
                        .get("$ref")
                        .and_then(Value::as_str)
                        .and_then(definition)
                        .is_some_and(|target| reaches(&target, name))
                };
                let merged = object.keys().any(|k| !UNMERGED.contains(&k.as_str()));
                if merged && looping(value) {
                    found.push((at.to_vec(), Cut::Siblings));
                }
                for keyword in ["allOf", "anyOf", "oneOf"] {
                    // `anyOf`/`oneOf` variants are merged only with siblings of their own.
                    let merges = keyword == "allOf"
                        || object
                            .keys()
                            .any(|k| !UNMERGED.contains(&k.as_str()) && k != keyword);
                    let members = object.get(keyword).and_then(Value::as_array);
                    for (index, member) in members.into_iter().flatten().enumerate() {
                        if merges && looping(member) {
                            found.push((
                                [at, &[keyword.to_string(), index.to_string()]].concat(),
                                Cut::Member,
                            ));
                        }
                    }
                }
            });
        }
        for (at, cut) in found {
            let path = [tokens.clone(), at].concat();
            if let Some(Value::Object(object)) = get_mut(document, &path) {
                match cut {
                    Cut::Siblings => object.retain(|k, _| UNMERGED.contains(&k.as_str())),
                    Cut::Member => object.clear(),
                }
                cuts.push(path);
            }
        }
    }
    cuts
}

/// How many schemas with alternatives (`oneOf`/`anyOf`) typify may meet while it merges one
/// place, through references and nesting: it makes every alternative exclusive of the
/// others, and its work multiplies with each (a minute for 16 in a published schema).
const MAX_MERGED_ALTERNATIVES: usize = 8;

/// Simplifies, for typify, the places where it would merge schemas with more alternatives
/// than [`MAX_MERGED_ALTERNATIVES`]. Alternatives that only require some of the place's own
/// properties are left to the validators (the type keeps every property, optional); any
/// others make the place a `serde_json::Value`. Returns what was simplified: reference
/// tokens, and whether the place became a JSON value.
pub fn tame_merges(document: &mut Value) -> Vec<(Vec<String>, bool)> {
    let mut places: Vec<Vec<String>> = vec![Vec::new()];
    let definitions: Vec<String> = document
        .get("$defs")
        .and_then(Value::as_object)
        .map(|defs| defs.keys().cloned().collect())
        .unwrap_or_default();
    places.extend(
        definitions
            .iter()
            .map(|name| vec!["$defs".to_string(), name.clone()]),
    );
    let mut found: Vec<(Vec<String>, bool)> = Vec::new();
    for tokens in &places {
        let Some(schema) = super::locate::get(document, tokens) else {
            continue;
        };
        walk(schema, &mut |at, value| {
            let Some(object) = value.as_object() else {
                return;
            };
            let has_alternatives = object.contains_key("oneOf") || object.contains_key("anyOf");
            let merged = object.contains_key("allOf")
                || object
                    .keys()
                    .any(|k| !UNMERGED.contains(&k.as_str()) && k != "oneOf" && k != "anyOf");
            if has_alternatives
                && merged
                && alternatives_met(document, value, &mut BTreeSet::new()) > MAX_MERGED_ALTERNATIVES
            {
                found.push(([tokens.clone(), at.to_vec()].concat(), !refinements(object)));
            }
        });
    }
    // What lies inside a place simplified goes with it; definitions are not inside the root.
    let inside = |path: &[String], other: &[String]| {
        other.len() < path.len()
            && path.starts_with(other)
            && !(other.is_empty() && path.first().is_some_and(|t| t == "$defs"))
    };
    let outermost: Vec<(Vec<String>, bool)> = found
        .iter()
        .filter(|(path, _)| !found.iter().any(|(other, _)| inside(path, other)))
        .cloned()
        .collect();
    for (path, to_value) in &outermost {
        if let Some(Value::Object(object)) = get_mut(document, path) {
            if *to_value {
                // The root keeps what names it, and what it defines.
                object.retain(|k, _| path.is_empty() && ["title", "$defs"].contains(&k.as_str()));
            } else {
                object.remove("oneOf");
                object.remove("anyOf");
            }
        }
    }
    outermost
}

/// How many schemas with alternatives can be met from `schema`, through subschemas and
/// references, each counted once.
fn alternatives_met(document: &Value, schema: &Value, seen: &mut BTreeSet<String>) -> usize {
    let mut count = 0;
    let mut stack = vec![schema];
    while let Some(value) = stack.pop() {
        if let Some(name) = value
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(definition)
        {
            if seen.insert(name.clone()) {
                let target = if name == "#" {
                    Some(document)
                } else {
                    document.get("$defs").and_then(|defs| defs.get(&name))
                };
                stack.extend(target);
            }
        }
        if value.get("oneOf").is_some() || value.get("anyOf").is_some() {
            count += 1;
        }
        for (child, sub) in keywords::subschemas(value, TYPIFY_DIALECT) {
            if child[0] != "$defs" && child[0] != "definitions" {
                stack.push(sub);
            }
        }
    }
    count
}

/// Whether every alternative of `object` only requires or narrows properties `object`
/// declares itself: then leaving them out of the type loses nothing.
fn refinements(object: &Map<String, Value>) -> bool {
    let declared: BTreeSet<&String> = object
        .get("properties")
        .and_then(Value::as_object)
        .map(|p| p.keys().collect())
        .unwrap_or_default();
    let refines = |alternative: &Value| -> bool {
        fn check(value: &Value, declared: &BTreeSet<&String>) -> bool {
            let Some(object) = value.as_object() else {
                return value == &Value::Bool(true);
            };
            object
                .iter()
                .all(|(keyword, inner)| match keyword.as_str() {
                    "required" | "type" | "title" | "description" => true,
                    "properties" => inner
                        .as_object()
                        .is_some_and(|p| p.keys().all(|k| declared.contains(k))),
                    "oneOf" | "anyOf" | "allOf" => inner
                        .as_array()
                        .is_some_and(|members| members.iter().all(|m| check(m, declared))),
                    _ => false,
                })
        }
        check(alternative, &declared)
    };
    ["oneOf", "anyOf"]
        .iter()
        .filter_map(|k| object.get(*k).and_then(Value::as_array))
        .flatten()
        .all(refines)
}

enum Cut {
    /// Keep the `$ref`, drop what it would be merged with.
    Siblings,
    /// Make the member accept anything.
    Member,
}

/// The definition a bundled `$ref` names.
fn definition(reference: &str) -> Option<String> {
    if reference == "#" {
        return Some("#".to_string());
    }
    reference.strip_prefix("#/$defs/").map(str::to_string)
}

/// Calls `visit` on every subschema of `schema` (itself included) but those inside `$defs`,
/// with its tokens below `schema`. Iterative: nesting depth is the document's.
fn walk(schema: &Value, visit: &mut dyn FnMut(&[String], &Value)) {
    let mut stack: Vec<(Vec<String>, &Value)> = vec![(Vec::new(), schema)];
    while let Some((tokens, value)) = stack.pop() {
        visit(&tokens, value);
        for (child, sub) in keywords::subschemas(value, TYPIFY_DIALECT) {
            if child[0] == "$defs" || child[0] == "definitions" {
                continue;
            }
            stack.push(([tokens.clone(), child].concat(), sub));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_ref_merged_with_what_contains_it_keeps_only_the_ref() {
        let mut document =
            json!({"properties": {"a": {"$ref": "#", "type": "object", "items": {}}}});
        let cuts = break_merge_cycles(&mut document);
        assert_eq!(cuts, vec![vec!["properties".to_string(), "a".to_string()]]);
        assert_eq!(document, json!({"properties": {"a": {"$ref": "#"}}}));
    }

    #[test]
    fn an_all_of_that_includes_itself_loses_that_member() {
        let mut document =
            json!({"$defs": {"X": {"allOf": [{"$ref": "#/$defs/X"}, {"type": "object"}]}}});
        break_merge_cycles(&mut document);
        assert_eq!(
            document,
            json!({"$defs": {"X": {"allOf": [{}, {"type": "object"}]}}})
        );
        let mut fine =
            json!({"$defs": {"X": {"allOf": [{"$ref": "#/$defs/Y"}]}, "Y": {"type": "object"}}});
        assert!(break_merge_cycles(&mut fine).is_empty());
    }

    #[test]
    fn merges_with_many_alternatives_are_simplified() {
        let variant = |i: usize| json!({"properties": {"a": {}}, "oneOf": [{"required": [format!("x{i}")]}, {"required": ["y"]}]});
        let document = |n: usize| {
            let defs: Map<String, Value> = (0..n).map(|i| (format!("V{i}"), variant(i))).collect();
            let refs: Vec<Value> = (0..n)
                .map(|i| json!({"$ref": format!("#/$defs/V{i}")}))
                .collect();
            json!({"$defs": defs, "items": {"oneOf": refs, "allOf": [{"required": ["name"]}]}})
        };
        let mut few = document(MAX_MERGED_ALTERNATIVES - 1);
        assert!(tame_merges(&mut few).is_empty());
        let mut many = document(MAX_MERGED_ALTERNATIVES + 1);
        assert_eq!(
            tame_merges(&mut many),
            vec![(vec!["items".to_string()], true)]
        );
        assert_eq!(many["items"], json!({}));

        // Alternatives that only require declared properties leave a struct of them all.
        let required: Vec<Value> = (0..10)
            .map(|i| json!({"oneOf": [{"required": [format!("p{i}")]}, {"required": ["q"]}]}))
            .collect();
        let mut combos = json!({"properties": {"q": {}, "p0": {}, "p1": {}, "p2": {}, "p3": {}, "p4": {}, "p5": {}, "p6": {}, "p7": {}, "p8": {}, "p9": {}}, "anyOf": required});
        assert_eq!(tame_merges(&mut combos), vec![(vec![], false)]);
        assert!(combos.get("anyOf").is_none() && combos["properties"].get("p9").is_some());
    }

    #[test]
    fn nullable_types_get_two_names() {
        let mut document = json!({
            "title": "P", "type": ["object", "null"], "properties": {"x": {"$ref": "#/$defs/X"}},
            "$defs": {"X": {"title": "X", "type": ["object", "null"]}}
        });
        name_nullable_halves(&mut document);
        assert_eq!(
            document,
            json!({
                "title": "P",
                "anyOf": [{"type": "null"}, {"$ref": "#/$defs/PInner"}],
                "$defs": {
                    "X": {"type": ["object", "null"]},
                    "PInner": {"type": ["object"], "properties": {"x": {"$ref": "#/$defs/X"}}}
                }
            })
        );
    }

    #[test]
    fn titles_that_would_name_two_types_alike_are_dropped() {
        let mut document = json!({
            "title": "Root",
            "properties": {"a": {"title": "Request Review", "anyOf": [{}]}, "b": {"title": "root"}},
            "$defs": {"RequestReview": {"title": "RequestReview"}, "Other": {"title": "RequestReview"}}
        });
        unique_titles(&mut document);
        assert_eq!(
            document,
            json!({
                "title": "Root",
                "properties": {"a": {"anyOf": [{}]}, "b": {}},
                "$defs": {"RequestReview": {"title": "RequestReview"}, "Other": {}}
            })
        );
    }

    #[test]
    fn shapes_schemars_cannot_parse_are_left_out() {
        let mut object = json!({
            "type": "any", "required": true, "exclusiveMinimum": true, "minimum": 0,
            "markdownDescription": "x", "x-rust-type": {}, "properties": {"a": 5}
        });
        clean(object.as_object_mut().unwrap(), Draft::Draft4);
        assert_eq!(object, json!({"minimum": 0}));
        let mut hidden = json!({"$ref": "#/x", "type": "string", "title": "T"});
        clean(hidden.as_object_mut().unwrap(), Draft::Draft7);
        assert_eq!(hidden, json!({"$ref": "#/x", "title": "T"}));
        let mut wrong_default = json!({"type": "string", "default": null});
        clean(wrong_default.as_object_mut().unwrap(), Draft::Draft4);
        assert_eq!(wrong_default, json!({"type": "string"}));
        let mut alternatives =
            json!({"oneOf": [{"type": "integer"}, {"type": "string"}], "default": false});
        clean(alternatives.as_object_mut().unwrap(), Draft::Draft7);
        assert_eq!(
            alternatives,
            json!({"oneOf": [{"type": "integer"}, {"type": "string"}]})
        );
        let mut crlf = json!({"description": "one\r\ntwo\rthree"});
        clean(crlf.as_object_mut().unwrap(), Draft::Draft7);
        assert_eq!(crlf, json!({"description": "one\ntwo\nthree"}));
        let mut fine = json!({"type": ["string", "null"], "default": null});
        clean(fine.as_object_mut().unwrap(), Draft::Draft4);
        assert_eq!(fine, json!({"type": ["string", "null"], "default": null}));
    }
}

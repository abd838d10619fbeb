//! What typify is given instead of what it chokes on. Types only: validators always see the
//! schema as written.
//!
//! - Keywords typify does not read, and keywords whose value has a shape schemars cannot
//!   parse (draft-04's boolean `exclusiveMinimum`, a `required: true`), are left out, and so
//!   are defaults of the wrong type. Carriage returns in titles and descriptions, which
//!   rustc refuses in doc comments, become line feeds.
//! - Up to draft-07 a `$ref` hides its siblings, so they are left out too.
//! - Tuples become what typify can type (see [`tuples`]), and `anyOf` an untagged enum.
//! - Names that typify would give two types alike are kept apart
//!   ([`name_nullable_halves`], [`unique_titles`]).

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::locate::{get_mut, walk};
use super::merges::refinements;
use crate::dialect::Draft;
use crate::subschema::Subschema;
use crate::vocabulary::{self, Bound, Reference, Shape};

/// Keeps of one schema object only what typify reads, in a shape it can parse.
pub fn clean(object: &mut Map<String, Value>, draft: Draft) {
    if draft.ref_hides_siblings() && object.contains_key("$ref") {
        object.retain(|keyword, _| vocabulary::has(keyword, |k| k.beside_hiding_ref));
    }
    tuples(object);
    // Alternatives that only require some of the declared properties (`"anyOf":
    // [{"required": ["a"]}, {"required": ["b"]}]`) change no field: the struct keeps them
    // all, optional, and validation checks the combinations. typify would otherwise make
    // one closed struct per alternative, and a document with both would fit neither.
    if object.contains_key("properties") && refinements(object) {
        object.remove("oneOf");
        object.remove("anyOf");
    }
    merge_nullable_alternative(object);
    // typify types `anyOf` as a struct of flattened optional parts, which only objects can
    // fill: a string never decodes into it. Once validation has passed, "the first
    // alternative that decodes" (an untagged enum, what typify makes of `oneOf`) is right.
    if !object.contains_key("oneOf") {
        if let Some(alternatives) = object.remove("anyOf") {
            object.insert("oneOf".into(), alternatives);
        }
    }
    // typify does not read `unevaluatedProperties`; where it closes the object on its own,
    // `additionalProperties: false` says the same in words typify reads: a struct that
    // denies unknown members.
    if closed_by_unevaluated(object) {
        object.insert("additionalProperties".into(), Value::Bool(false));
    }
    object.retain(|keyword, value| {
        !vocabulary::has(keyword, |k| k.validation_only) && vocabulary::typify_reads(keyword, value)
    });
    // typify ignores `patternProperties` beside `properties`, and a closed struct would
    // refuse the members they allow: those members are kept as JSON values instead.
    let patterned = object
        .get("patternProperties")
        .and_then(Value::as_object)
        .is_some_and(|patterns| !patterns.is_empty());
    if patterned && object.contains_key("properties") {
        object.remove("patternProperties");
        object.insert("additionalProperties".into(), Value::Object(Map::new()));
    }
    // A minimum of 0 always holds; typify would test it anyway, which rustc warns about.
    for keyword in
        vocabulary::with(|k| k.typify == Some(Shape::Count) && k.bound == Some(Bound::Lower))
    {
        if object.get(keyword.name).and_then(Value::as_u64) == Some(0) {
            object.remove(keyword.name);
        }
    }
    if object
        .get("default")
        .is_some_and(|default| !plausible_default(object, default))
    {
        object.remove("default");
    }
    // A nullable member is `None` when absent, which is what `"default": null` says; typify
    // refuses the default beside bounds (`"type": ["integer", "null"], "minimum": 0`).
    let nullable = Subschema::of(object).nullable_by_type();
    if nullable && object.get("default") == Some(&Value::Null) {
        object.remove("default");
    }
    // typify makes doc comments of these, and rustc refuses a bare carriage return there.
    for keyword in vocabulary::with(|k| k.documents) {
        if let Some(Value::String(text)) = object.get_mut(keyword.name) {
            if text.contains('\r') {
                *text = text.replace("\r\n", "\n").replace('\r', "\n");
            }
        }
    }
}

/// Whether `unevaluatedProperties: false` closes the object on its own: nothing applied in
/// place (`allOf`, `$ref`, `if`...) can evaluate a member that `properties` and
/// `patternProperties` do not, and no `additionalProperties` evaluates them all.
fn closed_by_unevaluated(object: &Map<String, Value>) -> bool {
    object.get("unevaluatedProperties") == Some(&Value::Bool(false))
        && !object.contains_key("additionalProperties")
        && !object
            .keys()
            .any(|k| vocabulary::has(k, |row| row.in_place))
}

/// `"anyOf": [{"type": "null"}, {"type": "object", ...}]` means what `"type": ["object",
/// "null"]` beside the alternative's keywords means; typify would name the `Option` newtype
/// of the first and the type inside it alike, two items of one name. Merged here, it types
/// as `Option<…>` of one named type.
fn merge_nullable_alternative(object: &mut Map<String, Value>) {
    for keyword in vocabulary::alternatives() {
        let Some(Value::Array(branches)) = object.get(keyword) else {
            continue;
        };
        let null = serde_json::json!({"type": "null"});
        let [first, second] = branches.as_slice() else {
            continue;
        };
        let other = match (first == &null, second == &null) {
            (true, false) => second,
            (false, true) => first,
            _ => continue,
        };
        let Value::Object(other) = other else {
            continue;
        };
        let simple = other.get("type").is_some_and(Value::is_string)
            && !other.keys().any(|k| {
                vocabulary::refers(k, Reference::Static)
                    || vocabulary::has(k, |row| row.combines.is_some())
            });
        let alone = object
            .keys()
            .all(|k| k == keyword || vocabulary::annotates(k));
        if !simple || !alone {
            continue;
        }
        let mut merged = other.clone();
        if let Some(single) = merged.remove("type") {
            merged.insert("type".into(), Value::Array(vec![single, "null".into()]));
        }
        if let Some(value) = merged.remove("const") {
            merged.insert("enum".into(), Value::Array(vec![value]));
        }
        if let Some(Value::Array(values)) = merged.get_mut("enum") {
            if !values.contains(&Value::Null) {
                values.push(Value::Null);
            }
        }
        object.remove(keyword);
        for (key, value) in merged {
            object.entry(key).or_insert(value);
        }
        return;
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
    let read = Subschema::of(object);
    let type_ok = read
        .types
        .is_none_or(|types| types.iter().any(|t| t.admits(default)));
    let enum_ok = read
        .enumeration
        .is_none_or(|values| values.contains(default));
    let const_ok = read.constant.is_none_or(|value| value == default);
    // A member that is a reference, or deeper than this looks, may accept it.
    let member_ok = |member: &Value| match member {
        Value::Object(member) if depth < DEEPEST && !member.contains_key("$ref") => {
            plausible(member, default, depth + 1)
        }
        Value::Bool(accepts) => *accepts,
        _ => true,
    };
    let members = |keyword: &str| object.get(keyword).and_then(Value::as_array);
    let alternatives_ok = vocabulary::alternatives()
        .filter_map(members)
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
    fn unevaluated_properties_false_closes_only_on_its_own() {
        let closed = json!({"properties": {"a": {}}, "unevaluatedProperties": false});
        let mut object = closed.clone();
        clean(object.as_object_mut().unwrap(), Draft::Draft2020);
        assert_eq!(
            object,
            json!({"properties": {"a": {}}, "additionalProperties": false})
        );
        // `allOf` and `$ref` may evaluate members `properties` does not name; an
        // `additionalProperties` evaluates them all.
        for beside in [
            json!({"allOf": [{"properties": {"b": {}}}]}),
            json!({"$ref": "#/$defs/b"}),
            json!({"additionalProperties": {"type": "string"}}),
        ] {
            let mut object = closed.clone();
            object
                .as_object_mut()
                .unwrap()
                .extend(beside.as_object().unwrap().clone());
            clean(object.as_object_mut().unwrap(), Draft::Draft2020);
            assert_ne!(object["additionalProperties"], json!(false), "{beside}");
        }
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
        let mut fine = json!({"type": ["string", "null"], "default": "x"});
        clean(fine.as_object_mut().unwrap(), Draft::Draft4);
        assert_eq!(fine, json!({"type": ["string", "null"], "default": "x"}));
        // evidence-bundle's `size_bytes`: typify refused the default, what `None` says anyway.
        let mut null = json!({"anyOf": [{"type": "integer", "minimum": 0}, {"type": "null"}], "default": null});
        clean(null.as_object_mut().unwrap(), Draft::Draft2020);
        assert_eq!(null, json!({"type": ["integer", "null"], "minimum": 0}));
    }
}

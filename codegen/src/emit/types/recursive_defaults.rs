//! Defaults that contain themselves, dropped before typify sees them. Types only:
//! validators always see the schema as written.
//!
//! typify turns a `default` into Rust code that builds the value, filling every member the
//! value leaves out with that member's own default. draft-04's meta-schema gives
//! `additionalItems` the default `{}`, a schema, whose own `additionalItems` is left out and so
//! defaults to `{}` again: the generated `Default` impls call each other forever (rustc
//! refuses the crate, and serde would overflow the stack on `{}`). Such a default cannot be
//! written in Rust; the member is typed `Option` instead.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::locate::{get, get_mut, walk};

/// Where a default sits: the tokens of its schema in the bundled document.
type Tokens = Vec<String>;

/// Drops every object or array `default` whose value, completed with the defaults of what
/// it leaves out, would contain itself, in a bundled document (root and `$defs`, every
/// `$ref` `#` or `#/$defs/<Name>`). Returns where it dropped one.
pub fn drop_recursive_defaults(document: &mut Value) -> Vec<Tokens> {
    let mut needs: BTreeMap<Tokens, BTreeSet<Tokens>> = BTreeMap::new();
    for tokens in composite_defaults(document) {
        let Some(default) = get(document, &tokens).and_then(|schema| schema.get("default")) else {
            continue;
        };
        let mut found = BTreeSet::new();
        let mut seen = BTreeSet::new();
        expand(document, &tokens, default, &mut found, &mut seen);
        needs.insert(tokens, found);
    }
    let mut dropped: Vec<Tokens> = Vec::new();
    let nodes: Vec<Tokens> = needs.keys().cloned().collect();
    for node in nodes {
        if reaches_itself(&needs, &node) {
            needs.remove(&node);
            dropped.push(node);
        }
    }
    for tokens in &dropped {
        if let Some(Value::Object(object)) = get_mut(document, tokens) {
            object.remove("default");
        }
    }
    dropped
}

/// Every schema with an object or array `default`, in document order.
fn composite_defaults(document: &Value) -> Vec<Tokens> {
    let mut places: Vec<Tokens> = vec![Vec::new()];
    if let Some(defs) = document.get("$defs").and_then(Value::as_object) {
        places.extend(
            defs.keys()
                .map(|name| vec!["$defs".to_string(), name.clone()]),
        );
    }
    let mut found = Vec::new();
    for place in places {
        let Some(schema) = get(document, &place) else {
            continue;
        };
        walk(schema, &mut |at, value| {
            if value.get("default").is_some_and(composite) {
                found.push([place.as_slice(), at].concat());
            }
        });
    }
    found
}

fn composite(value: &Value) -> bool {
    matches!(value, Value::Object(_) | Value::Array(_))
}

/// Collects into `found` the composite defaults that building `value` as an instance of the
/// schema at `at` takes: those of the properties `value` leaves out, through every `$ref`
/// and every member of `allOf`/`anyOf`/`oneOf` (any of them may be the one typify picks).
fn expand<'d>(
    document: &'d Value,
    at: &[String],
    value: &'d Value,
    found: &mut BTreeSet<Tokens>,
    seen: &mut BTreeSet<(Tokens, *const Value)>,
) {
    // Each (schema, part of the value) once: `$ref` cycles and shared parts end here.
    if !seen.insert((at.to_vec(), value as *const Value)) {
        return;
    }
    let Some(schema) = get(document, at).and_then(Value::as_object) else {
        return;
    };
    if let Some(target) = schema
        .get("$ref")
        .and_then(Value::as_str)
        .and_then(reference_tokens)
    {
        expand(document, &target, value, found, seen);
    }
    for keyword in ["allOf", "anyOf", "oneOf"] {
        let count = schema
            .get(keyword)
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        for index in 0..count {
            let member = [at, &[keyword.to_string(), index.to_string()]].concat();
            expand(document, &member, value, found, seen);
        }
    }
    match value {
        Value::Object(members) => {
            let properties = schema.get("properties").and_then(Value::as_object);
            for (name, property) in properties.into_iter().flatten() {
                let place = [at, &["properties".to_string(), name.clone()]].concat();
                match members.get(name) {
                    Some(given) => expand(document, &place, given, found, seen),
                    None if property.get("default").is_some_and(composite) => {
                        found.insert(place);
                    }
                    None => {}
                }
            }
            if schema
                .get("additionalProperties")
                .is_some_and(Value::is_object)
            {
                let place = [at, &["additionalProperties".to_string()]].concat();
                for (name, given) in members {
                    if properties.is_none_or(|p| !p.contains_key(name)) {
                        expand(document, &place, given, found, seen);
                    }
                }
            }
        }
        Value::Array(elements) => {
            for (index, element) in elements.iter().enumerate() {
                let place = match schema.get("prefixItems").and_then(Value::as_array) {
                    Some(prefix) if index < prefix.len() => {
                        [at, &["prefixItems".to_string(), index.to_string()]].concat()
                    }
                    _ => [at, &["items".to_string()]].concat(),
                };
                expand(document, &place, element, found, seen);
            }
        }
        _ => {}
    }
}

/// The tokens a bundled `$ref` points to.
fn reference_tokens(reference: &str) -> Option<Tokens> {
    if reference == "#" {
        return Some(Vec::new());
    }
    let name = reference.strip_prefix("#/$defs/")?;
    Some(vec!["$defs".to_string(), name.to_string()])
}

fn reaches_itself(needs: &BTreeMap<Tokens, BTreeSet<Tokens>>, start: &Tokens) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&Tokens> = needs.get(start).into_iter().flatten().collect();
    while let Some(node) = stack.pop() {
        if node == start {
            return true;
        }
        if seen.insert(node) {
            stack.extend(needs.get(node).into_iter().flatten());
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_default_that_contains_itself_is_dropped() {
        // draft-04's meta-schema, reduced to the part that recursed.
        let mut document = json!({
            "type": "object",
            "properties": {
                "additionalItems": {"anyOf": [{"type": "boolean"}, {"$ref": "#"}], "default": {}},
                "title": {"type": "string", "default": "untitled"}
            }
        });
        let dropped = drop_recursive_defaults(&mut document);
        assert_eq!(dropped, vec![vec!["properties", "additionalItems"]]);
        assert_eq!(
            document["properties"]["additionalItems"],
            json!({"anyOf": [{"type": "boolean"}, {"$ref": "#"}]})
        );
        assert_eq!(document["properties"]["title"]["default"], "untitled");
    }

    #[test]
    fn a_cycle_through_definitions_loses_one_default_only() {
        let mut document = json!({
            "$defs": {
                "A": {"type": "object", "properties": {"b": {"$ref": "#/$defs/B", "default": {}}}},
                "B": {"type": "object", "properties": {"a": {"$ref": "#/$defs/A", "default": {}}}}
            },
            "$ref": "#/$defs/A"
        });
        let dropped = drop_recursive_defaults(&mut document);
        assert_eq!(dropped.len(), 1, "{dropped:?}");
        let left = [
            document["$defs"]["A"]["properties"]["b"].get("default"),
            document["$defs"]["B"]["properties"]["a"].get("default"),
        ];
        assert_eq!(left.iter().flatten().count(), 1);
    }

    #[test]
    fn defaults_that_end_are_kept() {
        // `http: {}` whose members default to scalars, and a recursive schema whose
        // default gives the recursive member explicitly.
        let mut document = json!({
            "type": "object",
            "properties": {
                "http": {
                    "type": "object",
                    "default": {},
                    "properties": {"port": {"type": "integer", "default": 80}}
                },
                "tree": {"$ref": "#/$defs/Node", "default": {"children": []}}
            },
            "$defs": {
                "Node": {
                    "type": "object",
                    "properties": {"children": {"type": "array", "items": {"$ref": "#/$defs/Node"}, "default": []}}
                }
            }
        });
        let before = document.clone();
        assert!(drop_recursive_defaults(&mut document).is_empty());
        assert_eq!(document, before);
    }
}

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

use super::locate::{find_schemas, get, get_mut, reference_tokens};
use crate::vocabulary;

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
        expand(document, &tokens, default, &mut found);
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
    find_schemas(document, &|schema| {
        schema.get("default").is_some_and(composite)
    })
}

fn composite(value: &Value) -> bool {
    matches!(value, Value::Object(_) | Value::Array(_))
}

/// Collects into `found` the composite defaults that building `value` as an instance of the
/// schema at `at` takes: those of the properties `value` leaves out, through every `$ref`
/// and every member of `allOf`/`anyOf`/`oneOf` (any of them may be the one typify picks).
fn expand<'d>(document: &'d Value, at: &[String], value: &'d Value, found: &mut BTreeSet<Tokens>) {
    // Iterative, as `$ref` chains can be as long as the document; each (schema, part of the
    // value) once: `$ref` cycles and shared parts end there.
    let mut seen: BTreeSet<(Tokens, *const Value)> = BTreeSet::new();
    let mut work: Vec<(Tokens, &'d Value)> = vec![(at.to_vec(), value)];
    while let Some((at, value)) = work.pop() {
        let Some(schema) = get(document, &at).and_then(Value::as_object) else {
            continue;
        };
        if !seen.insert((at.clone(), value as *const Value)) {
            continue;
        }
        let child = |tokens: &[&str]| -> Tokens {
            let mut place = at.clone();
            place.extend(tokens.iter().map(|t| t.to_string()));
            place
        };
        if let Some(target) = schema
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(reference_tokens)
        {
            work.push((target, value));
        }
        for keyword in vocabulary::combinators().map(|k| k.name) {
            let count = schema
                .get(keyword)
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            for index in 0..count {
                work.push((child(&[keyword, &index.to_string()]), value));
            }
        }
        match value {
            Value::Object(members) => {
                let properties = schema.get("properties").and_then(Value::as_object);
                for (name, property) in properties.into_iter().flatten() {
                    let place = child(&["properties", name]);
                    match members.get(name) {
                        Some(given) => work.push((place, given)),
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
                    for (name, given) in members {
                        if properties.is_none_or(|p| !p.contains_key(name)) {
                            work.push((child(&["additionalProperties"]), given));
                        }
                    }
                }
            }
            Value::Array(elements) => {
                let prefix = schema
                    .get("prefixItems")
                    .and_then(Value::as_array)
                    .map_or(0, Vec::len);
                for (index, element) in elements.iter().enumerate() {
                    let place = if index < prefix {
                        child(&["prefixItems", &index.to_string()])
                    } else {
                        child(&["items"])
                    };
                    work.push((place, element));
                }
            }
            _ => {}
        }
    }
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
    fn a_long_reference_chain_is_followed_without_recursion() {
        let mut defs = serde_json::Map::new();
        for n in 0..20_000 {
            defs.insert(
                format!("D{n}"),
                json!({"$ref": format!("#/$defs/D{}", n + 1)}),
            );
        }
        defs.insert(
            "D20000".into(),
            json!({"type": "object", "properties": {"next": {"$ref": "#/$defs/D0", "default": {}}}}),
        );
        let mut document = json!({"$defs": defs, "$ref": "#/$defs/D0"});
        let dropped = drop_recursive_defaults(&mut document);
        assert_eq!(dropped, vec![vec!["$defs", "D20000", "properties", "next"]]);
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

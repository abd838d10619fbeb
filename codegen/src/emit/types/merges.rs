//! Merges typify would expand forever or exponentially, cut before it sees them. Types
//! only: validators always see the schema as written.
//!
//! - A `$ref` that typify would merge with something it is itself part of (`{"$ref": "#",
//!   "type": "object"}` inside the root, an `allOf` that includes its own definition) would
//!   make typify expand the schema forever and overflow the stack: the merge is cut there
//!   ([`break_merge_cycles`]), and the type is looser than the schema.
//! - A merge whose alternatives multiply past a bound is simplified ([`tame_merges`]).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::locate::{TYPIFY_DIALECT, bundled_schemas, get_mut, reference_tokens, walk};
use crate::vocabulary::{self, Combination, Role};

/// Cuts every merge typify would expand forever, in a bundled document (root and `$defs`,
/// every `$ref` `#` or `#/$defs/<Name>`). Returns where it cut, as reference tokens.
pub fn break_merge_cycles(document: &mut Value) -> Vec<Vec<String>> {
    // Each definition (the root is "#"), where it sits, and what it refers to.
    let places: Vec<(String, Vec<String>)> = bundled_schemas(document)
        .into_iter()
        .map(|tokens| (definition_name(&tokens), tokens))
        .collect();
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
                let merged = object
                    .keys()
                    .any(|k| !vocabulary::has(k, |row| row.unmerged));
                if merged && looping(value) {
                    found.push((at.to_vec(), Cut::Siblings));
                }
                for combinator in vocabulary::combinators() {
                    let keyword = combinator.name;
                    // `anyOf`/`oneOf` variants are merged only with siblings of their own.
                    let merges = combinator.combines == Some(Combination::All)
                        || object
                            .keys()
                            .any(|k| !vocabulary::has(k, |row| row.unmerged) && k != keyword);
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
                    Cut::Siblings => object.retain(|k, _| vocabulary::has(k, |row| row.unmerged)),
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
    let places = bundled_schemas(document);
    let mut found: Vec<(Vec<String>, bool)> = Vec::new();
    for tokens in &places {
        let Some(schema) = super::locate::get(document, tokens) else {
            continue;
        };
        walk(schema, &mut |at, value| {
            let Some(object) = value.as_object() else {
                return;
            };
            let alternative = |k: &str| vocabulary::alternatives().any(|a| a == k);
            let has_alternatives = object.keys().any(|k| alternative(k));
            let merged = object.contains_key("allOf")
                || object
                    .keys()
                    .any(|k| !vocabulary::has(k, |row| row.unmerged) && !alternative(k));
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
                object.retain(|k, _| {
                    path.is_empty()
                        && (k == "title" || vocabulary::has(k, |row| row.role == Role::Container))
                });
            } else {
                for keyword in vocabulary::alternatives() {
                    object.remove(keyword);
                }
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
        for (child, sub) in vocabulary::subschemas(value, TYPIFY_DIALECT) {
            if child[0] != "$defs" && child[0] != "definitions" {
                stack.push(sub);
            }
        }
    }
    count
}

/// Whether every alternative of `object` only requires or narrows properties `object`
/// declares itself: then leaving them out of the type loses nothing.
pub fn refinements(object: &Map<String, Value>) -> bool {
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
                    "required" | "type" => true,
                    "properties" => inner
                        .as_object()
                        .is_some_and(|p| p.keys().all(|k| declared.contains(k))),
                    k if vocabulary::has(k, |row| row.combines.is_some()) => inner
                        .as_array()
                        .is_some_and(|members| members.iter().all(|m| check(m, declared))),
                    k => vocabulary::has(k, |row| row.documents),
                })
        }
        check(alternative, &declared)
    };
    vocabulary::alternatives()
        .filter_map(|k| object.get(k).and_then(Value::as_array))
        .flatten()
        .all(refines)
}

enum Cut {
    /// Keep the `$ref`, drop what it would be merged with.
    Siblings,
    /// Make the member accept anything.
    Member,
}

/// The definition a bundled `$ref` names; the root is `#`.
fn definition(reference: &str) -> Option<String> {
    reference_tokens(reference).map(|tokens| definition_name(&tokens))
}

/// The name of the definition at `tokens` (`$defs/<Name>`); the root is `#`.
fn definition_name(tokens: &[String]) -> String {
    tokens.get(1).cloned().unwrap_or_else(|| "#".into())
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
}

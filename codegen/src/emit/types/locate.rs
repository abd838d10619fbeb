//! Finding the part of a schema that typify fails on, when typify does not say.
//!
//! At each level, the subschemas are replaced by `{}` (any value) from some position on,
//! and typify runs again: a binary search finds the first subschema whose restoring makes
//! it fail, and the search descends into it, with the ones after it still replaced. So a
//! schema with several failing parts yields one of them, in O(depth × log(width)) runs. At
//! the bottom, removing one keyword at a time names the keyword.

use serde_json::Value;

use crate::vocabulary;

/// typify reads schemars' model: draft-07 with `$defs`, closest to 2019-09.
pub const TYPIFY_DIALECT: crate::dialect::Draft = crate::dialect::Draft::Draft2019;

/// The reference tokens of a smallest failing subschema, and the keyword at fault when one
/// is found. `succeeds` runs typify on a trial document; `input` must fail.
pub fn narrow(input: &Value, succeeds: &dyn Fn(&Value) -> bool) -> (Vec<String>, Option<String>) {
    let mut failing = input.clone();
    let mut at: Vec<String> = Vec::new();
    loop {
        let Some(node) = get(&failing, &at) else {
            return (at, None);
        };
        let children: Vec<Vec<String>> = vocabulary::subschemas(node, TYPIFY_DIALECT)
            .into_iter()
            .map(|(child, _)| [at.clone(), child].concat())
            .collect();
        // The document with the subschemas from `from` on replaced by `{}`.
        let blanked = |from: usize| {
            let mut trial = failing.clone();
            for child in &children[from..] {
                replace(&mut trial, child, Value::Object(Default::default()));
            }
            trial
        };
        if children.is_empty() || !succeeds(&blanked(0)) {
            return (at.clone(), keyword_at_fault(&failing, &at, succeeds));
        }
        // `blanked(low)` succeeds and `blanked(high)` (the failing document) does not.
        let (mut low, mut high) = (0, children.len());
        while high - low > 1 {
            let middle = low + (high - low) / 2;
            if succeeds(&blanked(middle)) {
                low = middle;
            } else {
                high = middle;
            }
        }
        failing = blanked(high);
        at = children[high - 1].clone();
    }
}

/// The keyword of the schema at `at` whose removal makes `failing` succeed.
fn keyword_at_fault(
    failing: &Value,
    at: &[String],
    succeeds: &dyn Fn(&Value) -> bool,
) -> Option<String> {
    let keys: Vec<String> = get(failing, at)?
        .as_object()?
        .keys()
        .filter(|k| *k != "title")
        .cloned()
        .collect();
    keys.into_iter().find(|keyword| {
        let mut trial = failing.clone();
        if let Some(Value::Object(object)) = get_mut(&mut trial, at) {
            object.remove(keyword);
        }
        succeeds(&trial)
    })
}
/// Calls `visit` on every subschema of `schema` (itself included) but those inside `$defs`,
/// with its tokens below `schema`. Iterative: nesting depth is the document's.
pub fn walk(schema: &Value, visit: &mut dyn FnMut(&[String], &Value)) {
    let mut stack: Vec<(Vec<String>, &Value)> = vec![(Vec::new(), schema)];
    while let Some((tokens, value)) = stack.pop() {
        visit(&tokens, value);
        for (child, sub) in vocabulary::subschemas(value, TYPIFY_DIALECT) {
            if child[0] == "$defs" || child[0] == "definitions" {
                continue;
            }
            stack.push(([tokens.clone(), child].concat(), sub));
        }
    }
}

/// The schemas of a bundled document, as tokens: the root and each `$defs` entry, which
/// [`walk`] does not enter from the root.
pub fn bundled_schemas(document: &Value) -> Vec<Vec<String>> {
    let mut places = vec![Vec::new()];
    if let Some(defs) = document.get("$defs").and_then(Value::as_object) {
        places.extend(
            defs.keys()
                .map(|name| vec!["$defs".to_string(), name.clone()]),
        );
    }
    places
}

/// Every schema of a bundled document (root, `$defs` entries and what they hold) that
/// `wanted` picks, as tokens, in document order.
pub fn find_schemas(document: &Value, wanted: &dyn Fn(&Value) -> bool) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    for place in bundled_schemas(document) {
        let Some(schema) = get(document, &place) else {
            continue;
        };
        walk(schema, &mut |at, value| {
            if wanted(value) {
                found.push([place.as_slice(), at].concat());
            }
        });
    }
    found
}

/// The tokens of what a bundled `$ref` names: `#` the root, `#/$defs/<Name>` a definition.
pub fn reference_tokens(reference: &str) -> Option<Vec<String>> {
    if reference == "#" {
        return Some(Vec::new());
    }
    let name = reference.strip_prefix("#/$defs/")?;
    Some(vec!["$defs".to_string(), name.to_string()])
}

pub fn get<'v>(value: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, token| match v {
        Value::Object(o) => o.get(token),
        Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

pub fn get_mut<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, token| match v {
        Value::Object(o) => o.get_mut(token),
        Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
        _ => None,
    })
}

/// Puts `with` at `path`; false when there is nothing there.
pub fn replace(value: &mut Value, path: &[String], with: Value) -> bool {
    match get_mut(value, path) {
        Some(slot) => {
            *slot = with;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn descends_to_the_failing_subschema_and_names_the_keyword() {
        let input = json!({"properties": {"ok": {"type": "string"}, "bad": {"items": {"type": "string", "poison": 1}}}});
        let succeeds = |v: &Value| !v.to_string().contains("poison");
        let (at, keyword) = narrow(&input, &succeeds);
        assert_eq!(at, ["properties", "bad", "items"]);
        assert_eq!(keyword.as_deref(), Some("poison"));
    }

    #[test]
    fn finds_one_of_several_failing_parts() {
        let input = json!({"properties": {
            "a": {"type": "string"},
            "b": {"poison": 1},
            "c": {"type": "string"},
            "d": {"items": {"poison": 2}}
        }});
        let succeeds = |v: &Value| !v.to_string().contains("poison");
        let (at, keyword) = narrow(&input, &succeeds);
        assert!(
            at == ["properties", "b"] || at == ["properties", "d", "items"],
            "{at:?}"
        );
        assert_eq!(keyword.as_deref(), Some("poison"));
    }
}

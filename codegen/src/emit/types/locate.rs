//! Finding the part of a schema that typify fails on, when typify does not say.
//!
//! A trial replaces one subschema with `{}` (any value) and runs typify again: if that
//! succeeds, the failure lies inside that subschema, and the search descends into it. At the
//! bottom, removing one keyword at a time names the keyword.

use serde_json::Value;

use crate::keywords;

/// typify reads schemars' model: draft-07 with `$defs`, closest to 2019-09.
pub const TYPIFY_DIALECT: crate::dialect::Draft = crate::dialect::Draft::Draft2019;

/// The reference tokens of the smallest failing subschema, and the keyword at fault when one
/// is found. `succeeds` runs typify on a trial document.
pub fn narrow(input: &Value, succeeds: &dyn Fn(&Value) -> bool) -> (Vec<String>, Option<String>) {
    let mut at: Vec<String> = Vec::new();
    'descend: loop {
        let Some(node) = get(input, &at) else {
            return (at, None);
        };
        for (child, _) in keywords::subschemas(node, TYPIFY_DIALECT) {
            let mut path = at.clone();
            path.extend(child);
            let mut trial = input.clone();
            if replace(&mut trial, &path, Value::Object(Default::default())) && succeeds(&trial) {
                at = path;
                continue 'descend;
            }
        }
        let keys: Vec<String> = node
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        for keyword in keys.into_iter().filter(|k| k != "title") {
            let mut trial = input.clone();
            if let Some(Value::Object(object)) = get_mut(&mut trial, &at) {
                object.remove(&keyword);
            }
            if succeeds(&trial) {
                return (at, Some(keyword));
            }
        }
        return (at, None);
    }
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
}

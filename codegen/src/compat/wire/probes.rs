//! Candidate witnesses for the rules, and how they show values in reasons.

use serde_json::{Map, Value, json};

use crate::compat::witness::{example, sample_of_type};
use crate::subschema::{JsonType, Subschema};
use crate::vocabulary;

/// Follows a `$ref` of one side to its target, if it can.
pub type Resolve<'a> = &'a dyn Fn(&str) -> Option<(String, Value)>;

pub(super) fn bound_of(object: &Map<String, Value>, keyword: &str) -> Option<f64> {
    object.get(keyword).and_then(Value::as_f64)
}

/// Values just past `bound` on the side it forbids, and at it: a number, a string, an
/// array or an object of that size.
pub(super) fn beyond(keyword: &str, bound: f64, lower: bool) -> Vec<Value> {
    let sizes: Vec<f64> = if lower {
        vec![bound - 1.0, bound - 0.5, bound]
    } else {
        vec![bound + 1.0, bound + 0.5, bound]
    };
    let count = |n: f64| (n.max(0.0) as usize).min(4096);
    let instance = vocabulary::get(keyword).and_then(|k| k.applies_to);
    sizes
        .into_iter()
        .filter_map(|n| match instance {
            Some(JsonType::Number) => {
                if n.fract() == 0.0 {
                    Some(json!(n as i64))
                } else {
                    serde_json::Number::from_f64(n).map(Value::Number)
                }
            }
            _ if n.fract() != 0.0 || n < 0.0 => None,
            Some(JsonType::String) => Some(json!("x".repeat(count(n)))),
            Some(JsonType::Array) => Some(Value::Array(vec![Value::Null; count(n)])),
            _ => Some(Value::Object(
                (0..count(n))
                    .map(|i| (format!("m{i}"), Value::Null))
                    .collect(),
            )),
        })
        .collect()
}

pub(super) fn as_object(schema: &Value) -> Map<String, Value> {
    match schema {
        Value::Object(object) => object.clone(),
        Value::Bool(false) => [("not".to_string(), json!({}))].into_iter().collect(),
        _ => Map::new(),
    }
}

/// The object's example with `name` set to `sample`, and to a value of each other type.
pub(super) fn member_probe(object: &Map<String, Value>, name: &str, sample: Value) -> Vec<Value> {
    let base = example(&Value::Object(object.clone()), &|_| None);
    vec![embed_member(&base, name, sample)]
}

pub(super) fn type_probes_for(
    schema: &Value,
    name: &str,
    object: &Map<String, Value>,
) -> Vec<Value> {
    let base = example(&Value::Object(object.clone()), &|_| None);
    let wanted = Subschema::parse(schema).types.unwrap_or_default();
    JsonType::ALL
        .into_iter()
        .filter(|t| !wanted.contains(*t))
        .map(|t| embed_member(&base, name, sample_of_type(t)))
        .collect()
}

pub(super) fn without_member(
    object: &Map<String, Value>,
    name: &str,
    resolve: Resolve<'_>,
) -> Vec<Value> {
    let mut base = example(&Value::Object(object.clone()), &|r| {
        resolve(r).map(|(_, v)| v)
    });
    if let Value::Object(members) = &mut base {
        members.remove(name);
    }
    vec![base]
}

pub(super) fn embed_member(base: &Value, name: &str, value: Value) -> Value {
    let mut members = base.as_object().cloned().unwrap_or_default();
    members.insert(name.to_string(), value);
    Value::Object(members)
}

pub(super) fn probes_outside(values: &[Value]) -> Vec<Value> {
    let mut probes: Vec<Value> = JsonType::ALL.into_iter().map(sample_of_type).collect();
    probes.push(json!("another value"));
    probes.retain(|p| !values.contains(p));
    probes
}

pub(super) fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

pub(super) fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn shown(values: &[Value]) -> String {
    if values.is_empty() {
        return "none".to_string();
    }
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

pub(super) fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

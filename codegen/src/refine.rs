//! Local refinements of an upstream schema: a schema file whose root is
//! `"allOf": [{"$ref": "<upstream>"}]` beside keywords of its own (`writeOnly` on a token,
//! `minimum: 0`, a title) is merged with the part it names into one schema, before anything
//! else reads it. The types, the secret detection, the validators and the docs all see the
//! merged schema, and `codegen diff` compares merged schemas, so an upstream change shows.
//!
//! The merge is exact: it accepts only what means, merged, what the `allOf` means. Local
//! annotations replace upstream ones; bounds keep the tighter value; `required` and `type`
//! combine as both would apply; a local property refines the upstream property of the same
//! name. Anything else that both sides set differently, or a keyword whose meaning depends on
//! its siblings, leaves the `allOf` as it is (still validated exactly) with a warning that
//! says why.

use serde_json::{Map, Value};

use crate::error::{Diagnostic, Kind};
use crate::load::SchemaFile;
use crate::vocabulary::{self, Bound, Role};

/// Merges every refinement among `schemas` with the upstream part it names, found among the
/// schemas and `documents`. Returns a warning for each refinement left as an `allOf`.
pub fn apply(schemas: &mut [SchemaFile], documents: &[SchemaFile]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for index in 0..schemas.len() {
        let Some(reference) = refined_reference(&schemas[index].value) else {
            continue;
        };
        // Only a reference to another document refines it; a schema with its own `$id` is
        // an upstream schema in its own right (published schemas have this shape) and is
        // left as written, without a warning.
        if reference.starts_with('#') || schemas[index].value.get("$id").is_some() {
            continue;
        }
        let merged = upstream(&schemas[index], &reference, schemas, documents)
            .and_then(|(target, dialect)| merge_root(&schemas[index].value, target, dialect));
        match merged {
            Ok(value) => schemas[index].value = value,
            Err(reason) => warnings.push(
                Diagnostic::new(Kind::Refinement,
                    &schemas[index].display,
                    "/allOf/0",
                    format!(
                        "the refinement of `{reference}` stays an `allOf` (validated exactly, but types, secrets and docs see only the local keywords): {reason}"
                    ),
                )
                .with_keyword("allOf"),
            ),
        }
    }
    warnings
}

/// The `$ref` of a root of the form `"allOf": [{"$ref": …}]`.
fn refined_reference(root: &Value) -> Option<String> {
    let [only] = root.get("allOf")?.as_array()?.as_slice() else {
        return None;
    };
    let only = only.as_object()?;
    if only.len() != 1 {
        return None;
    }
    only.get("$ref")?.as_str().map(str::to_string)
}

/// The upstream part, and the dialect its document declares.
fn upstream<'a>(
    file: &SchemaFile,
    reference: &str,
    schemas: &'a [SchemaFile],
    documents: &'a [SchemaFile],
) -> Result<(&'a Value, Option<&'a str>), String> {
    let target = file
        .uri
        .join(reference)
        .map_err(|e| format!("`{reference}` is not a valid URI reference ({e})"))?;
    let fragment = target.fragment().unwrap_or("").to_string();
    let mut document_uri = target.clone();
    document_uri.set_fragment(None);
    let document = schemas
        .iter()
        .chain(documents)
        .find(|d| d.identifiers().iter().any(|id| id == document_uri.as_str()))
        .ok_or_else(|| format!("no schema or document is `{document_uri}`"))?;
    let decoded = percent_encoding::percent_decode_str(&fragment).decode_utf8_lossy();
    let part = document
        .value
        .pointer(&decoded)
        .ok_or_else(|| format!("{} has nothing at `#{decoded}`", document.display))?;
    if holds_reference(part) {
        return Err(
            "the upstream part holds references of its own, which would resolve differently here"
                .to_string(),
        );
    }
    Ok((part, document.value.get("$schema").and_then(Value::as_str)))
}

/// Whether a schema names anything outside itself, or names itself: a `$ref` (of any
/// kind), an `$id` or an `$anchor` somewhere in it.
pub(crate) fn holds_reference(value: &Value) -> bool {
    match value {
        Value::Object(members) => members.iter().any(|(k, v)| {
            vocabulary::has(k, |row| {
                row.refers.is_some() || row.role == Role::Identifier
            }) || holds_reference(v)
        }),
        Value::Array(items) => items.iter().any(holds_reference),
        _ => false,
    }
}

/// The refining root merged with the upstream part, keys in the local file's order with the
/// upstream's in place of the `allOf`.
fn merge_root(local: &Value, upstream: &Value, dialect: Option<&str>) -> Result<Value, String> {
    let Value::Object(local) = local else {
        return Err("the refining schema is not an object".to_string());
    };
    let declared = local.get("$schema").and_then(Value::as_str);
    if declared.map(|d| d.trim_end_matches('#')) != dialect.map(|d| d.trim_end_matches('#')) {
        return Err(format!(
            "the upstream document's dialect ({}) is not this file's ({})",
            dialect.unwrap_or("none declared"),
            declared.unwrap_or("none declared")
        ));
    }
    let refinements: Map<String, Value> = local
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "allOf" | "$schema"))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    let merged = merge(upstream, &Value::Object(refinements))?;
    let Value::Object(mut merged) = merged else {
        return Err("the upstream part is not an object schema".to_string());
    };
    let mut ordered = Map::new();
    for (key, value) in local {
        if key == "allOf" {
            let upstream_only: Vec<String> = merged
                .keys()
                .filter(|k| !local.contains_key(*k))
                .cloned()
                .collect();
            for k in upstream_only {
                if let Some(v) = merged.remove(&k) {
                    ordered.insert(k, v);
                }
            }
        } else if let Some(v) = merged.remove(key) {
            ordered.insert(key.clone(), v);
        } else {
            ordered.insert(key.clone(), value.clone());
        }
    }
    Ok(Value::Object(ordered))
}

/// One schema refined by another: what `{"allOf": [upstream, local]}` means, as one schema.
fn merge(upstream: &Value, local: &Value) -> Result<Value, String> {
    let (upstream_members, local_members) = match (upstream, local) {
        (_, Value::Bool(true)) => return Ok(upstream.clone()),
        (Value::Bool(true), _) => return Ok(local.clone()),
        (Value::Object(u), Value::Object(l)) => (u, l),
        _ => return Err("only object schemas are merged".to_string()),
    };
    let mut merged = upstream_members.clone();
    for (key, value) in local_members {
        let existing = merged.get(key);
        let combined = match (key.as_str(), existing) {
            (k, _) if vocabulary::annotates(k) || k.starts_with("x-") => value.clone(),
            ("properties", Some(existing)) => properties(existing, value, upstream_members)?,
            ("properties", None) => {
                properties(&Value::Object(Map::new()), value, upstream_members)?
            }
            (_, Some(existing)) if existing == value => value.clone(),
            ("required", Some(existing)) => union(existing, value)?,
            ("type", Some(existing)) => intersect_types(existing, value)?,
            (k, Some(existing)) if bound(k).is_some() => tighter(k, existing, value)?,
            (k, None) if vocabulary::has(k, |row| row.independent || row.bound.is_some()) => {
                value.clone()
            }
            (k, Some(_)) => return Err(format!("both sides set `{k}`, differently")),
            (k, None) => {
                return Err(format!(
                    "`{k}` depends on its sibling keywords, so it cannot be moved into the upstream schema"
                ));
            }
        };
        merged.insert(key.clone(), combined);
    }
    Ok(Value::Object(merged))
}

fn properties(
    existing: &Value,
    local: &Value,
    upstream: &Map<String, Value>,
) -> Result<Value, String> {
    let (Value::Object(existing), Value::Object(local)) = (existing, local) else {
        return Err("`properties` is not an object".to_string());
    };
    let closed = [
        "additionalProperties",
        "patternProperties",
        "unevaluatedProperties",
    ]
    .iter()
    .any(|k| upstream.contains_key(*k));
    let mut merged = existing.clone();
    for (name, schema) in local {
        let combined = match existing.get(name) {
            Some(upstream_schema) => merge(upstream_schema, schema)
                .map_err(|reason| format!("property `{name}`: {reason}"))?,
            None if closed => {
                return Err(format!(
                    "`{name}` is not an upstream property, and the upstream schema governs other properties"
                ));
            }
            None => schema.clone(),
        };
        merged.insert(name.clone(), combined);
    }
    Ok(Value::Object(merged))
}

fn union(existing: &Value, local: &Value) -> Result<Value, String> {
    let (Value::Array(existing), Value::Array(local)) = (existing, local) else {
        return Err("`required` is not an array".to_string());
    };
    let mut merged = existing.clone();
    merged.extend(local.iter().filter(|v| !existing.contains(v)).cloned());
    Ok(Value::Array(merged))
}

/// The types both allow, in the upstream's order (`integer` is the part of `number` both
/// allow).
fn intersect_types(existing: &Value, local: &Value) -> Result<Value, String> {
    let names = |v: &Value| -> Vec<String> {
        match v {
            Value::String(s) => vec![s.clone()],
            Value::Array(items) => items
                .iter()
                .filter_map(Value::as_str)
                .map(String::from)
                .collect(),
            _ => Vec::new(),
        }
    };
    let (upstream, local) = (names(existing), names(local));
    let allows = |set: &[String], t: &str| {
        set.iter().any(|s| s == t) || (t == "integer" && set.iter().any(|s| s == "number"))
    };
    let mut both: Vec<String> = upstream
        .iter()
        .filter(|t| allows(&local, t))
        .cloned()
        .collect();
    if upstream.iter().any(|t| t == "number") && local.iter().any(|t| t == "integer") {
        both.retain(|t| t != "number");
        if !both.iter().any(|t| t == "integer") {
            both.push("integer".to_string());
        }
    }
    match both.as_slice() {
        [] => Err("the two `type`s allow nothing in common".to_string()),
        [single] => Ok(Value::String(single.clone())),
        _ => Ok(Value::Array(both.into_iter().map(Value::String).collect())),
    }
}

fn bound(keyword: &str) -> Option<Bound> {
    vocabulary::get(keyword).and_then(|row| row.bound)
}

fn tighter(keyword: &str, existing: &Value, local: &Value) -> Result<Value, String> {
    let (Some(a), Some(b)) = (existing.as_f64(), local.as_f64()) else {
        return Err(format!("`{keyword}` is not a number"));
    };
    let local_wins = match bound(keyword) {
        Some(Bound::Lower) => b > a,
        _ => b < a,
    };
    Ok(if local_wins { local } else { existing }.clone())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::load::in_memory;

    fn refined(local: Value, upstream: Value) -> (Value, Vec<Diagnostic>) {
        let mut schemas = vec![in_memory("local", local)];
        let documents = vec![in_memory("api", upstream)];
        let warnings = apply(&mut schemas, &documents);
        (schemas.remove(0).value, warnings)
    }

    const DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";

    #[test]
    fn merges_annotations_bounds_and_secrets_into_the_upstream_part() {
        let upstream = json!({"$schema": DIALECT, "components": {"schemas": {"T": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
                "token": {"type": ["string", "null"], "description": "upstream"},
                "ttl": {"type": ["integer", "null"], "minimum": -5}
            },
            "required": ["token"]
        }}}});
        let local = json!({
            "$schema": DIALECT,
            "title": "T",
            "allOf": [{"$ref": "api.json#/components/schemas/T"}],
            "properties": {"token": {"writeOnly": true, "description": "local"}, "ttl": {"minimum": 0}},
            "required": ["ttl"]
        });
        let (value, warnings) = refined(local, upstream);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(
            value,
            json!({
                "$schema": DIALECT,
                "title": "T",
                "type": "object",
                "additionalProperties": false,
                "properties": {
                    "token": {"type": ["string", "null"], "description": "local", "writeOnly": true},
                    "ttl": {"type": ["integer", "null"], "minimum": 0}
                },
                "required": ["token", "ttl"]
            })
        );
        let keys: Vec<&String> = value.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            [
                "$schema",
                "title",
                "type",
                "additionalProperties",
                "properties",
                "required"
            ]
        );
    }

    #[test]
    fn leaves_what_it_cannot_merge_exactly_as_an_allof_with_a_warning() {
        let upstream = json!({"$schema": DIALECT, "additionalProperties": false, "properties": {"a": {"pattern": "x"}}});
        let cases = [
            (json!({"properties": {"b": {}}}), "not an upstream property"),
            (
                json!({"properties": {"a": {"pattern": "y"}}}),
                "both sides set `pattern`",
            ),
            (json!({"items": {}}), "depends on its sibling keywords"),
        ];
        for (refinement, reason) in cases {
            let mut local = json!({"$schema": DIALECT, "allOf": [{"$ref": "api.json"}]});
            local
                .as_object_mut()
                .unwrap()
                .extend(refinement.as_object().unwrap().clone());
            let (value, warnings) = refined(local.clone(), upstream.clone());
            assert_eq!(value, local);
            assert_eq!(warnings.len(), 1);
            assert!(warnings[0].message.contains(reason), "{}", warnings[0]);
            assert_eq!(warnings[0].location(), "schema/local.json#/allOf/0");
        }
        let other_dialect = json!({"$schema": "http://json-schema.org/draft-07/schema#", "allOf": [{"$ref": "api.json"}]});
        let (_, warnings) = refined(other_dialect, upstream);
        assert!(warnings[0].message.contains("dialect"), "{}", warnings[0]);
    }

    #[test]
    fn types_intersect() {
        let t = |a: Value, b: Value| intersect_types(&a, &b);
        assert_eq!(
            t(json!(["string", "null"]), json!("string")),
            Ok(json!("string"))
        );
        assert_eq!(
            t(json!(["number", "null"]), json!(["integer", "null"])),
            Ok(json!(["null", "integer"]))
        );
        assert!(t(json!("string"), json!("integer")).is_err());
    }
}

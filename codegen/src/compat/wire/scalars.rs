//! Rules on one value: `type`, `enum`/`const`, numeric and size bounds, `pattern` and
//! `format`.

use serde_json::{Map, Value, json};

use super::probes::{beyond, bound_of, number, probes_outside, quoted, shown};
use super::{At, Claim, Walk};
use crate::compat::witness::{STRING_PROBES, sample_of_type};
use crate::subschema::{JsonType, Subschema};
use crate::vocabulary;

impl Walk<'_> {
    pub(super) fn types(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let types = |object| Subschema::of(object).types.unwrap_or_default();
        let (old_types, new_types) = (types(old), types(new));
        if old_types == new_types {
            return;
        }
        let lost: Vec<JsonType> = JsonType::ALL
            .into_iter()
            .filter(|t| old_types.allows(*t) && !new_types.allows(*t))
            .collect();
        let gained: Vec<JsonType> = JsonType::ALL
            .into_iter()
            .filter(|t| !old_types.allows(*t) && new_types.allows(*t))
            .collect();
        let claim = |types: &[JsonType]| match types {
            [] => Claim::Compatible,
            some => Claim::Breaking(some.iter().map(|t| sample_of_type(*t)).collect()),
        };
        let quoted =
            |types: &[JsonType]| quoted(&types.iter().map(|t| t.name()).collect::<Vec<_>>());
        let (rule, reason) = match (lost.is_empty(), gained.is_empty()) {
            (false, true) => (
                "type-narrowed",
                format!("no longer allows {}", quoted(&lost)),
            ),
            (true, false) => (
                "type-widened",
                format!("now also allows {}", quoted(&gained)),
            ),
            _ => (
                "type-changed",
                format!("allows {} instead of {}", quoted(&gained), quoted(&lost)),
            ),
        };
        let at = at.keyword("type");
        self.push(&at, rule, reason, claim(&lost), claim(&gained));
    }

    pub(super) fn values(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let allowed = |object: &Map<String, Value>| -> Option<Vec<Value>> {
            match (object.get("const"), object.get("enum")) {
                (Some(value), _) => Some(vec![value.clone()]),
                (None, Some(Value::Array(values))) => Some(values.clone()),
                _ => None,
            }
        };
        let (old_values, new_values) = (allowed(old), allowed(new));
        if old_values == new_values {
            return;
        }
        let keyword = if new.contains_key("const") || old.contains_key("const") {
            "const"
        } else {
            "enum"
        };
        let at = at.keyword(keyword);
        match (old_values, new_values) {
            (Some(old_values), Some(new_values)) => {
                let removed: Vec<Value> = old_values
                    .iter()
                    .filter(|v| !new_values.contains(v))
                    .cloned()
                    .collect();
                let added: Vec<Value> = new_values
                    .iter()
                    .filter(|v| !old_values.contains(v))
                    .cloned()
                    .collect();
                let claim = |values: &[Value]| match values {
                    [] => Claim::Compatible,
                    some => Claim::Breaking(some.to_vec()),
                };
                let rule = match (removed.is_empty(), added.is_empty()) {
                    (true, _) => "enum-value-added",
                    (false, true) => "enum-value-removed",
                    _ => "enum-values-changed",
                };
                let reason = format!(
                    "values added: {}; removed: {}",
                    shown(&added),
                    shown(&removed)
                );
                self.push(&at, rule, reason, claim(&removed), claim(&added));
            }
            (None, Some(values)) => {
                let probes = probes_outside(&values);
                let reason = format!("now only {}", shown(&values));
                self.push(
                    &at,
                    "enum-added",
                    reason,
                    Claim::Breaking(probes),
                    Claim::Compatible,
                );
            }
            (Some(values), None) => {
                let probes = probes_outside(&values);
                let reason = format!("no longer limited to {}", shown(&values));
                self.push(
                    &at,
                    "enum-removed",
                    reason,
                    Claim::Compatible,
                    Claim::Breaking(probes),
                );
            }
            (None, None) => {}
        }
    }

    pub(super) fn bound(
        &mut self,
        old: &Map<String, Value>,
        new: &Map<String, Value>,
        keyword: &'static str,
        lower: bool,
        at: &At,
    ) {
        let (old_raw, new_raw) = (old.get(keyword), new.get(keyword));
        let numeric = |raw: Option<&Value>| raw.is_none_or(Value::is_number);
        if old_raw != new_raw && !(numeric(old_raw) && numeric(new_raw)) {
            // Draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum`: whether the bound
            // beside it is excluded. Its own rule would need that bound; the bounds of both
            // versions, and their neighbours, are the candidates.
            let limit = if lower { "minimum" } else { "maximum" };
            let candidates: Vec<Value> = [bound_of(old, limit), bound_of(new, limit)]
                .into_iter()
                .flatten()
                .flat_map(|bound| {
                    beyond(limit, bound, lower)
                        .into_iter()
                        .chain(beyond(limit, bound, !lower))
                })
                .collect();
            let shown = |raw: Option<&Value>| raw.map_or("none".to_string(), Value::to_string);
            self.push(
                &at.keyword(keyword),
                "keyword-changed",
                format!(
                    "`{keyword}` {} → {}; no rule decides what it means",
                    shown(old_raw),
                    shown(new_raw)
                ),
                Claim::Unknown(candidates.clone()),
                Claim::Unknown(candidates),
            );
            return;
        }
        let (Some(old_bound), Some(new_bound)) = (bound_of(old, keyword), bound_of(new, keyword))
        else {
            let (old_bound, new_bound) = (bound_of(old, keyword), bound_of(new, keyword));
            let at = at.keyword(keyword);
            if let Some(bound) = new_bound {
                let probes = beyond(keyword, bound, lower);
                let reason = format!("`{keyword}: {}` added", number(bound));
                self.push(
                    &at,
                    "bound-added",
                    reason,
                    Claim::Breaking(probes),
                    Claim::Compatible,
                );
            } else if let Some(bound) = old_bound {
                let probes = beyond(keyword, bound, lower);
                let reason = format!("`{keyword}: {}` removed", number(bound));
                self.push(
                    &at,
                    "bound-removed",
                    reason,
                    Claim::Compatible,
                    Claim::Breaking(probes),
                );
            }
            return;
        };
        if old_bound == new_bound {
            return;
        }
        let tightened = if lower {
            new_bound > old_bound
        } else {
            new_bound < old_bound
        };
        let at = at.keyword(keyword);
        let reason = format!("`{keyword}` {} → {}", number(old_bound), number(new_bound));
        if tightened {
            let probes = beyond(keyword, new_bound, lower);
            self.push(
                &at,
                "bound-tightened",
                reason,
                Claim::Breaking(probes),
                Claim::Compatible,
            );
        } else {
            let probes = beyond(keyword, old_bound, lower);
            self.push(
                &at,
                "bound-loosened",
                reason,
                Claim::Compatible,
                Claim::Breaking(probes),
            );
        }
    }

    pub(super) fn strings(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        // The string keywords without a bound, which only a probe can compare.
        let probed = vocabulary::with(|k| {
            k.applies_to == Some(JsonType::String) && k.diffed && k.bound.is_none()
        });
        for keyword in probed.map(|k| k.name) {
            let (before, after) = (old.get(keyword), new.get(keyword));
            if before == after {
                continue;
            }
            let probes: Vec<Value> = STRING_PROBES.iter().map(|s| json!(s)).collect();
            let (rule, backward, forward) = match (before, after) {
                (None, Some(_)) => (
                    "string-constraint-added",
                    Claim::Breaking(probes),
                    Claim::Compatible,
                ),
                (Some(_), None) => (
                    "string-constraint-removed",
                    Claim::Compatible,
                    Claim::Breaking(probes),
                ),
                _ => (
                    "string-constraint-changed",
                    Claim::Unknown(probes.clone()),
                    Claim::Unknown(probes),
                ),
            };
            let reason = format!(
                "`{keyword}` {} → {}",
                before.map_or("none".to_string(), Value::to_string),
                after.map_or("none".to_string(), Value::to_string)
            );
            self.push(&at.keyword(keyword), rule, reason, backward, forward);
        }
    }
}

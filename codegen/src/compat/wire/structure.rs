//! Rules on structure: object members, `required`, `additionalProperties`, array items
//! and tuples, `anyOf`/`oneOf` alternatives.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::probes::{as_object, embed_member, member_probe, type_probes_for, without_member};
use super::{At, Claim, Resolve, Walk};
use crate::compat::witness::{Step, example};

impl Walk<'_> {
    pub(super) fn objects(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let empty = Map::new();
        let properties = |object: &Map<String, Value>| {
            object
                .get("properties")
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        let (old_properties, new_properties) = (properties(old), properties(new));
        let closed = |object: &Map<String, Value>| {
            object.get("additionalProperties") == Some(&Value::Bool(false))
        };
        for (name, old_schema) in &old_properties {
            let member_at = at.member(name);
            match new_properties.get(name) {
                Some(new_schema) => self.compare(old_schema, new_schema, &member_at),
                None => {
                    let sample = example(old_schema, &|r| (self.old)(r).map(|(_, v)| v));
                    let with_member = member_probe(old, name, sample);
                    let reason = format!("property `{name}` removed");
                    let (backward, forward) = if closed(new) {
                        (Claim::Breaking(with_member), Claim::Compatible)
                    } else {
                        (
                            Claim::Compatible,
                            Claim::Unknown(type_probes_for(old_schema, name, old)),
                        )
                    };
                    self.push(
                        &at.of_member(name),
                        "property-removed",
                        reason,
                        backward,
                        forward,
                    );
                }
            }
        }
        for (name, new_schema) in &new_properties {
            if old_properties.contains_key(name) {
                continue;
            }
            let sample = example(new_schema, &|r| (self.new)(r).map(|(_, v)| v));
            let with_member = member_probe(new, name, sample);
            let reason = format!("property `{name}` added");
            let (backward, forward) = if closed(old) {
                (Claim::Compatible, Claim::Breaking(with_member))
            } else if as_object(new_schema).is_empty() {
                (Claim::Compatible, Claim::Compatible)
            } else {
                (
                    Claim::Unknown(type_probes_for(new_schema, name, new)),
                    Claim::Compatible,
                )
            };
            self.push(
                &at.of_member(name),
                "property-added",
                reason,
                backward,
                forward,
            );
        }
        let required = |object: &Map<String, Value>| -> BTreeSet<String> {
            object
                .get("required")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        };
        let (old_required, new_required) = (required(old), required(new));
        for name in new_required.difference(&old_required) {
            let mut at = at.keyword("required");
            at.member = Some(name.clone());
            let without = without_member(old, name, self.old);
            let reason = format!("`{name}` is now required");
            self.push(
                &at,
                "required-added",
                reason,
                Claim::Breaking(without),
                Claim::Compatible,
            );
        }
        for name in old_required.difference(&new_required) {
            let mut at = at.keyword("required");
            at.member = Some(name.clone());
            let without = without_member(new, name, self.new);
            let reason = format!("`{name}` is no longer required");
            self.push(
                &at,
                "required-removed",
                reason,
                Claim::Compatible,
                Claim::Breaking(without),
            );
        }
        let (old_extra, new_extra) = (
            old.get("additionalProperties"),
            new.get("additionalProperties"),
        );
        if self.differs(old_extra, new_extra) {
            let extra = |object: &Map<String, Value>, resolve: Resolve<'_>| {
                let base = example(&Value::Object(object.clone()), &|r| {
                    resolve(r).map(|(_, v)| v)
                });
                vec![embed_member(&base, "unlisted_member", json!("x"))]
            };
            let at = at.keyword("additionalProperties");
            match (closed(old), closed(new)) {
                (false, true) => {
                    let probes = extra(old, self.old);
                    self.push(
                        &at,
                        "additional-properties-closed",
                        "members not listed in `properties` are refused now".into(),
                        Claim::Breaking(probes),
                        Claim::Compatible,
                    );
                }
                (true, false) => {
                    let probes = extra(new, self.new);
                    self.push(
                        &at,
                        "additional-properties-opened",
                        "members not listed in `properties` are allowed now".into(),
                        Claim::Compatible,
                        Claim::Breaking(probes),
                    );
                }
                _ => {
                    let (o, n) = (
                        old_extra.unwrap_or(&Value::Bool(true)),
                        new_extra.unwrap_or(&Value::Bool(true)),
                    );
                    let mut inner = at.clone();
                    inner.path.push(Step::Member("unlisted_member".into()));
                    self.compare(o, n, &inner);
                }
            }
        }
        let _ = empty;
    }

    pub(super) fn arrays(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let truthy = Value::Bool(true);
        let uniform = |object: &Map<String, Value>| {
            object
                .get("items")
                .filter(|items| !items.is_array())
                .unwrap_or(&truthy)
                .clone()
        };
        let (old_items, new_items) = (uniform(old), uniform(new));
        if self.differs(Some(&old_items), Some(&new_items)) {
            self.compare(&old_items, &new_items, &at.item("items", None, 0));
        }
        // Tuples: `prefixItems`, or draft-07's array `items` followed by `additionalItems`.
        // Past the end of one version's tuple, what that version says of the rest applies.
        let tuple = |object: &Map<String, Value>| -> (&'static str, Vec<Value>, Value) {
            match (object.get("prefixItems"), object.get("items")) {
                (Some(Value::Array(positions)), rest) => (
                    "prefixItems",
                    positions.clone(),
                    rest.unwrap_or(&truthy).clone(),
                ),
                (None, Some(Value::Array(positions))) => (
                    "items",
                    positions.clone(),
                    object.get("additionalItems").unwrap_or(&truthy).clone(),
                ),
                _ => ("prefixItems", Vec::new(), truthy.clone()),
            }
        };
        let ((old_keyword, old_tuple, old_rest), (new_keyword, new_tuple, new_rest)) =
            (tuple(old), tuple(new));
        let keyword = if new_tuple.is_empty() {
            old_keyword
        } else {
            new_keyword
        };
        for index in 0..old_tuple.len().max(new_tuple.len()) {
            let o = old_tuple.get(index).unwrap_or(&old_rest);
            let n = new_tuple.get(index).unwrap_or(&new_rest);
            self.compare(o, n, &at.item(keyword, Some(index), index));
        }
    }

    /// `allOf`: each part must hold, so a part that loosens (or tightens) loosens (or
    /// tightens) the whole; parts are compared in pairs. Parts added or removed are left to
    /// the witnesses.
    pub(super) fn all_of(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let (old_parts, new_parts) = (listed(old, "allOf"), listed(new, "allOf"));
        if self.in_pairs(&old_parts, &new_parts, "allOf", at) {
            return;
        }
        let example_of =
            |part: &Value, resolve: Resolve<'_>| example(part, &|r| resolve(r).map(|(_, v)| v));
        let (old_examples, new_examples): (Vec<Value>, Vec<Value>) = (
            old_parts.iter().map(|p| example_of(p, self.old)).collect(),
            new_parts.iter().map(|p| example_of(p, self.new)).collect(),
        );
        self.push(
            &at.keyword("allOf"),
            "all-of-changed",
            format!(
                "`allOf` has {} part(s) instead of {}",
                new_parts.len(),
                old_parts.len()
            ),
            Claim::Unknown(old_examples),
            Claim::Unknown(new_examples),
        );
    }

    /// Lists of subschemas of one length, compared position by position; whether they were.
    fn in_pairs(&mut self, old: &[Value], new: &[Value], keyword: &str, at: &At) -> bool {
        if old.len() != new.len() {
            return false;
        }
        for (index, (o, n)) in old.iter().zip(new).enumerate() {
            self.compare(o, n, &at.keyword(&format!("{keyword}/{index}")));
        }
        true
    }

    pub(super) fn alternatives(
        &mut self,
        old: &Map<String, Value>,
        new: &Map<String, Value>,
        keyword: &'static str,
        at: &At,
    ) {
        if !self.differs(old.get(keyword), new.get(keyword)) {
            return;
        }
        let (old_branches, new_branches) = (listed(old, keyword), listed(new, keyword));
        if self.in_pairs(&old_branches, &new_branches, keyword, at) {
            return;
        }
        let example_of =
            |branch: &Value, resolve: Resolve<'_>| example(branch, &|r| resolve(r).map(|(_, v)| v));
        let removed: Vec<Value> = old_branches
            .iter()
            .filter(|b| !new_branches.contains(b))
            .map(|b| example_of(b, self.old))
            .collect();
        let added: Vec<Value> = new_branches
            .iter()
            .filter(|b| !old_branches.contains(b))
            .map(|b| example_of(b, self.new))
            .collect();
        let at = at.keyword(keyword);
        let reason = format!(
            "{} alternative(s) added, {} removed",
            added.len(),
            removed.len()
        );
        // With `oneOf`, a new branch can also make a payload match twice: only a witness
        // decides.
        let decided = keyword == "anyOf";
        let claim = |values: Vec<Value>| match (values.is_empty(), decided) {
            (true, true) => Claim::Compatible,
            (false, true) => Claim::Breaking(values),
            (_, false) => Claim::Unknown(values),
        };
        let rule = if added.len() > removed.len() {
            "alternative-added"
        } else {
            "alternative-removed"
        };
        self.push(&at, rule, reason, claim(removed), claim(added));
    }
}

/// The subschemas listed under `keyword` (`allOf`, `anyOf`, `oneOf`).
fn listed(object: &Map<String, Value>, keyword: &str) -> Vec<Value> {
    object
        .get(keyword)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

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
        if old_extra != new_extra {
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
        if let (Some(o), Some(n)) = (old.get("items"), new.get("items")) {
            if o.is_object() || o.is_boolean() {
                self.compare(o, n, &at.item("items", None, 0));
            }
        } else if old.get("items") != new.get("items") {
            let (o, n) = (
                old.get("items").unwrap_or(&truthy),
                new.get("items").unwrap_or(&truthy),
            );
            self.compare(o, n, &at.item("items", None, 0));
        }
        let tuple = |object: &Map<String, Value>| {
            object
                .get("prefixItems")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let (old_tuple, new_tuple) = (tuple(old), tuple(new));
        for index in 0..old_tuple.len().max(new_tuple.len()) {
            let o = old_tuple.get(index).unwrap_or(&truthy);
            let n = new_tuple.get(index).unwrap_or(&truthy);
            self.compare(o, n, &at.item("prefixItems", Some(index), index));
        }
    }

    pub(super) fn alternatives(
        &mut self,
        old: &Map<String, Value>,
        new: &Map<String, Value>,
        keyword: &'static str,
        at: &At,
    ) {
        let branches = |object: &Map<String, Value>| {
            object
                .get(keyword)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        let (old_branches, new_branches) = (branches(old), branches(new));
        if old_branches == new_branches {
            return;
        }
        if old_branches.len() == new_branches.len() {
            for (index, (o, n)) in old_branches.iter().zip(&new_branches).enumerate() {
                self.compare(o, n, &at.keyword(&format!("{keyword}/{index}")));
            }
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

//! Wire compatibility: the old and the new version of a schema walked side by side, each
//! difference classified by a rule, in both directions. A rule that finds a break offers
//! candidate witnesses (values at an instance location); `super` keeps only those the
//! oracle confirms, and says "unknown" when none holds.
//!
//! - *backward*: every payload valid under the old schema is valid under the new one.
//! - *forward*: every payload valid under the new schema is valid under the old one.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::witness::{Step, example, sample_of_type};
use crate::refine::holds_reference;
use crate::subschema::JsonType;
use crate::vocabulary::{self, Bound, Role};
pub use probes::Resolve;
use probes::{as_object, escape, quoted};

mod probes;
mod scalars;
mod structure;

/// How one direction is classified before witnesses are checked.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    Compatible,
    /// Breaking if one of these values, placed at the finding's location, is a witness.
    Breaking(Vec<Value>),
    /// The rule cannot decide, but these values may still prove a break.
    Unknown(Vec<Value>),
}

/// One classified difference.
#[derive(Debug, Clone)]
pub struct Finding {
    /// JSON Pointer into the new schema (the old one for what was removed).
    pub pointer: String,
    pub rule: &'static str,
    pub reason: String,
    pub backward: Claim,
    pub forward: Claim,
    /// Where in an instance the candidates go.
    pub path: Vec<Step>,
    /// The object member the change is about, if any: Rust changes of that field join it.
    pub member: Option<String>,
}

/// Walks two versions of a schema side by side.
pub struct Walk<'a> {
    pub old: Resolve<'a>,
    pub new: Resolve<'a>,
    pub findings: Vec<Finding>,
    /// Pairs of reference targets already compared, so recursive schemas end.
    seen: BTreeSet<(String, String)>,
    /// The URI of the document walked (the new version's), so that a change found through
    /// a reference into it is reported where it was made.
    home: String,
}

impl<'a> Walk<'a> {
    pub fn new(old: Resolve<'a>, new: Resolve<'a>, home: &str) -> Self {
        Walk {
            old,
            new,
            findings: Vec::new(),
            seen: BTreeSet::new(),
            home: home.trim_end_matches('#').to_string(),
        }
    }

    pub(super) fn push(
        &mut self,
        at: &At,
        rule: &'static str,
        reason: String,
        backward: Claim,
        forward: Claim,
    ) {
        self.findings.push(Finding {
            pointer: at.pointer.clone(),
            rule,
            reason,
            backward,
            forward,
            path: at.path.clone(),
            member: at.member.clone(),
        });
    }

    /// Compares `old` and `new`, found at `at`.
    pub fn compare(&mut self, old: &Value, new: &Value, at: &At) {
        // Equal text is the same schema only when no reference in it leads elsewhere: a
        // `$ref` that did not change may name a definition that did.
        if old == new && !holds_reference(old) {
            return;
        }
        if let Some((rule, reason, backward, forward)) = self.rejecting_all(old, new) {
            self.push(at, rule, reason, backward, forward);
            return;
        }
        let (old, new) = (as_object(old), as_object(new));
        let old_ref = old.get("$ref").and_then(Value::as_str);
        let new_ref = new.get("$ref").and_then(Value::as_str);
        if old_ref.is_some() || new_ref.is_some() {
            self.references(&old, &new, at);
            return;
        }
        self.annotations(&old, &new, at);
        self.types(&old, &new, at);
        self.values(&old, &new, at);
        for (keyword, bound) in
            vocabulary::with(|k| k.bound.is_some()).filter_map(|k| Some((k.name, k.bound?)))
        {
            self.bound(&old, &new, keyword, bound == Bound::Lower, at);
        }
        self.strings(&old, &new, at);
        self.objects(&old, &new, at);
        self.arrays(&old, &new, at);
        for keyword in vocabulary::alternatives() {
            self.alternatives(&old, &new, keyword, at);
        }
        self.all_of(&old, &new, at);
        self.others(&old, &new, at);
    }

    /// `false` on one side only: one version accepts nothing here, the other something;
    /// an example of the other side is the candidate.
    fn rejecting_all(
        &self,
        old: &Value,
        new: &Value,
    ) -> Option<(&'static str, String, Claim, Claim)> {
        let example_of = |schema: &Value, resolve: Resolve<'_>| {
            vec![example(schema, &|r| resolve(r).map(|(_, v)| v))]
        };
        match (old, new) {
            (Value::Bool(false), Value::Bool(false)) => None,
            (_, Value::Bool(false)) => Some((
                "false-schema-added",
                "nothing is accepted here any more".to_string(),
                Claim::Breaking(example_of(old, self.old)),
                Claim::Compatible,
            )),
            (Value::Bool(false), _) => Some((
                "false-schema-removed",
                "something is accepted here now, where nothing was".to_string(),
                Claim::Compatible,
                Claim::Breaking(example_of(new, self.new)),
            )),
            _ => None,
        }
    }

    /// A reference on either side: the targets are compared, located where the target is
    /// when it is in this document (`/$defs/Money/required`), else after the `$ref` that
    /// leads there (`/properties/price/$ref/required`). What sits beside two references
    /// applies too (2019-09 and later), and is compared as well.
    fn references(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let target = |object: &Map<String, Value>, resolve: Resolve<'_>| match object
            .get("$ref")
            .and_then(Value::as_str)
        {
            Some(reference) => resolve(reference),
            None => Some((String::new(), Value::Object(object.clone()))),
        };
        match (target(old, self.old), target(new, self.new)) {
            (Some((old_key, old_target)), Some((new_key, new_target))) => {
                let target_at = self.target_at(&new_key, at);
                let referenced = !old_key.is_empty() || !new_key.is_empty();
                if !referenced || self.seen.insert((old_key, new_key)) {
                    self.compare(&old_target, &new_target, &target_at);
                }
            }
            _ => self.push(
                at,
                "ref-unresolved",
                "a `$ref` target could not be followed".into(),
                Claim::Unknown(Vec::new()),
                Claim::Unknown(Vec::new()),
            ),
        }
        let siblings = |object: &Map<String, Value>| -> Map<String, Value> {
            object
                .iter()
                .filter(|(k, _)| *k != "$ref")
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        };
        match (old.contains_key("$ref"), new.contains_key("$ref")) {
            (true, true) => {
                self.compare(
                    &Value::Object(siblings(old)),
                    &Value::Object(siblings(new)),
                    at,
                );
            }
            (true, false) | (false, true) => {
                let referring = if old.contains_key("$ref") { old } else { new };
                let asserting: Vec<&str> = referring
                    .keys()
                    .map(String::as_str)
                    .filter(|k| *k != "$ref" && !vocabulary::never_decides(k))
                    .collect();
                if !asserting.is_empty() {
                    self.push(
                        at,
                        "ref-siblings-changed",
                        format!(
                            "a `$ref` beside {} became an inline schema, or the other way round; no rule compares the two",
                            quoted(&asserting)
                        ),
                        Claim::Unknown(Vec::new()),
                        Claim::Unknown(Vec::new()),
                    );
                }
            }
            (false, false) => {}
        }
    }

    /// Where a change found through a reference is reported: at the target, when it is in
    /// the document walked; after the `$ref` otherwise.
    fn target_at(&self, key: &str, at: &At) -> At {
        match key.split_once('#') {
            Some((document, fragment))
                if document == self.home && (fragment.is_empty() || fragment.starts_with('/')) =>
            {
                At {
                    pointer: fragment.to_string(),
                    ..at.clone()
                }
            }
            Some(_) => at.keyword("$ref"),
            None => at.clone(),
        }
    }

    /// Whether two parts of the versions mean something different: their text differs, or
    /// a reference in them leads to definitions that differ.
    pub(super) fn differs(&self, old: Option<&Value>, new: Option<&Value>) -> bool {
        match (old, new) {
            (Some(old), Some(new)) => !self.same(old, new, &mut BTreeSet::new()),
            (None, None) => false,
            _ => true,
        }
    }

    /// Equal as JSON, references compared by what they lead to (a renamed definition that
    /// did not change is the same); a pair of targets met again is taken as the same, so
    /// recursive schemas end.
    fn same(&self, old: &Value, new: &Value, seen: &mut BTreeSet<(String, String)>) -> bool {
        match (old, new) {
            (Value::Object(o), Value::Object(n)) => {
                if o.len() != n.len() || o.keys().any(|k| !n.contains_key(k)) {
                    return false;
                }
                o.iter().all(|(keyword, o_value)| {
                    let n_value = &n[keyword];
                    let references = (keyword == "$ref")
                        .then(|| o_value.as_str().zip(n_value.as_str()))
                        .flatten();
                    match references.map(|(o_ref, n_ref)| ((self.old)(o_ref), (self.new)(n_ref))) {
                        Some((Some((o_key, o_target)), Some((n_key, n_target)))) => {
                            !seen.insert((o_key, n_key)) || self.same(&o_target, &n_target, seen)
                        }
                        _ => self.same(o_value, n_value, seen),
                    }
                })
            }
            (Value::Array(o), Value::Array(n)) => {
                o.len() == n.len() && o.iter().zip(n).all(|(a, b)| self.same(a, b, seen))
            }
            _ => old == new,
        }
    }

    fn annotations(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        // `$defs` entries are compared where references reach them.
        let changed: Vec<&str> =
            vocabulary::with(|k| vocabulary::never_decides(k.name) && k.role != Role::Container)
                .map(|k| k.name)
                .filter(|k| old.get(*k) != new.get(*k))
                .collect();
        if !changed.is_empty() {
            self.push(
                at,
                "annotation-changed",
                format!("{} changed; verdicts do not", quoted(&changed)),
                Claim::Compatible,
                Claim::Compatible,
            );
        }
    }
    /// Every other keyword that differs: no rule decides, the examples of both sides may
    /// still prove a break.
    fn others(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let keys: BTreeSet<&String> = old.keys().chain(new.keys()).collect();
        for keyword in keys {
            let ruled = vocabulary::has(keyword, |k| k.diffed || k.bound.is_some())
                || vocabulary::never_decides(keyword)
                || keyword.starts_with("x-");
            if ruled || !self.differs(old.get(keyword), new.get(keyword)) {
                continue;
            }
            let old_example = example(&Value::Object(old.clone()), &|r| {
                (self.old)(r).map(|(_, v)| v)
            });
            let new_example = example(&Value::Object(new.clone()), &|r| {
                (self.new)(r).map(|(_, v)| v)
            });
            let samples = JsonType::ALL.into_iter().map(sample_of_type);
            let reason = format!("`{keyword}` changed; no rule decides what it means");
            self.push(
                &at.keyword(keyword),
                "keyword-changed",
                reason,
                Claim::Unknown(
                    std::iter::once(old_example)
                        .chain(samples.clone())
                        .collect(),
                ),
                Claim::Unknown(std::iter::once(new_example).chain(samples).collect()),
            );
        }
    }
}

/// Where the walk is: the schema pointer and the instance location.
#[derive(Debug, Clone, Default)]
pub struct At {
    pub pointer: String,
    pub path: Vec<Step>,
    pub member: Option<String>,
}

impl At {
    pub(super) fn keyword(&self, keyword: &str) -> At {
        At {
            pointer: format!("{}/{keyword}", self.pointer),
            ..self.clone()
        }
    }

    pub(super) fn member(&self, name: &str) -> At {
        let mut path = self.path.clone();
        path.push(Step::Member(name.to_string()));
        At {
            pointer: format!("{}/properties/{}", self.pointer, escape(name)),
            path,
            member: Some(name.to_string()),
        }
    }

    /// A member added or removed: the probe is the whole object, so the path stays.
    pub(super) fn of_member(&self, name: &str) -> At {
        At {
            pointer: format!("{}/properties/{}", self.pointer, escape(name)),
            path: self.path.clone(),
            member: Some(name.to_string()),
        }
    }

    pub(super) fn item(&self, keyword: &str, index: Option<usize>, at: usize) -> At {
        let mut path = self.path.clone();
        path.push(Step::Index(at));
        let pointer = match index {
            Some(i) => format!("{}/{keyword}/{i}", self.pointer),
            None => format!("{}/{keyword}", self.pointer),
        };
        At {
            pointer,
            path,
            member: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_reference_that_cannot_be_followed_is_unknown_both_ways() {
        let none = |_: &str| None;
        let (old, new) = (json!({"$ref": "#/$defs/Gone"}), json!({"type": "string"}));
        for (a, b) in [(&old, &new), (&new, &old)] {
            let mut walk = Walk::new(&none, &none, "");
            walk.compare(a, b, &At::default());
            let rules: Vec<_> = walk.findings.iter().map(|f| f.rule).collect();
            assert_eq!(rules, ["ref-unresolved"]);
            assert!(matches!(walk.findings[0].backward, Claim::Unknown(_)));
            assert!(matches!(walk.findings[0].forward, Claim::Unknown(_)));
        }
    }

    #[test]
    fn additional_properties_schemas_are_compared_for_unlisted_members() {
        let resolve = |_: &str| None;
        let old = json!({"additionalProperties": {"type": "string"}});
        let new = json!({"additionalProperties": {"type": "integer"}});
        let mut walk = Walk::new(&resolve, &resolve, "");
        walk.compare(&old, &new, &At::default());
        assert_eq!(walk.findings.len(), 1);
        assert_eq!(walk.findings[0].rule, "type-changed");
        assert_eq!(
            walk.findings[0].path,
            [Step::Member("unlisted_member".into())]
        );
    }
}

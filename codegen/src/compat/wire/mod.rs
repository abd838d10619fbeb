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
use probes::{ALL_TYPES, BOUNDS, as_object, escape, quoted};

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

/// Keywords that never change a verdict.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "examples",
    "example",
    "default",
    "$comment",
    "deprecated",
    "readOnly",
    "writeOnly",
    "$schema",
    "$id",
    "id",
    "$anchor",
    "$defs",
    "definitions",
    "markdownDescription",
];

/// Keywords the rules below read; any other difference is `keyword-changed`.
const RULED: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "const",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minLength",
    "maxLength",
    "minItems",
    "maxItems",
    "minProperties",
    "maxProperties",
    "pattern",
    "format",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "oneOf",
    "anyOf",
];

/// Follows a `$ref` of one side to its target, if it can.
pub type Resolve<'a> = &'a dyn Fn(&str) -> Option<(String, Value)>;

/// Walks two versions of a schema side by side.
pub struct Walk<'a> {
    pub old: Resolve<'a>,
    pub new: Resolve<'a>,
    pub findings: Vec<Finding>,
    /// Pairs of reference targets already compared, so recursive schemas end.
    seen: BTreeSet<(String, String)>,
}

impl<'a> Walk<'a> {
    pub fn new(old: Resolve<'a>, new: Resolve<'a>) -> Self {
        Walk {
            old,
            new,
            findings: Vec::new(),
            seen: BTreeSet::new(),
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
        if old == new {
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
        for (keyword, tighter_when_larger) in BOUNDS {
            self.bound(&old, &new, keyword, *tighter_when_larger, at);
        }
        self.strings(&old, &new, at);
        self.objects(&old, &new, at);
        self.arrays(&old, &new, at);
        for keyword in ["anyOf", "oneOf"] {
            self.alternatives(&old, &new, keyword, at);
        }
        self.others(&old, &new, at);
    }

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
                let referenced = !old_key.is_empty() || !new_key.is_empty();
                if referenced && !self.seen.insert((old_key, new_key)) {
                    return;
                }
                self.compare(&old_target, &new_target, at);
            }
            _ => self.push(
                at,
                "ref-unresolved",
                "a `$ref` target could not be followed".into(),
                Claim::Unknown(Vec::new()),
                Claim::Unknown(Vec::new()),
            ),
        }
    }

    fn annotations(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let changed: Vec<&str> = ANNOTATIONS
            .iter()
            .copied()
            .filter(|k| !matches!(*k, "$defs" | "definitions"))
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
            let ruled = RULED.contains(&keyword.as_str())
                || ANNOTATIONS.contains(&keyword.as_str())
                || BOUNDS.iter().any(|(k, _)| k == keyword)
                || keyword.starts_with("x-");
            if ruled || old.get(keyword) == new.get(keyword) {
                continue;
            }
            let old_example = example(&Value::Object(old.clone()), &|r| {
                (self.old)(r).map(|(_, v)| v)
            });
            let new_example = example(&Value::Object(new.clone()), &|r| {
                (self.new)(r).map(|(_, v)| v)
            });
            let samples = ALL_TYPES.iter().map(|t| sample_of_type(t));
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
            let mut walk = Walk::new(&none, &none);
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
        let mut walk = Walk::new(&resolve, &resolve);
        walk.compare(&old, &new, &At::default());
        assert_eq!(walk.findings.len(), 1);
        assert_eq!(walk.findings[0].rule, "type-changed");
        assert_eq!(
            walk.findings[0].path,
            [Step::Member("unlisted_member".into())]
        );
    }
}

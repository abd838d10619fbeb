//! Wire compatibility: the old and the new version of a schema walked side by side, each
//! difference classified by a rule, in both directions. A rule that finds a break offers
//! candidate witnesses (values at an instance location); `super` keeps only those the
//! oracle confirms, and says "unknown" when none holds.
//!
//! - *backward*: every payload valid under the old schema is valid under the new one.
//! - *forward*: every payload valid under the new schema is valid under the old one.

use std::collections::BTreeSet;

use serde_json::{Map, Value, json};

use super::witness::{STRING_PROBES, Step, example, sample_of_type, types_of};

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

    fn push(
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
                if !old_key.is_empty() || !new_key.is_empty() {
                    if !self.seen.insert((old_key, new_key)) {
                        return;
                    }
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

    fn types(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        let (old_types, new_types) = (types_of(old), types_of(new));
        if old_types == new_types {
            return;
        }
        let allows = |types: &[String], t: &str| {
            types.is_empty()
                || types.iter().any(|x| x == t)
                || (t == "integer" && types.iter().any(|x| x == "number"))
        };
        let all = [
            "null", "boolean", "integer", "number", "string", "array", "object",
        ];
        let lost: Vec<&str> = all
            .iter()
            .copied()
            .filter(|t| allows(&old_types, t) && !allows(&new_types, t))
            .collect();
        let gained: Vec<&str> = all
            .iter()
            .copied()
            .filter(|t| !allows(&old_types, t) && allows(&new_types, t))
            .collect();
        let claim = |types: &[&str]| match types {
            [] => Claim::Compatible,
            some => Claim::Breaking(some.iter().map(|t| sample_of_type(t)).collect()),
        };
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

    fn values(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
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

    fn bound(
        &mut self,
        old: &Map<String, Value>,
        new: &Map<String, Value>,
        keyword: &'static str,
        lower: bool,
        at: &At,
    ) {
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

    fn strings(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
        for keyword in ["pattern", "format"] {
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

    fn objects(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
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

    fn arrays(&mut self, old: &Map<String, Value>, new: &Map<String, Value>, at: &At) {
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

    fn alternatives(
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
    fn keyword(&self, keyword: &str) -> At {
        At {
            pointer: format!("{}/{keyword}", self.pointer),
            ..self.clone()
        }
    }

    fn member(&self, name: &str) -> At {
        let mut path = self.path.clone();
        path.push(Step::Member(name.to_string()));
        At {
            pointer: format!("{}/properties/{}", self.pointer, escape(name)),
            path,
            member: Some(name.to_string()),
        }
    }

    /// A member added or removed: the probe is the whole object, so the path stays.
    fn of_member(&self, name: &str) -> At {
        At {
            pointer: format!("{}/properties/{}", self.pointer, escape(name)),
            path: self.path.clone(),
            member: Some(name.to_string()),
        }
    }

    fn item(&self, keyword: &str, index: Option<usize>, at: usize) -> At {
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

const ALL_TYPES: &[&str] = &[
    "null", "boolean", "integer", "number", "string", "array", "object",
];

/// (keyword, whether it is a lower bound).
const BOUNDS: &[(&str, bool)] = &[
    ("minimum", true),
    ("exclusiveMinimum", true),
    ("maximum", false),
    ("exclusiveMaximum", false),
    ("minLength", true),
    ("maxLength", false),
    ("minItems", true),
    ("maxItems", false),
    ("minProperties", true),
    ("maxProperties", false),
];

fn bound_of(object: &Map<String, Value>, keyword: &str) -> Option<f64> {
    object.get(keyword).and_then(Value::as_f64)
}

/// Values just past `bound` on the side it forbids, and at it: a number, a string, an
/// array or an object of that size.
fn beyond(keyword: &str, bound: f64, lower: bool) -> Vec<Value> {
    let sizes: Vec<f64> = if lower {
        vec![bound - 1.0, bound - 0.5, bound]
    } else {
        vec![bound + 1.0, bound + 0.5, bound]
    };
    let count = |n: f64| (n.max(0.0) as usize).min(4096);
    sizes
        .into_iter()
        .filter_map(|n| match keyword {
            "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" => {
                if n.fract() == 0.0 {
                    Some(json!(n as i64))
                } else {
                    serde_json::Number::from_f64(n).map(Value::Number)
                }
            }
            _ if n.fract() != 0.0 || n < 0.0 => None,
            "minLength" | "maxLength" => Some(json!("x".repeat(count(n)))),
            "minItems" | "maxItems" => Some(Value::Array(vec![Value::Null; count(n)])),
            _ => Some(Value::Object(
                (0..count(n))
                    .map(|i| (format!("m{i}"), Value::Null))
                    .collect(),
            )),
        })
        .collect()
}

fn as_object(schema: &Value) -> Map<String, Value> {
    match schema {
        Value::Object(object) => object.clone(),
        Value::Bool(false) => [("not".to_string(), json!({}))].into_iter().collect(),
        _ => Map::new(),
    }
}

/// The object's example with `name` set to `sample`, and to a value of each other type.
fn member_probe(object: &Map<String, Value>, name: &str, sample: Value) -> Vec<Value> {
    let base = example(&Value::Object(object.clone()), &|_| None);
    vec![embed_member(&base, name, sample)]
}

fn type_probes_for(schema: &Value, name: &str, object: &Map<String, Value>) -> Vec<Value> {
    let base = example(&Value::Object(object.clone()), &|_| None);
    let wanted = types_of(&as_object(schema));
    [
        "null", "boolean", "integer", "number", "string", "array", "object",
    ]
    .iter()
    .filter(|t| !wanted.iter().any(|w| w == *t))
    .map(|t| embed_member(&base, name, sample_of_type(t)))
    .collect()
}

fn without_member(object: &Map<String, Value>, name: &str, resolve: Resolve<'_>) -> Vec<Value> {
    let mut base = example(&Value::Object(object.clone()), &|r| {
        resolve(r).map(|(_, v)| v)
    });
    if let Value::Object(members) = &mut base {
        members.remove(name);
    }
    vec![base]
}

fn embed_member(base: &Value, name: &str, value: Value) -> Value {
    let mut members = base.as_object().cloned().unwrap_or_default();
    members.insert(name.to_string(), value);
    Value::Object(members)
}

fn probes_outside(values: &[Value]) -> Vec<Value> {
    let mut probes: Vec<Value> = [
        "null", "boolean", "integer", "number", "string", "array", "object",
    ]
    .iter()
    .map(|t| sample_of_type(t))
    .collect();
    probes.push(json!("another value"));
    probes.retain(|p| !values.contains(p));
    probes
}

fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn shown(values: &[Value]) -> String {
    if values.is_empty() {
        return "none".to_string();
    }
    values
        .iter()
        .map(Value::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        n.to_string()
    }
}

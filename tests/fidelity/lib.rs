//! Round-trip fidelity as a measured property: a valid payload is decoded into its generated
//! type and encoded again, and the result is compared with the input as JSON values. Each
//! payload that does not come back equal is put under every cause it shows; the payloads of
//! each cause are listed in a checked-in file, and that list may only shrink: a payload that
//! newly differs fails, and so does a listed one that no longer does.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use serde_json::Value;

/// Why a decoded and re-encoded payload differs from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Cause {
    /// It does not decode into the type at all.
    DoesNotDecode,
    /// A member of the input is missing from the output, and it was not `null`.
    LosesMember,
    /// A member that was `null` in the input is missing from the output.
    DropsNull,
    /// A member that was an empty array or object in the input is missing from the output.
    DropsEmpty,
    /// The output has a member the input did not, with a value other than `null`: a
    /// materialised default.
    GainsDefault,
    /// The output has a member the input did not, as `null`.
    GainsNull,
    /// The same number written otherwise (`1` as `1.0`) where the schema tells the two apart
    /// (the input with only that number so written no longer validates): elsewhere its type
    /// makes them the same value (JSON Schema compares numbers by value), and they count as
    /// equal (see [`Measure::add`]).
    NumberForm,
    /// A value comes back different.
    ChangesValue,
}

impl Cause {
    const ALL: [Cause; 8] = [
        Cause::DoesNotDecode,
        Cause::LosesMember,
        Cause::DropsNull,
        Cause::DropsEmpty,
        Cause::GainsDefault,
        Cause::GainsNull,
        Cause::NumberForm,
        Cause::ChangesValue,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Cause::DoesNotDecode => "does-not-decode",
            Cause::LosesMember => "loses-member",
            Cause::DropsNull => "drops-null",
            Cause::DropsEmpty => "drops-empty",
            Cause::GainsDefault => "gains-default",
            Cause::GainsNull => "gains-null",
            Cause::NumberForm => "number-form",
            Cause::ChangesValue => "changes-value",
        }
    }

    pub fn parse(name: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every cause by which `output` differs from `input`, at any depth, each with the JSON
/// Pointer of its first place.
pub fn differences(input: &Value, output: &Value) -> BTreeMap<Cause, String> {
    let mut causes = BTreeMap::new();
    walk(input, output, "", &mut causes);
    causes
}

fn walk(input: &Value, output: &Value, at: &str, causes: &mut BTreeMap<Cause, String>) {
    let below = |key: &str| format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let cause = match b.get(key) {
                    Some(other) => {
                        walk(value, other, &below(key), causes);
                        continue;
                    }
                    None if value.is_null() => Cause::DropsNull,
                    None if is_empty(value) => Cause::DropsEmpty,
                    None => Cause::LosesMember,
                };
                causes.entry(cause).or_insert_with(|| below(key));
            }
            for (key, value) in b.iter().filter(|(k, _)| !a.contains_key(*k)) {
                let cause = if value.is_null() {
                    Cause::GainsNull
                } else {
                    Cause::GainsDefault
                };
                causes.entry(cause).or_insert_with(|| below(key));
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (index, (x, y)) in a.iter().zip(b).enumerate() {
                walk(x, y, &format!("{at}/{index}"), causes);
            }
        }
        (Value::Number(a), Value::Number(b)) if a != b => {
            let same = a.as_f64().zip(b.as_f64()).is_some_and(|(x, y)| x == y);
            let cause = if same {
                Cause::NumberForm
            } else {
                Cause::ChangesValue
            };
            causes.entry(cause).or_insert_with(|| at.to_string());
        }
        (a, b) if a != b => {
            causes
                .entry(Cause::ChangesValue)
                .or_insert_with(|| at.to_string());
        }
        _ => {}
    }
}

/// `input`, with each number that `output` writes otherwise at the same place (`1` as `1.0`)
/// written as `output` writes it, and nothing else changed.
fn numbers_written_as(input: &Value, output: &Value) -> Value {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => Value::Object(
            a.iter()
                .map(|(key, value)| {
                    let value = match b.get(key) {
                        Some(other) => numbers_written_as(value, other),
                        None => value.clone(),
                    };
                    (key.clone(), value)
                })
                .collect(),
        ),
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => Value::Array(
            a.iter()
                .zip(b)
                .map(|(x, y)| numbers_written_as(x, y))
                .collect(),
        ),
        (Value::Number(a), Value::Number(b))
            if a.as_f64().zip(b.as_f64()).is_some_and(|(x, y)| x == y) =>
        {
            output.clone()
        }
        _ => input.clone(),
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.is_empty(),
        Value::Object(members) => members.is_empty(),
        _ => false,
    }
}

/// The round trips of one run: how many payloads, how many came back exactly, and the causes
/// of the others, by payload name (`schema/instance`).
#[derive(Debug, Default)]
pub struct Measure {
    pub payloads: usize,
    pub exact: usize,
    /// (cause, payload) → the JSON Pointer of its first place, or the decoding error.
    pub seen: BTreeMap<(Cause, String), String>,
}

impl Measure {
    /// Records one payload's round trip. `still_valid` says whether a value validates against
    /// the schema: asked of the input with only its numbers written as the output writes
    /// them, it says whether the schema's type makes `1` and `1.0` the same there.
    pub fn add(
        &mut self,
        name: &str,
        input: &Value,
        output: Result<Value, String>,
        still_valid: impl FnOnce(&Value) -> bool,
    ) {
        self.payloads += 1;
        let causes = match output {
            Ok(output) => {
                let mut causes = differences(input, &output);
                if causes.contains_key(&Cause::NumberForm)
                    && still_valid(&numbers_written_as(input, &output))
                {
                    causes.remove(&Cause::NumberForm);
                }
                causes
            }
            Err(error) => BTreeMap::from([(Cause::DoesNotDecode, error)]),
        };
        self.exact += usize::from(causes.is_empty());
        for (cause, place) in causes {
            self.seen.insert((cause, name.to_string()), place);
        }
    }

    /// The figures, a line each: `<label>: N of M ... exactly`, then a count per cause; with
    /// `trace`, every payload and the place of its first difference.
    pub fn report(&self, label: &str, trace: bool) -> String {
        let mut out = format!(
            "round trip ({label}): {} of {} valid payloads come back exactly\n",
            self.exact, self.payloads
        );
        let mut per_cause: BTreeMap<Cause, usize> = BTreeMap::new();
        for (cause, _) in self.seen.keys() {
            *per_cause.entry(*cause).or_default() += 1;
        }
        for (cause, count) in per_cause {
            out.push_str(&format!("  {cause}: {count}\n"));
        }
        if trace {
            for ((cause, name), place) in &self.seen {
                out.push_str(&format!("  {cause}\t{name}\t{place}\n"));
            }
        }
        out
    }

    /// What differs from the list in `listed` (`cause<TAB>payload` lines, `#` comments):
    /// payloads that differ and are not listed, and listed ones (for which `in_run` holds)
    /// that no longer differ. Empty when the list is right.
    pub fn against(&self, listed: &Path, in_run: impl Fn(&str) -> bool) -> Vec<String> {
        let shown = listed.display();
        let expected = match read_list(listed) {
            Ok(entries) => entries,
            Err(problem) => return vec![problem],
        };
        let expected: BTreeSet<(Cause, String)> = expected
            .into_iter()
            .filter(|(_, name)| in_run(name))
            .collect();
        let mut problems = Vec::new();
        for ((cause, name), place) in &self.seen {
            if !expected.contains(&(*cause, name.clone())) {
                problems.push(format!(
                    "{name}: {cause} on a round trip (at `{place}`), and {shown} does not list it"
                ));
            }
        }
        for (cause, name) in &expected {
            if !self.seen.contains_key(&(*cause, name.clone())) {
                problems.push(format!(
                    "{name}: no longer {cause} on a round trip: remove its line from {shown}"
                ));
            }
        }
        problems
    }
}

/// `cause<TAB>payload` lines, `#` comments and blank lines aside.
fn read_list(path: &Path) -> Result<BTreeSet<(Cause, String)>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("{}: cannot be read: {e}", path.display()))?;
    let mut entries = BTreeSet::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let entry = line
            .split_once('\t')
            .and_then(|(c, name)| Some((Cause::parse(c)?, name.to_string())));
        match entry {
            Some(entry) => entries.insert(entry),
            None => {
                return Err(format!(
                    "{}:{}: not `cause<TAB>payload`: {line}",
                    path.display(),
                    number + 1
                ));
            }
        };
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_cause_is_found_with_its_place() {
        let input = json!({"a": null, "b": [], "c": 1, "d": {"e": "x"}, "n": 1});
        let output = json!({"c": 2, "d": {"e": "y", "f": 3}, "g": null, "n": 1.0});
        let causes = differences(&input, &output);
        assert_eq!(causes[&Cause::DropsNull], "/a");
        assert_eq!(causes[&Cause::DropsEmpty], "/b");
        assert_eq!(causes[&Cause::ChangesValue], "/c");
        assert_eq!(causes[&Cause::GainsDefault], "/d/f");
        assert_eq!(causes[&Cause::GainsNull], "/g");
        assert_eq!(causes[&Cause::NumberForm], "/n");
        assert!(!causes.contains_key(&Cause::LosesMember));
        assert!(differences(&input, &input).is_empty());
    }

    #[test]
    fn number_form_counts_as_equal_only_where_the_output_still_validates() {
        let (input, output) = (json!({"n": 1}), json!({"n": 1.0}));
        let mut measure = Measure::default();
        measure.add("s/one", &input, Ok(output.clone()), |_| true);
        measure.add("s/two", &input, Ok(output.clone()), |_| false);
        // Asked of the input with the output's number, not of the output (whose other
        // differences are causes of their own).
        let other = json!({"n": 1.0, "gained": null});
        measure.add("s/four", &input, Ok(other), |v| *v == json!({"n": 1.0}));
        measure.add("s/three", &input, Err("no".into()), |_| true);
        assert_eq!((measure.payloads, measure.exact), (4, 1));
        let causes: Vec<_> = measure.seen.keys().cloned().collect();
        assert_eq!(
            causes,
            [
                (Cause::DoesNotDecode, "s/three".to_string()),
                (Cause::GainsNull, "s/four".to_string()),
                (Cause::NumberForm, "s/two".to_string())
            ]
        );
    }

    #[test]
    fn the_list_may_only_shrink() {
        let dir = std::env::temp_dir().join(format!("fidelity-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let list = dir.join("list.txt");
        std::fs::write(&list, "# comment\ndrops-null\ts/old\n").unwrap();
        let mut measure = Measure::default();
        measure.add("s/new", &json!({"a": 1}), Ok(json!({})), |_| true);
        let problems = measure.against(&list, |_| true);
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("s/new: loses-member"));
        assert!(problems[1].starts_with("s/old: no longer drops-null"));
        assert!(measure.against(&list, |name| name != "s/old").len() == 1);
        std::fs::write(&list, "drops null s/x\n").unwrap();
        assert!(measure.against(&list, |_| true)[0].contains(":1: not `cause<TAB>payload`"));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}

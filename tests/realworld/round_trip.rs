//! Round-trip fidelity, measured: every valid instance of the compiled run is decoded into
//! its schema's root type and encoded again (`round_trip` in the registry, what a consumer's
//! code does with a payload), and the result is compared with the input as JSON values.
//!
//! Each instance that does not come back equal is put under every cause it shows. The
//! figures are printed; the instances of each cause are listed in `round_trip.txt`, and
//! that list may only shrink: an instance that newly loses data fails the test, and so does
//! a listed one that no longer does (remove its line).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use serde_json::Value;

use crate::{file_name, instance_files};
use realworld::{CORPUS, Corpus, OUTCOMES};

/// Why a decoded and re-encoded instance differs from the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Cause {
    /// It does not decode into the root type at all.
    DoesNotDecode,
    /// A member of the input is missing from the output, and it was not `null`.
    LosesMember,
    /// A member that was `null` in the input is missing from the output.
    DropsNull,
    /// A member that was an empty array or object in the input is missing from the output
    /// (typify skips empty `Vec`s and maps when encoding).
    DropsEmpty,
    /// The output has a member the input did not, with a value other than `null`: a
    /// materialised default.
    GainsDefault,
    /// The output has a member the input did not, as `null`.
    GainsNull,
    /// The same number written otherwise (`1` as `1.0`): equal only where the schema's type
    /// makes them the same.
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

    fn name(self) -> &'static str {
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

    fn parse(name: &str) -> Option<Cause> {
        Cause::ALL.into_iter().find(|c| c.name() == name)
    }
}

impl fmt::Display for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Every cause by which `output` differs from `input`, at any depth, each with the JSON
/// Pointer (below `at`) of its first place.
fn differences(input: &Value, output: &Value, at: &str, causes: &mut BTreeMap<Cause, String>) {
    let below = |key: &str| format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let cause = match b.get(key) {
                    Some(other) => {
                        differences(value, other, &below(key), causes);
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
                differences(x, y, &format!("{at}/{index}"), causes);
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

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Array(items) => items.is_empty(),
        Value::Object(members) => members.is_empty(),
        _ => false,
    }
}

/// The listed file, next to this one.
const LISTED: &str = "round_trip.txt";

/// `cause<TAB>schema/instance` lines, `#` comments and blank lines aside.
fn listed() -> BTreeSet<(Cause, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(LISTED);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: cannot be read: {e}", path.display()));
    let mut entries = BTreeSet::new();
    for (number, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (cause, instance) = line
            .split_once('\t')
            .and_then(|(c, i)| Some((Cause::parse(c)?, i.to_string())))
            .unwrap_or_else(|| {
                panic!(
                    "{LISTED}:{}: not `cause<TAB>schema/instance`: {line}",
                    number + 1
                )
            });
        entries.insert((cause, instance));
    }
    entries
}

/// Decodes and re-encodes every valid instance of the compiled schemas; prints the figures
/// and fails when the causes differ from the listed ones.
pub fn round_trips() {
    let root = match CORPUS {
        Corpus::Found { path } => Path::new(path),
        Corpus::Missing { .. } => return,
    };
    let mut seen: BTreeSet<(Cause, String)> = BTreeSet::new();
    // Where each (cause, instance) shows, for the failure message.
    let mut places: BTreeMap<(Cause, String), String> = BTreeMap::new();
    let (mut instances, mut exact) = (0, 0);
    for schema in OUTCOMES.iter().filter(|s| s.compiled) {
        let Some(round_trip) = schema.entry().and_then(|e| e.round_trip) else {
            continue;
        };
        for path in instance_files(&root.join("valid").join(schema.name)) {
            let name = file_name(&path);
            let bytes = std::fs::read(&path).expect("the corpus is readable");
            let input: Value = serde_json::from_slice(&bytes).expect("instances are JSON");
            // Valid instances the corpus has wrong: `corpus.rs` lists them.
            if (schema.entry().expect("compiled").validate)(&input).is_err() {
                continue;
            }
            instances += 1;
            let mut causes = BTreeMap::new();
            match round_trip(input.clone()) {
                Ok(output) => differences(&input, &output, "", &mut causes),
                Err(errors) => {
                    causes.insert(Cause::DoesNotDecode, errors.to_string());
                }
            }
            exact += usize::from(causes.is_empty());
            let shown = format!("{}/{name}", schema.name);
            for (cause, place) in causes {
                seen.insert((cause, shown.clone()));
                places.insert((cause, shown.clone()), place);
            }
        }
    }
    let mut per_cause: BTreeMap<Cause, usize> = BTreeMap::new();
    for (cause, _) in &seen {
        *per_cause.entry(*cause).or_default() += 1;
    }
    println!("round trip: {exact} of {instances} valid instances come back exactly");
    if std::env::var_os("REALWORLD_TRACE").is_some() {
        for ((cause, shown), place) in &places {
            println!("  {cause}\t{shown}\t{place}");
        }
    }
    for (cause, count) in &per_cause {
        println!("  {cause}: {count}");
    }
    // Under `REALWORLD_COMPILE=all:K/N`, a listed instance's schema may be in another share.
    let compiled = |shown: &str| {
        let schema = shown.split('/').next().unwrap_or_default();
        OUTCOMES.iter().any(|s| s.name == schema && s.compiled)
    };
    let expected: BTreeSet<_> = listed()
        .into_iter()
        .filter(|(_, shown)| compiled(shown))
        .collect();
    let mut problems = Vec::new();
    for (cause, shown) in seen.difference(&expected) {
        let place = places
            .get(&(*cause, shown.clone()))
            .cloned()
            .unwrap_or_default();
        problems.push(format!(
            "{shown}: {cause} on a round trip (at `{place}`), and {LISTED} does not list it"
        ));
    }
    for (cause, shown) in expected.difference(&seen) {
        problems.push(format!(
            "{shown}: no longer {cause} on a round trip: remove its line from tests/realworld/{LISTED}"
        ));
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

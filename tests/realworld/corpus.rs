//! The real-world corpus: every schema generates in its run (but the few listed in
//! `expected.rs`, each with its reason), and every test instance of the compiled run's
//! schemas gets its verdict through that model crate's `SCHEMAS` registry: `valid/`
//! validates, `invalid/` does not. A valid instance also decodes into the generated root
//! type.

mod round_trip;

use std::collections::BTreeMap;
use std::path::Path;

use realworld::expected::{FAILING, UNDECODABLE, WRONG_IN_CORPUS};
use realworld::{CORPUS, Corpus, OUTCOMES, Outcome};
use round_trip::round_trips;

include!(concat!(env!("OUT_DIR"), "/tests.rs"));

/// Every schema generates, or is listed with a reason and still fails; per dialect, prints
/// how many generate.
fn generation() {
    let mut problems = Vec::new();
    let mut per_dialect: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut runs: BTreeMap<&str, usize> = BTreeMap::new();
    for schema in OUTCOMES {
        *runs.entry(schema.run).or_default() += 1;
        let listed = FAILING.iter().find(|e| e.name == schema.name);
        let (total, generated, warned) = per_dialect.entry(schema.dialect).or_default();
        *total += 1;
        match (&schema.outcome, listed) {
            (Outcome::Generated { warnings }, None) => {
                *generated += 1;
                *warned += usize::from(*warnings > 0);
            }
            (Outcome::Generated { .. }, Some(_)) => problems.push(format!(
                "{}: generates now: remove it from tests/realworld/expected.rs",
                schema.name
            )),
            (Outcome::Failed(message), None) => {
                problems.push(format!("{}: {message}", schema.name))
            }
            (Outcome::Failed(_), Some(_)) => {}
        }
    }
    for entry in FAILING {
        if !OUTCOMES.iter().any(|s| s.name == entry.name) {
            problems.push(format!(
                "expected.rs names no schema of the corpus: {}",
                entry.name
            ));
        }
    }
    for (run, count) in &runs {
        println!("run `{run}`: {count} schemas in one `schema/` folder, one generate");
    }
    let (mut all, mut ok) = (0, 0);
    for (dialect, (total, generated, warned)) in &per_dialect {
        println!("{dialect}: {generated} of {total} generate ({warned} with warnings)");
        all += total;
        ok += generated;
    }
    println!("all: {ok} of {all} generate");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Every instance of every compiled schema gets the corpus's verdict, through `validate`
/// and `validate_json` alike; valid instances decode into the root type. The instances
/// listed as wrong in the corpus get the other verdict, and the `jsonschema` crate agrees;
/// those listed as undecodable validate and do not decode.
fn verdicts() {
    let root = match CORPUS {
        Corpus::Found { path } => Path::new(path),
        Corpus::Missing { .. } => return,
    };
    // Names each instance before checking it: which one, if one aborts the process.
    let trace = std::env::var_os("REALWORLD_TRACE").is_some();
    let mut problems = Vec::new();
    let (mut schemas, mut instances, mut wrong, mut undecodable) = (0, 0, 0, 0);
    let mut listed_seen = vec![false; WRONG_IN_CORPUS.len()];
    let mut undecodable_seen = vec![false; UNDECODABLE.len()];
    for schema in OUTCOMES {
        if !schema.compiled {
            continue;
        }
        let Some(entry) = schema.entry() else {
            problems.push(format!(
                "{}: its run was compiled, but the registry has no entry of that name",
                schema.name
            ));
            continue;
        };
        schemas += 1;
        for (kind, expected) in [("valid", true), ("invalid", false)] {
            for path in instance_files(&root.join(kind).join(schema.name)) {
                instances += 1;
                let shown = format!("{kind}/{}/{}", schema.name, file_name(&path));
                if trace {
                    eprintln!("checking {shown}");
                }
                let bytes = std::fs::read(&path).expect("the corpus is readable");
                let value: serde_json::Value = match serde_json::from_slice(&bytes) {
                    Ok(value) => value,
                    Err(e) => panic!("{shown}: not JSON: {e}"),
                };
                let verdict = (entry.validate)(&value);
                let listed = WRONG_IN_CORPUS
                    .iter()
                    .position(|m| m.covers(kind, schema.name, &file_name(&path)));
                if let Some(index) = listed {
                    listed_seen[index] = true;
                    wrong += 1;
                    if verdict.is_ok() == expected {
                        problems.push(format!(
                            "{shown}: gets the corpus's verdict now: remove it from tests/realworld/expected.rs"
                        ));
                    }
                    if reference_verdict(root, schema.name, &value) != verdict.is_ok() {
                        problems.push(format!(
                            "{shown}: listed as wrong in the corpus, but the `jsonschema` crate disagrees with {verdict:?}"
                        ));
                    }
                } else if verdict.is_ok() != expected {
                    problems.push(format!("{shown}: expected {kind}, got {verdict:?}"));
                }
                if (entry.validate_json)(&bytes).is_ok() != verdict.is_ok() {
                    problems.push(format!(
                        "{shown}: `validate_json` disagrees with `validate`"
                    ));
                }
                if let Some(round_trip) = entry.round_trip.filter(|_| verdict.is_ok()) {
                    let deviation = UNDECODABLE
                        .iter()
                        .position(|u| u.covers(kind, schema.name, &file_name(&path)));
                    match (round_trip(value), deviation) {
                        (Err(e), None) => problems.push(format!(
                            "{shown}: valid, but does not decode into `{}`: {e}",
                            entry.type_name
                        )),
                        (Err(_), Some(index)) => {
                            undecodable_seen[index] = true;
                            undecodable += 1;
                        }
                        (Ok(_), Some(index)) => {
                            undecodable_seen[index] = true;
                            problems.push(format!(
                                "{shown}: decodes now: remove it from UNDECODABLE in tests/realworld/expected.rs"
                            ));
                        }
                        (Ok(_), None) => {}
                    }
                }
            }
        }
    }
    // Under `REALWORLD_COMPILE=all:K/N`, an entry's schema may be in another share.
    let compiled = |name: &str| OUTCOMES.iter().any(|s| s.name == name && s.compiled);
    let listed = WRONG_IN_CORPUS
        .iter()
        .map(|e| (e.schema, e.instance))
        .zip(listed_seen)
        .chain(
            UNDECODABLE
                .iter()
                .map(|e| (e.schema, e.instance))
                .zip(undecodable_seen),
        );
    for ((schema, instance), seen) in listed {
        if !seen && compiled(schema) {
            problems.push(format!(
                "expected.rs lists an instance the corpus does not hold, or one that is not valid: {schema}/{instance}"
            ));
        }
    }
    println!(
        "{instances} instances of {schemas} compiled schemas; \
         {wrong} wrong in the corpus (listed, the `jsonschema` crate agrees); \
         {undecodable} valid but not decodable (listed deviations)"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// The `jsonschema` crate's verdict, the dialect taken from `$schema` as ours is.
fn reference_verdict(root: &Path, name: &str, instance: &serde_json::Value) -> bool {
    let path = root.join("schemas").join(format!("{name}.json"));
    let text = std::fs::read(&path).expect("the corpus is readable");
    let schema: serde_json::Value = serde_json::from_slice(&text).expect("the schema is JSON");
    jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap_or_else(|e| panic!("{}: the `jsonschema` crate refuses it: {e}", path.display()))
        .is_valid(instance)
}

fn instance_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

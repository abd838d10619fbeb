//! Round-trip fidelity, measured on the corpus: every valid instance of the compiled run is
//! decoded into its schema's root type and encoded again (`round_trip` in the registry, what
//! a consumer's code does with a payload), and compared with the input (the `fidelity`
//! crate). The figures are printed; the instances of each cause are listed in
//! `round_trip.txt`, and that list may only shrink.

use std::path::Path;

use fidelity::Measure;
use serde_json::Value;

use crate::{file_name, instance_files};
use realworld::{CORPUS, Corpus, OUTCOMES, STRICTEST};

/// The listed files, next to this one: under the default settings, and under the strictest
/// (`REALWORLD_SETTINGS=strictest`).
const LISTED: &str = "round_trip.txt";
const LISTED_STRICTEST: &str = "round_trip_strictest.txt";

/// Decodes and re-encodes every valid instance of the compiled schemas; prints the figures
/// and fails when the causes differ from the listed ones.
pub fn round_trips() {
    let root = match CORPUS {
        Corpus::Found { path } => Path::new(path),
        Corpus::Missing { .. } => return,
    };
    let mut measure = Measure::default();
    for schema in OUTCOMES.iter().filter(|s| s.compiled) {
        let Some(entry) = schema.entry() else {
            continue;
        };
        let Some(round_trip) = entry.round_trip else {
            continue;
        };
        for path in instance_files(&root.join("valid").join(schema.name)) {
            let bytes = std::fs::read(&path).expect("the corpus is readable");
            let input: Value = serde_json::from_slice(&bytes).expect("instances are JSON");
            // Valid instances the corpus has wrong: `corpus.rs` lists them.
            if (entry.validate)(&input).is_err() {
                continue;
            }
            let name = format!("{}/{}", schema.name, file_name(&path));
            let output = round_trip(input.clone()).map_err(|e| e.to_string());
            measure.add(&name, &input, output, |output| {
                (entry.validate)(output).is_ok()
            });
        }
    }
    let trace = std::env::var_os("REALWORLD_TRACE").is_some();
    let (label, listed) = if STRICTEST {
        ("corpus, strictest settings", LISTED_STRICTEST)
    } else {
        ("corpus", LISTED)
    };
    print!("{}", measure.report(label, trace));
    // Under `REALWORLD_COMPILE=all:K/N`, a listed instance's schema may be in another share.
    let compiled = |shown: &str| {
        let schema = shown.split('/').next().unwrap_or_default();
        OUTCOMES.iter().any(|s| s.name == schema && s.compiled)
    };
    let problems = measure.against(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join(listed),
        compiled,
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

//! Round-trip fidelity, measured on the payloads written for this project: every valid
//! payload of every fixture (the hostile one's included) and every documented example of the
//! checked-in models is decoded into its generated type and encoded again, and compared with
//! the input (the `fidelity` crate). The figures are printed; the payloads of each cause are
//! listed in `tests/round_trip.txt`, and that list may only shrink. The real-world corpus'
//! own measure is `tests/realworld/round_trip.rs`.

use fidelity::Measure;
use schema_runtime::registry::SchemaEntry;

use crate::examples::examples_of;
use crate::fixtures::{ALL, groups};

fn round_trip(measure: &mut Measure, name: &str, entry: &SchemaEntry, input: &serde_json::Value) {
    let Some(round_trip) = entry.round_trip else {
        return;
    };
    let output = round_trip(input.clone()).map_err(|e| e.to_string());
    measure.add(name, input, output, |output| {
        (entry.validate)(output).is_ok()
    });
}

/// Every valid payload of every fixture, through the registries in `fixtures`.
fn measure_fixtures(measure: &mut Measure, fixtures: &[(&str, &[SchemaEntry])]) {
    for (fixture, schemas) in fixtures {
        for group in groups(fixture) {
            let entry = schemas
                .iter()
                .find(|e| e.name == group.schema)
                .unwrap_or_else(|| panic!("{fixture}: no schema `{}`", group.schema));
            for (index, payload) in group.valid.iter().enumerate() {
                let name = format!("{fixture}/{}/{index}", group.schema);
                round_trip(measure, &name, entry, payload);
            }
        }
    }
}

fn assert_listed(measure: &Measure, label: &str, list: &str) {
    print!("{}", measure.report(label, true));
    let listed = integration_tests::repo_root().join("tests").join(list);
    let problems = measure.against(&listed, |_| true);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

/// Under the default settings (each fixture's `codegen.toml`).
#[test]
fn every_valid_payload_round_trips_but_the_listed_ones() {
    let mut measure = Measure::default();
    measure_fixtures(&mut measure, ALL);
    for entry in models::SCHEMAS {
        for (index, example) in examples_of(entry.name).iter().enumerate() {
            let name = format!("generated/{}/example-{index}", entry.name);
            round_trip(&mut measure, &name, entry, example);
        }
    }
    assert_listed(&measure, "fixtures and examples", "round_trip.txt");
}

/// Under the strictest settings: `nullable = "three-state"` and `materialize_defaults =
/// false` (the fixtures generated so by `build.rs`).
#[test]
fn under_the_strictest_settings_every_valid_payload_round_trips_but_the_listed_ones() {
    let mut measure = Measure::default();
    measure_fixtures(&mut measure, integration_tests::strictest::ALL);
    assert_listed(
        &measure,
        "fixtures, strictest settings",
        "round_trip_strictest.txt",
    );
}

#[test]
fn every_fixture_is_measured() {
    let dir = integration_tests::repo_root().join("tests/fixtures");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.path().join("payloads.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<String> = ALL.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(
        listed, on_disk,
        "tests/fixtures.rs's ALL must name every fixture"
    );
}

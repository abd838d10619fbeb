//! Every payload in every schema's top-level `examples` decodes into the generated root type
//! and encodes back to the same JSON value.

use serde_json::Value;

pub(crate) fn examples_of(name: &str) -> Vec<Value> {
    // As the generator read it: a refining schema's examples may come from upstream.
    let path = integration_tests::repo_root()
        .join("generated/schema")
        .join(format!("{name}.json"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let schema: Value = serde_json::from_str(&text).unwrap();
    schema["examples"].as_array().cloned().unwrap_or_default()
}

fn assert_round_trips(schemas: &[schema_runtime::registry::SchemaEntry], origin: &str) {
    assert!(!schemas.is_empty(), "{origin}: no schemas compiled in");
    for entry in schemas {
        let examples = examples_of(entry.name);
        assert!(
            !examples.is_empty(),
            "{}: no `examples` to check",
            entry.source
        );
        for (i, example) in examples.iter().enumerate() {
            let round_trip = entry
                .round_trip
                .expect("every schema in schema/ has a root type");
            let back = round_trip(example.clone()).unwrap_or_else(|e| {
                panic!(
                    "{origin}: {} example {i} does not decode: {e}",
                    entry.source
                )
            });
            assert_eq!(
                &back, example,
                "{origin}: {} example {i} changes in a round trip",
                entry.source
            );
        }
    }
}

#[test]
fn checked_in_models_round_trip_every_example() {
    assert_round_trips(models::SCHEMAS, "generated/");
}

#[test]
fn build_time_models_round_trip_every_example() {
    assert_round_trips(integration_tests::build_time::SCHEMAS, "build.rs");
}

#[test]
fn every_schema_file_is_compiled_in() {
    let mut on_disk: Vec<String> = std::fs::read_dir(integration_tests::repo_root().join("schema"))
        .unwrap()
        .filter_map(|e| {
            let path = e.unwrap().path();
            (path.extension()? == "json")
                .then(|| path.file_stem().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    on_disk.sort();
    let compiled: Vec<&str> = models::SCHEMAS.iter().map(|e| e.name).collect();
    assert_eq!(compiled, on_disk);
}

//! The `JsonSchema` the models report (features `schemars08` and `schemars1`) agrees with the
//! schema they were generated from: on every documented example and on the differential
//! test's generated payloads, the `jsonschema` crate gives the same verdict with either
//! schema, and so does the generated validator. Secrets stay `writeOnly`.
//!
//! `cargo test -p models --features schemars08` (or `schemars1`, or both).

#![cfg(any(feature = "schemars08", feature = "schemars1"))]

#[allow(dead_code)] // Shared with the differential test, which uses all of it.
#[path = "../../tests/support/credentials_payloads.rs"]
mod payloads;

use std::sync::LazyLock;

use models::Credentials;
use proptest::prelude::*;
use serde_json::{Value, json};

fn source() -> Value {
    serde_json::from_str(include_str!("../schema/credentials.json")).expect("JSON")
}

fn validator(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .expect("jsonschema reads the schema")
}

/// What each enabled schemars version reports for `Credentials`, as a root document.
#[allow(clippy::vec_init_then_push)] // Which pushes exist depends on the features.
fn reported() -> Vec<(&'static str, Value)> {
    let mut schemas = Vec::new();
    #[cfg(feature = "schemars08")]
    schemas.push((
        "schemars 0.8",
        serde_json::to_value(schema_runtime::json_schema::schemars08::schema_for!(
            Credentials
        ))
        .expect("a schema serializes"),
    ));
    #[cfg(feature = "schemars1")]
    schemas.push((
        "schemars 1",
        serde_json::to_value(schema_runtime::json_schema::schemars1::schema_for!(
            Credentials
        ))
        .expect("a schema serializes"),
    ));
    schemas
}

#[test]
fn secret_fields_stay_write_only() {
    for (version, schema) in reported() {
        for field in ["access_token", "refresh_token"] {
            assert_eq!(
                schema["properties"][field]["writeOnly"],
                json!(true),
                "{version}: {field}"
            );
        }
        assert_eq!(schema["title"], "Credentials", "{version}");
    }
}

/// The root's examples, and each property's examples as a payload of that one member.
fn documented_examples() -> Vec<Value> {
    let source = source();
    let mut examples: Vec<Value> = source["examples"].as_array().cloned().unwrap_or_default();
    for (name, property) in source["properties"].as_object().expect("properties") {
        for example in property["examples"].as_array().into_iter().flatten() {
            examples.push(json!({ name: example }));
        }
    }
    examples
}

#[test]
fn the_documented_examples_are_valid_under_every_schema() {
    let examples = documented_examples();
    assert!(examples.len() >= 5, "{examples:?}");
    let source = validator(&source());
    for (version, schema) in reported() {
        let reported = validator(&schema);
        for example in &examples {
            assert!(source.is_valid(example), "source: {example}");
            assert!(reported.is_valid(example), "{version}: {example}");
            assert!(
                models::credentials::validate(example).is_ok(),
                "generated: {example}"
            );
        }
    }
}

/// The source schema's validator, then each reported schema's.
static VALIDATORS: LazyLock<(jsonschema::Validator, Vec<(&str, jsonschema::Validator)>)> =
    LazyLock::new(|| {
        let reported = reported()
            .into_iter()
            .map(|(version, schema)| (version, validator(&schema)))
            .collect();
        (validator(&source()), reported)
    });

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn verdicts_agree_on_generated_payloads(payload in payloads::payload()) {
        // As a parsed value, so that all three see the same members (a duplicate key keeps
        // its last value; refusing duplicates is the differential test's business).
        let Ok(value) = serde_json::from_str::<Value>(&payload.text()) else {
            return Ok(());
        };
        let (source, reported) = &*VALIDATORS;
        let expected = source.is_valid(&value);
        prop_assert_eq!(models::credentials::validate(&value).is_ok(), expected, "generated: {}", value);
        for (version, reported) in reported {
            prop_assert_eq!(reported.is_valid(&value), expected, "{}: {}", version, value);
        }
    }
}

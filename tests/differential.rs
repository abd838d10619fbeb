//! Differential tests: generated Credentials payloads, valid ones and mutations of them,
//! checked by the generated validator and by the `jsonschema` crate (format assertion on),
//! the oracle. Verdicts must agree, apart from the documented deliberate differences:
//!
//! - duplicate keys: rejected here (I-JSON), while the oracle sees the last value;
//! - `from_json` also refuses integers its Rust type cannot hold (`expires_in` > `u64::MAX`),
//!   which the schema allows.

use models::Credentials;
use models::credentials::validate_json;
use proptest::prelude::*;
use schema_runtime::ErrorKind;

#[path = "support/credentials_payloads.rs"]
mod payloads;
pub(crate) use payloads::payload;

fn oracle() -> jsonschema::Validator {
    let path = integration_tests::repo_root().join("generated/schema/credentials.json");
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the oracle accepts the schema")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 4000, ..ProptestConfig::default() })]

    #[test]
    fn verdicts_agree_with_the_oracle(payload in payload()) {
        let validator = oracle();
        let text = payload.text();
        let ours = validate_json(text.as_bytes());
        if payload.has_duplicate_keys() {
            // Deliberate difference: I-JSON forbids duplicate keys.
            let errors = ours.expect_err("duplicate keys are rejected");
            let first = errors.iter().next().unwrap();
            prop_assert!(matches!(first.kind(), ErrorKind::Json { .. }), "{}", first);
            prop_assert!(first.message().contains("duplicate key"), "{}", first);
            return Ok(());
        }
        let instance: serde_json::Value = serde_json::from_str(&text).unwrap();
        let theirs = validator.is_valid(&instance);
        prop_assert_eq!(ours.is_ok(), theirs, "{}: ours {:?}", text, ours.err().map(|e| e.to_string()));
        // `validate_json` tries the fast path first; the full walk over a `Value` must agree.
        prop_assert_eq!(models::credentials::validate(&instance).is_ok(), theirs, "{}", text);
        // So must the two decoders: the fast single pass and the `Value` one.
        let fast = Credentials::from_json_str(&text);
        let slow = Credentials::from_json_value(instance.clone());
        prop_assert_eq!(fast.as_ref().ok(), slow.as_ref().ok(), "{}", text);
        prop_assert_eq!(fast.is_ok(), slow.is_ok(), "{}", text);

        // from_json agrees with validation, except where the Rust type is too small.
        match Credentials::from_json_str(&text) {
            Ok(_) => prop_assert!(theirs, "from_json accepted {}", text),
            Err(errors) if theirs => {
                let first = errors.iter().next().unwrap();
                prop_assert_eq!(first.kind(), ErrorKind::Range, "{}: {}", text, errors);
                prop_assert_eq!(first.instance_location(), "/expires_in");
            }
            Err(_) => {}
        }
    }
}

#[test]
fn the_generators_produce_both_verdicts() {
    // A generator that only ever produced valid (or invalid) payloads would make the property
    // above vacuous.
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let validator = oracle();
    let mut runner = TestRunner::deterministic();
    let (mut valid, mut invalid, mut duplicates) = (0, 0, 0);
    for _ in 0..2000 {
        let payload = payload().new_tree(&mut runner).unwrap().current();
        if payload.has_duplicate_keys() {
            duplicates += 1;
            continue;
        }
        let instance: serde_json::Value = serde_json::from_str(&payload.text()).unwrap();
        if validator.is_valid(&instance) {
            valid += 1;
        } else {
            invalid += 1;
        }
    }
    eprintln!("{valid} valid, {invalid} invalid, {duplicates} duplicates");
    assert!(
        valid > 200 && invalid > 200 && duplicates > 50,
        "{valid} valid, {invalid} invalid, {duplicates} with duplicates"
    );
}

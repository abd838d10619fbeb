//! Hostile payloads against the `hostile` fixture: 100,000-character attack strings for the
//! classic catastrophic patterns, through `validate_json` and `from_json`, and a document nested
//! 90 deep for a schema whose every level tries two recursive alternatives.
//!
//! Each attack must finish. Time is bounded only relative to the same work on an ordinary
//! string of the same length, measured in the same run, with a 100× margin: the test fails
//! when the work stops being linear, not when the machine is busy.

use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::fixtures::fixture_hostile::{names, patterns, tree};

const LENGTH: usize = 100_000;

/// The `jsonschema` crate's verdict, for comparison.
fn oracle(schema: &str, payload: &Value) -> bool {
    let path = integration_tests::repo_root()
        .join("tests/fixtures/hostile/schema")
        .join(format!("{schema}.json"));
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    jsonschema::draft202012::options()
        .build(&schema)
        .unwrap()
        .is_valid(payload)
}

/// The best of three runs of `f`, which must give the same answer each time.
fn timed<T: PartialEq + std::fmt::Debug>(f: impl Fn() -> T) -> (T, Duration) {
    let mut best = Duration::MAX;
    let mut answer = None;
    for _ in 0..3 {
        let start = Instant::now();
        let result = f();
        best = best.min(start.elapsed());
        if let Some(previous) = &answer {
            assert_eq!(previous, &result);
        }
        answer = Some(result);
    }
    (answer.unwrap(), best)
}

/// Within 100× of the ordinary input's time (and never less than 50 ms, below which timing
/// is noise).
fn assert_linear(what: &str, attack: Duration, ordinary: Duration) {
    let bound = (ordinary * 100).max(Duration::from_millis(50));
    assert!(
        attack <= bound,
        "{what}: the attack took {attack:?}, more than 100× the {ordinary:?} of an ordinary string of the same length"
    );
    println!("{what}: attack {attack:?}, ordinary {ordinary:?}");
}

/// (property, an attack string, an ordinary string of the same length that matches)
fn cases() -> Vec<(&'static str, String, String)> {
    let attack = "a".repeat(LENGTH) + "!";
    let a_run = "a".repeat(LENGTH + 1);
    vec![
        ("nested", attack.clone(), a_run.clone()),
        ("alternation", attack.clone(), a_run.clone()),
        ("overlapping", attack.clone(), a_run.clone()),
        ("words", attack.clone(), a_run.clone()),
        (
            "email",
            attack.clone(),
            "a".repeat(LENGTH - 11) + "@example.com",
        ),
        (
            "password",
            attack.clone(),
            "A1".to_string() + &"a".repeat(LENGTH - 1),
        ),
    ]
}

#[test]
fn catastrophic_patterns_take_linear_time() {
    for (property, attack, ordinary) in cases() {
        let bad = json!({ property: attack }).to_string();
        let good = json!({ property: ordinary }).to_string();
        let (verdict, attack_time) = timed(|| patterns::validate_json(bad.as_bytes()).is_ok());
        let (decoded, decode_time) =
            timed(|| patterns::Patterns::from_json(bad.as_bytes()).is_ok());
        let (good_verdict, ordinary_time) =
            timed(|| patterns::validate_json(good.as_bytes()).is_ok());
        let (good_decoded, ordinary_decode) =
            timed(|| patterns::Patterns::from_json(good.as_bytes()).is_ok());
        assert!(
            !verdict && !decoded,
            "{property}: the attack string is invalid"
        );
        assert!(
            good_verdict && good_decoded,
            "{property}: the ordinary string is valid"
        );
        assert_linear(
            &format!("{property} (validate_json)"),
            attack_time,
            ordinary_time,
        );
        assert_linear(
            &format!("{property} (from_json)"),
            decode_time,
            ordinary_decode,
        );
        let payload: Value = serde_json::from_str(&bad).unwrap();
        assert_eq!(
            oracle("patterns", &payload),
            verdict,
            "{property}: jsonschema disagrees"
        );
        let payload: Value = serde_json::from_str(&good).unwrap();
        assert_eq!(
            oracle("patterns", &payload),
            good_verdict,
            "{property}: jsonschema disagrees"
        );
    }
}

#[test]
fn the_look_ahead_pattern_decides_within_its_budget() {
    let errors = patterns::validate_json(
        json!({"password": "a".repeat(LENGTH)})
            .to_string()
            .as_bytes(),
    )
    .unwrap_err();
    let error = errors.iter().next().unwrap();
    assert!(
        error.message().contains("does not match the pattern"),
        "an ordinary verdict, not a budget error: {errors}"
    );
}

#[test]
fn a_pattern_that_exhausts_its_budget_is_a_located_error() {
    let attack = "a".repeat(LENGTH) + "!";
    let payload = json!({ "doubled": attack }).to_string();
    let (errors, time) = timed(|| patterns::validate_json(payload.as_bytes()).unwrap_err());
    let error = errors.iter().next().unwrap();
    assert_eq!(error.instance_location(), "/doubled");
    assert_eq!(error.keyword_location(), "/properties/doubled/pattern");
    assert!(
        error
            .message()
            .starts_with("pattern evaluation exceeded its budget"),
        "{errors}"
    );
    assert!(
        !error.message().contains("aaaa"),
        "the text is not quoted: {errors}"
    );
    // The budget is a million steps plus 64 per byte: far below a second on any machine.
    assert!(time < Duration::from_secs(5), "{time:?}");
    assert!(patterns::Patterns::from_json(payload.as_bytes()).is_err());
    // fancy-regex's backtrack limit gives up too, and `jsonschema` reports that as invalid.
    let value: Value = serde_json::from_str(&payload).unwrap();
    assert!(!oracle("patterns", &value));
    // A string the pattern decides quickly is unaffected.
    assert!(patterns::validate_json(br#"{"doubled": "aaa"}"#).is_ok());
}

#[test]
fn catastrophic_patterns_on_property_names_take_linear_time() {
    let attack = "a".repeat(LENGTH) + "!";
    let ordinary = "a".repeat(LENGTH + 1);
    let bad = json!({ attack: "x" }).to_string();
    let good = json!({ ordinary: "x" }).to_string();
    let (verdict, attack_time) = timed(|| names::validate_json(bad.as_bytes()).is_ok());
    let (good_verdict, ordinary_time) = timed(|| names::validate_json(good.as_bytes()).is_ok());
    assert!(!verdict && good_verdict);
    assert_linear(
        "propertyNames and patternProperties",
        attack_time,
        ordinary_time,
    );
    let errors = names::validate_json(bad.as_bytes()).unwrap_err();
    assert!(
        errors.to_string().len() < 300,
        "messages cut long names: {errors}"
    );
}

/// `{"child": {"child": … {"stop": true} …, "stop": true}, "stop": true}`, `depth` levels.
fn nested(depth: usize, leaf: Value) -> Value {
    let mut value = leaf;
    for _ in 0..depth {
        value = json!({"child": value, "stop": true});
    }
    value
}

#[test]
fn recursive_alternatives_over_a_deep_document_take_polynomial_time() {
    // Without remembered verdicts this is 2^90 evaluations.
    let deep = nested(90, json!({"stop": true}));
    let start = Instant::now();
    assert!(tree::validate(&deep).is_ok());
    assert!(tree::is_valid(&deep));
    assert!(tree::validate_json(deep.to_string().as_bytes()).is_ok());
    let broken = nested(90, json!({"stop": 1}));
    let errors = tree::validate(&broken).unwrap_err();
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
    assert!(errors.len() <= 3, "each failure is reported once: {errors}");
    // The same verdicts as the `jsonschema` crate, at a depth it can afford.
    for depth in 0..8 {
        for leaf in [json!({"stop": true}), json!({"stop": 1}), json!({})] {
            let document = nested(depth, leaf);
            assert_eq!(
                tree::validate(&document).is_ok(),
                oracle("tree", &document),
                "{document}"
            );
        }
    }
}

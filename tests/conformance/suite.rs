//! Runs the official suite and prints `N passed, M failed, K skipped`. Every case that is not
//! in the skip list must pass; every case in it must still fail.

use conformance::{CASES, Case, Generated, SUITE, Suite, skipped::SKIPPED};

/// Whether every test of a case gives the expected verdict; the failures otherwise.
fn run(case: &Case) -> Result<usize, Vec<String>> {
    let (validate, validate_json) = match case.generated {
        Generated::Validator(validate, validate_json) => (validate, validate_json),
        Generated::Failed(message) => {
            return Err(vec![format!(
                "{} / {}: not generated: {message}",
                case.file, case.description
            )]);
        }
    };
    let mut failures = Vec::new();
    for test in case.tests {
        let data: serde_json::Value =
            serde_json::from_str(test.data).expect("the suite's data is JSON");
        let valid = validate(&data).is_ok();
        let valid_as_text = validate_json(test.data.as_bytes()).is_ok();
        if valid != valid_as_text {
            failures.push(format!(
                "{} / {} / {}: `validate` says {valid}, `validate_json` says {valid_as_text}",
                case.file, case.description, test.description
            ));
        }
        if valid != test.valid {
            failures.push(format!(
                "{} / {} / {}: expected {}, got {}",
                case.file,
                case.description,
                test.description,
                if test.valid { "valid" } else { "invalid" },
                if valid { "valid" } else { "invalid" }
            ));
        }
    }
    if failures.is_empty() {
        Ok(case.tests.len())
    } else {
        Err(failures)
    }
}

fn suite_present() -> bool {
    match SUITE {
        Suite::Found { .. } => true,
        Suite::Missing {
            looked_in,
            variable,
        } => {
            let message = format!(
                "JSON-Schema-Test-Suite not found at {looked_in}; set {variable} to its checkout to run the conformance tests"
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{message} (CI=true: the suite is required)");
            }
            eprintln!("skipped: {message}");
            false
        }
    }
}

#[test]
fn draft2020_12_conformance() {
    if !suite_present() {
        return;
    }
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    let mut failures = Vec::new();
    for case in CASES {
        if case.skipped.is_some() {
            skipped += case.tests.len();
            continue;
        }
        match run(case) {
            Ok(count) => passed += count,
            Err(list) => {
                failed += list.len().max(1);
                passed += case.tests.len().saturating_sub(list.len());
                failures.extend(list);
            }
        }
    }
    println!("{passed} passed, {failed} failed, {skipped} skipped");
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn skipped_cases_still_fail_so_the_list_only_shrinks() {
    if !suite_present() {
        return;
    }
    for case in CASES.iter().filter(|c| c.skipped.is_some()) {
        assert!(
            run(case).is_err(),
            "{} / {} passes now: remove it from tests/conformance/skipped.rs",
            case.file,
            case.description
        );
    }
    for skip in SKIPPED {
        assert!(
            CASES
                .iter()
                .any(|c| c.file == skip.file && c.description == skip.case),
            "skipped.rs names a case the suite does not have: {} / {}",
            skip.file,
            skip.case
        );
    }
}

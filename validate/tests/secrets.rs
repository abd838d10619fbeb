//! The leak test: payloads carrying a marker token in the secret fields, valid and invalid,
//! through every surface that prints something: `Debug` of the model, validation errors
//! (`Display` and `Debug`), serde's errors, the `validate` CLI's text and JSON output, and
//! panic messages. The marker must never appear.
//!
//! Values of fields that are not secret may appear in messages (cut to 40 characters); the
//! marker is only ever put in `access_token` and `refresh_token` here.

use std::io::Write;
use std::panic;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};

use models::Credentials;

const MARKER: &str = "tok_LEAK_CANARY_51f0e9";

fn valid_payloads() -> Vec<String> {
    vec![
        format!(
            r#"{{"access_token": "{MARKER}", "refresh_token": "{MARKER}", "issued_at": "2020-01-01T00:00:00Z", "expires_in": 3600}}"#
        ),
        format!(r#"{{"access_token": "{MARKER}"}}"#),
        format!(r#"{{"refresh_token": "{MARKER}", "expires_in": 1e3}}"#),
    ]
}

fn invalid_payloads() -> Vec<String> {
    vec![
        format!(r#"{{"access_token": "{MARKER}", "expires_in": -1}}"#),
        format!(r#"{{"access_token": "{MARKER}", "refresh_token": "{MARKER}", "scope": "x"}}"#),
        format!(r#"{{"access_token": "{MARKER}", "issued_at": "2020-02-30T00:00:00Z"}}"#),
        format!(r#"{{"access_token": ["{MARKER}"], "refresh_token": {{"nested": "{MARKER}"}}}}"#),
        format!(r#"{{"access_token": "{MARKER}", "access_token": "{MARKER}"}}"#),
        format!(r#"{{"access_token": "{MARKER}""#),
        // A raw control character: not JSON.
        format!("{{\"access_token\": \"{MARKER}\u{1}\"}}"),
        format!(r#"["{MARKER}"]"#),
    ]
}

fn assert_clean(surface: &str, text: &str) {
    assert!(
        !text.contains(MARKER),
        "the token leaked through {surface}: {text}"
    );
}

#[test]
fn models_and_errors_never_show_the_token() {
    for payload in valid_payloads() {
        let credentials =
            Credentials::from_json_str(&payload).unwrap_or_else(|e| panic!("{payload}: {e}"));
        assert_clean(
            "Debug of the model",
            &format!("{credentials:?} {credentials:#?}"),
        );
        assert_eq!(
            credentials
                .access_token
                .as_ref()
                .or(credentials.refresh_token.as_ref())
                .map(|t| t.expose_secret()),
            Some(MARKER),
            "the token is still there, behind expose_secret()"
        );
        for warning in credentials.warnings(chrono::Utc::now()) {
            assert_clean("a lifecycle warning", &warning.to_string());
        }
    }
    // Valid for the schema, too large for the Rust type: a range error from `from_json`.
    let out_of_range =
        format!(r#"{{"refresh_token": "{MARKER}", "expires_in": 18446744073709551616}}"#);
    for payload in invalid_payloads().into_iter().chain([out_of_range]) {
        let errors = Credentials::from_json_str(&payload).expect_err(&payload);
        assert_clean("validation errors", &format!("{errors} {errors:?}"));
        for error in &errors {
            assert_clean(
                "one validation error",
                &format!("{error} {error:?} {}", error.message()),
            );
        }
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&payload) {
            if let Err(errors) = models::credentials::validate(&value) {
                assert_clean("validate()", &format!("{errors} {errors:?}"));
            }
        }
    }
}

#[test]
fn serde_errors_never_show_the_token() {
    let wrong_types = [
        format!(r#"{{"access_token": ["{MARKER}"]}}"#),
        format!(r#"{{"refresh_token": {{"k": "{MARKER}"}}}}"#),
        format!(r#"{{"access_token": "{MARKER}", "extra": 1}}"#),
        format!(r#"{{"access_token": "{MARKER}", "expires_in": -1}}"#),
        format!(r#"{{"access_token": "{MARKER}", "access_token": "x"}}"#),
    ];
    for payload in wrong_types {
        let err = serde_json::from_str::<Credentials>(&payload).expect_err(&payload);
        assert_clean("serde_json::from_str", &format!("{err} {err:?}"));
        if let Ok(value) = serde_json::from_str::<serde_json::Value>(&payload) {
            if let Err(err) = serde_json::from_value::<Credentials>(value) {
                assert_clean("serde_json::from_value", &format!("{err} {err:?}"));
            }
        }
    }
}

#[test]
fn panic_messages_never_show_the_token() {
    let captured = Arc::new(Mutex::new(String::new()));
    let sink = Arc::clone(&captured);
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        sink.lock().unwrap().push_str(&format!("{info}\n"));
    }));
    let valid = valid_payloads().remove(0);
    let invalid = invalid_payloads().remove(0);
    let attempts: Vec<Box<dyn Fn() + panic::RefUnwindSafe>> = vec![
        Box::new(move || {
            Credentials::from_json_str(&invalid).unwrap();
        }),
        Box::new({
            let valid = valid.clone();
            move || {
                Credentials::from_json_str(&valid).unwrap_err();
            }
        }),
        Box::new(move || {
            let a = Credentials::from_json_str(&valid).unwrap();
            let b = Credentials {
                expires_in: Some(1),
                ..a.clone()
            };
            assert_eq!(a, b);
        }),
    ];
    for attempt in attempts {
        assert!(panic::catch_unwind(&attempt).is_err());
    }
    panic::set_hook(previous);
    let messages = captured.lock().unwrap().clone();
    assert_eq!(messages.matches("panicked at").count(), 3, "{messages}");
    assert_clean("panic messages", &messages);
}

#[test]
fn the_validate_cli_never_shows_the_token() {
    let mut lines = valid_payloads();
    lines.extend(invalid_payloads());
    let input = lines.join("\n");
    for format in ["text", "json"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_validate"))
            .args(["--ndjson", "--format", format])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        let stdout = String::from_utf8(output.stdout).unwrap();
        let reports = if format == "json" {
            stdout.matches("\"valid\":false").count()
        } else {
            stdout
                .lines()
                .map(|l| l.split(':').nth(1))
                .collect::<std::collections::BTreeSet<_>>()
                .len()
        };
        assert_eq!(
            reports,
            invalid_payloads().len(),
            "every invalid payload is reported: {stdout}"
        );
        assert_clean("validate stdout", &stdout);
        assert_clean(
            "validate stderr",
            &String::from_utf8(output.stderr).unwrap(),
        );
    }
}

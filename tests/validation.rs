//! Validation of Credentials payloads through the generated API: every violation reported,
//! located by JSON Pointer and keyword, in plain words, without echoing tokens.

use models::Credentials;
use models::credentials::{is_valid, validate, validate_json};
use schema_runtime::{ErrorKind, ValidationErrors};
use serde_json::json;

/// (instance location, keyword location) of every error.
fn locations(errors: &ValidationErrors) -> Vec<(String, String)> {
    errors
        .iter()
        .map(|e| {
            (
                e.instance_location().to_string(),
                e.keyword_location().to_string(),
            )
        })
        .collect()
}

fn pair(instance: &str, keyword: &str) -> (String, String) {
    (instance.to_string(), keyword.to_string())
}

#[test]
fn the_seed_example_is_valid() {
    let payload = json!({
        "refresh_token": "1234567890abcdefghijklmnopqrstuvwxyz",
        "access_token": "1234567890abcdefghijklmnopqrstuvwxyz",
        "issued_at": "2020-01-01T00:00:00Z",
        "expires_in": 3600
    });
    assert!(validate(&payload).is_ok());
    assert!(is_valid(&payload));
    let credentials = Credentials::from_json_value(payload).unwrap();
    assert_eq!(credentials.expires_in, Some(3600));
}

#[test]
fn what_types_alone_accept_the_validator_rejects() {
    // typify's types accept all three: a null Option, a negative number until serde sees the
    // u64, an impossible date until chrono sees it.
    let cases = [
        (
            json!({"access_token": null}),
            pair("/access_token", "/properties/access_token/type"),
        ),
        (
            json!({"expires_in": -5}),
            pair("/expires_in", "/properties/expires_in/minimum"),
        ),
        (
            json!({"issued_at": "2020-02-30T00:00:00Z"}),
            pair("/issued_at", "/properties/issued_at/format"),
        ),
    ];
    for (payload, expected) in cases {
        let errors = validate(&payload).unwrap_err();
        assert_eq!(locations(&errors), vec![expected], "{payload}");
        assert!(
            Credentials::from_json_value(payload.clone()).is_err(),
            "{payload}"
        );
    }
}

#[test]
fn every_violation_is_reported_in_plain_words() {
    let payload = json!({
        "refreshToken": "r",
        "access_token": null,
        "issued_at": "yesterday",
        "expires_in": -5
    });
    let errors = validate(&payload).unwrap_err();
    assert_eq!(
        locations(&errors),
        vec![
            pair("/refreshToken", "/additionalProperties"),
            pair("/access_token", "/properties/access_token/type"),
            pair("/issued_at", "/properties/issued_at/format"),
            pair("/expires_in", "/properties/expires_in/minimum"),
        ]
    );
    let text = errors.to_string();
    assert_eq!(
        text,
        "/refreshToken: unknown property `refreshToken`; did you mean `refresh_token`?\n\
         /access_token: expected string, found null\n\
         /issued_at: \"yesterday\" is not a valid date-time\n\
         /expires_in: -5 is less than the minimum 0"
    );
}

#[test]
fn the_root_must_be_an_object() {
    let errors = validate(&json!([1, 2])).unwrap_err();
    assert_eq!(locations(&errors), vec![pair("", "/type")]);
    assert_eq!(errors.to_string(), "(root): expected object, found array");
}

#[test]
fn integral_numbers_are_integers_however_written() {
    for text in [
        r#"{"expires_in": 3600.0}"#,
        r#"{"expires_in": 1e3}"#,
        r#"{"expires_in": 36e2}"#,
    ] {
        let credentials =
            Credentials::from_json_str(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert!(credentials.expires_in.is_some());
    }
    let err = Credentials::from_json_str(r#"{"expires_in": 3600.5}"#).unwrap_err();
    assert_eq!(
        locations(&err),
        vec![pair("/expires_in", "/properties/expires_in/type")]
    );
}

#[test]
fn integers_the_rust_type_cannot_hold_are_out_of_range() {
    let text = r#"{"expires_in": 18446744073709551616}"#;
    assert!(
        validate_json(text.as_bytes()).is_ok(),
        "the schema has no upper bound"
    );
    let err = Credentials::from_json_str(text).unwrap_err();
    let error = err.iter().next().unwrap();
    assert_eq!(error.kind(), ErrorKind::Range);
    assert_eq!(error.instance_location(), "/expires_in");
    assert!(error.message().contains("out of range"), "{error}");
}

#[test]
fn duplicate_keys_are_rejected_with_the_duplicate_pointer() {
    let text = r#"{"access_token": "a", "access_token": "b"}"#;
    for err in [
        validate_json(text.as_bytes()).unwrap_err(),
        Credentials::from_json_str(text).unwrap_err(),
    ] {
        let error = err.iter().next().unwrap();
        assert_eq!(error.instance_location(), "/access_token");
        assert!(error.message().contains("RFC 7493"), "{error}");
        assert!(matches!(error.kind(), ErrorKind::Json { line: 1 }));
    }
}

#[test]
fn bad_json_gets_a_clear_error_never_a_panic() {
    let deep = "[".repeat(10_000) + &"]".repeat(10_000);
    let cases: [(&[u8], &str); 5] = [
        (b"{\"access_token\": \"a\"", "EOF while parsing"),
        (b"{\"access_token\": \"\xff\"}", "invalid UTF-8 at byte 18"),
        (b"{} {}", "trailing characters"),
        (deep.as_bytes(), "nesting deeper than 100 levels"),
        (b"", "EOF while parsing a value"),
    ];
    for (bytes, expected) in cases {
        let err = Credentials::from_json(bytes).unwrap_err();
        assert!(err.to_string().contains(expected), "{expected}: {err}");
        assert!(matches!(
            err.iter().next().unwrap().kind(),
            ErrorKind::Json { .. }
        ));
    }
}

#[test]
fn deep_values_built_in_code_do_not_overflow_the_stack() {
    // Not `json!`, which serializes its arguments recursively.
    let mut value = json!(1);
    for _ in 0..100_000 {
        let mut object = serde_json::Map::new();
        object.insert("access_token".into(), value);
        value = serde_json::Value::Object(object);
    }
    let errors = validate(&value).unwrap_err();
    assert_eq!(
        locations(&errors),
        vec![pair("/access_token", "/properties/access_token/type")]
    );
    // serde_json drops deep values recursively; leak it rather than test serde_json.
    std::mem::forget(value);
}

#[test]
fn token_values_never_appear_in_errors() {
    const TOKEN: &str = "tok_9f8e7d6c5b4a";
    let payloads = [
        json!({"access_token": 42, "refresh_token": TOKEN, "extra": TOKEN}),
        json!({"access_token": [TOKEN], "expires_in": -1}),
        json!({"refresh_token": {"nested": TOKEN}}),
    ];
    for payload in payloads {
        let errors = validate(&payload).unwrap_err();
        for shown in [errors.to_string(), format!("{errors:?}")] {
            assert!(!shown.contains(TOKEN), "{shown}");
        }
        let from_json = Credentials::from_json_value(payload).unwrap_err();
        assert!(!format!("{from_json} {from_json:?}").contains(TOKEN));
    }
}

#[test]
fn only_an_object_is_a_credentials_payload() {
    // serde would read a struct from a JSON array; the validators must not.
    for text in [r#"["a"]"#, r#"[null, "a"]"#, "\"a\"", "null", "[]"] {
        assert!(validate_json(text.as_bytes()).is_err(), "{text}");
        assert!(Credentials::from_json_str(text).is_err(), "{text}");
    }
}

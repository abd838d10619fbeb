//! Schema evolution, as users do it: edit `schema/`, run `check` (stale, with a readable
//! diff), run `generate`, run `check` again (fresh). One test per kind of change.

use crate::sandbox::{Run, Sandbox};
use serde_json::{Value, json};

/// Applies `edit` to the Credentials schema, then checks the workflow; returns the diff.
fn evolve(sandbox: &Sandbox, edit: impl FnOnce(&mut Value)) -> String {
    let mut schema = sandbox.schema();
    edit(&mut schema);
    sandbox.write_schema(&serde_json::to_string_pretty(&schema).unwrap());
    regenerate(sandbox)
}

/// `check` fails with a diff, `generate` fixes it, `check` passes; returns the diff.
fn regenerate(sandbox: &Sandbox) -> String {
    let stale: Run = sandbox.codegen(&["check"]);
    assert_eq!(stale.code, 1, "{stale:?}");
    assert!(
        stale
            .stderr
            .contains("Fix it with: cargo run -p codegen -- generate"),
        "{stale:?}"
    );
    let generated = sandbox.codegen(&["generate"]);
    assert_eq!(generated.code, 0, "{generated:?}");
    let fresh = sandbox.codegen(&["check"]);
    assert_eq!(fresh.code, 0, "{fresh:?}");
    stale.stdout
}

/// The added and removed lines of a diff, without the file headers.
fn changes(diff: &str) -> Vec<&str> {
    diff.lines()
        .filter(|l| {
            (l.starts_with('+') || l.starts_with('-'))
                && !l.starts_with("+++")
                && !l.starts_with("---")
        })
        .collect()
}

#[test]
fn adding_a_required_field() {
    let sandbox = Sandbox::new();
    let diff = evolve(&sandbox, |s| {
        s["properties"]["client_id"] =
            json!({"type": "string", "description": "The OAuth client."});
        s["required"] = json!(["client_id"]);
    });
    let changed = changes(&diff);
    assert!(changed.contains(&"+    pub client_id: String,"), "{diff}");
    assert!(
        changed
            .iter()
            .any(|l| l.contains("missing_required(\"client_id\")")),
        "{diff}"
    );
    assert!(
        changed
            .iter()
            .any(|l| l.starts_with("+| `client_id`") && l.contains(":heavy_check_mark:")),
        "{diff}"
    );
}

#[test]
fn adding_an_enum_variant() {
    let sandbox = Sandbox::new();
    evolve(&sandbox, |s| {
        s["properties"]["token_type"] = json!({"enum": ["Bearer"]})
    });
    let diff = evolve(&sandbox, |s| {
        s["properties"]["token_type"] = json!({"enum": ["Bearer", "MAC"]})
    });
    let changed = changes(&diff);
    assert!(changed.contains(&"+    Mac,"), "{diff}");
    assert!(
        changed.iter().any(|l| l.contains("\"Bearer\" | \"MAC\"")),
        "the validator learns it too: {diff}"
    );
}

#[test]
fn removing_a_property() {
    let sandbox = Sandbox::new();
    let diff = evolve(&sandbox, |s| {
        s["properties"]
            .as_object_mut()
            .unwrap()
            .remove("refresh_token");
        s["examples"][0]
            .as_object_mut()
            .unwrap()
            .remove("refresh_token");
    });
    let changed = changes(&diff);
    assert!(
        changed.contains(&"-    pub refresh_token: Option<::schema_runtime::SecretString>,"),
        "{diff}"
    );
    assert!(
        changed.iter().any(|l| l.starts_with("-| `refresh_token`")),
        "{diff}"
    );
    assert!(
        changed
            .iter()
            .all(|l| !l.starts_with("+") || !l.contains("refresh_token")),
        "{diff}"
    );
}

#[test]
fn changing_a_type() {
    let sandbox = Sandbox::new();
    let diff = evolve(&sandbox, |s| {
        s["properties"]["expires_in"] =
            json!({"type": ["string", "null"], "description": "ISO 8601 duration."});
        s["examples"][0]["expires_in"] = json!("PT1H");
    });
    let changed = changes(&diff);
    assert!(
        changed.contains(&"-    pub expires_in: Option<u64>,"),
        "{diff}"
    );
    assert!(
        changed.contains(&"+    pub expires_in: Option<String>,"),
        "{diff}"
    );
}

#[test]
fn adding_a_second_file_that_references_the_first() {
    let sandbox = Sandbox::new();
    let response = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "TokenResponse",
        "type": "object",
        "required": ["credentials"],
        "properties": {
            "credentials": {"$ref": "credentials.json"},
            "scopes": {"type": "array", "items": {"type": "string"}}
        },
        "examples": [{"credentials": {"access_token": "a"}, "scopes": ["read"]}]
    });
    std::fs::write(
        sandbox.path("schema/token_response.json"),
        serde_json::to_string_pretty(&response).unwrap(),
    )
    .unwrap();
    let diff = regenerate(&sandbox);
    assert!(
        diff.contains("+++ b/src/schemas/token_response.rs"),
        "{diff}"
    );
    assert!(
        diff.contains("+    pub credentials: super::credentials::Credentials,"),
        "shared, not copied: {diff}"
    );
    assert!(
        diff.contains("+pub use token_response::TokenResponse;"),
        "{diff}"
    );
    let code =
        std::fs::read_to_string(sandbox.path("generated/src/schemas/token_response.rs")).unwrap();
    assert!(!code.contains("pub struct Credentials"), "{code}");
    assert!(
        code.contains("super::super::credentials::checks::check_root"),
        "validators are shared too: {code}"
    );
    assert!(sandbox.path("generated/docs/TokenResponse.md").exists());
}

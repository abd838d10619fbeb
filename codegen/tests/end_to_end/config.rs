//! `codegen.toml`, as a user writes it beside `schema/`: its settings reach the types, and a
//! mistake in it is a located error, exit 2, with nothing written.

use crate::sandbox::Sandbox;

/// An open object (no `additionalProperties`): members it does not name are allowed.
const PROFILE: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Profile",
  "type": "object",
  "properties": {
    "name": {"type": "string"},
    "address": {
      "type": "object",
      "properties": {"city": {"type": "string"}}
    }
  },
  "required": ["name"]
}"#;

fn with_profile() -> Sandbox {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/profile.json"), PROFILE).unwrap();
    sandbox
}

fn profile_code(sandbox: &Sandbox) -> String {
    std::fs::read_to_string(sandbox.path("generated/src/schemas/profile.rs")).unwrap()
}

#[test]
fn open_objects_keep_unknown_members_unless_the_config_says_ignore() {
    let sandbox = with_profile();
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = profile_code(&sandbox);
    assert_eq!(
        code.matches(
            "#[serde(flatten)]\n    pub extra: ::serde_json::Map<String, ::serde_json::Value>,"
        )
        .count(),
        2,
        "both open structs keep what they do not name: {code}"
    );
    let credentials =
        std::fs::read_to_string(sandbox.path("generated/src/schemas/credentials.rs")).unwrap();
    assert!(
        !credentials.contains("pub extra"),
        "Credentials is closed: {credentials}"
    );

    sandbox.write_config("[defaults]\nunknown_members = \"ignore\"\n\n[type.ProfileAddress]\nunknown_members = \"keep\"\n");
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = profile_code(&sandbox);
    assert_eq!(code.matches("pub extra:").count(), 1, "{code}");
    let address = code
        .split("pub struct ProfileAddress")
        .nth(1)
        .expect("the address type");
    assert!(
        address
            .split("pub struct")
            .next()
            .unwrap()
            .contains("pub extra:"),
        "the type's own setting wins over the defaults: {code}"
    );
}

#[test]
fn a_misspelt_key_is_a_located_error_and_nothing_is_written() {
    let sandbox = with_profile();
    sandbox.write_config("[defaults]\nunknown_member = \"keep\"\n");
    let before = sandbox.generated();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "error: codegen.toml:2:1: `defaults.unknown_member`: unknown key `unknown_member`; did you mean `unknown_members`?"
        ),
        "{run:?}"
    );
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
    assert_eq!(before, sandbox.generated());

    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 2, "check reads the same file: {run:?}");
}

#[test]
fn a_table_naming_no_type_is_refused_with_the_nearest_name() {
    let sandbox = with_profile();
    sandbox.write_config("[type.ProfileAdress]\nunknown_members = \"ignore\"\n");
    let before = sandbox.generated();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "error: codegen.toml:1:7: `type.ProfileAdress`: names no generated type; did you mean `ProfileAddress`?"
        ),
        "{run:?}"
    );
    assert_eq!(before, sandbox.generated());
}

/// `[openapi.<module>]` is checked against the run's documents: a glob that matches no
/// component of `schema/vault.yml` is a located error, and nothing is written.
#[test]
fn a_model_set_selecting_nothing_is_a_located_error() {
    let sandbox = Sandbox::new();
    sandbox.write_config(
        "[openapi.vault]\nsource = \"schema/vault.yml\"\ncomponents = [\"Connection\", \"Conection*\"]\n",
    );
    let before = sandbox.generated();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "error: codegen.toml:3:29: `openapi.vault.components.1`: `Conection*` names no component schema of schema/vault.yml"
        ),
        "{run:?}"
    );
    assert_eq!(before, sandbox.generated());
}

/// Listing the document that Credentials refines leaves Credentials as it is.
#[test]
fn a_listed_document_leaves_the_schemas_code_alone() {
    let sandbox = Sandbox::new();
    let path = "generated/src/schemas/credentials.rs";
    let before = std::fs::read(sandbox.path(path)).unwrap();
    sandbox.write_config("[openapi.vault]\nsource = \"schema/vault.yml\"\ncomponents = \"*\"\n");
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(before, std::fs::read(sandbox.path(path)).unwrap());
}

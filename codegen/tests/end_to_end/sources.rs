//! Schema sources other than a JSON Schema file: YAML schemas, with their located errors,
//! and the upstream flow of the Credentials model, which refines the vendored OpenAPI
//! description `schema/vault.yml`.

use crate::cli::assert_rejected_without_writing;
use crate::sandbox::Sandbox;

fn with_yaml(text: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/extra.yaml"), text).unwrap();
    sandbox
}

#[test]
fn a_yaml_schema_generates_beside_the_json_ones() {
    let sandbox = with_yaml(
        "title: Extra\ntype: object\nproperties:\n  on: {type: string, writeOnly: true}\n",
    );
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = std::fs::read_to_string(sandbox.path("generated/src/schemas/extra.rs")).unwrap();
    // YAML 1.2: the key `on` is a string, not `true`; `writeOnly` makes it a secret.
    assert!(
        code.contains("pub on: Option<::schema_runtime::SecretString>"),
        "{code}"
    );
    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_duplicate_yaml_key_is_located_by_file_pointer_and_line() {
    let sandbox = with_yaml("properties:\n  a: {}\n  a: {type: string}\n");
    let run = assert_rejected_without_writing(
        &sandbox,
        &[],
        "schema/extra.yaml#/properties/a: duplicate key `a`",
    );
    assert!(run.stderr.contains("(line 3 column 3)"), "{run:?}");
}

#[test]
fn tab_indentation_is_located() {
    let sandbox = with_yaml("properties:\n\ta: {}\n");
    let run = assert_rejected_without_writing(&sandbox, &[], "schema/extra.yaml#");
    assert!(run.stderr.contains("invalid YAML"), "{run:?}");
    assert!(run.stderr.contains("line 2"), "{run:?}");
}

#[test]
fn an_alias_bomb_is_refused_before_it_is_built() {
    let mut text = String::from("$defs:\n  a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for level in 1..9 {
        let previous = format!("*a{}", level - 1);
        let items = [previous.as_str(); 10].join(", ");
        text.push_str(&format!("  a{level}: &a{level} [{items}]\n"));
    }
    let sandbox = with_yaml(&text);
    let run = assert_rejected_without_writing(&sandbox, &[], "schema/extra.yaml#/$defs/a");
    assert!(run.stderr.contains("alias bomb"), "{run:?}");
}

/// Upstream makes `access_token` required: the README's upgrade flow, step by step.
#[test]
fn an_upstream_change_shows_in_diff_check_and_the_regenerated_code() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("schema/vault.yml");
    let upstream = std::fs::read_to_string(&path).unwrap();
    let block = "          additionalProperties: false\n          properties:\n            refresh_token:\n";
    assert_eq!(
        upstream.matches(block).count(),
        1,
        "the credentials block of vault.yml"
    );
    let required = "          additionalProperties: false\n          required: [access_token]\n          properties:\n            refresh_token:\n";
    std::fs::write(&path, upstream.replace(block, required)).unwrap();

    let run = sandbox.codegen(&["diff", "--fail-on", "breaking"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("BREAKING /required [required-added]"),
        "{run:?}"
    );
    assert!(
        run.stdout
            .contains("`Option<SecretString>` → `SecretString`"),
        "the local `writeOnly` still applies: {run:?}"
    );

    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("src/schemas/credentials.rs"), "{run:?}");

    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code =
        std::fs::read_to_string(sandbox.path("generated/src/schemas/credentials.rs")).unwrap();
    assert!(
        code.contains("pub access_token: ::schema_runtime::SecretString,"),
        "{code}"
    );
}

#[test]
fn a_refinement_that_cannot_be_merged_is_a_warning_or_an_error_under_strict() {
    let sandbox = Sandbox::new();
    let path = sandbox.path("schema/credentials.json");
    let mut schema: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    schema["properties"]["token_type"] = serde_json::json!({"type": "string"});
    std::fs::write(&path, serde_json::to_string_pretty(&schema).unwrap()).unwrap();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("schema/credentials.json#/allOf/0: keyword `allOf`: the refinement of `vault.yml#/components/schemas/ConnectionImportData/properties/credentials` stays an `allOf`"),
        "{run:?}"
    );
    assert!(
        run.stderr
            .contains("`token_type` is not an upstream property"),
        "{run:?}"
    );
    let strict = Sandbox::new();
    std::fs::write(
        strict.path("schema/credentials.json"),
        serde_json::to_string_pretty(&schema).unwrap(),
    )
    .unwrap();
    assert_rejected_without_writing(&strict, &["--strict"], "schema/credentials.json#/allOf/0");
}

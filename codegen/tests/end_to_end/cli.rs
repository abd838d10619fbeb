//! The `codegen` binary, driven as a user drives it, on a temporary copy of the repository.

use crate::sandbox::{Run, Sandbox};

/// The schema with a new string enum property, `token_type` unless the schema already has
/// one (a later edit of `schema/` must not break this test); returns the text and the name.
fn with_new_enum(mut schema: serde_json::Value) -> (String, &'static str) {
    let name = ["token_type", "grant_kind", "token_presentation"]
        .into_iter()
        .find(|name| schema["properties"].get(name).is_none())
        .expect("one of the names is free");
    schema["properties"][name] = serde_json::json!({
        "type": "string",
        "enum": ["Bearer", "MAC"],
        "description": "How the access token is presented."
    });
    (serde_json::to_string_pretty(&schema).unwrap(), name)
}

#[test]
fn the_checked_in_crate_is_fresh_and_generate_is_idempotent() {
    let sandbox = Sandbox::new();
    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout.is_empty() && run.stderr.is_empty(),
        "check is quiet when fresh: {run:?}"
    );

    let before = sandbox.generated();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stdout, "",
        "nothing changed, so nothing is reported: {run:?}"
    );
    assert_eq!(
        before,
        sandbox.generated(),
        "generating twice changes no byte"
    );
}

#[test]
fn an_edited_schema_fails_check_until_regenerated() {
    let sandbox = Sandbox::new();
    let (text, name) = with_new_enum(sandbox.schema());
    sandbox.write_schema(&text);
    let type_name = format!(
        "Credentials{}",
        name.split('_')
            .map(|w| w[..1].to_uppercase() + &w[1..])
            .collect::<String>()
    );

    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout.contains("--- a/src/schemas/credentials.rs"),
        "a unified diff per file: {run:?}"
    );
    assert!(run.stdout.contains(&format!("+    pub {name}:")), "{run:?}");
    assert!(
        run.stdout.contains(&format!("+| `{name}`")),
        "the docs change too: {run:?}"
    );
    assert!(
        run.stderr
            .contains("Fix it with: cargo run -p codegen -- generate"),
        "check names the command that fixes it: {run:?}"
    );

    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("updated generated/src/schemas/credentials.rs"),
        "{run:?}"
    );
    let code =
        std::fs::read_to_string(sandbox.path("generated/src/schemas/credentials.rs")).unwrap();
    assert!(code.contains(&format!("pub enum {type_name}")), "{code}");
    assert!(code.contains("Bearer") && code.contains("Mac"), "{code}");
    let docs = std::fs::read_to_string(sandbox.path("generated/docs/Credentials.md")).unwrap();
    assert!(docs.contains("one of \"Bearer\", \"MAC\""), "{docs}");

    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
}

pub fn assert_rejected_without_writing(
    sandbox: &Sandbox,
    flags: &[&str],
    expected_location: &str,
) -> Run {
    let before = sandbox.generated();
    let run = sandbox.codegen(&[&["generate"], flags].concat());
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(expected_location),
        "expected {expected_location}: {run:?}"
    );
    assert!(
        !run.stderr.contains("panicked at") && !run.stderr.contains("backtrace"),
        "no panic reaches the user: {run:?}"
    );
    assert_eq!(
        before,
        sandbox.generated(),
        "generated/ is byte-for-byte unchanged"
    );
    let run_check = sandbox.codegen(&[&["check"], flags].concat());
    assert_eq!(
        run_check.code, 2,
        "check reports the same error: {run_check:?}"
    );
    run
}

#[test]
fn invalid_json_is_located_and_writes_nothing() {
    let sandbox = Sandbox::new();
    sandbox.write_schema("{\n  \"type\": \"object\",\n  \"properties\": {\n}");
    let run = assert_rejected_without_writing(
        &sandbox,
        &[],
        "schema/credentials.json#: invalid JSON at line 4",
    );
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
}

#[test]
fn a_duplicate_key_is_located_by_pointer() {
    let sandbox = Sandbox::new();
    sandbox.write_schema(r#"{"type": "object", "properties": {"a": {}, "a": {"type": "string"}}}"#);
    assert_rejected_without_writing(
        &sandbox,
        &[],
        "schema/credentials.json#/properties/a: duplicate key",
    );
}

#[test]
fn a_typify_panic_falls_back_to_value_or_is_a_located_error_under_strict() {
    let sandbox = Sandbox::new();
    let mut schema = sandbox.schema();
    // typify 0.8 panics when two enum values give the same variant name.
    schema["properties"]["kind"] = serde_json::json!({"enum": ["a-b", "a_b"]});
    sandbox.write_schema(&serde_json::to_string_pretty(&schema).unwrap());

    // By default the enum is a `serde_json::Value`, with a warning; the validator still
    // checks it.
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr
            .starts_with("warning: schema/credentials.json#/properties/kind"),
        "{run:?}"
    );
    assert!(
        run.stderr
            .contains("typify panicked: Failed to make unique variant names"),
        "{run:?}"
    );
    let code =
        std::fs::read_to_string(sandbox.path("generated/src/schemas/credentials.rs")).unwrap();
    assert!(
        code.contains("pub kind: Option<::serde_json::Value>"),
        "{code}"
    );
    assert!(code.contains("\"a-b\" | \"a_b\""), "{code}");
    assert_eq!(sandbox.codegen(&["check"]).code, 0);

    // `--strict` refuses instead, located, and writes nothing.
    let run = assert_rejected_without_writing(
        &sandbox,
        &["--strict"],
        "schema/credentials.json#/properties/kind: keyword `enum`",
    );
    assert!(
        run.stderr
            .contains("typify panicked: Failed to make unique variant names"),
        "{run:?}"
    );
}

#[test]
fn an_unresolvable_reference_is_located() {
    let sandbox = Sandbox::new();
    let mut schema = sandbox.schema();
    schema["properties"]["linked"] = serde_json::json!({"$ref": "elsewhere.json#/$defs/Thing"});
    sandbox.write_schema(&serde_json::to_string_pretty(&schema).unwrap());
    let run = assert_rejected_without_writing(
        &sandbox,
        &[],
        "schema/credentials.json#/properties/linked/$ref: keyword `$ref`",
    );
    assert!(
        run.stderr
            .contains("names no known schema (looked for `elsewhere.json`)"),
        "{run:?}"
    );
}

#[test]
fn an_unknown_keyword_is_a_warning_with_a_hint_or_an_error_under_strict() {
    let sandbox = Sandbox::new();
    let mut schema = sandbox.schema();
    schema["properties"]["expires_in"]["minimun"] = serde_json::json!(0);
    schema["markdownDescription"] = serde_json::json!("a vendor keyword");
    sandbox.write_schema(&serde_json::to_string_pretty(&schema).unwrap());

    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        run.stderr.trim(),
        "warning: schema/credentials.json#/properties/expires_in/minimun: keyword `minimun`: unknown keyword, ignored: did you mean `minimum`?",
        "a typo is named, a vendor keyword is quietly an annotation"
    );

    let run = assert_rejected_without_writing(
        &sandbox,
        &["--strict"],
        "schema/credentials.json#/properties/expires_in/minimun",
    );
    assert!(run.stderr.contains("did you mean `minimum`?"), "{run:?}");
    assert!(
        run.stderr
            .contains("schema/credentials.json#/markdownDescription: keyword `markdownDescription`: unknown keyword"),
        "{run:?}"
    );
}

#[test]
fn a_schema_of_the_wrong_shape_is_located() {
    let sandbox = Sandbox::new();
    let mut schema = sandbox.schema();
    schema["properties"]["expires_in"]["type"] = serde_json::json!(42);
    sandbox.write_schema(&serde_json::to_string_pretty(&schema).unwrap());
    assert_rejected_without_writing(
        &sandbox,
        &[],
        "schema/credentials.json#/properties/expires_in",
    );
}

#[test]
fn files_of_a_removed_schema_are_removed() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.path("schema/scope.json"),
        r#"{"title": "Scope", "type": "object", "properties": {"name": {"type": "string"}}}"#,
    )
    .unwrap();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(sandbox.path("generated/src/schemas/scope.rs").exists());
    assert!(sandbox.path("generated/docs/Scope.md").exists());

    std::fs::remove_file(sandbox.path("schema/scope.json")).unwrap();
    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 1, "a leftover generated file is drift: {run:?}");
    let run = sandbox.codegen(&["generate"]);
    assert!(
        run.stdout
            .contains("removed generated/src/schemas/scope.rs"),
        "{run:?}"
    );
    assert!(!sandbox.path("generated/src/schemas/scope.rs").exists());
    assert!(
        sandbox.path("generated/src/lib.rs").exists(),
        "hand-written files stay"
    );
    assert_eq!(sandbox.codegen(&["check"]).code, 0);
}

#[test]
fn flags_point_at_other_folders() {
    let sandbox = Sandbox::new();
    std::fs::create_dir(sandbox.path("other-schemas")).unwrap();
    // The schema refines its upstream document, which moves with it.
    for file in ["credentials.json", "vault.yml"] {
        std::fs::copy(
            sandbox.path(&format!("schema/{file}")),
            sandbox.path(&format!("other-schemas/{file}")),
        )
        .unwrap();
    }
    let run = sandbox.codegen(&[
        "generate",
        "--schema-dir",
        "other-schemas",
        "--out-dir",
        "out",
    ]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = std::fs::read_to_string(sandbox.path("out/src/schemas/credentials.rs")).unwrap();
    assert!(
        code.starts_with("// @generated by codegen from `other-schemas/credentials.json`"),
        "{code}"
    );
    assert!(
        code.contains("cargo run -p codegen -- generate --schema-dir other-schemas --out-dir out"),
        "{code}"
    );
    let run = sandbox.codegen(&["check", "--schema-dir", "other-schemas", "--out-dir", "out"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_missing_schema_folder_is_an_error() {
    let sandbox = Sandbox::new();
    let run = sandbox.codegen(&["generate", "--schema-dir", "nowhere"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.starts_with("error: nowhere:"), "{run:?}");
}

#[test]
fn a_schema_named_like_a_hand_written_item_is_a_located_error() {
    let sandbox = Sandbox::new();
    // `lifecycle` is a hand-written module of the model crate, `RefreshState` one of its types.
    std::fs::write(
        sandbox.path("schema/lifecycle.json"),
        r#"{"type": "object", "properties": {"stage": {"type": "string"}}}"#,
    )
    .unwrap();
    let run = assert_rejected_without_writing(
        &sandbox,
        &[],
        "schema/lifecycle.json#: its module name `lifecycle` is also the name of a hand-written item of `generated/src/lib.rs`",
    );
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
    std::fs::remove_file(sandbox.path("schema/lifecycle.json")).unwrap();

    std::fs::write(
        sandbox.path("schema/state.json"),
        r#"{"title": "RefreshState", "type": "string"}"#,
    )
    .unwrap();
    assert_rejected_without_writing(
        &sandbox,
        &[],
        "schema/state.json#/title: keyword `title`: its type name `RefreshState` is also the name of a hand-written item",
    );
}

#[test]
fn reserved_and_formerly_reserved_names_get_modules_of_their_own() {
    let sandbox = Sandbox::new();
    for (stem, title) in [
        ("schemas", "Listing"),
        ("lib", "Library"),
        ("error", "Failure"),
    ] {
        std::fs::write(
            sandbox.path(&format!("schema/{stem}.json")),
            format!(r#"{{"title": "{title}", "type": "object"}}"#),
        )
        .unwrap();
    }
    let lib = std::fs::read(sandbox.path("generated/src/lib.rs")).unwrap();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    for module in ["schemas_schema", "lib", "error"] {
        assert!(
            sandbox
                .path(&format!("generated/src/schemas/{module}.rs"))
                .exists(),
            "{module}: {run:?}"
        );
    }
    assert_eq!(
        std::fs::read(sandbox.path("generated/src/lib.rs")).unwrap(),
        lib
    );
}

#[test]
fn hand_written_files_under_generated_survive() {
    let sandbox = Sandbox::new();
    let hand_written = [
        (
            "generated/src/schemas/notes.rs",
            "// Notes for reviewers.\n",
        ),
        ("generated/docs/GUIDE.md", "# How to read these pages\n"),
        ("generated/src/helpers.rs", "pub fn help() {}\n"),
    ];
    for (path, text) in hand_written {
        std::fs::write(sandbox.path(path), text).unwrap();
    }
    std::fs::write(
        sandbox.path("schema/scope.json"),
        r#"{"title": "Scope", "type": "object", "properties": {"name": {"type": "string"}}}"#,
    )
    .unwrap();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    std::fs::remove_file(sandbox.path("schema/scope.json")).unwrap();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    for (path, text) in hand_written {
        assert_eq!(
            std::fs::read_to_string(sandbox.path(path)).unwrap(),
            text,
            "{path}"
        );
    }

    // A hand-written file where a generated one belongs is refused, not overwritten.
    std::fs::write(
        sandbox.path("generated/docs/Credentials.md"),
        "# My own notes\n",
    )
    .unwrap();
    let run = assert_rejected_without_writing(
        &sandbox,
        &[],
        "`generated/docs/Credentials.md` exists and was not written by codegen",
    );
    assert!(run.stderr.contains("schema/credentials.json#"), "{run:?}");
}

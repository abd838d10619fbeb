//! `codegen diff` as a user runs it: against the records of the last `generate` (no git),
//! against another folder, against a git revision; `--format json`, `--fail-on` and the
//! version check; `check`'s one-line summary; and the records themselves: one copy of each
//! schema, and what becomes of the second copy older generators kept in `recorded/`.

use std::process::Command;

use serde_json::{Value, json};

use crate::sandbox::Sandbox;

/// The worked example of the README: `access_token` required, `expires_in` no longer
/// nullable, a `token_type` enum added.
fn edit_schema(sandbox: &Sandbox) {
    let mut schema = sandbox.schema();
    schema["required"] = json!(["access_token"]);
    schema["properties"]["expires_in"]["type"] = json!("integer");
    schema["properties"]["token_type"] = json!({"type": "string", "enum": ["Bearer", "MAC"]});
    sandbox.write_schema(&serde_json::to_string_pretty(&schema).unwrap());
}

fn records(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{line}: {e}")))
        .collect()
}

#[test]
fn an_unchanged_schema_set_reports_nothing_and_passes_every_threshold() {
    let sandbox = Sandbox::new();
    let run = sandbox.codegen(&["diff"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(run.stdout.trim(), "no schema changes", "{run:?}");
    for threshold in ["breaking", "major", "any"] {
        let run = sandbox.codegen(&["diff", "--fail-on", threshold, "--format", "json"]);
        assert_eq!((run.code, run.stdout.as_str()), (0, ""), "{run:?}");
    }
}

#[test]
fn the_worked_example_against_the_records_of_the_last_generate() {
    let sandbox = Sandbox::new();
    edit_schema(&sandbox);
    let run = sandbox.codegen(&["diff", "--format", "json"]);
    assert_eq!(
        run.code, 0,
        "without --fail-on, changes are no failure: {run:?}"
    );
    let records = records(&run.stdout);
    let rule = |rule: &str| {
        records
            .iter()
            .find(|r| r["rule"] == rule)
            .unwrap_or_else(|| panic!("no {rule} in {records:#?}"))
    };
    let required = rule("required-added");
    assert_eq!(required["schema"], "credentials");
    assert_eq!(required["pointer"], "/required");
    assert_eq!(
        required["wire"],
        json!({"backward": "breaking", "forward": "compatible"})
    );
    assert_eq!(required["rust"], "major");
    assert!(
        required["witness"]["backward"]
            .get("access_token")
            .is_none()
    );
    assert_eq!(required["witness"]["forward"], Value::Null);
    let nullable = rule("type-narrowed");
    assert_eq!(nullable["pointer"], "/properties/expires_in/type");
    assert_eq!(nullable["witness"]["backward"]["expires_in"], Value::Null);
    let added = rule("property-added");
    assert_eq!(
        added["wire"],
        json!({"backward": "compatible", "forward": "breaking"})
    );
    assert_eq!(added["witness"]["forward"]["token_type"], "Bearer");
    let unbumped = rule("version-not-bumped");
    assert_eq!(unbumped["rust"], "major");
    for record in &records {
        // Secret values never leave the schema's examples: witnesses hold placeholders.
        let text = record.to_string();
        assert!(!text.contains("1234567890abcdef"), "{text}");
    }

    for (threshold, code) in [("breaking", 1), ("major", 1), ("any", 1)] {
        let run = sandbox.codegen(&["diff", "--fail-on", threshold]);
        assert_eq!(run.code, code, "--fail-on {threshold}: {run:?}");
    }
    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stderr
            .contains("schema changes since the last generate: 4 change(s): 3 breaking"),
        "{run:?}"
    );
}

#[test]
fn a_major_bump_of_the_crate_satisfies_the_version_check() {
    let sandbox = Sandbox::new();
    edit_schema(&sandbox);
    let text = sandbox.codegen(&["diff"]).stdout;
    assert!(
        text.contains("a major change without a major version bump"),
        "{text}"
    );
    let manifest = std::fs::read_to_string(sandbox.path("generated/Cargo.toml")).unwrap();
    let bumped = manifest.replacen("version = \"0.1.0\"", "version = \"0.2.0\"", 1);
    assert_ne!(manifest, bumped, "the model crate is at 0.1.0");
    std::fs::write(sandbox.path("generated/Cargo.toml"), bumped).unwrap();
    let text = sandbox.codegen(&["diff"]).stdout;
    assert!(!text.contains("without a major version bump"), "{text}");
}

#[test]
fn fail_on_breaking_ignores_changes_that_break_nothing() {
    let sandbox = Sandbox::new();
    let mut schema = sandbox.schema();
    schema["properties"]["expires_in"]["description"] = json!("Seconds until expiry.");
    sandbox.write_schema(&serde_json::to_string_pretty(&schema).unwrap());
    let run = sandbox.codegen(&["diff", "--fail-on", "breaking"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(run.stdout.contains("[annotation-changed]"), "{run:?}");
    let run = sandbox.codegen(&["diff", "--fail-on", "major"]);
    assert_eq!(run.code, 0, "a description is a patch: {run:?}");
    let run = sandbox.codegen(&["diff", "--fail-on", "any"]);
    assert_eq!(run.code, 1, "{run:?}");
}

#[test]
fn old_dir_needs_nothing_but_two_folders() {
    let sandbox = Sandbox::new();
    let dir = tempfile::tempdir().unwrap();
    for (folder, minimum) in [("v1", 0), ("v2", 10)] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
        let schema =
            json!({"type": "object", "properties": {"n": {"type": "integer", "minimum": minimum}}});
        std::fs::write(
            dir.path().join(folder).join("thing.json"),
            schema.to_string(),
        )
        .unwrap();
    }
    let output = Command::new(env!("CARGO_BIN_EXE_codegen"))
        .args([
            "diff",
            "--old",
            "v1",
            "--schema-dir",
            "v2",
            "--format",
            "json",
        ])
        .args(["--fail-on", "breaking"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let records = records(&String::from_utf8(output.stdout).unwrap());
    assert_eq!(records.len(), 1, "{records:#?}");
    assert_eq!(records[0]["rule"], "bound-tightened");
    assert_eq!(records[0]["witness"]["backward"], json!({"n": 9}));
    drop(sandbox);
}

#[test]
fn base_compares_with_a_git_revision() {
    let sandbox = Sandbox::new();
    let git = |args: &[&str]| {
        let output = Command::new("git")
            .args(args)
            .current_dir(sandbox.path(""))
            .env("GIT_AUTHOR_NAME", "test")
            .env("GIT_AUTHOR_EMAIL", "test@example.com")
            .env("GIT_COMMITTER_NAME", "test")
            .env("GIT_COMMITTER_EMAIL", "test@example.com")
            .output()
            .expect("git runs");
        assert!(output.status.success(), "git {args:?}: {output:?}");
    };
    git(&["init", "-q"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    edit_schema(&sandbox);
    let run = sandbox.codegen(&["diff", "--base", "HEAD", "--fail-on", "major"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(run.stdout.contains("[required-added]"), "{run:?}");
    assert!(run.stdout.contains("(was 0.1.0)"), "{run:?}");
    let run = sandbox.codegen(&["diff", "--base", "no-such-revision"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(run.stderr.contains("no-such-revision"), "{run:?}");
}

/// The record of a schema is its one JSON file in the crate, `schema/<stem>.json`: no
/// second copy anywhere else, whatever the number of schemas.
#[test]
fn generate_writes_each_schema_once() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.path("schema/scope.json"),
        r#"{"title": "Scope", "type": "object", "properties": {"name": {"type": "string"}}}"#,
    )
    .unwrap();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    let json: Vec<String> = sandbox
        .generated()
        .into_keys()
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .map(|path| path.to_string_lossy().replace('\\', "/"))
        .collect();
    assert_eq!(json, ["schema/credentials.json", "schema/scope.json"]);
}

/// The header an older generator wrote on `schema/<stem>.json`.
const OLD_HEADER: &str = "@generated by codegen from `schema/credentials.json`: the schema as the generator read it, refinements merged. Do not edit by hand.";

/// `generated/` as an older generator left it: each schema in `recorded/` too (with the
/// crate's version), the older header on `schema/`, no `schema/crate-version`; and a
/// hand-written file in `recorded/`, which is nobody's to remove.
fn old_layout(sandbox: &Sandbox) {
    let record = json!({
        "@generated": "@generated by codegen from `schema/credentials.json`: the schema the code was generated from, which `codegen diff` compares against. Do not edit by hand.",
        "crate_version": "0.1.0",
        "schema": sandbox.schema(),
    });
    std::fs::create_dir_all(sandbox.path("generated/recorded")).unwrap();
    std::fs::write(
        sandbox.path("generated/recorded/credentials.json"),
        format!("{record}\n"),
    )
    .unwrap();
    std::fs::write(sandbox.path("generated/recorded/NOTES.md"), "mine\n").unwrap();
    let path = sandbox.path("generated/schema/credentials.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let (_, rest) = text.split_once('\n').unwrap();
    let first = format!("{{\"$comment\": {},", Value::String(OLD_HEADER.into()));
    std::fs::write(&path, format!("{first}\n{rest}")).unwrap();
    let version = sandbox.path("generated/schema/crate-version");
    if version.exists() {
        std::fs::remove_file(version).unwrap();
    }
}

#[test]
fn records_of_an_older_generator_still_diff_then_generate_removes_them() {
    let sandbox = Sandbox::new();
    old_layout(&sandbox);
    let run = sandbox.codegen(&["diff"]);
    assert_eq!(
        (run.code, run.stdout.trim()),
        (0, "no schema changes"),
        "{run:?}"
    );
    edit_schema(&sandbox);
    let text = sandbox.codegen(&["diff"]).stdout;
    assert!(
        text.contains("a major change without a major version bump"),
        "the crate version of the old records still counts: {text}"
    );

    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 1, "{run:?}");
    assert!(
        run.stdout
            .contains("would be removed: recorded/credentials.json"),
        "{run:?}"
    );
    assert!(
        !run.stdout.contains("crate_version") && !run.stdout.contains("NOTES.md"),
        "a stale record is one line, and a hand-written file no drift: {run:?}"
    );
    assert!(
        run.stderr
            .contains("schema changes since the last generate: 4 change(s)"),
        "{run:?}"
    );

    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("removed generated/recorded/credentials.json"),
        "{run:?}"
    );
    assert!(!sandbox.path("generated/recorded/credentials.json").exists());
    assert_eq!(
        std::fs::read_to_string(sandbox.path("generated/recorded/NOTES.md")).unwrap(),
        "mine\n",
        "a file the generator did not write stays"
    );
    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 0, "{run:?}");
}

#[test]
fn a_folder_of_old_records_alone_is_removed_with_them() {
    let sandbox = Sandbox::new();
    old_layout(&sandbox);
    std::fs::remove_file(sandbox.path("generated/recorded/NOTES.md")).unwrap();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!sandbox.path("generated/recorded").exists(), "{run:?}");
    assert!(
        sandbox
            .generated()
            .keys()
            .all(|p| !p.starts_with("recorded")),
        "{run:?}"
    );
}

#[test]
fn a_schema_file_generate_did_not_write_is_refused_by_name() {
    let sandbox = Sandbox::new();
    std::fs::write(
        sandbox.path("generated/schema/extra.json"),
        r#"{"type": "object"}"#,
    )
    .unwrap();
    let run = sandbox.codegen(&["diff"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains("generated/schema/extra.json")
            && run
                .stderr
                .contains("not a schema file written by `generate`"),
        "{run:?}"
    );
}

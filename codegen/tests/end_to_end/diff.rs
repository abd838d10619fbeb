//! `codegen diff` as a user runs it: against the records of the last `generate` (no git),
//! against another folder, against a git revision; `--format json`, `--fail-on` and the
//! version check; and `check`'s one-line summary.

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

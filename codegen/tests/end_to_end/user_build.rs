//! A user adds schemas to `schema/`, runs `generate`, then `cargo build`: it builds with
//! no manual edit of `generated/Cargo.toml`, whatever the schemas use, and however their
//! names meet.

use std::path::Path;

use crate::sandbox::{Sandbox, repo_root};

/// A schema using what once needed a hand-added dependency (`pattern`: `regress`; `uuid`),
/// a pattern on the budgeted engine, a draft-07 dialect and a meta-schema reference.
const DEVICE: &str = r##"{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "Device",
  "type": "object",
  "required": ["id", "serial"],
  "properties": {
    "id": { "type": "string", "format": "uuid" },
    "serial": { "type": "string", "pattern": "^[A-Z]{2}-\\d{6}$" },
    "label": { "type": "string", "pattern": "^(?!tmp-)[a-z-]+$" },
    "seen_at": { "type": "string", "format": "date-time" },
    "ports": { "type": "array", "items": { "type": "integer", "minimum": 1 }, "uniqueItems": true },
    "meta": { "$ref": "http://json-schema.org/draft-07/schema#" }
  },
  "additionalProperties": false
}"##;

/// The sandbox as a workspace of its own: the repository's manifest, limited to the model
/// crate and the runtime it depends on, and the lock file, so that nothing is fetched.
pub fn as_workspace(sandbox: &Sandbox) {
    let root = repo_root();
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let members = manifest
        .lines()
        .find(|line| line.starts_with("members = "))
        .expect("the workspace lists its members");
    let manifest = manifest.replace(members, r#"members = ["codegen/runtime", "generated"]"#);
    std::fs::write(sandbox.path("Cargo.toml"), manifest).unwrap();
    std::fs::copy(root.join("Cargo.lock"), sandbox.path("Cargo.lock")).unwrap();
    copy_dir(
        &root.join("codegen/runtime"),
        &sandbox.path("codegen/runtime"),
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &to.join(entry.file_name()));
        } else {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
}

/// Hand-written code of the model crate that reaches the generated types the two ways the
/// README gives: at the crate root, and through a schema's module where two schemas have a
/// type of the same name (the fixture `many_schemas`: two `Application`s, two schemas titled
/// "Supply Plan", and a nested `Option`, which does not shadow the prelude's).
const USER_CODE: &str = r#"
/// A user's function over types of several schemas.
pub fn describe(
    _device: &Device,
    _hosted: &amplify::Application,
    _deployed: &deploy::Application,
    _older: &SupplyPlan,
    _newer: &SupplyPlan1300,
    _options: &amplify::Option,
) -> Option<&'static str> {
    None
}
"#;

#[test]
fn new_schemas_with_pattern_uuid_and_clashing_names_build_with_no_manual_edits() {
    let sandbox = Sandbox::new();
    as_workspace(&sandbox);
    let manifest_before = std::fs::read(sandbox.path("generated/Cargo.toml")).unwrap();
    std::fs::write(sandbox.path("schema/device.json"), DEVICE).unwrap();
    copy_dir(
        &repo_root().join("tests/fixtures/many_schemas/schema"),
        &sandbox.path("schema"),
    );
    let lib = sandbox.path("generated/src/lib.rs");
    let hand_written = std::fs::read_to_string(&lib).unwrap() + USER_CODE;
    std::fs::write(&lib, hand_written).unwrap();

    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stderr.contains("budget"),
        "the look-ahead pattern is named: {run:?}"
    );
    assert!(
        run.stderr
            .contains("its root type is named `SupplyPlan1300`, after the file"),
        "the title clash is named: {run:?}"
    );

    let output = sandbox.cargo(&["build", "-p", "models"]);
    assert!(
        output.status.success(),
        "cargo build fails on the generated crate:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read(sandbox.path("generated/Cargo.toml")).unwrap(),
        manifest_before,
        "the user's manifest is left as it was"
    );
    let module = std::fs::read_to_string(sandbox.path("generated/src/schemas/device.rs")).unwrap();
    assert!(module.contains("pub struct Device"), "{module}");
}

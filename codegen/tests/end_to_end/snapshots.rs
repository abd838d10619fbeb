//! The generated code of every fixture under `tests/fixtures/` is checked in as
//! `snapshot.rs` and reviewed like code. This test regenerates each one and fails, with the
//! diff, when a snapshot is stale, through the drift check's own code (`Output::check`, then
//! `Output::write` to accept). It sits with the generator's tests, not with the tests that
//! compile the snapshots, so that a stale snapshot that no longer compiles can be updated:
//!
//! ```sh
//! UPDATE_SNAPSHOTS=1 cargo test -p codegen --test end_to_end snapshots
//! ```

use std::path::{Path, PathBuf};

use crate::sandbox::repo_root;

const UPDATE_COMMAND: &str = "UPDATE_SNAPSHOTS=1 cargo test -p codegen --test end_to_end snapshots";

fn fixtures() -> Vec<PathBuf> {
    let dir = repo_root().join("tests/fixtures");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("schema").is_dir())
        .collect();
    found.sort();
    found
}

/// A fixture's `options.json`, if it has one (`{"strict": true}`), and its `codegen.toml`.
fn settings(fixture: &Path) -> codegen::Settings {
    let options = std::fs::read_to_string(fixture.join("options.json"))
        .ok()
        .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
        .unwrap_or_default();
    let config = codegen::Config::read(&fixture.join("codegen.toml"))
        .unwrap_or_else(|e| panic!("{}: {e}", fixture.display()));
    codegen::Settings {
        strict: options["strict"] == true,
        config,
        ..codegen::Settings::default()
    }
}

#[test]
fn the_corpus_has_at_least_fifteen_fixtures() {
    assert!(fixtures().len() >= 15, "{} fixtures", fixtures().len());
}

#[test]
fn snapshots_match_the_generator() {
    let root = repo_root();
    let update = std::env::var("UPDATE_SNAPSHOTS").is_ok_and(|v| v == "1");
    let mut stale = Vec::new();
    for fixture in fixtures() {
        let relative = fixture.strip_prefix(&root).unwrap();
        let mut options = codegen::Options {
            root: root.clone(),
            schema_dir: relative.join("schema"),
            command: UPDATE_COMMAND.to_string(),
            ..codegen::Options::default()
        };
        options.settings = settings(&fixture);
        let output = codegen::generate_file(&options, "snapshot.rs")
            .unwrap_or_else(|e| panic!("{}: generation failed:\n{e}", relative.display()));
        if update {
            output.write(&fixture).unwrap();
        }
        for drift in output.check(&fixture).unwrap() {
            stale.push(format!("{}:\n{}", relative.display(), drift.diff));
        }
    }
    assert!(
        stale.is_empty(),
        "stale snapshots; review, then run `{UPDATE_COMMAND}`\n{}",
        stale.join("\n")
    );
}

#[test]
fn every_fixture_is_compiled_by_the_fixture_test() {
    let listed = std::fs::read_to_string(repo_root().join("tests/fixtures.rs")).unwrap();
    for fixture in fixtures() {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            listed.contains(&format!("\"fixtures/{name}/snapshot.rs\"")),
            "tests/fixtures.rs does not compile the fixture `{name}`"
        );
    }
}

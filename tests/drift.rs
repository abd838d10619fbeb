//! The checked-in `generated/` crate must be what the schemas generate today: a stale file
//! fails `cargo test` with the diff and the command that fixes it.

#[test]
fn generated_crate_matches_the_schemas() {
    let root = integration_tests::repo_root();
    // The settings `generate` reads at the root, as it reads them.
    let config = codegen::Config::read(&root.join("codegen.toml"))
        .unwrap_or_else(|e| panic!("codegen.toml:\n{e}"));
    let options = codegen::Options {
        crate_version: codegen::crate_version(&root.join("generated")),
        settings: codegen::Settings {
            config,
            ..codegen::Settings::default()
        },
        root,
        ..codegen::Options::default()
    };
    let output =
        codegen::generate_crate(&options).unwrap_or_else(|e| panic!("generation failed:\n{e}"));
    let drift = output
        .check(&options.root.join("generated"))
        .unwrap_or_else(|e| panic!("cannot read generated/: {e}"));
    let diffs: String = drift.iter().map(|d| d.diff.as_str()).collect();
    assert!(
        drift.is_empty(),
        "generated/ is stale ({} file(s)); run `{}`\n{diffs}",
        drift.len(),
        codegen::DEFAULT_COMMAND
    );
}

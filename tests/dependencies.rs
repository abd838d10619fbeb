//! The model crate must build in seconds for its consumers: none of the generator's crates
//! may be among its dependencies.

use std::process::Command;

const GENERATOR_CRATES: &[&str] = &["typify", "typify-impl", "prettyplease", "schemars", "syn"];

fn cargo_tree(edges: &str) -> Vec<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .args([
            "tree",
            "--offline",
            "-p",
            "models",
            "-e",
            edges,
            "--prefix",
            "none",
            "--format",
            "{p}",
        ])
        .current_dir(integration_tests::repo_root())
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn the_model_crate_does_not_depend_on_the_generator() {
    // `no-proc-macro` leaves out what only runs inside the compiler: serde's and thiserror's
    // derive macros parse with `syn`, as in every crate that derives `Serialize`.
    let runtime_crates = cargo_tree("normal,no-proc-macro");
    assert!(
        runtime_crates.iter().any(|c| c == "serde_json"),
        "{runtime_crates:?}"
    );
    for forbidden in GENERATOR_CRATES {
        assert!(
            !runtime_crates.iter().any(|c| c == forbidden),
            "models depends on {forbidden}: {runtime_crates:?}"
        );
    }
    let with_macros = cargo_tree("normal");
    for forbidden in [
        "typify",
        "typify-impl",
        "prettyplease",
        "schemars",
        "codegen",
    ] {
        assert!(
            !with_macros.iter().any(|c| c == forbidden),
            "models depends on {forbidden}"
        );
    }
}

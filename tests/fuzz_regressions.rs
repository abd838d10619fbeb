//! Every input under `fuzz/regressions/<target>/` (crashes the fuzzers found, minimized, and
//! seeds) runs through the same checks as the fuzz targets, in every `cargo test`.

use std::path::PathBuf;

fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = integration_tests::repo_root()
        .join("fuzz/regressions")
        .join(target);
    let mut found: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    found.sort();
    assert!(!found.is_empty(), "no inputs in {}", dir.display());
    found
}

fn run_all(target: &str, check: fn(&[u8])) {
    for (path, bytes) in inputs(target) {
        let result = std::panic::catch_unwind(|| check(&bytes));
        assert!(result.is_ok(), "{} fails again", path.display());
    }
}

#[test]
fn generator_regressions() {
    run_all("generator", integration_tests::fuzzing::generator);
}

#[test]
fn credentials_from_json_regressions() {
    run_all(
        "credentials_from_json",
        integration_tests::fuzzing::credentials_from_json,
    );
}

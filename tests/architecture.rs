//! `ARCHITECTURE.md` is the map a reader starts from, so it must match the tree: every
//! source file it names exists, and every module of the generator (`codegen/src`) and of the
//! runtime (`codegen/runtime/src`) is named there.
//!
//! A name is a code span: a file (`bundle.rs`) or a folder (`emit/`), with as much of its
//! path as the sentence needs (`types/mod.rs`). It matches a file whose path ends with it.

use std::collections::BTreeSet;
use std::path::Path;

/// The crates whose every module the map must name.
const MAPPED: &[&str] = &["codegen/src", "codegen/runtime/src"];

/// Files every module folder or crate has, named in the map only where they say something.
const ROOTS: &[&str] = &["mod.rs", "lib.rs", "main.rs"];

#[test]
fn every_source_file_the_map_names_exists() {
    let root = integration_tests::repo_root();
    let files = source_files(&root, &root);
    let missing: Vec<String> = code_spans(&map(&root))
        .into_iter()
        .filter(|span| span.ends_with(".rs"))
        .filter(|span| !files.iter().any(|file| ends_with_path(file, span)))
        .collect();
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names source files that do not exist: {missing:?}"
    );
}

#[test]
fn every_module_is_on_the_map() {
    let root = integration_tests::repo_root();
    let spans = code_spans(&map(&root));
    let mut unnamed = Vec::new();
    for crate_dir in MAPPED {
        for file in source_files(&root, &root.join(crate_dir)) {
            let name = file.rsplit('/').next().unwrap_or(&file);
            // A folder module is named by its folder (`emit/`), a file module by its file.
            let wanted = if name == "mod.rs" {
                let folder = file.trim_end_matches("/mod.rs");
                format!("{folder}/")
            } else if ROOTS.contains(&name) {
                continue;
            } else {
                file.clone()
            };
            if !spans.iter().any(|span| ends_with_path(&wanted, span)) {
                unnamed.push(wanted);
            }
        }
    }
    assert!(
        unnamed.is_empty(),
        "modules that ARCHITECTURE.md does not name (add each where its concept is described): {unnamed:?}"
    );
}

#[test]
fn a_path_matches_whole_segments_only() {
    assert!(ends_with_path(
        "codegen/src/emit/types/bundle.rs",
        "bundle.rs"
    ));
    assert!(ends_with_path(
        "codegen/src/emit/types/bundle.rs",
        "types/bundle.rs"
    ));
    assert!(!ends_with_path(
        "codegen/src/emit/types/rebundle.rs",
        "bundle.rs"
    ));
    assert!(ends_with_path("codegen/src/emit/", "emit/"));
    assert_eq!(
        code_spans("`a.rs`, `emit/` and `x`\n```text\n`fenced.rs`\n```"),
        BTreeSet::from(["a.rs".to_string(), "emit/".to_string(), "x".to_string()])
    );
}

fn map(root: &Path) -> String {
    std::fs::read_to_string(root.join("ARCHITECTURE.md")).expect("ARCHITECTURE.md is readable")
}

/// Whether `path` is `span` or ends with `/` and `span`.
fn ends_with_path(path: &str, span: &str) -> bool {
    path == span
        || path
            .strip_suffix(span)
            .is_some_and(|rest| rest.ends_with('/'))
}

/// The contents of every code span, fenced blocks left out.
fn code_spans(text: &str) -> BTreeSet<String> {
    let mut spans = BTreeSet::new();
    let mut fenced = false;
    for line in text.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if fenced {
            continue;
        }
        for (i, piece) in line.split('`').enumerate() {
            if i % 2 == 1 && !piece.is_empty() {
                spans.insert(piece.to_string());
            }
        }
    }
    spans
}

/// Every `.rs` file below `dir` (build output left out), as a path from `root` with `/`.
fn source_files(root: &Path, dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "target" && !name.starts_with('.') {
                    pending.push(path);
                }
            } else if name.ends_with(".rs") {
                let relative = path.strip_prefix(root).unwrap_or(&path);
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

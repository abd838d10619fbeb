//! Puts the real-world corpus through the user's path: a run's schemas copied into one
//! `schema/` folder, one `generate` of the model crate (the library calls `codegen generate`
//! makes: `generate_crate`, then `Output::write`), and the crate compiled: this crate is that
//! model crate, its `src/schemas/` the run's output, included under `#![deny(warnings)]` as
//! `generated/src/lib.rs` includes its own. `corpus.rs` then checks the verdicts.
//!
//! Which runs: by default, the schemas with both valid and invalid instances make the run
//! that is compiled, and the others are generated in runs of their own (not compiled), so
//! that every schema generates in every `cargo test`. `REALWORLD_COMPILE=all:K/N`
//! (`scripts/compile-realworld`) generates and compiles the K-th of N shares of the whole
//! corpus instead, as one run. `REALWORLD_SETTINGS=strictest` generates every run under the
//! strictest settings of `codegen.toml`, for the round-trip figures under them
//! (`round_trip_strictest.txt`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The environment variable that points at the corpus.
const CORPUS_VAR: &str = "REALWORLD_CORPUS";

/// Set to `all` or `all:K/N` (`scripts/compile-realworld`), every schema (of that share)
/// is generated in one run and compiled, not only those with both kinds of test instances.
const COMPILE_VAR: &str = "REALWORLD_COMPILE";

/// Set to `strictest`, every run is generated under the strictest settings.
const SETTINGS_VAR: &str = "REALWORLD_SETTINGS";

/// The schemas that are not compiled are generated in runs of about this many: the memory of
/// a run grows with its schemas, and runs go side by side, one per core.
const UNCOMPILED_RUN: usize = 80;

fn main() {
    println!("cargo:rerun-if-env-changed={CORPUS_VAR}");
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-env-changed={COMPILE_VAR}");
    println!("cargo:rerun-if-env-changed={SETTINGS_VAR}");
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = match std::env::var_os(CORPUS_VAR) {
        Some(path) => PathBuf::from(path),
        None => manifest.join("../../../shared/realworld"),
    };
    println!("cargo:rerun-if-env-changed=RUSTC_WORKSPACE_WRAPPER");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (model, tests) = if under_clippy() {
        linted_only()
    } else if root.join("manifest.json").is_file() {
        println!("cargo:rerun-if-changed={}", root.display());
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        generate(&root, &out)
    } else {
        missing(&root)
    };
    write_if_changed(&out.join("model.rs"), &model);
    write_if_changed(&out.join("tests.rs"), &tests);
}

/// `cargo clippy` runs this crate through `clippy-driver`.
fn under_clippy() -> bool {
    std::env::var_os("RUSTC_WORKSPACE_WRAPPER")
        .is_some_and(|wrapper| wrapper.to_string_lossy().contains("clippy-driver"))
}

/// Under clippy, which lints hand-written code: the tests without the corpus, whose
/// generated code (hundreds of thousands of lines, linted by no one) would take minutes.
fn linted_only() -> (String, String) {
    let model = "pub const CORPUS: crate::Corpus = crate::Corpus::Missing { message: \"not generated under clippy\" };\npub const STRICTEST: bool = false;\npub static OUTCOMES: &[crate::Schema] = &[];\npub static SCHEMAS: &[::schema_runtime::registry::SchemaEntry] = &[];\n".to_string();
    (model, TESTS.to_string())
}

const TESTS: &str = "#[test]\nfn every_schema_generates_but_the_listed_ones() {\n    crate::generation();\n}\n\n#[test]\nfn every_instance_gets_its_verdict() {\n    crate::verdicts();\n}\n\n#[test]\nfn every_valid_instance_round_trips_but_the_listed_ones() {\n    crate::round_trips();\n}\n";

/// Without the corpus: nothing to check, and one test that says so: ignored, or failing
/// under `CI=true`, where the corpus is required.
fn missing(root: &Path) -> (String, String) {
    let message = format!(
        "real-world corpus not found at {}; set {CORPUS_VAR} to its folder to run these tests",
        root.display()
    );
    let model = format!(
        "pub const CORPUS: crate::Corpus = crate::Corpus::Missing {{ message: {message:?} }};\npub const STRICTEST: bool = false;\npub static OUTCOMES: &[crate::Schema] = &[];\npub static SCHEMAS: &[::schema_runtime::registry::SchemaEntry] = &[];\n"
    );
    let tests = if std::env::var("CI").is_ok_and(|v| v == "true") {
        format!(
            "#[test]\nfn corpus_missing() {{\n    panic!(\"{{}} (CI=true: the corpus is required)\", {message:?});\n}}\n"
        )
    } else {
        format!("#[test]\n#[ignore = {message:?}]\nfn corpus_missing() {{}}\n")
    };
    (model, tests)
}

/// One run: its name (its folder under `OUT_DIR/runs/`), its schemas by manifest index,
/// and whether its model crate is compiled here.
struct Run {
    name: String,
    schemas: Vec<usize>,
    compiled: bool,
}

fn generate(root: &Path, out: &Path) -> (String, String) {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("manifest.json")).expect("the manifest is readable"),
    )
    .expect("the manifest is JSON");
    let entries: Vec<(&String, &Value)> = manifest
        .as_object()
        .expect("the manifest is an object")
        .iter()
        .collect();
    let runs = plan(&entries);
    let results = generate_runs(root, out, &entries, &runs);
    let mut table = String::new();
    let mut model = None;
    for (run, result) in runs.iter().zip(results) {
        let outcomes: Vec<String> = match &result {
            Ok(output) => run
                .schemas
                .iter()
                .map(|&index| {
                    let display = format!("schema/{}.json", entries[index].0);
                    let warnings = output.warnings.iter().filter(|w| w.file == display).count();
                    format!("crate::Outcome::Generated {{ warnings: {warnings} }}")
                })
                .collect(),
            Err(error) => run
                .schemas
                .iter()
                .map(|&index| {
                    let display = format!("schema/{}.json", entries[index].0);
                    let own: Vec<String> = match error {
                        codegen::GenError::Schema(list) => list
                            .iter()
                            .filter(|d| d.file == display)
                            .map(ToString::to_string)
                            .collect(),
                        _ => Vec::new(),
                    };
                    let message = if own.is_empty() {
                        format!("its run `{}` failed: {error}", run.name)
                    } else {
                        own.join("\n")
                    };
                    format!("crate::Outcome::Failed({message:?})")
                })
                .collect(),
        };
        for (&index, outcome) in run.schemas.iter().zip(outcomes) {
            let (name, info) = entries[index];
            let dialect = info["dialect"].as_str().unwrap_or("unknown");
            let _ = writeln!(
                table,
                "crate::Schema {{ name: {name:?}, dialect: {dialect:?}, run: {:?}, outcome: {outcome}, compiled: {} }},",
                run.name,
                run.compiled && result.is_ok()
            );
        }
        if run.compiled && result.is_ok() {
            model = Some(out.join("runs").join(&run.name).join("model"));
        }
    }
    let index = match &model {
        // The generated index, as `generated/src/lib.rs` declares it: its modules, the types
        // it re-exports and its `SCHEMAS` registry at the crate root.
        Some(model) => format!(
            "#[path = {:?}]\n#[rustfmt::skip]\n#[deny(warnings)]\nmod schemas;\npub use schemas::*;\n",
            model.join("src/schemas/mod.rs").display().to_string()
        ),
        None => "pub static SCHEMAS: &[::schema_runtime::registry::SchemaEntry] = &[];\n".into(),
    };
    let model = format!(
        "pub const CORPUS: crate::Corpus = crate::Corpus::Found {{ path: {:?} }};\npub const STRICTEST: bool = {};\n{index}\npub static OUTCOMES: &[crate::Schema] = &[\n{table}];\n",
        root.display().to_string(),
        strictest()
    );
    (model, TESTS.to_string())
}

/// The runs: `REALWORLD_COMPILE=all:K/N` asks for the K-th of N shares of consecutive
/// schemas (so that versions of one vendor's schema, which often share a title, meet in
/// one run), compiled; by default the schemas with both kinds of instances are the compiled
/// run and the others are generated in runs of their own.
fn plan(entries: &[(&String, &Value)]) -> Vec<Run> {
    if let Some((part, parts)) = compiled_share() {
        let size = entries.len().div_ceil(parts);
        let schemas: Vec<usize> = (part * size..((part + 1) * size).min(entries.len())).collect();
        return vec![Run {
            name: format!("share-{}-of-{parts}", part + 1),
            schemas,
            compiled: true,
        }];
    }
    let count = |info: &Value, kind: &str| info[kind].as_u64().unwrap_or(0);
    let (tested, rest): (Vec<usize>, Vec<usize>) = (0..entries.len())
        .partition(|&i| count(entries[i].1, "valid") > 0 && count(entries[i].1, "invalid") > 0);
    let mut runs = vec![Run {
        name: "tested".into(),
        schemas: tested,
        compiled: true,
    }];
    let chunks = rest.len().div_ceil(UNCOMPILED_RUN).max(1);
    let size = rest.len().div_ceil(chunks).max(1);
    for (number, chunk) in rest.chunks(size).enumerate() {
        runs.push(Run {
            name: format!("untested-{}", number + 1),
            schemas: chunk.to_vec(),
            compiled: false,
        });
    }
    runs
}

/// `REALWORLD_COMPILE`: `all` is one share of everything; `all:K/N` the K-th (from 0) of N.
fn compiled_share() -> Option<(usize, usize)> {
    let value = std::env::var(COMPILE_VAR).ok()?;
    let share = value.strip_prefix("all")?;
    if share.is_empty() {
        return Some((0, 1));
    }
    let (part, parts) = share.strip_prefix(':')?.split_once('/')?;
    let (part, parts) = (part.parse().ok()?, parts.parse().ok()?);
    (part < parts).then_some((part, parts))
}

/// Every run, as many side by side as there are cores, largest first; results in order.
fn generate_runs(
    root: &Path,
    out: &Path,
    entries: &[(&String, &Value)],
    runs: &[Run],
) -> Vec<Result<codegen::Output, codegen::GenError>> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let mut order: Vec<usize> = (0..runs.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(runs[i].schemas.len()));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<codegen::Output, codegen::GenError>>>> =
        Mutex::new((0..runs.len()).map(|_| None).collect());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                while let Some(&index) = order.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let result = generate_run(root, out, entries, &runs[index]);
                    results.lock().expect("no thread panics holding it")[index] = Some(result);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("no thread panics holding it")
        .into_iter()
        .map(|result| result.expect("every run was generated"))
        .collect()
}

/// One run, as a user makes it: the schemas copied into `runs/<name>/schema/`, the corpus's
/// remote documents as `--resources`, one `generate`; the model crate written to
/// `runs/<name>/model/` when it is compiled.
fn generate_run(
    root: &Path,
    out: &Path,
    entries: &[(&String, &Value)],
    run: &Run,
) -> Result<codegen::Output, codegen::GenError> {
    let dir = out.join("runs").join(&run.name);
    let schema_dir = dir.join("schema");
    if schema_dir.exists() {
        std::fs::remove_dir_all(&schema_dir)
            .unwrap_or_else(|e| panic!("{}: {e}", schema_dir.display()));
    }
    std::fs::create_dir_all(&schema_dir)
        .unwrap_or_else(|e| panic!("{}: {e}", schema_dir.display()));
    for &index in &run.schemas {
        let file = format!("{}.json", entries[index].0);
        std::fs::copy(root.join("schemas").join(&file), schema_dir.join(&file))
            .unwrap_or_else(|e| panic!("schemas/{file}: {e}"));
    }
    let mut options = codegen::Options {
        root: dir.clone(),
        schema_dir: PathBuf::from("schema"),
        resource_dirs: vec![root.join("resources")],
        command: "cargo build -p realworld (tests/realworld/build.rs)".into(),
        ..codegen::Options::default()
    };
    if strictest() {
        let config = &mut options.settings.config;
        config.defaults.nullable = Some(codegen::Nullable::ThreeState);
        config.defaults.materialize_defaults = Some(false);
    }
    let output = codegen::generate_crate(&options)?;
    if run.compiled {
        output.write(&dir.join("model"))?;
    }
    Ok(output)
}

/// `REALWORLD_SETTINGS=strictest`: every run under the strictest settings of `codegen.toml`
/// (`nullable = "three-state"`, `materialize_defaults = false`), for the round-trip figures
/// under them; otherwise the defaults.
fn strictest() -> bool {
    std::env::var(SETTINGS_VAR).is_ok_and(|v| v == "strictest")
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

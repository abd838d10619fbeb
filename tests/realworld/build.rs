//! Generates every schema of the real-world corpus with default options through the codegen
//! library, as a user's `generate` would, and records what each gave. The code of schemas
//! with both valid and invalid test instances is compiled into this crate, one module each,
//! under `#![deny(warnings)]`; `corpus.rs` checks their verdicts.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The environment variable that points at the corpus.
const CORPUS_VAR: &str = "REALWORLD_CORPUS";

/// Set to `all` or `all:K/N` (`scripts/compile-realworld`), every schema (of that share)
/// that generates is compiled in, not only those with both kinds of test instances.
const COMPILE_VAR: &str = "REALWORLD_COMPILE";

fn main() {
    println!("cargo:rerun-if-env-changed={CORPUS_VAR}");
    println!("cargo:rerun-if-env-changed=CI");
    println!("cargo:rerun-if-env-changed={COMPILE_VAR}");
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = match std::env::var_os(CORPUS_VAR) {
        Some(path) => PathBuf::from(path),
        None => manifest.join("../../../shared/realworld"),
    };
    println!("cargo:rerun-if-env-changed=RUSTC_WORKSPACE_WRAPPER");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (corpus, tests) = if under_clippy() {
        linted_only()
    } else if root.join("manifest.json").is_file() {
        println!("cargo:rerun-if-changed={}", root.display());
        let root = std::fs::canonicalize(&root).unwrap_or(root);
        generate(&root)
    } else {
        missing(&root)
    };
    write_if_changed(&out.join("corpus.rs"), &corpus);
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
    let corpus = "pub const CORPUS: crate::Corpus = crate::Corpus::Missing { message: \"not generated under clippy\" };\npub static SCHEMAS: &[crate::Schema] = &[];\n".to_string();
    (corpus, TESTS.to_string())
}

const TESTS: &str = "#[test]\nfn every_schema_generates_but_the_listed_ones() {\n    crate::generation();\n}\n\n#[test]\nfn every_instance_gets_its_verdict() {\n    crate::verdicts();\n}\n";

/// Without the corpus: nothing to check, and one test that says so: ignored, or failing
/// under `CI=true`, where the corpus is required.
fn missing(root: &Path) -> (String, String) {
    let message = format!(
        "real-world corpus not found at {}; set {CORPUS_VAR} to its folder to run these tests",
        root.display()
    );
    let corpus = format!(
        "pub const CORPUS: crate::Corpus = crate::Corpus::Missing {{ message: {message:?} }};\npub static SCHEMAS: &[crate::Schema] = &[];\n"
    );
    let tests = if std::env::var("CI").is_ok_and(|v| v == "true") {
        format!(
            "#[test]\nfn corpus_missing() {{\n    panic!(\"{{}} (CI=true: the corpus is required)\", {message:?});\n}}\n"
        )
    } else {
        format!("#[test]\n#[ignore = {message:?}]\nfn corpus_missing() {{}}\n")
    };
    (corpus, tests)
}

fn generate(root: &Path) -> (String, String) {
    let manifest: Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("manifest.json")).expect("the manifest is readable"),
    )
    .expect("the manifest is JSON");
    let resources = codegen::load_resources(root, Path::new("resources"))
        .unwrap_or_else(|e| panic!("the corpus's resources: {e}"));
    let entries: Vec<(&String, &Value)> = manifest
        .as_object()
        .expect("the manifest is an object")
        .iter()
        .collect();
    let runs = generate_all(root, &entries, &resources);
    let share = compiled_share();
    let mut modules = String::new();
    let mut table = String::new();
    for (index, ((name, info), run)) in entries.iter().zip(runs).enumerate() {
        let count = |kind: &str| info[kind].as_u64().unwrap_or(0);
        let compiled = match share {
            Some((part, parts)) => index % parts == part,
            None => count("valid") > 0 && count("invalid") > 0,
        };
        let dialect = info["dialect"].as_str().unwrap_or("unknown");
        let (outcome, entry) = match run {
            Ok(run) => {
                let entry = compiled.then(|| {
                    let module = format!("schema_{index}");
                    let _ = writeln!(
                        modules,
                        "/// `schemas/{name}.json`\npub mod {module} {{\n#![deny(warnings)]\n{}\npub fn entry() -> &'static ::schema_runtime::registry::SchemaEntry {{ &SCHEMAS[0] }}\n}}",
                        run.code
                    );
                    format!("Some({module}::entry)")
                });
                (
                    format!(
                        "crate::Outcome::Generated {{ warnings: {} }}",
                        run.warnings.len()
                    ),
                    entry,
                )
            }
            Err(message) => (format!("crate::Outcome::Failed({message:?})"), None),
        };
        let _ = writeln!(
            table,
            "crate::Schema {{ name: {name:?}, dialect: {dialect:?}, outcome: {outcome}, compiled: {} }},",
            entry.unwrap_or_else(|| "None".to_string())
        );
    }
    let corpus = format!(
        "pub const CORPUS: crate::Corpus = crate::Corpus::Found {{ path: {:?} }};\n{modules}\npub static SCHEMAS: &[crate::Schema] = &[\n{table}];\n",
        root.display().to_string()
    );
    (corpus, TESTS.to_string())
}

/// Which schemas `REALWORLD_COMPILE` asks to compile regardless of their instances: `all`,
/// or `all:K/N`, every N-th schema from the K-th (all 453 in one crate take rustc past
/// 24 GB, so `scripts/compile-realworld` compiles them in shares).
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

/// Every schema, on as many threads as there are cores; the results in order.
fn generate_all(
    root: &Path,
    entries: &[(&String, &Value)],
    resources: &[codegen::SchemaFile],
) -> Vec<Result<codegen::InMemory, String>> {
    use std::sync::Mutex;
    use std::sync::atomic::{AtomicUsize, Ordering};

    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Result<codegen::InMemory, String>>>> =
        Mutex::new((0..entries.len()).map(|_| None).collect());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some((name, _)) = entries.get(index) else {
                        break;
                    };
                    let run = generate_one(root, name, resources);
                    results.lock().expect("no thread panics holding it")[index] = Some(run);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("no thread panics holding it")
        .into_iter()
        .map(|run| run.expect("every schema was generated"))
        .collect()
}

/// One schema with default options, or the generator's error.
fn generate_one(
    root: &Path,
    name: &str,
    resources: &[codegen::SchemaFile],
) -> Result<codegen::InMemory, String> {
    let path = root.join("schemas").join(format!("{name}.json"));
    let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let display = format!("schemas/{name}.json");
    let value = codegen::parse_schema_bytes(&display, &bytes).map_err(|e| e.to_string())?;
    let uri = codegen::Url::from_file_path(&path)
        .map_err(|()| format!("{} is not an absolute path", path.display()))?;
    let file = codegen::SchemaFile {
        path,
        display,
        stem: name.to_string(),
        uri,
        value,
    };
    codegen::generate_in_memory(
        vec![file],
        resources.to_vec(),
        codegen::Emitters::default(),
        codegen::Settings::default(),
    )
    .map_err(|e| e.to_string())
}

fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).is_ok_and(|old| old == text) {
        return;
    }
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

//! Generates a validator for every case of the official JSON-Schema-Test-Suite through the
//! codegen library, the table of cases that `suite.rs` runs, and one `#[test]` per file of
//! the suite, so that a failure names its file. A case whose validator cannot be generated is
//! recorded with the error, not fatal.
//!
//! Every file of each dialect's folder runs, `optional/` and `optional/format/` included;
//! what is not expected to pass is in `skipped.rs`, each with its reason.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use url::Url;

/// The environment variable that points at the suite.
const SUITE_VAR: &str = "JSON_SCHEMA_TEST_SUITE";

/// The dialects run: the suite's folder, and the dialect of its schemas that declare none.
const DIALECTS: &[(&str, codegen::Draft)] = &[
    ("draft4", codegen::Draft::Draft4),
    ("draft6", codegen::Draft::Draft6),
    ("draft7", codegen::Draft::Draft7),
    ("draft2019-09", codegen::Draft::Draft2019),
    ("draft2020-12", codegen::Draft::Draft2020),
];

fn main() {
    println!("cargo:rerun-if-env-changed={SUITE_VAR}");
    println!("cargo:rerun-if-env-changed=CI");
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = match std::env::var_os(SUITE_VAR) {
        Some(path) => PathBuf::from(path),
        None => manifest.join("../../../shared/json-schema-test-suite"),
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (suite, tests) = if root.join("tests").is_dir() {
        println!("cargo:rerun-if-changed={}", root.display());
        generate(&root)
    } else {
        missing(&root)
    };
    write_if_changed(&out.join("suite.rs"), &suite);
    write_if_changed(&out.join("tests.rs"), &tests);
}

/// Without the suite: no cases, and one test that says so: ignored, or failing under
/// `CI=true`, where the suite is required.
fn missing(root: &Path) -> (String, String) {
    let message = format!(
        "JSON-Schema-Test-Suite not found at {}; set {SUITE_VAR} to its checkout to run the conformance tests",
        root.display()
    );
    let suite = format!(
        "pub const SUITE: crate::Suite = crate::Suite::Missing {{ message: {message:?} }};\npub static FILES: &[crate::File] = &[];\n"
    );
    let tests = if std::env::var("CI").is_ok_and(|v| v == "true") {
        format!(
            "#[test]\nfn suite_missing() {{\n    panic!(\"{{}} (CI=true: the suite is required)\", {message:?});\n}}\n"
        )
    } else {
        format!("#[test]\n#[ignore = {message:?}]\nfn suite_missing() {{}}\n")
    };
    (suite, tests)
}

fn generate(root: &Path) -> (String, String) {
    let remotes = remotes(&root.join("remotes"));
    let mut modules = String::new();
    let mut files = String::new();
    let mut tests = String::new();
    let mut n = 0;
    for (dialect, draft) in DIALECTS {
        let dir = root.join("tests").join(dialect);
        for path in json_files(&dir) {
            let file = relative(&dir, &path);
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let cases: Vec<Value> =
                serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let mut table = String::new();
            for (index, case) in cases.iter().enumerate() {
                let module = format!("case_{n}");
                n += 1;
                let generated = validator(dialect, *draft, &file, index, case, &remotes);
                let generated = match generated {
                    Ok(code) => {
                        let _ = writeln!(modules, "pub mod {module} {{\n{code}\n}}");
                        format!(
                            "crate::Generated::Validator({module}::schema::validate, {module}::schema::validate_json)"
                        )
                    }
                    Err(e) => format!("crate::Generated::Failed({e:?})"),
                };
                let mut tests = String::new();
                for test in case["tests"].as_array().into_iter().flatten() {
                    let _ = write!(
                        tests,
                        "crate::Test {{ description: {:?}, data: {:?}, valid: {} }},",
                        test["description"].as_str().unwrap_or_default(),
                        test["data"].to_string(),
                        test["valid"].as_bool().unwrap_or_default()
                    );
                }
                let _ = writeln!(
                    table,
                    "crate::Case {{ description: {:?}, generated: {generated}, tests: &[{tests}] }},",
                    case["description"].as_str().unwrap_or_default()
                );
            }
            let _ = writeln!(
                files,
                "crate::File {{ dialect: {dialect:?}, path: {file:?}, cases: &[\n{table}] }},"
            );
            let name = test_name(&format!("{dialect}/{file}"));
            let _ = writeln!(
                tests,
                "#[test]\nfn {name}() {{\n    crate::check_file({dialect:?}, {file:?});\n}}\n"
            );
        }
        let summary = test_name(dialect);
        let _ = writeln!(
            tests,
            "#[test]\nfn {summary}_summary() {{\n    crate::summary({dialect:?});\n}}\n"
        );
    }
    let suite = format!(
        "pub const SUITE: crate::Suite = crate::Suite::Found {{ path: {:?} }};\n{modules}\npub static FILES: &[crate::File] = &[\n{files}];\n",
        root.display().to_string()
    );
    (suite, tests)
}

/// The validators of one case, as Rust code, or the generator's error.
fn validator(
    dialect: &str,
    draft: codegen::Draft,
    file: &str,
    index: usize,
    case: &Value,
    remotes: &[codegen::SchemaFile],
) -> Result<String, String> {
    let schema = codegen::SchemaFile {
        path: PathBuf::from(file),
        display: format!("{dialect}/{file}[{index}]"),
        stem: "schema".to_string(),
        uri: Url::parse(&format!(
            "https://suite.invalid/{dialect}/{file}/{index}.json"
        ))
        .expect("a valid URL"),
        value: case["schema"].clone(),
    };
    codegen::validators_for(schema, remotes.to_vec(), draft).map_err(|e| e.to_string())
}

/// `draft2020-12/optional/format/date-time.json` → `draft2020_12_optional_format_date_time`,
/// `unevaluatedItems` → `unevaluated_items`.
fn test_name(path: &str) -> String {
    let mut name = String::new();
    for c in path.trim_end_matches(".json").chars() {
        if c.is_ascii_uppercase() {
            name.push('_');
            name.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            name.push(c);
        } else {
            name.push('_');
        }
    }
    name
}

/// Every `*.json` under `dir`, recursively, in path order.
fn json_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root)
        .expect("under root")
        .to_string_lossy()
        .replace('\\', "/")
}

/// The suite's remote schemas, as resources at the URIs the suite expects them
/// (`http://localhost:1234/...`). One in a dialect's folder that declares no dialect is read
/// as that folder's.
fn remotes(dir: &Path) -> Vec<codegen::SchemaFile> {
    json_files(dir)
        .into_iter()
        .map(|path| {
            let relative = relative(dir, &path);
            let text = std::fs::read_to_string(&path).expect("a readable remote");
            let mut value: Value = serde_json::from_str(&text).expect("a JSON remote");
            let folder = relative.split('/').next().unwrap_or_default();
            let folder_dialect = DIALECTS
                .iter()
                .find(|(name, _)| *name == folder)
                .map(|(_, draft)| *draft);
            if let (Some(draft), Some(object)) = (folder_dialect, value.as_object_mut()) {
                object
                    .entry("$schema")
                    .or_insert_with(|| Value::String(draft.uri().to_string()));
            }
            codegen::SchemaFile {
                path: path.clone(),
                display: format!("remotes/{relative}"),
                stem: relative.trim_end_matches(".json").replace('/', "_"),
                uri: Url::parse(&format!("http://localhost:1234/{relative}")).expect("a valid URL"),
                value,
            }
        })
        .collect()
}

/// Written only when it changes, so that an unchanged suite does not rebuild the tests.
fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).expect("OUT_DIR is writable");
    }
}

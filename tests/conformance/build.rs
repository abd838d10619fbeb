//! Generates a validator for every case of the official JSON-Schema-Test-Suite (draft
//! 2020-12) through the codegen library, and the table of cases and tests that `suite.rs`
//! runs. A case whose validator cannot be generated is recorded with the error, not fatal.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;
use url::Url;

#[allow(dead_code)]
mod skipped {
    include!("skipped.rs");
}

/// The environment variable that points at the suite.
const SUITE_VAR: &str = "JSON_SCHEMA_TEST_SUITE";

/// The suite's files this project claims to support: the keywords it implements, and the
/// formats it asserts.
const FILES: &[&str] = &[
    "additionalProperties.json",
    "allOf.json",
    "anchor.json",
    "anyOf.json",
    "boolean_schema.json",
    "const.json",
    "contains.json",
    "content.json",
    "default.json",
    "defs.json",
    "dependentRequired.json",
    "dependentSchemas.json",
    "dynamicRef.json",
    "enum.json",
    "exclusiveMaximum.json",
    "exclusiveMinimum.json",
    "format.json",
    "if-then-else.json",
    "infinite-loop-detection.json",
    "items.json",
    "maxContains.json",
    "maxItems.json",
    "maxLength.json",
    "maxProperties.json",
    "maximum.json",
    "minContains.json",
    "minItems.json",
    "minLength.json",
    "minProperties.json",
    "minimum.json",
    "multipleOf.json",
    "not.json",
    "oneOf.json",
    "pattern.json",
    "patternProperties.json",
    "prefixItems.json",
    "properties.json",
    "propertyNames.json",
    "ref.json",
    "refRemote.json",
    "required.json",
    "type.json",
    "unevaluatedItems.json",
    "unevaluatedProperties.json",
    "uniqueItems.json",
    "vocabulary.json",
    "optional/format/date-time.json",
    "optional/format/date.json",
    "optional/format/time.json",
    "optional/format/uuid.json",
    "optional/format/email.json",
    "optional/format/ipv4.json",
    "optional/format/ipv6.json",
    "optional/format/uri.json",
];

fn main() {
    println!("cargo:rerun-if-env-changed={SUITE_VAR}");
    println!("cargo:rerun-if-changed=skipped.rs");
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = match std::env::var_os(SUITE_VAR) {
        Some(path) => PathBuf::from(path),
        None => manifest.join("../../../shared/json-schema-test-suite"),
    };
    let out =
        PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("suite.rs");
    let tests_dir = root.join("tests/draft2020-12");
    let code = if tests_dir.is_dir() {
        println!("cargo:rerun-if-changed={}", root.display());
        generate(&root)
    } else {
        format!(
            "pub const SUITE: crate::Suite = crate::Suite::Missing {{ looked_in: {:?}, variable: {SUITE_VAR:?} }};\npub static CASES: &[crate::Case] = &[];\n",
            root.display().to_string()
        )
    };
    std::fs::write(&out, code).expect("OUT_DIR is writable");
}

fn generate(root: &Path) -> String {
    let remotes = remotes(&root.join("remotes"));
    let mut modules = String::new();
    let mut table = String::new();
    let mut n = 0;
    for file in FILES {
        let path = root.join("tests/draft2020-12").join(file);
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let cases: Vec<Value> =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (index, case) in cases.iter().enumerate() {
            let description = case["description"].as_str().unwrap_or_default();
            let module = format!("case_{n}");
            n += 1;
            let schema = codegen::load::SchemaFile {
                path: PathBuf::from(file),
                display: format!("{file}[{index}]"),
                stem: "schema".to_string(),
                uri: Url::parse(&format!("https://suite.invalid/{file}/{index}.json"))
                    .expect("a valid URL"),
                value: case["schema"].clone(),
            };
            let generated = match codegen::validators_for(schema, remotes.clone()) {
                Ok(code) => {
                    let _ = writeln!(modules, "pub mod {module} {{\n{code}\n}}");
                    format!(
                        "crate::Generated::Validator({module}::schema::validate, {module}::schema::validate_json)"
                    )
                }
                Err(e) => format!("crate::Generated::Failed({:?})", e.to_string()),
            };
            let skip = skipped::SKIPPED
                .iter()
                .find(|s| s.file == *file && s.case == description)
                .map_or("None".to_string(), |s| format!("Some({:?})", s.reason));
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
                "crate::Case {{ file: {file:?}, description: {description:?}, skipped: {skip}, generated: {generated}, tests: &[{tests}] }},"
            );
        }
    }
    format!(
        "pub const SUITE: crate::Suite = crate::Suite::Found {{ path: {:?} }};\n{modules}\npub static CASES: &[crate::Case] = &[\n{table}];\n",
        root.display().to_string()
    )
}

/// The suite's remote schemas written for 2020-12 (or for no dialect), as resources at the
/// URIs the suite expects them (`http://localhost:1234/...`).
fn remotes(dir: &Path) -> Vec<codegen::load::SchemaFile> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort_by(|a, b| a.display.cmp(&b.display));
    files
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<codegen::load::SchemaFile>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let relative = path
            .strip_prefix(root)
            .expect("under root")
            .to_string_lossy()
            .replace('\\', "/");
        if path.is_dir() {
            // Only the top folder names a dialect: `draft2019-09/`, `v1/`, ...
            let top = relative.split('/').next().unwrap_or_default();
            let other_dialect = top.starts_with("draft") && top != "draft2020-12" || top == "v1";
            if !other_dialect {
                collect(root, &path, files);
            }
        } else if relative.ends_with(".json") {
            let text = std::fs::read_to_string(&path).expect("a readable remote");
            let value: Value = serde_json::from_str(&text).expect("a JSON remote");
            files.push(codegen::load::SchemaFile {
                path: path.clone(),
                display: format!("remotes/{relative}"),
                stem: relative.trim_end_matches(".json").replace('/', "_"),
                uri: Url::parse(&format!("http://localhost:1234/{relative}")).expect("a valid URL"),
                value,
            });
        }
    }
}

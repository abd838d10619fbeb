//! Build-time mode, as a downstream crate would use it: generate models into `OUT_DIR` for
//! `lib.rs` to include.
//!
//! - `schemas.rs`: the models of `schema/`.
//! - `evolved.rs`: the models of `schema/` after the edit a user would make next (a
//!   `token_type` enum property), to show that such an edit generates compiling code.

use std::path::{Path, PathBuf};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    run(codegen::build::generate_to_out_dir(root.join("schema")));

    let evolved_dir = out_dir.join("evolved-schema");
    std::fs::create_dir_all(&evolved_dir).expect("OUT_DIR is writable");
    // The schema as the generator read it (refinements merged), so that the edit is one a
    // self-contained schema file would get.
    let effective = root.join("generated/schema/credentials.json");
    println!("cargo:rerun-if-changed={}", effective.display());
    let text =
        std::fs::read_to_string(&effective).expect("generated/schema/credentials.json is readable");
    let mut schema: serde_json::Value =
        serde_json::from_str(&text).expect("generated/schema/credentials.json is JSON");
    schema["properties"]["token_type"] = serde_json::json!({
        "type": "string",
        "enum": ["Bearer", "MAC"],
        "description": "How the access token is presented."
    });
    let evolved = serde_json::to_string_pretty(&schema).expect("a JSON value serializes");
    // Written only when it changes: a file newer than this script's last run would make
    // Cargo run it again on every build.
    let evolved_path = evolved_dir.join("credentials.json");
    if std::fs::read_to_string(&evolved_path).ok().as_deref() != Some(evolved.as_str()) {
        std::fs::write(&evolved_path, evolved).expect("OUT_DIR is writable");
    }
    let options = codegen::Options {
        schema_dir: evolved_dir,
        command: "cargo build (tests/build.rs)".to_string(),
        ..codegen::Options::default()
    };
    run(codegen::build::generate_with(&options, "evolved.rs"));
    compat_validators(&root, &out_dir);
    strictest_fixtures(&root, &out_dir);
}

/// `strictest.rs`: every fixture's models under the strictest settings of `codegen.toml`
/// (its own, with `nullable = "three-state"` and `materialize_defaults = false` by default),
/// for `tests/round_trip.rs` to measure how its payloads round-trip under them.
fn strictest_fixtures(root: &Path, out_dir: &Path) {
    let fixtures_dir = root.join("tests/fixtures");
    let mut fixtures: Vec<PathBuf> = std::fs::read_dir(&fixtures_dir)
        .expect("tests/fixtures is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("schema").is_dir())
        .collect();
    fixtures.sort();
    let mut index =
        String::from("/// Every fixture's models under the strictest settings, by fixture name.\n");
    let mut all = String::from(
        "pub static ALL: &[(&str, &[::schema_runtime::registry::SchemaEntry])] = &[\n",
    );
    for fixture in &fixtures {
        let name = fixture
            .file_name()
            .expect("a folder name")
            .to_string_lossy()
            .into_owned();
        let options = std::fs::read_to_string(fixture.join("options.json"))
            .ok()
            .and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok())
            .unwrap_or_default();
        let config_path = fixture.join("codegen.toml");
        println!("cargo:rerun-if-changed={}", config_path.display());
        let mut config = codegen::Config::read(&config_path)
            .unwrap_or_else(|e| panic!("{}: {e}", config_path.display()));
        config.defaults.nullable = Some(codegen::Nullable::ThreeState);
        config.defaults.materialize_defaults = Some(false);
        let options = codegen::Options {
            root: root.to_path_buf(),
            schema_dir: PathBuf::from("tests/fixtures").join(&name).join("schema"),
            command: "cargo build (tests/build.rs, strictest settings)".to_string(),
            settings: codegen::Settings {
                strict: options["strict"] == true,
                config,
                ..codegen::Settings::default()
            },
            ..codegen::Options::default()
        };
        let file = format!("strictest_{name}.rs");
        run(codegen::build::generate_with(&options, &file));
        index.push_str(&format!(
            "pub mod fixture_{name} {{\n    include!(concat!(env!(\"OUT_DIR\"), \"/{file}\"));\n}}\n"
        ));
        all.push_str(&format!("    ({name:?}, fixture_{name}::SCHEMAS),\n"));
    }
    all.push_str("];\n");
    index.push_str(&all);
    let path = out_dir.join("strictest.rs");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(index.as_str()) {
        std::fs::write(&path, index).expect("OUT_DIR is writable");
    }
}

/// `compat.rs`: the generated validators of both versions of every scenario of
/// `tests/compat/scenarios.json`, and of the Credentials history there, for checking the
/// witnesses `codegen diff` shows.
fn compat_validators(root: &Path, out_dir: &Path) {
    let dir = root.join("tests/compat");
    println!("cargo:rerun-if-changed={}", dir.display());
    let text = std::fs::read_to_string(dir.join("scenarios.json")).expect("scenarios are readable");
    let scenarios: Vec<serde_json::Value> =
        serde_json::from_str(&text).expect("scenarios are JSON");
    let mut versions: Vec<(String, serde_json::Value)> = Vec::new();
    for (index, scenario) in scenarios.iter().enumerate() {
        versions.push((format!("scenario_{index}_old"), scenario["old"].clone()));
        versions.push((format!("scenario_{index}_new"), scenario["new"].clone()));
    }
    let mut history: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/compat is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("credentials-"))
        })
        .collect();
    history.sort();
    let mut history_names = Vec::new();
    for path in &history {
        let stem = path
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .replace('-', "_");
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
        history_names.push((
            path.file_name()
                .expect("a file name")
                .to_string_lossy()
                .into_owned(),
            stem.clone(),
        ));
        versions.push((stem, value));
    }
    let mut code = String::new();
    for (module, value) in &versions {
        let file = codegen::SchemaFile {
            path: format!("{module}.json").into(),
            display: format!("tests/compat/{module}.json"),
            stem: "schema".into(),
            uri: codegen::Url::parse(&format!("file:///compat/{module}.json")).expect("a URL"),
            value: value.clone(),
        };
        let validators = codegen::validators_for(file, Vec::new(), codegen::Draft::Draft2020)
            .unwrap_or_else(|e| panic!("{module}: {e}"));
        code.push_str(&format!("pub mod {module} {{\n{validators}\n}}\n"));
    }
    code.push_str("/// (old, new) validators of each scenario, in order.\n");
    code.push_str("pub static SCENARIOS: &[(fn(&serde_json::Value) -> bool, fn(&serde_json::Value) -> bool)] = &[\n");
    for index in 0..scenarios.len() {
        code.push_str(&format!(
            "    (|v| scenario_{index}_old::schema::validate(v).is_ok(), |v| scenario_{index}_new::schema::validate(v).is_ok()),\n"
        ));
    }
    code.push_str("];\n/// The Credentials history, by file name.\n");
    code.push_str("pub static HISTORY: &[(&str, fn(&serde_json::Value) -> bool)] = &[\n");
    for (name, module) in &history_names {
        code.push_str(&format!(
            "    ({name:?}, |v| {module}::schema::validate(v).is_ok()),\n"
        ));
    }
    code.push_str("];\n");
    let path = out_dir.join("compat.rs");
    if std::fs::read_to_string(&path).ok().as_deref() != Some(code.as_str()) {
        std::fs::write(&path, code).expect("OUT_DIR is writable");
    }
}

fn run(result: Result<PathBuf, codegen::GenError>) {
    if let Err(e) = result {
        for line in e.to_string().lines() {
            println!("cargo:warning={line}");
        }
        std::process::exit(1);
    }
}

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
    let text = std::fs::read_to_string(root.join("schema/credentials.json"))
        .expect("schema/credentials.json is readable");
    let mut schema: serde_json::Value =
        serde_json::from_str(&text).expect("schema/credentials.json is JSON");
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
}

fn run(result: Result<PathBuf, codegen::GenError>) {
    if let Err(e) = result {
        for line in e.to_string().lines() {
            println!("cargo:warning={line}");
        }
        std::process::exit(1);
    }
}

//! Build-time mode: generate into `OUT_DIR` from a `build.rs`.
//!
//! In `build.rs`:
//!
//! ```no_run
//! if let Err(e) = codegen::build::generate_to_out_dir("../schema") {
//!     eprintln!("{e}");
//!     std::process::exit(1);
//! }
//! ```
//!
//! and in the crate: `include!(concat!(env!("OUT_DIR"), "/schemas.rs"));`.

use std::path::{Path, PathBuf};

use crate::error::GenError;
use crate::{Options, generate_file, load};

/// Generates `$OUT_DIR/schemas.rs` from every schema in `schema_dir` and tells Cargo to
/// rerun when a schema changes. Returns the path written.
pub fn generate_to_out_dir(schema_dir: impl AsRef<Path>) -> Result<PathBuf, GenError> {
    let options = Options {
        schema_dir: schema_dir.as_ref().to_path_buf(),
        command: "cargo build (build.rs)".to_string(),
        ..Options::default()
    };
    generate_with(&options, "schemas.rs")
}

/// Like [`generate_to_out_dir`], with every option and the file name under `OUT_DIR`.
pub fn generate_with(options: &Options, file_name: &str) -> Result<PathBuf, GenError> {
    let out_dir = std::env::var_os("OUT_DIR")
        .map(PathBuf::from)
        .ok_or_else(|| {
            GenError::Usage("OUT_DIR is not set; call this from a build script".into())
        })?;
    println!(
        "cargo:rerun-if-changed={}",
        options.root.join(&options.schema_dir).display()
    );
    for file in load::load_dir(&options.root, &options.schema_dir)?.files() {
        println!("cargo:rerun-if-changed={}", file.path.display());
    }
    generate_file(options, file_name)?.write(&out_dir)?;
    Ok(out_dir.join(file_name))
}

//! Generates Rust types (and, beside them, validators and docs) from JSON Schemas.
//!
//! The pipeline: [`load`] reads `schema/*.json` strictly; [`schema_set`] names every schema;
//! the emitters in [`emit`] each produce one section per schema; [`render`] lays the
//! sections out as files; [`output`] writes them atomically or diffs them against disk.
//!
//! Two ways to use it:
//! - the `codegen` binary writes a checked-in crate (`generate`) or checks it (`check`);
//! - a `build.rs` calls [`build::generate_to_out_dir`] and `include!`s the result.

pub mod build;
pub mod cli;
mod config;

mod compat;
mod dialect;
mod directions;
mod emit;
mod error;
mod examples;
mod load;
mod names;
mod openapi;
mod output;
mod panic_guard;
mod pretty;
mod refine;
mod render;
mod resolve;
mod schema_set;
mod subschema;
mod vocabulary;
mod yaml;

use std::path::PathBuf;

pub use compat::{
    Bump, FailOn, Report, ReportFormat, SchemaChange, Verdict, VersionCheck,
    render as render_report,
};
pub use config::{Config, DateTimes, Nullable, TypeSettings, UnknownMembers};
pub use dialect::Draft;
pub use emit::Emitters;
pub use error::{Diagnostic, GenError, Kind};
pub use load::{SchemaFile, load_resources, parse_schema_bytes};
pub use output::{Drift, FileChange, GeneratedFile, Output, crate_version};
use schema_set::SchemaSet;
pub use schema_set::Settings;
/// The URL type of [`SchemaFile::uri`], for callers that build schema files in memory.
pub use url::Url;

/// The command that regenerates the checked-in crate with default folders.
pub const DEFAULT_COMMAND: &str = "cargo run -p codegen -- generate";

/// What to generate from where.
#[derive(Debug, Clone)]
pub struct Options {
    /// The folder that relative paths start from and that headers show paths relative to.
    pub root: PathBuf,
    /// The folder of schemas (`*.json`, `*.yaml`, `*.yml`) and OpenAPI documents.
    pub schema_dir: PathBuf,
    /// Folders of documents that schemas may `$ref` by URL, stored under the URL without its
    /// scheme (`json.schemastore.org/base.json`). `<schema_dir>/resources/` is always read
    /// when it exists.
    pub resource_dirs: Vec<PathBuf>,
    /// Which emitters run.
    pub emitters: Emitters,
    /// How schemas are read: the default dialect, strictness.
    pub settings: Settings,
    /// The command printed in headers, for whoever wonders how to regenerate.
    pub command: String,
    /// The model crate's version, recorded beside the schemas for `codegen diff`'s version
    /// check.
    pub crate_version: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            root: PathBuf::from("."),
            schema_dir: PathBuf::from("schema"),
            resource_dirs: Vec::new(),
            emitters: Emitters::default(),
            settings: Settings::default(),
            command: DEFAULT_COMMAND.to_string(),
            crate_version: None,
        }
    }
}

/// Generates the files of the checked-in crate, in memory. Nothing is written.
pub fn generate_crate(options: &Options) -> Result<Output, GenError> {
    let (set, schema_dir) = load_set(options)?;
    let generated = emit::emit_all(&set, options.emitters)?;
    let mut output = render::crate_layout(
        &generated,
        &schema_dir,
        &options.command,
        options.crate_version.as_deref(),
        set.settings.config.text.as_deref(),
    );
    output.replacement_crates = set.settings.config.crates();
    Ok(output)
}

/// Generates one Rust file, `path` (relative to where it is written), holding every schema's
/// module: what build-time mode writes and the fixture snapshots hold. Nothing is written.
pub fn generate_file(options: &Options, path: impl Into<PathBuf>) -> Result<Output, GenError> {
    let (set, schema_dir) = load_set(options)?;
    let generated = emit::emit_all(&set, options.emitters)?;
    let contents = render::single_file(&generated, &schema_dir, &options.command);
    Ok(Output {
        files: vec![GeneratedFile {
            path: path.into(),
            contents,
            source: schema_dir,
        }],
        owned_dirs: Vec::new(),
        owned_subdirs: Vec::new(),
        exports: Vec::new(),
        warnings: generated.warnings,
        replacement_crates: set.settings.config.crates(),
        examples: generated.examples,
    })
}

/// The code of an in-memory run, and what it warned about.
#[derive(Debug, Clone)]
pub struct InMemory {
    pub code: String,
    /// Problems that did not stop generation: parts typed as `serde_json::Value`, typos of
    /// keywords, patterns on the budgeted engine, ...
    pub warnings: Vec<Diagnostic>,
}

/// Generates one Rust file (as [`generate_file`] does) from schemas held in memory,
/// which may `$ref` the given resources. For tools, fuzzing and tests.
pub fn generate_in_memory(
    schemas: Vec<SchemaFile>,
    resources: Vec<SchemaFile>,
    emitters: Emitters,
    settings: Settings,
) -> Result<InMemory, GenError> {
    let set = SchemaSet::from_files(schemas, resources, settings)?;
    let generated = emit::emit_all(&set, emitters)?;
    let code = render::single_file(&generated, "(in memory)", "codegen::generate_in_memory");
    Ok(InMemory {
        code,
        warnings: generated.warnings,
    })
}

/// Validators alone, for one in-memory schema that may `$ref` the given resources, read as
/// `default_dialect` when it declares none.
pub fn validators_for(
    schema: SchemaFile,
    resources: Vec<SchemaFile>,
    default_dialect: Draft,
) -> Result<String, GenError> {
    let emitters = Emitters {
        types: false,
        validation: true,
        docs: false,
    };
    let settings = Settings {
        default_dialect,
        ..Settings::default()
    };
    generate_in_memory(vec![schema], resources, emitters, settings).map(|run| run.code)
}

/// Compares two versions of a set of schemas (each file by its stem), both of which may
/// `$ref` `resources`: the report `codegen diff` prints.
pub fn compare_schemas(
    old: Vec<SchemaFile>,
    new: Vec<SchemaFile>,
    resources: Vec<SchemaFile>,
    settings: Settings,
) -> Result<Report, GenError> {
    let new = SchemaSet::from_files(new, resources.clone(), settings.clone())?;
    let old = SchemaSet::from_files(old, resources, settings)?;
    compat::compare(&old, &new)
}

fn load_set(options: &Options) -> Result<(SchemaSet, String), GenError> {
    let set = SchemaSet::load(
        &options.root,
        &options.schema_dir,
        &options.resource_dirs,
        options.settings.clone(),
    )?;
    let shown = error::display_path(&options.root, &options.root.join(&options.schema_dir));
    Ok((set, format!("{}/", shown.trim_end_matches('/'))))
}

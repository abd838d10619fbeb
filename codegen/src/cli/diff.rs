//! `codegen diff`: the compatibility report between two versions of the schemas.
//!
//! The old version comes from the records `generate` keeps in `<out-dir>/recorded/` (the
//! default: offline, no git), from `--base REV` (git), or from `--old DIR` (any folder).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use super::{DEFAULT_OUT_DIR, DEFAULT_SCHEMA_DIR, EXIT_OK, EXIT_STALE, parse_dialect, slashed};
use crate::compat::{self, FailOn, Format, Report, VersionCheck};
use crate::error::GenError;
use crate::load::{self, SchemaFile, Sources};
use crate::model::Settings;
use crate::output::manifest_version;
use crate::refine;
use crate::render::{RECORD_DIR, read_record};
use crate::{Draft, Url, crate_version};

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// Compare against `<schema-dir>` at this git revision.
    #[arg(long, value_name = "REV", conflicts_with = "old")]
    base: Option<String>,
    /// Compare against the schemas in this folder.
    #[arg(long, value_name = "DIR")]
    old: Option<PathBuf>,
    /// Folder of the new schemas.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_SCHEMA_DIR)]
    schema_dir: PathBuf,
    /// The model crate: its `recorded/` schemas are the default old version, its
    /// `Cargo.toml` version is checked against the bump the changes need.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_OUT_DIR)]
    out_dir: PathBuf,
    /// `text` for people, `json` for one JSON object per change and line.
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// Exit 1 when a change meets this threshold.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// The dialect of schemas without `$schema`.
    #[arg(long, value_name = "DIALECT", default_value = "2020-12", value_parser = parse_dialect)]
    default_dialect: Draft,
    /// Another folder of documents that schemas `$ref` by URL.
    #[arg(long, value_name = "DIR")]
    resources: Vec<PathBuf>,
}

pub fn run(args: &DiffArgs, stdout: &mut dyn Write) -> Result<u8, GenError> {
    let root = Path::new(".");
    let new = load::load_dir(root, &args.schema_dir)?;
    let documents = new.documents.clone();
    let (old, base_version) = match (&args.base, &args.old) {
        (Some(rev), _) => (
            from_git(rev, &args.schema_dir)?,
            git_show(rev, &args.out_dir.join("Cargo.toml"))
                .ok()
                .and_then(|bytes| manifest_version(&String::from_utf8_lossy(&bytes))),
        ),
        (None, Some(dir)) => (load::load_dir(root, dir)?, None),
        (None, None) => {
            let (schemas, version) = recorded(&args.out_dir)?;
            let recorded = Sources {
                schemas,
                documents: Vec::new(),
            };
            (recorded, version)
        }
    };
    let report = compare(old, new, documents, args)?;
    let version = base_version
        .zip(crate_version(&args.out_dir))
        .map(|(base, current)| VersionCheck { base, current });
    let _ = write!(
        stdout,
        "{}",
        compat::render(&report, args.format, version.as_ref())
    );
    Ok(match args.fail_on {
        Some(threshold) if threshold.met(&report) => EXIT_STALE,
        _ => EXIT_OK,
    })
}

fn compare(
    old: Sources,
    new: Sources,
    documents: Vec<SchemaFile>,
    args: &DiffArgs,
) -> Result<Report, GenError> {
    let mut resources = documents;
    resources.extend(load::load_resources(
        Path::new("."),
        &args.schema_dir.join("resources"),
    )?);
    for dir in &args.resources {
        resources.extend(load::load_resources(Path::new("."), dir)?);
    }
    let settings = Settings {
        default_dialect: args.default_dialect,
        strict: false,
    };
    let old = refined(old, &resources);
    let new = refined(new, &resources);
    compat::compare(old, new, resources, settings)
}

/// The schemas of one version with their refinements merged, as `generate` merges them, so
/// that a change upstream shows as a change of the schemas that refine it.
fn refined(sources: Sources, resources: &[SchemaFile]) -> Vec<SchemaFile> {
    let mut schemas = sources.schemas;
    let mut documents = sources.documents;
    documents.extend(resources.iter().cloned());
    refine::apply(&mut schemas, &documents);
    schemas
}

/// The one-line summary `check` prints beside its diff: what changed since the records.
pub fn summary_since_records(
    schema_dir: &Path,
    out_dir: &Path,
    settings: Settings,
) -> Option<String> {
    let (old, _) = recorded(out_dir).ok()?;
    let new = load::load_dir(Path::new("."), schema_dir).ok()?;
    let mut resources = new.documents.clone();
    resources.extend(load::load_resources(Path::new("."), &schema_dir.join("resources")).ok()?);
    let new = refined(new, &resources);
    let report = compat::compare(old, new, resources, settings).ok()?;
    Some(report.summary())
}

/// The schemas the checked-in code was generated from, and the crate's version then.
fn recorded(out_dir: &Path) -> Result<(Vec<SchemaFile>, Option<String>), GenError> {
    let dir = out_dir.join(RECORD_DIR);
    let entries = std::fs::read_dir(&dir).map_err(|_| {
        GenError::Usage(format!(
            "no recorded schemas in {}: run `generate` once, or compare with --base REV or --old DIR",
            slashed(&dir)
        ))
    })?;
    let mut paths: Vec<PathBuf> = entries
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    let mut files = Vec::new();
    let mut version = None;
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| GenError::io(&path, e))?;
        let display = slashed(&path);
        let (value, recorded_version) = read_record(&text).ok_or_else(|| {
            GenError::Usage(format!(
                "{display}: not a schema record written by `generate`"
            ))
        })?;
        version = version.or(recorded_version);
        files.push(virtual_file("recorded", &path, display, value));
    }
    Ok((files, version))
}

/// The schemas and OpenAPI documents of `schema_dir` at revision `rev`.
fn from_git(rev: &str, schema_dir: &Path) -> Result<Sources, GenError> {
    let tree = format!("{rev}:./{}", slashed(schema_dir));
    let listing = git(&["ls-tree", "--name-only", &tree])?;
    let mut sources = Sources::default();
    for name in String::from_utf8_lossy(&listing)
        .lines()
        .filter(|n| load::is_source_name(n))
    {
        let path = schema_dir.join(name);
        let bytes = git_show(rev, &path)?;
        let display = format!("{rev}:{}", slashed(&path));
        let value = load::read_source(&display, &bytes)?;
        let file = virtual_file(rev, &path, display, value);
        if file.is_openapi() {
            sources.documents.push(file);
        } else {
            sources.schemas.push(file);
        }
    }
    Ok(sources)
}

/// A schema file that lives nowhere on disk: its URI is stable within its version, so
/// references between the files of that version resolve.
fn virtual_file(
    version: &str,
    path: &Path,
    display: String,
    value: serde_json::Value,
) -> SchemaFile {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = path
        .file_stem()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug: String = version
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let uri = Url::parse(&format!("file:///{slug}/{name}"))
        .unwrap_or_else(|_| load::file_uri(path, &display));
    SchemaFile {
        path: path.to_path_buf(),
        display,
        stem,
        uri,
        value,
    }
}

fn git_show(rev: &str, path: &Path) -> Result<Vec<u8>, GenError> {
    git(&["show", &format!("{rev}:./{}", slashed(path))])
}

fn git(args: &[&str]) -> Result<Vec<u8>, GenError> {
    let output = Command::new("git")
        .args(args)
        .output()
        .map_err(|e| GenError::Usage(format!("cannot run git: {e}")))?;
    if !output.status.success() {
        return Err(GenError::Usage(format!(
            "git {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr).trim()
        )));
    }
    Ok(output.stdout)
}

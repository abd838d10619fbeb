//! `codegen diff`: the compatibility report between two versions of the schemas.
//!
//! The old version comes from the schemas `generate` writes to `<out-dir>/schema/`, with the
//! crate's version then in `<out-dir>/schema/crate-version` (the default: offline, no git),
//! from `--base REV` (git), or from `--old DIR` (any folder).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Args;

use super::args::{
    DEFAULT_CONFIG, DEFAULT_OUT_DIR, DEFAULT_SCHEMA_DIR, EXIT_OK, EXIT_STALE, parse_dialect,
    slashed,
};
use crate::compat::{self, FailOn, ReportFormat, VersionCheck};
use crate::config::Config;
use crate::error::GenError;
use crate::load::{self, SchemaFile, Sources};
use crate::output::{MARKER, manifest_version};
use crate::render::{
    CRATE_VERSION_FILE, EFFECTIVE_DIR, LEGACY_RECORD_DIR, SETTINGS_FILE, read_crate_version,
    read_effective, read_legacy_record_version, read_settings,
};
use crate::schema_set::{SchemaSet, Settings};
use crate::{Draft, Options, Url, crate_version};

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
    /// The model crate: its `schema/` files are the default old version, its
    /// `Cargo.toml` version is checked against the bump the changes need.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_OUT_DIR)]
    out_dir: PathBuf,
    /// `text` for people, `json` for one JSON object per change and line.
    #[arg(long, value_enum, default_value = "text")]
    format: ReportFormat,
    /// Exit 1 when a change meets this threshold.
    #[arg(long, value_enum, value_name = "LEVEL")]
    fail_on: Option<FailOn>,
    /// The dialect of schemas without `$schema`.
    #[arg(long, value_name = "DIALECT", default_value = "2020-12", value_parser = parse_dialect)]
    default_dialect: Draft,
    /// Another folder of documents that schemas `$ref` by URL.
    #[arg(long, value_name = "DIR")]
    resources: Vec<PathBuf>,
    /// The settings of the types (`codegen.toml`), applied to both versions.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_CONFIG)]
    config: PathBuf,
}

pub fn run(args: &DiffArgs, stdout: &mut dyn Write) -> Result<u8, GenError> {
    let root = Path::new(".");
    let settings = Settings {
        default_dialect: args.default_dialect,
        strict: false,
        config: Config::read(&args.config)?,
    };
    let new = SchemaSet::load(root, &args.schema_dir, &args.resources, settings)?;
    // The old version's settings: codegen.toml at that revision, or as the last `generate`
    // recorded it; `--old DIR` has none of its own, so it takes the current ones.
    let (old, base_version, old_config) = match (&args.base, &args.old) {
        (Some(rev), _) => (
            from_git(rev, &args.schema_dir)?,
            git_show(rev, &args.out_dir.join("Cargo.toml"))
                .ok()
                .and_then(|bytes| manifest_version(&String::from_utf8_lossy(&bytes))),
            Some(settings_at(rev, &args.config)?),
        ),
        (None, Some(dir)) => (load::load_dir(root, dir)?, None, None),
        (None, None) => {
            let (schemas, version) = recorded(&args.out_dir)?;
            let recorded = Sources {
                schemas,
                documents: Vec::new(),
            };
            (recorded, version, Some(recorded_settings(&args.out_dir)?))
        }
    };
    let old = beside(old, &new, old_config)?;
    let report = compat::compare(&old, &new)?;
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

/// The old version's schemas as a set, assembled as the new one is: its own OpenAPI
/// documents and the new version's resources are what it may reference, so that a change
/// upstream shows as a change of the schemas that refine it.
fn beside(old: Sources, new: &SchemaSet, config: Option<Config>) -> Result<SchemaSet, GenError> {
    let mut resources = old.documents;
    resources.extend(
        new.resources
            .iter()
            .filter(|r| !r.is_meta_schema())
            .cloned(),
    );
    let mut settings = new.settings.clone();
    if let Some(config) = config {
        settings.config = config;
    }
    SchemaSet::from_files(old.schemas, resources, settings)
}

/// `codegen.toml` as the last `generate` recorded it; the default settings when it recorded
/// none (there was no file).
fn recorded_settings(out_dir: &Path) -> Result<Config, GenError> {
    let path = out_dir.join(EFFECTIVE_DIR).join(SETTINGS_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => {
            let display = slashed(&path);
            let settings = read_settings(&text).ok_or_else(|| {
                GenError::Usage(format!(
                    "{display}: not settings recorded by `generate` (no `{MARKER}` header)"
                ))
            })?;
            Config::parse(settings, &format!("{display} (as recorded)"))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
        Err(e) => Err(GenError::io(&path, e)),
    }
}

/// `codegen.toml` at revision `rev`; the default settings where it did not exist.
fn settings_at(rev: &str, path: &Path) -> Result<Config, GenError> {
    match git_show(rev, path) {
        Ok(bytes) => Config::parse(
            &String::from_utf8_lossy(&bytes),
            &format!("{rev}:{}", slashed(path)),
        ),
        Err(_) => Ok(Config::default()),
    }
}

/// The one-line summary `check` prints beside its diff: what changed since the last
/// `generate`, whose schemas are in `<out-dir>/schema/`.
pub fn summary_since_records(options: &Options, out_dir: &Path) -> Option<String> {
    let (old, _) = recorded(out_dir).ok()?;
    let new = SchemaSet::load(
        &options.root,
        &options.schema_dir,
        &options.resource_dirs,
        options.settings.clone(),
    )
    .ok()?;
    let config = recorded_settings(out_dir).ok()?;
    let old = beside(
        Sources {
            schemas: old,
            documents: Vec::new(),
        },
        &new,
        Some(config),
    )
    .ok()?;
    let report = compat::compare(&old, &new).ok()?;
    Some(report.summary())
}

/// The schemas the checked-in code was generated from, and the crate's version then.
fn recorded(out_dir: &Path) -> Result<(Vec<SchemaFile>, Option<String>), GenError> {
    let dir = out_dir.join(EFFECTIVE_DIR);
    let paths = json_files(&dir).map_err(|_| {
        GenError::Usage(format!(
            "no schemas of a last `generate` in {}: run `generate` once, or compare with --base REV or --old DIR",
            slashed(&dir)
        ))
    })?;
    let mut files = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).map_err(|e| GenError::io(&path, e))?;
        let display = slashed(&path);
        let value = read_effective(&text).ok_or_else(|| {
            GenError::Usage(format!(
                "{display}: not a schema file written by `generate` (its `$comment` lacks the `{MARKER}` header); move it out of {}, or compare with --base REV or --old DIR",
                slashed(&dir)
            ))
        })?;
        files.push(virtual_file("last-generate", &path, display, value));
    }
    Ok((files, recorded_version(out_dir)?))
}

/// The crate's version at the last `generate`; from the records of an older generator
/// until the first `generate` after an upgrade writes its own file.
fn recorded_version(out_dir: &Path) -> Result<Option<String>, GenError> {
    let path = out_dir.join(EFFECTIVE_DIR).join(CRATE_VERSION_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => read_crate_version(&text).map(Some).ok_or_else(|| {
            GenError::Usage(format!(
                "{}: not a crate version written by `generate` (no `{MARKER}` header, or not one version line)",
                slashed(&path)
            ))
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(legacy_version(out_dir)),
        Err(e) => Err(GenError::io(&path, e)),
    }
}

/// The crate's version in the first record an older generator left in `recorded/`, if any.
fn legacy_version(out_dir: &Path) -> Option<String> {
    json_files(&out_dir.join(LEGACY_RECORD_DIR))
        .ok()?
        .iter()
        .find_map(|path| read_legacy_record_version(&std::fs::read_to_string(path).ok()?))
}

/// The `.json` files of `dir`, sorted, so that records are read in the same order everywhere.
fn json_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    Ok(paths)
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

//! The `codegen` command line: `generate`, `check` and `diff`.
//!
//! Exit codes: 0 success (or fresh), 1 `check` found stale output or `diff` met its
//! `--fail-on` threshold, 2 any error (bad
//! arguments, unreadable files, schemas that cannot be generated). Nothing is written on 2.

mod args;
mod diff;

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::output::FileChange;
use crate::{Config, DEFAULT_COMMAND, Draft, GenError, Options, Settings, generate_crate};
use args::{DEFAULT_CONFIG, DEFAULT_OUT_DIR, DEFAULT_SCHEMA_DIR, parse_dialect, slashed};
pub use args::{EXIT_ERROR, EXIT_OK, EXIT_STALE};

#[derive(Debug, Parser)]
#[command(
    name = "codegen",
    version,
    about = "Generate Rust types, validators and docs from the JSON Schemas in schema/.",
    after_help = "Exit codes: 0 ok, 1 `check` found stale files or `diff` met `--fail-on`, 2 error (nothing written)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Regenerate the model crate from the schemas (writes only files that change).
    Generate(Folders),
    /// Regenerate in memory; exit 1 with a unified diff when the model crate is stale.
    Check(Folders),
    /// Report what a schema change means on the wire and for the Rust API, with witnesses.
    Diff(diff::DiffArgs),
}

#[derive(Debug, Args)]
struct Folders {
    /// Folder of `*.json` schemas.
    #[arg(long, value_name = "DIR", default_value = DEFAULT_SCHEMA_DIR)]
    schema_dir: PathBuf,
    /// The model crate to write: `src/schemas/<schema>.rs`, `src/schemas/mod.rs`, `docs/<Type>.md`,
    /// `docs/<module>/` (a model set's pages).
    #[arg(long, value_name = "DIR", default_value = DEFAULT_OUT_DIR)]
    out_dir: PathBuf,
    /// Print nothing but errors.
    #[arg(short, long)]
    quiet: bool,
    /// Refuse, as located errors, what is otherwise a warning: unknown keywords and formats,
    /// parts typify cannot type (otherwise `serde_json::Value`), meta-schemas not found.
    #[arg(long)]
    strict: bool,
    /// The dialect of schemas without `$schema`: draft-04, draft-06, draft-07, 2019-09 or
    /// 2020-12.
    #[arg(long, value_name = "DIALECT", default_value = "2020-12", value_parser = parse_dialect)]
    default_dialect: Draft,
    /// Another folder of documents that schemas `$ref` by URL, stored under the URL without
    /// its scheme (`<schema-dir>/resources/` is always read). May be repeated.
    #[arg(long, value_name = "DIR")]
    resources: Vec<PathBuf>,
    /// The settings of the types (`codegen.toml`); none when the file does not exist.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_CONFIG)]
    config: PathBuf,
}

impl Folders {
    /// The command that reproduces this run, as written into headers.
    fn command(&self) -> String {
        let mut command = DEFAULT_COMMAND.to_string();
        if self.schema_dir.as_path() != std::path::Path::new(DEFAULT_SCHEMA_DIR) {
            command.push_str(&format!(" --schema-dir {}", slashed(&self.schema_dir)));
        }
        if self.out_dir.as_path() != std::path::Path::new(DEFAULT_OUT_DIR) {
            command.push_str(&format!(" --out-dir {}", slashed(&self.out_dir)));
        }
        if self.strict {
            command.push_str(" --strict");
        }
        if self.default_dialect != Draft::Draft2020 {
            command.push_str(&format!(" --default-dialect {}", self.default_dialect));
        }
        for dir in &self.resources {
            command.push_str(&format!(" --resources {}", slashed(dir)));
        }
        if self.config.as_path() != std::path::Path::new(DEFAULT_CONFIG) {
            command.push_str(&format!(" --config {}", slashed(&self.config)));
        }
        command
    }

    fn options(&self) -> Result<Options, GenError> {
        Ok(Options {
            schema_dir: self.schema_dir.clone(),
            resource_dirs: self.resources.clone(),
            settings: Settings {
                default_dialect: self.default_dialect,
                strict: self.strict,
                config: Config::read(&self.config)?,
            },
            command: self.command(),
            crate_version: crate::crate_version(&self.out_dir),
            ..Options::default()
        })
    }
}

/// Runs the command line; returns the exit code.
pub fn run(
    args: impl IntoIterator<Item = std::ffi::OsString>,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> u8 {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let _ = write!(stderr, "{}", e.render());
            return if e.use_stderr() { EXIT_ERROR } else { EXIT_OK };
        }
    };
    let result = match &cli.command {
        Command::Generate(folders) => generate(folders, stdout, stderr),
        Command::Check(folders) => check(folders, stdout, stderr),
        Command::Diff(args) => diff::run(args, stdout),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            for line in e.to_string().lines() {
                let _ = writeln!(stderr, "error: {line}");
            }
            if matches!(cli.command, Command::Generate(_)) {
                let _ = writeln!(stderr, "nothing was written");
            }
            EXIT_ERROR
        }
    }
}

fn generate(
    folders: &Folders,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, GenError> {
    let output = generate_crate(&folders.options()?)?;
    print_warnings(folders, &output, stderr);
    let changes = output.write(&folders.out_dir)?;
    if !folders.quiet {
        if let Some(examples) = &output.examples {
            let _ = writeln!(stdout, "{examples}");
        }
        for change in changes {
            let (verb, path) = match &change {
                FileChange::Created(p) => ("created", p),
                FileChange::Updated(p) => ("updated", p),
                FileChange::Removed(p) => ("removed", p),
            };
            let _ = writeln!(stdout, "{verb} {}", slashed(&folders.out_dir.join(path)));
        }
    }
    Ok(EXIT_OK)
}

fn print_warnings(folders: &Folders, output: &crate::Output, stderr: &mut dyn Write) {
    if !folders.quiet {
        for warning in &output.warnings {
            let _ = writeln!(stderr, "warning: {warning}");
        }
        for missing in output.missing_dependencies(&folders.out_dir) {
            let _ = writeln!(stderr, "warning: {missing}");
        }
    }
}

fn check(
    folders: &Folders,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> Result<u8, GenError> {
    let output = generate_crate(&folders.options()?)?;
    print_warnings(folders, &output, stderr);
    let drift = output.check(&folders.out_dir)?;
    if drift.is_empty() {
        return Ok(EXIT_OK);
    }
    if !folders.quiet {
        for file in &drift {
            let _ = write!(stdout, "{}", file.diff);
        }
    }
    let _ = writeln!(
        stderr,
        "error: {} is stale: {} file(s) differ from what the schemas generate.\nFix it with: {}",
        slashed(&folders.out_dir),
        drift.len(),
        folders.command()
    );
    let options = folders.options()?;
    if let Some(summary) = diff::summary_since_records(&options, &folders.out_dir) {
        let _ = writeln!(
            stderr,
            "schema changes since the last generate: {summary} (details: cargo run -p codegen -- diff)"
        );
    }
    Ok(EXIT_STALE)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run_args(args: &[&str]) -> (u8, String, String) {
        let mut out = Vec::new();
        let mut err = Vec::new();
        let code = run(
            std::iter::once("codegen")
                .chain(args.iter().copied())
                .map(Into::into),
            &mut out,
            &mut err,
        );
        (
            code,
            String::from_utf8(out).unwrap(),
            String::from_utf8(err).unwrap(),
        )
    }

    #[test]
    fn usage_errors_exit_2() {
        let (code, _, err) = run_args(&["frobnicate"]);
        assert_eq!(code, EXIT_ERROR);
        assert!(err.contains("unrecognized subcommand"), "{err}");
    }

    #[test]
    fn the_header_command_names_non_default_folders() {
        let folders = Folders {
            schema_dir: "other/schemas".into(),
            out_dir: "generated".into(),
            quiet: false,
            strict: false,
            default_dialect: Draft::Draft2020,
            resources: Vec::new(),
            config: DEFAULT_CONFIG.into(),
        };
        assert_eq!(
            folders.command(),
            "cargo run -p codegen -- generate --schema-dir other/schemas"
        );
    }

    #[test]
    fn generate_then_check_round_trip_on_a_temp_folder() {
        let dir = tempfile::tempdir().unwrap();
        let schemas = dir.path().join("s");
        std::fs::create_dir(&schemas).unwrap();
        std::fs::write(
            schemas.join("thing.json"),
            r#"{"title": "Thing", "type": "object", "properties": {"a": {"type": "string"}}}"#,
        )
        .unwrap();
        let out = dir.path().join("o");
        let (s, o) = (schemas.to_str().unwrap(), out.to_str().unwrap());
        let (code, _, err) = run_args(&["check", "--schema-dir", s, "--out-dir", o]);
        assert_eq!(code, EXIT_STALE, "{err}");
        let (code, stdout, err) = run_args(&["generate", "--schema-dir", s, "--out-dir", o]);
        assert_eq!(code, EXIT_OK, "{err}");
        assert!(stdout.contains("created"), "{stdout}");
        let (code, _, err) = run_args(&["check", "--schema-dir", s, "--out-dir", o]);
        assert_eq!(code, EXIT_OK, "{err}");
    }
}

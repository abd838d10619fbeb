//! `validate`: checks JSON documents against a compiled-in schema.
//!
//! ```text
//! validate [--schema NAME] [--format text|json] [--ndjson] [FILE ...]
//! ```
//!
//! Exit codes: 0 every document is valid, 1 some document is invalid, 2 usage or I/O error.

mod input;
mod report;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Parser, ValueEnum};
use schema_runtime::registry::SchemaEntry;

use input::{Body, Documents, Source};
use report::Report;

#[derive(Debug, Parser)]
#[command(
    name = "validate",
    version,
    about = "Check JSON documents against a compiled-in schema; report every violation by JSON Pointer.",
    after_help = "FILE is one JSON document, or one per line when it ends in .ndjson or .jsonl (or with --ndjson); blank lines are skipped. `-` or no FILE reads standard input.\n\nExit codes: 0 all valid, 1 some invalid, 2 usage or I/O error."
)]
struct Args {
    /// The schema, by file stem (`credentials`); defaults to the only one.
    #[arg(long, value_name = "NAME")]
    schema: Option<String>,
    /// `text`: `file:line: /pointer: message` per error. `json`: one object per document.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Read every input as NDJSON, one document per line.
    #[arg(long)]
    ndjson: bool,
    /// Documents to check.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    Text,
    Json,
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match run(&args) {
        Ok(all_valid) => ExitCode::from(if all_valid { 0 } else { 1 }),
        Err(e) => {
            eprintln!("validate: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn pick_schema(name: Option<&str>) -> anyhow::Result<&'static SchemaEntry> {
    let names: Vec<&str> = models::SCHEMAS.iter().map(|e| e.name).collect();
    match name {
        Some(name) => models::SCHEMAS
            .iter()
            .find(|e| e.name == name)
            .with_context(|| {
                format!(
                    "no schema named `{name}`; compiled in: {}",
                    names.join(", ")
                )
            }),
        None => match models::SCHEMAS {
            [only] => Ok(only),
            _ => bail!(
                "several schemas are compiled in; pick one with --schema ({})",
                names.join(", ")
            ),
        },
    }
}

/// Checks every document; `Ok(true)` when all are valid.
fn run(args: &Args) -> anyhow::Result<bool> {
    let schema = pick_schema(args.schema.as_deref())?;
    let sources: Vec<Source> = if args.files.is_empty() {
        vec![Source::Stdin]
    } else {
        args.files.iter().map(|p| Source::from_arg(p)).collect()
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let (mut valid, mut invalid) = (0u64, 0u64);
    for source in &sources {
        let name = source.name();
        let reader = source
            .open()
            .with_context(|| format!("cannot read {name}"))?;
        let mut documents = Documents::new(reader, args.ndjson || source.is_ndjson_by_name());
        while let Some(document) = documents
            .next_document()
            .with_context(|| format!("cannot read {name}"))?
        {
            let report = match document.body {
                Body::Bytes(bytes) => {
                    Report::new(name.clone(), document.line, (schema.validate_json)(&bytes))
                }
                Body::TooLarge => Report::too_large(name.clone(), document.line),
            };
            if report.is_valid() {
                valid += 1;
            } else {
                invalid += 1;
            }
            match args.format {
                OutputFormat::Text => report.write_text(&mut out),
                OutputFormat::Json => report.write_json(&mut out),
            }
            .context("cannot write to standard output")?;
        }
    }
    out.flush().context("cannot write to standard output")?;
    eprintln!(
        "checked {} documents: {valid} valid, {invalid} invalid",
        valid + invalid
    );
    Ok(invalid == 0)
}

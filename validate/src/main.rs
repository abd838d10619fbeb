//! `validate`: checks JSON documents against a compiled-in schema, or any schema file.
//!
//! ```text
//! validate [--schema NAME | --schema-file PATH] [--format text|json] [--ndjson]
//!          [--jobs N] [--quiet] [--pattern-budget STEPS] [FILE ...]
//! ```
//!
//! Exit codes: 0 every document is valid, 1 some document is invalid, 2 usage or I/O error.

mod engine;
mod input;
mod pipeline;
mod progress;
mod report;

use std::io::{BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;

use engine::Engine;
use input::Source;
use pipeline::{Options, OutputFormat};
use progress::Progress;

#[derive(Debug, Parser)]
#[command(
    name = "validate",
    version,
    about = "Check JSON documents against a schema; report every violation by JSON Pointer.",
    after_help = "FILE is one JSON document, or one per line when it ends in .ndjson or .jsonl (or with --ndjson); blank lines are skipped. `-` or no FILE reads standard input. Documents over 8 MiB are reported invalid without being read into memory.\n\nA progress bar appears on stderr when it is a terminal and the run takes over a second.\n\nExit codes: 0 all valid, 1 some invalid, 2 usage or I/O error."
)]
struct Args {
    /// A compiled-in schema, by file stem (`credentials`) or, for an OpenAPI document listed in
    /// `codegen.toml`, `<module>/<Component>` (`crm/Lead`); defaults to the only one.
    #[arg(long, value_name = "NAME", conflicts_with = "schema_file")]
    schema: Option<String>,
    /// Any JSON Schema file, validated at run time with the `jsonschema` crate (slower).
    #[arg(long, value_name = "PATH")]
    schema_file: Option<PathBuf>,
    /// Validate as a request (`readOnly` members refused, and not required) or a response
    /// (`writeOnly` members likewise), as OpenAPI has them; without it, as JSON Schema has
    /// them. Changes only the components of OpenAPI documents that have such members.
    #[arg(
        long,
        value_enum,
        value_name = "DIRECTION",
        conflicts_with = "schema_file"
    )]
    direction: Option<engine::Direction>,
    /// `text`: `file:line: /pointer: message` per error. `json`: one object per document.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    format: OutputFormat,
    /// Read every input as NDJSON, one document per line.
    #[arg(long)]
    ndjson: bool,
    /// Worker threads; defaults to one per core.
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    jobs: Option<u16>,
    /// No per-document output and no progress bar: only the summary and the exit code.
    #[arg(short, long)]
    quiet: bool,
    /// Steps per document for patterns that need backtracking (look-arounds,
    /// back-references), on top of 64 per byte matched; a string that needs more is invalid.
    #[arg(long, value_name = "STEPS", default_value_t = schema_runtime::pattern::DEFAULT_BUDGET.per_document)]
    pattern_budget: u64,
    /// Documents to check.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
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
        Err(e) if pipeline::is_broken_pipe(&e) => ExitCode::from(2),
        Err(e) => {
            eprintln!("validate: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

/// Checks every document; `Ok(true)` when all are valid.
fn run(args: &Args) -> anyhow::Result<bool> {
    schema_runtime::pattern::set_budget(schema_runtime::pattern::Budget {
        per_document: args.pattern_budget,
        ..schema_runtime::pattern::DEFAULT_BUDGET
    });
    let engine = match &args.schema_file {
        Some(path) => Engine::runtime(path)?,
        None => Engine::compiled(args.schema.as_deref(), args.direction)?,
    };
    let sources: Vec<Source> = if args.files.is_empty() {
        vec![Source::Stdin]
    } else {
        args.files.iter().map(|p| Source::from_arg(p)).collect()
    };
    let total: Option<u64> = sources.iter().map(Source::len).sum();
    let jobs = match args.jobs {
        Some(n) => usize::from(n),
        None => std::thread::available_parallelism().map_or(1, usize::from),
    };
    let options = Options {
        format: args.format,
        quiet: args.quiet,
        jobs,
        ndjson: args.ndjson,
    };
    let progress = Progress::new(total, !args.quiet);
    let stdout = std::io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let result = pipeline::run(&sources, &engine, options, &mut out, &progress);
    let flushed = out.flush();
    progress.finish();
    let totals = result?;
    flushed?;
    let seconds = progress.elapsed().as_secs_f64();
    let megabytes = totals.bytes as f64 / 1e6;
    eprintln!(
        "checked {} documents: {} valid, {} invalid ({megabytes:.1} MB in {seconds:.2} s, {:.1} MB/s)",
        totals.valid + totals.invalid,
        totals.valid,
        totals.invalid,
        megabytes / seconds.max(1e-9)
    );
    Ok(totals.invalid == 0)
}

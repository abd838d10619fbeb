//! Running the engine over every document: on one thread, or on a reader thread feeding
//! worker threads, with results written in input order either way, so the output is the same
//! for every `--jobs`.
//!
//! Memory stays bounded: the reader hands out batches of about 256 KiB through a bounded
//! channel, and results wait for their turn only while their batch is among the few in flight.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::sync::Arc;

use anyhow::Context;

use crate::engine::Engine;
use crate::input::{Batch, Batches, Source};
use crate::progress::Progress;
use crate::report::Report;

/// How results are written (`--format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutputFormat {
    /// `file:line: /pointer: message` per error.
    Text,
    /// One JSON object per document.
    Json,
}

#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub format: OutputFormat,
    /// No per-document output.
    pub quiet: bool,
    pub jobs: usize,
    /// Read every source as NDJSON, whatever its name.
    pub ndjson: bool,
}

/// What was checked.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    pub valid: u64,
    pub invalid: u64,
    pub bytes: u64,
}

/// One batch, judged: the text to write and the counts.
struct Judged {
    output: Vec<u8>,
    valid: u64,
    invalid: u64,
    consumed: u64,
}

fn judge(engine: &Engine, source: &str, batch: &Batch, options: Options) -> Judged {
    let mut judged = Judged {
        output: Vec::new(),
        valid: 0,
        invalid: 0,
        consumed: batch.consumed,
    };
    let writes_valid = !options.quiet && options.format == OutputFormat::Json;
    for (line, body) in batch.documents() {
        let result = match body {
            Some(bytes) => engine.check(bytes),
            None => Err(Report::too_large_errors()),
        };
        // Most documents are valid and print nothing: build a report only when it is needed.
        if result.is_ok() {
            judged.valid += 1;
            if !writes_valid {
                continue;
            }
        } else {
            judged.invalid += 1;
            if options.quiet {
                continue;
            }
        }
        let report = Report::new(source.to_string(), line, result);
        // Writing to a Vec cannot fail.
        let _ = match options.format {
            OutputFormat::Text => report.write_text(&mut judged.output),
            OutputFormat::Json => report.write_json(&mut judged.output),
        };
    }
    judged
}

/// A unit of work: a batch of one source, or a failure to read one.
type Work = anyhow::Result<(Arc<str>, Batch)>;

/// Checks every document of every source, writing reports to `out` in input order.
pub fn run(
    sources: &[Source],
    engine: &Engine,
    options: Options,
    out: &mut dyn Write,
    progress: &Progress,
) -> anyhow::Result<Totals> {
    let mut totals = Totals::default();
    let mut write = |judged: Judged| -> anyhow::Result<()> {
        totals.valid += judged.valid;
        totals.invalid += judged.invalid;
        totals.bytes += judged.consumed;
        progress.advance(judged.consumed, judged.valid + judged.invalid);
        out.write_all(&judged.output)
            .context("cannot write to standard output")
    };
    if options.jobs <= 1 {
        read_all(sources, options, |work| {
            let (source, batch) = work?;
            write(judge(engine, &source, &batch, options))
        })?;
        return Ok(totals);
    }
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let (work_tx, work_rx) = crossbeam_channel::bounded::<(u64, Work)>(2 * options.jobs);
        let (done_tx, done_rx) =
            crossbeam_channel::bounded::<(u64, anyhow::Result<Judged>)>(2 * options.jobs);
        scope.spawn(move || {
            let mut seq = 0u64;
            let _ = read_all(sources, options, |work| {
                work_tx
                    .send((seq, work))
                    .map_err(|_| anyhow::anyhow!("stopped"))?;
                seq += 1;
                Ok(())
            });
        });
        for _ in 0..options.jobs {
            let work_rx = work_rx.clone();
            let done_tx = done_tx.clone();
            scope.spawn(move || {
                for (seq, work) in work_rx {
                    let judged =
                        work.map(|(source, batch)| judge(engine, &source, &batch, options));
                    if done_tx.send((seq, judged)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(work_rx);
        drop(done_tx);
        let mut waiting: BTreeMap<u64, anyhow::Result<Judged>> = BTreeMap::new();
        let mut next = 0u64;
        for (seq, judged) in &done_rx {
            waiting.insert(seq, judged);
            while let Some(judged) = waiting.remove(&next) {
                next += 1;
                // On an error, dropping the receiver stops the workers and the reader.
                write(judged?)?;
            }
        }
        Ok(())
    })?;
    Ok(totals)
}

/// Reads every source in order, batch by batch, handing each to `each`; stops at the first
/// error `each` returns.
fn read_all(
    sources: &[Source],
    options: Options,
    mut each: impl FnMut(Work) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for source in sources {
        let name: Arc<str> = source.name().into();
        let reader = match source.open() {
            Ok(reader) => reader,
            Err(e) => {
                return each(Err(
                    anyhow::Error::new(e).context(format!("cannot read {name}"))
                ));
            }
        };
        let mut batches = Batches::new(reader, options.ndjson || source.is_ndjson_by_name());
        loop {
            match batches.next_batch() {
                Ok(Some(batch)) => each(Ok((Arc::clone(&name), batch)))?,
                Ok(None) => break,
                Err(e) => {
                    return each(Err(
                        anyhow::Error::new(e).context(format!("cannot read {name}"))
                    ));
                }
            }
        }
    }
    Ok(())
}

/// Whether an error is a closed standard output (`validate … | head`), which ends the run
/// quietly.
pub fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

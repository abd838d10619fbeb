//! Throughput of Credentials validation, every contender measured in the same run on the same
//! generated corpus, reported in MB/s and as ratios (absolute numbers vary from machine to
//! machine; the ratios are what the targets are about).
//!
//! ```sh
//! cargo run --release -p bench            # 1,000,000 payloads
//! cargo run --release -p bench -- --quick # 100,000, for a first look
//! ```
//!
//! - (a) serde_json typed decode into a plain struct, no validation: the limit;
//! - (b) `Credentials::from_json`: strict parse, validation and decode;
//! - (c) the `jsonschema` crate at run time: decode to `Value`, `is_valid`, and `iter_errors`
//!   for the invalid ones;
//! - (d) the `jsonschema` crate's compile-time `validator` macro, the same way;
//! - (e) the `validate` CLI end to end on the NDJSON file, with `--jobs 1` and all cores;
//! - and, apart, the hostile patterns: time per MB of attack input next to time per MB of
//!   ordinary input.

mod corpus;
mod hostile;

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{DateTime, Utc};
use corpus::Corpus;

/// The compiled-time validator of the same schema. jsonschema-macros 0.61 is not published;
/// 0.60's macro is the newest that builds.
#[jsonschema_macros_compat::validator(
    path = "../generated/schema/credentials.json",
    validate_formats = true
)]
struct CompiledCredentials;

/// What a plain serde user would decode into: the model's fields, no validation.
#[allow(dead_code)] // Decoded, never read: the decode is what is measured.
#[derive(serde::Deserialize)]
struct Plain {
    refresh_token: Option<String>,
    access_token: Option<String>,
    issued_at: Option<DateTime<Utc>>,
    expires_in: Option<u64>,
}

/// Runs of each measurement; the fastest counts, the others absorb noise.
const RUNS: usize = 3;

fn best_of(run: &mut dyn FnMut()) -> Duration {
    (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            run();
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn megabytes_per_second(bytes: usize, time: Duration) -> f64 {
    bytes as f64 / 1e6 / time.as_secs_f64().max(1e-9)
}

struct Row {
    label: &'static str,
    valid: f64,
    mixed: f64,
}

fn main() {
    let quick = std::env::args().any(|a| a == "--quick");
    let count = if quick { 100_000 } else { 1_000_000 };
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    eprintln!("generating {count} payloads (all valid) and {count} (10% invalid)...");
    let valid = Corpus::generate(count, 0);
    let mixed = Corpus::generate(count, 10);
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../../generated/schema/credentials.json"))
            .expect("the schema is JSON");
    let runtime = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("jsonschema accepts the schema");

    let mut rows = Vec::new();
    let mut measure = |label: &'static str, f: &dyn Fn(&Corpus)| {
        eprintln!("measuring {label}...");
        let v = megabytes_per_second(valid.bytes(), best_of(&mut || f(&valid)));
        let m = megabytes_per_second(mixed.bytes(), best_of(&mut || f(&mixed)));
        rows.push(Row {
            label,
            valid: v,
            mixed: m,
        });
    };
    measure(
        "(a) serde_json typed decode, no validation",
        &|c: &Corpus| {
            for payload in c.payloads() {
                let _ = black_box(serde_json::from_slice::<Plain>(payload));
            }
        },
    );
    measure("(b) Credentials::from_json", &|c: &Corpus| {
        for payload in c.payloads() {
            let _ = black_box(models::Credentials::from_json(payload));
        }
    });
    measure(
        "(b') credentials::validate_json (no decode)",
        &|c: &Corpus| {
            for payload in c.payloads() {
                let _ = black_box(models::credentials::validate_json(payload));
            }
        },
    );
    measure("(c) jsonschema runtime: Value + is_valid", &|c: &Corpus| {
        for payload in c.payloads() {
            if let Ok(value) = serde_json::from_slice::<serde_json::Value>(payload)
                && !runtime.is_valid(&value)
            {
                black_box(runtime.iter_errors(&value).count());
            }
        }
    });
    measure(
        "(d) jsonschema validator macro: Value + is_valid",
        &|c: &Corpus| {
            for payload in c.payloads() {
                if let Ok(value) = serde_json::from_slice::<serde_json::Value>(payload)
                    && !CompiledCredentials::is_valid(&value)
                {
                    black_box(CompiledCredentials::iter_errors(&value).count());
                }
            }
        },
    );

    let validate = validate_binary();
    let directory = std::env::temp_dir().join(format!("credentials-bench-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("the temporary folder is writable");
    let valid_file = valid.write_ndjson(&directory.join("valid.ndjson"));
    let mixed_file = mixed.write_ndjson(&directory.join("mixed.ndjson"));
    for (label, jobs) in [
        ("(e) validate CLI, --jobs 1", 1),
        ("(e) validate CLI, all cores", cores),
    ] {
        eprintln!("measuring {label}...");
        rows.push(Row {
            label,
            valid: megabytes_per_second(
                valid.file_bytes(),
                best_of(&mut || run_cli(&validate, &valid_file, jobs)),
            ),
            mixed: megabytes_per_second(
                mixed.file_bytes(),
                best_of(&mut || run_cli(&validate, &mixed_file, jobs)),
            ),
        });
    }
    let _ = std::fs::remove_dir_all(&directory);
    eprintln!("measuring hostile patterns...");
    let hostile = hostile::measure(best_of);
    report(&rows, count, cores);
    hostile::report(&hostile);
}

/// `target/release/validate`, built if it is not there.
fn validate_binary() -> PathBuf {
    let directory = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_else(|| PathBuf::from("target/release"));
    let binary = directory.join("validate");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let status = Command::new(cargo)
        .args(["build", "--release", "--quiet", "-p", "validate"])
        .status()
        .expect("cargo runs");
    assert!(
        status.success() && binary.exists(),
        "cannot build {}",
        binary.display()
    );
    binary
}

fn run_cli(validate: &Path, file: &Path, jobs: usize) {
    let output = Command::new(validate)
        .args(["--quiet", "--jobs", &jobs.to_string()])
        .arg(file)
        .output()
        .expect("validate runs");
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn report(rows: &[Row], count: usize, cores: usize) {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".to_string());
    println!(
        "\n{count} Credentials payloads, {cores} cores, {cpu}; best of {RUNS} runs; MB/s of JSON input\n"
    );
    println!("| | all valid | 10% invalid |");
    println!("| --- | ---: | ---: |");
    for row in rows {
        println!("| {} | {:.0} | {:.0} |", row.label, row.valid, row.mixed);
    }
    let get = |prefix: &str| {
        rows.iter()
            .find(|r| r.label.starts_with(prefix))
            .expect("measured")
    };
    let (a, b, c, d) = (get("(a)"), get("(b)"), get("(c)"), get("(d)"));
    let e1 = get("(e) validate CLI, --jobs 1");
    let en = get("(e) validate CLI, all cores");
    println!("\n| ratio (on valid payloads) | measured | target | |");
    println!("| --- | ---: | ---: | --- |");
    let targets = [
        (
            "(b) / (a): validation costs over a plain decode",
            b.valid / a.valid,
            0.8,
        ),
        (
            "(e) --jobs 1 / (c): CLI over the jsonschema runtime",
            e1.valid / c.valid,
            2.0,
        ),
        (
            "(b) / (d): from_json over the jsonschema macro",
            b.valid / d.valid,
            1.5,
        ),
        ("(e) all cores / (e) --jobs 1", en.valid / e1.valid, 1.7),
    ];
    for (label, measured, target) in targets {
        let verdict = if measured >= target { "met" } else { "MISSED" };
        println!("| {label} | {measured:.2} | {target:.1} | {verdict} |");
    }
    println!(
        "\nOn the 10% invalid mix: (b)/(a) {:.2}, (e)/(c) {:.2}, (b)/(d) {:.2}.",
        b.mixed / a.mixed,
        e1.mixed / c.mixed,
        b.mixed / d.mixed
    );
}

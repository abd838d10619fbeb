//! The progress bar: on stderr, only when stderr is a terminal, and only once the run has
//! taken about a second, so quick runs and pipes see nothing but the summary.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Runs shorter than this never show a bar.
const SHOW_AFTER: Duration = Duration::from_secs(1);

pub struct Progress {
    bar: Option<ProgressBar>,
    shown: AtomicBool,
    documents: AtomicU64,
    started: Instant,
}

impl Progress {
    /// A bar for `total` bytes (unknown when reading standard input); hidden for good when
    /// `enabled` is false or stderr is not a terminal.
    pub fn new(total: Option<u64>, enabled: bool) -> Self {
        let bar = (enabled && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden());
            let template = match total {
                Some(_) => "{spinner} [{elapsed_precise}] [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} {msg} ETA {eta}",
                None => "{spinner} [{elapsed_precise}] {bytes} {bytes_per_sec} {msg}",
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style.progress_chars("=> "));
            }
            bar
        });
        Progress {
            bar,
            shown: AtomicBool::new(false),
            documents: AtomicU64::new(0),
            started: Instant::now(),
        }
    }

    /// Records `bytes` and `documents` more done.
    pub fn advance(&self, bytes: u64, documents: u64) {
        let Some(bar) = &self.bar else {
            return;
        };
        let done = self.documents.fetch_add(documents, Ordering::Relaxed) + documents;
        bar.inc(bytes);
        let elapsed = self.started.elapsed();
        if elapsed >= SHOW_AFTER && !self.shown.swap(true, Ordering::Relaxed) {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        let per_second = done as f64 / elapsed.as_secs_f64().max(1e-9);
        bar.set_message(format!("{done} docs ({per_second:.0} docs/s)"));
    }

    /// Removes the bar before the summary line is printed.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

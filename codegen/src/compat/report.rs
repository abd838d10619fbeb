//! The compatibility report as people and machines read it: text grouped by schema,
//! breaking changes first, or one JSON object per change and line.

use std::fmt::Write as _;

use super::changes::{Report, SchemaChange, Verdict};
use super::rust_api::Bump;

/// `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Text,
    Json,
}

/// `--fail-on`: which changes make `diff` exit 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// A wire break in either direction.
    Breaking,
    /// A change that needs a major version of the model crate.
    Major,
    /// Any change at all.
    Any,
}

impl FailOn {
    pub fn met(self, report: &Report) -> bool {
        match self {
            FailOn::Breaking => report.changes.iter().any(SchemaChange::breaks_wire),
            FailOn::Major => report.bump == Some(Bump::Major),
            FailOn::Any => !report.changes.is_empty(),
        }
    }
}

/// The version check: the model crate's version before and now, against the bump needed.
#[derive(Debug, Clone)]
pub struct VersionCheck {
    pub base: String,
    pub current: String,
}

impl VersionCheck {
    /// Whether `current` is a large enough step from `base` for `bump` (0.x crates bump
    /// the minor for breaks, as Cargo reads them).
    pub fn satisfied(&self, bump: Bump) -> Option<bool> {
        let (base, current) = (parse(&self.base)?, parse(&self.current)?);
        Some(match bump {
            Bump::Major if base.0 == 0 => current.0 > 0 || current.1 > base.1,
            Bump::Major => current.0 > base.0,
            Bump::Minor if base.0 == 0 => current > base,
            Bump::Minor => current.0 > base.0 || current.1 > base.1,
            Bump::Patch => true,
        })
    }
}

fn parse(version: &str) -> Option<(u64, u64, u64)> {
    let core = version.split(['-', '+']).next()?;
    let mut parts = core.split('.').map(|p| p.parse::<u64>().ok());
    Some((parts.next()??, parts.next()??, parts.next()??))
}

/// The report in `format`, with the version check when both versions are known.
pub fn render(report: &Report, format: ReportFormat, version: Option<&VersionCheck>) -> String {
    let unbumped = report
        .bump
        .zip(version)
        .and_then(|(bump, check)| (check.satisfied(bump) == Some(false)).then_some((bump, check)));
    match format {
        ReportFormat::Json => {
            let mut out = String::new();
            for change in &report.changes {
                let line = serde_json::to_string(change).unwrap_or_default();
                let _ = writeln!(out, "{line}");
            }
            if let Some((bump, check)) = unbumped {
                let record = serde_json::json!({
                    "schema": "",
                    "pointer": "",
                    "rule": "version-not-bumped",
                    "reason": format!("the changes need a {bump} version; generated/Cargo.toml is {} (was {})", check.current, check.base),
                    "wire": {"backward": "compatible", "forward": "compatible"},
                    "rust": bump,
                    "witness": {"backward": null, "forward": null},
                });
                let _ = writeln!(out, "{record}");
            }
            out
        }
        ReportFormat::Text => text(report, unbumped),
    }
}

fn text(report: &Report, unbumped: Option<(Bump, &VersionCheck)>) -> String {
    let mut out = String::new();
    let mut schema = None;
    for change in &report.changes {
        if schema != Some(&change.schema) {
            schema = Some(&change.schema);
            let _ = writeln!(out, "{}:", change.schema);
        }
        let _ = writeln!(
            out,
            "  {} {} [{}] {}",
            label(change),
            if change.pointer.is_empty() {
                "(root)"
            } else {
                &change.pointer
            },
            change.rule,
            change.reason
        );
        let _ = writeln!(
            out,
            "      wire: backward {}, forward {}; rust: {}",
            verdict(change.wire.backward),
            verdict(change.wire.forward),
            change.rust
        );
        for (direction, witness) in [
            ("backward", &change.witness.backward),
            ("forward", &change.witness.forward),
        ] {
            if let Some(witness) = witness {
                let _ = writeln!(out, "      {direction} witness: {witness}");
            }
        }
    }
    let breaking = report.changes.iter().filter(|c| c.breaks_wire()).count();
    let unknown = report.changes.iter().filter(|c| c.is_unknown()).count();
    let _ = write!(out, "{}", summary(report, breaking, unknown));
    if let Some((bump, check)) = unbumped {
        let _ = write!(
            out,
            "; generated/Cargo.toml is {} (was {}): a {bump} change without a {bump} version bump",
            check.current, check.base
        );
    }
    out.push('\n');
    out
}

impl Report {
    /// One line: how many changes, how many break, the bump they need.
    pub fn summary(&self) -> String {
        let breaking = self.changes.iter().filter(|c| c.breaks_wire()).count();
        let unknown = self.changes.iter().filter(|c| c.is_unknown()).count();
        summary(self, breaking, unknown)
    }
}

fn summary(report: &Report, breaking: usize, unknown: usize) -> String {
    match report.bump {
        None => "no schema changes".to_string(),
        Some(bump) => format!(
            "{} change(s): {breaking} breaking on the wire, {unknown} unknown; the model crate needs a {bump} version",
            report.changes.len()
        ),
    }
}

fn label(change: &SchemaChange) -> &'static str {
    if change.breaks_wire() {
        "BREAKING"
    } else if change.is_unknown() {
        "UNKNOWN "
    } else {
        "ok      "
    }
}

fn verdict(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Compatible => "compatible",
        Verdict::Breaking => "breaking",
        Verdict::Unknown => "unknown",
    }
}

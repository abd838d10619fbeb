//! The `codegen` binary end to end, as a user drives it, on temporary copies of the
//! repository: the command line, schema evolution, and the fixture snapshots.

mod cli;
mod config;
mod defaults;
mod diff;
mod directions;
mod evolution;
mod examples;
mod model_sets;
mod open_enums;
mod platform;
mod renames;
mod replacements;
mod sandbox;
mod settings_diff;
mod shaping;
mod snapshots;
mod sources;
mod user_build;

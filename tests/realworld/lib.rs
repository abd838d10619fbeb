//! SchemaStore's published schemas (`../shared/realworld`, see its README) through the
//! generator: `build.rs` generates every one with default options, and compiles in those
//! that have both valid and invalid test instances, under `#![deny(warnings)]`.

pub mod expected;

use schema_runtime::registry::SchemaEntry;

/// Where the corpus was found, or why it was not.
pub enum Corpus {
    Found { path: &'static str },
    Missing { message: &'static str },
}

/// One schema of the corpus.
pub struct Schema {
    /// The file stem: `function` for `schemas/function.json`.
    pub name: &'static str,
    /// Its dialect, as the corpus manifest names it (`draft-07`).
    pub dialect: &'static str,
    pub outcome: Outcome,
    /// The compiled-in validators and types, for schemas with both kinds of instances.
    pub compiled: Option<fn() -> &'static SchemaEntry>,
}

/// What generating the schema with default options gave.
pub enum Outcome {
    /// Generated, with this many warnings.
    Generated { warnings: usize },
    /// Refused; the message says why.
    Failed(&'static str),
}

/// The generated code of the compiled schemas, one module each, and the table of schemas.
#[allow(clippy::all)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}

pub use generated::{CORPUS, SCHEMAS};

//! SchemaStore's published schemas (`../shared/realworld`, see its README) on the user's
//! path: `build.rs` copies a run's schemas into one `schema/` folder and generates the model
//! crate from it in one run; this crate is that model crate (its generated index is
//! included below, as `generated/src/lib.rs` includes its own, under `#![deny(warnings)]`),
//! and `corpus.rs` checks every instance's verdict through its `SCHEMAS` registry.

pub mod expected;

use schema_runtime::registry::SchemaEntry;

/// Where the corpus was found, or why it was not.
pub enum Corpus {
    Found { path: &'static str },
    Missing { message: &'static str },
}

/// One schema of the corpus, and what its run gave.
pub struct Schema {
    /// The file stem: `function` for `schemas/function.json`.
    pub name: &'static str,
    /// Its dialect, as the corpus manifest names it (`draft-07`).
    pub dialect: &'static str,
    /// The run it was generated in: the `schema/` folder it sat in with the others.
    pub run: &'static str,
    pub outcome: Outcome,
    /// Whether its run is the model crate compiled here: its validators and types are in
    /// [`SCHEMAS`], under its name.
    pub compiled: bool,
}

impl Schema {
    /// The compiled-in validators and types of this schema.
    pub fn entry(&self) -> Option<&'static SchemaEntry> {
        if !self.compiled {
            return None;
        }
        SCHEMAS.iter().find(|entry| entry.name == self.name)
    }
}

/// What generating the schema's run with default options gave for it.
pub enum Outcome {
    /// Generated, with this many warnings.
    Generated { warnings: usize },
    /// Refused; the message says why.
    Failed(&'static str),
}

/// The compiled run's model crate (its modules, the types it re-exports and its
/// `SCHEMAS` registry, at the crate root as in the `models` crate), and the table of every
/// schema of every run.
#[allow(clippy::all)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/model.rs"));
}

pub use generated::*;

//! The official JSON-Schema-Test-Suite, compiled into validators by `build.rs` through the
//! codegen library.

pub mod skipped;

use schema_runtime::ValidationErrors;
use serde_json::Value;

/// Where the suite was found, or why it was not.
pub enum Suite {
    Found { path: &'static str },
    Missing { message: &'static str },
}

/// One file of the suite: its dialect folder, its path there, and its cases.
pub struct File {
    pub dialect: &'static str,
    pub path: &'static str,
    pub cases: &'static [Case],
}

/// One case: a schema and the tests run against it.
pub struct Case {
    pub description: &'static str,
    pub generated: Generated,
    pub tests: &'static [Test],
}

/// What generating the case's validator gave.
pub enum Generated {
    /// `validate` over a parsed value, and `validate_json` over text (which tries the fast
    /// path first, where the schema has one).
    Validator(
        fn(&Value) -> Result<(), ValidationErrors>,
        fn(&[u8]) -> Result<(), ValidationErrors>,
    ),
    /// The generator refused the schema; the message says why.
    Failed(&'static str),
}

/// One test: a document and whether it is valid.
pub struct Test {
    pub description: &'static str,
    pub data: &'static str,
    pub valid: bool,
}

/// The generated validators, one module per case, and the table of files.
#[allow(clippy::all)]
pub mod generated {
    include!(concat!(env!("OUT_DIR"), "/suite.rs"));
}

pub use generated::{FILES, SUITE};

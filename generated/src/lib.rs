//! The Credentials model, generated from `schema/`.
//!
//! Everything under `src/schemas.rs` and the modules it names is `@generated`; this file and
//! the other hand-written modules are not.

// Generated code is formatted by prettyplease; rustfmt would fight it and fail the drift check.
#[rustfmt::skip]
mod schemas;

pub use schemas::*;

/// The README's examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

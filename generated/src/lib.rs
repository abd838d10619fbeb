//! The Credentials model, generated from `schema/`, and the token lifecycle.
//!
//! Everything under `src/schemas/` (and `docs/`) is `@generated`, owned by the generator and
//! rewritten by it; this file and `lifecycle.rs` are hand-written, and the generator never
//! touches them.

// Generated code is formatted by prettyplease; rustfmt would fight it and fail the drift check.
#[rustfmt::skip]
mod schemas;

pub use schemas::*;

mod lifecycle;

pub use lifecycle::{
    CLOCK_SKEW_TOLERANCE, DEFAULT_REFRESH_LEEWAY, RefreshState, SUSPICIOUS_EXPIRES_IN, Warning,
};
pub use schema_runtime::{SecretString, ValidationError, ValidationErrors};

/// The README's examples, compiled and run as doctests so that they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeExamples;

/// The guide's examples (`docs/`), page by page, compiled and run as doctests too.
#[cfg(doctest)]
#[doc = include_str!("../../docs/validation.md")]
pub struct ValidationGuideExamples;

#[cfg(doctest)]
#[doc = include_str!("../../docs/configuration.md")]
pub struct ConfigurationGuideExamples;

#[cfg(doctest)]
#[doc = include_str!("../../docs/secrets.md")]
pub struct SecretsGuideExamples;

#[cfg(doctest)]
#[doc = include_str!("../../docs/using-the-models.md")]
pub struct UsingTheModelsGuideExamples;

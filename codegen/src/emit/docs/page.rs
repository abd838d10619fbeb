//! What the docs emitter hands the renderer. A file of its own, so that the page writers
//! (`mod.rs`, `model_set.rs`) share it without importing each other.

use std::path::PathBuf;

/// One Markdown page, without its header (the renderer adds it, as to every generated file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Where it goes, relative to the crate's docs folder.
    pub path: PathBuf,
    pub text: String,
}

// Schemas of the corpus that are allowed not to generate, each with its reason.
//
// This list may only shrink: `corpus.rs` fails when a listed schema generates, and when an
// entry names no schema of the corpus.

/// One schema that is allowed to fail, and why.
pub struct Expected {
    pub name: &'static str,
    pub reason: &'static str,
}

pub const FAILING: &[Expected] = &[];

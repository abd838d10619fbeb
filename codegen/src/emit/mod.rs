//! The emitters. Each turns one schema into one section of output; the pipeline runs them
//! side by side, so a new emitter plugs in here without touching the others.

pub mod docs;
pub mod types;

use crate::error::GenError;
use crate::model::{Schema, SchemaSet};

/// Which emitters run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emitters {
    /// Rust types, through typify.
    pub types: bool,
    /// Markdown docs (needs `types` for the Rust column).
    pub docs: bool,
}

impl Default for Emitters {
    fn default() -> Self {
        Emitters {
            types: true,
            docs: true,
        }
    }
}

/// Everything generated for one schema, one section per emitter.
pub struct SchemaCode<'s> {
    pub schema: &'s Schema,
    pub types: Option<syn::File>,
    pub validation: Option<syn::File>,
    pub docs: Option<String>,
}

/// Runs the emitters over every schema and gathers every schema's errors, so one run
/// reports all of them.
pub fn emit_all<'s>(
    set: &'s SchemaSet,
    emitters: Emitters,
) -> Result<Vec<SchemaCode<'s>>, GenError> {
    let mut codes = Vec::new();
    let mut problems = Vec::new();
    for schema in &set.schemas {
        let types = if emitters.types {
            match types::emit(schema) {
                Ok(file) => Some(file),
                Err(GenError::Schema(mut list)) => {
                    problems.append(&mut list);
                    continue;
                }
                Err(other) => return Err(other),
            }
        } else {
            None
        };
        let docs = emitters.docs.then(|| docs::emit(schema, types.as_ref()));
        codes.push(SchemaCode {
            schema,
            types,
            validation: None,
            docs,
        });
    }
    if problems.is_empty() {
        Ok(codes)
    } else {
        Err(GenError::Schema(problems))
    }
}

//! The emitters. Each turns one schema into one section of output; the pipeline runs them
//! side by side, so a new emitter plugs in here without touching the others.

pub mod docs;
pub mod types;
pub mod validation;

use crate::error::GenError;
use crate::model::{Schema, SchemaSet};

/// Which emitters run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Emitters {
    /// Rust types, through typify.
    pub types: bool,
    /// Validators, and `from_json` for types.
    pub validation: bool,
    /// Markdown docs (needs `types` for the Rust column).
    pub docs: bool,
}

impl Default for Emitters {
    fn default() -> Self {
        Emitters {
            types: true,
            validation: true,
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

/// Everything generated from one set of schemas.
pub struct Generated<'s> {
    pub codes: Vec<SchemaCode<'s>>,
    /// Validator modules of referenced resources: (module name, code).
    pub resources: Vec<(String, syn::File)>,
}

/// Runs the emitters over every schema and gathers every schema's errors, so one run
/// reports all of them.
pub fn emit_all(set: &SchemaSet, emitters: Emitters) -> Result<Generated<'_>, GenError> {
    let mut problems = Vec::new();
    let mut types = Vec::new();
    for schema in &set.schemas {
        types.push(if emitters.types {
            match types::emit(schema) {
                Ok(file) => Some(file),
                Err(GenError::Schema(mut list)) => {
                    problems.append(&mut list);
                    None
                }
                Err(other) => return Err(other),
            }
        } else {
            None
        });
    }
    let typed: Vec<bool> = types.iter().map(Option::is_some).collect();
    let validation = if emitters.validation {
        match validation::emit(set, &typed) {
            Ok(code) => Some(code),
            Err(GenError::Schema(mut list)) => {
                problems.append(&mut list);
                None
            }
            Err(other) => return Err(other),
        }
    } else {
        None
    };
    if !problems.is_empty() {
        return Err(GenError::Schema(problems));
    }
    let (mut validators, resources) = match validation {
        Some(code) => (code.schemas.into_iter().map(Some).collect(), code.resources),
        None => (vec![None; set.schemas.len()], Vec::new()),
    };
    let codes = set
        .schemas
        .iter()
        .zip(types)
        .zip(validators.drain(..))
        .map(|((schema, types), validation)| SchemaCode {
            schema,
            docs: emitters.docs.then(|| docs::emit(schema, types.as_ref())),
            types,
            validation,
        })
        .collect();
    Ok(Generated { codes, resources })
}

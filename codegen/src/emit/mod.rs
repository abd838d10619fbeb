//! The emitters. Each turns the schemas into one section of output per schema; the pipeline
//! here runs them over a shared [`Context`]: the types first, then the validators and the
//! docs, which read the typed description the type emitter returns (never its code).

mod context;
pub mod docs;
mod tokens;
pub mod types;
pub mod validation;

use context::Context;

use crate::error::{Diagnostic, GenError, Kind};
use crate::schema_set::{Schema, SchemaSet};

/// Which emitters run, and how.
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
    pub types: Option<types::TypeCode>,
    pub validation: Option<syn::File>,
    /// A model set's entry points, as validation wrote them (none for a schema file).
    pub entries: Vec<validation::EntryCode>,
    /// Its Markdown pages: one for a schema file, a folder of them for a model set.
    pub docs: Vec<docs::Page>,
}

impl SchemaCode<'_> {
    /// The Rust name of the schema's root type: its generated name, unless `codegen.toml`
    /// renames it.
    pub fn root_type(&self) -> &str {
        match &self.types {
            Some(types) => types.info.rust_name(&self.schema.type_name),
            None => &self.schema.type_name,
        }
    }
}

/// Everything generated from one set of schemas.
pub struct Generated<'s> {
    pub codes: Vec<SchemaCode<'s>>,
    /// Validator modules of referenced resources.
    pub resources: Vec<validation::ResourceCode>,
    /// Problems that did not stop generation (parts typed as `serde_json::Value`).
    pub warnings: Vec<Diagnostic>,
    /// What checking the model sets' documented examples found; `None` without model sets.
    pub examples: Option<crate::examples::Tally>,
    /// The examples checked, for the model crate's test.
    pub documented: Vec<crate::examples::Checked>,
    /// The validator function of each of `documented`'s schemas, where validation reaches
    /// it (none without validators).
    pub example_checks: Vec<Option<proc_macro2::TokenStream>>,
}

/// Runs the emitters over every schema and gathers every schema's errors, so one run
/// reports all of them.
pub fn emit_all(set: &SchemaSet, emitters: Emitters) -> Result<Generated<'_>, GenError> {
    let context = Context::new(set)?;
    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let assembly = context
        .resolver
        .warnings()
        .iter()
        .chain(&set.warnings)
        .cloned();
    if set.settings.strict {
        problems.extend(assembly);
    } else {
        warnings.extend(assembly);
    }
    let (mut types, type_warnings) = if emitters.types {
        types::check_replacements(&context)?;
        let types = types::emit_all(&context);
        problems.extend(types.errors);
        (types.files, types.warnings)
    } else {
        (vec![None; set.schemas.len()], Vec::new())
    };
    warnings.extend(type_warnings);
    if emitters.types {
        let stems: Vec<&str> = set.schemas.iter().map(|s| s.file.stem.as_str()).collect();
        let type_names: Vec<&str> = types
            .iter()
            .flatten()
            .flat_map(|code| code.info.types.keys().chain(&code.info.replaced))
            .map(String::as_str)
            .collect();
        set.settings.config.check_names(&stems, &type_names)?;
        types::shape(set, &mut types)?;
        types::rename(set, &mut types)?;
    }
    let mut documented = Vec::new();
    let examples = set.schemas.iter().any(|s| s.is_model_set()).then(|| {
        let (tally, refused, checked) = crate::examples::check(&set.schemas);
        if set.settings.strict {
            problems.extend(refused);
        } else {
            warnings.extend(refused);
        }
        documented = checked;
        tally
    });
    let validation = if emitters.validation {
        match validation::emit(&context, &types, &documented) {
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
        if emitters.validation && validation.is_some() {
            // Validation works: say that only the types are the problem.
            for problem in problems
                .iter_mut()
                .filter(|p| p.kind == Kind::TypesUnsupported)
            {
                problem.message.push_str(
                    "; validation of this part is supported: without `--strict` it is typed as `serde_json::Value`",
                );
            }
        }
        problems.sort_by(|a, b| (&a.file, &a.pointer).cmp(&(&b.file, &b.pointer)));
        problems.dedup();
        return Err(GenError::Schema(problems));
    }
    let (mut validators, mut entries, resources, example_checks) = match validation {
        Some(code) => {
            warnings.extend(code.warnings);
            let validators = code.schemas.into_iter().map(Some).collect();
            (
                validators,
                code.entries,
                code.resources,
                code.example_checks,
            )
        }
        None => (
            vec![None; set.schemas.len()],
            vec![Vec::new(); set.schemas.len()],
            Vec::new(),
            Vec::new(),
        ),
    };
    let codes = set
        .schemas
        .iter()
        .zip(types)
        .zip(validators.drain(..).zip(entries.drain(..)))
        .map(|((schema, types), (validation, entries))| SchemaCode {
            schema,
            docs: match emitters.docs {
                true => docs::emit(schema, types.as_ref().map(|t| &t.info)),
                false => Vec::new(),
            },
            types,
            validation,
            entries,
        })
        .collect();
    Ok(Generated {
        codes,
        resources,
        warnings,
        examples,
        documented,
        example_checks,
    })
}

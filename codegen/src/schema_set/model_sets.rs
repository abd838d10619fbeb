//! `codegen.toml`'s `[openapi.<module>]` entries resolved against the OpenAPI documents of
//! the run: which document each one names, and which of its component schemas it takes.
//! A document no entry names stays a source of `$ref`s only.

use std::path::Path;

use serde_json::Value;

use crate::config::{Components, Config, glob_matches};
use crate::error::GenError;
use crate::load::SchemaFile;
use crate::names;

/// One OpenAPI document generated as one module: a type, validators and a registry entry
/// `<module>/<Component>` per selected component.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelSet {
    /// The module, and the prefix of its registry entries: the key of `[openapi.<module>]`.
    pub module: String,
    /// The document's [`SchemaFile::display`].
    pub document: String,
    /// The selected components' names (keys of `components/schemas`), in document order,
    /// so that generated code follows the document as its author laid it out.
    pub components: Vec<String>,
}

/// The model sets of `config`, by module name, against the run's OpenAPI `documents` and its
/// `schemas` (whose modules a model set may not take). `root` is where `codegen.toml` is,
/// which `source` is relative to.
pub fn resolve(
    config: &Config,
    root: &Path,
    documents: &[SchemaFile],
    schemas: &[SchemaFile],
) -> Result<Vec<ModelSet>, GenError> {
    let mut sets: Vec<ModelSet> = Vec::new();
    for (module, entry) in &config.openapi {
        let at = |key: &str| format!("openapi.{module}{key}");
        if let Some(schema) = schemas
            .iter()
            .find(|s| names::module_name(&s.stem) == *module)
        {
            return Err(config.error_at(
                &at(""),
                format!(
                    "`{module}` is also the module of the schema {}; name the model set otherwise",
                    schema.display
                ),
            ));
        }
        let Some(document) = documents
            .iter()
            .find(|d| names_file(&entry.source, root, d))
        else {
            return Err(config.error_at(
                &at(".source"),
                no_document(&entry.source, root, documents, schemas),
            ));
        };
        if let Some(other) = sets.iter().find(|s| s.document == document.display) {
            return Err(config.error_at(
                &at(".source"),
                format!(
                    "{} is already the source of `[openapi.{}]`; one document makes one module",
                    document.display, other.module
                ),
            ));
        }
        let available = component_names(&document.value);
        // `"*"` over a document without component schemas (`proxy.yml`) is a module with no
        // types, whose examples are checked; naming components in it is a mistake.
        if available.is_empty() && !matches!(entry.components, Components::All) {
            return Err(config.error_at(
                &at(".source"),
                format!(
                    "{} has no component schemas (`components/schemas`) to generate",
                    document.display
                ),
            ));
        }
        if let Components::Patterns(patterns) = &entry.components {
            for (index, pattern) in patterns.iter().enumerate() {
                if available.iter().any(|name| glob_matches(pattern, name)) {
                    continue;
                }
                let hint = crate::config::nearest(pattern, &available)
                    .filter(|_| !pattern.contains(['*', '?']))
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                return Err(config.error_at(
                    &at(&format!(".components.{index}")),
                    format!(
                        "`{pattern}` names no component schema of {}{hint}",
                        document.display
                    ),
                ));
            }
        }
        let components = available
            .into_iter()
            .filter(|name| entry.components.selects(name))
            .map(str::to_string)
            .collect();
        sets.push(ModelSet {
            module: module.clone(),
            document: document.display.clone(),
            components,
        });
    }
    Ok(sets)
}

/// The keys of `components/schemas`, in document order; none where it is not an object.
fn component_names(document: &Value) -> Vec<&str> {
    document
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .map(|schemas| schemas.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Whether `source`, as written in `codegen.toml`, is the file `file`: the same path as
/// shown in messages (relative to the root, with `/`), or the same file on disk.
fn names_file(source: &str, root: &Path, file: &SchemaFile) -> bool {
    let written = source.replace('\\', "/");
    if written.trim_start_matches("./") == file.display {
        return true;
    }
    match (
        std::fs::canonicalize(root.join(source)),
        std::fs::canonicalize(&file.path),
    ) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Why `source` names no document, with the documents it may have meant.
fn no_document(
    source: &str,
    root: &Path,
    documents: &[SchemaFile],
    schemas: &[SchemaFile],
) -> String {
    if let Some(schema) = schemas.iter().find(|s| names_file(source, root, s)) {
        return format!(
            "{} is a schema, not an OpenAPI document (`openapi: 3.x`); a schema file is generated without an entry",
            schema.display
        );
    }
    let known: Vec<&str> = documents.iter().map(|d| d.display.as_str()).collect();
    let hint = match (crate::config::nearest(source, &known), known.as_slice()) {
        (Some(near), _) => format!("; did you mean `{near}`?"),
        (None, []) => "; the run has none".to_string(),
        (None, known) => format!("; the run's are {}", known.join(", ")),
    };
    format!("`{source}` names no OpenAPI document of the run{hint}")
}

#[cfg(test)]
mod tests;

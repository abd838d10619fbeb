//! What judges a document: a compiled-in schema (the generated validators, fast), or any
//! schema file given at run time (the `jsonschema` crate, slower), with the same errors and
//! the same secret redaction.

use std::path::Path;

use anyhow::{Context, bail};
use schema_runtime::registry::SchemaEntry;
use schema_runtime::secret::is_secret_schema;
use schema_runtime::{ValidationError, ValidationErrors};
use serde_json::Value;

/// A validator of documents, shared by every worker thread.
pub enum Engine {
    Compiled(&'static SchemaEntry),
    /// A component's validator for one direction (`--direction`).
    Directed(fn(&Value) -> Result<(), ValidationErrors>),
    Runtime(Box<Runtime>),
}

/// Which way a payload goes, for `--direction`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Direction {
    Request,
    Response,
}

/// A schema file validated with the `jsonschema` crate, format assertion on.
pub struct Runtime {
    validator: jsonschema::Validator,
    schema: Value,
}

impl Engine {
    /// The compiled-in schema named `name`, or the only one, in `direction` if one is given.
    pub fn compiled(name: Option<&str>, direction: Option<Direction>) -> anyhow::Result<Self> {
        let names: Vec<&str> = models::SCHEMAS.iter().map(|e| e.name).collect();
        let entry = match name {
            Some(name) => models::SCHEMAS
                .iter()
                .find(|e| e.name == name)
                .with_context(|| format!("no schema named `{name}`; {}", known(&names, name)))?,
            None => match models::SCHEMAS {
                [only] => only,
                _ => bail!(
                    "several schemas are compiled in; pick one with --schema ({})",
                    known(&names, "")
                ),
            },
        };
        Ok(match (direction, entry.directions) {
            (Some(Direction::Request), Some(directions)) => Engine::Directed(directions.request),
            (Some(Direction::Response), Some(directions)) => Engine::Directed(directions.response),
            // Nothing in the schema depends on the direction.
            _ => Engine::Compiled(entry),
        })
    }

    /// The schema in the file at `path`, compiled at run time.
    pub fn runtime(path: &Path) -> anyhow::Result<Self> {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        let schema = schema_runtime::json::parse_slice(&bytes)
            .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .map_err(|e| {
                anyhow::anyhow!("{}: not a usable schema: {}", path.display(), e.masked())
            })?;
        Ok(Engine::Runtime(Box::new(Runtime { validator, schema })))
    }

    /// The verdict on one document, every error included.
    pub fn check(&self, bytes: &[u8]) -> Result<(), ValidationErrors> {
        match self {
            Engine::Compiled(entry) => (entry.validate_json)(bytes),
            Engine::Directed(validate) => {
                let instance = schema_runtime::json::parse_slice(bytes)
                    .map_err(|e| ValidationError::json(&e))?;
                validate(&instance)
            }
            Engine::Runtime(runtime) => runtime.check(bytes),
        }
    }
}

impl Runtime {
    fn check(&self, bytes: &[u8]) -> Result<(), ValidationErrors> {
        let instance =
            schema_runtime::json::parse_slice(bytes).map_err(|e| ValidationError::json(&e))?;
        if self.validator.is_valid(&instance) {
            return Ok(());
        }
        let errors: Vec<ValidationError> = self
            .validator
            .iter_errors(&instance)
            .map(|error| {
                let message = if self.may_show(error.instance(), error.schema_path().as_str()) {
                    error.to_string()
                } else {
                    error.masked().to_string()
                };
                ValidationError::schema(
                    error.instance_path().as_str().to_string(),
                    error.evaluation_path().as_str().to_string(),
                    message,
                )
            })
            .collect();
        match ValidationErrors::new(errors) {
            Some(errors) => Err(errors),
            None => Ok(()),
        }
    }

    /// Whether a message may quote the failing value: a scalar, reached through no secret
    /// (`writeOnly` or `format: password`) schema. Containers may hold secrets, so their
    /// messages never quote them.
    fn may_show(&self, instance: &Value, schema_path: &str) -> bool {
        if instance.is_object() || instance.is_array() {
            return false;
        }
        let Some(tokens) = schema_runtime::pointer::tokens(schema_path) else {
            return false;
        };
        let mut node = &self.schema;
        for token in &tokens {
            if is_secret_schema(node) {
                return false;
            }
            node = match node {
                Value::Object(map) => match map.get(token) {
                    Some(next) => next,
                    // The path leaves the document (a `$ref`): assume the worst.
                    None => return false,
                },
                Value::Array(items) => match token.parse::<usize>().ok().and_then(|i| items.get(i))
                {
                    Some(next) => next,
                    None => return false,
                },
                _ => break,
            };
        }
        !is_secret_schema(node)
    }
}

/// The compiled-in names, for an error: all of them when they are few; otherwise the one
/// nearest to `wanted` and the modules (a model set compiles in a name per component).
fn known(names: &[&str], wanted: &str) -> String {
    const LISTED: usize = 20;
    if names.len() <= LISTED {
        return format!("compiled in: {}", names.join(", "));
    }
    let mut modules: Vec<&str> = names
        .iter()
        .map(|name| name.split_once('/').map_or(*name, |(module, _)| module))
        .collect();
    modules.dedup();
    let nearest = schema_runtime::messages::suggest(wanted, names)
        .map(|near| format!("did you mean `{near}`? "))
        .unwrap_or_default();
    format!(
        "{nearest}{} compiled in, file stems and `<module>/<Component>` of {}",
        names.len(),
        modules.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime(schema: Value) -> Runtime {
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .unwrap();
        Runtime { validator, schema }
    }

    #[test]
    fn secret_values_are_masked_and_others_shown() {
        let r = runtime(serde_json::json!({
            "type": "object",
            "properties": {
                "token": {"type": "string", "writeOnly": true, "minLength": 20},
                "day": {"type": "string", "format": "date"}
            }
        }));
        let errors = r
            .check(br#"{"token": "hunter2", "day": "yesterday"}"#)
            .unwrap_err();
        let text = errors.to_string();
        assert!(!text.contains("hunter2"), "{text}");
        assert!(text.contains("yesterday"), "{text}");
        let locations: Vec<&str> = errors.iter().map(|e| e.instance_location()).collect();
        assert_eq!(locations, ["/token", "/day"]);
    }

    #[test]
    fn duplicate_keys_are_refused_as_with_compiled_schemas() {
        let r = runtime(serde_json::json!({}));
        let errors = r.check(br#"{"a": 1, "a": 2}"#).unwrap_err();
        assert!(errors.to_string().contains("RFC 7493"), "{errors}");
    }
}

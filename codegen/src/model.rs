//! The intermediate model: the set of schemas being generated, with the names each one gets.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::dialect::Draft;
use crate::error::{Diagnostic, GenError};
use crate::load::SchemaFile;
use crate::names;

/// Every schema of one generation run, in file-name order.
#[derive(Debug, Clone)]
pub struct SchemaSet {
    pub schemas: Vec<Schema>,
    /// Documents that schemas may `$ref` but that get no module of their own (remote
    /// schemas a caller supplies).
    pub resources: Vec<SchemaFile>,
    pub settings: Settings,
    /// Problems found while assembling the set that do not stop generation.
    pub warnings: Vec<Diagnostic>,
}

/// How schemas are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    /// The dialect of documents without `$schema`.
    pub default_dialect: Draft,
    /// Refuse what is otherwise a warning: unknown keywords and formats, parts typify cannot
    /// type (otherwise typed as `serde_json::Value`), defaults that break their own schema.
    pub strict: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_dialect: Draft::Draft2020,
            strict: false,
        }
    }
}

/// One schema file and the Rust names chosen for it.
#[derive(Debug, Clone)]
pub struct Schema {
    pub file: SchemaFile,
    /// The module that holds its code: `token_response`.
    pub module: String,
    /// The name of its root type: the `title`, or the file stem when there is none.
    pub type_name: String,
}

impl SchemaSet {
    /// Names every schema and refuses names that would collide in the generated crate.
    pub fn new(files: Vec<SchemaFile>) -> Result<Self, GenError> {
        let mut problems = Vec::new();
        let mut modules: BTreeMap<String, String> = BTreeMap::new();
        let mut types: BTreeMap<String, String> = BTreeMap::new();
        let mut schemas = Vec::new();
        for file in files {
            if let Err(d) = check_root(&file) {
                problems.push(d);
                continue;
            }
            let module = names::module_name(&file.stem);
            let title = file.value.get("title").and_then(Value::as_str);
            let type_name = names::type_name(title.unwrap_or(&file.stem));
            if let Some(other) = modules.insert(module.clone(), file.display.clone()) {
                problems.push(Diagnostic::new(
                    &file.display,
                    "",
                    format!("its module name `{module}` is also the module name of {other}; rename one file"),
                ));
            }
            if let Some(other) = types.insert(type_name.clone(), file.display.clone()) {
                problems.push(
                    Diagnostic::new(
                        &file.display,
                        "/title",
                        format!("its type name `{type_name}` is also the type name of {other}; give one a different `title`"),
                    )
                    .with_keyword("title"),
                );
            }
            schemas.push(Schema {
                file,
                module,
                type_name,
            });
        }
        if problems.is_empty() {
            Ok(SchemaSet {
                schemas,
                resources: Vec::new(),
                settings: Settings::default(),
                warnings: Vec::new(),
            })
        } else {
            Err(GenError::Schema(problems))
        }
    }
}

impl SchemaSet {
    /// Adds the documents schemas may reference, and the built-in meta-schemas, then merges
    /// local refinements with the upstream parts they name. A resource that a schema of the
    /// set also identifies (a copy of `base.json` among the resources and in `schema/`) is
    /// the schema's business, and is left out.
    pub fn with_resources(mut self, resources: Vec<SchemaFile>) -> Self {
        let taken: Vec<String> = self
            .schemas
            .iter()
            .flat_map(|s| s.file.identifiers())
            .collect();
        let resources = resources
            .into_iter()
            .filter(|r| !r.identifiers().iter().any(|id| taken.contains(id)))
            .collect();
        self.resources = crate::load::with_meta_schemas(resources);
        let mut files: Vec<SchemaFile> = self.schemas.iter().map(|s| s.file.clone()).collect();
        self.warnings
            .extend(crate::refine::apply(&mut files, &self.resources));
        for (schema, file) in self.schemas.iter_mut().zip(files) {
            schema.file = file;
        }
        self
    }
}

fn check_root(file: &SchemaFile) -> Result<(), Diagnostic> {
    match &file.value {
        Value::Object(_) | Value::Bool(_) => {}
        _ => {
            return Err(Diagnostic::new(
                &file.display,
                "",
                "a schema must be a JSON object or a boolean",
            ));
        }
    }
    if let Some(title) = file.value.get("title")
        && !title.is_string()
    {
        return Err(
            Diagnostic::new(&file.display, "/title", "`title` must be a string")
                .with_keyword("title"),
        );
    }
    Ok(())
}

impl Schema {
    /// The root's `title`, when it has one.
    pub fn title(&self) -> Option<&str> {
        self.file.value.get("title").and_then(Value::as_str)
    }

    /// The root's `description`, when it has one.
    pub fn description(&self) -> Option<&str> {
        self.file.value.get("description").and_then(Value::as_str)
    }

    /// The root's `examples`: payloads that must decode into the root type.
    pub fn examples(&self) -> &[Value] {
        self.file
            .value
            .get("examples")
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice)
    }
}

/// Whether a schema describes a secret: `writeOnly: true` or `format: "password"`.
pub use schema_runtime::secret::is_secret_schema as is_secret;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    use crate::load::in_memory as file;

    #[test]
    fn names_come_from_title_then_stem() {
        let set = SchemaSet::new(vec![
            file("credentials", json!({"title": "Credentials"})),
            file("token-response", json!({})),
        ])
        .unwrap();
        assert_eq!(set.schemas[0].type_name, "Credentials");
        assert_eq!(set.schemas[1].module, "token_response");
        assert_eq!(set.schemas[1].type_name, "TokenResponse");
    }

    #[test]
    fn colliding_names_are_located_errors() {
        let err = SchemaSet::new(vec![
            file("a", json!({"title": "Same"})),
            file("b", json!({"title": "Same"})),
            file("c-d", json!({})),
            file("c_d", json!({})),
        ])
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("schema/b.json#/title: keyword `title`"),
            "{text}"
        );
        assert!(
            text.contains("schema/c_d.json#: its module name `c_d`"),
            "{text}"
        );
    }

    #[test]
    fn secrets_are_write_only_or_passwords() {
        assert!(is_secret(&json!({"type": "string", "writeOnly": true})));
        assert!(is_secret(&json!({"type": "string", "format": "password"})));
        assert!(!is_secret(&json!({"type": "string", "writeOnly": false})));
    }
}

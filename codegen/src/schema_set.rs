//! The set of schemas of one run, with the names each one gets, and the one way every
//! command reads it ([`SchemaSet::load`]).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::Config;
use crate::dialect::Draft;
use crate::error::{Diagnostic, GenError, Kind};
use crate::load::{self, SchemaFile};
use crate::names;
use crate::resolve::Place;
use crate::subschema::Subschema;

mod model_sets;
pub use model_sets::ModelSet;

/// Every schema of one generation run, in file-name order.
#[derive(Debug, Clone)]
pub struct SchemaSet {
    pub schemas: Vec<Schema>,
    /// Documents that schemas may `$ref` but that get no module of their own (remote
    /// schemas a caller supplies).
    pub resources: Vec<SchemaFile>,
    /// The OpenAPI documents `codegen.toml` lists (`[openapi.<module>]`), by module name;
    /// each is the file of the schema at the same place after the schema files (see
    /// [`Schema::entries`]), and no longer a resource.
    pub model_sets: Vec<ModelSet>,
    pub settings: Settings,
    /// Problems found while assembling the set that do not stop generation.
    pub warnings: Vec<Diagnostic>,
}

/// How schemas are read, and how their types are shaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// The dialect of documents without `$schema`.
    pub default_dialect: Draft,
    /// Refuse what is otherwise a warning: unknown keywords and formats, parts typify cannot
    /// type (otherwise typed as `serde_json::Value`), defaults that break their own schema.
    pub strict: bool,
    /// `codegen.toml`'s settings of the types.
    pub config: Config,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            default_dialect: Draft::Draft2020,
            strict: false,
            config: Config::default(),
        }
    }
}

/// One schema file and the Rust names chosen for it.
#[derive(Debug, Clone)]
pub struct Schema {
    pub file: SchemaFile,
    /// The module that holds its code: `token_response`.
    pub module: String,
    /// The name of its root type: the `title`, or the file stem when there is none. A model
    /// set has no root type: this is only the prefix of names taken elsewhere (the module's
    /// name in Pascal case).
    pub type_name: String,
    /// A model set's entry points, one per selected component, in document order; none for
    /// a schema file, whose one entry point is its root.
    pub entries: Vec<Entry>,
    /// A model set's document as requests and responses see it, where they differ from it
    /// (`directions.rs`); their files are among the resources.
    pub views: Vec<crate::directions::View>,
    /// A model set's input types (`directions/inputs.rs`), where requests need any.
    pub inputs: Option<InputTypes>,
    /// Whether this is an OpenAPI document listed in `codegen.toml`: entry points, no root.
    /// (A document without component schemas is one with no entries: its examples are
    /// checked.)
    pub model_set: bool,
}

/// The input types of a model set: the document they are typed from (among the resources),
/// and an entry per component that gets one, its type named `<Component>Input`.
#[derive(Debug, Clone)]
pub struct InputTypes {
    pub file: SchemaFile,
    /// The pointers are the components' in `file`.
    pub entries: Vec<Entry>,
}

/// A component of a model set as an entry point: a type, its validators and a registry
/// entry `<module>/<component>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key of `components/schemas`.
    pub component: String,
    /// Its JSON Pointer in the document: `/components/schemas/<component>`, escaped.
    pub pointer: String,
    /// Its type's name, unique in the run.
    pub type_name: String,
}

impl Entry {
    /// The component `component` (a key of `components/schemas`), typed as `type_name`.
    pub fn component(component: &str, type_name: String) -> Entry {
        Entry {
            component: component.to_string(),
            pointer: crate::directions::component_pointer(component),
            type_name,
        }
    }

    /// Where the component is, in the model set's document `doc`.
    pub fn place(&self, doc: usize) -> Place {
        Place {
            doc,
            pointer: self.pointer.clone(),
        }
    }
}

impl SchemaSet {
    /// Names every schema. Two files whose stems make one module name are an error (rename
    /// one file); two roots whose titles make one type name are not, since users vendor
    /// schemas they did not write (two versions of one vendor schema share a title): the
    /// later file, in file-name order, is named after its stem instead, with a warning
    /// (an error under `--strict`, which `emit_all` makes of every assembly warning).
    pub fn new(files: Vec<SchemaFile>) -> Result<Self, GenError> {
        let mut problems = Vec::new();
        let mut modules: BTreeMap<String, String> = BTreeMap::new();
        let mut accepted = Vec::new();
        for file in files {
            if let Err(d) = check_root(&file) {
                problems.push(d);
                continue;
            }
            let module = names::module_name(&file.stem);
            if let Some(other) = modules.insert(module.clone(), file.display.clone()) {
                problems.push(Diagnostic::new(Kind::NameClash,
                    &file.display,
                    "",
                    format!("its module name `{module}` is also the module name of {other}; rename one file"),
                ));
            }
            accepted.push((file, module));
        }
        if !problems.is_empty() {
            return Err(GenError::Schema(problems));
        }
        let wanted: Vec<String> = accepted
            .iter()
            .map(|(file, _)| {
                let title = Subschema::parse(&file.value).title;
                names::type_name(title.unwrap_or(&file.stem))
            })
            .collect();
        // Every wanted name is reserved for the first file that wants it, so that a name
        // made from a stem never takes one a later file's title asks for.
        let mut first: BTreeMap<&str, usize> = BTreeMap::new();
        for (index, name) in wanted.iter().enumerate() {
            first.entry(name.as_str()).or_insert(index);
        }
        let mut taken: BTreeSet<String> = wanted.iter().cloned().collect();
        let mut warnings = Vec::new();
        let mut schemas = Vec::new();
        for (index, (file, module)) in accepted.into_iter().enumerate() {
            let wanted_name = &wanted[index];
            let owner = first[wanted_name.as_str()];
            let type_name = if owner == index {
                wanted_name.clone()
            } else {
                let renamed = names::unique(&names::type_name(&file.stem), "", &mut taken);
                warnings.push(
                    Diagnostic::new(Kind::NameClash,
                        &file.display,
                        "/title",
                        format!(
                            "its type name `{wanted_name}` is also the type name of {}: its root type is named `{renamed}`, after the file",
                            schemas_display(&schemas, owner)
                        ),
                    )
                    .with_keyword("title"),
                );
                renamed
            };
            schemas.push(Schema {
                file,
                module,
                type_name,
                entries: Vec::new(),
                views: Vec::new(),
                inputs: None,
                model_set: false,
            });
        }
        Ok(SchemaSet {
            schemas,
            resources: Vec::new(),
            model_sets: Vec::new(),
            settings: Settings::default(),
            warnings,
        })
    }
}

/// The file of the `index`-th schema named so far.
fn schemas_display(schemas: &[Schema], index: usize) -> &str {
    schemas
        .get(index)
        .map_or("another schema", |s| s.file.display.as_str())
}

impl SchemaSet {
    /// A run's schemas as `generate`, `check`, `diff` and build-time mode read them: the
    /// schemas of `schema_dir` (OpenAPI documents translated, as sources), with the
    /// resources they may reference (those OpenAPI documents, `<schema_dir>/resources/` and
    /// `resource_dirs`), refinements merged, and the model sets `codegen.toml` lists,
    /// checked against those documents.
    pub fn load(
        root: &Path,
        schema_dir: &Path,
        resource_dirs: &[PathBuf],
        settings: Settings,
    ) -> Result<SchemaSet, GenError> {
        let sources = load::load_dir(root, schema_dir)?;
        let model_sets =
            model_sets::resolve(&settings.config, root, &sources.documents, &sources.schemas)?;
        if sources.schemas.is_empty() && model_sets.is_empty() {
            return Err(GenError::Usage(format!(
                "no schemas in {}, only OpenAPI documents; a schema file names the parts to generate, or `codegen.toml` lists a document as `[openapi.<module>]`",
                crate::error::display_path(root, schema_dir)
            )));
        }
        // A listed document is a module of its own: it leaves the resources, so that its
        // URI is registered once.
        let (listed, mut resources): (Vec<SchemaFile>, Vec<SchemaFile>) = sources
            .documents
            .into_iter()
            .partition(|d| model_sets.iter().any(|m| m.document == d.display));
        let dirs =
            std::iter::once(schema_dir.join("resources")).chain(resource_dirs.iter().cloned());
        for dir in dirs {
            resources.extend(load::load_resources(root, &dir)?);
        }
        let mut set = SchemaSet::new(sources.schemas)?;
        set.add_model_sets(model_sets, listed);
        // The views are validated as the documents they are, reached from the components.
        let views = set.schemas.iter().flat_map(|s| &s.views);
        resources.extend(views.map(|view| view.file.clone()));
        // The input types' documents are typed as far as their input types reach.
        let inputs = set.schemas.iter().filter_map(|s| s.inputs.as_ref());
        resources.extend(inputs.map(|inputs| inputs.file.clone()));
        let mut set = set.with_resources(resources);
        set.settings = settings;
        Ok(set)
    }

    /// Appends each model set's document as a schema after the schema files, in module
    /// order, with an entry per component. Entry types take their component's name, made
    /// unique against the root types and the entries before them (a second `Lead` is
    /// `Lead2`); a model set takes no part in the naming of roots, so adding one renames
    /// no schema's root type.
    fn add_model_sets(&mut self, model_sets: Vec<ModelSet>, mut documents: Vec<SchemaFile>) {
        let mut taken: BTreeSet<String> =
            self.schemas.iter().map(|s| s.type_name.clone()).collect();
        for set in &model_sets {
            let Some(at) = documents.iter().position(|d| d.display == set.document) else {
                continue;
            };
            let file = documents.swap_remove(at);
            let entries = set
                .components
                .iter()
                .map(|component| {
                    let name = names::unique(&names::type_name(component), "", &mut taken);
                    Entry::component(component, name)
                })
                .collect();
            let views = crate::directions::views(&file);
            self.schemas.push(Schema {
                file,
                module: set.module.clone(),
                type_name: names::type_name(&set.module),
                entries,
                views,
                inputs: None,
                model_set: true,
            });
        }
        // After every component's name: a component is named as its document names it, and
        // an input type gives way.
        for schema in self.schemas.iter_mut().filter(|s| s.is_model_set()) {
            let Some(inputs) = crate::directions::inputs::inputs(&schema.file, &schema.views)
            else {
                continue;
            };
            let entries = inputs
                .components
                .iter()
                .map(|component| {
                    let base = format!("{}Input", names::type_name(component));
                    Entry::component(component, names::unique(&base, "", &mut taken))
                })
                .collect();
            schema.inputs = Some(InputTypes {
                file: inputs.file,
                entries,
            });
        }
        self.model_sets = model_sets;
    }

    /// The set of schemas read elsewhere (another version, memory), assembled as
    /// [`Self::load`] assembles its own.
    pub fn from_files(
        schemas: Vec<SchemaFile>,
        resources: Vec<SchemaFile>,
        settings: Settings,
    ) -> Result<SchemaSet, GenError> {
        let mut set = SchemaSet::new(schemas)?.with_resources(resources);
        set.settings = settings;
        Ok(set)
    }

    /// Adds the documents schemas may reference, and the built-in meta-schemas, then merges
    /// local refinements with the upstream parts they name. A resource that a schema of the
    /// set also identifies (a copy of `base.json` among the resources and in `schema/`) is
    /// the schema's business, and is left out.
    fn with_resources(mut self, resources: Vec<SchemaFile>) -> Self {
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
                Kind::Unreadable,
                &file.display,
                "",
                "a schema must be a JSON object or a boolean",
            ));
        }
    }
    if let Some(title) = file.value.get("title")
        && !title.is_string()
    {
        return Err(Diagnostic::new(
            Kind::MalformedKeyword,
            &file.display,
            "/title",
            "`title` must be a string",
        )
        .with_keyword("title"));
    }
    Ok(())
}

impl Schema {
    /// Whether this is an OpenAPI document generated as a model set: entry points, no root.
    pub fn is_model_set(&self) -> bool {
        self.model_set
    }

    /// The root schema, read.
    pub fn root(&self) -> Subschema<'_> {
        Subschema::parse(&self.file.value)
    }

    /// The root's `title`, when it has one.
    pub fn title(&self) -> Option<&str> {
        self.root().title
    }

    /// The root's `description`, when it has one.
    pub fn description(&self) -> Option<&str> {
        self.root().description
    }

    /// The root's `examples`: payloads that must decode into the root type.
    pub fn examples(&self) -> &[Value] {
        self.root().examples.unwrap_or_default()
    }
}

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
    fn colliding_module_names_are_located_errors() {
        let err = SchemaSet::new(vec![file("c-d", json!({})), file("c_d", json!({}))]).unwrap_err();
        let text = err.to_string();
        assert!(
            text.contains("schema/c_d.json#: its module name `c_d`"),
            "{text}"
        );
    }

    #[test]
    fn a_title_another_schema_has_names_the_later_root_after_its_file() {
        let set = SchemaSet::new(vec![
            file("plan-11.0.0", json!({"title": "Supply Plan"})),
            file("plan-13.0.0", json!({"title": "Supply Plan"})),
            // Wants the name the second file's stem would make: the title keeps it.
            file("z", json!({"title": "Plan1300"})),
        ])
        .unwrap();
        let names: Vec<&str> = set.schemas.iter().map(|s| s.type_name.as_str()).collect();
        assert_eq!(names, ["SupplyPlan", "Plan13002", "Plan1300"]);
        assert_eq!(set.warnings.len(), 1, "{:?}", set.warnings);
        assert_eq!(
            set.warnings[0].to_string(),
            "schema/plan-13.0.0.json#/title: keyword `title`: its type name `SupplyPlan` is also the type name of schema/plan-11.0.0.json: its root type is named `Plan13002`, after the file"
        );
    }
}

//! The docs emitter: Markdown pages in the layout of the SDK's model docs (Field, Type,
//! Required, Description, Example), showing both the JSON and the Rust side. A schema file
//! has one page, its root and every object of its `$defs`; a model set has a folder, a page
//! per component and an index (`model_set.rs`). Both build their tables in `table.rs`, and
//! hand the renderer a `Page` (`page.rs`).

mod model_set;
mod page;
mod table;

pub use page::Page;

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::Value;

use super::types::TypeInfo;
use crate::names;
use crate::schema_set::Schema;
use crate::subschema::Subschema;
use table::{Referenced, object_section};

/// The pages of one schema. `types` describes the generated types, for the Rust column.
pub fn emit(schema: &Schema, types: Option<&TypeInfo>) -> Vec<Page> {
    if schema.is_model_set() {
        return model_set::pages(schema, types);
    }
    let rust_name = |name: &str| types.map_or(name, |info| info.rust_name(name)).to_string();
    vec![Page {
        path: PathBuf::from(format!("{}.md", rust_name(&schema.type_name))),
        text: schema_page(schema, types),
    }]
}

/// The page for one schema file: the root object, then every object in
/// `$defs`/`definitions`.
fn schema_page(schema: &Schema, types: Option<&TypeInfo>) -> String {
    let mut page = String::new();
    let title = schema.title().unwrap_or(&schema.type_name);
    let _ = writeln!(page, "# {title}\n");
    if let Some(description) = schema.description() {
        let _ = writeln!(page, "{}\n", description.trim());
    }
    // Types are found by their generated names, and shown by their Rust names.
    let rust_name = |name: &str| types.map_or(name, |info| info.rust_name(name)).to_string();
    let _ = writeln!(
        page,
        "Rust type: `{}::{}`, from `{}`.\n",
        schema.module,
        rust_name(&schema.type_name),
        schema.file.display
    );
    let root_example = schema.examples().first().and_then(Value::as_object);
    let none = Referenced::new();
    let _ = write!(
        page,
        "{}",
        object_section(
            "Fields",
            &schema.file.value,
            &rust_name(&schema.type_name),
            types,
            root_example,
            &none,
        )
    );
    for (defs_keyword, defs) in schema.root().containers {
        for (key, def) in defs {
            if Subschema::parse(def).properties.is_some() {
                let type_name = rust_name(&names::type_name(key));
                let heading = format!("`{type_name}` (`#/{defs_keyword}/{key}`)");
                let _ = write!(
                    page,
                    "\n{}",
                    object_section(&heading, def, &type_name, types, None, &none)
                );
            }
        }
    }
    page
}

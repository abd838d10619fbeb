//! A model set's pages, in a folder named after its module: one per selected component, in
//! a schema file's layout, and `README.md`, the index. The folder keeps the components'
//! pages apart from the schema files' pages, whose names they may share.

use std::fmt::Write as _;
use std::path::PathBuf;

use serde_json::{Map, Value};

use super::page::Page;
use super::table::{Referenced, json_type, object_section};
use crate::emit::types::TypeInfo;
use crate::names;
use crate::schema_set::{Entry, Schema};
use crate::subschema::Subschema;

/// The index's file name: the page a folder shows first on the forges that render Markdown.
const INDEX: &str = "README.md";

/// The pages of a model set `schema`, the index last.
pub fn pages(schema: &Schema, types: Option<&TypeInfo>) -> Vec<Page> {
    let rust_name = |name: &str| types.map_or(name, |info| info.rust_name(name)).to_string();
    let referenced = referenced(schema, types);
    let folder = PathBuf::from(&schema.module);
    let components: Vec<(&Entry, &Value, String)> = schema
        .entries
        .iter()
        .filter_map(|entry| {
            let value = schema.file.value.pointer(&entry.pointer)?;
            Some((entry, value, rust_name(&entry.type_name)))
        })
        .collect();
    let mut pages: Vec<Page> = components
        .iter()
        .map(|(entry, value, type_name)| Page {
            path: folder.join(format!("{type_name}.md")),
            text: component_page(schema, entry, value, type_name, types, &referenced),
        })
        .collect();
    let inputs: Vec<(&str, String)> = schema
        .inputs
        .iter()
        .flat_map(|inputs| &inputs.entries)
        .map(|entry| (entry.component.as_str(), rust_name(&entry.type_name)))
        .collect();
    pages.push(Page {
        path: folder.join(INDEX),
        text: index(schema, &components, &inputs),
    });
    pages
}

/// The Rust names of the document's components, by the reference that leads to each: the
/// selected ones by their entry's name (made unique in the run), the others, typed because
/// a selected one reaches them, by the name typify gave them when a type has it.
fn referenced(schema: &Schema, types: Option<&TypeInfo>) -> Referenced {
    let rust_name = |name: &str| types.map_or(name, |info| info.rust_name(name)).to_string();
    let mut referenced = Referenced::new();
    let keys = schema
        .file
        .value
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(Map::keys);
    for key in keys {
        let tokens = ["components", "schemas", key.as_str()].map(str::to_string);
        let pointer = crate::openapi::pointer(&tokens);
        let name = match schema.entries.iter().find(|e| e.pointer == pointer) {
            Some(entry) => rust_name(&entry.type_name),
            None => rust_name(&names::type_name(key)),
        };
        let typed = types.is_none_or(|info| info.types.contains_key(&name));
        if typed {
            referenced.insert(format!("#{pointer}"), name);
        }
    }
    referenced
}

fn component_page(
    schema: &Schema,
    entry: &Entry,
    value: &Value,
    type_name: &str,
    types: Option<&TypeInfo>,
    referenced: &Referenced,
) -> String {
    let component = Subschema::parse(value);
    let mut page = String::new();
    let title = component.title.unwrap_or(&entry.component);
    let _ = writeln!(page, "# {title}\n");
    if let Some(description) = component.description {
        let _ = writeln!(page, "{}\n", description.trim());
    }
    let _ = writeln!(
        page,
        "Rust type: `{}::{type_name}`, from `{}#{}`.\n",
        schema.module, schema.file.display, entry.pointer
    );
    let own_example = component.examples.and_then(<[Value]>::first);
    if component.properties.is_some() {
        let members = own_example.and_then(Value::as_object);
        let table = object_section("Fields", value, type_name, types, members, referenced);
        let _ = write!(page, "{table}");
    } else {
        let _ = writeln!(page, "{}", what_it_is(&component, referenced));
    }
    let example = own_example
        .cloned()
        .or_else(|| assembled_example(&component));
    if let Some(text) = example.and_then(|e| serde_json::to_string_pretty(&e).ok()) {
        let _ = write!(page, "\n## Example\n\n```json\n{text}\n```\n");
    }
    page
}

/// One line for a component that is not an object with members: what its values are.
fn what_it_is(component: &Subschema<'_>, referenced: &Referenced) -> String {
    let type_of = |value: &Value| format!("*{}*", json_type(&Subschema::parse(value), referenced));
    if let Some((keyword, alternatives)) = component.alternatives.first() {
        let how_many = match *keyword {
            "oneOf" => "exactly one",
            "anyOf" => "at least one",
            _ => "each",
        };
        let listed: Vec<String> = alternatives.iter().map(type_of).collect();
        return format!(
            "A value that matches {how_many} of these (`{keyword}`): {}.",
            listed.join(", ")
        );
    }
    if let Some(items) = component.items {
        return format!("An array of {}.", type_of(items));
    }
    format!(
        "A value of JSON type *{}*.",
        json_type(component, referenced)
    )
}

/// A payload made of the members' own examples, in the order the component lists them;
/// `None` when no member has one. A member without an example (an inline object, say) is
/// left out rather than invented.
fn assembled_example(component: &Subschema<'_>) -> Option<Value> {
    let members: Map<String, Value> = component
        .properties?
        .iter()
        .filter_map(|(name, property)| {
            let example = Subschema::parse(property).examples?.first()?;
            Some((name.clone(), example.clone()))
        })
        .collect();
    (!members.is_empty()).then_some(Value::Object(members))
}

/// The folder's index: a line per component, its page and the first sentence of its
/// description; then the input types, by component.
fn index(
    schema: &Schema,
    components: &[(&Entry, &Value, String)],
    inputs: &[(&str, String)],
) -> String {
    let mut page = String::new();
    let title = schema
        .file
        .value
        .pointer("/info/title")
        .and_then(Value::as_str)
        .unwrap_or(&schema.module);
    let _ = writeln!(page, "# {title}\n");
    if components.is_empty() {
        let _ = writeln!(
            page,
            "`{}` has no component schemas: the module `{}` has no types, and the document's examples are checked when generating.",
            schema.file.display, schema.module
        );
        return page;
    }
    let _ = writeln!(
        page,
        "A Rust type per component of `{}`, in the module `{}`.\n",
        schema.file.display, schema.module
    );
    for (entry, value, type_name) in components {
        let _ = write!(page, "- [`{type_name}`]({type_name}.md)");
        if entry.component != *type_name {
            let _ = write!(page, " (`{}`)", entry.component);
        }
        match Subschema::parse(value).description.map(first_sentence) {
            Some(sentence) if !sentence.is_empty() => {
                let _ = writeln!(page, ": {sentence}");
            }
            _ => page.push('\n'),
        }
    }
    if !inputs.is_empty() {
        let _ = writeln!(
            page,
            "\nInput types, for requests: the component without its `readOnly` members, which only responses carry.\n"
        );
        for (component, type_name) in inputs {
            let _ = writeln!(page, "- `{type_name}`: `{component}` as a request sends it");
        }
    }
    page
}

/// The text up to its first full stop followed by a space, on one line.
fn first_sentence(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.find(". ") {
        Some(at) => text[..=at].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_index_takes_the_first_sentence_on_one_line() {
        assert_eq!(
            first_sentence("A person\nwho may buy. Leads come from the form."),
            "A person who may buy."
        );
        assert_eq!(first_sentence("No full stop"), "No full stop");
        assert_eq!(first_sentence("  "), "");
    }

    #[test]
    fn an_example_is_assembled_from_the_members_that_have_one() {
        let component = json!({
            "type": "object",
            "properties": {
                "id": {"type": "string", "examples": ["lead-7"]},
                "address": {"type": "object", "properties": {"city": {"type": "string"}}},
                "score": {"type": "integer", "examples": [3, 4]}
            }
        });
        assert_eq!(
            assembled_example(&Subschema::parse(&component)),
            Some(json!({"id": "lead-7", "score": 3}))
        );
        let bare = json!({"type": "object", "properties": {"id": {"type": "string"}}});
        assert_eq!(assembled_example(&Subschema::parse(&bare)), None);
    }

    #[test]
    fn a_component_without_members_says_what_it_is() {
        let none = Referenced::new();
        let line = |value: Value| what_it_is(&Subschema::parse(&value), &none);
        assert_eq!(
            line(json!({"type": "string", "enum": ["new", "won"]})),
            "A value of JSON type *string | one of \"new\", \"won\"*."
        );
        assert_eq!(
            line(json!({"type": "array", "items": {"type": "integer"}})),
            "An array of *integer*."
        );
        assert_eq!(
            line(json!({"oneOf": [{"type": "string"}, {"type": "integer"}]})),
            "A value that matches exactly one of these (`oneOf`): *string*, *integer*."
        );
    }
}

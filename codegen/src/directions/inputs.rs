//! Input types: a component that requests send, and that reaches `readOnly` members, gets a
//! type without them (`LeadInput`), as the SDKs generated from OpenAPI documents have. Its
//! own type keeps them, since responses carry them (and may require them), so a request
//! that leaves out a required `readOnly` member decodes into the input type only.
//!
//! The input types are typed from a copy of the document ([`inputs`]) in which the members
//! requests leave out are gone, and every reference to a schema that requests see as the
//! document does points back at the document: only the components that change are typed
//! twice, and what they share keeps its one type.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::{Direction, Out, View, component_pointer, leave_out, next};
use crate::dialect::Draft;
use crate::load::SchemaFile;
use crate::openapi;
use crate::vocabulary;

/// What gets an input type in a model set's document.
#[derive(Debug, Clone)]
pub struct Inputs {
    /// The document as requests type it: `schema/crm.yml (input)`, with a URI of its own.
    pub file: SchemaFile,
    /// The components that get an input type, in document order: those a request's schema
    /// reaches, and that reach a `readOnly` member.
    pub components: Vec<String>,
}

/// The input types of an OpenAPI document (translated) whose views are `views`, if any
/// component needs one.
pub fn inputs(document: &SchemaFile, views: &[View]) -> Option<Inputs> {
    let view = views.iter().find(|v| v.direction == Direction::Request)?;
    let sent = sent_in_requests(&document.value);
    let components: Vec<String> = document
        .value
        .pointer("/components/schemas")
        .and_then(Value::as_object)
        .into_iter()
        .flat_map(|schemas| schemas.keys())
        .filter(|name| {
            let pointer = component_pointer(name);
            sent.contains(&pointer) && view.changes(&pointer)
        })
        .cloned()
        .collect();
    if components.is_empty() {
        return None;
    }
    let mut value = document.value.clone();
    let mut flagged = BTreeMap::new();
    let mut changed = BTreeSet::new();
    let objects = openapi::schema_objects(&document.value);
    for tokens in &objects {
        leave_out(
            &document.value,
            &mut value,
            &openapi::pointer(tokens),
            (Direction::Request, Out::Removed),
            &mut flagged,
            &mut changed,
        );
    }
    for tokens in &objects {
        point_back(&mut value, &openapi::pointer(tokens), document, view);
    }
    for name in &components {
        if let Some(Value::Object(schema)) = value.pointer_mut(&component_pointer(name)) {
            let what = format!(
                "`{name}` as a request sends it: without its `readOnly` members, which only responses carry."
            );
            let description = match schema.get("description").and_then(Value::as_str) {
                Some(own) => format!("{own}\n\n{what}"),
                None => what,
            };
            schema.insert("description".into(), Value::String(description));
        }
    }
    let mut uri = document.uri.clone();
    uri.set_query(Some("types=input"));
    Some(Inputs {
        file: SchemaFile {
            path: document.path.clone(),
            display: format!("{} (input)", document.display),
            stem: format!("{}_input", document.stem),
            uri,
            value,
        },
        components,
    })
}

/// Every schema (by pointer) that a request's schema (a request body's or a parameter's)
/// reaches, through subschemas and local references.
fn sent_in_requests(document: &Value) -> BTreeSet<String> {
    let mut pending: Vec<String> = openapi::schema_objects(document)
        .into_iter()
        .filter(|tokens| Direction::of(tokens) == Some(Direction::Request))
        .map(|tokens| openapi::pointer(&tokens))
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(pointer) = pending.pop() {
        if !seen.insert(pointer.clone()) {
            continue;
        }
        let Some(schema) = document.pointer(&pointer) else {
            continue;
        };
        pending.extend(next(schema, &pointer));
    }
    seen
}

/// In the schema at `pointer` and its subschemas: a local `$ref` to a schema that requests
/// see as the document does points at the document instead.
fn point_back(value: &mut Value, pointer: &str, document: &SchemaFile, view: &View) {
    let Some(schema) = value.pointer(pointer) else {
        return;
    };
    let children: Vec<String> = vocabulary::subschemas(schema, Draft::Draft2020)
        .into_iter()
        .map(|(tokens, _)| format!("{pointer}{}", openapi::pointer(&tokens)))
        .collect();
    for child in children {
        point_back(value, &child, document, view);
    }
    let reference = value.pointer_mut(pointer).and_then(|s| s.get_mut("$ref"));
    if let Some(Value::String(reference)) = reference {
        if let Some(target) = reference.strip_prefix('#') {
            if !view.changes(target) {
                *reference = format!("{}#{target}", document.uri);
            }
        }
    }
}

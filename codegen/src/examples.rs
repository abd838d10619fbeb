//! The examples a listed OpenAPI document carries (a model set's), each checked against its
//! schema when generating: schema-level and property-level `example`, media-type `example`
//! and `examples`, and those of parameters and headers.
//!
//! The platform's docs show these examples, so one that its own schema refuses misleads
//! whoever copies it. A failing one is a located warning (an error under `--strict`), and
//! `generate` prints one line counting them. The checker is the `jsonschema` crate, an
//! implementation independent of the generated validators, on the translated document
//! (2020-12, formats asserted, as the generated validators do). An example is checked in its
//! direction (a request body's as a request: `directions.rs`), against that direction's view
//! of the document.
//!
//! Every example checked goes into the model crate with its verdict (`render/examples.rs`),
//! with its schema's validator function where validation reaches the schema (a component's,
//! a member's) or its component's, so that the crate's test holds the generated validators
//! to the `jsonschema` crate's verdict on each.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::dialect::Draft;
use crate::directions::Direction;
use crate::error::{Diagnostic, Kind};
use crate::openapi::{self, Version};
use crate::schema_set::Schema;
use crate::vocabulary;

/// One documented example and the schema it claims to match.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    /// Where the example is in the document, as its author wrote it (`…/example`).
    pub pointer: String,
    /// Where its schema is.
    pub schema: String,
    pub direction: Option<Direction>,
    pub value: Value,
}

/// An example checked, for the model crate's test (`render/examples.rs`).
#[derive(Debug, Clone, PartialEq)]
pub struct Checked {
    /// Where it is, with its file: `schema/crm.yml#/components/schemas/Lead/example`.
    pub pointer: String,
    /// The model set (its index among the run's schemas) and where its schema is in it.
    pub doc: usize,
    pub schema: String,
    /// The registry name of the component its schema is or refers to (`crm/Lead`).
    pub entry: Option<String>,
    /// A request's or a response's, checked as such.
    pub direction: Option<Direction>,
    pub valid: bool,
    pub value: Value,
}

/// What checking a run's examples found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    pub checked: usize,
    pub valid: usize,
    pub invalid: usize,
    /// Examples whose schema the checker could not read (left out of `checked`).
    pub unchecked: usize,
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "documented examples: {} checked, {} valid, {} invalid",
            self.checked, self.valid, self.invalid
        )?;
        if self.unchecked > 0 {
            write!(f, ", {} not checked (schema unreadable)", self.unchecked)?;
        }
        Ok(())
    }
}

/// Checks every example of every model set of `schemas`: the tally, a warning for each
/// example its schema refuses, and every example checked.
pub fn check(schemas: &[Schema]) -> (Tally, Vec<Diagnostic>, Vec<Checked>) {
    let mut tally = Tally::default();
    let mut refused = Vec::new();
    let mut checked = Vec::new();
    for (doc, schema) in schemas.iter().enumerate().filter(|(_, s)| s.is_model_set()) {
        let document = &schema.file.value;
        let version = openapi::version(document).and_then(Result::ok);
        let examples = collect(document, version);
        // The document, and its views: an example of a request is a request.
        let uri = schema.file.uri.to_string();
        let mut documents = vec![(uri.clone(), document)];
        documents.extend(
            schema
                .views
                .iter()
                .map(|v| (v.file.uri.to_string(), &v.file.value)),
        );
        let Some(mut checker) = Checker::new(documents) else {
            tally.unchecked += examples.len();
            continue;
        };
        for example in examples {
            let view = schema
                .views
                .iter()
                .find(|v| Some(v.direction) == example.direction);
            let base = view.map_or(uri.clone(), |v| v.file.uri.to_string());
            let Some(error) = checker.first_error(&base, &example.schema, &example.value) else {
                tally.unchecked += 1;
                continue;
            };
            tally.checked += 1;
            checked.push(Checked {
                pointer: format!("{}#{}", schema.file.display, example.pointer),
                doc,
                schema: example.schema.clone(),
                entry: entry_of(schema, &example.schema),
                direction: example.direction,
                valid: error.is_none(),
                value: example.value,
            });
            if let Some(error) = error {
                tally.invalid += 1;
                refused.push(Diagnostic::new(
                    Kind::Example,
                    schema.file.display.clone(),
                    example.pointer,
                    format!("documented example does not match its schema: {error}"),
                ));
            } else {
                tally.valid += 1;
            }
        }
    }
    (tally, refused, checked)
}

/// The registry name of the selected component the schema at `pointer` is, or refers to
/// by a bare `$ref` (a media type's `schema`, usually).
fn entry_of(schema: &Schema, pointer: &str) -> Option<String> {
    let reference = schema
        .file
        .value
        .pointer(pointer)
        .and_then(|s| s.get("$ref"))
        .and_then(Value::as_str)
        .and_then(|r| r.strip_prefix('#'));
    schema
        .entries
        .iter()
        .find(|entry| entry.pointer == pointer || Some(entry.pointer.as_str()) == reference)
        .map(|entry| format!("{}/{}", schema.module, entry.component))
}

/// Every example of `document` (translated), in document order.
pub fn collect(document: &Value, version: Option<Version>) -> Vec<Example> {
    let mut found = Vec::new();
    for tokens in openapi::schema_objects(document) {
        let pointer = schema_runtime::pointer::from_tokens(tokens.iter().map(String::as_str));
        let direction = Direction::of(&tokens);
        if let Some(schema) = document.pointer(&pointer) {
            in_schema(schema, &pointer, direction, version, &mut found);
        }
    }
    beside_schemas(document, document, &mut Vec::new(), &mut found);
    found
}

/// The examples of a schema and of its subschemas (through `examples`, which 3.0's
/// `example` became on translation).
fn in_schema(
    schema: &Value,
    pointer: &str,
    direction: Option<Direction>,
    version: Option<Version>,
    found: &mut Vec<Example>,
) {
    if let Some(Value::Array(examples)) = schema.get("examples") {
        for (index, value) in examples.iter().enumerate() {
            let written = match version {
                // 3.0 has `example` alone; the translation made it `examples: [example]`.
                Some(Version::V3_0) => format!("{pointer}/example"),
                _ => format!("{pointer}/examples/{index}"),
            };
            found.push(Example {
                pointer: written,
                schema: pointer.to_string(),
                direction,
                value: value.clone(),
            });
        }
    }
    for (tokens, child) in vocabulary::subschemas(schema, Draft::Draft2020) {
        let below = schema_runtime::pointer::from_tokens(tokens.iter().map(String::as_str));
        in_schema(
            child,
            &format!("{pointer}{below}"),
            direction,
            version,
            found,
        );
    }
}

/// The examples of media types, parameters and headers: an object with a `schema` member
/// beside `example` or `examples`. Schema Objects themselves are not entered.
fn beside_schemas(
    document: &Value,
    value: &Value,
    path: &mut Vec<String>,
    found: &mut Vec<Example>,
) {
    let Value::Object(object) = value else {
        if let Value::Array(items) = value {
            for (index, item) in items.iter().enumerate() {
                path.push(index.to_string());
                beside_schemas(document, item, path, found);
                path.pop();
            }
        }
        return;
    };
    if object.contains_key("schema") {
        let here = schema_runtime::pointer::from_tokens(path.iter().map(String::as_str));
        let schema = format!("{here}/schema");
        let direction = Direction::of(path);
        if let Some(value) = object.get("example") {
            found.push(Example {
                pointer: format!("{here}/example"),
                schema: schema.clone(),
                direction,
                value: value.clone(),
            });
        }
        if let Some(Value::Object(examples)) = object.get("examples") {
            for (name, example) in examples {
                let token = schema_runtime::pointer::from_tokens([name.as_str()]);
                if let Some(value) = example_value(document, example) {
                    found.push(Example {
                        pointer: format!("{here}/examples{token}/value"),
                        schema: schema.clone(),
                        direction,
                        value: value.clone(),
                    });
                }
            }
        }
    }
    for (key, child) in object {
        let is_schemas = key == "schemas" && path.len() == 1 && path[0] == "components";
        if key == "schema" || is_schemas || (path.is_empty() && key == "$schema") {
            continue;
        }
        path.push(key.clone());
        beside_schemas(document, child, path, found);
        path.pop();
    }
}

/// An Example Object's `value`, through a local `$ref` (`#/components/examples/…`).
fn example_value<'d>(document: &'d Value, example: &'d Value) -> Option<&'d Value> {
    match example.get("$ref").and_then(Value::as_str) {
        Some(reference) => document.pointer(reference.strip_prefix('#')?)?.get("value"),
        None => example.get("value"),
    }
}

/// The documents (by URI), registered once, and a validator per schema checked.
struct Checker<'d> {
    registry: jsonschema::Registry<'d>,
    validators: BTreeMap<(String, String), Option<jsonschema::Validator>>,
}

impl<'d> Checker<'d> {
    fn new(documents: Vec<(String, &'d Value)>) -> Option<Self> {
        let mut builder = jsonschema::Registry::new().draft(jsonschema::Draft::Draft202012);
        for (uri, document) in documents {
            builder = builder.add(uri, document).ok()?;
        }
        let registry = builder.prepare().ok()?;
        Some(Checker {
            registry,
            validators: BTreeMap::new(),
        })
    }

    /// `None` when the schema at `pointer` cannot be read; otherwise the first violation of
    /// `value`, located, if there is one. It names the keyword, never the value: a
    /// secret member's example is still a secret's.
    fn first_error(&mut self, base: &str, pointer: &str, value: &Value) -> Option<Option<String>> {
        let registry = &self.registry;
        let validator = self
            .validators
            .entry((base.to_string(), pointer.to_string()))
            .or_insert_with(|| {
                let reference = format!("{base}#{pointer}");
                jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .should_validate_formats(true)
                    .with_registry(registry)
                    .build(&serde_json::json!({ "$ref": reference }))
                    .ok()
            })
            .as_ref()?;
        Some(validator.iter_errors(value).next().map(|error| {
            let at = error.instance_path().to_string();
            if matches!(error.kind(), jsonschema::error::ValidationErrorKind::FalseSchema) {
                // Only a direction's view has `false` for a member it leaves out.
                let at = error.instance_path().to_string();
                return format!("the member at {at} is one this direction leaves out (`readOnly` in a request, `writeOnly` in a response), or one the schema refuses (`false`)");
            }
            let keyword = error.schema_path().to_string();
            let keyword = keyword.rsplit('/').next().unwrap_or_default().to_string();
            let at = if at.is_empty() {
                "the root"
            } else {
                at.as_str()
            };
            format!("`{keyword}` refuses the value at {at}")
        }))
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A 3.0 document as the loader leaves it: `example` translated to `examples`.
    fn document() -> Value {
        let mut document = json!({
            "openapi": "3.0.3",
            "paths": {"/leads": {"post": {
                "parameters": [{"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1}, "example": 0}],
                "requestBody": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Lead"},
                    "examples": {"ok": {"value": {"name": "Ada"}}, "shared": {"$ref": "#/components/examples/Empty"}}
                }}},
                "responses": {"200": {"content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Lead"},
                    "example": {"name": "Ada", "created_at": "yesterday"}
                }}}}
            }}},
            "components": {
                "schemas": {"Lead": {
                    "type": "object",
                    "required": ["name"],
                    "properties": {
                        "name": {"type": "string", "minLength": 1, "example": "Ada"},
                        "created_at": {"type": "string", "format": "date-time", "example": "2020-01-01T00:00:00Z"}
                    },
                    "example": {"name": ""}
                }},
                "examples": {"Empty": {"value": {}}}
            }
        });
        openapi::translate(&mut document, Version::V3_0);
        document
    }

    #[test]
    fn every_kind_of_example_is_found_with_its_schema_and_direction() {
        let found = collect(&document(), Some(Version::V3_0));
        let seen: Vec<(&str, &str, Option<Direction>)> = found
            .iter()
            .map(|e| (e.pointer.as_str(), e.schema.as_str(), e.direction))
            .collect();
        let lead = "/components/schemas/Lead";
        let body = "/paths/~1leads/post/requestBody/content/application~1json";
        let response = "/paths/~1leads/post/responses/200/content/application~1json";
        let limit = "/paths/~1leads/post/parameters/0";
        assert_eq!(
            seen,
            [
                ("/components/schemas/Lead/example", lead, None),
                (
                    "/components/schemas/Lead/properties/name/example",
                    "/components/schemas/Lead/properties/name",
                    None
                ),
                (
                    "/components/schemas/Lead/properties/created_at/example",
                    "/components/schemas/Lead/properties/created_at",
                    None
                ),
                (
                    &format!("{limit}/example")[..],
                    &format!("{limit}/schema")[..],
                    Some(Direction::Request)
                ),
                (
                    &format!("{body}/examples/ok/value")[..],
                    &format!("{body}/schema")[..],
                    Some(Direction::Request)
                ),
                (
                    &format!("{body}/examples/shared/value")[..],
                    &format!("{body}/schema")[..],
                    Some(Direction::Request)
                ),
                (
                    &format!("{response}/example")[..],
                    &format!("{response}/schema")[..],
                    Some(Direction::Response)
                ),
            ]
        );
    }

    #[test]
    fn an_example_its_schema_refuses_is_named_with_the_keyword_not_the_value() {
        let document = document();
        let mut checker = Checker::new(vec![("urn:test".to_string(), &document)])
            .expect("the document registers");
        let lead = "/components/schemas/Lead";
        assert_eq!(
            checker.first_error("urn:test", lead, &json!({"name": "Ada"})),
            Some(None)
        );
        assert_eq!(
            checker.first_error("urn:test", lead, &json!({"name": ""})),
            Some(Some("`minLength` refuses the value at /name".to_string()))
        );
        assert_eq!(
            checker.first_error(
                "urn:test",
                lead,
                &json!({"name": "Ada", "created_at": "yesterday"})
            ),
            Some(Some(
                "`format` refuses the value at /created_at".to_string()
            ))
        );
        assert_eq!(
            checker.first_error("urn:test", "/components/schemas/Nowhere", &json!(1)),
            None
        );
    }
}

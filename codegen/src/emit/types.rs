//! The type emitter: schema → typify 0.8 `TypeSpace` → `syn::File`.
//!
//! typify reports some unsupported schemas by panicking and others with an error that does
//! not say where. Both become a [`Diagnostic`] here; the locator then narrows the failure
//! down to the smallest subschema whose removal makes typify succeed.

use schemars::schema::RootSchema;
use serde_json::Value;
use typify::{TypeSpace, TypeSpaceSettings};

use crate::error::{Diagnostic, GenError};
use crate::keywords;
use crate::model::{self, Schema};
use crate::panic_guard;

/// Generates the Rust types of one schema.
pub fn emit(schema: &Schema) -> Result<syn::File, GenError> {
    let input = typify_input(schema);
    run_typify(&input).map_err(|failure| locate(schema, &input, failure).into())
}

/// The document handed to typify: the user's schema with the root named as we name it, and
/// secret strings typed as `SecretString`.
fn typify_input(schema: &Schema) -> Value {
    let mut input = schema.file.value.clone();
    if let Value::Object(root) = &mut input {
        root.insert("title".into(), Value::String(schema.type_name.clone()));
    }
    mark_secrets(&mut input);
    input
}

/// The crate and path of the secret string type, for typify's `x-rust-type` extension.
const SECRET_CRATE: &str = "schema-runtime";
const SECRET_TYPE: &str = "schema_runtime::SecretString";

/// Gives every secret string schema (`writeOnly: true` or `format: "password"`, of type
/// `string` or `["string", "null"]`) the `x-rust-type` that makes typify use `SecretString`.
fn mark_secrets(schema: &mut Value) {
    if model::is_secret(schema) && is_string_typed(schema) {
        if let Value::Object(object) = schema {
            object.insert(
                "x-rust-type".into(),
                serde_json::json!({"crate": SECRET_CRATE, "version": "*", "path": SECRET_TYPE}),
            );
        }
    }
    let children: Vec<Vec<String>> = keywords::subschemas(schema)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    for path in children {
        if let Some(child) = get_mut(schema, &path) {
            mark_secrets(child);
        }
    }
}

fn is_string_typed(schema: &Value) -> bool {
    match schema.get("type") {
        Some(Value::String(t)) => t == "string",
        Some(Value::Array(types)) => {
            let names: Vec<&str> = types.iter().filter_map(Value::as_str).collect();
            names.contains(&"string") && names.iter().all(|t| *t == "string" || *t == "null")
        }
        None => schema.get("format").and_then(Value::as_str) == Some("password"),
        _ => false,
    }
}

/// What went wrong inside typify, before it is located.
#[derive(Debug)]
enum Failure {
    /// schemars could not read the schema; serde knows where.
    Shape { pointer: String, message: String },
    /// typify returned an error or panicked.
    Typify(String),
}

fn run_typify(input: &Value) -> Result<syn::File, Failure> {
    let root: RootSchema = serde_path_to_error::deserialize(input).map_err(|e| Failure::Shape {
        pointer: path_to_pointer(e.path()),
        message: e.inner().to_string(),
    })?;
    let tokens = panic_guard::catch(move || {
        let mut settings = TypeSpaceSettings::default();
        settings
            .with_crate(SECRET_CRATE, typify::CrateVers::Any, None)
            .with_struct_builder(false)
            .with_map_type("::std::collections::BTreeMap")
            .with_derive("PartialEq".to_string());
        let mut space = TypeSpace::new(&settings);
        space.add_root_schema(root).map(|_| space.to_stream())
    })
    .map_err(|panic| Failure::Typify(format!("typify panicked: {panic}")))?
    .map_err(|e| Failure::Typify(format!("typify failed: {e}")))?;
    syn::parse2::<syn::File>(tokens)
        .map_err(|e| Failure::Typify(format!("typify produced code that does not parse: {e}")))
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => schema_runtime::pointer::push_index(&mut pointer, *index),
            Segment::Map { key } => schema_runtime::pointer::push_token(&mut pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// Turns a failure into a diagnostic that names the smallest failing subschema.
fn locate(schema: &Schema, input: &Value, failure: Failure) -> Diagnostic {
    let file = &schema.file.display;
    let (message, known_pointer) = match failure {
        Failure::Shape { pointer, message } => (
            format!("not a valid schema for type generation: {message}"),
            pointer,
        ),
        Failure::Typify(message) => (
            format!("types cannot be generated for this part: {message}"),
            String::new(),
        ),
    };
    // serde loses the path inside untagged enums (every schema is one), so narrow by trial
    // whenever it did not say more than "the root".
    if !known_pointer.is_empty() {
        return Diagnostic::new(file, known_pointer, message);
    }
    let (tokens, keyword) = narrow(input, Vec::new());
    let pointer = schema_runtime::pointer::from_tokens(tokens.iter().map(String::as_str));
    let diagnostic = Diagnostic::new(file, pointer, message);
    match keyword {
        Some(keyword) => diagnostic.with_keyword(keyword),
        None => diagnostic,
    }
}

/// Descends into the first subschema whose replacement by `{}` lets typify succeed; at the
/// bottom, names the keyword whose removal does.
fn narrow(input: &Value, at: Vec<String>) -> (Vec<String>, Option<String>) {
    let Some(node) = get(input, &at) else {
        return (at, None);
    };
    for (child, _) in keywords::subschemas(node) {
        let mut path = at.clone();
        path.extend(child);
        let mut trial = input.clone();
        if replace(&mut trial, &path, Value::Object(Default::default()))
            && run_typify(&trial).is_ok()
        {
            return narrow(input, path);
        }
    }
    let keys: Vec<String> = node
        .as_object()
        .map(|o| o.keys().cloned().collect())
        .unwrap_or_default();
    for keyword in keys.into_iter().filter(|k| k != "title") {
        let mut trial = input.clone();
        if let Some(Value::Object(object)) = get_mut(&mut trial, &at) {
            object.remove(&keyword);
        }
        if run_typify(&trial).is_ok() {
            return (at, Some(keyword));
        }
    }
    (at, None)
}

fn get<'v>(value: &'v Value, path: &[String]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, token| match v {
        Value::Object(o) => o.get(token),
        Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

fn get_mut<'v>(value: &'v mut Value, path: &[String]) -> Option<&'v mut Value> {
    path.iter().try_fold(value, |v, token| match v {
        Value::Object(o) => o.get_mut(token),
        Value::Array(a) => token.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
        _ => None,
    })
}

fn replace(value: &mut Value, path: &[String], with: Value) -> bool {
    match get_mut(value, path) {
        Some(slot) => {
            *slot = with;
            true
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SchemaFile;
    use serde_json::json;

    fn schema(value: Value) -> Schema {
        Schema {
            file: SchemaFile {
                path: "schema/t.json".into(),
                display: "schema/t.json".into(),
                stem: "t".into(),
                uri: url::Url::parse("file:///schema/t.json").unwrap(),
                value,
            },
            module: "t".into(),
            type_name: "T".into(),
        }
    }

    #[test]
    fn generates_a_struct_named_after_the_schema() {
        let file = emit(&schema(json!({
            "type": "object",
            "properties": {"a": {"type": "string"}}
        })))
        .unwrap();
        let code = prettyplease::unparse(&file);
        assert!(code.contains("pub struct T {"), "{code}");
    }

    #[test]
    fn secret_strings_become_secret_strings() {
        let file = emit(&schema(json!({
            "type": "object",
            "properties": {
                "token": {"type": "string", "writeOnly": true},
                "maybe": {"type": ["string", "null"], "writeOnly": true},
                "password": {"type": "string", "format": "password"},
                "count": {"type": "integer", "writeOnly": true},
                "plain": {"type": "string"}
            }
        })))
        .unwrap();
        let code = prettyplease::unparse(&file);
        assert_eq!(
            code.matches("::schema_runtime::SecretString").count(),
            3,
            "{code}"
        );
        assert!(
            code.contains("pub plain: ::std::option::Option<::std::string::String>"),
            "{code}"
        );
    }

    #[test]
    fn a_typify_panic_becomes_a_located_error() {
        // typify panics on external references.
        let err = emit(&schema(json!({
            "type": "object",
            "properties": {
                "ok": {"type": "string"},
                "bad": {"$ref": "other.json#/$defs/X"}
            }
        })))
        .err()
        .unwrap();
        let d = &err.diagnostics()[0];
        assert_eq!(d.location(), "schema/t.json#/properties/bad", "{d}");
        assert!(d.message.contains("typify panicked"), "{d}");
    }

    #[test]
    fn a_schema_of_the_wrong_shape_is_located() {
        let err = emit(&schema(json!({
            "type": "object",
            "properties": {"a": {"type": 5}}
        })))
        .err()
        .unwrap();
        let d = &err.diagnostics()[0];
        assert!(d.pointer.starts_with("/properties/a"), "{d}");
    }
}

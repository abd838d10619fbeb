//! OpenAPI documents as sources: schemas `$ref` their components by file and JSON Pointer
//! (`vault.yml#/components/schemas/ConnectionImportData`), and 3.0 Schema Objects are
//! translated to JSON Schema 2020-12 on the way in, so that everything after loading sees
//! one dialect.
//!
//! 3.0's Schema Object is a variant of draft-05: `nullable: true` instead of a `null` in
//! `type`, `example` instead of `examples`, boolean `exclusiveMinimum`/`exclusiveMaximum`
//! beside `minimum`/`maximum`, and a `$ref` whose siblings are ignored. 3.1 documents are
//! 2020-12 already, in the dialect `jsonSchemaDialect` names.

use serde_json::{Map, Value};

use crate::subschema;
use crate::vocabulary::{self, Subschemas};

/// The dialect a translated document declares at its root.
const DIALECT_2020_12: &str = "https://json-schema.org/draft/2020-12/schema";
/// OpenAPI 3.1's default dialect: 2020-12 plus annotations of its own vocabulary.
const OAS_3_1_DIALECT: &str = "https://spec.openapis.org/oas/3.1/dialect/base";

/// Which OpenAPI version a document is, by its `openapi` member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V3_0,
    V3_1,
}

/// The version of `document` if it is an OpenAPI description; `Err` names a version this
/// reader does not know.
pub fn version(document: &Value) -> Option<Result<Version, String>> {
    let declared = document.get("openapi")?.as_str()?;
    Some(match declared.split('.').take(2).collect::<Vec<_>>()[..] {
        ["3", "0"] => Ok(Version::V3_0),
        ["3", "1"] => Ok(Version::V3_1),
        _ => Err(format!(
            "OpenAPI {declared} is not read; OpenAPI 3.0 and 3.1 documents are"
        )),
    })
}

/// Makes `document` readable as JSON Schema: 3.0 Schema Objects become 2020-12 schemas,
/// and the root declares the dialect its schemas are in.
pub fn translate(document: &mut Value, version: Version) {
    let dialect = match version {
        Version::V3_0 => {
            walk_document(document);
            DIALECT_2020_12.to_string()
        }
        Version::V3_1 => match document.get("jsonSchemaDialect").and_then(Value::as_str) {
            None | Some(OAS_3_1_DIALECT) => DIALECT_2020_12.to_string(),
            Some(other) => other.to_string(),
        },
    };
    if let Value::Object(root) = document {
        root.insert("$schema".to_string(), Value::String(dialect));
    }
}

/// Where the Schema Objects of a document are, as JSON Pointer tokens: the members of
/// `components/schemas`, and every `schema` member of a parameter, header or media type.
/// Examples are data, never searched. The resolver indexes these as subschemas, so that
/// references between components resolve and the types follow them.
pub fn schema_objects(document: &Value) -> Vec<Vec<String>> {
    let mut found = Vec::new();
    search(document, &mut Vec::new(), &mut found);
    found
}

fn search(value: &Value, path: &mut Vec<String>, found: &mut Vec<Vec<String>>) {
    let members: Box<dyn Iterator<Item = (String, &Value)>> = match value {
        Value::Object(members) => Box::new(members.iter().map(|(k, v)| (k.clone(), v))),
        Value::Array(items) => Box::new(items.iter().enumerate().map(|(i, v)| (i.to_string(), v))),
        _ => return,
    };
    let in_schemas = path.len() == 2 && path[0] == "components" && path[1] == "schemas";
    for (key, member) in members {
        if key == "example" || key == "examples" {
            continue;
        }
        path.push(key.clone());
        if in_schemas || (key == "schema" && value.is_object()) {
            found.push(path.clone());
        } else {
            search(member, path, found);
        }
        path.pop();
    }
}

fn walk_document(document: &mut Value) {
    for path in schema_objects(document) {
        if let Some(found) = document.pointer_mut(&pointer(&path)) {
            schema(found);
        }
    }
}

/// The JSON Pointer of `tokens`.
pub fn pointer(tokens: &[String]) -> String {
    schema_runtime::pointer::from_tokens(tokens.iter().map(String::as_str))
}

/// Translates one 3.0 Schema Object, and the schemas inside it, in place.
fn schema(value: &mut Value) {
    let Value::Object(members) = value else {
        return;
    };
    if members.contains_key("$ref") {
        // 3.0 ignores a reference's siblings; 2020-12 would apply them. Annotations stay.
        members.retain(|k, _| vocabulary::has(k, |row| row.beside_hiding_ref));
        return;
    }
    let nullable = subschema::take_openapi_nullable(members);
    let mut translated = Map::new();
    let entries = std::mem::take(members);
    for (key, mut member) in entries.clone() {
        match key.as_str() {
            "type" if nullable => {
                translated.insert(key, with_null_type(member));
            }
            "enum" if nullable => {
                if let Value::Array(values) = &mut member
                    && !values.contains(&Value::Null)
                {
                    values.push(Value::Null);
                }
                translated.insert(key, member);
            }
            "example" => {
                translated.insert("examples".to_string(), Value::Array(vec![member]));
            }
            "exclusiveMinimum" | "exclusiveMaximum" if member.is_boolean() => {}
            "minimum" | "maximum" => {
                let exclusive = format!("exclusive{}{}", key[..1].to_uppercase(), &key[1..]);
                match entries.get(&exclusive) {
                    Some(Value::Bool(true)) => translated.insert(exclusive, member),
                    _ => translated.insert(key, member),
                };
            }
            _ => {
                // The schemas inside, wherever the keyword holds them.
                match (vocabulary::get(&key).map(|k| k.subschemas), &mut member) {
                    (Some(Subschemas::Map), Value::Object(map)) => {
                        map.values_mut().for_each(schema)
                    }
                    (Some(Subschemas::List | Subschemas::OneOrList), Value::Array(list)) => {
                        list.iter_mut().for_each(schema)
                    }
                    (Some(Subschemas::One | Subschemas::OneOrList), inner) => schema(inner),
                    _ => {}
                }
                translated.insert(key, member);
            }
        }
    }
    *members = translated;
}

fn with_null_type(declared: Value) -> Value {
    match declared {
        Value::String(single) if single != "null" => {
            Value::Array(vec![Value::String(single), Value::String("null".into())])
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn translated(document: Value) -> Value {
        let mut document = document;
        let version = version(&document).unwrap().unwrap();
        translate(&mut document, version);
        document
    }

    #[test]
    fn translates_3_0_schema_objects() {
        let document = translated(json!({
            "openapi": "3.0.3",
            "components": {"schemas": {"Token": {
                "type": "object",
                "properties": {
                    "value": {"type": "string", "nullable": true, "example": "abc"},
                    "kind": {"type": "string", "enum": ["a"], "nullable": true},
                    "ttl": {"type": "integer", "minimum": 0, "exclusiveMinimum": true},
                    "cap": {"type": "integer", "maximum": 9, "exclusiveMaximum": false},
                    "other": {"$ref": "#/components/schemas/Other", "nullable": true, "description": "d"}
                },
                "discriminator": {"propertyName": "kind"}
            }}}
        }));
        assert_eq!(document["$schema"], DIALECT_2020_12);
        let token = &document["components"]["schemas"]["Token"];
        assert_eq!(
            token["properties"],
            json!({
                "value": {"type": ["string", "null"], "examples": ["abc"]},
                "kind": {"type": ["string", "null"], "enum": ["a", null]},
                "ttl": {"type": "integer", "exclusiveMinimum": 0},
                "cap": {"type": "integer", "maximum": 9},
                "other": {"$ref": "#/components/schemas/Other", "description": "d"}
            })
        );
        assert_eq!(token["discriminator"], json!({"propertyName": "kind"}));
    }

    #[test]
    fn finds_schemas_of_parameters_and_media_types_but_not_examples() {
        let document = translated(json!({
            "openapi": "3.0.0",
            "paths": {"/a": {"get": {
                "parameters": [{"name": "q", "in": "query", "schema": {"type": "string", "nullable": true}}],
                "responses": {"200": {"content": {"application/json": {
                    "schema": {"type": "integer", "nullable": true},
                    "example": {"schema": {"nullable": true}}
                }}}}
            }}}
        }));
        let get = &document["paths"]["/a"]["get"];
        assert_eq!(
            get["parameters"][0]["schema"]["type"],
            json!(["string", "null"])
        );
        let media = &get["responses"]["200"]["content"]["application/json"];
        assert_eq!(media["schema"]["type"], json!(["integer", "null"]));
        assert_eq!(media["example"], json!({"schema": {"nullable": true}}));
    }

    #[test]
    fn a_3_1_document_keeps_its_schemas_and_dialect() {
        let document = translated(
            json!({"openapi": "3.1.0", "components": {"schemas": {"A": {"type": ["string", "null"]}}}}),
        );
        assert_eq!(document["$schema"], DIALECT_2020_12);
        assert_eq!(
            document["components"]["schemas"]["A"]["type"],
            json!(["string", "null"])
        );
        let custom = translated(
            json!({"openapi": "3.1.0", "jsonSchemaDialect": "http://json-schema.org/draft-07/schema#"}),
        );
        assert_eq!(custom["$schema"], "http://json-schema.org/draft-07/schema#");
        assert!(version(&json!({"openapi": "2.0"})).unwrap().is_err());
        assert!(version(&json!({"swagger": "2.0"})).is_none());
    }
}

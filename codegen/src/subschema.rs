//! One subschema, read once: the keywords an interpreter asks about, as typed values.
//!
//! The parts that interpret a schema (types, `codegen diff`, docs, secret detection, the
//! OpenAPI translation) read a subschema through [`Subschema`] instead of looking keyword
//! names up in JSON, and ask the [vocabulary](crate::vocabulary) what a keyword does. So a
//! keyword's name is written in the vocabulary's table and in this parser, and nowhere
//! else: a new keyword gets a row there and, if an interpreter needs its value, a field here.
//!
//! Reading never fails: a value of the wrong shape reads as absent (reporting it is the
//! validation compiler's job, `emit/validation/parser.rs`, which sees every schema first).

use serde_json::{Map, Value};

use crate::vocabulary;
pub use crate::vocabulary::JsonType;

/// `type`, read as a list whatever its spelling (`"string"` and `["string"]` alike), in the
/// order written. Names that are not JSON types are left out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Types(Vec<JsonType>);

impl Types {
    /// `type`'s value, when it is a name or a list of names.
    fn parse(value: &Value) -> Option<Self> {
        match value {
            Value::String(name) => Some(Types(JsonType::parse(name).into_iter().collect())),
            Value::Array(names) => Some(Types(
                names
                    .iter()
                    .filter_map(Value::as_str)
                    .filter_map(JsonType::parse)
                    .collect(),
            )),
            _ => None,
        }
    }

    pub fn contains(&self, wanted: JsonType) -> bool {
        self.0.contains(&wanted)
    }

    pub fn iter(&self) -> impl Iterator<Item = JsonType> + '_ {
        self.0.iter().copied()
    }

    pub fn first(&self) -> Option<JsonType> {
        self.0.first().copied()
    }

    /// Whether every type is one of `allowed` (true of no type at all).
    pub fn only(&self, allowed: &[JsonType]) -> bool {
        self.0.iter().all(|t| allowed.contains(t))
    }

    /// Whether an instance of type `wanted` may pass: every type passes no `type`, and an
    /// integer passes `number`.
    pub fn allows(&self, wanted: JsonType) -> bool {
        self.0.is_empty()
            || self.contains(wanted)
            || (wanted == JsonType::Integer && self.contains(JsonType::Number))
    }
}

/// What the interpreters read of one schema. A boolean schema has none of it.
#[derive(Debug, Clone, Default)]
pub struct Subschema<'a> {
    /// `type`, when it is a name or a list of names.
    pub types: Option<Types>,
    /// `$id`, or draft-04's `id`: the URI it names itself by, as written.
    pub id: Option<&'a str>,
    /// `$ref`, as written (resolving it is the reader's: each has its own resolver).
    pub reference: Option<&'a str>,
    pub format: Option<&'a str>,
    pub title: Option<&'a str>,
    pub description: Option<&'a str>,
    pub enumeration: Option<&'a [Value]>,
    pub constant: Option<&'a Value>,
    pub examples: Option<&'a [Value]>,
    pub write_only: bool,
    pub properties: Option<&'a Map<String, Value>>,
    /// `items`, when it is one schema for every item (not the older dialects' tuple form).
    pub items: Option<&'a Value>,
    /// `oneOf`, `anyOf` and `allOf`: the alternatives, with the keyword that holds them.
    pub alternatives: Vec<(&'static str, &'a [Value])>,
    pub pattern_properties: Option<&'a Map<String, Value>>,
    pub additional_properties: Option<&'a Value>,
    /// `required`'s names (the strings of it, whatever else it holds).
    pub required: Vec<&'a str>,
    /// Its `$defs` and `definitions`, with the keyword that holds each.
    pub containers: Vec<(&'static str, &'a Map<String, Value>)>,
}

impl<'a> Subschema<'a> {
    /// `additionalProperties: false`: it refuses the members it does not name.
    pub fn is_closed(&self) -> bool {
        self.additional_properties == Some(&Value::Bool(false))
    }

    pub fn parse(schema: &'a Value) -> Self {
        schema.as_object().map(Subschema::of).unwrap_or_default()
    }

    pub fn of(object: &'a Map<String, Value>) -> Self {
        let text = |keyword: &str| object.get(keyword).and_then(Value::as_str);
        let list = |keyword: &str| {
            object
                .get(keyword)
                .and_then(Value::as_array)
                .map(Vec::as_slice)
        };
        let flag = |keyword: &str| object.get(keyword) == Some(&Value::Bool(true));
        Subschema {
            types: object.get("type").and_then(Types::parse),
            id: text("$id").or_else(|| text("id")),
            reference: text("$ref"),
            format: text("format"),
            title: text("title"),
            description: text("description"),
            enumeration: list("enum"),
            constant: object.get("const"),
            examples: list("examples"),
            write_only: flag("writeOnly"),
            properties: object.get("properties").and_then(Value::as_object),
            items: object.get("items").filter(|items| !items.is_array()),
            alternatives: ["oneOf", "anyOf", "allOf"]
                .into_iter()
                .filter_map(|keyword| Some((keyword, list(keyword)?)))
                .collect(),
            pattern_properties: object.get("patternProperties").and_then(Value::as_object),
            additional_properties: object.get("additionalProperties"),
            required: list("required")
                .map(|names| names.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default(),
            containers: vocabulary::containers()
                .filter_map(|keyword| Some((keyword, object.get(keyword)?.as_object()?)))
                .collect(),
        }
    }

    /// Whether its values are secret: `writeOnly: true` or `format: "password"`. The rule is
    /// the runtime's (the `validate` CLI applies it to schemas it loads without the generator).
    pub fn is_secret(&self) -> bool {
        schema_runtime::secret::is_secret(self.write_only, self.format)
    }

    /// Whether it allows `null` by its `type`.
    pub fn nullable_by_type(&self) -> bool {
        self.types
            .as_ref()
            .is_some_and(|t| t.contains(JsonType::Null))
    }
}

/// OpenAPI 3.0's `nullable: true`, taken out of a Schema Object that the translation to
/// 2020-12 rewrites (`"type": ["string", "null"]`).
pub fn take_openapi_nullable(object: &mut Map<String, Value>) -> bool {
    object.remove("nullable") == Some(Value::Bool(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn type_reads_as_a_list_whatever_its_spelling() {
        let (one, two) = (
            json!({"type": "string"}),
            json!({"type": ["string", "null"]}),
        );
        let (one, two) = (Subschema::parse(&one), Subschema::parse(&two));
        assert_eq!(
            one.types.as_ref().map(|t| t.iter().collect::<Vec<_>>()),
            Some(vec![JsonType::String])
        );
        assert!(two.nullable_by_type() && !one.nullable_by_type());
        assert!(
            two.types
                .as_ref()
                .is_some_and(|t| t.only(&[JsonType::String, JsonType::Null]))
        );
        assert!(Subschema::parse(&json!({"type": 3})).types.is_none());
    }

    #[test]
    fn secrets_are_write_only_or_passwords() {
        let secret = |v: Value| Subschema::parse(&v).is_secret();
        assert!(secret(json!({"type": "string", "writeOnly": true})));
        assert!(secret(json!({"type": "string", "format": "password"})));
        assert!(!secret(json!({"type": "string", "writeOnly": false})));
        assert!(!secret(json!(true)));
    }

    #[test]
    fn integers_are_numbers_without_a_fraction() {
        assert!(JsonType::Integer.admits(&json!(1.0)));
        assert!(!JsonType::Integer.admits(&json!(1.5)));
        assert!(JsonType::Number.admits(&json!(1)));
    }

    #[test]
    fn openapi_nullable_is_taken_out() {
        let mut object = json!({"type": "string", "nullable": true})
            .as_object()
            .cloned()
            .unwrap_or_default();
        assert!(take_openapi_nullable(&mut object));
        assert!(!object.contains_key("nullable"));
    }
}

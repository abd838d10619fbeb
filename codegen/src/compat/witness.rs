//! Payloads that prove a break: a small valid instance of a schema (`example`), a value
//! placed at an instance location inside it (`embed`), and the check that a candidate is
//! valid on one side and invalid on the other (`Oracle`), so that no witness is shown that
//! does not hold.

use serde_json::{Map, Value, json};

use crate::load::SchemaFile;
use crate::subschema::{JsonType, Subschema};
use crate::vocabulary;

/// What secret strings hold in witnesses: never a real value.
pub const SECRET_PLACEHOLDER: &str = "<secret>";

/// How deep `example` follows nested schemas and references.
const MAX_DEPTH: usize = 16;

/// The validator of one version of a schema, with the other files of its set, for
/// checking candidates. The `jsonschema` crate: an implementation independent of ours.
pub struct Oracle {
    validator: Option<jsonschema::Validator>,
}

/// The other documents of the set, by every URI they are known by; nothing is fetched.
struct Documents(Vec<(Vec<String>, Value)>);

impl jsonschema::Retrieve for Documents {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        let wanted = uri.as_str().trim_end_matches('#');
        self.0
            .iter()
            .find(|(ids, _)| ids.iter().any(|id| id == wanted))
            .map(|(_, value)| value.clone())
            .ok_or_else(|| format!("{wanted} is not among the schemas").into())
    }
}

impl Oracle {
    pub fn new(schema: &SchemaFile, set: &[SchemaFile]) -> Oracle {
        let documents = set
            .iter()
            .map(|file| (file.identifiers(), file.value.clone()))
            .collect();
        let options = jsonschema::options()
            .should_validate_formats(true)
            .with_retriever(Documents(documents));
        let mut value = schema.value.clone();
        // Relative references resolve against the file's own location.
        if let Value::Object(object) = &mut value {
            if !object.contains_key("$id") && !object.contains_key("id") {
                object.insert("$id".into(), Value::String(schema.uri.to_string()));
            }
        }
        Oracle {
            validator: options.build(&value).ok(),
        }
    }

    /// Whether `instance` is valid; `None` when the oracle cannot read the schema.
    pub fn accepts(&self, instance: &Value) -> Option<bool> {
        self.validator.as_ref().map(|v| v.is_valid(instance))
    }
}

/// One step of an instance location: a member or an index.
#[derive(Debug, Clone, PartialEq)]
pub enum Step {
    Member(String),
    Index(usize),
}

/// `base` with `value` placed at `path`, creating objects and arrays on the way.
pub fn embed(base: &Value, path: &[Step], value: Value) -> Value {
    let Some((first, rest)) = path.split_first() else {
        return value;
    };
    match first {
        Step::Member(name) => {
            let mut object = base.as_object().cloned().unwrap_or_default();
            let inner = object.get(name).cloned().unwrap_or(Value::Null);
            object.insert(name.clone(), embed(&inner, rest, value));
            Value::Object(object)
        }
        Step::Index(index) => {
            let mut items = base.as_array().cloned().unwrap_or_default();
            while items.len() <= *index {
                items.push(items.last().cloned().unwrap_or(Value::Null));
            }
            items[*index] = embed(&items[*index], rest, value);
            Value::Array(items)
        }
    }
}

/// A small instance of `schema`, valid as far as a guess goes (the oracle decides): its
/// `const`, first `enum` value, example or default, else the smallest value of its first
/// type that meets its bounds, with every required member. `resolve` follows `$ref`s.
pub fn example(schema: &Value, resolve: &dyn Fn(&str) -> Option<Value>) -> Value {
    let examples = Examples {
        resolve,
        all_members: false,
    };
    examples.at(schema, 0)
}

/// Like [`example`], with every declared member, so that a change deep inside an optional
/// member has somewhere to go.
pub fn full_example(schema: &Value, resolve: &dyn Fn(&str) -> Option<Value>) -> Value {
    let examples = Examples {
        resolve,
        all_members: true,
    };
    examples.at(schema, 0)
}

struct Examples<'a> {
    resolve: &'a dyn Fn(&str) -> Option<Value>,
    all_members: bool,
}

impl Examples<'_> {
    fn at(&self, schema: &Value, depth: usize) -> Value {
        let Value::Object(object) = schema else {
            return Value::Null;
        };
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        if let Some(target) = object
            .get("$ref")
            .and_then(Value::as_str)
            .and_then(self.resolve)
        {
            return self.at(&target, depth + 1);
        }
        let read = Subschema::of(object);
        if read.is_secret() {
            return json!(SECRET_PLACEHOLDER);
        }
        if let Some(value) = object.get("const") {
            return value.clone();
        }
        let first_of = |keyword: &str| object.get(keyword).and_then(Value::as_array)?.first();
        if let Some(first) = first_of("enum").or_else(|| first_of("examples")) {
            return first.clone();
        }
        if let Some(default) = object.get("default") {
            return default.clone();
        }
        for keyword in vocabulary::combinators() {
            if let Some(first) = first_of(keyword.name) {
                return self.at(first, depth + 1);
            }
        }
        let types = read.types.unwrap_or_default();
        let first = types
            .iter()
            .find(|t| *t != JsonType::Null)
            .or(types.first());
        match first {
            Some(JsonType::Null) => Value::Null,
            Some(JsonType::Boolean) => json!(false),
            Some(JsonType::Integer) => json!(lower_bound(object).ceil() as i64),
            Some(JsonType::Number) => json!(lower_bound(object)),
            Some(JsonType::String) => string_example(object),
            Some(JsonType::Array) => self.array(object, depth),
            _ if read.properties.is_some() || first == Some(JsonType::Object) => {
                self.object(object, depth)
            }
            _ => Value::Null,
        }
    }

    /// Every tuple position (`prefixItems`, or draft-07's array `items`), then items up to
    /// `minItems`.
    fn array(&self, object: &Map<String, Value>, depth: usize) -> Value {
        let (positions, rest) = match (object.get("prefixItems"), object.get("items")) {
            (Some(Value::Array(positions)), rest) => (positions.as_slice(), rest),
            (None, Some(Value::Array(positions))) => {
                (positions.as_slice(), object.get("additionalItems"))
            }
            (_, rest) => (&[][..], rest),
        };
        let mut items: Vec<Value> = positions
            .iter()
            .map(|position| self.at(position, depth + 1))
            .collect();
        let count = object.get("minItems").and_then(Value::as_u64).unwrap_or(0);
        let item = rest
            .map(|items| self.at(items, depth + 1))
            .unwrap_or(Value::Null);
        while (items.len() as u64) < count.min(16) {
            items.push(item.clone());
        }
        Value::Array(items)
    }

    fn object(&self, object: &Map<String, Value>, depth: usize) -> Value {
        let read = Subschema::of(object);
        let properties = read.properties;
        let required = read.required.into_iter();
        let declared = properties
            .into_iter()
            .flat_map(|p| p.keys().map(String::as_str))
            .filter(|_| self.all_members);
        let mut members = Map::new();
        for name in required.chain(declared) {
            let member = properties
                .and_then(|p| p.get(name))
                .map(|s| self.at(s, depth + 1))
                .unwrap_or(Value::Null);
            members.insert(name.to_string(), member);
        }
        Value::Object(members)
    }
}

/// Replaces, in `value`, every string that `schema` marks secret (`writeOnly`, `format:
/// password`) with the placeholder: a witness never shows a real token, not even one from
/// the schema's own `examples`.
pub fn mask_secrets(value: &mut Value, schema: &Value, resolve: &dyn Fn(&str) -> Option<Value>) {
    mask_at(value, schema, resolve, 0);
}

fn mask_at(
    value: &mut Value,
    schema: &Value,
    resolve: &dyn Fn(&str) -> Option<Value>,
    depth: usize,
) {
    let Value::Object(object) = schema else {
        return;
    };
    if depth > MAX_DEPTH {
        return;
    }
    if let Some(target) = object.get("$ref").and_then(Value::as_str).and_then(resolve) {
        mask_at(value, &target, resolve, depth + 1);
    }
    let read = Subschema::of(object);
    if read.is_secret() && value.is_string() {
        *value = json!(SECRET_PLACEHOLDER);
        return;
    }
    for keyword in vocabulary::combinators() {
        for branch in object
            .get(keyword.name)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            mask_at(value, branch, resolve, depth + 1);
        }
    }
    match value {
        Value::Object(members) => {
            let properties = read.properties;
            for (name, member) in members.iter_mut() {
                if let Some(property) = properties.and_then(|p| p.get(name)) {
                    mask_at(member, property, resolve, depth + 1);
                }
            }
        }
        Value::Array(items) => {
            if let Some(item_schema) = object.get("items") {
                for item in items {
                    mask_at(item, item_schema, resolve, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn lower_bound(object: &Map<String, Value>) -> f64 {
    let minimum = object.get("minimum").and_then(Value::as_f64);
    let exclusive = object
        .get("exclusiveMinimum")
        .and_then(Value::as_f64)
        .map(|m| m + 1.0);
    minimum.into_iter().chain(exclusive).fold(0.0, f64::max)
}

fn string_example(object: &Map<String, Value>) -> Value {
    let by_format = match object.get("format").and_then(Value::as_str) {
        Some("date-time") => Some("2020-01-01T00:00:00Z"),
        Some("date") => Some("2020-01-01"),
        Some("time") => Some("00:00:00Z"),
        Some("uuid") => Some("00000000-0000-4000-8000-000000000000"),
        Some("email") => Some("user@example.com"),
        Some("uri" | "iri") => Some("https://example.com/"),
        Some("hostname") => Some("example.com"),
        Some("ipv4") => Some("192.0.2.1"),
        Some("ipv6") => Some("2001:db8::1"),
        _ => None,
    };
    if let Some(text) = by_format {
        return json!(text);
    }
    let length = object.get("minLength").and_then(Value::as_u64).unwrap_or(0);
    json!("x".repeat(length.min(64) as usize))
}

/// A value of each JSON type, for type changes and for probing patterns and formats.
pub fn sample_of_type(json_type: JsonType) -> Value {
    match json_type {
        JsonType::Null => Value::Null,
        JsonType::Boolean => json!(true),
        JsonType::Integer => json!(1),
        JsonType::Number => json!(1.5),
        JsonType::String => json!("x"),
        JsonType::Array => json!([]),
        JsonType::Object => json!({}),
    }
}

/// Strings to probe a pattern or format change with.
pub const STRING_PROBES: &[&str] = &[
    "",
    "x",
    "X",
    "0",
    "-1",
    "a b",
    "x-1",
    "2020-01-01T00:00:00Z",
    "2020-01-01",
    "user@example.com",
    "https://example.com/",
    "00000000-0000-4000-8000-000000000000",
    "not a value of any format",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_embedded_at_their_location() {
        let base = json!({"a": 1});
        let path = [Step::Member("b".into()), Step::Index(1)];
        assert_eq!(
            embed(&base, &path, json!(2)),
            json!({"a": 1, "b": [null, 2]})
        );
    }

    #[test]
    fn examples_fill_required_members_and_hide_secrets() {
        let schema = json!({
            "type": "object",
            "required": ["token", "n"],
            "properties": {
                "token": {"type": "string", "writeOnly": true},
                "n": {"type": "integer", "minimum": 3}
            }
        });
        assert_eq!(
            example(&schema, &|_| None),
            json!({"token": SECRET_PLACEHOLDER, "n": 3})
        );
    }
}

//! The JSON Schema vocabulary: which keywords each dialect has, and everything the generator
//! knows of each (what it does, where its subschemas sit, which way it bounds, how types,
//! refinements and `codegen diff` treat it), in one table.
//!
//! A keyword a dialect does not have is an annotation there: ignored by validation and by
//! the types (`--strict` refuses it instead). What each keyword checks is in its family,
//! `emit/validation/keywords/`.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::dialect::Draft;

/// A JSON type, as `type` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum JsonType {
    Null,
    Boolean,
    Object,
    Array,
    Number,
    String,
    Integer,
}

impl JsonType {
    /// Every type, scalars first: the order in which `codegen diff` tries them.
    pub const ALL: [JsonType; 7] = [
        JsonType::Null,
        JsonType::Boolean,
        JsonType::Integer,
        JsonType::Number,
        JsonType::String,
        JsonType::Array,
        JsonType::Object,
    ];

    pub fn parse(name: &str) -> Option<Self> {
        JsonType::ALL.into_iter().find(|t| t.name() == name)
    }

    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Integer => "integer",
        }
    }

    /// Whether `value` is of this type (`1.0` is an integer, as the specification says).
    pub fn admits(self, value: &Value) -> bool {
        match (self, value) {
            (JsonType::Null, Value::Null)
            | (JsonType::Boolean, Value::Bool(_))
            | (JsonType::Object, Value::Object(_))
            | (JsonType::Array, Value::Array(_))
            | (JsonType::String, Value::String(_))
            | (JsonType::Number, Value::Number(_)) => true,
            (JsonType::Integer, Value::Number(n)) => schema_runtime::num::is_integer(n),
            _ => false,
        }
    }
}

/// One keyword and what the generator knows of it. Every part that treats keywords
/// differently asks this table, so a keyword's facts are written once, here.
#[derive(Debug)]
pub struct Keyword {
    pub name: &'static str,
    /// The dialects that have it (`since..=until`); `None` for a vendor keyword whose meaning
    /// is known (`example`) but that no dialect defines: unknown to validation.
    dialects: Option<(Draft, Draft)>,
    pub role: Role,
    pub subschemas: Subschemas,
    pub bound: Option<Bound>,
    /// Constrains values without changing their Rust shape: types leave it to the validators
    /// (typify panics or fails on several of them).
    pub validation_only: bool,
    /// Leaving it out only loosens a type: when typify fails on it (a `default` that breaks
    /// its own schema, a `format` it cannot map), only it is left out.
    pub loosening: bool,
    /// Means the same beside any siblings: a refinement adds it to an upstream schema that
    /// lacks it.
    pub independent: bool,
    /// `codegen diff` has rules for it; a difference in another is `keyword-changed`.
    pub diffed: bool,
    /// typify does not merge schemas because of it, beside a `$ref` or `oneOf`/`anyOf`.
    pub unmerged: bool,
    /// typify reads it beside a `$ref` that hides its siblings (up to draft-07).
    pub beside_hiding_ref: bool,
    /// The shape of value typify (through schemars) reads; `None` for a keyword it does not
    /// read, which the types leave out.
    pub typify: Option<Shape>,
    /// Combines its subschemas' verdicts on the instance itself (`allOf`, `anyOf`, `oneOf`).
    pub combines: Option<Combination>,
    /// Points at another schema.
    pub refers: Option<Reference>,
    /// Gives its schema a base URI (`$id`, draft-04's `id`), not only a name in one.
    pub names_resource: bool,
    /// typify writes it as a doc comment (`title`, `description`).
    pub documents: bool,
    /// The one type of instance it says something of (`minLength`: strings).
    pub applies_to: Option<JsonType>,
}

/// The shapes of value typify reads; any other shape makes schemars refuse the schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Text,
    Anything,
    Flag,
    /// A JSON type name or a non-empty list of unique ones.
    Types,
    /// A non-empty array.
    Values,
    /// An array of unique strings.
    Names,
    Number,
    /// A non-negative integer that fits in 32 bits.
    Count,
    Schema,
    /// A non-empty array of schemas.
    Schemas,
    SchemaOrSchemas,
    SchemaMap,
}

/// How a combinator combines its subschemas' verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Combination {
    All,
    Any,
    One,
}

/// What a reference keyword's target depends on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reference {
    /// Its base URI only (`$ref`).
    Static,
    /// The path evaluation took to reach it (`$dynamicRef`, `$recursiveRef`).
    Dynamic,
}

/// What a keyword does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Locates schemas or says how to read them (`$schema`, `$ref`, `$dynamicAnchor`).
    Core,
    /// Names a schema resource or a place in it (`$id`, `$anchor`): never a verdict.
    Identifier,
    /// Keeps subschemas for references (`$defs`): never a verdict.
    Container,
    /// Checks the instance itself.
    Assertion,
    /// Applies subschemas to the instance or its parts.
    Applicator,
    /// Says something of the instance without checking it.
    Annotation,
}

/// Where a keyword's subschemas sit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subschemas {
    None,
    One,
    List,
    /// An object whose every value is a schema.
    Map,
    /// `items`: one schema, or a list of them (a tuple before 2020-12).
    OneOrList,
    /// `dependencies`: an object whose values are schemas or lists of member names.
    SomeOfMap,
}

/// Which way a bound constrains: the larger of two lower bounds is the tighter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    Lower,
    Upper,
}

const fn keyword(name: &'static str, dialects: Option<(Draft, Draft)>, role: Role) -> Keyword {
    Keyword {
        name,
        dialects,
        role,
        subschemas: Subschemas::None,
        bound: None,
        validation_only: false,
        loosening: false,
        independent: false,
        diffed: false,
        unmerged: false,
        beside_hiding_ref: false,
        typify: None,
        combines: None,
        refers: None,
        names_resource: false,
        documents: false,
        applies_to: None,
    }
}

const fn all(name: &'static str, role: Role) -> Keyword {
    keyword(name, Some((Draft4, Draft2020)), role)
}

const fn since(name: &'static str, since: Draft, role: Role) -> Keyword {
    keyword(name, Some((since, Draft2020)), role)
}

const fn only(name: &'static str, since: Draft, until: Draft, role: Role) -> Keyword {
    keyword(name, Some((since, until)), role)
}

const fn vendor(name: &'static str, role: Role) -> Keyword {
    keyword(name, None, role)
}

/// The facts of the table, one method each, so that a row reads as a sentence.
impl Keyword {
    const fn holds(mut self, subschemas: Subschemas) -> Self {
        self.subschemas = subschemas;
        self
    }

    const fn lower(mut self) -> Self {
        self.bound = Some(Bound::Lower);
        self
    }

    const fn upper(mut self) -> Self {
        self.bound = Some(Bound::Upper);
        self
    }

    const fn validation_only(mut self) -> Self {
        self.validation_only = true;
        self
    }

    const fn loosening(mut self) -> Self {
        self.loosening = true;
        self
    }

    const fn independent(mut self) -> Self {
        self.independent = true;
        self
    }

    const fn diffed(mut self) -> Self {
        self.diffed = true;
        self
    }

    const fn unmerged(mut self) -> Self {
        self.unmerged = true;
        self
    }

    const fn beside_hiding_ref(mut self) -> Self {
        self.beside_hiding_ref = true;
        self
    }

    const fn typify(mut self, shape: Shape) -> Self {
        self.typify = Some(shape);
        self
    }

    const fn combines(mut self, combination: Combination) -> Self {
        self.combines = Some(combination);
        self
    }

    const fn refers(mut self, reference: Reference) -> Self {
        self.refers = Some(reference);
        self
    }

    const fn names_resource(mut self) -> Self {
        self.names_resource = true;
        self
    }

    const fn on(mut self, instance: JsonType) -> Self {
        self.applies_to = Some(instance);
        self
    }

    const fn documents(mut self) -> Self {
        self.documents = true;
        self
    }
}

use Draft::{Draft4, Draft6, Draft7, Draft2019, Draft2020};
use Role::{Annotation, Applicator, Assertion, Container, Core, Identifier};
use Shape::{
    Anything, Count, Flag, Names, Number, Schema, SchemaMap, SchemaOrSchemas, Schemas, Text, Types,
    Values,
};
use Subschemas::{List, Map, One, OneOrList, SomeOfMap};

/// Every keyword of every dialect, and the vendor annotations the generator knows.
/// `definitions` and `$defs` are known everywhere: both are only places to keep subschemas,
/// and published schemas use either in any dialect.
const VOCABULARY: &[Keyword] = &[
    // Core.
    all("$schema", Core),
    only("id", Draft4, Draft4, Identifier).names_resource(),
    since("$id", Draft6, Identifier).names_resource(),
    all("$ref", Core)
        .refers(Reference::Static)
        .typify(Text)
        .diffed()
        .unmerged()
        .beside_hiding_ref(),
    since("$anchor", Draft2019, Identifier),
    only("$recursiveRef", Draft2019, Draft2019, Core).refers(Reference::Dynamic),
    only("$recursiveAnchor", Draft2019, Draft2019, Core),
    since("$dynamicRef", Draft2020, Core).refers(Reference::Dynamic),
    since("$dynamicAnchor", Draft2020, Core),
    since("$vocabulary", Draft2019, Core),
    since("$comment", Draft7, Annotation),
    all("$defs", Container)
        .holds(Map)
        .typify(SchemaMap)
        .unmerged(),
    all("definitions", Container)
        .holds(Map)
        .typify(SchemaMap)
        .unmerged(),
    // Any instance.
    all("type", Assertion).typify(Types).independent().diffed(),
    all("enum", Assertion)
        .typify(Values)
        .loosening()
        .independent()
        .diffed(),
    since("const", Draft6, Assertion)
        .typify(Anything)
        .loosening()
        .independent()
        .diffed(),
    // Strings.
    all("minLength", Assertion)
        .on(JsonType::String)
        .typify(Count)
        .lower()
        .loosening()
        .diffed(),
    all("maxLength", Assertion)
        .on(JsonType::String)
        .typify(Count)
        .upper()
        .loosening()
        .diffed(),
    all("pattern", Assertion)
        .on(JsonType::String)
        .typify(Text)
        .loosening()
        .independent()
        .diffed(),
    all("format", Assertion)
        .on(JsonType::String)
        .typify(Text)
        .loosening()
        .independent()
        .diffed(),
    // Numbers.
    all("minimum", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .lower()
        .loosening()
        .diffed(),
    all("maximum", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .upper()
        .loosening()
        .diffed(),
    all("exclusiveMinimum", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .lower()
        .loosening()
        .diffed(),
    all("exclusiveMaximum", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .upper()
        .loosening()
        .diffed(),
    all("multipleOf", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .loosening()
        .independent(),
    // Objects.
    all("required", Assertion)
        .on(JsonType::Object)
        .typify(Names)
        .independent()
        .diffed(),
    all("properties", Applicator)
        .on(JsonType::Object)
        .holds(Map)
        .typify(SchemaMap)
        .diffed(),
    all("patternProperties", Applicator)
        .on(JsonType::Object)
        .holds(Map)
        .typify(SchemaMap),
    all("additionalProperties", Applicator)
        .on(JsonType::Object)
        .holds(One)
        .typify(Schema)
        .diffed(),
    since("propertyNames", Draft6, Applicator)
        .on(JsonType::Object)
        .holds(One)
        .validation_only()
        .independent(),
    all("minProperties", Assertion)
        .on(JsonType::Object)
        .lower()
        .validation_only()
        .diffed(),
    all("maxProperties", Assertion)
        .on(JsonType::Object)
        .upper()
        .validation_only()
        .diffed(),
    all("dependencies", Applicator)
        .on(JsonType::Object)
        .holds(SomeOfMap)
        .validation_only(),
    since("dependentRequired", Draft2019, Assertion)
        .on(JsonType::Object)
        .validation_only(),
    since("dependentSchemas", Draft2019, Applicator)
        .on(JsonType::Object)
        .holds(Map)
        .validation_only(),
    since("unevaluatedProperties", Draft2019, Applicator)
        .on(JsonType::Object)
        .holds(One)
        .validation_only(),
    // Arrays.
    all("items", Applicator)
        .on(JsonType::Array)
        .holds(OneOrList)
        .typify(SchemaOrSchemas)
        .diffed(),
    only("additionalItems", Draft4, Draft2019, Applicator)
        .on(JsonType::Array)
        .holds(One)
        .typify(Schema)
        .diffed(),
    since("prefixItems", Draft2020, Applicator)
        .on(JsonType::Array)
        .holds(List)
        .diffed(),
    all("minItems", Assertion)
        .on(JsonType::Array)
        .typify(Count)
        .lower()
        .loosening()
        .diffed(),
    all("maxItems", Assertion)
        .on(JsonType::Array)
        .typify(Count)
        .upper()
        .loosening()
        .diffed(),
    all("uniqueItems", Assertion)
        .on(JsonType::Array)
        .typify(Flag)
        .loosening()
        .independent(),
    since("contains", Draft6, Applicator)
        .on(JsonType::Array)
        .holds(One)
        .validation_only(),
    since("minContains", Draft2019, Assertion)
        .on(JsonType::Array)
        .validation_only(),
    since("maxContains", Draft2019, Assertion)
        .on(JsonType::Array)
        .validation_only(),
    since("unevaluatedItems", Draft2019, Applicator)
        .on(JsonType::Array)
        .holds(One)
        .validation_only(),
    // Applicators.
    all("allOf", Applicator)
        .holds(List)
        .combines(Combination::All)
        .typify(Schemas)
        .independent()
        .diffed(),
    all("anyOf", Applicator)
        .holds(List)
        .combines(Combination::Any)
        .typify(Schemas)
        .independent()
        .diffed(),
    all("oneOf", Applicator)
        .holds(List)
        .combines(Combination::One)
        .typify(Schemas)
        .independent()
        .diffed(),
    all("not", Applicator)
        .holds(One)
        .validation_only()
        .independent(),
    since("if", Draft7, Applicator).holds(One).validation_only(),
    since("then", Draft7, Applicator)
        .holds(One)
        .validation_only(),
    since("else", Draft7, Applicator)
        .holds(One)
        .validation_only(),
    // Annotations.
    all("title", Annotation)
        .typify(Text)
        .documents()
        .unmerged()
        .beside_hiding_ref(),
    all("description", Annotation)
        .typify(Text)
        .documents()
        .unmerged()
        .beside_hiding_ref(),
    all("default", Annotation)
        .typify(Anything)
        .loosening()
        .unmerged(),
    since("examples", Draft6, Annotation),
    since("readOnly", Draft7, Annotation)
        .typify(Flag)
        .unmerged(),
    since("writeOnly", Draft7, Annotation)
        .typify(Flag)
        .unmerged(),
    since("deprecated", Draft2019, Annotation)
        .typify(Flag)
        .unmerged(),
    // Asserted by the validators of every dialect that has them.
    since("contentEncoding", Draft7, Assertion).on(JsonType::String),
    since("contentMediaType", Draft7, Assertion).on(JsonType::String),
    since("contentSchema", Draft2019, Applicator)
        .on(JsonType::String)
        .holds(One),
    // Vendor annotations (OpenAPI's `example`, VS Code's `markdownDescription`).
    vendor("example", Annotation),
    vendor("markdownDescription", Annotation),
    // OpenAPI 3.0's own keywords, which the translation to 2020-12 (`openapi.rs`) rewrites.
    vendor("nullable", Assertion),
    vendor("discriminator", Annotation),
];

/// The combinators, `allOf`, `anyOf` and `oneOf`, in the table's order.
pub fn combinators() -> impl Iterator<Item = &'static Keyword> {
    with(|k| k.combines.is_some())
}

/// The combinators of which one subschema may decide alone: `anyOf` and `oneOf`.
pub fn alternatives() -> impl Iterator<Item = &'static str> {
    with(|k| matches!(k.combines, Some(Combination::Any | Combination::One))).map(|k| k.name)
}

/// The keywords that only keep subschemas for references: `$defs` and `definitions`.
pub fn containers() -> impl Iterator<Item = &'static str> {
    with(|k| k.role == Container).map(|k| k.name)
}

/// Whether a schema with `keyword` is reached through it to another.
pub fn refers(keyword: &str, kind: Reference) -> bool {
    has(keyword, |k| k.refers == Some(kind))
}

/// Whether `value` has the shape typify needs of `keyword` (false for a keyword it does not
/// read).
pub fn typify_reads(keyword: &str, value: &Value) -> bool {
    get(keyword)
        .and_then(|k| k.typify)
        .is_some_and(|shape| shape.admits(value))
}

impl Shape {
    fn admits(self, value: &Value) -> bool {
        let schemas = |v: &Value| {
            v.as_array()
                .is_some_and(|a| !a.is_empty() && a.iter().all(is_schema))
        };
        let names = |values: &[Value]| {
            let strings: Option<BTreeSet<&str>> = values.iter().map(Value::as_str).collect();
            strings.is_some_and(|set| set.len() == values.len())
        };
        match self {
            Text => value.is_string(),
            Anything => true,
            Flag => value.is_boolean(),
            Types => match value {
                Value::String(name) => JsonType::parse(name).is_some(),
                Value::Array(list) => {
                    !list.is_empty()
                        && list
                            .iter()
                            .all(|n| n.as_str().and_then(JsonType::parse).is_some())
                        && names(list)
                }
                _ => false,
            },
            Values => value.as_array().is_some_and(|values| !values.is_empty()),
            Names => value.as_array().is_some_and(|list| names(list)),
            Number => value.is_number(),
            Count => value.as_u64().is_some_and(|n| n <= u64::from(u32::MAX)),
            Schema => is_schema(value),
            Schemas => schemas(value),
            SchemaOrSchemas => is_schema(value) || schemas(value),
            SchemaMap => value.as_object().is_some_and(|m| m.values().all(is_schema)),
        }
    }
}

/// The row of `name`, in any dialect.
pub fn get(name: &str) -> Option<&'static Keyword> {
    VOCABULARY.iter().find(|k| k.name == name)
}

/// Whether some dialect has `name` and it only annotates (`title`, `readOnly`): a
/// refinement's value replaces upstream's, and it may sit beside what typify merges.
pub fn annotates(name: &str) -> bool {
    get(name).is_some_and(|k| k.role == Annotation && k.dialects.is_some())
}

/// Whether a difference in `name` can never change a verdict: annotations (vendor ones
/// too), identifiers and containers (a change inside a `$defs` entry is found through the
/// references that reach it).
pub fn never_decides(name: &str) -> bool {
    get(name).is_some_and(|k| matches!(k.role, Annotation | Identifier | Container))
}

/// Every keyword whose `fact` holds, in the table's order.
pub fn with(fact: impl Fn(&Keyword) -> bool) -> impl Iterator<Item = &'static Keyword> {
    VOCABULARY.iter().filter(move |k| fact(k))
}

/// Whether `name` has `fact` (an unknown name has none).
pub fn has(name: &str, fact: impl Fn(&Keyword) -> bool) -> bool {
    get(name).is_some_and(fact)
}

/// Whether `draft` has `keyword`.
pub fn known(keyword: &str, draft: Draft) -> bool {
    get(keyword).is_some_and(|k| k.in_dialect(draft))
}

/// Every keyword `draft` has, for "did you mean" hints.
pub fn keywords(draft: Draft) -> impl Iterator<Item = &'static str> {
    VOCABULARY
        .iter()
        .filter(move |k| k.in_dialect(draft))
        .map(|k| k.name)
}

/// Every direct subschema of `schema`, with the reference tokens that lead to it, among the
/// keywords `draft` has: what an unknown keyword holds is not a schema.
///
/// `items` may be an array (tuples before 2020-12) and `dependencies` may mix schemas with
/// arrays of names; both are handled. Values of the wrong shape are skipped: reporting them
/// is the validation compiler's job.
pub fn subschemas(schema: &Value, draft: Draft) -> Vec<(Vec<String>, &Value)> {
    let Some(object) = schema.as_object() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (keyword, value) in object {
        let Some(row) = get(keyword).filter(|k| k.in_dialect(draft)) else {
            continue;
        };
        let keyword = keyword.as_str();
        match (row.subschemas, value) {
            (Map, Value::Object(map)) => {
                for (name, sub) in map {
                    out.push((vec![keyword.to_string(), name.clone()], sub));
                }
            }
            (SomeOfMap, Value::Object(map)) => {
                for (name, sub) in map.iter().filter(|(_, sub)| is_schema(sub)) {
                    out.push((vec![keyword.to_string(), name.clone()], sub));
                }
            }
            (List | OneOrList, Value::Array(list)) => {
                for (index, sub) in list.iter().enumerate() {
                    out.push((vec![keyword.to_string(), index.to_string()], sub));
                }
            }
            (One | OneOrList, value) if is_schema(value) => {
                out.push((vec![keyword.to_string()], value));
            }
            _ => {}
        }
    }
    out
}

impl Keyword {
    fn in_dialect(&self, draft: Draft) -> bool {
        self.dialects
            .is_some_and(|(since, until)| (since..=until).contains(&draft))
    }
}

/// A schema is an object or a boolean.
pub fn is_schema(value: &Value) -> bool {
    value.is_object() || value.is_boolean()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn finds_subschemas_in_every_position() {
        let schema = json!({
            "properties": {"a": {}},
            "items": [true, {}],
            "not": false,
            "dependencies": {"x": ["y"], "z": {}},
            "enum": [{"not": "a schema"}],
            "unknown": {"$id": "not-an-id"}
        });
        let mut found: Vec<String> = subschemas(&schema, Draft::Draft7)
            .into_iter()
            .map(|(tokens, _)| tokens.join("/"))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                "dependencies/z",
                "items/0",
                "items/1",
                "not",
                "properties/a"
            ]
        );
    }

    #[test]
    fn dialects_have_their_own_keywords() {
        assert!(known("id", Draft::Draft4) && !known("id", Draft::Draft7));
        assert!(!known("const", Draft::Draft4) && known("const", Draft::Draft6));
        assert!(!known("if", Draft::Draft6) && known("if", Draft::Draft7));
        assert!(known("additionalItems", Draft::Draft2019));
        assert!(!known("additionalItems", Draft::Draft2020));
        assert!(known("$recursiveRef", Draft::Draft2019));
        assert!(!known("$recursiveRef", Draft::Draft2020));
        assert!(keywords(Draft::Draft2020).any(|k| k == "prefixItems"));
    }
}

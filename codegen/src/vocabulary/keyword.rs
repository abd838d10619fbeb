//! What the vocabulary knows of a keyword ([`Keyword`] and its facts), and the functions
//! the table's rows are written with, so that a row reads as a sentence.

use std::collections::BTreeSet;

use serde_json::Value;

use super::json_type::JsonType;
use crate::dialect::Draft;
use Shape::{
    Anything, Count, Flag, Names, Number, Schema, SchemaMap, SchemaOrSchemas, Schemas, Text, Types,
    Values,
};

/// One keyword and what the generator knows of it. Every part that treats keywords
/// differently asks this table, so a keyword's facts are written once, here.
#[derive(Debug)]
pub struct Keyword {
    pub name: &'static str,
    /// The dialects that have it (`since..=until`); `None` for a vendor keyword whose meaning
    /// is known (`example`) but that no dialect defines: unknown to validation.
    pub(super) dialects: Option<(Draft, Draft)>,
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
    /// Applies its subschemas to the instance itself, so that what they evaluate counts for
    /// `unevaluatedProperties` (`allOf`, `$ref`, `if`).
    pub in_place: bool,
    /// A keyword of OpenAPI's Schema Object (its base vocabulary: `discriminator`, `xml`,
    /// `externalDocs`, `example`): known, as an annotation, in an OpenAPI document's schemas.
    pub openapi: bool,
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

pub(super) const fn keyword(
    name: &'static str,
    dialects: Option<(Draft, Draft)>,
    role: Role,
) -> Keyword {
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
        in_place: false,
        openapi: false,
    }
}

pub(super) const fn all(name: &'static str, role: Role) -> Keyword {
    keyword(name, Some((Draft::Draft4, Draft::Draft2020)), role)
}

pub(super) const fn since(name: &'static str, since: Draft, role: Role) -> Keyword {
    keyword(name, Some((since, Draft::Draft2020)), role)
}

pub(super) const fn only(name: &'static str, since: Draft, until: Draft, role: Role) -> Keyword {
    keyword(name, Some((since, until)), role)
}

pub(super) const fn vendor(name: &'static str, role: Role) -> Keyword {
    keyword(name, None, role)
}

/// The facts of the table, one method each, so that a row reads as a sentence.
impl Keyword {
    pub(super) const fn holds(mut self, subschemas: Subschemas) -> Self {
        self.subschemas = subschemas;
        self
    }

    pub(super) const fn lower(mut self) -> Self {
        self.bound = Some(Bound::Lower);
        self
    }

    pub(super) const fn upper(mut self) -> Self {
        self.bound = Some(Bound::Upper);
        self
    }

    pub(super) const fn validation_only(mut self) -> Self {
        self.validation_only = true;
        self
    }

    pub(super) const fn loosening(mut self) -> Self {
        self.loosening = true;
        self
    }

    pub(super) const fn independent(mut self) -> Self {
        self.independent = true;
        self
    }

    pub(super) const fn diffed(mut self) -> Self {
        self.diffed = true;
        self
    }

    pub(super) const fn unmerged(mut self) -> Self {
        self.unmerged = true;
        self
    }

    pub(super) const fn beside_hiding_ref(mut self) -> Self {
        self.beside_hiding_ref = true;
        self
    }

    pub(super) const fn typify(mut self, shape: Shape) -> Self {
        self.typify = Some(shape);
        self
    }

    pub(super) const fn combines(mut self, combination: Combination) -> Self {
        self.combines = Some(combination);
        self
    }

    pub(super) const fn refers(mut self, reference: Reference) -> Self {
        self.refers = Some(reference);
        self
    }

    pub(super) const fn names_resource(mut self) -> Self {
        self.names_resource = true;
        self
    }

    pub(super) const fn on(mut self, instance: JsonType) -> Self {
        self.applies_to = Some(instance);
        self
    }

    pub(super) const fn in_place(mut self) -> Self {
        self.in_place = true;
        self
    }

    pub(super) const fn documents(mut self) -> Self {
        self.documents = true;
        self
    }
}

impl Shape {
    pub(super) fn admits(self, value: &Value) -> bool {
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

impl Keyword {
    pub(super) const fn of_openapi(mut self) -> Self {
        self.openapi = true;
        self
    }

    pub(super) fn in_dialect(&self, draft: Draft) -> bool {
        self.dialects
            .is_some_and(|(since, until)| (since..=until).contains(&draft))
    }
}

/// A schema is an object or a boolean.
pub fn is_schema(value: &Value) -> bool {
    value.is_object() || value.is_boolean()
}

//! The validation graph: one node per reachable subschema, its keywords parsed.

use std::collections::BTreeMap;

use serde_json::{Number, Value};

use crate::resolve::Place;

pub type NodeId = usize;

/// Every reachable subschema, compiled.
pub struct Graph {
    pub nodes: Vec<Node>,
    pub index: BTreeMap<Place, NodeId>,
}

pub struct Node {
    pub place: Place,
    /// Values here, or inside, must never appear in messages.
    pub secret: bool,
    pub body: Body,
}

pub enum Body {
    /// `true` accepts everything, `false` nothing.
    Bool(bool),
    Rules(Box<Rules>),
}

/// The JSON types of the `type` keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum JsonType {
    Null,
    Boolean,
    Object,
    Array,
    Number,
    Integer,
    String,
}

impl JsonType {
    pub(super) fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "object" => JsonType::Object,
            "array" => JsonType::Array,
            "number" => JsonType::Number,
            "integer" => JsonType::Integer,
            "string" => JsonType::String,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::String => "string",
        }
    }
}

/// A subschema reached through a keyword: the node and the keyword path to it
/// (`/properties/expires_in`), escaped, for keyword locations.
#[derive(Debug, Clone)]
pub struct Edge {
    pub node: NodeId,
    pub path: String,
}

/// The keywords of one object schema. Keywords that do not change verdicts are not kept.
#[derive(Default)]
pub struct Rules {
    pub types: Vec<JsonType>,
    pub enum_values: Option<Vec<Value>>,
    pub const_value: Option<Value>,
    pub reference: Option<Edge>,

    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<String>,

    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub exclusive_minimum: Option<Number>,
    pub exclusive_maximum: Option<Number>,
    pub multiple_of: Option<Number>,

    pub required: Vec<String>,
    pub properties: Vec<(String, Edge)>,
    pub pattern_properties: Vec<(String, Edge)>,
    pub additional_properties: Option<Edge>,
    pub property_names: Option<Edge>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    /// (property, keyword path of the list, the properties it requires).
    pub dependent_required: Vec<(String, String, Vec<String>)>,
    /// (property, the schema the whole object must then match).
    pub dependent_schemas: Vec<(String, Edge)>,

    pub prefix_items: Vec<Edge>,
    /// Applies to items after `prefix_items`: `items` (2020-12) or `additionalItems` (draft-07).
    pub items: Option<Edge>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub contains: Option<Edge>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,

    pub all_of: Vec<Edge>,
    pub any_of: Vec<Edge>,
    pub one_of: Vec<Edge>,
    pub not: Option<Edge>,
    pub if_: Option<Edge>,
    pub then_: Option<Edge>,
    pub else_: Option<Edge>,
}

impl Rules {
    /// Every subschema edge, whatever the keyword.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.reference
            .iter()
            .chain(self.properties.iter().map(|(_, e)| e))
            .chain(self.pattern_properties.iter().map(|(_, e)| e))
            .chain(&self.additional_properties)
            .chain(&self.property_names)
            .chain(self.dependent_schemas.iter().map(|(_, e)| e))
            .chain(&self.prefix_items)
            .chain(&self.items)
            .chain(&self.contains)
            .chain(&self.all_of)
            .chain(&self.any_of)
            .chain(&self.one_of)
            .chain(&self.not)
            .chain(&self.if_)
            .chain(&self.then_)
            .chain(&self.else_)
    }
}

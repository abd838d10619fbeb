//! The validation graph: one node per reachable subschema, its keywords parsed.

use std::collections::BTreeMap;

use serde_json::{Number, Value};

use crate::resolve::Place;
pub use crate::vocabulary::JsonType;

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
    /// The schema resource it belongs to, numbered: what the dynamic scope is made of.
    pub resource: u32,
    pub body: Body,
}

pub enum Body {
    /// `true` accepts everything, `false` nothing.
    Bool(bool),
    Rules(Box<Rules>),
}

/// A subschema reached through a keyword: the node and the keyword path to it
/// (`/properties/expires_in`), escaped, for keyword locations.
#[derive(Debug, Clone)]
pub struct Edge {
    pub node: NodeId,
    pub path: String,
}

/// A dynamic reference (`$dynamicRef`, or 2019-09's `$recursiveRef`): its static target, and
/// the subschemas it turns to when one of their resources is in the dynamic scope, outermost
/// first.
#[derive(Debug, Clone)]
pub struct DynamicRef {
    pub fallback: Edge,
    /// (resource, the node of its matching anchor)
    pub candidates: Vec<(u32, NodeId)>,
}

/// draft-07's `contentEncoding` and `contentMediaType`, which it may assert.
#[derive(Debug, Clone, Copy, Default)]
pub struct Content {
    pub base64: bool,
    pub json: bool,
}

/// The keywords of one object schema. Keywords that do not change verdicts are not kept.
#[derive(Default)]
pub struct Rules {
    pub types: Vec<JsonType>,
    /// draft-04 counts only numbers written without a fraction as integers.
    pub integer_without_fraction: bool,
    pub enum_values: Option<Vec<Value>>,
    pub const_value: Option<Value>,
    pub reference: Option<Edge>,
    pub dynamic_reference: Option<DynamicRef>,

    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    /// The format's name, and the runtime function that checks it in this dialect.
    pub format: Option<(String, String)>,
    pub content: Option<Content>,

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

    pub unevaluated_properties: Option<Edge>,
    pub unevaluated_items: Option<Edge>,
    /// Items that match `contains` count as evaluated (from 2020-12).
    pub contains_evaluates: bool,
}

impl Rules {
    /// Every subschema edge, whatever the keyword.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.reference
            .iter()
            .chain(self.dynamic_reference.iter().map(|d| &d.fallback))
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
            .chain(&self.unevaluated_properties)
            .chain(&self.unevaluated_items)
    }

    /// Subschemas whose verdict nothing asks for, unless what they evaluate is recorded
    /// (`annotating`): `if` without `then` or `else`, and `contains` with `minContains: 0`
    /// and no maximum.
    pub fn idle(&self, annotating: bool) -> impl Iterator<Item = NodeId> + '_ {
        let lone_if = self.then_.is_none() && self.else_.is_none() && !annotating;
        let free_contains = self.min_contains == Some(0)
            && self.max_contains.is_none()
            && !(annotating && self.contains_evaluates);
        let if_ = self.if_.as_ref().filter(|_| lone_if);
        let contains = self.contains.as_ref().filter(|_| free_contains);
        if_.into_iter().chain(contains).map(|edge| edge.node)
    }

    /// Points every edge to `from` that applies to the same instance at `to` instead.
    pub fn redirect(&mut self, from: NodeId, to: NodeId) {
        let edges = self
            .reference
            .iter_mut()
            .chain(self.dynamic_reference.iter_mut().map(|d| &mut d.fallback))
            .chain(self.dependent_schemas.iter_mut().map(|(_, e)| e))
            .chain(&mut self.all_of)
            .chain(&mut self.any_of)
            .chain(&mut self.one_of)
            .chain(&mut self.not)
            .chain(&mut self.if_)
            .chain(&mut self.then_)
            .chain(&mut self.else_);
        for edge in edges.filter(|e| e.node == from) {
            edge.node = to;
        }
        let candidates = self
            .dynamic_reference
            .iter_mut()
            .flat_map(|d| &mut d.candidates);
        for (_, node) in candidates.filter(|(_, n)| *n == from) {
            *node = to;
        }
    }

    /// Nodes a dynamic reference may turn to, beside its static target.
    pub fn dynamic_candidates(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.dynamic_reference
            .iter()
            .flat_map(|d| d.candidates.iter().map(|(_, node)| *node))
    }

    /// The edges applied to the same instance as this schema, whose evaluations count for
    /// `unevaluatedProperties` and `unevaluatedItems` (`not` aside: its never do).
    pub fn in_place(&self) -> impl Iterator<Item = &Edge> {
        self.reference
            .iter()
            .chain(self.dynamic_reference.iter().map(|d| &d.fallback))
            .chain(self.dependent_schemas.iter().map(|(_, e)| e))
            .chain(&self.all_of)
            .chain(&self.any_of)
            .chain(&self.one_of)
            .chain(&self.if_)
            .chain(&self.then_)
            .chain(&self.else_)
    }
}

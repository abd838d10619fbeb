//! The validation graph: one node per reachable subschema, its keywords parsed.

use std::collections::BTreeMap;

use super::edge::NodeId;
use super::keywords::Rules;
use crate::resolve::Place;

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

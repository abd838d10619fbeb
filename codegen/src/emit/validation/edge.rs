//! What keywords point at: the nodes of the validation graph, by number. A leaf of its own so
//! that the keyword families, the parser and the node writer can name subschemas without
//! reaching the graph, which holds the families' rules.

pub type NodeId = usize;

/// A subschema reached through a keyword: the node and the keyword path to it
/// (`/properties/expires_in`), escaped, for keyword locations.
#[derive(Debug, Clone)]
pub struct Edge {
    pub node: NodeId,
    pub path: String,
}

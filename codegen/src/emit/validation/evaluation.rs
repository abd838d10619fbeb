//! Which nodes take part in what other keywords ask of evaluation itself: the record of
//! evaluated members and items that `unevaluated*` reads, and the dynamic scope that
//! `$dynamicRef` and `$recursiveRef` read. Schemas without those keywords pay nothing.

use std::collections::{BTreeSet, VecDeque};

use super::edge::NodeId;
use super::graph::{Body, Graph};
use super::keywords::Rules;
use crate::resolve::Place;

fn rules(graph: &Graph, id: NodeId) -> Option<&Rules> {
    match &graph.nodes[id].body {
        Body::Rules(rules) => Some(rules),
        Body::Bool(_) => None,
    }
}

/// Everything reachable from `start` through `next`.
fn reachable(
    start: impl IntoIterator<Item = NodeId>,
    mut next: impl FnMut(NodeId) -> Vec<NodeId>,
) -> BTreeSet<NodeId> {
    let mut seen = BTreeSet::new();
    let mut queue: VecDeque<NodeId> = start.into_iter().collect();
    while let Some(id) = queue.pop_front() {
        if seen.insert(id) {
            queue.extend(next(id));
        }
    }
    seen
}

/// The nodes that record what they evaluate: those with `unevaluated*`, and every subschema
/// they apply in place, however deep.
pub fn annotating_nodes(graph: &Graph) -> BTreeSet<NodeId> {
    let start = (0..graph.nodes.len())
        .filter(|&id| rules(graph, id).is_some_and(|rules| rules.unevaluated.tracks()));
    reachable(start, |id| match rules(graph, id) {
        Some(rules) => rules
            .in_place()
            .map(|edge| edge.node)
            .chain(rules.dynamic_candidates())
            .collect(),
        None => Vec::new(),
    })
}

/// The nodes that enter their schema resource in the dynamic scope: when any dynamic
/// reference has a choice to make, the roots and every node reached from another resource.
pub fn scoped_nodes(graph: &Graph, roots: &[Place]) -> BTreeSet<NodeId> {
    let dynamic = graph.nodes.iter().any(|node| match &node.body {
        Body::Rules(rules) => rules.dynamic_candidates().next().is_some(),
        Body::Bool(_) => false,
    });
    if !dynamic {
        return BTreeSet::new();
    }
    let mut scoped: BTreeSet<NodeId> = roots.iter().map(|root| graph.index[root]).collect();
    for (id, node) in graph.nodes.iter().enumerate() {
        if let Some(rules) = rules(graph, id) {
            let targets = rules
                .edges()
                .map(|edge| edge.node)
                .chain(rules.dynamic_candidates());
            scoped.extend(targets.filter(|&t| graph.nodes[t].resource != node.resource));
        }
    }
    scoped
}

/// The nodes whose verdict may depend on the dynamic scope: those that can reach a dynamic
/// reference with a choice to make.
pub fn reaching_dynamic_references(graph: &Graph) -> BTreeSet<NodeId> {
    let mut parents: Vec<Vec<NodeId>> = vec![Vec::new(); graph.nodes.len()];
    let mut start = Vec::new();
    for id in 0..graph.nodes.len() {
        if let Some(rules) = rules(graph, id) {
            if rules.dynamic_candidates().next().is_some() {
                start.push(id);
            }
            for child in rules
                .edges()
                .map(|e| e.node)
                .chain(rules.dynamic_candidates())
            {
                parents[child].push(id);
            }
        }
    }
    reachable(start, |id| parents[id].clone())
}

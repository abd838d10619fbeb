//! Which subschemas remember their verdicts ([`Out::memoized`]).
//!
//! A recursive schema can reach one part of a document by many paths: with
//! `{"anyOf": [{"$ref": "#"}, {"$ref": "#"}]}` and a document nested `d` deep, each level
//! tries both branches, and plain recursion does `2^d` evaluations. Remembering the verdict of
//! each (subschema, array or object) pair makes that one evaluation per pair.
//!
//! Only cycles that can branch need it. A cycle whose every node descends into disjoint
//! parts (`properties` of different names, `prefixItems`, `items` after them,
//! `additionalProperties`) visits each part once, as an ordinary tree walk does; it keeps
//! plain recursion, and so does every schema without cycles (Credentials).
//!
//! [`Out::memoized`]: schema_runtime::validation::Out::memoized

use std::collections::BTreeSet;

use super::edge::NodeId;
use super::graph::{Body, Graph};

/// The nodes whose functions remember their verdicts.
pub fn memoized_nodes(graph: &Graph) -> BTreeSet<NodeId> {
    let children = |id: NodeId| -> Vec<(NodeId, &str)> {
        match &graph.nodes[id].body {
            Body::Rules(rules) => rules
                .edges()
                .map(|edge| (edge.node, edge.path.as_str()))
                .collect(),
            Body::Bool(_) => Vec::new(),
        }
    };
    let mut memoized = BTreeSet::new();
    for component in cycles(graph.nodes.len(), |id| {
        children(id).into_iter().map(|(c, _)| c).collect()
    }) {
        let branches = component.iter().any(|&id| {
            let inside: Vec<&str> = children(id)
                .into_iter()
                .filter(|(child, _)| component.contains(child))
                .map(|(_, path)| path)
                .collect();
            inside.len() >= 2 && !inside.iter().all(|path| disjoint(path))
        });
        if branches {
            memoized.extend(component);
        }
    }
    memoized
}

/// Whether a keyword path leads to a part no other edge of the same node reaches.
fn disjoint(path: &str) -> bool {
    path.starts_with("/properties/")
        || path.starts_with("/prefixItems/")
        || path.starts_with("/items/")
        || path == "/items"
        || path == "/additionalItems"
        || path == "/additionalProperties"
}

/// The strongly connected components that form cycles (two nodes or more, or one that
/// reaches itself), by Tarjan's algorithm, iteratively so that deep graphs cannot exhaust
/// the stack.
fn cycles(count: usize, children: impl Fn(NodeId) -> Vec<NodeId>) -> Vec<BTreeSet<NodeId>> {
    const UNSEEN: usize = usize::MAX;
    let mut index = vec![UNSEEN; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut found = Vec::new();
    for root in 0..count {
        if index[root] != UNSEEN {
            continue;
        }
        // (node, its children, how many of them are done)
        let mut calls: Vec<(NodeId, Vec<NodeId>, usize)> = vec![(root, children(root), 0)];
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some((node, kids, done)) = calls.last_mut() {
            let node = *node;
            if let Some(&child) = kids.get(*done) {
                *done += 1;
                if index[child] == UNSEEN {
                    index[child] = next;
                    low[child] = next;
                    next += 1;
                    stack.push(child);
                    on_stack[child] = true;
                    calls.push((child, children(child), 0));
                } else if on_stack[child] {
                    low[node] = low[node].min(index[child]);
                }
                continue;
            }
            calls.pop();
            if let Some((parent, _, _)) = calls.last() {
                low[*parent] = low[*parent].min(low[node]);
            }
            if low[node] == index[node] {
                let mut component = BTreeSet::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.insert(member);
                    if member == node {
                        break;
                    }
                }
                let cyclic = component.len() > 1 || children(node).contains(&node);
                if cyclic {
                    found.push(component);
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_cycles_and_only_cycles() {
        // 0 → 1 → 2 → 0, 2 → 3, 3 → 3, 4 alone.
        let edges = [vec![1], vec![2], vec![0, 3], vec![3], vec![]];
        let mut found = cycles(5, |id| edges[id].clone());
        found.sort();
        assert_eq!(found, [BTreeSet::from([0, 1, 2]), BTreeSet::from([3])]);
    }

    #[test]
    fn deep_chains_do_not_exhaust_the_stack() {
        let n = 200_000;
        let found = cycles(n, |id| vec![(id + 1) % n]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].len(), n);
    }

    #[test]
    fn disjoint_parts_need_no_memo() {
        assert!(disjoint("/properties/left"));
        assert!(disjoint("/items"));
        assert!(!disjoint("/anyOf/0"));
        assert!(!disjoint("/$ref"));
        assert!(!disjoint("/contains"));
        assert!(!disjoint("/patternProperties/^a"));
    }
}

//! `items`, `prefixItems`, draft-07's array `items` and `additionalItems`, `minItems`,
//! `maxItems`, `uniqueItems`, `contains`, `minContains` and `maxContains`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::super::edge::{Edge, NodeId};
use super::super::node_writer::{NodeWriter, count};
use super::super::parser::Parser;
use crate::dialect::Draft;
use crate::error::Kind;

/// The keywords of this family in one schema.
#[derive(Default)]
pub struct Rules {
    pub prefix_items: Vec<Edge>,
    /// Applies to items after `prefix_items`: `items` (2020-12) or `additionalItems` (draft-07).
    pub items: Option<Edge>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub contains: Option<Edge>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,
    /// Items that match `contains` count as evaluated (from 2020-12).
    pub contains_evaluates: bool,
}

impl Rules {
    /// Every subschema edge.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.prefix_items
            .iter()
            .chain(&self.items)
            .chain(&self.contains)
    }

    /// `contains` when nothing asks its verdict, unless what it evaluates is recorded
    /// (`annotating`): with `minContains: 0` and no maximum, any number of matches holds.
    pub fn idle(&self, annotating: bool) -> Option<NodeId> {
        let free = self.min_contains == Some(0)
            && self.max_contains.is_none()
            && !(annotating && self.contains_evaluates);
        self.contains
            .as_ref()
            .filter(|_| free)
            .map(|edge| edge.node)
    }
}

pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) {
    let draft = p.draft();
    match p.get("items") {
        Some(Value::Array(_)) if draft.array_items() => {
            // A tuple, then `additionalItems` for the rest (`prefixItems` from 2020-12).
            rules.prefix_items = p.list("items", false);
            rules.items = p.single("additionalItems", false);
        }
        Some(Value::Array(_)) => {
            p.problem(
                Kind::MalformedKeyword,
                "items",
                format!("in {draft} `items` is one schema; use `prefixItems` for a tuple"),
            );
        }
        _ => {
            if p.has("prefixItems") {
                rules.prefix_items = p.list("prefixItems", false);
            }
            rules.items = p.single("items", false);
        }
    }
    // A minimum of 0 always holds.
    rules.min_items = p.count("minItems").filter(|&n| n > 0);
    rules.max_items = p.count("maxItems");
    match p.get("uniqueItems") {
        None => {}
        Some(Value::Bool(b)) => rules.unique_items = *b,
        Some(_) => p.problem(
            Kind::MalformedKeyword,
            "uniqueItems",
            "`uniqueItems` must be a boolean",
        ),
    }
    rules.contains = p.single("contains", false);
    rules.min_contains = p.count("minContains");
    rules.max_contains = p.count("maxContains");
    rules.contains_evaluates = p.draft() >= Draft::Draft2020;
}

pub fn checks(e: &NodeWriter<'_>, r: &Rules) -> Option<TokenStream> {
    let mut checks = Vec::new();
    if let Some(min) = r.min_items {
        let min = count(min);
        checks.push(e.check(
            quote! { (items.len() as u64) < #min },
            "/minItems",
            quote! { messages::too_few_items(items.len(), #min) },
        ));
    }
    if let Some(max) = r.max_items {
        let max = count(max);
        checks.push(e.check(
            quote! { (items.len() as u64) > #max },
            "/maxItems",
            quote! { messages::too_many_items(items.len(), #max) },
        ));
    }
    if r.unique_items {
        checks.push(quote! {
            if let Some((first, second)) = value::first_duplicate(items) {
                if out.fail(at, kw, "/uniqueItems", || messages::duplicate_items(first, second)) {
                    return false;
                }
            }
        });
    }
    for (index, edge) in r.prefix_items.iter().enumerate() {
        let apply = e.apply(edge, quote! { item }, quote! { &at.index(#index) });
        let get = if index == 0 {
            quote! { items.first() }
        } else {
            quote! { items.get(#index) }
        };
        checks.push(quote! { if let Some(item) = #get { #apply } });
    }
    if !r.prefix_items.is_empty() {
        let n = r.prefix_items.len();
        checks.extend(e.record(quote! { out.evaluated_prefix(v, #n); }));
    }
    if let Some(edge) = &r.items {
        let skip = r.prefix_items.len();
        let apply = e.apply(edge, quote! { item }, quote! { &at.index(index) });
        let skip = (skip > 0).then(|| quote! { .skip(#skip) });
        checks.push(quote! {
            for (index, item) in items.iter().enumerate() #skip { #apply }
        });
        checks.extend(e.record(quote! { out.evaluated_all(v); }));
    }
    // Zero or more matches always holds: then `contains` decides nothing, and only counts
    // for `unevaluatedItems`.
    let contains_edge = r
        .contains
        .as_ref()
        .filter(|_| r.idle(e.annotating).is_none());
    if let Some(edge) = contains_edge {
        checks.push(contains(e, r, edge));
    }
    if checks.is_empty() {
        return None;
    }
    let descends = !r.prefix_items.is_empty() || r.items.is_some() || contains_edge.is_some();
    let guard = descends.then(|| {
        quote! {
            if !may_descend(at) {
                return out.too_deep(at, kw);
            }
        }
    });
    Some(quote! { if let Value::Array(items) = v { #guard #(#checks)* } })
}

fn contains(e: &NodeWriter<'_>, r: &Rules, edge: &Edge) -> TokenStream {
    let test = e.test(edge, quote! { item });
    let min = r.min_contains.unwrap_or(1);
    let min_tokens = count(min);
    let max_tokens = match r.max_contains {
        Some(max) => {
            let max = count(max);
            quote! { Some(#max) }
        }
        None => quote! { None },
    };
    let message = quote! { messages::contains(matched, #min_tokens, #max_tokens) };
    let min_keyword = if r.min_contains.is_some() {
        "/minContains"
    } else {
        "/contains"
    };
    let record = e.record(quote! { out.evaluated_index(v, index); });
    if let Some(record) = record
        .as_ref()
        .filter(|_| min == 0 && r.max_contains.is_none())
    {
        // Nothing to count: only what matches is recorded.
        return quote! {
            for (index, item) in items.iter().enumerate() {
                if #test {
                    #record
                }
            }
        };
    }
    let mut check = match record {
        // From 2020-12, the items `contains` matches count as evaluated.
        Some(record) if r.contains_evaluates => quote! {
            let mut matched = 0;
            for (index, item) in items.iter().enumerate() {
                if #test {
                    matched += 1;
                    #record
                }
            }
        },
        _ => quote! {
            let matched = items.iter().filter(|item| #test).count();
        },
    };
    if min > 0 {
        check.extend(e.check(
            quote! { (matched as u64) < #min_tokens },
            min_keyword,
            message.clone(),
        ));
    }
    if let Some(max) = r.max_contains {
        let max = count(max);
        check.extend(e.check(quote! { (matched as u64) > #max }, "/maxContains", message));
    }
    quote! {{ #check }}
}

/// Whether the fast path can take a scalar property with these keywords: only without any.
/// They never apply to a scalar, but a schema that has them is not one it was written for.
/// Every field is named, so that a new keyword cannot slip past the fast path. None of them
/// applies to an object: the root is not asked.
pub fn fast_member(r: &Rules) -> bool {
    let Rules {
        prefix_items,
        items,
        min_items,
        max_items,
        unique_items,
        contains,
        min_contains,
        max_contains,
        // How `contains` counts, not a keyword of its own.
        contains_evaluates: _,
    } = r;
    prefix_items.is_empty()
        && items.is_none()
        && min_items.is_none()
        && max_items.is_none()
        && !unique_items
        && contains.is_none()
        && min_contains.is_none()
        && max_contains.is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_that_any_count_satisfies_is_idle_unless_its_matches_are_recorded() {
        let free = |contains_evaluates| Rules {
            contains: Some(Edge {
                node: 7,
                path: "/contains".into(),
            }),
            min_contains: Some(0),
            contains_evaluates,
            ..Rules::default()
        };
        assert_eq!(free(true).idle(false), Some(7));
        assert_eq!(free(true).idle(true), None);
        assert_eq!(free(false).idle(true), Some(7));
        let bounded = Rules {
            max_contains: Some(2),
            ..free(false)
        };
        assert_eq!(bounded.idle(false), None);
    }
}

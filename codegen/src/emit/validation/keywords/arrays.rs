//! `items`, `prefixItems`, draft-07's array `items` and `additionalItems`, `minItems`,
//! `maxItems`, `uniqueItems`, `contains`, `minContains` and `maxContains`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::super::graph::Rules;
use super::super::node_writer::{NodeWriter, count};
use super::super::parser::Parser;
use crate::error::Kind;

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
}

pub fn checks(e: &NodeWriter<'_>) -> Option<TokenStream> {
    let r = e.rules;
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
        .filter(|edge| !r.idle(e.annotating).any(|idle| idle == edge.node));
    if let Some(edge) = contains_edge {
        checks.push(contains(e, edge));
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

fn contains(e: &NodeWriter<'_>, edge: &super::super::graph::Edge) -> TokenStream {
    let r = e.rules;
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

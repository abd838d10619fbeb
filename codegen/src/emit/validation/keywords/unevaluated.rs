//! `unevaluatedProperties` and `unevaluatedItems` (2019-09 on): a subschema for the members
//! and items that no other keyword evaluated, here or in any subschema applied in place that
//! found the value valid. They run last, after everything they depend on.
//!
//! The record of what was evaluated lives in the runtime (`evaluated.rs`); a schema with one
//! of these keywords runs in a frame of its own (see `nodes.rs`), and the schemas it applies
//! in place are "annotating": they record what they evaluate (see [`NodeWriter::record`]).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::graph::{Body, Rules};
use super::super::node_writer::NodeWriter;
use super::super::parser::Parser;
use crate::dialect::Draft;

pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) {
    rules.unevaluated_properties = p.single("unevaluatedProperties", false);
    rules.unevaluated_items = p.single("unevaluatedItems", false);
    rules.contains_evaluates = p.draft() >= Draft::Draft2020;
}

/// Whether `rules` needs a frame of its own: what it and its in-place subschemas evaluate.
pub fn tracks(rules: &Rules) -> bool {
    rules.unevaluated_properties.is_some() || rules.unevaluated_items.is_some()
}

pub fn checks(e: &NodeWriter<'_>) -> Vec<TokenStream> {
    let r = e.rules;
    let mut checks = Vec::new();
    if let Some(edge) = &r.unevaluated_properties {
        let refuse = matches!(e.graph.nodes[edge.node].body, Body::Bool(false));
        let each = if refuse {
            quote! {
                if out.fail(&at.key(key), kw, "/unevaluatedProperties", || messages::unevaluated_property(key)) {
                    return false;
                }
            }
        } else {
            e.apply(edge, quote! { item }, quote! { &at.key(key) })
        };
        let each_member = if refuse {
            quote! { for key in map.keys() }
        } else {
            quote! { for (key, item) in map }
        };
        checks.push(quote! {
            if let Value::Object(map) = v {
                #each_member {
                    if !out.is_evaluated_key(v, key) {
                        #each
                    }
                }
                out.evaluated_all(v);
            }
        });
    }
    if let Some(edge) = &r.unevaluated_items {
        let refuse = matches!(e.graph.nodes[edge.node].body, Body::Bool(false));
        let each = if refuse {
            quote! {
                if out.fail(&at.index(index), kw, "/unevaluatedItems", || messages::unevaluated_item(index)) {
                    return false;
                }
            }
        } else {
            e.apply(edge, quote! { item }, quote! { &at.index(index) })
        };
        let each_item = if refuse {
            quote! { for index in 0..items.len() }
        } else {
            quote! { for (index, item) in items.iter().enumerate() }
        };
        checks.push(quote! {
            if let Value::Array(items) = v {
                #each_item {
                    if !out.is_evaluated_index(v, index) {
                        #each
                    }
                }
                out.evaluated_all(v);
            }
        });
    }
    checks
}

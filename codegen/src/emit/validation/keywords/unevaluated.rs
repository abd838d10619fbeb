//! `unevaluatedProperties` and `unevaluatedItems` (2019-09 on): a subschema for the members
//! and items that no other keyword evaluated, here or in any subschema applied in place that
//! found the value valid. They run last, after everything they depend on.
//!
//! The record of what was evaluated lives in the runtime (`evaluated.rs`); a schema with one
//! of these keywords runs in a frame of its own (see `nodes.rs`), and the schemas it applies
//! in place are "annotating": they record what they evaluate (see [`NodeWriter::record`]).

use proc_macro2::TokenStream;
use quote::quote;

use super::super::edge::Edge;
use super::super::node_writer::NodeWriter;
use super::super::parser::Parser;

/// The keywords of this family in one schema.
#[derive(Default)]
pub struct Rules {
    pub unevaluated_properties: Option<Edge>,
    pub unevaluated_items: Option<Edge>,
}

impl Rules {
    /// Every subschema edge.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.unevaluated_properties
            .iter()
            .chain(&self.unevaluated_items)
    }

    /// The edges whose `false` [`checks`] writes inline, to name the member or item it
    /// refuses.
    pub fn checked_inline(&self) -> impl Iterator<Item = &Edge> {
        self.edges()
    }

    /// Whether the schema needs a frame of its own: what it and its in-place subschemas
    /// evaluate.
    pub fn tracks(&self) -> bool {
        self.unevaluated_properties.is_some() || self.unevaluated_items.is_some()
    }
}

pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) {
    rules.unevaluated_properties = p.single("unevaluatedProperties", false);
    rules.unevaluated_items = p.single("unevaluatedItems", false);
}

pub fn checks(e: &NodeWriter<'_>, r: &Rules) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    if let Some(edge) = &r.unevaluated_properties {
        let refuse = e.paths.refuses_all(edge.node);
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
        let refuse = e.paths.refuses_all(edge.node);
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

/// Whether the fast path can take a root with these keywords: without
/// `unevaluatedProperties` (`unevaluatedItems` does not apply to an object). Every field is
/// named, so that a new keyword cannot slip past the fast path.
pub fn fast_root(r: &Rules) -> bool {
    let Rules {
        unevaluated_properties,
        unevaluated_items: _,
    } = r;
    unevaluated_properties.is_none()
}

/// Whether the fast path can take a scalar property with these keywords: only without any.
pub fn fast_member(r: &Rules) -> bool {
    let Rules {
        unevaluated_properties,
        unevaluated_items,
    } = r;
    unevaluated_properties.is_none() && unevaluated_items.is_none()
}

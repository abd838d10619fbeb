//! One validation node as a Rust function: its keywords' checks (from the families in
//! `keywords/`) between counting where its failures start and judging whether any came.
//!
//! Every generated function has the signature of `schema_runtime::validation::Check` and
//! returns whether the value is valid; when only the verdict counts, it returns at the first
//! failure.

use proc_macro2::TokenStream;
use quote::quote;

use super::graph::{Body, Node};
use super::keywords;
use super::node_writer::{NodeWriter, Paths};
use crate::emit::tokens::mentions;

/// How one node's function is written, beside its keywords.
pub struct Shape {
    /// The node's number when its verdicts are remembered (see [`super::memo`]).
    pub memo: Option<u32>,
    /// It records what it evaluates, for an `unevaluated*` keyword (see [`NodeWriter`]).
    pub annotating: bool,
    /// It enters its schema resource in the dynamic scope, for `$dynamicRef`.
    pub scoped: bool,
}

/// The function for `node`, named `name`.
pub fn function(
    node: &Node,
    name: &syn::Ident,
    doc: &str,
    paths: &dyn Paths,
    shape: &Shape,
) -> TokenStream {
    let body = match &node.body {
        Body::Bool(true) => quote! { true },
        Body::Bool(false) => quote! {
            out.fail(at, kw, "", messages::nothing_allowed);
            false
        },
        Body::Rules(rules) => {
            let writer = NodeWriter {
                secret: node.secret,
                paths,
                annotating: shape.annotating,
            };
            let checks = keywords::checks(&writer, rules);
            let body = if checks.is_empty() {
                quote! { true }
            } else {
                quote! {
                    let start = out.start();
                    #(#checks)*
                    out.valid_since(start)
                }
            };
            if rules.unevaluated.tracks() {
                quote! { out.branch(v, |out| { #body }) }
            } else {
                body
            }
        }
    };
    // A body that evaluates nothing below cannot meet a dynamic reference.
    let body = if shape.scoped && mentions(&body, "out") {
        let resource = node.resource;
        quote! { out.in_resource(#resource, |out| { #body }) }
    } else {
        body
    };
    let body = match shape.memo {
        Some(id) => quote! { out.memoized(#id, v, |out| { #body }) },
        None => body,
    };
    // Parameters the body does not use are named `_…`, so that generated code compiles
    // without warnings under `#![deny(warnings)]`.
    let param = |ident: &str| {
        let name = if mentions(&body, ident) {
            ident.to_string()
        } else {
            format!("_{ident}")
        };
        syn::Ident::new(&name, proc_macro2::Span::call_site())
    };
    let (v, at, kw, out) = (param("v"), param("at"), param("kw"), param("out"));
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(#v: &Value, #at: &Loc<'_>, #kw: &Kw<'_>, #out: &mut Out) -> bool {
            #body
        }
    }
}

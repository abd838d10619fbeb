//! What the keyword families write their checks with: a failing condition and its message,
//! a subschema applied to a value, a subschema's verdict alone.
//!
//! Generated validators name the runtime through one `use ::schema_runtime::check::*;`, and
//! have the signature of `schema_runtime::validation::Check`: `v`, `at`, `kw`, `out`.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Number, Value};

use super::edge::{Edge, NodeId};

/// What a node's checks need to know of the nodes their keywords apply, answered by the
/// emitter that holds the graph (the families never see it: it holds their rules).
pub trait Paths {
    /// How to call the function of `node` from the module being generated.
    fn path(&self, node: NodeId) -> TokenStream;
    /// Whether `node` is `false`: a parent that names the member or item it refuses checks
    /// it inline instead of calling it.
    fn refuses_all(&self, node: NodeId) -> bool;
}

/// One node's keywords, being written out; each family's checks take its own rules beside.
pub struct NodeWriter<'g> {
    /// Values here must not appear in messages.
    pub secret: bool,
    pub paths: &'g dyn Paths,
    /// What this schema evaluates counts for an `unevaluated*` keyword applied to the same
    /// value (see `evaluated.rs` in the runtime): it records it, and what it applies in place
    /// runs in frames of its own.
    pub annotating: bool,
}

impl NodeWriter<'_> {
    /// Fails `keyword` (`/minimum`) with `message` when `failing` holds; returns at once when
    /// only the verdict counts.
    pub fn check(&self, failing: TokenStream, keyword: &str, message: TokenStream) -> TokenStream {
        quote! {
            if #failing && out.fail(at, kw, #keyword, || #message) {
                return false;
            }
        }
    }

    /// [`Self::check`] with a message function that takes nothing (`messages::not`).
    pub fn check_fn(
        &self,
        failing: TokenStream,
        keyword: &str,
        message: TokenStream,
    ) -> TokenStream {
        quote! {
            if #failing && out.fail(at, kw, #keyword, #message) {
                return false;
            }
        }
    }

    /// Whether the subschema of `edge` accepts `value` at `at`, reporting its errors: a call.
    pub fn call(&self, edge: &Edge, value: TokenStream, at: TokenStream) -> TokenStream {
        let path = self.paths.path(edge.node);
        let segment = &edge.path;
        quote! { #path(#value, #at, &kw.push(#segment), out) }
    }

    /// Applies the subschema of `edge` to `value` at `at`: a statement.
    pub fn apply(&self, edge: &Edge, value: TokenStream, at: TokenStream) -> TokenStream {
        let call = self.call(edge, value, at);
        quote! {
            if !#call && out.stop() {
                return false;
            }
        }
    }

    /// Whether the subschema of `edge` accepts `value`, its errors discarded.
    pub fn test(&self, edge: &Edge, value: TokenStream) -> TokenStream {
        let path = self.paths.path(edge.node);
        quote! { out.test(|out| #path(#value, at, kw, out)) }
    }

    /// `call`, of a subschema on this very value, in a frame of its own when this schema is
    /// annotating: what it evaluates counts only if it is valid.
    fn in_place(&self, call: TokenStream) -> TokenStream {
        if self.annotating {
            quote! { out.branch(v, |out| #call) }
        } else {
            call
        }
    }

    /// Applies the subschema of `edge` to this very value (`$ref`, `allOf`, ...).
    pub fn apply_in_place(&self, edge: &Edge) -> TokenStream {
        let call = self.in_place(self.call(edge, quote! { v }, quote! { at }));
        quote! {
            if !#call && out.stop() {
                return false;
            }
        }
    }

    /// Whether the subschema of `edge` accepts this very value (`anyOf`, `if`, ...), its
    /// errors discarded and, when annotating, its evaluations kept if it does.
    pub fn test_in_place(&self, edge: &Edge) -> TokenStream {
        let path = self.paths.path(edge.node);
        let call = self.in_place(quote! { #path(v, at, kw, out) });
        quote! { out.test(|out| #call) }
    }

    /// `statement` (a record of what was evaluated), when this schema is annotating.
    pub fn record(&self, statement: TokenStream) -> Option<TokenStream> {
        self.annotating.then_some(statement)
    }
}

/// A bound as a `Limit` literal.
pub fn limit(n: &Number) -> TokenStream {
    match schema_runtime::num::Limit::of(n) {
        schema_runtime::num::Limit::Int(i) => {
            let i = Literal::i128_unsuffixed(i);
            quote! { Limit::Int(#i) }
        }
        schema_runtime::num::Limit::Float(f) => {
            let f = Literal::f64_unsuffixed(f);
            quote! { Limit::Float(#f) }
        }
    }
}

/// A count as an unsuffixed literal.
pub fn count(n: u64) -> TokenStream {
    let n = Literal::u64_unsuffixed(n);
    quote! { #n }
}

/// A list of values for a message, cut short when long.
pub fn listed(values: &[Value]) -> String {
    const SHOWN: usize = 10;
    let mut parts: Vec<String> = values.iter().take(SHOWN).map(Value::to_string).collect();
    if values.len() > SHOWN {
        parts.push(format!("… ({} in all)", values.len()));
    }
    parts.join(", ")
}

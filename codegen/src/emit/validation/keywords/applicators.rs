//! `allOf`, `anyOf`, `oneOf`, `not`, and `if`/`then`/`else`: subschemas applied to the same
//! value. Alternatives are tested for their verdict alone; their errors are not reported.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::edge::{Edge, NodeId};
use super::super::node_writer::NodeWriter;
use super::super::parser::Parser;

/// The keywords of this family in one schema.
#[derive(Default)]
pub struct Rules {
    pub all_of: Vec<Edge>,
    pub any_of: Vec<Edge>,
    pub one_of: Vec<Edge>,
    pub not: Option<Edge>,
    pub if_: Option<Edge>,
    pub then_: Option<Edge>,
    pub else_: Option<Edge>,
}

impl Rules {
    /// Every subschema edge: all of them apply to this very value.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.all_of
            .iter()
            .chain(&self.any_of)
            .chain(&self.one_of)
            .chain(&self.not)
            .chain(&self.if_)
            .chain(&self.then_)
            .chain(&self.else_)
    }

    /// The edges whose evaluations count for `unevaluated*`: all but `not`'s, which never do.
    pub fn in_place(&self) -> impl Iterator<Item = &Edge> {
        self.all_of
            .iter()
            .chain(&self.any_of)
            .chain(&self.one_of)
            .chain(&self.if_)
            .chain(&self.then_)
            .chain(&self.else_)
    }

    /// Points every edge to `from` at `to` instead.
    pub fn redirect(&mut self, from: NodeId, to: NodeId) {
        let edges = self
            .all_of
            .iter_mut()
            .chain(&mut self.any_of)
            .chain(&mut self.one_of)
            .chain(&mut self.not)
            .chain(&mut self.if_)
            .chain(&mut self.then_)
            .chain(&mut self.else_);
        for edge in edges.filter(|e| e.node == from) {
            edge.node = to;
        }
    }

    /// `if` when nothing asks its verdict (no `then`, no `else`), unless what it evaluates is
    /// recorded (`annotating`).
    pub fn idle(&self, annotating: bool) -> Option<NodeId> {
        let lone = self.then_.is_none() && self.else_.is_none() && !annotating;
        self.if_.as_ref().filter(|_| lone).map(|edge| edge.node)
    }
}

pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) {
    rules.all_of = p.list("allOf", true);
    rules.any_of = p.list("anyOf", true);
    rules.one_of = p.list("oneOf", true);
    rules.not = p.single("not", true);
    // `if` alone, or `then`/`else` without `if`, decides nothing; from 2019-09 what `if`
    // evaluates still counts for `unevaluated*`.
    let has_branch = p.has("then") || p.has("else");
    if p.has("if") && (has_branch || p.draft() >= crate::dialect::Draft::Draft2019) {
        rules.if_ = p.single("if", true);
        if rules.if_.is_some() {
            rules.then_ = p.single("then", true);
            rules.else_ = p.single("else", true);
        }
    }
}

pub fn checks(e: &NodeWriter<'_>, r: &Rules) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    for edge in &r.all_of {
        checks.push(e.apply_in_place(edge));
    }
    if !r.any_of.is_empty() {
        let tests = r.any_of.iter().map(|edge| e.test_in_place(edge));
        let n = r.any_of.len();
        // What every valid alternative evaluates counts, so none may be skipped.
        let failing = if e.annotating {
            quote! { !(#(#tests)|*) }
        } else {
            quote! { !(#(#tests)||*) }
        };
        checks.push(e.check(failing, "/anyOf", quote! { messages::any_of(#n) }));
    }
    if !r.one_of.is_empty() {
        let tests = r.one_of.iter().map(|edge| e.test_in_place(edge));
        let n = r.one_of.len();
        let check = e.check(
            quote! { matched.len() != 1 },
            "/oneOf",
            quote! { messages::one_of(&matched, #n) },
        );
        checks.push(quote! {{
            let matched = matching([#(#tests),*]);
            #check
        }});
    }
    if let Some(edge) = &r.not {
        let test = e.test(edge, quote! { v });
        // What `not` evaluates never counts, even when its subschema records it.
        let test = if e.annotating {
            quote! { out.isolated(v, |out| #test) }
        } else {
            test
        };
        checks.push(e.check_fn(test, "/not", quote! { messages::not }));
    }
    if let Some(condition) = &r.if_ {
        let test = e.test_in_place(condition);
        let then_ = r.then_.as_ref().map(|edge| e.apply_in_place(edge));
        let else_ = r.else_.as_ref().map(|edge| e.apply_in_place(edge));
        checks.push(match (then_, else_) {
            (Some(then_), Some(else_)) => quote! { if #test { #then_ } else { #else_ } },
            (Some(then_), None) => quote! { if #test { #then_ } },
            (None, Some(else_)) => quote! { if !#test { #else_ } },
            // Nothing asks its verdict; what it evaluates may still count.
            (None, None) if e.annotating => quote! { let _ = #test; },
            (None, None) => quote! {},
        });
    }
    checks
}

/// Whether the fast path can take a schema, root or property, with these keywords: only
/// without any. Every field is named, so that a new keyword cannot slip past the fast path.
pub fn fast_path_free(r: &Rules) -> bool {
    let Rules {
        all_of,
        any_of,
        one_of,
        not,
        if_,
        then_,
        else_,
    } = r;
    all_of.is_empty()
        && any_of.is_empty()
        && one_of.is_empty()
        && not.is_none()
        && if_.is_none()
        && then_.is_none()
        && else_.is_none()
}

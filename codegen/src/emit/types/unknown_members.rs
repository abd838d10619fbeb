//! Members a schema does not name, kept. typify gives the struct of an open object (no
//! `additionalProperties`, or `true`) no place for them, so decoding a payload and encoding it
//! again would drop them without a word: every config file or API response read, changed and
//! written back would lose data. Each such struct gets a flattened map of JSON values that
//! holds them, in the order they came (serde_json's `preserve_order`).
//!
//! This is done to typify's output rather than its input: typify reads an
//! `additionalProperties: {}` the same way, but then merges it into every `allOf` part and
//! `anyOf` alternative it combines, and that recurses without end through recursive
//! references (the `hostile` fixture's `tree.json`).

use std::collections::BTreeMap;

use quote::format_ident;
use syn::visit_mut::{self, VisitMut};

use super::info::has_serde_flag;

/// The field's name, unless the struct has a field of that name already.
const FIELD: &str = "extra";

/// Gives every struct that neither denies unknown members (a closed object) nor flattens
/// anything already (typify's own map of a typed `additionalProperties`), and that `keeps`
/// (by its name: `codegen.toml`'s `unknown_members`), a map that keeps them; and completes
/// the struct literals typify wrote for it (its defaults).
pub fn keep(file: &mut syn::File, keeps: impl Fn(&str) -> bool) {
    let mut kept: BTreeMap<String, syn::Ident> = BTreeMap::new();
    for item in &mut file.items {
        let syn::Item::Struct(item) = item else {
            continue;
        };
        let syn::Fields::Named(named) = &mut item.fields else {
            continue;
        };
        let open = !has_serde_flag(&item.attrs, "deny_unknown_fields")
            && !named
                .named
                .iter()
                .any(|field| has_serde_flag(&field.attrs, "flatten"));
        if !open || !keeps(&item.ident.to_string()) {
            continue;
        }
        let taken = |name: &str| {
            named
                .named
                .iter()
                .any(|field| field.ident.as_ref().is_some_and(|ident| ident == name))
        };
        let name = std::iter::once(FIELD.to_string())
            .chain((1..).map(|n| format!("{FIELD}_{n}")))
            .find(|name| !taken(name))
            .unwrap_or_else(|| FIELD.to_string());
        let ident = format_ident!("{}", name);
        named.named.push(syn::parse_quote! {
            /// The members the schema does not name, as they came.
            #[serde(flatten)]
            pub #ident: ::serde_json::Map<::std::string::String, ::serde_json::Value>
        });
        kept.insert(item.ident.to_string(), ident);
    }
    if !kept.is_empty() {
        Complete {
            kept: &kept,
            self_type: None,
        }
        .visit_file_mut(file);
    }
}

/// Adds the map, empty, to every struct literal of a struct that got one.
struct Complete<'a> {
    kept: &'a BTreeMap<String, syn::Ident>,
    /// Inside an `impl`: what `Self` names.
    self_type: Option<String>,
}

impl VisitMut for Complete<'_> {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let outer = self.self_type.take();
        if let syn::Type::Path(path) = item.self_ty.as_ref() {
            self.self_type = path.path.segments.last().map(|s| s.ident.to_string());
        }
        visit_mut::visit_item_impl_mut(self, item);
        self.self_type = outer;
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        visit_mut::visit_expr_struct_mut(self, expr);
        let Some(last) = expr.path.segments.last().map(|s| s.ident.to_string()) else {
            return;
        };
        let name = if last == "Self" {
            self.self_type.clone().unwrap_or(last)
        } else {
            last
        };
        let Some(ident) = self.kept.get(&name) else {
            return;
        };
        let present = expr
            .fields
            .iter()
            .any(|f| matches!(&f.member, syn::Member::Named(named) if named == ident));
        if !present && expr.rest.is_none() {
            expr.fields
                .push(syn::parse_quote!(#ident: ::serde_json::Map::new()));
        }
    }
}

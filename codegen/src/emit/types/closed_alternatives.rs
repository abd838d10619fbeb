//! A closed object alternative beside open ones. typify types the inline object alternatives
//! of an `anyOf`/`oneOf` as the struct variants of one untagged enum, and when one of them
//! is closed (`additionalProperties: false`) it puts `deny_unknown_fields` on the whole enum,
//! the only place serde takes it: every variant is closed then, and a member that an open
//! alternative allows without naming it fails to decode (vim-addon-info's
//! `otherRepository`: `{}` closed, the repositories open).
//!
//! Before typify, [`mark`] gives each such closed alternative a property of a reserved name.
//! After it, [`split`] finds the variants that have it and makes each a newtype variant of a
//! struct of its own, which denies unknown members itself, and lets the enum allow them, so
//! that the open variants take them (`unknown_members.rs` then keeps them). Variants are
//! tried in order either way, and a closed one still refuses what it does not name.

use std::collections::{BTreeMap, BTreeSet};

use quote::format_ident;
use serde_json::{Map, Value, json};

use super::info::{has_serde_flag, serde_rename};
use super::{literals, locate};
use crate::emit::tokens::declared_type;
use crate::subschema::{JsonType, Subschema};
use crate::vocabulary;

/// The reserved property: no schema names a member so.
const MARK: &str = "\u{1f}schema-closed-alternative\u{1f}";

/// Marks the closed inline object alternatives of every `anyOf`/`oneOf` of `schema` that
/// also has an open inline one.
pub fn mark(schema: &mut Value) {
    if let Value::Object(object) = schema {
        for keyword in vocabulary::alternatives() {
            if let Some(Value::Array(alternatives)) = object.get_mut(keyword) {
                mark_mixed(alternatives);
            }
        }
    }
    let children: Vec<Vec<String>> = vocabulary::subschemas(schema, locate::TYPIFY_DIALECT)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    for path in children {
        if let Some(child) = locate::get_mut(schema, &path) {
            mark(child);
        }
    }
}

fn mark_mixed(alternatives: &mut [Value]) {
    let closed: Vec<bool> = alternatives.iter().map(is_closed).collect();
    let open = alternatives
        .iter()
        .zip(&closed)
        .any(|(alternative, closed)| !closed && may_be_open_object(alternative));
    if !open {
        return;
    }
    for (alternative, _) in alternatives.iter_mut().zip(closed).filter(|(_, c)| *c) {
        if let Value::Object(object) = alternative {
            let properties = object
                .entry("properties")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(properties) = properties {
                properties.insert(MARK.to_string(), json!({}));
            }
        }
    }
}

/// An inline object schema that refuses the members it does not name.
fn is_closed(schema: &Value) -> bool {
    let read = Subschema::parse(schema);
    read.reference.is_none()
        && read.is_closed()
        && read
            .types
            .as_ref()
            .is_none_or(|t| t.contains(JsonType::Object))
}

/// An inline schema that may take objects and does not close them: typify makes it a struct
/// variant that the enum-wide `deny_unknown_fields` would close.
fn may_be_open_object(schema: &Value) -> bool {
    let read = Subschema::parse(schema);
    schema.is_object()
        && read.reference.is_none()
        && read
            .types
            .as_ref()
            .is_none_or(|t| t.contains(JsonType::Object))
}

/// Gives each marked variant a struct of its own that denies unknown members, and takes
/// `deny_unknown_fields` off its enum; then takes every other mark out (of a variant whose
/// enum typify also builds as a literal, a default, which stays closed as before, and of
/// whatever else typify made of a marked alternative), its literals' too.
pub fn split(file: &mut syn::File) {
    let mut built = BTreeSet::new();
    literals::for_each(file, |name, _| {
        built.insert(name.to_string());
    });
    let mut taken: BTreeSet<String> = file
        .items
        .iter()
        .filter_map(|item| Some(declared_type(item)?.to_string()))
        .collect();
    // Each variant's struct goes right after its enum.
    let mut items = Vec::with_capacity(file.items.len());
    for mut item in std::mem::take(&mut file.items) {
        let mut structs = Vec::new();
        if let syn::Item::Enum(item) = &mut item {
            split_enum(item, &built, &mut taken, &mut structs);
        }
        items.push(item);
        items.extend(structs);
    }
    file.items = items;
    let mut stripped: BTreeMap<String, syn::Member> = BTreeMap::new();
    for item in &mut file.items {
        match item {
            syn::Item::Struct(item) => {
                if let Some(member) = unmark(&mut item.fields) {
                    stripped.insert(item.ident.to_string(), member);
                }
            }
            syn::Item::Enum(item) => {
                for variant in &mut item.variants {
                    if let Some(member) = unmark(&mut variant.fields) {
                        stripped.insert(format!("{}::{}", item.ident, variant.ident), member);
                    }
                }
            }
            _ => {}
        }
    }
    if !stripped.is_empty() {
        literals::for_each(file, |name, literal| {
            if let Some(member) = stripped.get(name) {
                literal.fields = std::mem::take(&mut literal.fields)
                    .into_iter()
                    .filter(|value| &value.member != member)
                    .collect();
            }
        });
    }
}

fn split_enum(
    item: &mut syn::ItemEnum,
    built: &BTreeSet<String>,
    taken: &mut BTreeSet<String>,
    structs: &mut Vec<syn::Item>,
) {
    if !has_serde_flag(&item.attrs, "untagged")
        || !has_serde_flag(&item.attrs, "deny_unknown_fields")
    {
        return;
    }
    let enum_name = item.ident.to_string();
    let marked: Vec<usize> = (0..item.variants.len())
        .filter(|&i| marker(&item.variants[i].fields).is_some())
        .collect();
    let literal = |i: &usize| built.contains(&format!("{enum_name}::{}", item.variants[*i].ident));
    if marked.is_empty() || marked.len() == item.variants.len() || marked.iter().any(literal) {
        return;
    }
    let derives: Vec<syn::Attribute> = item
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .cloned()
        .collect();
    for index in marked {
        let variant = &mut item.variants[index];
        unmark(&mut variant.fields);
        let syn::Fields::Named(mut named) = variant.fields.clone() else {
            continue;
        };
        for field in &mut named.named {
            field.vis = syn::parse_quote!(pub);
        }
        let mut name = format!("{enum_name}{}", variant.ident);
        while !taken.insert(name.clone()) {
            name.push_str("Closed");
        }
        let ident = format_ident!("{name}");
        let doc = format!(
            " The `{}` alternative of [`{enum_name}`]: an object with only the members it names.",
            variant.ident
        );
        structs.push(syn::Item::Struct(syn::parse_quote! {
            #[doc = #doc]
            #(#derives)*
            #[serde(deny_unknown_fields)]
            pub struct #ident #named
        }));
        variant.fields = syn::Fields::Unnamed(syn::parse_quote! { (#ident) });
    }
    item.attrs = item.attrs.drain(..).map(without_deny).collect();
}

/// Takes the marking field out of `fields`; its member, if it was there.
fn unmark(fields: &mut syn::Fields) -> Option<syn::Member> {
    let at = marker(fields)?;
    let syn::Fields::Named(named) = fields else {
        return None;
    };
    let mut kept = syn::punctuated::Punctuated::new();
    let mut member = None;
    for (index, field) in std::mem::take(&mut named.named).into_iter().enumerate() {
        if index == at {
            member = field.ident.map(syn::Member::Named);
        } else {
            kept.push(field);
        }
    }
    named.named = kept;
    member
}

/// Whether `fields` has the marking field.
fn marker(fields: &syn::Fields) -> Option<usize> {
    let syn::Fields::Named(named) = fields else {
        return None;
    };
    named
        .named
        .iter()
        .position(|field| serde_rename(&field.attrs).as_deref() == Some(MARK))
}

/// `#[serde(untagged, deny_unknown_fields)]` without `deny_unknown_fields`.
fn without_deny(attribute: syn::Attribute) -> syn::Attribute {
    if !attribute.path().is_ident("serde") {
        return attribute;
    }
    let Ok(items) = attribute.parse_args_with(
        syn::punctuated::Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated,
    ) else {
        return attribute;
    };
    let kept = items
        .into_iter()
        .filter(|meta| !meta.path().is_ident("deny_unknown_fields"));
    syn::parse_quote! { #[serde(#(#kept),*)] }
}

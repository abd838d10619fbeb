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

use super::info::has_serde_flag;
use super::literals;

/// The field's name, unless the struct has a field of that name already.
const FIELD: &str = "extra";

/// Gives every struct that neither denies unknown members (a closed object) nor flattens
/// anything already (typify's own map of a typed `additionalProperties`), and that `keeps`
/// (by its name: `codegen.toml`'s `unknown_members`), a map that keeps them; the same for the
/// object alternatives of an untagged enum (its struct variants), unless the enum denies
/// unknown members; and completes the struct literals typify wrote for them (its defaults).
pub fn keep(file: &mut syn::File, keeps: impl Fn(&str) -> bool) {
    let mut kept: BTreeMap<String, syn::Ident> = BTreeMap::new();
    for item in &mut file.items {
        match item {
            syn::Item::Struct(item) => {
                let syn::Fields::Named(named) = &mut item.fields else {
                    continue;
                };
                if has_serde_flag(&item.attrs, "deny_unknown_fields")
                    || !keeps(&item.ident.to_string())
                {
                    continue;
                }
                if let Some(ident) = add_map(named, true) {
                    kept.insert(item.ident.to_string(), ident);
                }
            }
            syn::Item::Enum(item) => {
                if has_serde_flag(&item.attrs, "deny_unknown_fields")
                    || !keeps(&item.ident.to_string())
                {
                    continue;
                }
                for variant in &mut item.variants {
                    let syn::Fields::Named(named) = &mut variant.fields else {
                        continue;
                    };
                    if let Some(ident) = add_map(named, false) {
                        kept.insert(format!("{}::{}", item.ident, variant.ident), ident);
                    }
                }
            }
            _ => {}
        }
    }
    if kept.is_empty() {
        return;
    }
    // The map, empty, in every struct literal of a struct or variant that got one.
    literals::for_each(file, |name, expr| {
        let Some(ident) = kept.get(name) else {
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
    });
}

/// Adds the map to the fields of one struct or struct variant that flatten nothing yet, and
/// returns its name.
fn add_map(named: &mut syn::FieldsNamed, public: bool) -> Option<syn::Ident> {
    if named
        .named
        .iter()
        .any(|field| has_serde_flag(&field.attrs, "flatten"))
    {
        return None;
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
    // A variant's fields take no visibility.
    let visibility: syn::Visibility = if public {
        syn::parse_quote!(pub)
    } else {
        syn::Visibility::Inherited
    };
    named.named.push(syn::parse_quote! {
        /// The members the schema does not name, as they came.
        #[serde(flatten)]
        #visibility #ident: ::serde_json::Map<::std::string::String, ::serde_json::Value>
    });
    Some(ident)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(source: &str) -> String {
        let mut file: syn::File = syn::parse_str(source).unwrap();
        keep(&mut file, |_| true);
        prettyplease::unparse(&file)
    }

    #[test]
    fn object_alternatives_of_an_open_enum_keep_their_unknown_members() {
        let out = kept(
            r#"
            #[serde(untagged)]
            pub enum Align { String(String), Object { #[serde(rename = "Enabled")] enabled: Option<bool> } }
            impl Default for Align { fn default() -> Self { Self::Object { enabled: None } } }
            fn other() -> Align { Align::Object { enabled: Some(true) } }
            "#,
        );
        assert!(
            out.contains("#[serde(flatten)]\n        extra: ::serde_json::Map"),
            "{out}"
        );
        assert!(out.contains("Self::Object {\n            enabled: None,\n            extra: ::serde_json::Map::new(),"), "{out}");
        assert!(out.contains("Align::Object {\n        enabled: Some(true),\n        extra: ::serde_json::Map::new(),"), "{out}");
    }

    #[test]
    fn closed_structs_and_enums_are_left_alone() {
        let source = r#"
            #[serde(deny_unknown_fields)]
            pub struct Closed { pub a: i64 }
            #[serde(untagged, deny_unknown_fields)]
            pub enum ClosedEnum { Object { a: i64 } }
            "#;
        let out = kept(source);
        assert!(!out.contains("extra"), "{out}");
    }
}

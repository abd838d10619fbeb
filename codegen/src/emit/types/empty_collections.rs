//! Empty arrays and objects kept. typify types an optional array as a `Vec` (an optional map
//! as a map) that defaults to empty when the member is absent and is skipped when empty on
//! encoding, so `"tags": []` is decoded and then written back as nothing: the payload
//! changes, and a schema can tell the two apart (`required`, `minItems`, a `default` the
//! empty value overrides). Each such field becomes an `Option` of the collection, `None`
//! only when the member is absent.
//!
//! An absent optional member whose type typify boxes as a whole (`Box<Option<T>>`, a member
//! that refers back to its own type through an enum) had the same flaw the other way: it was
//! written back as `null`, which the schema may not allow. It is skipped when `None`
//! ([`skip_absent_boxed_options`]).

use std::collections::{BTreeMap, BTreeSet};

use syn::punctuated::Punctuated;

use super::literals;
use crate::emit::tokens::declared_type;

/// Makes every optional collection field of `file` (structs and struct variants) an
/// `Option`, so that an empty one comes back as it came; the struct literals typify wrote
/// (defaults) give those fields `Some` of their value.
pub fn keep(file: &mut syn::File) {
    let option = OptionPath::of(file);
    // By struct (`Type`) or variant (`Enum::Variant`): the fields made `Option`s.
    let mut wrapped: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in &mut file.items {
        match item {
            syn::Item::Struct(item) => {
                let fields = keep_fields(&mut item.fields, &option);
                if !fields.is_empty() {
                    wrapped.insert(item.ident.to_string(), fields);
                }
            }
            syn::Item::Enum(item) => {
                for variant in &mut item.variants {
                    let fields = keep_fields(&mut variant.fields, &option);
                    if !fields.is_empty() {
                        wrapped.insert(format!("{}::{}", item.ident, variant.ident), fields);
                    }
                }
            }
            _ => {}
        }
    }
    if wrapped.is_empty() {
        return;
    }
    literals::for_each(file, |name, expr| {
        let Some(fields) = wrapped.get(name) else {
            return;
        };
        for field in &mut expr.fields {
            if matches!(&field.member, syn::Member::Named(ident) if fields.contains(&ident.to_string()))
            {
                let value = &field.expr;
                let some = &option.some;
                field.expr = syn::parse_quote!(#some(#value));
            }
        }
    });
}

/// Wraps the optional collections of one struct or variant; returns their names.
fn keep_fields(fields: &mut syn::Fields, option: &OptionPath) -> BTreeSet<String> {
    let mut wrapped = BTreeSet::new();
    for field in fields.iter_mut() {
        let Some(index) = field.attrs.iter().position(skips_empty) else {
            continue;
        };
        let Some(options) = serde_options(&field.attrs[index]) else {
            continue;
        };
        // The rest (a `rename`) stays; `default` and the emptiness test are `Option`'s own.
        let kept: Vec<&syn::Meta> = options
            .iter()
            .filter(|meta| !meta.path().is_ident("default"))
            .filter(|meta| !meta.path().is_ident("skip_serializing_if"))
            .collect();
        let is_none = &option.is_none;
        field.attrs[index] = syn::parse_quote! {
            #[serde(#(#kept,)* skip_serializing_if = #is_none)]
        };
        let (ty, path) = (&field.ty, &option.path);
        field.ty = syn::parse_quote!(#path<#ty>);
        if let Some(ident) = &field.ident {
            wrapped.insert(ident.to_string());
        }
    }
    wrapped
}

/// Gives every optional `Box<Option<T>>` field (one that typify defaults when absent:
/// `#[serde(default)]`) the test that skips it when `None`, as its `Option<T>` fields have.
/// `Option::is_none` takes the `&Box<Option<T>>` serde passes by deref coercion.
pub fn skip_absent_boxed_options(file: &mut syn::File) {
    let option = OptionPath::of(file);
    for item in &mut file.items {
        match item {
            syn::Item::Struct(item) => skip_absent(&mut item.fields, &option),
            syn::Item::Enum(item) => {
                for variant in &mut item.variants {
                    skip_absent(&mut variant.fields, &option);
                }
            }
            _ => {}
        }
    }
}

fn skip_absent(fields: &mut syn::Fields, option: &OptionPath) {
    for field in fields.iter_mut() {
        if !is_boxed_option(&field.ty) {
            continue;
        }
        let Some(index) = field.attrs.iter().position(|attr| {
            serde_options(attr).is_some_and(|options| {
                options.iter().any(|meta| meta.path().is_ident("default"))
                    && !options
                        .iter()
                        .any(|meta| meta.path().is_ident("skip_serializing_if"))
            })
        }) else {
            continue;
        };
        let Some(options) = serde_options(&field.attrs[index]) else {
            continue;
        };
        let (options, is_none) = (options.iter(), &option.is_none);
        field.attrs[index] = syn::parse_quote! {
            #[serde(#(#options,)* skip_serializing_if = #is_none)]
        };
    }
}

/// How the standard `Option` is named in a file: plainly, unless a schema's type is named
/// `Option` too (a definition `option`), as typify names it then.
struct OptionPath {
    path: syn::Path,
    some: syn::Path,
    is_none: syn::LitStr,
}

impl OptionPath {
    fn of(file: &syn::File) -> OptionPath {
        let shadowed = file
            .items
            .iter()
            .any(|item| declared_type(item).is_some_and(|ident| ident == "Option"));
        let (text, some) = if shadowed {
            ("::std::option::Option", "::std::option::Option::Some")
        } else {
            ("Option", "Some")
        };
        OptionPath {
            path: syn::parse_str(text).expect("a path"),
            some: syn::parse_str(some).expect("a path"),
            is_none: syn::LitStr::new(&format!("{text}::is_none"), proc_macro2::Span::call_site()),
        }
    }
}

/// `Box<Option<..>>`, however its paths are written.
fn is_boxed_option(ty: &syn::Type) -> bool {
    let only_argument = |ty: &syn::Type, name: &str| -> Option<syn::Type> {
        let syn::Type::Path(path) = ty else {
            return None;
        };
        let last = path.path.segments.last()?;
        if last.ident != name {
            return None;
        }
        let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
            return None;
        };
        match arguments.args.first()? {
            syn::GenericArgument::Type(inner) if arguments.args.len() == 1 => Some(inner.clone()),
            _ => None,
        }
    };
    only_argument(ty, "Box").is_some_and(|inner| only_argument(&inner, "Option").is_some())
}

/// `#[serde(.., skip_serializing_if = "<collection>::is_empty")]`: typify's mark of an
/// optional collection (a defaulted one has `default = "..."` and no such test).
fn skips_empty(attr: &syn::Attribute) -> bool {
    serde_options(attr).is_some_and(|options| {
        options.iter().any(|meta| match meta {
            syn::Meta::NameValue(pair) if pair.path.is_ident("skip_serializing_if") => {
                matches!(&pair.value, syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(text), .. })
                    if text.value().ends_with("::is_empty"))
            }
            _ => false,
        })
    })
}

fn serde_options(attr: &syn::Attribute) -> Option<Punctuated<syn::Meta, syn::Token![,]>> {
    if !attr.path().is_ident("serde") {
        return None;
    }
    attr.parse_args_with(Punctuated::parse_terminated).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kept(source: &str) -> String {
        let mut file: syn::File = syn::parse_str(source).unwrap();
        keep(&mut file);
        prettyplease::unparse(&file)
    }

    #[test]
    fn an_absent_boxed_option_is_skipped_and_a_required_one_written() {
        let mut file: syn::File = syn::parse_str(
            r#"
            pub struct S {
                #[serde(default)]
                pub above: Box<Option<Selector>>,
                #[serde(rename = "Below", default)]
                pub below: ::std::boxed::Box<::std::option::Option<Selector>>,
                pub parent: Box<Option<Selector>>,
            }
            pub enum E { V { #[serde(default)] left: Box<Option<Selector>> } }
            "#,
        )
        .unwrap();
        skip_absent_boxed_options(&mut file);
        let expected = r#"pub struct S {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub above: Box<Option<Selector>>,
    #[serde(rename = "Below", default, skip_serializing_if = "Option::is_none")]
    pub below: ::std::boxed::Box<::std::option::Option<Selector>>,
    pub parent: Box<Option<Selector>>,
}
pub enum E {
    V {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        left: Box<Option<Selector>>,
    },
}
"#;
        assert_eq!(prettyplease::unparse(&file), expected);
    }

    #[test]
    fn optional_collections_become_options_and_the_rest_stays() {
        let out = kept(
            r#"
            pub struct A {
                #[serde(default, skip_serializing_if = "::std::vec::Vec::is_empty")]
                pub tags: Vec<String>,
                #[serde(rename = "Map", default, skip_serializing_if = ":: std :: collections :: BTreeMap::is_empty")]
                pub map: ::std::collections::BTreeMap<String, i64>,
                #[serde(default = "defaults::a_list")]
                pub list: Vec<i64>,
                #[serde(skip_serializing_if = "Option::is_none")]
                pub note: Option<String>,
            }
            impl Default for A { fn default() -> Self { Self { tags: vec![], map: Default::default(), list: vec![1], note: None } } }
            pub enum E { Object { #[serde(default, skip_serializing_if = "::serde_json::Map::is_empty")] m: ::serde_json::Map<String, ::serde_json::Value> } }
            "#,
        );
        let expected = r#"pub struct A {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tags: Option<Vec<String>>,
    #[serde(rename = "Map", skip_serializing_if = "Option::is_none")]
    pub map: Option<::std::collections::BTreeMap<String, i64>>,
    #[serde(default = "defaults::a_list")]
    pub list: Vec<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
impl Default for A {
    fn default() -> Self {
        Self {
            tags: Some(vec![]),
            map: Some(Default::default()),
            list: vec![1],
            note: None,
        }
    }
}
pub enum E {
    Object {
        #[serde(skip_serializing_if = "Option::is_none")]
        m: Option<::serde_json::Map<String, ::serde_json::Value>>,
    },
}
"#;
        assert_eq!(out, expected);
    }
}

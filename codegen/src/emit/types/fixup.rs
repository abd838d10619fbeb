//! Repairs to typify's identifiers, so that any property name gives valid, readable Rust.
//!
//! typify turns `foo-bar` and `foo_bar` (or `Name` and `name`) into the same field, which
//! does not compile, and keeps non-ASCII letters (`ñame`, `日本`) in identifiers. Here every
//! identifier becomes ASCII and unique within its struct or enum, a `serde(rename)` keeps the
//! wire name, and the references typify wrote to a renamed field or variant follow it.

use std::collections::{BTreeMap, BTreeSet};

use quote::format_ident;
use syn::visit_mut::{self, VisitMut};

use super::renames::{self, MemberRenames};
use crate::emit::tokens::{declared_type, mentions};
use crate::names;

/// typify always writes a `pub mod error` with its `ConversionError`; it is kept only when
/// something (a pattern or length newtype's `FromStr`) uses it.
pub fn drop_unused_error_module(file: &mut syn::File) {
    let is_error_module =
        |item: &syn::Item| matches!(item, syn::Item::Mod(m) if m.ident == "error");
    let used = file
        .items
        .iter()
        .filter(|item| !is_error_module(item))
        .any(|item| mentions(&quote::ToTokens::to_token_stream(item), "ConversionError"));
    if !used {
        file.items.retain(|item| !is_error_module(item));
    }
}

/// typify's `mod defaults` holds helpers for `#[serde(default = "defaults::...")]`; one that
/// nothing names any more (its default was left out) would be dead code, a warning. Two
/// properties whose names differ only in case or punctuation (`maxSize`, `max-size`) with
/// the same default get the same helper twice: one is kept.
pub fn drop_unused_defaults(file: &mut syn::File) {
    let is_defaults = |item: &syn::Item| matches!(item, syn::Item::Mod(m) if m.ident == "defaults");
    let rendered: String = file
        .items
        .iter()
        .filter(|item| !is_defaults(item))
        .map(|item| quote::ToTokens::to_token_stream(item).to_string())
        .collect();
    let used = |name: &str| {
        rendered.contains(&format!("defaults::{name}"))
            || rendered.contains(&format!("defaults :: {name}"))
    };
    for item in &mut file.items {
        if let syn::Item::Mod(module) = item
            && module.ident == "defaults"
            && let Some((_, items)) = &mut module.content
        {
            let mut seen = std::collections::BTreeSet::new();
            items.retain(|inner| match inner {
                syn::Item::Fn(function) => {
                    let text = quote::ToTokens::to_token_stream(function).to_string();
                    used(&function.sig.ident.to_string()) && seen.insert(text)
                }
                _ => true,
            });
        }
    }
    file.items.retain(|item| match item {
        syn::Item::Mod(module) if module.ident == "defaults" => module
            .content
            .as_ref()
            .is_some_and(|(_, items)| items.iter().any(|i| matches!(i, syn::Item::Fn(_)))),
        _ => true,
    });
}

/// typify writes an object default (`"http": {}`) as a struct literal of only the members
/// the value has, which does not compile when the struct has others: each missing field
/// gets its empty value (`None` for an `Option`, else `Default::default()`).
pub fn complete_default_literals(file: &mut syn::File) {
    let mut fields: BTreeMap<String, Vec<(String, bool)>> = BTreeMap::new();
    for item in &file.items {
        if let syn::Item::Struct(s) = item
            && let syn::Fields::Named(named) = &s.fields
        {
            let list = named
                .named
                .iter()
                .filter_map(|f| {
                    let ident = f.ident.as_ref()?.to_string();
                    let ty = quote::ToTokens::to_token_stream(&f.ty).to_string();
                    Some((ident, ty.contains("Option <")))
                })
                .collect();
            fields.insert(s.ident.to_string(), list);
        }
    }
    struct Complete<'a>(&'a BTreeMap<String, Vec<(String, bool)>>);
    impl VisitMut for Complete<'_> {
        fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
            visit_mut::visit_expr_struct_mut(self, expr);
            let Some(name) = expr.path.segments.last().map(|s| s.ident.to_string()) else {
                return;
            };
            let (Some(declared), None) = (self.0.get(&name), &expr.rest) else {
                return;
            };
            let present: BTreeSet<String> = expr
                .fields
                .iter()
                .filter_map(|f| match &f.member {
                    syn::Member::Named(ident) => Some(ident.to_string()),
                    syn::Member::Unnamed(_) => None,
                })
                .collect();
            for (field, optional) in declared.iter().filter(|(f, _)| !present.contains(f)) {
                let ident = format_ident!("{}", field);
                let value: syn::Expr = if *optional {
                    syn::parse_quote!(::std::option::Option::None)
                } else {
                    syn::parse_quote!(::std::default::Default::default())
                };
                expr.fields.push(syn::parse_quote!(#ident: #value));
            }
        }
    }
    for item in &mut file.items {
        if let syn::Item::Mod(module) = item
            && module.ident == "defaults"
        {
            Complete(&fields).visit_item_mod_mut(module);
        }
    }
}

/// typify writes `Default::default()` unqualified, which a schema type named `Default`
/// (codecov's) shadows: then every such call is spelt in full.
pub fn qualify_default_calls(file: &mut syn::File) {
    let shadowed = file.items.iter().any(|item| match item {
        syn::Item::Struct(s) => s.ident == "Default",
        syn::Item::Enum(e) => e.ident == "Default",
        syn::Item::Type(t) => t.ident == "Default",
        _ => false,
    });
    if !shadowed {
        return;
    }
    struct Qualify;
    impl VisitMut for Qualify {
        fn visit_expr_path_mut(&mut self, expr: &mut syn::ExprPath) {
            let segments: Vec<String> = expr
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            if expr.qself.is_none()
                && expr.path.leading_colon.is_none()
                && segments == ["Default", "default"]
            {
                expr.path = syn::parse_quote!(::std::default::Default::default);
            }
            visit_mut::visit_expr_path_mut(self, expr);
        }
    }
    Qualify.visit_file_mut(file);
}

/// A type of another schema's module is given to typify as `super::<module>::<Type>`, the
/// path from this schema's module; typify writes it the same inside the modules it nests in
/// the file (`defaults`), where it needs one `super` more.
pub fn reach_other_modules_from_nested_modules(
    file: &mut syn::File,
    replacements: &[(String, String)],
) {
    let modules: BTreeSet<String> = replacements
        .iter()
        .filter_map(|(_, path)| path.strip_prefix("super::")?.split("::").next())
        .map(str::to_string)
        .collect();
    if modules.is_empty() {
        return;
    }
    struct Deeper<'a>(&'a BTreeSet<String>);
    impl VisitMut for Deeper<'_> {
        fn visit_path_mut(&mut self, path: &mut syn::Path) {
            let other_module = path.leading_colon.is_none()
                && path.segments.len() > 2
                && path.segments[0].ident == "super"
                && self.0.contains(&path.segments[1].ident.to_string());
            if other_module {
                path.segments.insert(0, syn::parse_quote!(super));
            }
            visit_mut::visit_path_mut(self, path);
        }

        fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
            renames::visit_vec_items(self, mac);
        }
    }
    for item in &mut file.items {
        if let syn::Item::Mod(syn::ItemMod {
            content: Some((_, items)),
            ..
        }) = item
        {
            for item in items {
                Deeper(&modules).visit_item_mut(item);
            }
        }
    }
}

/// Applies every repair to typify's output; returns the types it renamed (old → new).
pub fn fix_identifiers(file: &mut syn::File) -> BTreeMap<String, String> {
    let type_renames = ascii_type_names(file);
    renames::rename_types(file, &type_renames);
    let mut field_renames: BTreeMap<String, MemberRenames> = BTreeMap::new();
    let mut variant_renames: BTreeMap<String, MemberRenames> = BTreeMap::new();
    for item in &mut file.items {
        match item {
            syn::Item::Struct(item) => {
                if let syn::Fields::Named(fields) = &mut item.fields {
                    let renames = unique_members(
                        fields
                            .named
                            .iter_mut()
                            .map(|f| (f.ident.as_mut(), &mut f.attrs)),
                        names::field_name,
                    );
                    if !renames.first.is_empty() {
                        field_renames.insert(item.ident.to_string(), renames);
                    }
                }
            }
            syn::Item::Enum(item) => {
                let renames = unique_members(
                    item.variants
                        .iter_mut()
                        .map(|v| (Some(&mut v.ident), &mut v.attrs)),
                    names::variant_name,
                );
                if !renames.first.is_empty() {
                    variant_renames.insert(item.ident.to_string(), renames);
                }
            }
            _ => {}
        }
    }
    for item in &mut file.items {
        if let syn::Item::Impl(block) = item
            && block
                .trait_
                .as_ref()
                .is_some_and(|(path, _)| path.segments.last().is_some_and(|s| s.ident == "Default"))
        {
            // typify writes `Default` by hand even where a derive would do.
            block
                .attrs
                .push(syn::parse_quote!(#[allow(clippy::derivable_impls)]));
        }
    }
    renames::follow_members(file, &field_renames, &variant_renames);
    type_renames
}

/// Makes the members of one struct (or enum) ASCII and unique.
fn unique_members<'a>(
    members: impl Iterator<Item = (Option<&'a mut syn::Ident>, &'a mut Vec<syn::Attribute>)>,
    ascii: fn(&str) -> String,
) -> MemberRenames {
    let mut taken = BTreeSet::new();
    let mut renames = MemberRenames::default();
    let mut occurrences: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (ident, attrs) in members {
        let Some(ident) = ident else { continue };
        let old = ident.to_string();
        let bare = old.strip_prefix("r#").unwrap_or(&old).to_string();
        let base = if bare.is_ascii() {
            bare.clone()
        } else {
            ascii(&bare)
        };
        let new = names::unique(&base, "_", &mut taken);
        occurrences
            .entry(old.clone())
            .or_default()
            .push(new.clone());
        if new != bare {
            // Without a rename, the identifier was the wire name: keep that on the wire.
            renames::rename_member(ident, attrs, &new, true);
            renames.first.entry(old).or_insert(new);
        }
    }
    renames.repeated = occurrences
        .into_iter()
        .filter(|(_, news)| news.len() > 1)
        .collect();
    renames
}

/// Top-level types whose names are not ASCII, with their ASCII names.
fn ascii_type_names(file: &syn::File) -> BTreeMap<String, String> {
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let mut non_ascii = Vec::new();
    for item in &file.items {
        let Some(ident) = declared_type(item) else {
            continue;
        };
        let name = ident.to_string();
        if name.is_ascii() {
            taken.insert(name);
        } else {
            non_ascii.push(name);
        }
    }
    let mut renames = BTreeMap::new();
    for name in non_ascii {
        let new = names::unique(&names::variant_name(&name), "", &mut taken);
        renames.insert(name, new);
    }
    renames
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colliding_and_non_ascii_fields_become_unique_ascii_with_their_wire_names() {
        let mut file: syn::File = syn::parse_quote! {
            pub struct T {
                #[serde(rename = "foo-bar")]
                pub foo_bar: u8,
                pub foo_bar: u8,
                pub ñame: u8,
                pub 日本: u8,
            }
            impl Default for T {
                fn default() -> Self {
                    Self { foo_bar: 1, foo_bar: 2, ñame: 3, 日本: 4 }
                }
            }
        };
        fix_identifiers(&mut file);
        let code = prettyplease::unparse(&file);
        assert!(
            code.contains("#[serde(rename = \"foo-bar\")]\n    pub foo_bar: u8"),
            "{code}"
        );
        assert!(
            code.contains("#[serde(rename = \"foo_bar\")]\n    pub foo_bar_2: u8"),
            "{code}"
        );
        assert!(
            code.contains("#[serde(rename = \"ñame\")]\n    pub name: u8"),
            "{code}"
        );
        assert!(
            code.contains("#[serde(rename = \"日本\")]\n    pub ri_ben: u8"),
            "{code}"
        );
        assert!(code.contains("foo_bar_2: 2"), "{code}");
    }

    #[test]
    fn non_ascii_variants_and_types_are_renamed_with_their_references() {
        let mut file: syn::File = syn::parse_quote! {
            pub enum Größe { Klein, Groß }
            impl Größe {
                fn name(&self) -> &str { match self { Self::Klein => "k", Größe::Groß => "g" } }
            }
            pub struct Holder { pub size: Größe }
        };
        fix_identifiers(&mut file);
        let code = prettyplease::unparse(&file);
        assert!(code.contains("pub enum Grosse"), "{code}");
        assert!(
            code.contains("#[serde(rename = \"Groß\")]\n    Gross"),
            "{code}"
        );
        assert!(code.contains("Grosse::Gross => \"g\""), "{code}");
        assert!(code.contains("pub size: Grosse"), "{code}");
    }
}

//! `codegen.toml`'s `derives`, `attributes`, `non_exhaustive` and `builder`, applied to the
//! types once every schema is typed: a derive is checked across modules, since a type of one
//! schema may hold types of another.
//!
//! A std trait whose derive needs every member to have it (`Eq`, `Hash`, `Ord`, `Default`,
//! ...) is given to the generated types the configured one holds too, since it could not
//! compile otherwise; a library type that lacks it (`f64` has no `Eq`) makes the setting a
//! located error instead of a rustc failure in the user's build. Traits of other crates are
//! passed through unchecked. The items are read as they are after every other pass, so a
//! variant or field another pass added is checked like the rest.

use crate::config::Config;
use crate::emit::tokens::declared_type;
use crate::error::GenError;
use crate::schema_set::SchemaSet;

use super::builders;
use super::info::TypeCode;
use index::{Index, derived_paths};

mod check;
mod index;

/// The std traits a derive needs every member to have, in the order they are written.
const CHECKED: &[&str] = &["Copy", "Default", "Eq", "Hash", "PartialOrd", "Ord"];

/// Applies the settings to every schema's types, or says which setting cannot hold.
pub fn shape(set: &SchemaSet, files: &mut [Option<TypeCode>]) -> Result<(), GenError> {
    let config = &set.settings.config;
    if !config_shapes(config) {
        return Ok(());
    }
    let index = Index::new(set, files);
    index.check_builders(set, config)?;
    let added = index.derives(set, config)?;
    for (doc, code) in files.iter_mut().enumerate() {
        let Some(code) = code else { continue };
        let stem = set.schemas[doc].file.stem.as_str();
        let extra = added.get(&doc);
        let mut impls = Vec::new();
        for item in &mut code.file.items {
            let mut derives = extra
                .and_then(|e| e.get(&declared_type(item)?.to_string()))
                .cloned()
                .unwrap_or_default();
            if let syn::Item::Struct(s) = item
                && derives.iter().any(|p| p.is_ident("Default"))
                && let Some(default) = default_impl(s)
            {
                derives.retain(|p| !p.is_ident("Default"));
                impls.push((s.ident.clone(), default));
            }
            let (name, attrs) = match item {
                syn::Item::Struct(s) => (s.ident.to_string(), &mut s.attrs),
                syn::Item::Enum(e) => (e.ident.to_string(), &mut e.attrs),
                _ => continue,
            };
            let mut outer = Vec::new();
            if let Some((attributes, _)) = config.resolve(stem, &name, |l| l.attributes.clone()) {
                for text in attributes {
                    // Read when the file was: each is one outer attribute.
                    if let Ok(parsed) =
                        syn::parse::Parser::parse_str(syn::Attribute::parse_outer, &text)
                    {
                        outer.extend(parsed);
                    }
                }
            }
            let non_exhaustive = config.switch(stem, &name, |l| l.non_exhaustive)
                && !attrs.iter().any(|a| a.path().is_ident("non_exhaustive"));
            if non_exhaustive {
                outer.push(syn::parse_quote!(#[non_exhaustive]));
            }
            add_derives(attrs, &derives);
            let at = attrs
                .iter()
                .rposition(|a| a.path().is_ident("derive"))
                .map_or(0, |i| i + 1);
            attrs.splice(at..at, outer);
        }
        for (name, default) in impls {
            let at = code
                .file
                .items
                .iter()
                .position(|item| matches!(item, syn::Item::Struct(s) if s.ident == name))
                .map_or(code.file.items.len(), |i| i + 1);
            code.file.items.insert(at, default);
        }
        builders::add(&mut code.file, |name| {
            config.switch(stem, name, |l| l.builder)
        });
    }
    Ok(())
}

/// A struct's `Default` written out where a member has a default of its schema's, which a
/// derive would replace with the Rust type's own (`0` for `"default": 3`).
fn default_impl(item: &syn::ItemStruct) -> Option<syn::Item> {
    let syn::Fields::Named(named) = &item.fields else {
        return None;
    };
    let mut any = false;
    let fields = named.named.iter().filter_map(|field| {
        let ident = field.ident.as_ref()?;
        let value: syn::Expr = match builders::serde_default_path(&field.attrs)
            .and_then(|path| syn::parse_str::<syn::Path>(&path).ok())
        {
            Some(path) => {
                any = true;
                syn::parse_quote!(#path())
            }
            None => syn::parse_quote!(::std::default::Default::default()),
        };
        Some(quote::quote!(#ident: #value))
    });
    let fields: Vec<_> = fields.collect();
    let name = &item.ident;
    any.then(|| {
        syn::parse_quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self {
                        #(#fields,)*
                    }
                }
            }
        }
    })
}

/// Whether the file sets any key this pass applies.
fn config_shapes(config: &Config) -> bool {
    std::iter::once(&config.defaults)
        .chain(config.schemas.values())
        .chain(config.types.values())
        .any(|l| {
            l.derives.is_some()
                || l.attributes.is_some()
                || l.builder == Some(true)
                || l.non_exhaustive == Some(true)
        })
}

/// Appends `derives` to the item's `#[derive(...)]`, or gives it one.
fn add_derives(attrs: &mut Vec<syn::Attribute>, derives: &[syn::Path]) {
    if derives.is_empty() {
        return;
    }
    let existing = attrs.iter_mut().rfind(|a| a.path().is_ident("derive"));
    match existing {
        Some(attr) => {
            let mut paths = derived_paths(attr);
            paths.extend(derives.iter().cloned());
            *attr = syn::parse_quote!(#[derive(#(#paths),*)]);
        }
        None => attrs.insert(0, syn::parse_quote!(#[derive(#(#derives),*)])),
    }
}

/// Whether the item's `#[derive(...)]` lists the trait `name` (by its last segment).
pub(super) fn has_derive(attrs: &[syn::Attribute], name: &str) -> bool {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("derive"))
        .flat_map(derived_paths)
        .any(|path| index::last_name(&path) == name)
}

/// Removes the trait `name` (by its last segment) from the item's `#[derive(...)]`.
pub(super) fn drop_derive(attrs: &mut [syn::Attribute], name: &str) {
    for attr in attrs.iter_mut().filter(|a| a.path().is_ident("derive")) {
        let paths = derived_paths(attr);
        if paths.iter().any(|path| index::last_name(path) == name) {
            let kept = paths.iter().filter(|path| index::last_name(path) != name);
            *attr = syn::parse_quote!(#[derive(#(#kept),*)]);
        }
    }
}

/// The std trait a configured derive names (`Hash`, `std::hash::Hash`), if it is one this
/// pass checks.
pub(super) fn checked_trait(derive: &str) -> Option<&'static str> {
    let path: syn::Path = syn::parse_str(derive).ok()?;
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    let last = segments.last()?;
    let std = segments.len() == 1 || matches!(segments[0].as_str(), "std" | "core");
    CHECKED.iter().copied().find(|t| std && t == last)
}

#[cfg(test)]
mod tests;

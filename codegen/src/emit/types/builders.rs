//! Builders (`builder = true`): `Order::builder().id("a").total(3).try_into()`, with typify's
//! builder API (a `builder` module, a setter per member taking anything `TryInto` its type,
//! `TryFrom` the builder, `From` the type).
//!
//! They are written here from the final structs, not taken from typify: typify writes its
//! builders before the identifier repairs (`fixup.rs`), which do not reach into its
//! `builder` module, so a builder kept the colliding or non-ASCII names the struct lost; and
//! it knows nothing of the map `unknown_members.rs` adds. Building from the struct as it
//! ends up follows every pass, and its setting is per type while typify's is per run.

use std::collections::BTreeSet;

use quote::format_ident;
use syn::visit_mut::{self, VisitMut};

use super::info::has_serde_flag;
use crate::emit::tokens::declared_type;

/// Gives every struct with named members that `wants` (by name) a builder.
pub fn add(file: &mut syn::File, wants: impl Fn(&str) -> bool) {
    let locals: BTreeSet<String> = file
        .items
        .iter()
        .filter_map(|item| Some(declared_type(item)?.to_string()))
        .collect();
    let mut builders: Vec<syn::Item> = Vec::new();
    let mut constructors: Vec<(syn::Ident, syn::Item)> = Vec::new();
    for item in &file.items {
        let syn::Item::Struct(item) = item else {
            continue;
        };
        let syn::Fields::Named(named) = &item.fields else {
            continue;
        };
        if !wants(&item.ident.to_string()) {
            continue;
        }
        let name = &item.ident;
        builders.extend(builder_of(name, named, &locals));
        constructors.push((
            name.clone(),
            syn::parse_quote! {
                impl #name {
                    /// A builder of this type: set its members one by one, then `try_into()`.
                    pub fn builder() -> builder::#name {
                        ::std::default::Default::default()
                    }
                }
            },
        ));
    }
    if builders.is_empty() {
        return;
    }
    for (name, constructor) in constructors {
        let at = file
            .items
            .iter()
            .position(|item| matches!(item, syn::Item::Struct(s) if s.ident == name))
            .map_or(file.items.len(), |i| i + 1);
        file.items.insert(at, constructor);
    }
    let module: syn::Item = syn::parse_quote! {
        /// Builders of the types that have one.
        pub mod builder {
            #(#builders)*
        }
    };
    // Before typify's own modules (`defaults`, `error`), as typify would place it.
    let at = file
        .items
        .iter()
        .position(|item| matches!(item, syn::Item::Mod(_)))
        .unwrap_or(file.items.len());
    file.items.insert(at, module);
    if !file
        .items
        .iter()
        .any(|item| matches!(item, syn::Item::Mod(m) if m.ident == "error"))
    {
        file.items.push(error_module());
    }
}

/// The builder of one struct: its type, default, setters and conversions.
fn builder_of(
    name: &syn::Ident,
    named: &syn::FieldsNamed,
    locals: &BTreeSet<String>,
) -> Vec<syn::Item> {
    let mut idents = Vec::new();
    let mut types = Vec::new();
    let mut defaults: Vec<syn::Expr> = Vec::new();
    let mut errors = Vec::new();
    let mut docs = Vec::new();
    for field in &named.named {
        let Some(ident) = &field.ident else { continue };
        let mut ty = field.ty.clone();
        Scope(locals).visit_type_mut(&mut ty);
        let bare = ident.to_string();
        let bare = bare.strip_prefix("r#").unwrap_or(&bare).to_string();
        defaults.push(default_of(field, &bare));
        errors.push(format!("error converting supplied value for {bare}: {{}}"));
        docs.push(format!(
            " Sets `{bare}`, from anything that converts to its type."
        ));
        idents.push(ident.clone());
        types.push(ty);
    }
    let value = if idents.is_empty() {
        format_ident!("_value")
    } else {
        format_ident!("value")
    };
    let doc = format!(" A builder of `{name}`: each member set or defaulted, or why not.");
    let mut items: Vec<syn::Item> = vec![
        syn::parse_quote! {
            #[doc = #doc]
            #[derive(Clone, Debug)]
            pub struct #name {
                #(#idents: ::std::result::Result<#types, ::std::string::String>,)*
            }
        },
        syn::parse_quote! {
            impl ::std::default::Default for #name {
                fn default() -> Self {
                    Self {
                        #(#idents: #defaults,)*
                    }
                }
            }
        },
    ];
    if !idents.is_empty() {
        items.push(syn::parse_quote! {
            impl #name {
                #(
                    #[doc = #docs]
                    pub fn #idents<T>(mut self, value: T) -> Self
                    where
                        T: ::std::convert::TryInto<#types>,
                        T::Error: ::std::fmt::Display,
                    {
                        self.#idents = value.try_into().map_err(|e| format!(#errors, e));
                        self
                    }
                )*
            }
        });
    }
    items.push(syn::parse_quote! {
        impl ::std::convert::TryFrom<#name> for super::#name {
            type Error = super::error::ConversionError;

            fn try_from(#value: #name) -> ::std::result::Result<Self, super::error::ConversionError> {
                Ok(Self {
                    #(#idents: value.#idents?,)*
                })
            }
        }
    });
    items.push(syn::parse_quote! {
        impl ::std::convert::From<super::#name> for #name {
            fn from(#value: super::#name) -> Self {
                Self {
                    #(#idents: Ok(value.#idents),)*
                }
            }
        }
    });
    items
}

/// What a member is before it is set: its serde default, `None` for an optional member,
/// else the error `TryFrom` reports.
fn default_of(field: &syn::Field, name: &str) -> syn::Expr {
    if let Some(path) = serde_default_path(&field.attrs) {
        if let Ok(path) = syn::parse_str::<syn::Path>(&path) {
            return syn::parse_quote!(Ok(super::#path()));
        }
    }
    let optional = matches!(&field.ty, syn::Type::Path(p)
        if p.path.segments.last().is_some_and(|s| s.ident == "Option"))
        && has_serde_flag(&field.attrs, "skip_serializing_if");
    if optional
        || has_serde_flag(&field.attrs, "default")
        || has_serde_flag(&field.attrs, "flatten")
    {
        return syn::parse_quote!(Ok(::std::default::Default::default()));
    }
    let message = format!("no value supplied for {name}");
    syn::parse_quote!(Err(#message.to_string()))
}

/// The function of a `#[serde(default = "...")]`.
pub(super) fn serde_default_path(attrs: &[syn::Attribute]) -> Option<String> {
    let mut found = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.input.peek(syn::Token![=]) {
                let value: syn::Expr = meta.value()?.parse()?;
                if meta.path.is_ident("default")
                    && let syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) = value
                {
                    found = Some(text.value());
                }
            }
            Ok(())
        });
    }
    found
}

/// Makes the types of the file's items reachable from the `builder` module.
struct Scope<'a>(&'a BTreeSet<String>);

impl VisitMut for Scope<'_> {
    fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
        visit_mut::visit_type_path_mut(self, ty);
        if ty.qself.is_some() || ty.path.leading_colon.is_some() {
            return;
        }
        let Some(first) = ty.path.segments.first().map(|s| s.ident.to_string()) else {
            return;
        };
        if first == "super" || (ty.path.segments.len() == 1 && self.0.contains(&first)) {
            ty.path.segments.insert(0, syn::parse_quote!(super));
        }
    }
}

/// typify's error module, for a file that had no other use for it.
fn error_module() -> syn::Item {
    syn::parse_quote! {
        /// Error types.
        pub mod error {
            /// Error from a `TryFrom` or `FromStr` implementation.
            pub struct ConversionError(::std::borrow::Cow<'static, str>);

            impl ::std::error::Error for ConversionError {}

            impl ::std::fmt::Display for ConversionError {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> Result<(), ::std::fmt::Error> {
                    ::std::fmt::Display::fmt(&self.0, f)
                }
            }

            impl ::std::fmt::Debug for ConversionError {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> Result<(), ::std::fmt::Error> {
                    ::std::fmt::Debug::fmt(&self.0, f)
                }
            }

            impl From<&'static str> for ConversionError {
                fn from(value: &'static str) -> Self {
                    Self(value.into())
                }
            }

            impl From<String> for ConversionError {
                fn from(value: String) -> Self {
                    Self(value.into())
                }
            }
        }
    }
}

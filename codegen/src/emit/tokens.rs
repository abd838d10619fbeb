//! Looking into token streams the emitters wrote themselves.

use proc_macro2::{TokenStream, TokenTree};

/// Whether `tokens` mention the identifier `ident` anywhere.
pub fn mentions(tokens: &TokenStream, ident: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        TokenTree::Ident(i) => i == ident,
        TokenTree::Group(g) => mentions(&g.stream(), ident),
        _ => false,
    })
}

/// The type an item declares (a struct, an enum or an alias): the items typify writes and
/// the passes after it rename, sort or add to.
pub fn declared_type(item: &syn::Item) -> Option<&syn::Ident> {
    match item {
        syn::Item::Struct(s) => Some(&s.ident),
        syn::Item::Enum(e) => Some(&e.ident),
        syn::Item::Type(t) => Some(&t.ident),
        _ => None,
    }
}

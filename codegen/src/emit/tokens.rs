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

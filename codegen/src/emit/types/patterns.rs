//! typify's pattern newtypes match with `regress`, a backtracking engine without a step limit,
//! inside plain serde deserialization. Here they are rewritten to the runtime's [`Pattern`],
//! the matcher the validators use: linear time, or a budget.
//!
//! typify writes (in each newtype's `FromStr`):
//!
//! ```text
//! static PATTERN: LazyLock<regress::Regex> = LazyLock::new(|| regress::Regex::new("…").unwrap());
//! if PATTERN.find(value).is_none() { return Err(…) }
//! ```
//!
//! which becomes `static PATTERN: Pattern = Pattern::new("…");` and
//! `if !PATTERN.is_match(value) { … }`. Anything of `regress` left over is an error, so that a
//! typify upgrade that writes it differently cannot slip through.
//!
//! [`Pattern`]: schema_runtime::pattern::Pattern

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};

/// Rewrites every `regress` pattern in `file`; `Err` when one is left that this does not know.
pub fn use_runtime_patterns(file: &mut syn::File) -> Result<(), String> {
    Rewrite.visit_file_mut(file);
    if mentions(file.to_token_stream(), "regress") {
        return Err(
            "typify used `regress` in a form the generator does not rewrite to the runtime's pattern matcher"
                .to_string(),
        );
    }
    Ok(())
}

struct Rewrite;

impl VisitMut for Rewrite {
    fn visit_item_static_mut(&mut self, item: &mut syn::ItemStatic) {
        if mentions(item.ty.to_token_stream(), "regress")
            && let Some(source) = first_string(item.expr.to_token_stream())
        {
            *item.ty = syn::parse_quote!(::schema_runtime::pattern::Pattern);
            *item.expr = syn::parse_quote!(::schema_runtime::pattern::Pattern::new(#source));
        }
        visit_mut::visit_item_static_mut(self, item);
    }

    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        if let syn::Expr::MethodCall(outer) = expr
            && outer.method == "is_none"
            && outer.args.is_empty()
            && let syn::Expr::MethodCall(inner) = &*outer.receiver
            && inner.method == "find"
            && inner.args.len() == 1
        {
            let (receiver, text) = (&inner.receiver, &inner.args[0]);
            *expr = syn::parse_quote!(!#receiver.is_match(#text));
        }
        visit_mut::visit_expr_mut(self, expr);
    }
}

fn mentions(tokens: TokenStream, ident: &str) -> bool {
    tokens.into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(i) => i == ident,
        proc_macro2::TokenTree::Group(g) => mentions(g.stream(), ident),
        _ => false,
    })
}

/// The first string literal in `tokens`: the pattern in `Regex::new("…")`.
fn first_string(tokens: TokenStream) -> Option<syn::LitStr> {
    tokens.into_iter().find_map(|tree| match tree {
        proc_macro2::TokenTree::Literal(literal) => {
            syn::parse2::<syn::LitStr>(literal.into_token_stream()).ok()
        }
        proc_macro2::TokenTree::Group(g) => first_string(g.stream()),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typify_newtypes_use_the_runtime_matcher() {
        let mut file: syn::File = syn::parse_quote! {
            impl ::std::str::FromStr for Code {
                type Err = self::error::ConversionError;
                fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
                    static PATTERN: ::std::sync::LazyLock<::regress::Regex> = ::std::sync::LazyLock::new(|| {
                        ::regress::Regex::new("^\\d{3}$").unwrap()
                    });
                    if PATTERN.find(value).is_none() {
                        return Err("doesn't match pattern \"^\\d{3}$\"".into());
                    }
                    Ok(Self(value.to_string()))
                }
            }
        };
        use_runtime_patterns(&mut file).unwrap();
        let code = prettyplease::unparse(&file);
        assert!(
            code.contains(
                "static PATTERN: ::schema_runtime::pattern::Pattern = ::schema_runtime::pattern::Pattern::new(\n"
            ) || code.contains("::schema_runtime::pattern::Pattern::new(\"^\\\\d{3}$\")"),
            "{code}"
        );
        assert!(code.contains("if !PATTERN.is_match(value)"), "{code}");
        assert!(!code.contains("regress"), "{code}");
    }

    #[test]
    fn unknown_uses_of_regress_are_refused() {
        let mut file: syn::File = syn::parse_quote! {
            fn f() { let _ = ::regress::Regex::new("a"); }
        };
        assert!(use_runtime_patterns(&mut file).is_err());
    }
}

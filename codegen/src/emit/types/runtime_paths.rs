//! What typify's output needs from other crates is provided by `schema-runtime`, so that a
//! generated crate builds with `schema-runtime`, `serde` and `serde_json` whatever its schemas
//! use:
//!
//! - `::chrono::…` and `::uuid::…` become `::schema_runtime::chrono::…` and
//!   `::schema_runtime::uuid::…` (the same crates, re-exported);
//! - the pattern newtypes, which typify writes with `regress` (a backtracking engine without
//!   a step limit, run by plain serde deserialization), use the runtime's [`Pattern`], the
//!   matcher the validators use: linear time, or a budget.
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

use crate::emit::tokens::mentions;

/// Crates reached through `schema-runtime`'s re-exports.
const REEXPORTED: &[&str] = &["chrono", "uuid"];

/// Rewrites `file` to use `schema-runtime`; `Err` when something is left that this does not
/// know how to rewrite.
pub fn use_runtime(file: &mut syn::File) -> Result<(), String> {
    Rewrite.visit_file_mut(file);
    if mentions(&file.to_token_stream(), "regress") {
        return Err(
            "typify used `regress` in a form the generator does not rewrite to the runtime's pattern matcher"
                .to_string(),
        );
    }
    Ok(())
}

struct Rewrite;

impl VisitMut for Rewrite {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        if path.leading_colon.is_some()
            && path
                .segments
                .first()
                .is_some_and(|s| REEXPORTED.iter().any(|c| s.ident == c))
        {
            path.segments.insert(0, syn::parse_quote!(schema_runtime));
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_item_static_mut(&mut self, item: &mut syn::ItemStatic) {
        if mentions(&item.ty.to_token_stream(), "regress")
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
    fn pattern_newtypes_use_the_runtime_matcher() {
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
        use_runtime(&mut file).unwrap();
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
        assert!(use_runtime(&mut file).is_err());
    }

    #[test]
    fn chrono_and_uuid_come_through_the_runtime() {
        let mut file: syn::File = syn::parse_quote! {
            pub struct T {
                pub at: ::chrono::DateTime<::chrono::offset::Utc>,
                pub id: ::uuid::Uuid,
                pub other: ::std::string::String,
            }
        };
        use_runtime(&mut file).unwrap();
        let code = prettyplease::unparse(&file);
        assert!(
            code.contains(
                "::schema_runtime::chrono::DateTime<::schema_runtime::chrono::offset::Utc>"
            ),
            "{code}"
        );
        assert!(code.contains("::schema_runtime::uuid::Uuid"), "{code}");
        assert!(code.contains("::std::string::String"), "{code}");
    }
}

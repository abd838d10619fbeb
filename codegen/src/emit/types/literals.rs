//! The struct literals typify writes (its `Default` impls and `defaults` helpers), each
//! named by what it builds, for the passes that change a struct's fields after typify.

use syn::visit_mut::{self, VisitMut};

/// Calls `edit` with every struct literal of `file` and what it builds: `Type` for
/// `Type { .. }` (and `Self { .. }` inside `impl Type`), `Enum::Variant` for a variant
/// (`Enum::Variant { .. }`, `Self::Variant { .. }`), by the last segments of its path.
pub fn for_each(file: &mut syn::File, edit: impl FnMut(&str, &mut syn::ExprStruct)) {
    Literals {
        edit,
        self_type: None,
    }
    .visit_file_mut(file);
}

struct Literals<F> {
    edit: F,
    /// Inside an `impl`: what `Self` names.
    self_type: Option<String>,
}

impl<F: FnMut(&str, &mut syn::ExprStruct)> VisitMut for Literals<F> {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let outer = self.self_type.take();
        if let syn::Type::Path(path) = item.self_ty.as_ref() {
            self.self_type = path.path.segments.last().map(|s| s.ident.to_string());
        }
        visit_mut::visit_item_impl_mut(self, item);
        self.self_type = outer;
    }

    /// typify writes a list default as `vec![…]`, whose items syn leaves as tokens: they are
    /// visited as expressions, and written back only if an edit changed them.
    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        if !mac.path.is_ident("vec") {
            return;
        }
        let parser = syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
        if let Ok(mut items) = mac.parse_body_with(parser) {
            let before = quote::quote!(#items).to_string();
            for item in items.iter_mut() {
                self.visit_expr_mut(item);
            }
            let after = quote::quote!(#items);
            if after.to_string() != before {
                mac.tokens = after;
            }
        }
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        visit_mut::visit_expr_struct_mut(self, expr);
        let resolve = |segment: &syn::PathSegment| {
            let name = segment.ident.to_string();
            match (&self.self_type, name == "Self") {
                (Some(own), true) => own.clone(),
                _ => name,
            }
        };
        let segments: Vec<&syn::PathSegment> = expr.path.segments.iter().collect();
        let (last, owner) = match segments.as_slice() {
            [.., owner, last] => (resolve(last), Some(resolve(owner))),
            [last] => (resolve(last), None),
            [] => return,
        };
        // A type's own literal, or a variant's: which one the path names is up to the reader
        // of the name (a type and a variant never share a `::`).
        (self.edit)(&last, expr);
        if let Some(owner) = owner {
            (self.edit)(&format!("{owner}::{last}"), expr);
        }
    }
}

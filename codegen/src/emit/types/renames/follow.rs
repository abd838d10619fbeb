//! Renaming types, fields and variants in typify's output, and following every reference
//! typify wrote to them. Shared by the identifier repairs (`fixup.rs`: ASCII, unique) and by
//! the user's renames (`codegen.toml`).

use std::collections::BTreeMap;

use quote::format_ident;
use syn::visit_mut::{self, VisitMut};

/// How the members of one struct or enum were renamed.
#[derive(Default)]
pub(crate) struct MemberRenames {
    /// Old name → new name of its first occurrence.
    pub first: BTreeMap<String, String>,
    /// For a name typify gave to several members (`maxSize` and `max-size`), the new name
    /// of each occurrence, in order: `Self { max_size: .., max_size: .. }` follows them.
    pub repeated: BTreeMap<String, Vec<String>>,
}

impl MemberRenames {
    /// The new name of the `index`th occurrence of `old` in a struct literal.
    fn occurrence(&self, old: &str, index: usize) -> Option<&String> {
        match self.repeated.get(old) {
            Some(news) => news.get(index),
            None => self.first.get(old),
        }
    }
}

/// Gives a field or variant its new name. `on_wire`: the old name was its name in JSON
/// (not a flattened map's, nor an untagged variant's), so a `serde(rename)` keeps it there.
pub(crate) fn rename_member(
    ident: &mut syn::Ident,
    attrs: &mut Vec<syn::Attribute>,
    new: &str,
    on_wire: bool,
) {
    let old = ident.to_string();
    let bare = old.strip_prefix("r#").unwrap_or(&old);
    if on_wire && crate::emit::types::info::serde_rename(attrs).is_none() {
        attrs.push(syn::parse_quote!(#[serde(rename = #bare)]));
    }
    *ident = format_ident!("{}", new);
}

/// Renames types (old → new) where they are declared, at any depth (typify's builders are
/// structs of the same name in `mod builder`), and wherever a path names them: `T`,
/// `super::T`, `builder::T`, `super::<module>::T`, `T::new`. A segment after a type
/// (`Kind::T`, `Self::T`) is a variant or an associated item, not the type, and keeps its
/// name: typify names the variants of `oneOf`s after their types.
pub(crate) fn rename_types(file: &mut syn::File, renames: &BTreeMap<String, String>) {
    if !renames.is_empty() {
        RenameTypes(renames).visit_file_mut(file);
    }
}

struct RenameTypes<'a>(&'a BTreeMap<String, String>);

impl VisitMut for RenameTypes<'_> {
    fn visit_item_struct_mut(&mut self, item: &mut syn::ItemStruct) {
        self.declared(&mut item.ident);
        visit_mut::visit_item_struct_mut(self, item);
    }

    fn visit_item_enum_mut(&mut self, item: &mut syn::ItemEnum) {
        self.declared(&mut item.ident);
        visit_mut::visit_item_enum_mut(self, item);
    }

    fn visit_item_type_mut(&mut self, item: &mut syn::ItemType) {
        self.declared(&mut item.ident);
        visit_mut::visit_item_type_mut(self, item);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let mut after_type = false;
        for segment in &mut path.segments {
            let name = segment.ident.to_string();
            if !after_type && let Some(new) = self.0.get(&name) {
                segment.ident = format_ident!("{}", new);
            }
            after_type = name.starts_with(|c: char| c.is_uppercase());
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        visit_vec_items(self, mac);
    }
}

impl RenameTypes<'_> {
    fn declared(&self, ident: &mut syn::Ident) {
        if let Some(new) = self.0.get(&ident.to_string()) {
            *ident = format_ident!("{}", new);
        }
    }
}

/// typify builds default lists with `vec![…]`, whose tokens syn does not parse: visits its
/// items as expressions.
pub(crate) fn visit_vec_items(visitor: &mut impl VisitMut, mac: &mut syn::Macro) {
    use syn::punctuated::Punctuated;
    if !mac.path.is_ident("vec") {
        return;
    }
    let parser = Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated;
    if let Ok(mut items) = mac.parse_body_with(parser) {
        for item in items.iter_mut() {
            visitor.visit_expr_mut(item);
        }
        mac.tokens = quote::quote!(#items);
    }
}

/// Follows renamed fields and variants, by their type's name (before any type rename),
/// everywhere typify refers to them: struct literals and patterns of the type (`T { .. }`,
/// `super::T { .. }`, `Self { .. }` in its impls, occurrence by occurrence), field accesses
/// in its impls (`x.field`, `value.field` in the builder's conversions), and variant paths
/// (`Kind::Gold`, `super::Kind::Gold` in `mod defaults`, `Self::Gold` in its impls).
pub(crate) fn follow_members(
    file: &mut syn::File,
    fields: &BTreeMap<String, MemberRenames>,
    variants: &BTreeMap<String, MemberRenames>,
) {
    if fields.is_empty() && variants.is_empty() {
        return;
    }
    FollowMembers {
        fields,
        variants,
        within: None,
    }
    .visit_file_mut(file);
}

struct FollowMembers<'a> {
    fields: &'a BTreeMap<String, MemberRenames>,
    variants: &'a BTreeMap<String, MemberRenames>,
    /// The type of the impl block being visited, which `Self` names.
    within: Option<String>,
}

impl FollowMembers<'_> {
    /// The type a path names (its last segment), with `Self` read as the impl's type.
    fn owner(&self, segment: Option<&syn::PathSegment>) -> Option<String> {
        let name = segment?.ident.to_string();
        if name == "Self" {
            self.within.clone()
        } else {
            Some(name)
        }
    }

    fn rename_in_literal<'m>(
        &self,
        path: &syn::Path,
        members: impl Iterator<Item = &'m mut syn::Member>,
    ) {
        let Some(renames) = self
            .owner(path.segments.last())
            .and_then(|owner| self.fields.get(&owner))
        else {
            return;
        };
        let mut seen: BTreeMap<String, usize> = BTreeMap::new();
        for member in members {
            if let syn::Member::Named(ident) = member {
                let old = ident.to_string();
                let index = seen.entry(old.clone()).or_default();
                if let Some(new) = renames.occurrence(&old, *index) {
                    *ident = format_ident!("{}", new);
                }
                *index += 1;
            }
        }
    }
}

impl VisitMut for FollowMembers<'_> {
    fn visit_item_impl_mut(&mut self, block: &mut syn::ItemImpl) {
        let own = match &*block.self_ty {
            syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let outer = std::mem::replace(&mut self.within, own);
        visit_mut::visit_item_impl_mut(self, block);
        self.within = outer;
    }

    fn visit_expr_struct_mut(&mut self, expr: &mut syn::ExprStruct) {
        self.rename_in_literal(&expr.path, expr.fields.iter_mut().map(|f| &mut f.member));
        self.visit_path_mut(&mut expr.path);
        for field in &mut expr.fields {
            self.visit_expr_mut(&mut field.expr);
        }
        if let Some(rest) = &mut expr.rest {
            self.visit_expr_mut(rest);
        }
    }

    fn visit_pat_struct_mut(&mut self, pat: &mut syn::PatStruct) {
        self.rename_in_literal(&pat.path, pat.fields.iter_mut().map(|f| &mut f.member));
        self.visit_path_mut(&mut pat.path);
        for field in &mut pat.fields {
            self.visit_pat_mut(&mut field.pat);
        }
    }

    fn visit_member_mut(&mut self, member: &mut syn::Member) {
        if let syn::Member::Named(ident) = member
            && let Some(renames) = self.within.as_ref().and_then(|t| self.fields.get(t))
            && let Some(new) = renames.first.get(&ident.to_string())
        {
            *ident = format_ident!("{}", new);
        }
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let count = path.segments.len();
        if count >= 2
            && let Some(renames) = self
                .owner(path.segments.iter().nth(count - 2))
                .and_then(|owner| self.variants.get(&owner))
        {
            let last = &mut path.segments[count - 1].ident;
            if let Some(new) = renames.first.get(&last.to_string()) {
                *last = format_ident!("{}", new);
            }
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        visit_vec_items(self, mac);
    }
}

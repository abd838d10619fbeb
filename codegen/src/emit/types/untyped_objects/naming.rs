//! After typify: the names of what `wrap` asked for (see the parent module).

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use syn::visit_mut::{self, VisitMut};

use crate::emit::tokens::declared_type;
use crate::emit::types::{builders, renames};
use crate::names;

/// The last segment of `schema_runtime::NonObject`, as typify writes it.
const NON_OBJECT_TYPE: &str = "NonObject";
/// The variant the object takes: typify names it so from the type it holds (`Object` for an
/// inline map), and the other from its title, the first word of both being the placeholder's.
pub(super) const OBJECT: &str = "Object";
pub(super) const OTHER: &str = "Other";

/// After typify: the enums `wrap` asked for (placeholders start with `base`), and what typify
/// named after their object variants, get their names. The struct of an object part becomes `<Enum>Object` (unique in
/// the file); the types typify named inside it, or inside a map variant (`<Enum>ObjectValue`),
/// the names they had before the enum: `<Enum>` and what followed the struct's name. Returns
/// the renames (name in `file` → new name).
pub(super) fn name(file: &mut syn::File, base: &str) -> BTreeMap<String, String> {
    let items = declared(file);
    // Each enum's object variant's type, by the enum's name.
    let mut enums: BTreeMap<String, TokenStream> = BTreeMap::new();
    for item in &file.items {
        if let syn::Item::Enum(e) = item
            && let Some(object) = object_variant(e)
        {
            enums.insert(e.ident.to_string(), object);
        }
    }
    // What typify named after each enum's object variant: (enum, what followed the prefix).
    let mut parent: BTreeMap<String, (String, String)> = BTreeMap::new();
    for (name, object) in &enums {
        // A struct of its own is named by its placeholder, a map is named after the enum.
        let prefix = match idents(object).as_slice() {
            [single] if single.starts_with(base) => single.clone(),
            _ => format!("{name}{OBJECT}"),
        };
        let mut queue = idents(object);
        let mut seen = BTreeSet::new();
        while let Some(ident) = queue.pop() {
            if !ident.starts_with(&prefix)
                || !items.contains_key(&ident)
                || !seen.insert(ident.clone())
            {
                continue;
            }
            parent.insert(
                ident.clone(),
                (name.clone(), ident[prefix.len()..].to_string()),
            );
            // Another enum of this pass holds its own.
            if !enums.contains_key(&ident) {
                queue.extend(items[&ident].iter().cloned());
            }
        }
    }
    let mut taken: BTreeSet<String> = items
        .keys()
        .filter(|name| !parent.contains_key(*name))
        .cloned()
        .collect();
    let mut renames: BTreeMap<String, String> = BTreeMap::new();
    // The names typify gave before come first; a struct's new name must not take one.
    let (structs, inside): (Vec<&String>, Vec<&String>) =
        parent.keys().partition(|name| parent[*name].1.is_empty());
    for name in inside.into_iter().chain(structs) {
        final_name(name, &parent, &mut taken, &mut renames);
    }
    renames.retain(|old, new| old != new);
    rename_default_helpers(file, &renames);
    renames::rename_docs(&mut file.items, &renames);
    renames::rename_types(file, &renames);
    let moved: BTreeSet<&String> = renames.values().collect();
    sort_into_place(&mut file.items, &moved);
    renames
}

/// typify writes its types in the order of their names, each followed by its impls: the
/// renamed ones, written under their placeholders, go where their new names sort, beside
/// their enums.
fn sort_into_place(items: &mut Vec<syn::Item>, moved: &BTreeSet<&String>) {
    let mut groups: Vec<(Option<String>, Vec<syn::Item>)> = Vec::new();
    for item in std::mem::take(items) {
        let declared = declared_type(&item).map(ToString::to_string);
        let implemented = match &item {
            syn::Item::Impl(block) => match block.self_ty.as_ref() {
                syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
                _ => None,
            },
            _ => None,
        };
        match (declared, groups.last_mut()) {
            (Some(name), _) => groups.push((Some(name), vec![item])),
            (None, Some((Some(name), group))) if implemented.as_ref() == Some(name) => {
                group.push(item);
            }
            (None, _) => groups.push((None, vec![item])),
        }
    }
    let (mut taken, mut kept): (Vec<_>, Vec<_>) = groups
        .into_iter()
        .partition(|(name, _)| name.as_ref().is_some_and(|n| moved.contains(n)));
    taken.sort_by(|a, b| a.0.cmp(&b.0));
    for group in taken {
        let after = kept
            .iter()
            .rposition(|(name, _)| name.as_ref().is_some_and(|n| Some(n) < group.0.as_ref()));
        let first_type = kept
            .iter()
            .position(|(name, _)| name.is_some())
            .unwrap_or(0);
        kept.insert(after.map_or(first_type, |at| at + 1), group);
    }
    *items = kept.into_iter().flat_map(|(_, group)| group).collect();
}

/// typify names the helper of a field's default after the struct that holds it
/// (`defaults::untyped0_object_retries`): the helpers of renamed structs follow them.
/// Before the types are renamed.
fn rename_default_helpers(file: &mut syn::File, types: &BTreeMap<String, String>) {
    use heck::ToSnakeCase;
    let mut helpers: BTreeSet<String> = BTreeSet::new();
    for item in &file.items {
        if let syn::Item::Mod(module) = item
            && module.ident == DEFAULTS
            && let Some((_, items)) = &module.content
        {
            for inner in items {
                if let syn::Item::Fn(function) = inner {
                    helpers.insert(function.sig.ident.to_string());
                }
            }
        }
    }
    let mut renamed: BTreeMap<String, String> = BTreeMap::new();
    for item in &file.items {
        let syn::Item::Struct(s) = item else { continue };
        let Some(new_type) = types.get(&s.ident.to_string()) else {
            continue;
        };
        let (old, new) = (
            s.ident.to_string().to_snake_case(),
            new_type.to_snake_case(),
        );
        for field in &s.fields {
            let Some(path) = builders::serde_default_path(&field.attrs) else {
                continue;
            };
            let Some(helper) = path.strip_prefix(&format!("{DEFAULTS}::")) else {
                continue;
            };
            let Some(rest) = helper.strip_prefix(&old).filter(|r| r.starts_with('_')) else {
                continue;
            };
            let wanted = format!("{new}{rest}");
            if helpers.insert(wanted.clone()) {
                renamed.insert(helper.to_string(), wanted);
            }
        }
    }
    if !renamed.is_empty() {
        Helpers(&renamed).visit_file_mut(file);
    }
}

/// The module typify keeps the helpers of defaults in.
const DEFAULTS: &str = "defaults";

/// Renames helpers of `mod defaults` where they are declared, called (`defaults::x()`) and
/// named in `#[serde(default = "defaults::x")]`.
struct Helpers<'a>(&'a BTreeMap<String, String>);

impl VisitMut for Helpers<'_> {
    fn visit_item_fn_mut(&mut self, function: &mut syn::ItemFn) {
        if let Some(new) = self.0.get(&function.sig.ident.to_string()) {
            function.sig.ident = quote::format_ident!("{}", new);
        }
        visit_mut::visit_item_fn_mut(self, function);
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let mut after_defaults = false;
        for segment in &mut path.segments {
            if after_defaults && let Some(new) = self.0.get(&segment.ident.to_string()) {
                segment.ident = quote::format_ident!("{}", new);
            }
            after_defaults = segment.ident == DEFAULTS;
        }
        visit_mut::visit_path_mut(self, path);
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if let syn::Meta::List(list) = &mut attr.meta
            && list.path.is_ident("serde")
        {
            let mut text = list.tokens.to_string();
            for (old, new) in self.0 {
                text = text.replace(
                    &format!("\"{DEFAULTS}::{old}\""),
                    &format!("\"{DEFAULTS}::{new}\""),
                );
            }
            if let Ok(tokens) = text.parse() {
                list.tokens = tokens;
            }
        }
    }

    fn visit_macro_mut(&mut self, mac: &mut syn::Macro) {
        renames::visit_vec_items(self, mac);
    }
}

/// The new name of `name`, after its enum's (memoized in `renames`).
fn final_name(
    name: &str,
    parent: &BTreeMap<String, (String, String)>,
    taken: &mut BTreeSet<String>,
    renames: &mut BTreeMap<String, String>,
) -> String {
    if let Some(done) = renames.get(name) {
        return done.clone();
    }
    let Some((owner, rest)) = parent.get(name) else {
        return name.to_string();
    };
    // An enum is never inside what is inside it; the guard only keeps a surprise finite.
    renames.insert(name.to_string(), name.to_string());
    let owner = final_name(owner, parent, taken, renames);
    let new = if rest.is_empty() {
        names::unique(&format!("{owner}{OBJECT}"), "", taken)
    } else {
        let new = format!("{owner}{rest}");
        taken.insert(new.clone());
        new
    };
    renames.insert(name.to_string(), new.clone());
    new
}

/// Whether `item` is one of this pass's enums: an object, or any other value.
pub fn is_either(item: &syn::ItemEnum) -> bool {
    object_variant(item).is_some()
}

/// The type of `item`'s object variant, when it is one of this pass's enums: two variants,
/// `Object(..)` and `Other(NonObject)`.
fn object_variant(item: &syn::ItemEnum) -> Option<TokenStream> {
    let [object, other] =
        <[&syn::Variant; 2]>::try_from(item.variants.iter().collect::<Vec<_>>()).ok()?;
    let single = |variant: &syn::Variant| match &variant.fields {
        syn::Fields::Unnamed(fields) if fields.unnamed.len() == 1 => {
            Some(fields.unnamed[0].ty.to_token_stream())
        }
        _ => None,
    };
    let other_type = single(other)?;
    let is_non_object = idents(&other_type)
        .last()
        .is_some_and(|i| i == NON_OBJECT_TYPE);
    (object.ident == OBJECT && other.ident == OTHER && is_non_object).then(|| single(object))?
}

/// Every type declared at the top of `file`, with the identifiers it mentions.
fn declared(file: &syn::File) -> BTreeMap<String, Vec<String>> {
    file.items
        .iter()
        .filter_map(|item| {
            let ident = declared_type(item)?;
            Some((ident.to_string(), idents(&item.to_token_stream())))
        })
        .collect()
}

fn idents(tokens: &TokenStream) -> Vec<String> {
    let mut out = Vec::new();
    for tree in tokens.clone() {
        match tree {
            TokenTree::Ident(ident) => out.push(ident.to_string()),
            TokenTree::Group(group) => out.extend(idents(&group.stream())),
            _ => {}
        }
    }
    out
}

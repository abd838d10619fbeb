//! The renames `codegen.toml` asks for under `[type.<TypeName>]`: `rename` (the type's),
//! `fields` and `variants`, each by its generated Rust name.
//!
//! They are checked against what was generated: an entry that names no field or variant, a
//! new name that clashes with a neighbour's, or one that would not compile warning-free is a
//! located error in the file. They are applied last, after every pass that looks settings up
//! by the generated name, and followed wherever typify named the type or member (its impls,
//! `mod defaults`, `mod builder`, other schemas' modules through `super::<module>::<Type>`).
//! The wire never changes: a renamed field or variant keeps its JSON name in a
//! `serde(rename)`.

mod follow;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

pub(crate) use follow::{
    MemberRenames, follow_members, rename_member, rename_types, visit_vec_items,
};

use super::info::{RustType, TypeCode, TypeDef, TypeInfo, has_serde_flag, serde_rename};
use crate::config::{Config, nearest};
use crate::error::GenError;
use crate::names;
use crate::schema_set::SchemaSet;

/// Applies the renames to every schema's types, or says which entry cannot hold. Runs after
/// every other pass, which find their settings by the generated names.
pub fn rename(set: &SchemaSet, files: &mut [Option<TypeCode>]) -> Result<(), GenError> {
    let config = &set.settings.config;
    // Type names are matched across modules: a module names another's types through
    // `super::<module>::<Type>`, and `[type.<TypeName>]` names every type so named.
    let types: BTreeMap<String, String> = config
        .types
        .iter()
        .filter_map(|(name, settings)| Some((name.clone(), settings.rename.clone()?)))
        .collect();
    let has_members = config
        .types
        .values()
        .any(|settings| !settings.fields.is_empty() || !settings.variants.is_empty());
    if types.is_empty() && !has_members {
        return Ok(());
    }
    let roots: Vec<&str> = set
        .schemas
        .iter()
        .map(|schema| {
            types
                .get(&schema.type_name)
                .unwrap_or(&schema.type_name)
                .as_str()
        })
        .collect();
    for (doc, code) in files.iter_mut().enumerate() {
        let Some(code) = code else { continue };
        let own = Roots {
            own: &set.schemas[doc].type_name,
            others: roots
                .iter()
                .enumerate()
                .filter(|(other, _)| *other != doc)
                .map(|(_, name)| name.to_string())
                .collect(),
        };
        let mut renames = wanted(&code.file, config, &own)?;
        renames.everywhere = types.clone();
        apply(&mut code.file, &renames);
        describe(&mut code.info, &renames);
    }
    Ok(())
}

/// The renames of one schema's module, by generated names.
#[derive(Debug, Default)]
pub struct Renames {
    /// The module's own types.
    pub types: BTreeMap<String, String>,
    /// Every renamed type of the run, which this module may name.
    pub everywhere: BTreeMap<String, String>,
    /// New field names, by struct.
    fields: BTreeMap<String, BTreeMap<String, String>>,
    /// New variant names, by enum.
    variants: BTreeMap<String, BTreeMap<String, String>>,
}

/// The schema whose module is renamed, among the others.
pub struct Roots<'a> {
    /// The generated name of this schema's root type.
    pub own: &'a str,
    /// The Rust names of the other schemas' root types, which the crate root re-exports
    /// beside this one.
    pub others: BTreeSet<String>,
}

/// What one type of the module is made of, to check entries against.
enum Shape {
    Struct(Vec<String>),
    Enum(Vec<String>),
    Newtype,
}

/// The renames `config` asks of the types in `file`, checked.
pub fn wanted(file: &syn::File, config: &Config, roots: &Roots<'_>) -> Result<Renames, GenError> {
    let mut renames = Renames::default();
    let shapes = shapes(file);
    for (name, shape) in &shapes {
        let settings = config.of_type(name);
        if let Some(new) = &settings.rename {
            let key = format!("type.{name}.rename");
            check_case(new, Case::Camel, "a type").map_err(|m| config.error_at(&key, m))?;
            if names::shadows_prelude(new) {
                return Err(config.error_at(
                    &key,
                    format!("`{new}` would shadow the Rust prelude's `{new}`"),
                ));
            }
            renames.types.insert(name.clone(), new.clone());
        }
        let (fields, variants): (&[String], &[String]) = match shape {
            Shape::Struct(fields) => (fields, &[]),
            Shape::Enum(variants) => (&[], variants),
            Shape::Newtype => (&[], &[]),
        };
        let members = Members {
            config,
            type_name: name,
            shape,
        };
        let new_fields = members.check("fields", &settings.fields, fields)?;
        if !new_fields.is_empty() {
            renames.fields.insert(name.clone(), new_fields);
        }
        let new_variants = members.check("variants", &settings.variants, variants)?;
        if !new_variants.is_empty() {
            renames.variants.insert(name.clone(), new_variants);
        }
    }
    for (name, new) in &renames.types {
        let key = format!("type.{name}.rename");
        let clash = if shapes.contains_key(new) && !renames.types.contains_key(new) {
            Some(format!(
                "`{new}` is already the name of another type of this schema"
            ))
        } else if let Some((other, _)) = renames
            .types
            .iter()
            .find(|(other, again)| *other != name && *again == new)
        {
            Some(format!("`{new}` is also the new name of `{other}`"))
        } else if name == roots.own && roots.others.contains(new) {
            Some(format!(
                "`{new}` is the name of another schema's root type, and the crate root re-exports both"
            ))
        } else {
            None
        };
        if let Some(message) = clash {
            return Err(config.error_at(&key, message));
        }
    }
    Ok(renames)
}

/// The entries of one type's `fields` or `variants`.
struct Members<'a> {
    config: &'a Config,
    type_name: &'a str,
    shape: &'a Shape,
}

impl Members<'_> {
    /// Checks the entries of `key` (`fields`, `variants`) against the type's `existing`
    /// members; returns them.
    fn check(
        &self,
        key: &str,
        entries: &BTreeMap<String, String>,
        existing: &[String],
    ) -> Result<BTreeMap<String, String>, GenError> {
        let name = self.type_name;
        let (what, case) = match key {
            "fields" => ("field", Case::Snake),
            _ => ("variant", Case::Camel),
        };
        let known: Vec<&str> = existing.iter().map(String::as_str).collect();
        for (old, new) in entries {
            let at = |message: String| {
                self.config
                    .error_at(&format!("type.{name}.{key}.{old}"), message)
            };
            if !known.contains(&old.as_str()) {
                let hint = match (nearest(old, &known), self.shape) {
                    (Some(near), _) => format!("; did you mean `{near}`?"),
                    (None, Shape::Struct(_)) if what == "variant" => {
                        "; it is a struct: its fields are renamed under `fields`".to_string()
                    }
                    (None, Shape::Enum(_)) if what == "field" => {
                        "; it is an enum: its variants are renamed under `variants`".to_string()
                    }
                    (None, _) if known.is_empty() => format!("; it has no {what}s"),
                    (None, _) => format!("; its {what}s: {}", listed(&known)),
                };
                return Err(at(format!("names no {what} of `{name}`{hint}")));
            }
            check_case(new, case, &format!("a {what}")).map_err(at)?;
            let clash = if known.contains(&new.as_str()) && !entries.contains_key(new) {
                Some(format!(
                    "`{new}` is already the name of another {what} of `{name}`"
                ))
            } else {
                entries
                    .iter()
                    .find(|(other, again)| *other != old && *again == new)
                    .map(|(other, _)| format!("`{new}` is also the new name of `{name}::{other}`"))
            };
            if let Some(message) = clash {
                return Err(at(message));
            }
        }
        Ok(entries.clone())
    }
}

#[derive(Clone, Copy)]
enum Case {
    /// Types and variants: `UpperCamelCase`.
    Camel,
    /// Fields: `snake_case`.
    Snake,
}

/// Generated crates deny warnings, so a name rustc would warn about is refused here, where
/// the file can say which setting it is.
fn check_case(name: &str, case: Case, what: &str) -> Result<(), String> {
    let bare = name.strip_prefix("r#").unwrap_or(name);
    let fits = match case {
        Case::Camel => bare.starts_with(|c: char| c.is_ascii_uppercase()) && !bare.contains('_'),
        Case::Snake => !bare.chars().any(char::is_uppercase) && !bare.contains("__"),
    };
    if fits {
        return Ok(());
    }
    let (style, example) = match case {
        Case::Camel => ("UpperCamelCase", names::type_name(bare)),
        Case::Snake => ("snake_case", names::field_name(bare)),
    };
    Err(format!(
        "`{name}` is not {style}, as {what} name must be to compile without warnings (like `{example}`)"
    ))
}

fn listed(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// The module's types, by name, with their members.
fn shapes(file: &syn::File) -> BTreeMap<String, Shape> {
    let bare = |ident: &syn::Ident| {
        let text = ident.to_string();
        text.strip_prefix("r#").unwrap_or(&text).to_string()
    };
    let mut shapes = BTreeMap::new();
    for item in &file.items {
        let (ident, shape) = match item {
            syn::Item::Struct(s) => match &s.fields {
                syn::Fields::Named(named) => (
                    &s.ident,
                    Shape::Struct(
                        named
                            .named
                            .iter()
                            .filter_map(|f| f.ident.as_ref())
                            .map(bare)
                            .collect(),
                    ),
                ),
                _ => (&s.ident, Shape::Newtype),
            },
            syn::Item::Enum(e) => (
                &e.ident,
                Shape::Enum(e.variants.iter().map(|v| bare(&v.ident)).collect()),
            ),
            syn::Item::Type(t) => (&t.ident, Shape::Newtype),
            _ => continue,
        };
        shapes.insert(ident.to_string(), shape);
    }
    shapes
}

/// Renames what `renames` says in `file`, and follows every reference to it.
pub fn apply(file: &mut syn::File, renames: &Renames) {
    for item in &mut file.items {
        match item {
            syn::Item::Struct(item) => {
                let (Some(new_names), syn::Fields::Named(fields)) = (
                    renames.fields.get(&item.ident.to_string()),
                    &mut item.fields,
                ) else {
                    continue;
                };
                for field in &mut fields.named {
                    let flattened = has_serde_flag(&field.attrs, "flatten");
                    if let Some(ident) = &mut field.ident
                        && let Some(new) = new_names.get(&ident.to_string())
                    {
                        if !flattened {
                            keep_wire_name(ident, &mut field.attrs);
                        }
                        *ident = quote::format_ident!("{}", new);
                    }
                }
            }
            syn::Item::Enum(item) => {
                let Some(new_names) = renames.variants.get(&item.ident.to_string()) else {
                    continue;
                };
                // An untagged enum's variant names are not on the wire.
                let on_wire = !has_serde_flag(&item.attrs, "untagged");
                for variant in &mut item.variants {
                    if let Some(new) = new_names.get(&variant.ident.to_string()) {
                        if on_wire {
                            keep_wire_name(&variant.ident, &mut variant.attrs);
                        }
                        variant.ident = quote::format_ident!("{}", new);
                    }
                }
            }
            syn::Item::Mod(module) if module.ident == "builder" => {
                if let Some((_, items)) = &mut module.content {
                    builders(items, &renames.fields);
                }
            }
            _ => {}
        }
    }
    let members = |all: &BTreeMap<String, BTreeMap<String, String>>| {
        all.iter()
            .map(|(owner, first)| {
                let renames = MemberRenames {
                    first: first.clone(),
                    repeated: BTreeMap::new(),
                };
                (owner.clone(), renames)
            })
            .collect()
    };
    follow_members(file, &members(&renames.fields), &members(&renames.variants));
    rename_docs(&mut file.items, &renames.types);
    rename_types(file, &renames.everywhere);
}

/// typify's doc comment of a type without a description is its name (`/// \`FlatKind\``),
/// and a builder's names its type: they name the new one. Before the types are renamed.
pub(super) fn rename_docs(items: &mut [syn::Item], types: &BTreeMap<String, String>) {
    for item in items {
        let (ident, attrs) = match item {
            syn::Item::Struct(s) => (&s.ident, &mut s.attrs),
            syn::Item::Enum(e) => (&e.ident, &mut e.attrs),
            syn::Item::Type(t) => (&t.ident, &mut t.attrs),
            syn::Item::Mod(m) if m.ident == "builder" => {
                if let Some((_, inner)) = &mut m.content {
                    rename_docs(inner, types);
                }
                continue;
            }
            _ => continue,
        };
        let Some(new) = types.get(&ident.to_string()) else {
            continue;
        };
        let (old, new) = (format!("`{ident}`"), format!("`{new}`"));
        for attr in attrs.iter_mut() {
            if let syn::Meta::NameValue(doc) = &mut attr.meta
                && doc.path.is_ident("doc")
                && let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(text),
                    ..
                }) = &mut doc.value
                && text.value().contains(&old)
            {
                let renamed = text.value().replace(&old, &new);
                *text = syn::LitStr::new(&renamed, text.span());
            }
        }
    }
}

/// Before a field or variant is renamed: its name was its wire name unless a
/// `serde(rename)` says otherwise, so one says it now, first in the member's `serde`
/// attribute as typify writes it (`#[serde(rename = "vip", skip_serializing_if = ...)]`).
fn keep_wire_name(ident: &syn::Ident, attrs: &mut Vec<syn::Attribute>) {
    if serde_rename(attrs).is_some() {
        return;
    }
    let old = ident.to_string();
    let wire = old.strip_prefix("r#").unwrap_or(&old);
    let serde = attrs.iter_mut().find_map(|attr| match &mut attr.meta {
        syn::Meta::List(list) if list.path.is_ident("serde") => Some(list),
        _ => None,
    });
    match serde {
        Some(list) => {
            let rest = &list.tokens;
            list.tokens = quote::quote!(rename = #wire, #rest);
        }
        None => attrs.push(syn::parse_quote!(#[serde(rename = #wire)])),
    }
}

/// typify's builder of a struct (`builder::T`, with `struct_builder` on) has a private field
/// and a public setter per field, by the field's name: both follow its renamed fields.
fn builders(items: &mut [syn::Item], fields: &BTreeMap<String, BTreeMap<String, String>>) {
    for item in items {
        match item {
            syn::Item::Struct(item) => {
                let (Some(new_names), syn::Fields::Named(named)) =
                    (fields.get(&item.ident.to_string()), &mut item.fields)
                else {
                    continue;
                };
                for ident in named.named.iter_mut().filter_map(|f| f.ident.as_mut()) {
                    if let Some(new) = new_names.get(&ident.to_string()) {
                        *ident = quote::format_ident!("{}", new);
                    }
                }
            }
            syn::Item::Impl(block) if block.trait_.is_none() => {
                let syn::Type::Path(own) = &*block.self_ty else {
                    continue;
                };
                let Some(new_names) = own
                    .path
                    .get_ident()
                    .and_then(|t| fields.get(&t.to_string()))
                else {
                    continue;
                };
                for inner in &mut block.items {
                    if let syn::ImplItem::Fn(setter) = inner
                        && let Some(new) = new_names.get(&setter.sig.ident.to_string())
                    {
                        setter.sig.ident = quote::format_ident!("{}", new);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The description of the types, renamed as the code was: keys, the types fields hold (of
/// any module), fields' Rust names (their wire names stay), variants.
fn describe(info: &mut TypeInfo, renames: &Renames) {
    let types = std::mem::take(&mut info.types);
    for (name, mut def) in types {
        match &mut def {
            TypeDef::Struct(def) => {
                let new_names = renames.fields.get(&name);
                let new_name = |old: &mut String| {
                    if let Some(new) = new_names.and_then(|n| n.get(old.as_str())) {
                        *old = new.clone();
                    }
                };
                for field in &mut def.fields {
                    new_name(&mut field.rust);
                    rename_named(&mut field.ty, &renames.everywhere);
                }
                if let Some(map) = &mut def.unknown_members {
                    new_name(map);
                }
            }
            TypeDef::Enum(def) => {
                if let Some(new_names) = renames.variants.get(&name) {
                    for variant in def.variants.iter_mut().chain(def.other.as_mut()) {
                        if let Some(new) = new_names.get(variant.as_str()) {
                            *variant = new.clone();
                        }
                    }
                }
            }
            TypeDef::Newtype => {}
        }
        let rust = renames.types.get(&name).cloned().unwrap_or(name);
        info.types.insert(rust, def);
    }
    info.renamed = renames.types.clone();
}

fn rename_named(ty: &mut RustType, renames: &BTreeMap<String, String>) {
    match ty {
        RustType::Named { name, .. } => {
            if let Some(new) = renames.get(name.as_str()) {
                *name = new.clone();
            }
        }
        RustType::Option(inner)
        | RustType::Nullable(inner)
        | RustType::Box(inner)
        | RustType::Vec(inner)
        | RustType::Set(inner)
        | RustType::Array(inner, _) => rename_named(inner, renames),
        RustType::Map(key, value) => {
            rename_named(key, renames);
            rename_named(value, renames);
        }
        RustType::Tuple(items) => {
            for item in items {
                rename_named(item, renames);
            }
        }
        RustType::String | RustType::Unit | RustType::Scalar(_) => {}
    }
}

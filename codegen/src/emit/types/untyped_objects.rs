//! Schemas with no `type` whose keywords all apply to objects (only `properties`,
//! `additionalProperties`, `required`...): typify types them as a struct or a map, though
//! JSON Schema lets every value that is not an object through them untouched. Types only:
//! validators always see the schema as written.
//!
//! Each becomes, in typify's input, a `oneOf` of its object part and of
//! `schema_runtime::NonObject` (any JSON value but an object), which typify writes as an
//! untagged enum:
//!
//! ```ignore
//! pub enum Permission {
//!     Object(PermissionObject),
//!     Other(::schema_runtime::NonObject),
//! }
//! ```
//!
//! - The enum takes the name the struct had (its definition's, the root's, or
//!   `<Parent><Property>`): it is what the schema describes. A struct is defined on its own
//!   as `<Name>Object`, so that builders, renames, defaults and `unknown_members` reach it,
//!   and the types inside it keep the names they had; a map stays inside the variant
//!   (`Object(BTreeMap<..>)`). typify names the struct from a placeholder, and [`name`]
//!   gives it and what typify named after it their names once the enum's is known.
//! - An object part that constrains nothing (`{"properties": {}}`) lets every value through:
//!   the schema becomes `{}`, a JSON value.
//! - What typify merges is left as it was: the parts of an `allOf`, of a schema merged with
//!   its `$ref` or with its alternatives, and what they hold. A merged `$ref` to a definition
//!   made an enum points at its object part instead, so that the merge is the one typify made
//!   before. Alternatives of `oneOf`/`anyOf` are left too: the enum's other variants would
//!   come after a catch-all.
//! - The input is bundled and cleaned (`bundle.rs`, `normalize.rs`): one dialect, and only
//!   keywords typify reads. Which keywords apply to objects is the vocabulary's answer.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use serde_json::{Map, Value, json};
use syn::visit_mut::{self, VisitMut};

use super::locate::{self, TYPIFY_DIALECT};
use super::renames;
use crate::names;
use crate::subschema::{JsonType, Subschema};
use crate::vocabulary::{self, Combination, Role};

/// The runtime type of the other variant, for typify's `x-rust-type`.
const NON_OBJECT: &str = "schema_runtime::NonObject";
/// The last segment of [`NON_OBJECT`], as typify writes it.
const NON_OBJECT_TYPE: &str = "NonObject";
const RUNTIME_CRATE: &str = "schema-runtime";
/// The variant the object takes: typify names it so from the type it holds (`Object` for an
/// inline map), and the other from its title, the first word of both being the placeholder's.
const OBJECT: &str = "Object";
const OTHER: &str = "Other";

/// What typify sees, and the base of its placeholder names.
pub struct Wrapped {
    pub value: Value,
    base: String,
}

/// Where a schema sits, as far as typify is concerned.
#[derive(Clone, Copy, PartialEq)]
enum Position {
    /// The root, a definition, a member, an item, a map's value: a type of its own.
    Typed,
    /// An alternative of `oneOf`/`anyOf`, or a definition the user's type replaces: left
    /// as it is, but what it holds is typed as anywhere else.
    Left,
    /// Merged with something else by typify, and so all it holds.
    Merged,
}

/// What a schema with no `type` whose keywords all apply to objects becomes.
enum Rewrite {
    /// Its object keywords constrain nothing: `{}`, a JSON value.
    Permissive,
    /// A map, typed inside the variant.
    Inline,
    /// A struct (or a definition merged elsewhere), defined on its own under a placeholder.
    Own(String),
}

/// What [`visit`] finds.
#[derive(Default)]
struct Found {
    /// The schemas that could be wrapped.
    candidates: Vec<Vec<String>>,
    /// The `$ref`s typify merges with something, with the definition each names.
    merged_references: Vec<(Vec<String>, Vec<String>)>,
}

/// typify's input for `document` (a bundled typify input), every schema with no `type` whose
/// keywords all apply to objects made a `oneOf` of that object and any other value.
/// `replaced`: whether the user's type replaces the definition of this `$defs` key.
pub fn wrap(document: &Value, replaced: &dyn Fn(&str) -> bool) -> Wrapped {
    let base = free_base(document);
    let mut found = Found::default();
    for place in locate::bundled_schemas(document) {
        let Some(schema) = locate::get(document, &place) else {
            continue;
        };
        let position = match place.last() {
            Some(key) if replaced(key) => Position::Left,
            _ => Position::Typed,
        };
        visit(schema, place, position, &mut found);
    }
    let merged_targets: BTreeSet<&[String]> = found
        .merged_references
        .iter()
        .map(|(_, target)| target.as_slice())
        .collect();
    let mut plan: BTreeMap<Vec<String>, Rewrite> = BTreeMap::new();
    for path in found.candidates {
        let Some(schema) = locate::get(document, &path).and_then(Value::as_object) else {
            continue;
        };
        let Some(permissive) = object_only(schema) else {
            continue;
        };
        let merged = merged_targets.contains(path.as_slice());
        let rewrite = if permissive {
            if merged {
                // `{}` would merge otherwise than the object keywords it stands for.
                continue;
            }
            Rewrite::Permissive
        } else if !typed_as_map(&Subschema::of(schema)) || merged {
            Rewrite::Own(format!("{base}{}", plan.len()))
        } else {
            Rewrite::Inline
        };
        plan.insert(path, rewrite);
    }
    let mut value = document.clone();
    for (at, target) in &found.merged_references {
        if let Some(Rewrite::Own(placeholder)) = plan.get(target)
            && let Some(Value::Object(object)) = locate::get_mut(&mut value, at)
        {
            object.insert("$ref".into(), definition_reference(placeholder).into());
        }
    }
    // Deepest first: a schema moved into a definition takes the rewritten ones it holds.
    let mut plan: Vec<(Vec<String>, Rewrite)> = plan.into_iter().collect();
    plan.sort_by_key(|(path, _)| std::cmp::Reverse(path.len()));
    let mut definitions = Map::new();
    for (path, rewrite) in plan {
        let Some(Value::Object(schema)) = locate::get_mut(&mut value, &path) else {
            continue;
        };
        let (mut outer, mut object) = split(std::mem::take(schema));
        let (first, other_title) = match rewrite {
            Rewrite::Permissive => {
                *schema = outer;
                continue;
            }
            Rewrite::Own(placeholder) => {
                let first = json!({"$ref": definition_reference(&placeholder)});
                definitions.insert(format!("{placeholder}{OBJECT}"), Value::Object(object));
                (first, format!("{placeholder}{OTHER}"))
            }
            Rewrite::Inline => {
                object.insert("type".into(), JsonType::Object.name().into());
                (Value::Object(object), OTHER.to_string())
            }
        };
        let other = json!({
            "title": other_title,
            "x-rust-type": {"crate": RUNTIME_CRATE, "version": "*", "path": NON_OBJECT},
        });
        outer.insert("oneOf".into(), json!([first, other]));
        *schema = outer;
    }
    if !definitions.is_empty()
        && let Value::Object(root) = &mut value
        && let Value::Object(defs) = root
            .entry("$defs")
            .or_insert_with(|| Value::Object(Map::new()))
    {
        defs.extend(definitions);
    }
    Wrapped { value, base }
}

fn definition_reference(placeholder: &str) -> String {
    format!("#/$defs/{placeholder}{OBJECT}")
}

/// A base for placeholders that no definition's or title's type name starts with, so that
/// no name typify derives from the schema's own is taken for one.
fn free_base(document: &Value) -> String {
    use heck::ToPascalCase;
    let mut names: BTreeSet<String> = BTreeSet::new();
    for place in locate::bundled_schemas(document) {
        if let Some(key) = place.last() {
            names.insert(key.to_pascal_case());
        }
        if let Some(schema) = locate::get(document, &place) {
            locate::walk(schema, &mut |_, value| {
                if let Some(title) = Subschema::parse(value).title {
                    names.insert(title.to_pascal_case());
                }
            });
        }
    }
    let mut base = "Untyped".to_string();
    while names.iter().any(|name| name.starts_with(&base)) {
        base.push('X');
    }
    base
}

/// Whether typify types an object schema as a map: nothing but `additionalProperties`, and
/// not `false` (typify's own test; a struct otherwise).
fn typed_as_map(schema: &Subschema<'_>) -> bool {
    schema.properties.is_none_or(Map::is_empty)
        && schema.required.is_empty()
        && schema.pattern_properties.is_none_or(Map::is_empty)
        && schema.additional_properties != Some(&Value::Bool(false))
}

/// Whether `schema` has no `type` and its keywords all apply to objects (annotations and
/// definitions aside), with at least one of them; if so, whether they constrain nothing.
fn object_only(schema: &Map<String, Value>) -> Option<bool> {
    let mut any = false;
    let mut permissive = true;
    for (keyword, value) in schema {
        let row = vocabulary::get(keyword)?;
        match (row.role, row.applies_to) {
            (Role::Annotation | Role::Container, _) => {}
            (_, Some(JsonType::Object)) => {
                any = true;
                permissive &= constrains_nothing(value);
            }
            _ => return None,
        }
    }
    any.then_some(permissive)
}

/// An empty map or list, `true` or `{}`: a value of an object keyword that lets every
/// object through.
fn constrains_nothing(value: &Value) -> bool {
    match value {
        Value::Object(map) => map.is_empty(),
        Value::Array(list) => list.is_empty(),
        Value::Bool(accepts) => *accepts,
        _ => false,
    }
}

/// A candidate's keywords apart: what stays where it is (annotations, definitions), and its
/// object part.
fn split(schema: Map<String, Value>) -> (Map<String, Value>, Map<String, Value>) {
    schema.into_iter().partition(|(keyword, _)| {
        !vocabulary::has(keyword, |row| row.applies_to == Some(JsonType::Object))
    })
}

/// Whether typify merges the parts of `object` with one another: an `allOf` of more than one
/// schema or beside other keywords, alternatives beside other keywords (each is merged with
/// them), a `$ref` beside other keywords. Annotations are not merged.
fn merges(object: &Map<String, Value>) -> bool {
    let merged_beside = |except: &str| {
        object
            .keys()
            .any(|k| k != except && !vocabulary::has(k, |row| row.unmerged))
    };
    let all_of = vocabulary::combinators()
        .filter(|k| k.combines == Some(Combination::All))
        .any(|k| match object.get(k.name) {
            Some(Value::Array(parts)) => parts.len() > 1 || merged_beside(k.name),
            Some(_) => true,
            None => false,
        });
    let alternatives =
        vocabulary::alternatives().any(|k| object.contains_key(k) && merged_beside(k));
    let reference = Subschema::of(object).reference.is_some()
        && object
            .keys()
            .any(|k| !vocabulary::has(k, |row| row.unmerged));
    all_of || alternatives || reference
}

fn visit(schema: &Value, at: Vec<String>, position: Position, found: &mut Found) {
    let Some(object) = schema.as_object() else {
        return;
    };
    if position == Position::Typed {
        found.candidates.push(at.clone());
    }
    let merged = position == Position::Merged || merges(object);
    if merged
        && let Some(target) = Subschema::of(object)
            .reference
            .and_then(locate::reference_tokens)
    {
        found.merged_references.push((at.clone(), target));
    }
    for (tokens, child) in vocabulary::subschemas(schema, TYPIFY_DIALECT) {
        let keyword = tokens[0].as_str();
        if vocabulary::has(keyword, |row| row.role == Role::Container) {
            continue;
        }
        let child_position = if merged {
            Position::Merged
        } else if vocabulary::has(keyword, |row| row.combines.is_some()) {
            Position::Left
        } else {
            Position::Typed
        };
        visit(
            child,
            [at.as_slice(), &tokens].concat(),
            child_position,
            found,
        );
    }
}

/// After typify: the enums [`wrap`] asked for, and what typify named after their object
/// variants, get their names. The struct of an object part becomes `<Enum>Object` (unique in
/// the file); the types typify named inside it, or inside a map variant (`<Enum>ObjectValue`),
/// the names they had before the enum: `<Enum>` and what followed the struct's name. Returns
/// the renames (name in `file` → new name).
pub fn name(file: &mut syn::File, wrapped: &Wrapped) -> BTreeMap<String, String> {
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
            [single] if single.starts_with(&wrapped.base) => single.clone(),
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
        let declared = match &item {
            syn::Item::Struct(s) => Some(s.ident.to_string()),
            syn::Item::Enum(e) => Some(e.ident.to_string()),
            syn::Item::Type(t) => Some(t.ident.to_string()),
            _ => None,
        };
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
            let Some(path) = super::builders::serde_default_path(&field.attrs) else {
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
            let ident = match item {
                syn::Item::Struct(s) => &s.ident,
                syn::Item::Enum(e) => &e.ident,
                syn::Item::Type(t) => &t.ident,
                _ => return None,
            };
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

#[cfg(test)]
mod tests;

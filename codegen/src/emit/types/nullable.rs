//! Three-state members (`nullable = "three-state"`): an optional member whose schema allows
//! `null` becomes `::schema_runtime::Nullable<T>`, so that absent, `null` and a value each
//! decode apart and encode back as they came (an `Option` writes `null` back as absent).
//!
//! typify types such a member `Option<T>` whatever the setting, and only the struct's name
//! says which setting applies; that name exists once typify has run. So the members are
//! found in the schema and the fields changed in the code, in three steps:
//!
//! - [`mark`], before typify: every optional member whose own schema allows `null` (by
//!   `type`, by `enum`, or by a `null` alternative of `oneOf`/`anyOf`; OpenAPI's
//!   `nullable: true` is a `type` by then) gets [`MARK`] at the end of its `description`.
//!   typify copies a member's description into its field's doc comment and nowhere that
//!   changes the code: names, derives and `Default` are what they would have been.
//! - [`unmark`], right after typify: the mark leaves every doc comment (the doc becomes
//!   what typify writes without a description), and each marked field gets [`FIELD_MARK`],
//!   an attribute that follows the field through the identifier repairs.
//! - [`apply`], once the names are final: a marked field of a three-state struct whose type
//!   is typify's plain optional `Option<T>` becomes `Nullable<T>`, with `#[serde(default,
//!   skip_serializing_if = "::schema_runtime::Nullable::is_absent")]`, and typify's struct
//!   literals of it (defaults) follow. Every other marked field loses the attribute and is
//!   typify's own.
//!
//! typify's `x-rust-type` would write `Nullable<T>` itself, but it converts the parameter
//! schema without the name it gives a member's type (`<Struct><Member>`), so an inline object
//! or enum inside would be named differently or not at all; and it cannot type `T` through
//! `Option` for the structs that keep `option`.
//!
//! A member that is a `$ref` to a definition that allows `null` counts too (one step: typify
//! types it `Option<…>` alike). A member with a `default` is marked too, but typify fills it
//! in (`#[serde(default = …)]`), which [`apply`] leaves as it is, unless `defaults.rs` has
//! left it absent first (`materialize_defaults = false`): then it is a `Nullable` whose
//! accessor gives the default when it is absent. A required member is left as it is (`null`
//! and a value are already apart).

use std::collections::BTreeSet;

use serde_json::Value;
use syn::visit_mut::{self, VisitMut};

use super::locate::{self, TYPIFY_DIALECT};
use super::{info, literals};
use crate::emit::tokens::declared_type;
use crate::subschema::{JsonType, Subschema};
use crate::vocabulary;

/// What [`mark`] appends to a member's description: control characters no schema's text
/// has, so that [`unmark`] finds exactly what was added.
const MARK: &str = "\u{1f}schema-nullable-member\u{1f}";

/// The attribute a marked field carries from [`unmark`] to [`apply`], never rendered.
const FIELD_MARK: &str = "schema_nullable_member";

/// The keyword typify turns into a field's doc comment (schemars' `metadata.description`).
const DESCRIPTION: &str = "description";

/// The runtime type's `skip_serializing_if`.
const IS_ABSENT: &str = "::schema_runtime::Nullable::is_absent";

/// Marks every optional member that allows `null`, in every subschema of `document` (a
/// bundled typify input, whose references all point at its own definitions).
pub fn mark(document: &mut Value) {
    let root = Subschema::parse(document);
    // References to definitions that allow `null` (`"$ref": "#/$defs/link"`, the definition
    // `["object", "null"]`): typify types the member `Option<…>` as it types a nullable one.
    let nullable_definitions: BTreeSet<String> = root
        .containers
        .iter()
        .flat_map(|(keyword, definitions)| {
            definitions
                .iter()
                .filter(|(_, definition)| allows_null(definition, &BTreeSet::new()))
                .map(move |(name, _)| format!("#/{keyword}/{name}"))
        })
        .collect();
    mark_in(document, &nullable_definitions);
}

fn mark_in(schema: &mut Value, nullable_definitions: &BTreeSet<String>) {
    let marked = marked_members(schema, nullable_definitions);
    for path in marked {
        if let Some(Value::Object(member)) = locate::get_mut(schema, &path) {
            let text = match member.get(DESCRIPTION) {
                Some(Value::String(text)) => format!("{text}{MARK}"),
                _ => MARK.to_string(),
            };
            member.insert(DESCRIPTION.into(), Value::String(text));
        }
    }
    let children: Vec<Vec<String>> = vocabulary::subschemas(schema, TYPIFY_DIALECT)
        .into_iter()
        .map(|(path, _)| path)
        .collect();
    for path in children {
        if let Some(child) = locate::get_mut(schema, &path) {
            mark_in(child, nullable_definitions);
        }
    }
}

/// The paths (below `schema`) of its optional members that allow `null`.
fn marked_members(schema: &Value, nullable_definitions: &BTreeSet<String>) -> Vec<Vec<String>> {
    let read = Subschema::parse(schema);
    let Some(properties) = read.properties else {
        return Vec::new();
    };
    let optional_nullable: Vec<&Value> = properties
        .iter()
        .filter(|(name, member)| {
            !read.required.contains(&name.as_str()) && allows_null(member, nullable_definitions)
        })
        .map(|(_, member)| member)
        .collect();
    // The members' places, as the vocabulary lists them, picked by identity.
    vocabulary::subschemas(schema, TYPIFY_DIALECT)
        .into_iter()
        .filter(|(_, child)| optional_nullable.iter().any(|m| std::ptr::eq(*m, *child)))
        .map(|(path, _)| path)
        .collect()
}

/// Whether a member's schema allows `null` beside some other value, itself or through a
/// reference to one of `nullable_definitions`.
fn allows_null(member: &Value, nullable_definitions: &BTreeSet<String>) -> bool {
    let read = Subschema::parse(member);
    let by_reference = read
        .reference
        .is_some_and(|reference| nullable_definitions.contains(reference));
    let by_type = read.types.as_ref().is_some_and(|types| {
        types.contains(JsonType::Null) && types.iter().any(|t| t != JsonType::Null)
    });
    let type_admits_null = read
        .types
        .as_ref()
        .is_none_or(|types| types.contains(JsonType::Null));
    let by_enum = type_admits_null
        && read.enumeration.is_some_and(|values| {
            values.contains(&Value::Null) && values.iter().any(|v| !v.is_null())
        });
    by_type || by_enum || by_reference || null_alternative(member)
}

/// Whether a `oneOf`/`anyOf` of `member` has an alternative that is only `null`, beside
/// others.
fn null_alternative(member: &Value) -> bool {
    let alternatives: Vec<&str> = vocabulary::alternatives().collect();
    let children = vocabulary::subschemas(member, TYPIFY_DIALECT);
    alternatives.iter().any(|keyword| {
        let branches: Vec<&Value> = children
            .iter()
            .filter(|(path, _)| path.first().is_some_and(|k| k == keyword))
            .map(|(_, child)| *child)
            .collect();
        branches.len() > 1 && branches.iter().any(|b| only_null(b))
    })
}

fn only_null(schema: &Value) -> bool {
    let read = Subschema::parse(schema);
    let by_type = read
        .types
        .as_ref()
        .is_some_and(|types| types.first().is_some() && types.only(&[JsonType::Null]));
    by_type || read.constant == Some(&Value::Null) || read.enumeration == Some(&[Value::Null][..])
}

/// Takes the mark out of typify's doc comments, and marks the fields it was on.
pub fn unmark(file: &mut syn::File) {
    for item in &mut file.items {
        let Some(ident) = declared_type(item).map(ToString::to_string) else {
            continue;
        };
        // typify's doc of a type without a description: its name in backticks.
        Unmark(&format!("`{ident}`")).visit_item_mut(item);
    }
}

struct Unmark<'a>(&'a str);

impl VisitMut for Unmark<'_> {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        let mut marked = false;
        field.attrs.retain_mut(|attr| match strip(attr) {
            Some(left) => {
                marked = true;
                left
            }
            None => true,
        });
        if marked {
            let mark = quote::format_ident!("{FIELD_MARK}");
            field.attrs.push(syn::parse_quote!(#[#mark]));
        }
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        if strip(attr) == Some(false) {
            let name = self.0;
            *attr = syn::parse_quote!(#[doc = #name]);
        }
    }
}

/// Takes the mark out of a doc attribute: `Some(true)` when text is left, `Some(false)` when
/// nothing is, `None` when it had no mark.
fn strip(attr: &mut syn::Attribute) -> Option<bool> {
    let syn::Meta::NameValue(meta) = &mut attr.meta else {
        return None;
    };
    if !meta.path.is_ident("doc") {
        return None;
    }
    let syn::Expr::Lit(syn::ExprLit {
        lit: syn::Lit::Str(text),
        ..
    }) = &mut meta.value
    else {
        return None;
    };
    let value = text.value();
    if !value.contains(MARK) {
        return None;
    }
    let left = value.replace(MARK, "");
    *text = syn::LitStr::new(&left, text.span());
    Some(!left.is_empty())
}

/// Makes the marked fields of the structs `three_state` names `Nullable`, and drops every
/// mark. Returns the fields changed, as (struct, field).
/// Whether [`unmark`] marked the field (an optional member that allows `null`).
pub fn is_marked(field: &syn::Field) -> bool {
    field
        .attrs
        .iter()
        .any(|attr| attr.path().is_ident(FIELD_MARK))
}

pub fn apply(
    file: &mut syn::File,
    three_state: impl Fn(&str) -> bool,
) -> BTreeSet<(String, String)> {
    let mut changed = BTreeSet::new();
    for item in &mut file.items {
        // A struct's fields, by the struct's name; a struct variant's (an object alternative
        // of a `oneOf`/`anyOf`), by `Enum::Variant`, as `literals` names its literals.
        let owners: Vec<(String, &mut syn::Fields)> = match item {
            syn::Item::Struct(s) if three_state(&s.ident.to_string()) => {
                vec![(s.ident.to_string(), &mut s.fields)]
            }
            syn::Item::Enum(e) if three_state(&e.ident.to_string()) => {
                let name = e.ident.to_string();
                e.variants
                    .iter_mut()
                    .map(|v| (format!("{name}::{}", v.ident), &mut v.fields))
                    .collect()
            }
            _ => continue,
        };
        for (owner, fields) in owners {
            for field in fields.iter_mut() {
                if let Some(ident) = make_nullable(field) {
                    changed.insert((owner.clone(), ident));
                }
            }
        }
    }
    // The marks of the types that `three_state` does not name.
    DropMarks.visit_file_mut(file);
    if !changed.is_empty() {
        follow_literals(file, &changed);
    }
    changed
}

/// Makes a marked field a `Nullable` if typify wrote it as a plain `Option`; its name if so.
fn make_nullable(field: &mut syn::Field) -> Option<String> {
    let before = field.attrs.len();
    field.attrs.retain(|attr| !attr.path().is_ident(FIELD_MARK));
    if field.attrs.len() == before {
        return None;
    }
    let inner = plain_option(field)?;
    field.ty = syn::parse_quote!(::schema_runtime::Nullable<#inner>);
    let rename = info::serde_rename(&field.attrs);
    field.attrs.retain(|attr| !attr.path().is_ident("serde"));
    field.attrs.push(match rename {
        Some(wire) => syn::parse_quote!(
            #[serde(rename = #wire, default, skip_serializing_if = #IS_ABSENT)]
        ),
        None => syn::parse_quote!(#[serde(default, skip_serializing_if = #IS_ABSENT)]),
    });
    Some(field.ident.as_ref()?.to_string())
}

/// Drops the field marks [`apply`] did not take, and any mark left in a doc [`unmark`] did
/// not reach, so that neither is ever rendered.
struct DropMarks;

impl VisitMut for DropMarks {
    fn visit_field_mut(&mut self, field: &mut syn::Field) {
        field.attrs.retain(|attr| !attr.path().is_ident(FIELD_MARK));
        visit_mut::visit_field_mut(self, field);
    }

    fn visit_attribute_mut(&mut self, attr: &mut syn::Attribute) {
        strip(attr);
    }
}

/// The `T` of a field typify wrote as a plain optional member: `Option<T>`, with a serde
/// attribute that only renames and skips `None` (no `default = …`, no `deserialize_with`).
fn plain_option(field: &syn::Field) -> Option<syn::Type> {
    let syn::Type::Path(path) = &field.ty else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    let [syn::GenericArgument::Type(inner)] = args.args.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let mut plain = true;
    let mut skips = false;
    for attr in field.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let parsed = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("skip_serializing_if") {
                skips = true;
            } else if !meta.path.is_ident("rename") {
                plain = false;
            }
            if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
        plain &= parsed.is_ok();
    }
    (plain && skips).then(|| inner.clone())
}

/// typify's struct literals of the changed fields (its `Default` impls and `defaults`
/// helpers): `Some(v)` is a value and `None` a `null` there, as in the JSON it built them
/// from; a member it left out is `Default::default()`, absent, already.
fn follow_literals(file: &mut syn::File, changed: &BTreeSet<(String, String)>) {
    literals::for_each(file, |name, literal| {
        for field in literal.fields.iter_mut() {
            let syn::Member::Named(member) = &field.member else {
                continue;
            };
            if changed.contains(&(name.to_string(), member.to_string())) {
                field.expr = three_state_value(&field.expr);
            }
        }
    });
}

fn three_state_value(expr: &syn::Expr) -> syn::Expr {
    match expr {
        // Written as a `Nullable` already (`defaults.rs`, for a member whose default is null).
        syn::Expr::Path(path) if names_nullable(&path.path) => expr.clone(),
        syn::Expr::Call(call) if matches!(&*call.func, syn::Expr::Path(f) if names_nullable(&f.path)) => {
            expr.clone()
        }
        syn::Expr::Path(path) if last_segment(&path.path).as_deref() == Some("None") => {
            syn::parse_quote!(::schema_runtime::Nullable::Null)
        }
        syn::Expr::Call(call)
            if call.args.len() == 1 && callee(call).as_deref() == Some("Some") =>
        {
            let value = &call.args[0];
            syn::parse_quote!(::schema_runtime::Nullable::Value(#value))
        }
        syn::Expr::Call(call)
            if call.args.is_empty() && callee(call).as_deref() == Some("default") =>
        {
            expr.clone()
        }
        // Anything else is an `Option` typify computed; `From` reads it the same way.
        other => syn::parse_quote!(::schema_runtime::Nullable::from(#other)),
    }
}

/// Whether a path names a variant of `Nullable` (`::schema_runtime::Nullable::Absent`).
fn names_nullable(path: &syn::Path) -> bool {
    let segments: Vec<&syn::PathSegment> = path.segments.iter().collect();
    segments.len() >= 2 && segments[segments.len() - 2].ident == "Nullable"
}

/// The last segment of the function a call names (`Some`, `default`).
fn callee(call: &syn::ExprCall) -> Option<String> {
    match &*call.func {
        syn::Expr::Path(function) => last_segment(&function.path),
        _ => None,
    }
}

fn last_segment(path: &syn::Path) -> Option<String> {
    path.segments.last().map(|s| s.ident.to_string())
}

#[cfg(test)]
mod tests;

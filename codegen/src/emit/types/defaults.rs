//! Defaults left out (`materialize_defaults = false`). typify writes a member with a
//! `default` as a field that serde fills when the member is absent
//! (`#[serde(default = "defaults::service_retries")] pub retries: u64`), so `{}` is decoded
//! and written back as `{"retries": 3}`: the payload changes, and a later change of the
//! schema's default cannot reach it. For a struct whose setting is `false`, each such field
//! becomes an `Option` that is `None` exactly when the member was absent, is written only
//! when it is `Some`, and gets an accessor that returns the value or the default.
//!
//! A field that is an `Option` already (a nullable member, an optional collection after
//! `empty_collections.rs`) is left as it is: absent and `null` would need three states.

use std::collections::{BTreeMap, BTreeSet};

use quote::ToTokens;
use syn::punctuated::Punctuated;

use super::builders::serde_default_path;
use super::derives::has_derive;
use super::info::{has_serde_flag, serde_rename};
use super::{fixup, literals, nullable};

/// Names an accessor does not take: the methods generated types have (the entry points
/// validation writes, the builder's constructor) or may get from a trait they implement or
/// derive. An inherent method of such a name would shadow the trait's in method calls and
/// `Type::default()`, so users would get the accessor where they meant the trait.
const TAKEN: &[&str] = &[
    "builder",
    "from_json",
    "from_json_str",
    "from_json_value",
    // A model set's component types also have these (`validation/entries.rs`).
    "validate",
    "validate_json",
    "is_valid",
    "borrow",
    "borrow_mut",
    "clamp",
    "clone",
    "clone_from",
    "clone_into",
    "cmp",
    "default",
    "deserialize",
    "eq",
    "fmt",
    "from",
    "ge",
    "gt",
    "hash",
    "into",
    "le",
    "lt",
    "max",
    "min",
    "ne",
    "partial_cmp",
    "serialize",
    "to_owned",
    "to_string",
    "try_from",
    "try_into",
    "type_id",
];

/// What an accessor's name becomes when the field's own is taken.
const SUFFIX: &str = "_or_default";

/// How the schema's default of a field is built.
#[derive(Clone)]
enum Source {
    /// A helper of typify's `mod defaults` (`defaults::service_retries`).
    Helper(syn::Path),
    /// The type's own `Default` (typify's `#[serde(default)]`: `false`, `0`, `""`).
    Own,
}

/// One field left absent.
struct Absent {
    ident: syn::Ident,
    /// The member's name in JSON.
    wire: String,
    /// Its type before the change, which its accessor returns.
    ty: syn::Type,
    default: Source,
    becomes: Becomes,
}

/// What a defaulted field becomes, which its literals and accessor are written for.
#[derive(Clone, Copy, PartialEq)]
enum Becomes {
    /// `Option<T>`, `None` when absent.
    Option,
    /// `Nullable<T>` (made by `nullable.rs` next, in a three-state struct) for a member whose
    /// default is `null`, which `T` holds (typify's `Null` variant): absent and `null` both
    /// read as the default.
    Nullable,
    /// `Nullable<T>` for typify's `Option<T>` of a member that allows `null` and has another
    /// default: absent reads as the default, `null` as `None`.
    NullableOfOption,
}

/// Makes every defaulted field of the structs that `absent` names (`materialize_defaults =
/// false`) an `Option` with an accessor, and the struct literals typify wrote for them
/// (`Default` impls, `mod defaults`) follow: `None` where they hold the default, `Some` of
/// any other value. A field of a struct that `three_state` names which `nullable.rs` marked
/// will be a `Nullable`: `Absent` where the literal holds the default.
pub fn leave_absent(
    file: &mut syn::File,
    absent: impl Fn(&str) -> bool,
    three_state: impl Fn(&str) -> bool,
) {
    let copy = copy_types(file);
    let helpers = helper_bodies(file);
    let variants = variant_wire_names(file);
    let mut changed: BTreeMap<String, BTreeMap<String, (Source, Becomes)>> = BTreeMap::new();
    let mut accessors: Vec<(syn::Ident, syn::Item)> = Vec::new();
    for item in &mut file.items {
        if let syn::Item::Enum(item) = item {
            if absent(&item.ident.to_string()) {
                leave_variants_absent(item, &mut changed);
            }
            continue;
        }
        let syn::Item::Struct(item) = item else {
            continue;
        };
        if !absent(&item.ident.to_string()) {
            continue;
        }
        let syn::Fields::Named(named) = &mut item.fields else {
            continue;
        };
        let three_state = three_state(&item.ident.to_string());
        let fields: Vec<Absent> = named
            .named
            .iter_mut()
            .filter_map(|field| {
                let nullable = three_state && nullable::is_marked(field);
                make_optional(field, nullable)
            })
            .collect();
        if fields.is_empty() {
            continue;
        }
        changed.insert(
            item.ident.to_string(),
            fields
                .iter()
                .map(|f| (f.ident.to_string(), (f.default.clone(), f.becomes)))
                .collect(),
        );
        let context = Context {
            copy: &copy,
            helpers: &helpers,
            variants: &variants,
        };
        accessors.push((item.ident.clone(), context.accessors(&item.ident, &fields)));
    }
    if changed.is_empty() {
        return;
    }
    for (name, accessors) in accessors {
        let at = file
            .items
            .iter()
            .position(|item| matches!(item, syn::Item::Struct(s) if s.ident == name))
            .map_or(file.items.len(), |i| i + 1);
        file.items.insert(at, accessors);
    }
    literals::for_each(file, |name, expr| {
        let segments: Vec<&syn::PathSegment> = expr.path.segments.iter().collect();
        // `Enum::Variant { .. }` and `Self::Variant { .. }` build a variant, not a struct of
        // the variant's name.
        let variant = segments.len() >= 2
            && segments[segments.len() - 2]
                .ident
                .to_string()
                .starts_with(|c: char| c.is_ascii_uppercase());
        // A variant's own changes are under `Enum::Variant`.
        let Some(fields) = changed
            .get(name)
            .filter(|_| !variant || name.contains("::"))
        else {
            return;
        };
        for field in &mut expr.fields {
            let syn::Member::Named(ident) = &field.member else {
                continue;
            };
            let Some((default, becomes)) = fields.get(&ident.to_string()) else {
                continue;
            };
            let value = &field.expr;
            field.expr = match (builds_default(value, default), becomes) {
                (true, Becomes::Option) => syn::parse_quote!(::std::option::Option::None),
                (false, Becomes::Option) => syn::parse_quote!(::std::option::Option::Some(#value)),
                (true, _) => syn::parse_quote!(::schema_runtime::Nullable::Absent),
                (false, Becomes::Nullable) => {
                    syn::parse_quote!(::schema_runtime::Nullable::Value(#value))
                }
                // An `Option` typify computed: `None` is a `null`.
                (false, Becomes::NullableOfOption) => {
                    syn::parse_quote!(::schema_runtime::Nullable::from(#value))
                }
            };
        }
    });
    // Every helper is still named by its accessor; this keeps it so should that change.
    fixup::drop_unused_defaults(file);
}

/// The defaulted fields of an enum's struct variants (typify's object alternatives of a
/// `oneOf`/`anyOf`), recorded under `Enum::Variant`. They get no accessor: a variant has no
/// methods of its own, and one on the enum would have to answer for every variant.
fn leave_variants_absent(
    item: &mut syn::ItemEnum,
    changed: &mut BTreeMap<String, BTreeMap<String, (Source, Becomes)>>,
) {
    for variant in &mut item.variants {
        let syn::Fields::Named(named) = &mut variant.fields else {
            continue;
        };
        let fields: BTreeMap<String, (Source, Becomes)> = named
            .named
            .iter_mut()
            .filter_map(|field| make_optional(field, false))
            .map(|f| (f.ident.to_string(), (f.default, f.becomes)))
            .collect();
        if !fields.is_empty() {
            changed.insert(format!("{}::{}", item.ident, variant.ident), fields);
        }
    }
}

/// Makes one field an `Option` if serde fills it with a default; says how the default is
/// built. A `three_state` field (one `nullable.rs` makes a `Nullable` next) that typify
/// wrote as an `Option` already keeps it, without the default, for `nullable.rs` to take.
fn make_optional(field: &mut syn::Field, three_state: bool) -> Option<Absent> {
    let ident = field.ident.clone()?;
    let option = is_option(&field.ty);
    if (option && !three_state)
        || has_serde_flag(&field.attrs, "flatten")
        || !has_serde_flag(&field.attrs, "default")
    {
        return None;
    }
    let becomes = match (three_state, option) {
        (false, _) => Becomes::Option,
        (true, false) => Becomes::Nullable,
        (true, true) => Becomes::NullableOfOption,
    };
    let default = match serde_default_path(&field.attrs) {
        Some(path) => Source::Helper(syn::parse_str(&path).ok()?),
        None => Source::Own,
    };
    let index = field
        .attrs
        .iter()
        .position(|attr| has_serde_flag(std::slice::from_ref(attr), "default"))?;
    let options = field.attrs[index]
        .parse_args_with(Punctuated::<syn::Meta, syn::Token![,]>::parse_terminated)
        .ok()?;
    // The rest (a `rename`) stays. Without `default`, serde still reads an absent member as
    // `None`, as it does for the other `Option` fields, which have no `default` either.
    let kept: Vec<&syn::Meta> = options
        .iter()
        .filter(|meta| !meta.path().is_ident("default"))
        .filter(|meta| !meta.path().is_ident("skip_serializing_if"))
        .collect();
    field.attrs[index] = syn::parse_quote! {
        #[serde(#(#kept,)* skip_serializing_if = "::std::option::Option::is_none")]
    };
    let ty = field.ty.clone();
    if !option {
        field.ty = syn::parse_quote!(::std::option::Option<#ty>);
    }
    let bare = ident.to_string();
    let bare = bare.strip_prefix("r#").unwrap_or(&bare).to_string();
    Some(Absent {
        wire: serde_rename(&field.attrs).unwrap_or(bare),
        ident,
        ty,
        default,
        becomes,
    })
}

/// What the accessors of one struct read beyond its fields.
struct Context<'a> {
    copy: &'a BTreeSet<String>,
    helpers: &'a BTreeMap<String, syn::Expr>,
    variants: &'a BTreeMap<String, BTreeMap<String, String>>,
}

impl Context<'_> {
    /// `impl Type { .. }` with an accessor per field. Each is named after its field, unless
    /// that name is a method the type has or may have (`TAKEN`): then after the field with
    /// `_or_default`, made unique among the accessors.
    fn accessors(&self, name: &syn::Ident, fields: &[Absent]) -> syn::Item {
        let bare = |ident: &syn::Ident| {
            let text = ident.to_string();
            text.strip_prefix("r#").unwrap_or(&text).to_string()
        };
        let mut taken: BTreeSet<String> = TAKEN.iter().map(ToString::to_string).collect();
        taken.extend(fields.iter().map(|f| bare(&f.ident)));
        let methods = fields.iter().map(|field| {
            let own = bare(&field.ident);
            let method = if TAKEN.contains(&own.as_str()) {
                crate::names::ident(&crate::names::unique(
                    &format!("{own}{SUFFIX}"),
                    "_",
                    &mut taken,
                ))
            } else {
                field.ident.clone()
            };
            let ident = &field.ident;
            let ty = &field.ty;
            // By value: an absent member's default is built on each call (typify's helpers
            // return owned values), so there is nothing to borrow it from; a `Cow` would
            // make every caller handle two cases for what reads as one value. This is
            // `unwrap_or_default` on a field, as users know it; the stored value is still
            // the public field, for a borrow.
            let mut value = if self.is_copy(ty) {
                quote::quote!(self.#ident)
            } else {
                quote::quote!(self.#ident.clone())
            };
            if field.becomes != Becomes::Option {
                value = quote::quote!(#value.into_option());
            }
            let body = match (&field.default, field.becomes) {
                (Source::Helper(path), Becomes::NullableOfOption) => quote::quote! {
                    if self.#ident.is_absent() { #path() } else { self.#ident.as_option().cloned() }
                },
                (Source::Own, Becomes::NullableOfOption) => quote::quote! {
                    if self.#ident.is_absent() {
                        ::std::default::Default::default()
                    } else {
                        self.#ident.as_option().cloned()
                    }
                },
                (Source::Helper(path), _) => quote::quote!(#value.unwrap_or_else(#path)),
                (Source::Own, _) => quote::quote!(#value.unwrap_or_default()),
            };
            let doc = match self.default_text(ty, &field.default) {
                Some(text) => format!(
                    " `{}`, or its default, `{text}`, when the member is absent.",
                    field.wire
                ),
                None => format!(
                    " `{}`, or the schema's default when the member is absent.",
                    field.wire
                ),
            };
            quote::quote! {
                #[doc = #doc]
                pub fn #method(&self) -> #ty {
                    #body
                }
            }
        });
        syn::parse_quote! {
            impl #name {
                #(#methods)*
            }
        }
    }

    /// Whether a type is `Copy` (a primitive, or a type of the file that derives it), so
    /// that the accessor copies rather than clones it (clippy's `clone_on_copy`).
    fn is_copy(&self, ty: &syn::Type) -> bool {
        const PRIMITIVES: &[&str] = &[
            "bool", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128",
            "isize", "f32", "f64", "char",
        ];
        let syn::Type::Path(path) = ty else {
            return false;
        };
        let Some(last) = path.path.segments.last() else {
            return false;
        };
        let name = last.ident.to_string();
        let local = path.path.segments.len() == 1 && self.copy.contains(&name);
        let std_copy = name.starts_with("NonZero") && path.path.leading_colon.is_some();
        matches!(last.arguments, syn::PathArguments::None)
            && (PRIMITIVES.contains(&name.as_str()) || local || std_copy)
    }

    /// The default as JSON, for the accessor's doc, where it can be read from the code.
    fn default_text(&self, ty: &syn::Type, default: &Source) -> Option<String> {
        match default {
            Source::Own => own_default_text(ty),
            Source::Helper(path) => {
                let last = path.segments.last()?;
                if last.ident.to_string().starts_with("default_") {
                    // typify's generic helpers carry the value: `default_u64::<u64, 3>`.
                    let syn::PathArguments::AngleBracketed(arguments) = &last.arguments else {
                        return None;
                    };
                    let value = arguments.args.last()?.to_token_stream().to_string();
                    let value: String = value
                        .chars()
                        .filter(|c| !c.is_whitespace() && !matches!(c, '{' | '}'))
                        .collect();
                    return Some(value);
                }
                self.json_text(self.helpers.get(&last.ident.to_string())?)
            }
        }
    }

    /// A value typify wrote from JSON, as JSON again: literals, strings, lists, `Some`, unit
    /// variants. Anything else (a struct, a map) is not described.
    fn json_text(&self, expr: &syn::Expr) -> Option<String> {
        match expr {
            syn::Expr::Lit(lit) => match &lit.lit {
                syn::Lit::Str(text) => serde_json::to_string(&text.value()).ok(),
                syn::Lit::Int(int) => Some(int.base10_digits().to_string()),
                syn::Lit::Float(float) => Some(float.base10_digits().to_string()),
                syn::Lit::Bool(value) => Some(value.value.to_string()),
                _ => None,
            },
            syn::Expr::Unary(syn::ExprUnary {
                op: syn::UnOp::Neg(_),
                expr,
                ..
            }) => Some(format!("-{}", self.json_text(expr)?)),
            syn::Expr::MethodCall(call)
                if call.args.is_empty()
                    && matches!(call.method.to_string().as_str(), "to_string" | "to_owned") =>
            {
                self.json_text(&call.receiver)
            }
            syn::Expr::Call(call) if call.args.len() == 1 => {
                let syn::Expr::Path(function) = call.func.as_ref() else {
                    return None;
                };
                let some = function.path.segments.last()?.ident == "Some";
                some.then(|| self.json_text(&call.args[0])).flatten()
            }
            syn::Expr::Path(path) => {
                let segments: Vec<String> = path
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                match segments.as_slice() {
                    [.., last] if last == "None" => Some("null".to_string()),
                    [.., owner, variant] => {
                        let wire = self.variants.get(owner)?.get(variant)?;
                        serde_json::to_string(wire).ok()
                    }
                    _ => None,
                }
            }
            syn::Expr::Macro(mac) if mac.mac.path.is_ident("vec") => {
                let items = mac
                    .mac
                    .parse_body_with(Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated)
                    .ok()?;
                let items: Option<Vec<String>> =
                    items.iter().map(|item| self.json_text(item)).collect();
                Some(format!("[{}]", items?.join(", ")))
            }
            _ => None,
        }
    }
}

/// The JSON of a Rust type's own default, for the types typify writes `#[serde(default)]` on.
fn own_default_text(ty: &syn::Type) -> Option<String> {
    let syn::Type::Path(path) = ty else {
        return None;
    };
    let name = path.path.segments.last()?.ident.to_string();
    let text = match name.as_str() {
        "bool" => "false",
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" => "0",
        "f32" | "f64" => "0.0",
        "String" => "\"\"",
        "Vec" | "BTreeSet" | "HashSet" => "[]",
        "BTreeMap" | "HashMap" | "Map" => "{}",
        _ => return None,
    };
    Some(text.to_string())
}

/// Whether a struct literal's value for a field is its default: a call of the field's helper,
/// or `Default::default()`, which typify and `fixup::complete_default_literals` write for a
/// member the default object leaves out (absent, so `None` is its faithful value).
fn builds_default(value: &syn::Expr, default: &Source) -> bool {
    let syn::Expr::Call(call) = value else {
        return false;
    };
    let syn::Expr::Path(function) = call.func.as_ref() else {
        return false;
    };
    if !call.args.is_empty() {
        return false;
    }
    let called = path_text(&function.path);
    if called == "Default::default" || called == "std::default::Default::default" {
        return true;
    }
    matches!(default, Source::Helper(helper) if path_text(helper) == called)
}

/// A path as text, without its leading `::` and `super::`s, so that `defaults::f` and
/// `super::defaults::f` read the same.
fn path_text(path: &syn::Path) -> String {
    let segments: Vec<String> = path
        .segments
        .iter()
        .skip_while(|s| s.ident == "super")
        .map(|s| s.to_token_stream().to_string().replace(' ', ""))
        .collect();
    segments.join("::")
}

fn is_option(ty: &syn::Type) -> bool {
    matches!(ty, syn::Type::Path(path)
        if path.path.segments.last().is_some_and(|s| s.ident == "Option"))
}

/// The types of the file that derive `Copy`.
fn copy_types(file: &syn::File) -> BTreeSet<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Struct(s) if has_derive(&s.attrs, "Copy") => Some(s.ident.to_string()),
            syn::Item::Enum(e) if has_derive(&e.attrs, "Copy") => Some(e.ident.to_string()),
            _ => None,
        })
        .collect()
}

/// The value each helper of `mod defaults` returns, by name.
fn helper_bodies(file: &syn::File) -> BTreeMap<String, syn::Expr> {
    let mut bodies = BTreeMap::new();
    for item in &file.items {
        if let syn::Item::Mod(module) = item
            && module.ident == "defaults"
            && let Some((_, items)) = &module.content
        {
            for item in items {
                if let syn::Item::Fn(function) = item
                    && let Some(syn::Stmt::Expr(expr, None)) = function.block.stmts.last()
                {
                    bodies.insert(function.sig.ident.to_string(), expr.clone());
                }
            }
        }
    }
    bodies
}

/// The wire names of the unit variants of the file's enums, by enum and variant.
fn variant_wire_names(file: &syn::File) -> BTreeMap<String, BTreeMap<String, String>> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Enum(e) => Some((
                e.ident.to_string(),
                e.variants
                    .iter()
                    .filter(|v| matches!(v.fields, syn::Fields::Unit))
                    .map(|v| {
                        let name = v.ident.to_string();
                        (name.clone(), serde_rename(&v.attrs).unwrap_or(name))
                    })
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests;

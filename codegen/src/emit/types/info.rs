//! What the type emitter built, as data: every named type, and for each struct its fields
//! with wire name, Rust name, Rust type, whether required and whether defaulted. The other
//! emitters (docs, the fast-path decoder, the crate layout) read this instead of the code.
//!
//! Structure and types come from typify's own API (`TypeSpace::iter_types`,
//! `Type::details`, `TypeStruct::properties_info`, `TypeSpace::get_type`); names are the
//! final ones, after the identifier repairs, and wire names and defaults are the serde
//! attributes the type emitter itself wrote.

use std::collections::{BTreeMap, BTreeSet};

use typify::{TypeDetails, TypeId, TypeSpace};

/// The types of one schema: the code, and a description of what it holds.
#[derive(Clone)]
pub struct TypeCode {
    pub file: syn::File,
    pub info: TypeInfo,
}

/// Every named type of one schema file, by Rust name.
#[derive(Debug, Clone, Default)]
pub struct TypeInfo {
    pub types: BTreeMap<String, TypeDef>,
    /// The types `codegen.toml` renames (`rename`): generated name → Rust name. The schema's
    /// root type name and `[type.<TypeName>]` are generated names.
    pub renamed: BTreeMap<String, String>,
    /// The definitions `codegen.toml` replaces by name (`[type.<TypeName>] replace`): no type
    /// is generated for them.
    pub replaced: BTreeSet<String>,
}

impl TypeInfo {
    /// The Rust name of the type generated as `name`.
    pub fn rust_name<'a>(&'a self, name: &'a str) -> &'a str {
        self.renamed.get(name).map_or(name, String::as_str)
    }
}

#[derive(Debug, Clone)]
pub enum TypeDef {
    Struct(StructDef),
    /// An enum, with its variants' Rust names and, if it is open, its catch-all.
    Enum(EnumDef),
    /// A newtype (a checked string, a `Vec` alias, ...).
    Newtype,
}

#[derive(Debug, Clone, Default)]
pub struct EnumDef {
    /// The variants' Rust names, the catch-all's included.
    pub variants: Vec<String>,
    /// The values its unit variants stand for, as on the wire.
    pub listed: Vec<String>,
    /// The variant that keeps a value the schema does not list, if the enum is open
    /// (`open_enums`, see `open_enums.rs`).
    pub other: Option<String>,
}

#[derive(Debug, Clone)]
pub struct StructDef {
    /// The members the schema names.
    pub fields: Vec<Field>,
    /// The Rust name of the flattened map that keeps the other members, if the object allows
    /// them (see `unknown_members.rs`).
    pub unknown_members: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Field {
    /// The member's name in JSON.
    pub wire: String,
    /// The field's Rust identifier (without `r#`).
    pub rust: String,
    pub ty: RustType,
    /// The schema requires the member (so the field is not an `Option` unless nullable).
    pub required: bool,
    /// A missing member takes a default value, which the field holds. A default that
    /// `materialize_defaults = false` leaves out is not one: its field is an `Option`, `None`
    /// when the member is absent, and an accessor returns the default (`defaults.rs`).
    pub default: bool,
}

/// A field's Rust type.
#[derive(Debug, Clone, PartialEq)]
pub enum RustType {
    Option(Box<RustType>),
    /// `schema_runtime::Nullable`: an optional member that may be `null`, under
    /// `nullable = "three-state"` (`nullable.rs`).
    Nullable(Box<RustType>),
    Box(Box<RustType>),
    Vec(Box<RustType>),
    Set(Box<RustType>),
    Map(Box<RustType>, Box<RustType>),
    Tuple(Vec<RustType>),
    Array(Box<RustType>, usize),
    /// A generated type: of this module (`module: None`) or of another schema's.
    Named {
        module: Option<String>,
        name: String,
    },
    String,
    Unit,
    Scalar(Scalar),
}

/// The library types typify uses, by meaning.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Bool,
    /// `u8` ... `i64`, by name.
    Integer(String),
    /// `f32` or `f64`.
    Float(String),
    /// `chrono::DateTime<Utc>` (`date_time = "utc"`).
    DateTime,
    /// `schema_runtime::DateTime`: as written, offset and all.
    DateTimeAsWritten,
    /// `chrono::NaiveDate`.
    Date,
    Uuid,
    /// `schema_runtime::SecretString`.
    Secret,
    /// `serde_json::Value`.
    Json,
    /// Anything else, as typify names it (`::std::net::Ipv4Addr`).
    Other(String),
}

impl RustType {
    /// Whether a value of this type is a secret (possibly optional).
    pub fn is_secret(&self) -> bool {
        match self {
            RustType::Scalar(Scalar::Secret) => true,
            RustType::Option(inner) | RustType::Box(inner) | RustType::Nullable(inner) => {
                inner.is_secret()
            }
            _ => false,
        }
    }

    /// The type as a reader writes it: `Option<SecretString>`, `Vec<Credentials>`.
    pub fn short(&self) -> String {
        let one = |name: &str, inner: &RustType| format!("{name}<{}>", inner.short());
        match self {
            RustType::Option(inner) => one("Option", inner),
            RustType::Nullable(inner) => one("Nullable", inner),
            RustType::Box(inner) => one("Box", inner),
            RustType::Vec(inner) => one("Vec", inner),
            RustType::Set(inner) => one("BTreeSet", inner),
            RustType::Map(key, value) => format!("BTreeMap<{}, {}>", key.short(), value.short()),
            RustType::Tuple(items) => {
                let items: Vec<String> = items.iter().map(RustType::short).collect();
                format!("({})", items.join(", "))
            }
            RustType::Array(item, length) => format!("[{}; {length}]", item.short()),
            RustType::Named { name, .. } => name.clone(),
            RustType::String => "String".to_string(),
            RustType::Unit => "()".to_string(),
            RustType::Scalar(scalar) => match scalar {
                Scalar::Bool => "bool".to_string(),
                Scalar::Integer(name) | Scalar::Float(name) => name.clone(),
                Scalar::DateTime => "DateTime<Utc>".to_string(),
                Scalar::DateTimeAsWritten => "DateTime".to_string(),
                Scalar::Date => "NaiveDate".to_string(),
                Scalar::Uuid => "Uuid".to_string(),
                Scalar::Secret => "SecretString".to_string(),
                Scalar::Json => "Value".to_string(),
                Scalar::Other(path) => last_segments(path),
            },
        }
    }
}

/// `::std::net::Ipv4Addr` → `Ipv4Addr`, keeping generic arguments (each shortened too).
fn last_segments(path: &str) -> String {
    let mut out = String::new();
    let mut word = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        if c == ':' && chars.peek() == Some(&':') {
            chars.next();
            word.clear();
        } else if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            out.push_str(&word);
            word.clear();
            out.push(c);
        }
    }
    out.push_str(&word);
    out
}

/// A named type as typify describes it, before the identifier repairs rename anything.
#[derive(Debug, Clone)]
pub struct RawType {
    pub name: String,
    pub def: RawDef,
}

#[derive(Debug, Clone)]
pub enum RawDef {
    /// (typify's field name, required, type), in the order typify writes the fields.
    Struct(Vec<(String, bool, RustType)>),
    Enum,
    Newtype,
}

/// Every named type of `space`, read through typify's API.
pub fn raw_types(space: &TypeSpace) -> Vec<RawType> {
    let mut found = Vec::new();
    for ty in space.iter_types() {
        let def = match ty.details() {
            TypeDetails::Struct(details) => RawDef::Struct(
                details
                    .properties_info()
                    .map(|p| (p.name.to_string(), p.required, rust_type(space, &p.type_id)))
                    .collect(),
            ),
            TypeDetails::Enum(_) => RawDef::Enum,
            TypeDetails::Newtype(_) => RawDef::Newtype,
            _ => continue,
        };
        found.push(RawType {
            name: ty.name(),
            def,
        });
    }
    found
}

fn rust_type(space: &TypeSpace, id: &TypeId) -> RustType {
    let Ok(ty) = space.get_type(id) else {
        return RustType::Scalar(Scalar::Other("?".to_string()));
    };
    let inner = |id: &TypeId| Box::new(rust_type(space, id));
    match ty.details() {
        TypeDetails::Struct(_) | TypeDetails::Enum(_) | TypeDetails::Newtype(_) => {
            RustType::Named {
                module: None,
                name: ty.name(),
            }
        }
        TypeDetails::Option(id) => RustType::Option(inner(&id)),
        TypeDetails::Box(id) => RustType::Box(inner(&id)),
        TypeDetails::Vec(id) => RustType::Vec(inner(&id)),
        TypeDetails::Set(id) => RustType::Set(inner(&id)),
        TypeDetails::Map(key, value) => RustType::Map(inner(&key), inner(&value)),
        TypeDetails::Tuple(items) => {
            RustType::Tuple(items.map(|id| rust_type(space, &id)).collect())
        }
        TypeDetails::Array(id, length) => RustType::Array(inner(&id), length),
        TypeDetails::Builtin(name) => builtin(name),
        TypeDetails::String => RustType::String,
        TypeDetails::Unit => RustType::Unit,
    }
}

fn builtin(name: &str) -> RustType {
    if let Some(path) = name.strip_prefix("super::") {
        // A type of another schema's module (the bundler's replacements).
        let (module, name) = path.split_once("::").unwrap_or(("", path));
        return RustType::Named {
            module: Some(module.to_string()),
            name: name.to_string(),
        };
    }
    RustType::Scalar(match name {
        "bool" => Scalar::Bool,
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" => {
            Scalar::Integer(name.to_string())
        }
        "f32" | "f64" => Scalar::Float(name.to_string()),
        "::chrono::DateTime<::chrono::offset::Utc>" => Scalar::DateTime,
        "::chrono::naive::NaiveDate" => Scalar::Date,
        "::uuid::Uuid" => Scalar::Uuid,
        "::schema_runtime::SecretString" => Scalar::Secret,
        "::schema_runtime::DateTime" => Scalar::DateTimeAsWritten,
        "::serde_json::Value" => Scalar::Json,
        other => Scalar::Other(other.to_string()),
    })
}

/// The final description: `raw` with the repairs' type renames applied, and each struct's
/// fields matched with the items of the repaired `file` for their Rust names, wire names and
/// defaults.
pub fn describe(
    raw: Vec<RawType>,
    file: &syn::File,
    type_renames: &BTreeMap<String, String>,
) -> TypeInfo {
    let rename = |name: &str| {
        type_renames
            .get(name)
            .cloned()
            .unwrap_or_else(|| name.to_string())
    };
    let mut types = BTreeMap::new();
    for ty in raw {
        let name = rename(&ty.name);
        let def = match ty.def {
            RawDef::Enum => TypeDef::Enum(find_enum(file, &name).map(enum_def).unwrap_or_default()),
            RawDef::Newtype => TypeDef::Newtype,
            RawDef::Struct(properties) => {
                let Some(item) = find_struct(file, &name) else {
                    continue;
                };
                // typify writes the fields in the order it lists the properties, and a
                // flattened map of the other members last (its own, which it lists too, or
                // the one `unknown_members.rs` added).
                let unknown_members = item
                    .fields
                    .iter()
                    .last()
                    .filter(|field| has_serde_flag(&field.attrs, "flatten"))
                    .and_then(|field| field.ident.as_ref())
                    .map(ToString::to_string);
                let named = item.fields.len() - usize::from(unknown_members.is_some());
                let fields = properties
                    .into_iter()
                    .zip(item.fields.iter().take(named))
                    .filter_map(|((_, required, ty), field)| {
                        let ident = field.ident.as_ref()?.to_string();
                        let rust = ident.strip_prefix("r#").unwrap_or(&ident).to_string();
                        Some(Field {
                            wire: serde_rename(&field.attrs).unwrap_or_else(|| rust.clone()),
                            rust,
                            ty: as_written(renamed(ty, &rename), &field.ty),
                            required,
                            // A three-state member that was absent is `Absent`, no default.
                            default: has_serde_default(&field.attrs)
                                && !is_written(&field.ty, "Nullable"),
                        })
                    })
                    .collect();
                TypeDef::Struct(StructDef {
                    fields,
                    unknown_members,
                })
            }
        };
        types.insert(name, def);
    }
    TypeInfo {
        types,
        renamed: BTreeMap::new(),
        replaced: BTreeSet::new(),
    }
}

fn enum_def(item: &syn::ItemEnum) -> EnumDef {
    let name = |v: &syn::Variant| v.ident.to_string();
    let listed = item
        .variants
        .iter()
        .filter(|v| matches!(v.fields, syn::Fields::Unit))
        .map(|v| serde_rename(&v.attrs).unwrap_or_else(|| name(v)))
        .collect();
    // Only `open_enums.rs` writes an untagged variant last into an externally tagged enum.
    let other = item
        .variants
        .last()
        .filter(|v| {
            has_serde_flag(&v.attrs, "untagged") && !has_serde_flag(&item.attrs, "untagged")
        })
        .map(name);
    EnumDef {
        variants: item.variants.iter().map(name).collect(),
        listed,
        other,
    }
}

/// typify's type of a field, made an `Option` where a later pass made the field one
/// (`empty_collections.rs`, `defaults.rs`).
/// A `Nullable` where `nullable.rs` made its `Option` one.
fn as_written(ty: RustType, written: &syn::Type) -> RustType {
    match ty {
        RustType::Option(inner) if is_written(written, "Nullable") => RustType::Nullable(inner),
        RustType::Option(_) => ty,
        _ if is_written(written, "Option") => RustType::Option(Box::new(ty)),
        _ => ty,
    }
}

/// Whether a field's written type is `name<…>` (by its last segment).
fn is_written(written: &syn::Type, name: &str) -> bool {
    matches!(written, syn::Type::Path(path)
        if path.path.segments.last().is_some_and(|s| s.ident == name))
}

fn renamed(ty: RustType, rename: &dyn Fn(&str) -> String) -> RustType {
    let inner = |ty: Box<RustType>| Box::new(renamed(*ty, rename));
    match ty {
        RustType::Named { module: None, name } => RustType::Named {
            module: None,
            name: rename(&name),
        },
        RustType::Option(t) => RustType::Option(inner(t)),
        RustType::Nullable(t) => RustType::Nullable(inner(t)),
        RustType::Box(t) => RustType::Box(inner(t)),
        RustType::Vec(t) => RustType::Vec(inner(t)),
        RustType::Set(t) => RustType::Set(inner(t)),
        RustType::Map(k, v) => RustType::Map(inner(k), inner(v)),
        RustType::Tuple(items) => {
            RustType::Tuple(items.into_iter().map(|t| renamed(t, rename)).collect())
        }
        RustType::Array(t, n) => RustType::Array(inner(t), n),
        other => other,
    }
}

/// The struct named `name` among the items of `file`.
fn find_enum<'f>(file: &'f syn::File, name: &str) -> Option<&'f syn::ItemEnum> {
    file.items.iter().find_map(|item| match item {
        syn::Item::Enum(e) if e.ident == name => Some(e),
        _ => None,
    })
}

fn find_struct<'f>(file: &'f syn::File, name: &str) -> Option<&'f syn::ItemStruct> {
    file.items.iter().find_map(|item| match item {
        syn::Item::Struct(s) if s.ident == name => Some(s),
        _ => None,
    })
}

/// The `#[serde(rename = "...")]` of an item, if it has one.
pub fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let literal: syn::LitStr = meta.value()?.parse()?;
                rename = Some(literal.value());
            } else if meta.input.peek(syn::Token![=]) {
                // Skip the value of every other `key = value` entry.
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    rename
}

/// Whether a field has `#[serde(default)]` or `#[serde(default = "...")]`.
fn has_serde_default(attrs: &[syn::Attribute]) -> bool {
    has_serde_flag(attrs, "default")
}

/// Whether an item's `#[serde(...)]` attributes name `flag` (`flatten`,
/// `deny_unknown_fields`), alone or with a value.
pub fn has_serde_flag(attrs: &[syn::Attribute], flag: &str) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident(flag) {
                found = true;
            }
            if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_read_as_people_write_them() {
        let secret = RustType::Option(Box::new(RustType::Scalar(Scalar::Secret)));
        assert_eq!(secret.short(), "Option<SecretString>");
        assert!(secret.is_secret());
        let map = RustType::Map(
            Box::new(RustType::String),
            Box::new(RustType::Named {
                module: Some("credentials".into()),
                name: "Credentials".into(),
            }),
        );
        assert_eq!(map.short(), "BTreeMap<String, Credentials>");
        assert_eq!(builtin("::std::net::Ipv4Addr").short(), "Ipv4Addr");
        assert_eq!(
            builtin("::chrono::DateTime<::chrono::offset::Utc>").short(),
            "DateTime<Utc>"
        );
        assert_eq!(last_segments("::a::B<::c::D, u8>"), "B<D, u8>");
        let three_state = as_written(
            RustType::Option(Box::new(RustType::Scalar(Scalar::Secret))),
            &syn::parse_quote!(::schema_runtime::Nullable<::schema_runtime::SecretString>),
        );
        assert_eq!(three_state.short(), "Nullable<SecretString>");
        assert!(three_state.is_secret());
    }

    #[test]
    fn reads_renames_and_defaults() {
        let item: syn::ItemStruct = syn::parse_quote! {
            struct T {
                #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
                type_: Option<String>,
                #[serde(skip_serializing_if = "Option::is_none")]
                plain: Option<u8>,
            }
        };
        let fields: Vec<&syn::Field> = item.fields.iter().collect();
        assert_eq!(serde_rename(&fields[0].attrs).as_deref(), Some("type"));
        assert!(has_serde_default(&fields[0].attrs));
        assert_eq!(serde_rename(&fields[1].attrs), None);
        assert!(!has_serde_default(&fields[1].attrs));
    }
}

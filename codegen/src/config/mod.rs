//! `codegen.toml`: how the types are shaped, written outside the schemas, which users often
//! do not own. One file at the workspace root, read by every subcommand that generates
//! (`generate`, `check`, `diff`) and given to build-time mode through [`crate::Settings`].
//!
//! ```toml
//! [defaults]                      # every schema
//! unknown_members = "keep"        # or "ignore"
//! nullable = "option"             # or "three-state": absent, null and a value kept apart
//! materialize_defaults = true     # false: encode only what was present
//! date_time = "as-written"        # or "utc": `chrono::DateTime<Utc>` (not per type)
//!
//! [schema.order]                  # the schema `schema/order.json`
//! unknown_members = "ignore"
//!
//! [type.OrderCustomer]            # one generated type, by its Rust name
//! unknown_members = "keep"
//! derives = ["Eq", "Hash"]        # beside Clone, Debug, Deserialize, PartialEq, Serialize
//! attributes = ["#[must_use]"]
//! builder = true                  # a `builder()` and a `...Builder` type
//! non_exhaustive = true
//! open_enums = true               # string enums keep a value they do not list
//! rename = "Customer"             # only under [type.<TypeName>]: the type's new name,
//! fields = { vip = "is_vip" }     # its fields' (by Rust name; the wire name stays)
//! variants = { Gold = "Premium" } # and its variants'
//!
//! [openapi.crm]                   # a model set (`openapi.rs`): module `crm`, entries crm/<Name>
//! source = "schema/crm.yml"
//! components = "*"                # or a list of names or globs
//! ```
//!
//! The most specific level that sets a key wins: type, then schema, then defaults. Every
//! error names the file, the line and column, and the key path; an unknown key is refused
//! with the nearest known one.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::GenError;

mod openapi;
mod suggest;
pub use openapi::{Components, OpenApiModels, glob_matches};
pub(crate) use suggest::nearest;
use suggest::{as_table, line_column, unknown};

/// The file's name, at the workspace root.
pub const FILE_NAME: &str = "codegen.toml";

/// What an open object's type does with the members its schema does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownMembers {
    /// A flattened map keeps them, so that encoding writes them back.
    #[default]
    Keep,
    /// They are dropped on decoding, as typify does.
    Ignore,
}

/// How an optional member that may be `null` is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Nullable {
    /// `Option<T>`: absent and `null` are both `None`, and `None` is written as absent.
    #[default]
    Option,
    /// `schema_runtime::Nullable<T>`: `Absent`, `Null` or `Value(T)`, written back as it came.
    ThreeState,
}

/// How a `"format": "date-time"` string is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DateTimes {
    /// `schema_runtime::DateTime`: the instant with its offset, written back as it came.
    #[default]
    AsWritten,
    /// `chrono::DateTime<Utc>`: the instant only, written back in UTC.
    Utc,
}

/// The settings of one level (`[defaults]`, `[schema.<stem>]`, `[type.<TypeName>]`); an
/// unset one is taken from the level above.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeSettings {
    pub unknown_members: Option<UnknownMembers>,
    pub nullable: Option<Nullable>,
    /// `false`: a member with a `default` that was absent stays absent when encoded, and an
    /// accessor gives the default.
    pub materialize_defaults: Option<bool>,
    /// Only under `[defaults]` and `[schema.<stem>]`: typify reads it, before any type has
    /// its name.
    pub date_time: Option<DateTimes>,
    /// Derives beside the five every type has, by trait name (`Eq`, `Hash`, `serde::...`).
    pub derives: Option<Vec<String>>,
    /// Outer attributes, as written (`#[must_use]`).
    pub attributes: Option<Vec<String>>,
    pub builder: Option<bool>,
    pub non_exhaustive: Option<bool>,
    pub open_enums: Option<bool>,
    /// Only under `[type.<TypeName>]`: the type's new Rust name.
    pub rename: Option<String>,
    /// Only under `[type.<TypeName>]`: new Rust names of fields, by their generated name.
    pub fields: BTreeMap<String, String>,
    /// Only under `[type.<TypeName>]`: new Rust names of variants, by their generated name.
    pub variants: BTreeMap<String, String>,
    /// Only under `[type.<TypeName>]` and `[format.<name>]`: the Rust type used instead.
    pub replace: Option<Replacement>,
    /// Only under `[schema.<stem>]`: the Rust type used instead of the schema at each JSON
    /// Pointer of the file.
    pub replace_at: BTreeMap<String, Replacement>,
}

/// A Rust type used instead of the one a schema would give (`rust_decimal::Decimal`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// As written, with a leading `::`.
    pub path: String,
    /// The crate it comes from (its first segment), unless it is `std`, `core` or `alloc`.
    pub krate: Option<String>,
}

impl Replacement {
    fn parse(text: &str) -> Option<Replacement> {
        let ty = syn::parse_str::<syn::TypePath>(text).ok()?;
        if ty.qself.is_some() {
            return None;
        }
        let first = ty.path.segments.first()?.ident.to_string();
        let krate = (!["std", "core", "alloc"].contains(&first.as_str())).then_some(first);
        let path = format!("::{}", text.trim().trim_start_matches("::"));
        Some(Replacement { path, krate })
    }
}

/// The whole file. The default is the file's absence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub defaults: TypeSettings,
    /// By schema file stem.
    pub schemas: BTreeMap<String, TypeSettings>,
    /// By generated type name.
    pub types: BTreeMap<String, TypeSettings>,
    /// By `format` value: only `replace`.
    pub formats: BTreeMap<String, TypeSettings>,
    /// The OpenAPI documents generated as model sets, by module name.
    pub openapi: BTreeMap<String, OpenApiModels>,
    /// Where each table and key is, by its key path (`type.Order.derives`), so that a
    /// setting found wrong later (a table naming nothing, a derive that cannot hold) can be
    /// shown: the file, then line and column.
    places: BTreeMap<String, (String, usize, usize)>,
    /// The file's text, which `generate` records beside the schemas so that `codegen diff`
    /// compares the settings too; `None` without a file.
    pub text: Option<String>,
}

/// The tables of the file, and the keys each level takes.
const TABLES: &[&str] = &["defaults", "schema", "type", "format", "openapi"];
const KEYS: &[&str] = &[
    "unknown_members",
    "nullable",
    "materialize_defaults",
    "date_time",
    "derives",
    "attributes",
    "builder",
    "non_exhaustive",
    "open_enums",
    "rename",
    "fields",
    "variants",
    "replace",
    "replace_at",
];
/// The keys that name one type's own parts, so only `[type.<TypeName>]` takes them.
const TYPE_ONLY_KEYS: &[&str] = &["rename", "fields", "variants"];

impl Config {
    /// Reads `path`; a missing file is the default configuration.
    pub fn read(path: &Path) -> Result<Config, GenError> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let display = path.to_string_lossy().replace('\\', "/");
                let text = String::from_utf8(bytes).map_err(|e| GenError::Config {
                    file: display.clone(),
                    line: 1,
                    column: 1,
                    key: String::new(),
                    message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                })?;
                Config::parse(&text, &display)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(GenError::io(path, e)),
        }
    }

    /// Parses the text of `file` (shown in errors as given).
    pub fn parse(text: &str, file: &str) -> Result<Config, GenError> {
        let error = |span: Range<usize>, key: &str, message: String| {
            let (line, column) = line_column(text, span.start);
            GenError::Config {
                file: file.to_string(),
                line,
                column,
                key: key.to_string(),
                message,
            }
        };
        let root = DeTable::parse(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            error(span, "", format!("not TOML: {}", e.message().trim_end()))
        })?;
        let mut places = BTreeMap::new();
        let mut place = |path: &str, span: Range<usize>| {
            let (line, column) = line_column(text, span.start);
            places.insert(path.to_string(), (file.to_string(), line, column));
        };
        let mut config = Config::default();
        for (name, value) in root.get_ref() {
            let table = as_table(value, name.get_ref())
                .map_err(|message| error(value.span(), name.get_ref(), message))?;
            match name.get_ref().as_ref() {
                "defaults" => {
                    config.defaults = level(table, "defaults", &error, &mut place)?;
                }
                group @ ("schema" | "type" | "format") => {
                    let target = match group {
                        "schema" => &mut config.schemas,
                        "type" => &mut config.types,
                        _ => &mut config.formats,
                    };
                    for (member, value) in table {
                        let path = format!("{group}.{}", member.get_ref());
                        let inner = as_table(value, &path)
                            .map_err(|message| error(value.span(), &path, message))?;
                        place(&path, member.span());
                        let settings = level(inner, &path, &error, &mut place)?;
                        target.insert(member.get_ref().to_string(), settings);
                    }
                }
                "openapi" => config.openapi = openapi::models(table, &error, &mut place)?,
                other => {
                    return Err(error(name.span(), other, unknown("table", other, TABLES)));
                }
            }
        }
        config.places = places;
        config.text = Some(text.to_string());
        Ok(config)
    }

    /// An error about the setting at `key_path` (`type.Order.derives`), found after parsing.
    pub fn error_at(&self, key_path: &str, message: impl Into<String>) -> GenError {
        let (file, line, column) = self.places.get(key_path).cloned().unwrap_or_default();
        GenError::Config {
            file,
            line,
            column,
            key: key_path.to_string(),
            message: message.into(),
        }
    }

    /// The value of one key for the type `type_name` of the schema `schema` (its file
    /// stem), from the most specific level that sets it, with that level's key path prefix
    /// (`type.Order`, `schema.order`, `defaults`).
    pub fn resolve<T>(
        &self,
        schema: &str,
        type_name: &str,
        key: impl Fn(&TypeSettings) -> Option<T>,
    ) -> Option<(T, String)> {
        let levels = [
            (self.types.get(type_name), format!("type.{type_name}")),
            (self.schemas.get(schema), format!("schema.{schema}")),
            (Some(&self.defaults), "defaults".to_string()),
        ];
        levels
            .into_iter()
            .find_map(|(level, path)| level.and_then(&key).map(|value| (value, path)))
    }

    /// The `[type.<TypeName>]` settings of one type; the empty settings where it has none.
    pub fn of_type(&self, type_name: &str) -> &TypeSettings {
        static NONE: std::sync::OnceLock<TypeSettings> = std::sync::OnceLock::new();
        self.types
            .get(type_name)
            .unwrap_or_else(|| NONE.get_or_init(TypeSettings::default))
    }

    /// Refuses a `[schema.<stem>]` or `[type.<TypeName>]` that names no schema or generated
    /// type: a misspelt name would otherwise change nothing, silently.
    pub fn check_names<'a>(
        &self,
        stems: &[&'a str],
        type_names: &[&'a str],
    ) -> Result<(), GenError> {
        let groups = [
            ("schema", &self.schemas, stems, "schema"),
            ("type", &self.types, type_names, "generated type"),
        ];
        for (group, entries, known, what) in groups {
            if let Some(name) = entries.keys().find(|n| !known.contains(&n.as_str())) {
                let path = format!("{group}.{name}");
                let (file, line, column) = self.places.get(&path).cloned().unwrap_or_default();
                let nearest = nearest(name, known)
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                return Err(GenError::Config {
                    file,
                    line,
                    column,
                    key: path,
                    message: format!("names no {what}{nearest}"),
                });
            }
        }
        Ok(())
    }

    /// The setting for the type `type_name` of the schema `schema` (its file stem).
    pub fn unknown_members(&self, schema: &str, type_name: &str) -> UnknownMembers {
        self.resolve(schema, type_name, |level| level.unknown_members)
            .map(|(value, _)| value)
            .unwrap_or_default()
    }

    /// The setting for the type `type_name` of the schema `schema` (its file stem).
    pub fn nullable(&self, schema: &str, type_name: &str) -> Nullable {
        self.resolve(schema, type_name, |level| level.nullable)
            .map(|(value, _)| value)
            .unwrap_or_default()
    }

    /// How the `date-time` strings of the schema `schema` (its file stem) are typed.
    pub fn date_time(&self, schema: &str) -> DateTimes {
        let levels = [self.schemas.get(schema), Some(&self.defaults)];
        levels
            .into_iter()
            .find_map(|level| level.and_then(|l| l.date_time))
            .unwrap_or_default()
    }

    /// Whether a level anywhere asks for `nullable = "three-state"`.
    pub fn any_three_state(&self) -> bool {
        let mut levels = std::iter::once(&self.defaults)
            .chain(self.schemas.values())
            .chain(self.types.values());
        levels.any(|level| level.nullable == Some(Nullable::ThreeState))
    }

    /// Whether the defaults of the type `type_name` of the schema `schema` are written into
    /// what it decodes (`materialize_defaults`, `true` unless set).
    pub fn materialize_defaults(&self, schema: &str, type_name: &str) -> bool {
        self.resolve(schema, type_name, |level| level.materialize_defaults)
            .is_none_or(|(value, _)| value)
    }

    /// The crates the replacements' types come from.
    pub fn crates(&self) -> BTreeSet<String> {
        let levels = self
            .types
            .values()
            .chain(self.schemas.values())
            .chain(self.formats.values());
        levels
            .flat_map(|level| level.replace.iter().chain(level.replace_at.values()))
            .filter_map(|replacement| replacement.krate.clone())
            .collect()
    }

    /// Whether one of the boolean switches (`builder`, `non_exhaustive`, `open_enums`) is on.
    pub fn switch(
        &self,
        schema: &str,
        type_name: &str,
        key: impl Fn(&TypeSettings) -> Option<bool>,
    ) -> bool {
        self.resolve(schema, type_name, key)
            .is_some_and(|(value, _)| value)
    }
}

/// The keys of one level.
fn level(
    table: &DeTable<'_>,
    path: &str,
    error: &dyn Fn(Range<usize>, &str, String) -> GenError,
    place: &mut dyn FnMut(&str, Range<usize>),
) -> Result<TypeSettings, GenError> {
    let mut settings = TypeSettings::default();
    for (key, value) in table {
        let name = key.get_ref().as_ref();
        let key_path = format!("{path}.{name}");
        let fail = |message: &str| error(value.span(), &key_path, message.to_string());
        if let Some(message) = misplaced(path, name) {
            return Err(error(key.span(), &key_path, message));
        }
        place(&key_path, key.span());
        match name {
            "unknown_members" => {
                settings.unknown_members = Some(match value.get_ref() {
                    DeValue::String(text) if text == "keep" => UnknownMembers::Keep,
                    DeValue::String(text) if text == "ignore" => UnknownMembers::Ignore,
                    _ => return Err(fail("must be \"keep\" or \"ignore\"")),
                });
            }
            "nullable" => {
                settings.nullable = Some(match value.get_ref() {
                    DeValue::String(text) if text == "option" => Nullable::Option,
                    DeValue::String(text) if text == "three-state" => Nullable::ThreeState,
                    _ => return Err(fail("must be \"option\" or \"three-state\"")),
                });
            }
            "date_time" => {
                settings.date_time = Some(match value.get_ref() {
                    DeValue::String(text) if text == "as-written" => DateTimes::AsWritten,
                    DeValue::String(text) if text == "utc" => DateTimes::Utc,
                    _ => return Err(fail("must be \"as-written\" or \"utc\"")),
                });
            }
            "derives" => {
                let derives = strings(value).ok_or_else(|| {
                    fail("must be a list of trait names, like [\"Eq\", \"Hash\"]")
                })?;
                for derive in &derives {
                    if syn::parse_str::<syn::Path>(derive).is_err() {
                        return Err(fail(&format!("`{derive}` is not a trait path")));
                    }
                }
                settings.derives = Some(derives);
            }
            "attributes" => {
                let attributes = strings(value)
                    .ok_or_else(|| fail("must be a list of attributes, like [\"#[must_use]\"]"))?;
                for attribute in &attributes {
                    let parsed =
                        syn::parse::Parser::parse_str(syn::Attribute::parse_outer, attribute);
                    if !matches!(parsed.as_deref(), Ok([_])) {
                        return Err(fail(&format!(
                            "`{attribute}` is not one outer attribute (`#[...]`)"
                        )));
                    }
                }
                settings.attributes = Some(attributes);
            }
            "builder" | "non_exhaustive" | "open_enums" | "materialize_defaults" => {
                let DeValue::Boolean(on) = value.get_ref() else {
                    return Err(fail("must be true or false"));
                };
                let slot = match name {
                    "builder" => &mut settings.builder,
                    "non_exhaustive" => &mut settings.non_exhaustive,
                    "materialize_defaults" => &mut settings.materialize_defaults,
                    _ => &mut settings.open_enums,
                };
                *slot = Some(*on);
            }
            "replace" => match value.get_ref() {
                DeValue::String(text) => {
                    let replacement = Replacement::parse(text).ok_or_else(|| {
                        fail("must be a Rust type path, like \"rust_decimal::Decimal\"")
                    })?;
                    settings.replace = Some(replacement);
                }
                _ => {
                    return Err(fail(
                        "must be a Rust type path, like \"rust_decimal::Decimal\"",
                    ));
                }
            },
            "replace_at" => {
                let DeValue::Table(places) = value.get_ref() else {
                    return Err(fail(
                        "must be a table of JSON Pointers and types, like { \"/properties/total\" = \"rust_decimal::Decimal\" }",
                    ));
                };
                for (pointer, ty) in places {
                    let entry = format!("{key_path}.{}", pointer.get_ref());
                    place(&entry, pointer.span());
                    if !(pointer.get_ref().is_empty() || pointer.get_ref().starts_with('/')) {
                        return Err(error(
                            pointer.span(),
                            &entry,
                            "must be a JSON Pointer into the schema file, like \"/properties/total\"".to_string(),
                        ));
                    }
                    let replacement = match ty.get_ref() {
                        DeValue::String(text) => Replacement::parse(text),
                        _ => None,
                    };
                    let Some(replacement) = replacement else {
                        return Err(error(
                            ty.span(),
                            &entry,
                            "must be a Rust type path, like \"rust_decimal::Decimal\"".to_string(),
                        ));
                    };
                    settings
                        .replace_at
                        .insert(pointer.get_ref().to_string(), replacement);
                }
            }
            "rename" => match value.get_ref() {
                DeValue::String(text) if is_identifier(text) => {
                    settings.rename = Some(text.to_string());
                }
                _ => return Err(fail("must be a Rust type name, like \"Customer\"")),
            },
            "fields" | "variants" => {
                let DeValue::Table(names) = value.get_ref() else {
                    return Err(fail("must be a table of new names, like { old = \"new\" }"));
                };
                let mut renames = BTreeMap::new();
                for (old, new) in names {
                    let entry = format!("{key_path}.{}", old.get_ref());
                    place(&entry, old.span());
                    match new.get_ref() {
                        DeValue::String(text) if is_identifier(text) => {
                            renames.insert(old.get_ref().to_string(), text.to_string());
                        }
                        _ => {
                            return Err(error(
                                new.span(),
                                &entry,
                                "must be a Rust identifier".to_string(),
                            ));
                        }
                    }
                }
                if name == "fields" {
                    settings.fields = renames;
                } else {
                    settings.variants = renames;
                }
            }
            other => return Err(error(key.span(), &key_path, unknown("key", other, KEYS))),
        }
    }
    Ok(settings)
}

/// Why `key` may not sit in the table at `path` (`defaults`, `schema.order`, `type.Order`,
/// `format.decimal`), if it may not.
fn misplaced(path: &str, key: &str) -> Option<String> {
    let group = path.split('.').next().unwrap_or_default();
    match (group, key) {
        ("format", "replace") => None,
        ("format", _) => Some(format!(
            "`[format.<name>]` takes only `replace`, not `{key}`"
        )),
        ("type", "date_time") => Some(
            "`date_time` is read before the types have their names, so only `[defaults]` and `[schema.<stem>]` take it (`replace_at` changes one member's type)"
                .to_string(),
        ),
        ("schema", "replace_at") => None,
        (_, "replace_at") => Some(
            "`replace_at` names places of one schema file, so only `[schema.<stem>]` takes it"
                .to_string(),
        ),
        ("type", _) => None,
        (_, "replace") => Some(
            "`replace` names one type or format, so only `[type.<TypeName>]` and `[format.<name>]` take it"
                .to_string(),
        ),
        _ if TYPE_ONLY_KEYS.contains(&key) => Some(format!(
            "`{key}` names one type's parts, so only `[type.<TypeName>]` takes it"
        )),
        _ => None,
    }
}

/// A list of strings, or `None` if the value is anything else.
fn strings(value: &Spanned<DeValue<'_>>) -> Option<Vec<String>> {
    let DeValue::Array(items) = value.get_ref() else {
        return None;
    };
    items
        .iter()
        .map(|item| match item.get_ref() {
            DeValue::String(text) => Some(text.to_string()),
            _ => None,
        })
        .collect()
}

/// A plain Rust identifier, not a keyword: what a rename may be.
fn is_identifier(text: &str) -> bool {
    syn::parse_str::<syn::Ident>(text).is_ok()
}

#[cfg(test)]
mod tests;

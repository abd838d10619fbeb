//! Types the user chose (`codegen.toml`'s `replace`): a Rust type used instead of the one a
//! schema would give, by `format` (`[format.decimal]`), by place (`[schema.order]
//! replace_at`, a JSON Pointer into the file) or by generated type name (`[type.Money]`).
//!
//! The first two mark the schema typify reads with the `x-rust-type` extension typify
//! honours for the crates it is told of; the third is typify's own `with_replacement`.
//! Validation still checks the schema: the replacement only changes the Rust type.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::bundle::TypifyInput;
use super::locate;
use crate::config::{Config, Replacement};
use crate::emit::context::Context;
use crate::error::GenError;
use crate::subschema::Subschema;
use crate::vocabulary;

/// Marks every schema of `input` (the typify input of the schema `doc`) that a `format` or
/// place replacement names; returns the crates the marks need.
pub fn mark(context: &Context<'_>, doc: usize, input: &mut TypifyInput) -> BTreeSet<String> {
    let config = &context.set.settings.config;
    let mut crates = BTreeSet::new();
    if config.formats.is_empty() && config.schemas.values().all(|s| s.replace_at.is_empty()) {
        return crates;
    }
    let mut paths = Vec::new();
    collect_paths(&input.value, &mut Vec::new(), &mut paths);
    for tokens in paths {
        let (place, _) = input.place_of(doc, &tokens);
        let by_place = context
            .set
            .schemas
            .get(place.doc)
            .and_then(|schema| config.schemas.get(&schema.file.stem))
            .and_then(|settings| settings.replace_at.get(&place.pointer));
        let Some(schema) = locate::get_mut(&mut input.value, &tokens) else {
            continue;
        };
        let by_format = Subschema::parse(schema)
            .format
            .and_then(|format| config.formats.get(format))
            .and_then(|settings| settings.replace.as_ref());
        if let (Some(replacement), Value::Object(object)) = (by_place.or(by_format), schema) {
            object.insert("x-rust-type".into(), extension(replacement));
            crates.extend(replacement.krate.clone());
        }
    }
    crates
}

/// The `[type.<TypeName>]` replacements, for typify's `with_replacement`, and their crates.
pub fn by_name(config: &Config) -> Vec<(String, &Replacement)> {
    config
        .types
        .iter()
        .filter_map(|(name, settings)| Some((name.clone(), settings.replace.as_ref()?)))
        .collect()
}

/// The names of `input`'s definitions that typify replaces by name: typify only looks a
/// definition's name (`$defs` key, in its Pascal case) up among the replacements, so an
/// inline schema's type is replaced by place instead (`replace_at`).
pub fn replaced_definitions(config: &Config, input: &TypifyInput) -> BTreeSet<String> {
    let Some(Value::Object(definitions)) = input.value.get("$defs") else {
        return BTreeSet::new();
    };
    definitions
        .keys()
        .map(|key| type_name(key))
        .filter(|name| config.types.get(name).is_some_and(|s| s.replace.is_some()))
        .collect()
}

/// typify's name for a definition: its key in Pascal case, with what cannot be in an
/// identifier made a word break (typify's `sanitize`).
pub(super) fn type_name(key: &str) -> String {
    use heck::ToPascalCase;
    let words: String = key
        .replace('\'', "")
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    words.to_pascal_case()
}

/// Refuses a `replace_at` pointer that is no place of its schema file, and a
/// `[format.<name>]` that no schema of the set uses: either would change nothing, silently.
pub fn check(context: &Context<'_>) -> Result<(), GenError> {
    let config = &context.set.settings.config;
    for (stem, settings) in &config.schemas {
        let Some(doc) = context
            .set
            .schemas
            .iter()
            .position(|s| &s.file.stem == stem)
        else {
            continue;
        };
        for pointer in settings.replace_at.keys() {
            if context.documents[doc].value.pointer(pointer).is_none() {
                return Err(config.error_at(
                    &format!("schema.{stem}.replace_at.{pointer}"),
                    format!(
                        "`{pointer}` is no place of {}",
                        context.documents[doc].display
                    ),
                ));
            }
        }
    }
    let mut used = BTreeSet::new();
    for document in &context.documents {
        formats(document.value, &mut used);
    }
    if let Some(format) = config.formats.keys().find(|f| !used.contains(f.as_str())) {
        return Err(config.error_at(
            &format!("format.{format}"),
            format!("no schema of the set has `\"format\": \"{format}\"`"),
        ));
    }
    Ok(())
}

/// typify's `x-rust-type` for a replacement: any version of the crate will do, since the
/// user's manifest chooses it.
fn extension(replacement: &Replacement) -> Value {
    let krate = replacement.krate.as_deref().unwrap_or("std");
    json!({"crate": krate, "version": "*", "path": replacement.path.trim_start_matches("::")})
}

/// The token path of every subschema of `schema`, itself first.
fn collect_paths(schema: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    for (path, child) in vocabulary::subschemas(schema, locate::TYPIFY_DIALECT) {
        let depth = at.len();
        at.extend(path);
        collect_paths(child, at, out);
        at.truncate(depth);
    }
}

/// Every `format` value anywhere in `value` (a schema, or a document holding schemas).
fn formats<'a>(value: &'a Value, out: &mut BTreeSet<&'a str>) {
    match value {
        Value::Object(object) => {
            if let Some(Value::String(format)) = object.get("format") {
                out.insert(format);
            }
            object.values().for_each(|v| formats(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| formats(v, out)),
        _ => {}
    }
}

//! The type emitter: schema → typify 0.8 `TypeSpace` → `syn::File`.
//!
//! Each file's schema is bundled first ([`bundle`]) so that typify sees only references it
//! understands. typify reports some unsupported schemas by panicking and others with an
//! error that does not say where; both become a [`Diagnostic`] located by [`locate`] in the
//! user's file. With the value fallback on, the failing part is typed as
//! `serde_json::Value` instead, with a warning, and validation still checks it.

mod alternative_defaults;
mod builders;
mod bundle;
mod closed_alternatives;
mod defaults;
mod derives;
mod discriminators;
mod empty_collections;
mod fixup;
mod info;
mod literals;
mod locate;
mod merges;
mod normalize;
mod nullable;
mod open_enums;
mod recursive_defaults;
mod renames;
mod replacements;
mod runtime_paths;
mod runtime_types;
mod unknown_members;
mod untyped_objects;

use std::collections::{BTreeMap, BTreeSet};

use schemars::schema::RootSchema;
use serde_json::Value;
use typify::{TypeSpace, TypeSpaceSettings};

use crate::config::{Nullable, UnknownMembers};
use crate::emit::context::Context;
use crate::error::{Diagnostic, Kind};
use crate::panic_guard;
use crate::vocabulary;
use bundle::TypifyInput;
pub use derives::shape;
pub use info::{EnumDef, Field, RustType, Scalar, StructDef, TypeCode, TypeDef, TypeInfo};
pub use renames::rename;
pub use replacements::check as check_replacements;

/// The types of every schema of a set.
pub struct Types {
    /// One per schema, in order; `None` where types could not be generated.
    pub files: Vec<Option<TypeCode>>,
    /// Why types could not be generated.
    pub errors: Vec<Diagnostic>,
    /// Parts typed as `serde_json::Value` because typify could not type them.
    pub warnings: Vec<Diagnostic>,
}

/// How many parts of one schema may fall back to `serde_json::Value`.
const MAX_FALLBACKS: usize = 64;

/// Generates the types of every schema of the set.
pub fn emit_all(context: &Context<'_>) -> Types {
    let strict = context.set.settings.strict;
    let config = &context.set.settings.config;
    let mut types = Types {
        files: Vec::new(),
        errors: Vec::new(),
        warnings: Vec::new(),
    };
    for (doc, mut input) in bundle::bundle(context).into_iter().enumerate() {
        let mut unions = Vec::new();
        for union in std::mem::take(&mut input.unions) {
            match union {
                Ok(union) => unions.push(union),
                Err(ignored) => types.warnings.push(
                    Diagnostic::new(
                        Kind::LooserType,
                        context.documents[ignored.place.doc].display,
                        ignored.place.pointer,
                        format!("{}: the `discriminator` is left out of the types, which decode a payload into the first alternative that accepts it", ignored.reason),
                    ),
                ),
            }
        }
        for cut in merges::break_merge_cycles(&mut input.value) {
            let (place, _) = input.place_of(doc, &cut);
            types.warnings.push(Diagnostic::new(Kind::LooserType,
                context.documents[place.doc].display,
                place.pointer,
                "this `$ref` is merged with a schema that contains it, which typify would expand forever: its type leaves out what it is merged with (validation checks it)",
            ));
        }
        for (simplified, to_value) in merges::tame_merges(&mut input.value) {
            let (place, _) = input.place_of(doc, &simplified);
            let outcome = if to_value {
                "typed as `serde_json::Value`"
            } else {
                "its type has every property it declares, and the alternatives are left to validation"
            };
            types.warnings.push(Diagnostic::new(Kind::LooserType,
                context.documents[place.doc].display,
                place.pointer,
                format!("typify would merge this schema with more `oneOf`/`anyOf` alternatives than it can in reasonable time: {outcome} (validation checks it all)"),
            ));
        }
        for dropped in recursive_defaults::drop_recursive_defaults(&mut input.value) {
            let (place, _) = input.place_of(doc, &dropped);
            types.warnings.push(Diagnostic::new(Kind::DefaultDropped,
                context.documents[place.doc].display,
                place.pointer,
                "this `default` contains itself (what it leaves out defaults to it again), which Rust cannot build: the member is typed `Option` and the default is left out of the types",
            ));
        }
        for dropped in alternative_defaults::drop_misplaced_defaults(&mut input.value) {
            let (place, _) = input.place_of(doc, &dropped.tokens);
            types.warnings.push(
                Diagnostic::new(
                    Kind::DefaultDropped,
                    context.documents[place.doc].display,
                    place.pointer,
                    dropped.reason,
                )
                .with_keyword("default"),
            );
        }
        normalize::name_nullable_halves(&mut input.value);
        normalize::unique_titles(&mut input.value);
        let date_times = config.date_time(&context.set.schemas[doc].file.stem);
        runtime_types::mark(&mut input.value, date_times);
        closed_alternatives::mark(&mut input.value);
        if config.any_three_state() {
            nullable::mark(&mut input.value);
        }
        input.crates = replacements::mark(context, doc, &mut input);
        let replaced = replacements::replaced_definitions(config, &input);
        for (name, replacement) in replacements::by_name(config) {
            input.replacements.push((name, replacement.path.clone()));
            input.crates.extend(replacement.krate.clone());
        }
        let is_replaced = |key: &str| replaced.contains(&replacements::type_name(key));
        let mut fallbacks = 0;
        let file = loop {
            // On a copy, so that a failure is located, and a fallback made, in what the
            // user wrote.
            let wrapped = untyped_objects::wrap(&input.value, &is_replaced);
            match run_typify(&wrapped.value, &input.replacements, &input.crates) {
                Ok((mut file, raw)) => {
                    closed_alternatives::split(&mut file);
                    for missed in discriminators::tag(&mut file, &unions) {
                        types.warnings.push(Diagnostic::new(
                            Kind::LooserType,
                            context.documents[missed.place.doc].display,
                            missed.place.pointer.clone(),
                            "typify did not type this union as one variant per alternative: the `discriminator` is left out of the types, which decode a payload into the first alternative that accepts it",
                        ));
                    }
                    if config.any_three_state() {
                        nullable::unmark(&mut file);
                    }
                    fixup::drop_unused_error_module(&mut file);
                    fixup::drop_unused_defaults(&mut file);
                    empty_collections::keep(&mut file);
                    empty_collections::skip_absent_boxed_options(&mut file);
                    fixup::complete_default_literals(&mut file);
                    fixup::qualify_default_calls(&mut file);
                    fixup::reach_other_modules_from_nested_modules(&mut file, &input.replacements);
                    let mut type_renames = fixup::fix_identifiers(&mut file);
                    let named = untyped_objects::name(&mut file, &wrapped);
                    follow_renames(&mut type_renames, named);
                    let stem = &context.set.schemas[doc].file.stem;
                    unknown_members::keep(&mut file, |name| {
                        config.unknown_members(stem, name) == UnknownMembers::Keep
                    });
                    open_enums::open(&mut file, |name| {
                        config.switch(stem, name, |level| level.open_enums)
                    });
                    let three_state = |name: &str| {
                        config.any_three_state()
                            && config.nullable(stem, name) == Nullable::ThreeState
                    };
                    defaults::leave_absent(
                        &mut file,
                        |name| !config.materialize_defaults(stem, name),
                        three_state,
                    );
                    // After `leave_absent`, which takes a `#[serde(default)]` for a default.
                    if config.any_three_state() {
                        nullable::apply(&mut file, three_state);
                    }
                    let mut info = info::describe(raw, &file, &type_renames);
                    info.replaced = replaced.clone();
                    break Some(TypeCode { file, info });
                }
                Err(failure) => {
                    let located = locate_failure(context, doc, &input, &is_replaced, failure);
                    if strict || fallbacks >= MAX_FALLBACKS {
                        types.errors.push(located.diagnostic);
                        break None;
                    }
                    fallbacks += 1;
                    let fallback = fall_back(&mut input, &located);
                    types.warnings.push(Diagnostic {
                        message: format!("{}; {fallback}", located.diagnostic.message),
                        ..located.diagnostic
                    });
                }
            }
        };
        types.files.push(file);
    }
    types
}

/// Adds `then` (names in the code → new names) to `renames` (typify's names → names in the
/// code), so that it leads from typify's names to the last ones.
fn follow_renames(renames: &mut BTreeMap<String, String>, then: BTreeMap<String, String>) {
    let in_code: BTreeSet<String> = renames.values().cloned().collect();
    for new in renames.values_mut() {
        if let Some(newer) = then.get(new) {
            *new = newer.clone();
        }
    }
    for (old, new) in then {
        if !in_code.contains(&old) {
            renames.insert(old, new);
        }
    }
}

/// Changes the typify input so that the located failure cannot happen again, and says how.
fn fall_back(input: &mut TypifyInput, located: &Located) -> &'static str {
    if let Some(keyword) = located
        .keyword
        .as_deref()
        .filter(|k| vocabulary::has(k, |row| row.loosening))
    {
        if let Some(Value::Object(object)) = locate::get_mut(&mut input.value, &located.tokens) {
            object.remove(keyword);
            return "the keyword is left out of the types (validation still checks it)";
        }
    }
    if !located.tokens.is_empty()
        && locate::replace(
            &mut input.value,
            &located.tokens,
            Value::Object(Default::default()),
        )
    {
        return "typed as `serde_json::Value` (validation still checks it)";
    }
    // Nothing smaller to give up: the root type is a JSON value, and so are its definitions.
    let title = input.value.get("title").cloned();
    let mut root = serde_json::Map::new();
    if let Some(title) = title {
        root.insert("title".into(), title);
    }
    input.value = Value::Object(root);
    input.replacements.clear();
    "the whole schema is typed as `serde_json::Value` (validation still checks it)"
}
/// What went wrong inside typify, before it is located.
#[derive(Debug)]
enum Failure {
    /// schemars could not read the schema; serde may know where.
    Shape {
        tokens: Vec<String>,
        message: String,
    },
    /// typify returned an error or panicked.
    Typify(String),
}

/// typify's code for `input`, and its description of the types, read through its API.
fn run_typify(
    input: &Value,
    replacements: &[(String, String)],
    crates: &BTreeSet<String>,
) -> Result<(syn::File, Vec<info::RawType>), Failure> {
    let root: RootSchema = serde_path_to_error::deserialize(input).map_err(|e| Failure::Shape {
        tokens: path_tokens(e.path()),
        message: e.inner().to_string(),
    })?;
    let replacements = replacements.to_vec();
    let crates = crates.clone();
    let tokens = panic_guard::catch(move || {
        let mut settings = TypeSpaceSettings::default();
        settings
            .with_crate(runtime_types::CRATE, typify::CrateVers::Any, None)
            .with_struct_builder(false)
            .with_map_type("::std::collections::BTreeMap")
            .with_derive("PartialEq".to_string());
        for (name, path) in replacements {
            settings.with_replacement(name, path, std::iter::empty());
        }
        for name in crates {
            settings.with_crate(name, typify::CrateVers::Any, None);
        }
        let mut space = TypeSpace::new(&settings);
        space
            .add_root_schema(root)
            .map(|_| (space.to_stream(), info::raw_types(&space)))
    })
    .map_err(|panic| Failure::Typify(format!("typify panicked: {panic}")))?
    .map_err(|e| Failure::Typify(format!("typify failed: {e}")))?;
    let (tokens, raw) = tokens;
    let mut file = syn::parse2::<syn::File>(tokens)
        .map_err(|e| Failure::Typify(format!("typify produced code that does not parse: {e}")))?;
    runtime_paths::use_runtime(&mut file).map_err(Failure::Typify)?;
    if let Some(name) = uninhabited(&file) {
        // typify's merges of `oneOf` alternatives with what sits beside them sometimes find
        // nothing in common where the schema does accept values (template.json's
        // generated symbols): a type no value decodes into.
        return Err(Failure::Typify(format!(
            "typify made `{name}` an enum without variants, a type no value fits"
        )));
    }
    Ok((file, raw))
}

/// The first enum without variants.
fn uninhabited(file: &syn::File) -> Option<String> {
    file.items.iter().find_map(|item| match item {
        syn::Item::Enum(e) if e.variants.is_empty() => Some(e.ident.to_string()),
        _ => None,
    })
}

fn path_tokens(path: &serde_path_to_error::Path) -> Vec<String> {
    use serde_path_to_error::Segment;
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(index.to_string()),
            Segment::Map { key } => Some(key.clone()),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// A failure, located in the typify input and in the user's file.
struct Located {
    tokens: Vec<String>,
    keyword: Option<String>,
    diagnostic: Diagnostic,
}

/// Locates a failure in the typify input and in the user's file.
fn locate_failure(
    context: &Context<'_>,
    doc: usize,
    input: &TypifyInput,
    is_replaced: &dyn Fn(&str) -> bool,
    failure: Failure,
) -> Located {
    let (replacements, crates) = (&input.replacements, &input.crates);
    let succeeds = |trial: &Value| {
        let wrapped = untyped_objects::wrap(trial, is_replaced);
        run_typify(&wrapped.value, replacements, crates).is_ok()
    };
    let (kind, message, tokens, keyword) = match failure {
        // serde loses the path inside untagged enums (every schema is one), so narrow by
        // trial whenever it did not say more than "the root".
        Failure::Shape { tokens, message } if !tokens.is_empty() => (
            Kind::TypesInvalidInput,
            format!("not a valid schema for type generation: {message}"),
            tokens,
            None,
        ),
        Failure::Shape { message, .. } => {
            let (tokens, keyword) = locate::narrow(&input.value, &succeeds);
            (
                Kind::TypesInvalidInput,
                format!("not a valid schema for type generation: {message}"),
                tokens,
                keyword,
            )
        }
        Failure::Typify(message) => {
            let (tokens, keyword) = locate::narrow(&input.value, &succeeds);
            (
                Kind::TypesUnsupported,
                format!("types cannot be generated for this part: {message}"),
                tokens,
                keyword,
            )
        }
    };
    let (place, _) = input.place_of(doc, &tokens);
    let diagnostic = Diagnostic::new(
        kind,
        context.documents[place.doc].display,
        place.pointer,
        message,
    );
    let diagnostic = match &keyword {
        Some(keyword) => diagnostic.with_keyword(keyword),
        None => diagnostic,
    };
    Located {
        tokens,
        keyword,
        diagnostic,
    }
}

#[cfg(test)]
mod tests;

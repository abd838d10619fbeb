//! What typify sees of each schema file: one document whose `$ref`s all point at its own
//! `$defs`, with types of other files replaced by paths to the modules that define them.
//!
//! typify resolves only `#/$defs/<name>` (by the last segment) and panics on references to
//! other documents. So every place that something references, and every top-level `$defs`
//! entry, becomes a named definition in the file that holds it; every `$ref` is rewritten to
//! `#/$defs/<Name>`; and a reference into another file becomes a replacement type
//! `super::<module>::<Name>`. Each type is generated once, in its own file's module, and
//! shared.
//!
//! Keywords that constrain values without changing their shape ([`keywords::VALIDATION_ONLY`])
//! are left out: the validators enforce them, and typify fails on several of them.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use crate::emit::context::Context;
use crate::error::Diagnostic;
use crate::keywords;
use crate::names;
use crate::resolve::Place;

/// The typify input of one schema file.
pub struct TypifyInput {
    /// A root schema: the file's root, titled with its type name, and `$defs`.
    pub value: Value,
    /// Types defined by other files: (type name, Rust path).
    pub replacements: Vec<(String, String)>,
    /// Where each definition came from, to locate failures in the user's file.
    pub origins: BTreeMap<String, Place>,
}

/// Builds the typify input of every schema of the set, in order.
pub fn bundle(context: &Context<'_>) -> Result<Vec<TypifyInput>, Vec<Diagnostic>> {
    let schemas = context.set.schemas.len();
    let mut problems = Vec::new();
    let targets = reference_targets(context, &mut problems);
    let names = name_places(context, &targets);
    let mut inputs = Vec::new();
    for doc in 0..schemas {
        let mut foreign = BTreeSet::new();
        let mut defs = Map::new();
        let mut origins = BTreeMap::new();
        for (place, name) in names
            .iter()
            .filter(|(p, _)| p.doc == doc && !p.pointer.is_empty())
        {
            let rewritten = rewrite(context, &names, place, &mut foreign);
            defs.insert(name.clone(), rewritten);
            origins.insert(name.clone(), place.clone());
        }
        let mut root = rewrite(context, &names, &Place::root(doc), &mut foreign);
        if let Value::Bool(accepts) = root {
            // typify needs an object to hang the title on; `true` is `{}`.
            root = if accepts {
                Value::Object(Map::new())
            } else {
                serde_json::json!({"not": {}})
            };
        }
        let schema = &context.set.schemas[doc];
        let mut replacements = Vec::new();
        for place in foreign {
            let name = names[&place].clone();
            defs.insert(name.clone(), Value::Object(Map::new()));
            let module = &context.set.schemas[place.doc].module;
            replacements.push((name.clone(), format!("super::{module}::{name}")));
        }
        if let Value::Object(object) = &mut root {
            object.insert("title".into(), Value::String(schema.type_name.clone()));
            if !defs.is_empty() {
                object.insert("$defs".into(), Value::Object(defs));
            }
        }
        inputs.push(TypifyInput {
            value: root,
            replacements,
            origins,
        });
    }
    if problems.is_empty() {
        Ok(inputs)
    } else {
        Err(problems)
    }
}

/// Every place some `$ref` of a schema file points at.
fn reference_targets(context: &Context<'_>, problems: &mut Vec<Diagnostic>) -> BTreeSet<Place> {
    let schemas = context.set.schemas.len();
    let mut targets = BTreeSet::new();
    for place in context.resolver.places().filter(|p| p.doc < schemas) {
        let Some(reference) = value_at(context, place)
            .and_then(|v| v.get("$ref"))
            .and_then(Value::as_str)
        else {
            continue;
        };
        match context
            .resolver
            .resolve(&context.documents, place, reference)
        {
            Ok(target) if target.doc < schemas => {
                targets.insert(target);
            }
            Ok(_) => problems.push(
                Diagnostic::new(
                    context.documents[place.doc].display,
                    format!("{}/$ref", place.pointer),
                    "types cannot refer to a schema outside the generated set",
                )
                .with_keyword("$ref"),
            ),
            // The validation emitter reports unresolvable references.
            Err(_) => {}
        }
    }
    targets
}

/// A type name for every place that becomes a type of its own: each root, each top-level
/// `$defs`/`definitions` entry, each reference target. Unique across the set, as all are
/// re-exported side by side.
fn name_places(context: &Context<'_>, targets: &BTreeSet<Place>) -> BTreeMap<Place, String> {
    let mut names: BTreeMap<Place, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = context
        .set
        .schemas
        .iter()
        .map(|s| s.type_name.clone())
        .collect();
    for (doc, schema) in context.set.schemas.iter().enumerate() {
        names.insert(Place::root(doc), schema.type_name.clone());
    }
    let mut wanted: Vec<(Place, String)> = Vec::new();
    for (doc, schema) in context.set.schemas.iter().enumerate() {
        for keyword in ["$defs", "definitions"] {
            if let Some(defs) = schema.file.value.get(keyword).and_then(Value::as_object) {
                for key in defs.keys() {
                    wanted.push((
                        Place::root(doc).child([keyword, key.as_str()]),
                        names::type_name(key),
                    ));
                }
            }
        }
    }
    for target in targets {
        let owner = &context.set.schemas[target.doc].type_name;
        let tokens = schema_runtime::pointer::tokens(&target.pointer).unwrap_or_default();
        wanted.push((
            target.clone(),
            names::type_name(&format!("{owner} {}", tokens.join(" "))),
        ));
    }
    for (place, name) in wanted {
        if names.contains_key(&place) {
            continue;
        }
        // A name already taken is prefixed with its owner's type name first.
        let owner = &context.set.schemas[place.doc].type_name;
        let candidate = if taken.contains(&name) {
            names::unique(&format!("{owner}{name}"), "", &mut taken)
        } else {
            names::unique(&name, "", &mut taken)
        };
        names.insert(place, candidate);
    }
    names
}

fn value_at<'a>(context: &'a Context<'_>, place: &Place) -> Option<&'a Value> {
    context.documents[place.doc].value.pointer(&place.pointer)
}

/// The schema at `place`, with named places below it replaced by references, every `$ref`
/// pointing at a named place, and `$defs` removed (their entries are named places).
fn rewrite(
    context: &Context<'_>,
    names: &BTreeMap<Place, String>,
    place: &Place,
    foreign: &mut BTreeSet<Place>,
) -> Value {
    let mut value = value_at(context, place)
        .cloned()
        .unwrap_or(Value::Bool(true));
    rewrite_in(context, names, place, &mut value, true, foreign);
    value
}

fn reference_to(names: &BTreeMap<Place, String>, target: &Place) -> String {
    if target.pointer.is_empty() {
        // typify's name for the document's own root.
        "#".to_string()
    } else {
        format!("#/$defs/{}", names[target])
    }
}

fn rewrite_in(
    context: &Context<'_>,
    names: &BTreeMap<Place, String>,
    place: &Place,
    value: &mut Value,
    top: bool,
    foreign: &mut BTreeSet<Place>,
) {
    if !top && names.contains_key(place) {
        *value = serde_json::json!({ "$ref": reference_to(names, place) });
        return;
    }
    if let Value::Object(object) = value {
        for keyword in keywords::VALIDATION_ONLY {
            object.remove(*keyword);
        }
        type_tuples(object);
    }
    let draft = context.resolver.draft(place);
    let children: Vec<Vec<String>> = keywords::subschemas(value, draft)
        .into_iter()
        .map(|(tokens, _)| tokens)
        .filter(|tokens| tokens[0] != "$defs" && tokens[0] != "definitions")
        .collect();
    let Value::Object(object) = value else {
        return;
    };
    object.remove("$defs");
    object.remove("definitions");
    if let Some(reference) = object.get("$ref").and_then(Value::as_str) {
        match context
            .resolver
            .resolve(&context.documents, place, reference)
        {
            Ok(target) if names.contains_key(&target) => {
                let rewritten = if target.doc == place.doc {
                    reference_to(names, &target)
                } else {
                    foreign.insert(target.clone());
                    format!("#/$defs/{}", names[&target])
                };
                object.insert("$ref".into(), Value::String(rewritten));
            }
            _ => {
                // Reported elsewhere (unresolvable, or outside the set); drop the reference
                // so that typify is not the one to fail on it.
                object.remove("$ref");
            }
        }
    }
    for tokens in children {
        let child_place = place.child(tokens.iter().map(String::as_str));
        if let Some(child) = super::locate::get_mut(value, &tokens) {
            rewrite_in(context, names, &child_place, child, false, foreign);
        }
    }
}

/// Tuples (`prefixItems`, or draft-07's array `items`): a closed tuple of fixed length is
/// handed to typify as one (a Rust tuple); any other is a `Vec` of JSON values, its positions
/// left to the validators. typify reads `prefixItems` not at all, and fails on open tuples.
fn type_tuples(object: &mut Map<String, Value>) {
    let positions = match (object.remove("prefixItems"), object.get("items")) {
        (Some(Value::Array(positions)), _) => Some((positions, object.get("items").cloned())),
        (None, Some(Value::Array(positions))) => {
            let positions = positions.clone();
            Some((positions, object.get("additionalItems").cloned()))
        }
        _ => None,
    };
    object.remove("additionalItems");
    let Some((positions, rest)) = positions else {
        return;
    };
    let closed = rest == Some(Value::Bool(false));
    let length = Value::from(positions.len());
    let fixed = object.get("minItems") == Some(&length) && object.get("maxItems") == Some(&length);
    if closed && fixed {
        object.insert("items".into(), Value::Array(positions));
    } else {
        object.insert("items".into(), Value::Object(Map::new()));
    }
}

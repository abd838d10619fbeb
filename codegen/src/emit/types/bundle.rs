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
//! Resources (documents that are only referenced) are typed as far as schemas reach them:
//! each place reached belongs to the first schema that reaches it. A reference to a built-in
//! meta-schema is typed as a JSON value. What typify cannot read is left out
//! (`normalize.rs`): the validators enforce it.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value};

use super::discriminators::{Discriminator, Ignored, Union};
use crate::emit::context::Context;
use crate::names;
use crate::resolve::Place;
use crate::vocabulary;

/// The typify input of one schema file.
pub struct TypifyInput {
    /// A root schema: the file's root, titled with its type name, and `$defs`.
    pub value: Value,
    /// Types defined by other files, and types `codegen.toml` replaces: (type name, Rust
    /// path).
    pub replacements: Vec<(String, String)>,
    /// The crates whose types the input's `x-rust-type` marks name (`replacements.rs`).
    pub crates: BTreeSet<String>,
    /// Where each definition came from, to locate failures in the user's file.
    pub origins: BTreeMap<String, Place>,
    /// The discriminated unions of the input (`discriminators.rs`), and those left to typify.
    pub unions: Vec<Result<Union, Ignored>>,
}

impl TypifyInput {
    /// Back from the bundled document to the user's: `$defs/<Name>/...` came from
    /// elsewhere. The place of `tokens` (a path in `value`) in the schema `doc` or where its
    /// definition came from, with the tokens below that definition.
    pub fn place_of(&self, doc: usize, tokens: &[String]) -> (Place, Vec<String>) {
        let (place, rest) = match tokens {
            [defs, name, rest @ ..] if defs == "$defs" && self.origins.contains_key(name) => {
                (self.origins[name].clone(), rest.to_vec())
            }
            _ => (Place::root(doc), tokens.to_vec()),
        };
        (place.child(rest.iter().map(String::as_str)), rest)
    }
}

/// Builds the typify input of every schema of the set, in order.
pub fn bundle(context: &Context<'_>) -> Vec<TypifyInput> {
    let schemas = context.set.schemas.len();
    let (targets, owners) = reach(context);
    let owner = |place: &Place| -> usize {
        if place.doc < schemas {
            place.doc
        } else {
            owners.get(place).copied().unwrap_or(0)
        }
    };
    let names = name_places(context, &targets, &owner);
    let titles = inline_titles(context, &names);
    let plan = Plan {
        names: &names,
        owner: &owner,
        titles: &titles,
    };
    let mut inputs = Vec::new();
    for doc in 0..schemas {
        let mut found = Found::default();
        let mut defs = Map::new();
        let mut origins = BTreeMap::new();
        for (place, name) in names
            .iter()
            .filter(|(p, _)| owner(p) == doc && **p != Place::root(doc))
        {
            let rewritten = rewrite(context, &plan, doc, place, &mut found);
            defs.insert(name.clone(), rewritten);
            origins.insert(name.clone(), place.clone());
        }
        let schema = &context.set.schemas[doc];
        // A model set's document root is no schema: an untitled root, which typify leaves
        // untyped, holds its components (and what they reach) as definitions.
        let mut root = if schema.is_model_set() {
            Value::Object(Map::new())
        } else {
            rewrite(context, &plan, doc, &Place::root(doc), &mut found)
        };
        if let Value::Bool(accepts) = root {
            // typify needs an object to hang the title on; `true` is `{}`.
            root = if accepts {
                Value::Object(Map::new())
            } else {
                serde_json::json!({"not": {}})
            };
        }
        let mut replacements = Vec::new();
        for place in found.foreign {
            let name = names[&place].clone();
            defs.insert(name.clone(), Value::Object(Map::new()));
            let module = &context.set.schemas[owner(&place)].module;
            replacements.push((name.clone(), format!("super::{module}::{name}")));
        }
        if let Value::Object(object) = &mut root {
            if !schema.is_model_set() {
                object.insert("title".into(), Value::String(schema.type_name.clone()));
            }
            if !defs.is_empty() {
                object.insert("$defs".into(), Value::Object(defs));
            }
        }
        inputs.push(TypifyInput {
            value: root,
            replacements,
            crates: BTreeSet::new(),
            origins,
            unions: found.unions,
        });
    }
    inputs
}

/// How places become definitions: their names, and the schema whose module defines them.
struct Plan<'a> {
    names: &'a BTreeMap<Place, String>,
    owner: &'a dyn Fn(&Place) -> usize,
    /// Titles given to inline member schemas so that typify names them apart from a type
    /// already named (see [`inline_titles`]).
    titles: &'a BTreeMap<Place, String>,
}

/// Every place some `$ref` of a schema file points at, following references into resources
/// (but not into the built-in meta-schemas: a schema is typed as a JSON value). A resource
/// place belongs to the first schema that reaches it, and is defined in its module.
fn reach(context: &Context<'_>) -> (BTreeSet<Place>, BTreeMap<Place, usize>) {
    let schemas = context.set.schemas.len();
    let mut targets = BTreeSet::new();
    let mut owners: BTreeMap<Place, usize> = BTreeMap::new();
    // The places of model sets' documents explored so far: only what their components
    // reach is typed, never `paths` or an unselected component nothing references.
    let mut explored: BTreeSet<Place> = BTreeSet::new();
    for doc in 0..schemas {
        let schema = &context.set.schemas[doc];
        let entries = &schema.entries;
        let mut queue: Vec<Place> = Vec::new();
        if !schema.is_model_set() {
            queue.extend(context.resolver.places().filter(|p| p.doc == doc).cloned());
        } else {
            for entry in entries {
                for below in places_below(context, &entry.place(doc)) {
                    if explored.insert(below.clone()) {
                        queue.push(below.clone());
                    }
                }
            }
            // The input types are the model set's, in the document they are typed from.
            for (input, _) in input_places(context, doc) {
                for below in places_below(context, &input) {
                    if !owners.contains_key(below) {
                        owners.insert(below.clone(), doc);
                        queue.push(below.clone());
                    }
                }
            }
        }
        while let Some(place) = queue.pop() {
            let Some(target) = reference_of(context, &place) else {
                continue;
            };
            targets.insert(target.clone());
            if target.doc < schemas {
                // A schema file's places are all queued with it; a model set's, once each,
                // by whichever reaches them first (they stay its module's).
                if context.set.schemas[target.doc].is_model_set() {
                    for below in places_below(context, &target) {
                        if explored.insert(below.clone()) {
                            queue.push(below.clone());
                        }
                    }
                }
                continue;
            }
            if owners.contains_key(&target) {
                continue;
            }
            for below in places_below(context, &target) {
                if !owners.contains_key(below) {
                    owners.insert(below.clone(), doc);
                    queue.push(below.clone());
                }
            }
        }
    }
    (targets, owners)
}

/// The input types of the model set `doc` (`directions/inputs.rs`): each one's component in
/// the document input types are typed from, and its type name.
fn input_places<'c>(context: &'c Context<'_>, doc: usize) -> Vec<(Place, &'c str)> {
    let Some(inputs) = &context.set.schemas[doc].inputs else {
        return Vec::new();
    };
    let Some(at) = context
        .documents
        .iter()
        .position(|d| d.display == inputs.file.display)
    else {
        return Vec::new();
    };
    inputs
        .entries
        .iter()
        .map(|entry| (entry.place(at), entry.type_name.as_str()))
        .collect()
}

/// The places at or below `target`, in its document.
fn places_below<'c>(context: &'c Context<'_>, target: &Place) -> Vec<&'c Place> {
    let prefix = format!("{}/", target.pointer);
    context
        .resolver
        .places()
        .filter(|p| {
            p.doc == target.doc && (p.pointer == target.pointer || p.pointer.starts_with(&prefix))
        })
        .collect()
}

/// What rewriting a schema finds on the way.
#[derive(Default)]
struct Found {
    /// The places of other modules it refers to.
    foreign: BTreeSet<Place>,
    unions: Vec<Result<Union, Ignored>>,
}

/// The union a discriminator at `place` makes, its references followed.
fn union(
    context: &Context<'_>,
    plan: &Plan<'_>,
    place: &Place,
    discriminator: Discriminator,
) -> Result<Union, Ignored> {
    let alternatives = (0..discriminator.alternatives)
        .map(|i| {
            let alternative = place.child([discriminator.keyword, i.to_string().as_str()]);
            let target = reference_of(context, &alternative)?;
            let name = plan.names.get(&target)?.clone();
            Some((target, name))
        })
        .collect();
    let mapped: Vec<Option<Place>> = discriminator
        .mapping
        .iter()
        .map(|(_, reference)| {
            context
                .resolver
                .resolve(&context.documents, place, reference)
                .ok()
        })
        .collect();
    discriminator.union(place, alternatives, &mapped)
}

/// Where the `$ref` at `place` points, when it points at something typed: not at a
/// meta-schema, and not nowhere (the validation emitter reports that).
fn reference_of(context: &Context<'_>, place: &Place) -> Option<Place> {
    let reference = value_at(context, place)?.get("$ref")?.as_str()?;
    let target = context
        .resolver
        .resolve(&context.documents, place, reference)
        .ok()?;
    let schemas = context.set.schemas.len();
    let meta =
        target.doc >= schemas && context.set.resources[target.doc - schemas].is_meta_schema();
    (!meta).then_some(target)
}

/// A type name for every place that becomes a type of its own: each root, each top-level
/// `$defs`/`definitions` entry of a schema, each reference target. Unique across the set,
/// as all are re-exported side by side.
fn name_places(
    context: &Context<'_>,
    targets: &BTreeSet<Place>,
    owner: &dyn Fn(&Place) -> usize,
) -> BTreeMap<Place, String> {
    let schemas = context.set.schemas.len();
    let mut names: BTreeMap<Place, String> = BTreeMap::new();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    for (doc, schema) in context.set.schemas.iter().enumerate() {
        // A model set's `type_name` is only a prefix; its entries are its named types.
        if schema.is_model_set() {
            for entry in &schema.entries {
                taken.insert(entry.type_name.clone());
                names.insert(entry.place(doc), entry.type_name.clone());
            }
            for (place, name) in input_places(context, doc) {
                taken.insert(name.to_string());
                names.insert(place, name.to_string());
            }
        } else {
            taken.insert(schema.type_name.clone());
            names.insert(Place::root(doc), schema.type_name.clone());
        }
    }
    let mut wanted: Vec<(Place, String)> = Vec::new();
    for (doc, schema) in context.set.schemas.iter().enumerate() {
        if schema.is_model_set() {
            continue;
        }
        for (keyword, defs) in schema.root().containers {
            for key in defs.keys() {
                wanted.push((
                    Place::root(doc).child([keyword, key.as_str()]),
                    names::type_name(key),
                ));
            }
        }
    }
    for target in targets {
        // A resource is named after its file, a place in a schema after its schema's type.
        let base = if target.doc < schemas {
            context.set.schemas[target.doc].type_name.clone()
        } else {
            context.set.resources[target.doc - schemas].stem.clone()
        };
        let tokens = schema_runtime::pointer::tokens(&target.pointer).unwrap_or_default();
        let name = match component_name(context, target, &tokens) {
            Some(component) => names::type_name(component),
            None => names::type_name(&format!("{base} {}", tokens.join(" "))),
        };
        wanted.push((target.clone(), name));
    }
    let derived = derived_names(context, &wanted);
    for (place, name) in wanted {
        if names.contains_key(&place) {
            continue;
        }
        let owner = owner(&place);
        // typify names a property's inline type `<Parent><Property>` and takes two types of
        // one name for one type: a definition may have no such name in its module.
        let free =
            |candidate: &str| !taken.contains(candidate) && !derived[owner].contains(candidate);
        // A name already taken is prefixed with its owner's type name first.
        let base = if free(&name) {
            name
        } else {
            format!("{}{name}", context.set.schemas[owner].type_name)
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while !free(&candidate) {
            candidate = format!("{base}{n}");
            n += 1;
        }
        taken.insert(candidate.clone());
        names.insert(place, candidate);
    }
    names
}

/// For each schema, the names typify derives for the inline types of the properties of its
/// root and of its definitions (`GithubIssueForms` with a property `type`:
/// `GithubIssueFormsType`), as far as names are known before typify runs.
fn derived_names(context: &Context<'_>, wanted: &[(Place, String)]) -> Vec<BTreeSet<String>> {
    let mut derived = vec![BTreeSet::new(); context.set.schemas.len()];
    // Each parent with the schema whose module holds it.
    let parents = context
        .set
        .schemas
        .iter()
        .enumerate()
        .flat_map(|(doc, schema)| {
            let entries = schema
                .entries
                .iter()
                .map(move |entry| (entry.place(doc), entry.type_name.as_str()))
                .chain(input_places(context, doc));
            let root =
                (!schema.is_model_set()).then(|| (Place::root(doc), schema.type_name.as_str()));
            root.into_iter()
                .chain(entries)
                .map(move |(place, name)| (doc, place, name))
        })
        .chain(
            wanted
                .iter()
                .filter(|(place, _)| place.doc < context.set.schemas.len())
                .map(|(place, name)| (place.doc, place.clone(), name.as_str())),
        );
    for (doc, place, parent) in parents {
        let properties = value_at(context, &place)
            .and_then(|schema| schema.get("properties"))
            .and_then(Value::as_object);
        for property in properties.into_iter().flat_map(|p| p.keys()) {
            derived[doc].insert(names::type_name(&format!("{parent} {property}")));
        }
    }
    derived
}

/// In a model set, components keep the names their document gives them, so where typify
/// would name a member's inline schema as a component is named (`Connection`'s member
/// `health` and a component `ConnectionHealth`: both `ConnectionHealth`, which does not
/// compile), the inline schema gives way: it is titled `<Parent><Member>Value`, a name no
/// other type has, which typify takes instead. (A schema file's definitions give way
/// instead, in `name_places`, since their names are not what users know them by.)
fn inline_titles(
    context: &Context<'_>,
    names: &BTreeMap<Place, String>,
) -> BTreeMap<Place, String> {
    let mut taken: BTreeSet<String> = names.values().cloned().collect();
    let mut titles = BTreeMap::new();
    let model_set = |doc: usize| {
        context
            .set
            .schemas
            .get(doc)
            .is_some_and(|schema| schema.is_model_set())
    };
    let inputs: BTreeSet<Place> = (0..context.set.schemas.len())
        .flat_map(|doc| input_places(context, doc))
        .map(|(place, _)| place)
        .collect();
    let named = names
        .iter()
        .filter(|(place, _)| model_set(place.doc) || inputs.contains(place));
    for (place, parent) in named {
        let properties = value_at(context, place)
            .and_then(|schema| schema.get("properties"))
            .and_then(Value::as_object);
        for (member, schema) in properties.into_iter().flatten() {
            let at = place.child(["properties", member.as_str()]);
            let inline = schema.as_object().is_some_and(|object| {
                !object.contains_key("$ref") && !object.contains_key("title")
            });
            let derived = names::type_name(&format!("{parent} {member}"));
            if inline && !names.contains_key(&at) && taken.contains(&derived) {
                let title = names::unique(&format!("{derived}Value"), "", &mut taken);
                titles.insert(at, title);
            }
        }
    }
    titles
}

/// The component name of an OpenAPI document's `#/components/schemas/<name>`: the name its
/// users know the type by.
fn component_name<'t>(
    context: &Context<'_>,
    target: &Place,
    tokens: &'t [String],
) -> Option<&'t str> {
    let schemas = context.set.schemas.len();
    let document = match target.doc.checked_sub(schemas) {
        Some(resource) => context.set.resources.get(resource)?,
        None => &context.set.schemas.get(target.doc)?.file,
    };
    match tokens {
        [components, schemas, name]
            if document.is_openapi() && components == "components" && schemas == "schemas" =>
        {
            Some(name.as_str())
        }
        _ => None,
    }
}

fn value_at<'a>(context: &'a Context<'_>, place: &Place) -> Option<&'a Value> {
    context.documents[place.doc].value.pointer(&place.pointer)
}

/// The schema at `place`, with named places below it replaced by references, every `$ref`
/// pointing at a named place, `$defs` removed (their entries are named places), and what
/// typify cannot read left out (see `normalize.rs`). `doc` is the schema being bundled.
fn rewrite(
    context: &Context<'_>,
    plan: &Plan<'_>,
    doc: usize,
    place: &Place,
    found: &mut Found,
) -> Value {
    let mut value = value_at(context, place)
        .cloned()
        .unwrap_or(Value::Bool(true));
    rewrite_in(context, plan, doc, place, &mut value, true, found);
    value
}

fn reference_to(names: &BTreeMap<Place, String>, doc: usize, target: &Place) -> String {
    if *target == Place::root(doc) {
        // typify's name for the document's own root.
        "#".to_string()
    } else {
        format!("#/$defs/{}", names[target])
    }
}

fn rewrite_in(
    context: &Context<'_>,
    plan: &Plan<'_>,
    doc: usize,
    place: &Place,
    value: &mut Value,
    top: bool,
    found: &mut Found,
) {
    if !top && plan.names.contains_key(place) {
        *value = serde_json::json!({ "$ref": reference_to(plan.names, doc, place) });
        return;
    }
    let draft = context.resolver.draft(place);
    // Children first, while the tokens are still the document's.
    let children: Vec<Vec<String>> = vocabulary::subschemas(value, draft)
        .into_iter()
        .map(|(tokens, _)| tokens)
        .filter(|tokens| tokens[0] != "$defs" && tokens[0] != "definitions")
        .collect();
    for tokens in children {
        let child_place = place.child(tokens.iter().map(String::as_str));
        if let Some(child) = super::locate::get_mut(value, &tokens) {
            rewrite_in(context, plan, doc, &child_place, child, false, found);
        }
    }
    let Value::Object(object) = value else {
        return;
    };
    object.remove("$defs");
    object.remove("definitions");
    if let Some(discriminator) = value_at(context, place).and_then(Discriminator::of) {
        found
            .unions
            .push(union(context, plan, place, discriminator));
    }
    super::normalize::clean(object, draft);
    if let Some(title) = plan.titles.get(place) {
        object.insert("title".into(), Value::String(title.clone()));
    }
    object.remove("$ref");
    if let Some(target) = reference_of(context, place).filter(|t| plan.names.contains_key(t)) {
        let rewritten = if (plan.owner)(&target) == doc {
            reference_to(plan.names, doc, &target)
        } else {
            found.foreign.insert(target.clone());
            format!("#/$defs/{}", plan.names[&target])
        };
        object.insert("$ref".into(), Value::String(rewritten));
    }
}

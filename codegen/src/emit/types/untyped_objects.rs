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

mod naming;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::locate::{self, TYPIFY_DIALECT};
use crate::subschema::{JsonType, Subschema};
use crate::vocabulary::{self, Combination, Role};
pub use naming::is_either;
use naming::{OBJECT, OTHER};

/// The runtime type of the other variant, for typify's `x-rust-type`.
const NON_OBJECT: &str = "schema_runtime::NonObject";
const RUNTIME_CRATE: &str = "schema-runtime";

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

/// After typify: the enums [`wrap`] asked for get their structs' names, and their structs
/// and what typify named inside them the names they had before; returns the renames (name in
/// `file` → new name).
pub fn name(file: &mut syn::File, wrapped: &Wrapped) -> BTreeMap<String, String> {
    naming::name(file, &wrapped.base)
}

#[cfg(test)]
mod tests;

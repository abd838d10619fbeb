//! `codegen diff`: what a schema change means on the wire, in both directions, and for the
//! Rust API of the generated crate, with a witness payload for every wire break.
//!
//! [`wire`] walks the two versions side by side and classifies each difference; every
//! claimed break is confirmed by a payload that one version accepts and the other refuses
//! ([`witness`], checked by the `jsonschema` crate) or becomes "unknown". [`rust_api`]
//! compares what the type emitter built for each version. [`changes`] is what a comparison
//! finds, and [`report`] prints it.

mod changes;
mod report;
mod rust_api;
mod wire;
mod witness;

use std::collections::BTreeSet;

use serde_json::Value;

use crate::emit::{self, Emitters};
use crate::error::GenError;
use crate::load::SchemaFile;
use crate::schema_set::SchemaSet;

pub use changes::{Report, SchemaChange, Verdict, WireVerdicts, Witnesses};
pub use report::{FailOn, ReportFormat, VersionCheck, render};
pub use rust_api::Bump;

/// Compares two versions of a schema set, each file by its stem (refinements merged, as
/// [`SchemaSet::load`] reads them).
pub fn compare(old_set: &SchemaSet, new_set: &SchemaSet) -> Result<Report, GenError> {
    let old_types = types_of(old_set)?;
    let new_types = types_of(new_set)?;
    let (old, new) = (Version::of(old_set), Version::of(new_set));
    let stems: BTreeSet<&str> = old
        .schemas
        .iter()
        .chain(&new.schemas)
        .map(|f| f.stem.as_str())
        .collect();
    let mut changes = Vec::new();
    for stem in stems {
        let old_file = old.schemas.iter().find(|f| f.stem == stem);
        let new_file = new.schemas.iter().find(|f| f.stem == stem);
        match (old_file, new_file) {
            (Some(o), Some(n)) => {
                let mut found = compare_file(o, n, &old, &new);
                let empty = emit::types::TypeInfo::default();
                open_enums_keep_added_values(&mut found, o, old_types.get(stem).unwrap_or(&empty));
                let api = rust_api::compare(
                    old_types.get(stem).unwrap_or(&empty),
                    new_types.get(stem).unwrap_or(&empty),
                );
                changes.extend(join_api(found, api, stem));
            }
            (Some(_), None) => changes.push(whole_file(
                stem,
                "schema-removed",
                "the schema file was removed, with its module and types",
                Verdict::Unknown,
                Verdict::Compatible,
                Bump::Major,
            )),
            (None, Some(_)) => changes.push(whole_file(
                stem,
                "schema-added",
                "a new schema file, with a module and types of its own",
                Verdict::Compatible,
                Verdict::Compatible,
                Bump::Minor,
            )),
            (None, None) => {}
        }
    }
    changes.sort_by_key(|c| (c.schema.clone(), !c.breaks_wire(), c.pointer.clone()));
    let bump = changes.iter().map(|c| c.rust).max();
    Ok(Report { changes, bump })
}

fn whole_file(
    stem: &str,
    rule: &str,
    reason: &str,
    backward: Verdict,
    forward: Verdict,
    rust: Bump,
) -> SchemaChange {
    SchemaChange {
        schema: stem.to_string(),
        pointer: String::new(),
        rule: rule.to_string(),
        reason: reason.to_string(),
        wire: WireVerdicts { backward, forward },
        rust,
        witness: Witnesses {
            backward: None,
            forward: None,
        },
    }
}

/// The wire changes of one schema file, each claimed break confirmed by a witness, with
/// the object member each is about.
/// One version's schema files (refinements merged), and every document they may reference
/// (its resources, but for the meta-schemas, which the `jsonschema` crate knows itself).
struct Version {
    schemas: Vec<SchemaFile>,
    all: Vec<SchemaFile>,
}

impl Version {
    fn of(set: &SchemaSet) -> Version {
        // A model set's document (`[openapi.<module>]`) is compared as it was before it was
        // listed: as a document the schema files may reference. Comparing its components is
        // still to come (issue 21).
        let (models, files): (Vec<_>, Vec<_>) = set.schemas.iter().partition(|s| s.is_model_set());
        let schemas: Vec<SchemaFile> = files.iter().map(|s| s.file.clone()).collect();
        let documents = models.iter().map(|s| &s.file);
        let resources = set.resources.iter().filter(|r| !r.is_meta_schema());
        let all = schemas
            .iter()
            .chain(documents)
            .chain(resources)
            .cloned()
            .collect();
        Version { schemas, all }
    }
}

fn compare_file(
    old: &SchemaFile,
    new: &SchemaFile,
    old_version: &Version,
    new_version: &Version,
) -> Vec<(SchemaChange, Option<String>)> {
    let (old_all, new_all) = (&old_version.all, &new_version.all);
    let resolve_old = |reference: &str| resolve(old, old_all, reference);
    let resolve_new = |reference: &str| resolve(new, new_all, reference);
    let mut walk = wire::Walk::new(&resolve_old, &resolve_new, new.uri.as_str());
    walk.compare(&old.value, &new.value, &wire::At::default());
    let old_oracle = witness::Oracle::new(old, old_all);
    let new_oracle = witness::Oracle::new(new, new_all);
    let mask = |payload: &mut Value| {
        witness::mask_secrets(payload, &old.value, &|r| resolve_old(r).map(|(_, v)| v));
        witness::mask_secrets(payload, &new.value, &|r| resolve_new(r).map(|(_, v)| v));
    };
    let (from_old, from_new) = (
        |r: &str| resolve_old(r).map(|(_, v)| v),
        |r: &str| resolve_new(r).map(|(_, v)| v),
    );
    let bases = [
        witness::example(&old.value, &from_old),
        witness::full_example(&old.value, &from_old),
        witness::example(&new.value, &from_new),
        witness::full_example(&new.value, &from_new),
    ];
    walk.findings
        .into_iter()
        .map(|finding| {
            let (backward, backward_witness) = confirm(
                &finding.backward,
                &finding.path,
                &bases,
                &mask,
                (&old_oracle, &new_oracle),
            );
            let (forward, forward_witness) = confirm(
                &finding.forward,
                &finding.path,
                &bases,
                &mask,
                (&new_oracle, &old_oracle),
            );
            let mut reason = finding.reason;
            let unconfirmed = |claim: &wire::Claim, verdict| {
                matches!(claim, wire::Claim::Breaking(_)) && verdict == Verdict::Unknown
            };
            if unconfirmed(&finding.backward, backward) || unconfirmed(&finding.forward, forward) {
                reason.push_str(" (no payload confirmed the break, so it is left unknown)");
            }
            let change = SchemaChange {
                schema: new.stem.clone(),
                pointer: finding.pointer,
                rule: finding.rule.to_string(),
                reason,
                wire: WireVerdicts { backward, forward },
                rust: Bump::Patch,
                witness: Witnesses {
                    backward: backward_witness,
                    forward: forward_witness,
                },
            };
            (change, finding.member)
        })
        .collect()
}

/// A claimed break becomes a verdict: breaking with the first candidate, secrets masked,
/// that `from` accepts and `to` refuses, else unknown.
fn confirm(
    claim: &wire::Claim,
    path: &[witness::Step],
    bases: &[Value],
    mask: &dyn Fn(&mut Value),
    (from, to): (&witness::Oracle, &witness::Oracle),
) -> (Verdict, Option<Value>) {
    let candidates = match claim {
        wire::Claim::Compatible => return (Verdict::Compatible, None),
        wire::Claim::Breaking(candidates) | wire::Claim::Unknown(candidates) => candidates,
    };
    for candidate in candidates {
        for base in bases {
            let mut payload = witness::embed(base, path, candidate.clone());
            mask(&mut payload);
            if from.accepts(&payload) == Some(true) && to.accepts(&payload) == Some(false) {
                return (Verdict::Breaking, Some(payload));
            }
        }
    }
    (Verdict::Unknown, None)
}

/// Rust changes join the wire change of the same member (a structural one before an
/// annotation), variant changes the schema's only `enum` change; the rest stand alone,
/// wire compatible (a title that renames a type changes no verdict).
fn join_api(
    wire_changes: Vec<(SchemaChange, Option<String>)>,
    api: Vec<rust_api::ApiChange>,
    stem: &str,
) -> Vec<SchemaChange> {
    let members: Vec<Option<String>> = wire_changes.iter().map(|(_, m)| m.clone()).collect();
    let mut changes: Vec<SchemaChange> = wire_changes.into_iter().map(|(c, _)| c).collect();
    let mut alone = Vec::new();
    for change in api {
        let of_member = |structural: bool| {
            (0..changes.len()).find(|&i| {
                members[i].is_some()
                    && members[i] == change.member
                    && (!structural || changes[i].rule != "annotation-changed")
            })
        };
        let enums: Vec<usize> = (0..changes.len())
            .filter(|&i| changes[i].rule.starts_with("enum"))
            .collect();
        let variant = match (change.rule.starts_with("rust-variant"), enums.as_slice()) {
            (true, [only]) => Some(*only),
            _ => None,
        };
        let joined = of_member(true).or_else(|| of_member(false)).or(variant);
        match joined.map(|i| &mut changes[i]) {
            Some(wire_change) => {
                wire_change.rust = wire_change.rust.max(change.bump);
                wire_change
                    .reason
                    .push_str(&format!("; Rust: {}", change.reason));
            }
            None => alone.push(SchemaChange {
                schema: stem.to_string(),
                pointer: String::new(),
                rule: change.rule.to_string(),
                reason: change.reason,
                wire: WireVerdicts {
                    backward: Verdict::Compatible,
                    forward: Verdict::Compatible,
                },
                rust: change.bump,
                witness: Witnesses {
                    backward: None,
                    forward: None,
                },
            }),
        }
    }
    changes.extend(alone);
    changes
}

/// A value added to an enum breaks old consumers forward only where their type refuses it:
/// an open enum (`open_enums`) keeps it in its catch-all variant. The enum is the old
/// version's type that lists exactly the strings the old schema lists there; with several
/// such types, all must be open.
fn open_enums_keep_added_values(
    changes: &mut [(SchemaChange, Option<String>)],
    old: &SchemaFile,
    old_types: &emit::types::TypeInfo,
) {
    for (change, _) in changes {
        if change.rule != "enum-value-added" || change.wire.forward == Verdict::Compatible {
            continue;
        }
        let Some(Value::Array(values)) = old.value.pointer(&change.pointer) else {
            continue;
        };
        let listed: BTreeSet<&str> = values.iter().filter_map(Value::as_str).collect();
        if values.iter().any(|v| !v.is_string() && !v.is_null()) {
            continue;
        }
        let mut types = old_types.types.iter().filter_map(|(name, def)| match def {
            emit::types::TypeDef::Enum(def) if listed_by(def) == listed => {
                Some((name, def.other.as_deref()))
            }
            _ => None,
        });
        let Some((name, Some(other))) = types.next() else {
            continue;
        };
        if types.any(|(_, other)| other.is_none()) {
            continue;
        }
        change.wire.forward = Verdict::Compatible;
        change.witness.forward = None;
        change.reason = change.reason.replace(
            " (no payload confirmed the break, so it is left unknown)",
            "",
        );
        change.reason.push_str(&format!(
            "; compatible forward for the consumers of the open enum `{name}`: an open enum keeps a value it does not list (as `{name}::{other}`; the old validator still refuses it)"
        ));
    }
}

fn listed_by(def: &emit::types::EnumDef) -> BTreeSet<&str> {
    def.listed.iter().map(String::as_str).collect()
}

/// A reference of `file` followed within `all`: `#/pointer` in the file itself, or
/// `other.json#/pointer`. Keyed by file and pointer, so that cycles can be recognised.
fn resolve(file: &SchemaFile, all: &[SchemaFile], reference: &str) -> Option<(String, Value)> {
    let target = file.uri.join(reference).ok()?;
    let fragment = target.fragment().unwrap_or("").to_string();
    let mut document_uri = target.clone();
    document_uri.set_fragment(None);
    let document = all.iter().find(|f| {
        let mut uri = f.uri.clone();
        uri.set_fragment(None);
        uri == document_uri || f.identifiers().iter().any(|id| id == document_uri.as_str())
    })?;
    let decoded = percent_encoding::percent_decode_str(&fragment).decode_utf8_lossy();
    let value = if decoded.is_empty() {
        document.value.clone()
    } else {
        document.value.pointer(&decoded)?.clone()
    };
    Some((format!("{}#{decoded}", document.uri), value))
}

/// The types the type emitter builds for each schema of a set, by stem.
fn types_of(
    set: &SchemaSet,
) -> Result<std::collections::BTreeMap<String, emit::types::TypeInfo>, GenError> {
    let emitters = Emitters {
        types: true,
        validation: false,
        docs: false,
    };
    let generated = emit::emit_all(set, emitters)?;
    Ok(generated
        .codes
        .into_iter()
        .filter_map(|code| Some((code.schema.file.stem.clone(), code.types?.info)))
        .collect())
}

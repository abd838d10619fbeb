//! Rust API compatibility of the generated crate, as semver: the type emitter's own account
//! of what it built (`TypeInfo`) for the old and the new schema, compared type by type.
//!
//! Generated structs have public fields and no `#[non_exhaustive]`, so users build them
//! with struct literals and match enums exhaustively: a new field or a new variant breaks
//! them as surely as a removed one.

use std::fmt;

use crate::emit::types::{RustType, TypeDef, TypeInfo};

/// The version bump a change needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    Patch,
    Minor,
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// One change of the Rust API.
#[derive(Debug, Clone)]
pub struct ApiChange {
    pub rule: &'static str,
    pub reason: String,
    pub bump: Bump,
    /// The field's wire name, for joining it to the wire change of that member.
    pub member: Option<String>,
}

/// Every change between the types of two versions of one schema.
pub fn compare(old: &TypeInfo, new: &TypeInfo) -> Vec<ApiChange> {
    let mut changes = Vec::new();
    let change = |rule, reason: String, bump, _in: &str, member: Option<&str>| ApiChange {
        rule,
        reason,
        bump,
        member: member.map(str::to_string),
    };
    for (name, old_def) in &old.types {
        let Some(new_def) = new.types.get(name) else {
            changes.push(change(
                "rust-type-removed",
                format!("type `{name}` removed"),
                Bump::Major,
                name,
                None,
            ));
            continue;
        };
        match (old_def, new_def) {
            (TypeDef::Struct(old_struct), TypeDef::Struct(new_struct)) => {
                for field in &old_struct.fields {
                    match new_struct.fields.iter().find(|f| f.wire == field.wire) {
                        None => changes.push(change(
                            "rust-field-removed",
                            format!("field `{name}::{}` removed", field.rust),
                            Bump::Major,
                            name,
                            Some(&field.wire),
                        )),
                        Some(new_field) if new_field.rust != field.rust => changes.push(change(
                            "rust-field-renamed",
                            format!(
                                "field `{name}::{}` renamed to `{}`",
                                field.rust, new_field.rust
                            ),
                            Bump::Major,
                            name,
                            Some(&field.wire),
                        )),
                        Some(new_field) if new_field.ty != field.ty => changes.push(change(
                            "rust-field-type-changed",
                            format!(
                                "field `{name}::{}`: `{}` → `{}`{}",
                                field.rust,
                                field.ty.short(),
                                new_field.ty.short(),
                                option_note(&field.ty, &new_field.ty)
                            ),
                            Bump::Major,
                            name,
                            Some(&field.wire),
                        )),
                        Some(_) => {}
                    }
                }
                match (&old_struct.unknown_members, &new_struct.unknown_members) {
                    (None, Some(map)) => changes.push(change(
                        "rust-field-added",
                        format!(
                            "field `{name}::{map}` added (it keeps the members the schema does not name): struct literals without it no longer compile"
                        ),
                        Bump::Major,
                        name,
                        None,
                    )),
                    (Some(map), None) => changes.push(change(
                        "rust-field-removed",
                        format!(
                            "field `{name}::{map}` removed (it kept the members the schema does not name)"
                        ),
                        Bump::Major,
                        name,
                        None,
                    )),
                    _ => {}
                }
                for field in &new_struct.fields {
                    if !old_struct.fields.iter().any(|f| f.wire == field.wire) {
                        changes.push(change(
                            "rust-field-added",
                            format!(
                                "field `{name}::{}: {}` added: struct literals without it no longer compile",
                                field.rust,
                                field.ty.short()
                            ),
                            Bump::Major,
                            name,
                            Some(&field.wire),
                        ));
                    }
                }
            }
            (TypeDef::Enum(old_enum), TypeDef::Enum(new_enum)) => {
                let (old_variants, new_variants) = (&old_enum.variants, &new_enum.variants);
                for variant in old_variants.iter().filter(|v| !new_variants.contains(v)) {
                    changes.push(change(
                        "rust-variant-removed",
                        format!("variant `{name}::{variant}` removed"),
                        Bump::Major,
                        name,
                        None,
                    ));
                }
                for variant in new_variants.iter().filter(|v| !old_variants.contains(v)) {
                    changes.push(change(
                        "rust-variant-added",
                        format!(
                            "variant `{name}::{variant}` added: exhaustive matches no longer compile"
                        ),
                        Bump::Major,
                        name,
                        None,
                    ));
                }
            }
            (TypeDef::Newtype, TypeDef::Newtype) => {}
            _ => changes.push(change(
                "rust-type-kind-changed",
                format!("type `{name}` is now a {}", kind(new_def)),
                Bump::Major,
                name,
                None,
            )),
        }
    }
    for name in new.types.keys().filter(|n| !old.types.contains_key(*n)) {
        changes.push(change(
            "rust-type-added",
            format!("type `{name}` added"),
            Bump::Minor,
            name,
            None,
        ));
    }
    changes
}

fn kind(def: &TypeDef) -> &'static str {
    match def {
        TypeDef::Struct(_) => "struct",
        TypeDef::Enum(_) => "enum",
        TypeDef::Newtype => "newtype",
    }
}

fn option_note(old: &RustType, new: &RustType) -> &'static str {
    match (old, new) {
        (RustType::Option(_), RustType::Option(_)) => "",
        (RustType::Nullable(_), RustType::Nullable(_)) => "",
        (RustType::Option(_), RustType::Nullable(_)) => " (`Option` became `Nullable`)",
        (RustType::Nullable(_), RustType::Option(_)) => " (`Nullable` became `Option`)",
        (RustType::Nullable(_), _) => " (`Nullable` removed)",
        (_, RustType::Nullable(_)) => " (`Nullable` added)",
        (RustType::Option(_), _) => " (`Option` removed)",
        (_, RustType::Option(_)) => " (`Option` added)",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::types::{EnumDef, Field, StructDef};

    fn field(wire: &str, rust: &str, ty: RustType) -> Field {
        Field {
            wire: wire.into(),
            rust: rust.into(),
            ty,
            required: false,
            default: false,
        }
    }

    fn info(types: Vec<(&str, TypeDef)>) -> TypeInfo {
        TypeInfo {
            types: types.into_iter().map(|(n, d)| (n.to_string(), d)).collect(),
            ..TypeInfo::default()
        }
    }

    fn enum_of(variants: &[&str]) -> TypeDef {
        TypeDef::Enum(EnumDef {
            variants: variants.iter().map(ToString::to_string).collect(),
            ..EnumDef::default()
        })
    }

    fn rules(old: &TypeInfo, new: &TypeInfo) -> Vec<(&'static str, Bump)> {
        compare(old, new).iter().map(|c| (c.rule, c.bump)).collect()
    }

    #[test]
    fn every_rule_both_ways() {
        let strings = |fields: Vec<Field>| {
            TypeDef::Struct(StructDef {
                fields,
                unknown_members: None,
            })
        };
        let a = field("a", "a", RustType::String);
        let cases: Vec<(TypeInfo, TypeInfo, &str, &str)> = vec![
            (
                info(vec![("T", strings(vec![a.clone()]))]),
                info(vec![("T", strings(vec![]))]),
                "rust-field-removed",
                "rust-field-added",
            ),
            (
                info(vec![("T", strings(vec![a.clone()]))]),
                info(vec![(
                    "T",
                    strings(vec![field("a", "a_2", RustType::String)]),
                )]),
                "rust-field-renamed",
                "rust-field-renamed",
            ),
            (
                info(vec![("T", strings(vec![a.clone()]))]),
                info(vec![(
                    "T",
                    strings(vec![field(
                        "a",
                        "a",
                        RustType::Option(Box::new(RustType::String)),
                    )]),
                )]),
                "rust-field-type-changed",
                "rust-field-type-changed",
            ),
            (
                info(vec![("E", enum_of(&["A"]))]),
                info(vec![("E", enum_of(&["A", "B"]))]),
                "rust-variant-added",
                "rust-variant-removed",
            ),
            (
                info(vec![("T", strings(vec![]))]),
                info(vec![("T", enum_of(&[]))]),
                "rust-type-kind-changed",
                "rust-type-kind-changed",
            ),
            (
                info(vec![]),
                info(vec![("T", TypeDef::Newtype)]),
                "rust-type-added",
                "rust-type-removed",
            ),
        ];
        for (old, new, rule, reverse) in cases {
            let found = rules(&old, &new);
            let expected = if rule == "rust-type-added" {
                Bump::Minor
            } else {
                Bump::Major
            };
            assert_eq!(found, vec![(rule, expected)], "{rule}");
            let back = rules(&new, &old);
            let expected = if reverse == "rust-type-added" {
                Bump::Minor
            } else {
                Bump::Major
            };
            assert_eq!(back, vec![(reverse, expected)], "{reverse}");
        }
        assert!(
            rules(
                &info(vec![("T", strings(vec![a.clone()]))]),
                &info(vec![("T", strings(vec![a]))])
            )
            .is_empty()
        );
    }

    #[test]
    fn a_map_of_unknown_members_added_or_removed_is_major() {
        let with = |map: Option<&str>| {
            info(vec![(
                "T",
                TypeDef::Struct(StructDef {
                    fields: vec![field("a", "a", RustType::String)],
                    unknown_members: map.map(str::to_string),
                }),
            )])
        };
        let added = compare(&with(None), &with(Some("extra")));
        assert_eq!(added.len(), 1);
        assert_eq!(added[0].bump, Bump::Major);
        assert!(
            added[0].reason.contains("`T::extra` added"),
            "{}",
            added[0].reason
        );
        let removed = compare(&with(Some("extra")), &with(None));
        assert!(removed[0].reason.contains("`T::extra` removed"));
        assert!(compare(&with(Some("extra")), &with(Some("extra"))).is_empty());
    }

    #[test]
    fn option_changes_are_named() {
        let old = info(vec![(
            "T",
            TypeDef::Struct(StructDef {
                fields: vec![field("a", "a", RustType::String)],
                unknown_members: None,
            }),
        )]);
        let new = info(vec![(
            "T",
            TypeDef::Struct(StructDef {
                fields: vec![field(
                    "a",
                    "a",
                    RustType::Option(Box::new(RustType::String)),
                )],
                unknown_members: None,
            }),
        )]);
        assert!(compare(&old, &new)[0].reason.contains("(`Option` added)"));
        assert!(compare(&new, &old)[0].reason.contains("(`Option` removed)"));
    }
}

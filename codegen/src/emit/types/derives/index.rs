//! The generated types of a run as the derive check reads them: every struct, enum and
//! alias of every schema's code, with its members and the traits it has.

use std::collections::{BTreeMap, BTreeSet};

use crate::emit::types::info::{TypeCode, has_serde_flag, serde_rename};
use crate::schema_set::SchemaSet;

/// A derive that cannot hold, and where.
pub(super) struct Violation {
    /// `Order.total`.
    pub(super) chain: String,
    /// What forbids it: `f64`, or a generated type with why.
    pub(super) leaf: String,
    /// The member is the leaf itself (possibly optional or boxed), not a collection of it.
    pub(super) direct: bool,
    /// The schema location of the member, where it is known.
    pub(super) location: Option<String>,
}

/// What kind of item a generated type is.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum ItemKind {
    Struct,
    /// A tuple struct whose value its own code checks (a pattern, a length): a derived
    /// default would bypass the check.
    CheckedNewtype,
    Enum,
    Alias,
}

/// A member of an item: a field, a variant's payload, an alias's target.
pub(super) struct Member {
    /// `.total`, `::Circle`, `.0`.
    pub(super) label: String,
    pub(super) ty: syn::Type,
    pub(super) location: Option<String>,
}

pub(super) struct Item {
    pub(super) kind: ItemKind,
    pub(super) members: Vec<Member>,
    /// Traits it has already: derived or implemented by hand.
    pub(super) has: BTreeSet<String>,
    /// A struct with named members, which may have a builder.
    pub(super) named: bool,
}

/// Every generated type of the run, by schema and name.
pub(super) struct Index {
    pub(super) items: Vec<BTreeMap<String, Item>>,
    /// Schema module name → schema index.
    pub(super) modules: BTreeMap<String, usize>,
}

/// (schema, type name) → the checked traits it must derive more.
pub(super) type Needs = BTreeMap<(usize, String), BTreeSet<&'static str>>;

impl Index {
    pub(super) fn new(set: &SchemaSet, files: &[Option<TypeCode>]) -> Index {
        let modules = set
            .schemas
            .iter()
            .enumerate()
            .map(|(doc, s)| (s.module.clone(), doc))
            .collect();
        let items = files
            .iter()
            .enumerate()
            .map(|(doc, code)| {
                code.as_ref()
                    .map(|code| {
                        let root = &set.schemas[doc];
                        index_file(&code.file, &root.type_name, &root.file.display)
                    })
                    .unwrap_or_default()
            })
            .collect();
        Index { items, modules }
    }
}

/// Where a walk is: the schema whose code is read, the member chain, its schema location.
pub(super) struct Place<'a> {
    pub(super) doc: usize,
    pub(super) chain: &'a str,
    pub(super) location: &'a Option<String>,
}

/// The structs, enums and aliases of one file, with their members.
pub(super) fn index_file(file: &syn::File, root: &str, display: &str) -> BTreeMap<String, Item> {
    let mut items = BTreeMap::new();
    for item in &file.items {
        let (name, kind, attrs, members) = match item {
            syn::Item::Struct(s) => {
                let checked = matches!(&s.fields, syn::Fields::Unnamed(f)
                    if f.unnamed.len() == 1
                        && f.unnamed.iter().all(|f| matches!(f.vis, syn::Visibility::Inherited)));
                let kind = if checked {
                    ItemKind::CheckedNewtype
                } else {
                    ItemKind::Struct
                };
                let pointer = (s.ident == root).then_some(display);
                (&s.ident, kind, &s.attrs, fields(&s.fields, "", pointer))
            }
            syn::Item::Enum(e) => {
                let members = e
                    .variants
                    .iter()
                    .flat_map(|v| {
                        let label = format!("::{}", v.ident);
                        if v.fields.len() == 1 && matches!(v.fields, syn::Fields::Unnamed(_)) {
                            let ty = v.fields.iter().next().map(|f| f.ty.clone());
                            ty.map(|ty| Member {
                                label,
                                ty,
                                location: None,
                            })
                            .into_iter()
                            .collect::<Vec<_>>()
                        } else {
                            fields(&v.fields, &label, None)
                        }
                    })
                    .collect();
                (&e.ident, ItemKind::Enum, &e.attrs, members)
            }
            syn::Item::Type(t) => {
                let member = Member {
                    label: String::new(),
                    ty: (*t.ty).clone(),
                    location: None,
                };
                (&t.ident, ItemKind::Alias, &t.attrs, vec![member])
            }
            _ => continue,
        };
        let has = attrs
            .iter()
            .filter(|a| a.path().is_ident("derive"))
            .flat_map(derived_paths)
            .map(|p| last_name(&p))
            .collect();
        let named =
            matches!(item, syn::Item::Struct(s) if matches!(s.fields, syn::Fields::Named(_)));
        items.insert(
            name.to_string(),
            Item {
                kind,
                members,
                has,
                named,
            },
        );
    }
    // Traits typify implements by hand (`Default` of a type with defaults).
    for item in &file.items {
        if let syn::Item::Impl(block) = item
            && let Some((trait_path, _)) = &block.trait_
            && let syn::Type::Path(self_ty) = block.self_ty.as_ref()
            && let Some(ty) = self_ty.path.segments.last()
            && let Some(entry) = items.get_mut(&ty.ident.to_string())
        {
            entry.has.insert(last_name(trait_path));
        }
    }
    items
}

/// The members of a struct or variant; `pointer`: the schema file, where the fields are its
/// root's properties.
fn fields(fields: &syn::Fields, prefix: &str, root: Option<&str>) -> Vec<Member> {
    fields
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let (label, location) = match &field.ident {
                Some(ident) => {
                    let rust = ident.to_string();
                    let rust = rust.strip_prefix("r#").unwrap_or(&rust).to_string();
                    let wire = serde_rename(&field.attrs).unwrap_or(rust.clone());
                    let location = root
                        .filter(|_| !has_serde_flag(&field.attrs, "flatten"))
                        .map(|file| {
                            let escaped = wire.replace('~', "~0").replace('/', "~1");
                            format!("{file}#/properties/{escaped}")
                        });
                    (format!("{prefix}.{rust}"), location)
                }
                None => (format!("{prefix}.{i}"), None),
            };
            Member {
                label,
                ty: field.ty.clone(),
                location,
            }
        })
        .collect()
}

pub(crate) fn derived_paths(attr: &syn::Attribute) -> Vec<syn::Path> {
    use syn::punctuated::Punctuated;
    attr.parse_args_with(Punctuated::<syn::Path, syn::Token![,]>::parse_terminated)
        .map(|list| list.into_iter().collect())
        .unwrap_or_default()
}

/// The last segment of a derive path (`::serde::Serialize` → `Serialize`).
pub(crate) fn last_name(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

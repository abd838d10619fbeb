//! The check of a run's derives: each std trait a type asks for, given to the generated
//! types it holds, down to the library types that have it or not.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::Config;
use crate::error::GenError;
use crate::schema_set::SchemaSet;

use super::index::{Index, ItemKind, Needs, Place, Violation, last_name};
use super::{CHECKED, checked_trait};

impl Index {
    /// The derives to add to each item (by schema, then name), checked.
    pub(super) fn derives(
        &self,
        set: &SchemaSet,
        config: &Config,
    ) -> Result<BTreeMap<usize, BTreeMap<String, Vec<syn::Path>>>, GenError> {
        let mut needs = Needs::new();
        let mut passed: BTreeMap<(usize, String), Vec<syn::Path>> = BTreeMap::new();
        for (doc, items) in self.items.iter().enumerate() {
            let stem = set.schemas[doc].file.stem.as_str();
            for (name, item) in items.iter().filter(|(_, i)| i.kind != ItemKind::Alias) {
                let Some((derives, level)) = config.resolve(stem, name, |l| l.derives.clone())
                else {
                    continue;
                };
                // Each checked trait, with the one the user asked for that needs it.
                let mut wanted: BTreeMap<&str, &str> = BTreeMap::new();
                for derive in &derives {
                    match checked_trait(derive) {
                        Some("Ord") => {
                            for t in ["Ord", "PartialOrd", "Eq"] {
                                wanted.entry(t).or_insert("Ord");
                            }
                        }
                        Some(t) => {
                            wanted.insert(t, t);
                        }
                        None => {
                            let path: syn::Path = syn::parse_str(derive).map_err(|_| {
                                config.error_at(&format!("{level}.derives"), "not a trait path")
                            })?;
                            let name_of = last_name(&path);
                            let list = passed.entry((doc, name.clone())).or_default();
                            if !item.has.contains(&name_of)
                                && !list.iter().any(|p| last_name(p) == name_of)
                            {
                                list.push(path);
                            }
                        }
                    }
                }
                for t in CHECKED.iter().filter(|t| wanted.contains_key(*t)) {
                    if item.has.contains(*t) {
                        continue;
                    }
                    needs.entry((doc, name.clone())).or_default().insert(t);
                    let mut seen = BTreeSet::new();
                    self.require(doc, name, t, name, &mut needs, &mut seen)
                        .map_err(|v| {
                            let verb = if v.direct { "is" } else { "holds" };
                            let location =
                                v.location.map(|l| format!(" ({l})")).unwrap_or_default();
                            let asked = match wanted[t] {
                                asked if asked == *t => format!("`{t}`"),
                                asked => format!("`{asked}` (which needs `{t}`)"),
                            };
                            config.error_at(
                                &format!("{level}.derives"),
                                format!(
                                    "{asked} cannot hold: `{}` {verb} {}{location}",
                                    v.chain, v.leaf
                                ),
                            )
                        })?;
                }
            }
        }
        let mut added: BTreeMap<usize, BTreeMap<String, Vec<syn::Path>>> = BTreeMap::new();
        for ((doc, name), traits) in needs {
            let paths = CHECKED
                .iter()
                .filter(|t| traits.contains(*t))
                .map(|t| syn::Path::from(quote::format_ident!("{t}")));
            added
                .entry(doc)
                .or_default()
                .entry(name)
                .or_default()
                .extend(paths);
        }
        for ((doc, name), paths) in passed {
            added
                .entry(doc)
                .or_default()
                .entry(name)
                .or_default()
                .extend(paths);
        }
        Ok(added)
    }

    /// Gives `t` to every generated type `name` holds, or says what forbids it.
    pub(super) fn require(
        &self,
        doc: usize,
        name: &str,
        t: &'static str,
        chain: &str,
        needs: &mut Needs,
        seen: &mut BTreeSet<(usize, String)>,
    ) -> Result<(), Violation> {
        if !seen.insert((doc, name.to_string())) {
            return Ok(());
        }
        let Some(item) = self.items[doc].get(name) else {
            return Ok(());
        };
        for member in &item.members {
            let chain = format!("{chain}{}", member.label);
            let at = Place {
                doc,
                chain: &chain,
                location: &member.location,
            };
            self.walk(&member.ty, t, &at, true, needs, seen)?;
        }
        Ok(())
    }

    /// Walks one member type down to its leaves.
    fn walk(
        &self,
        ty: &syn::Type,
        t: &'static str,
        at: &Place<'_>,
        direct: bool,
        needs: &mut Needs,
        seen: &mut BTreeSet<(usize, String)>,
    ) -> Result<(), Violation> {
        let fail = |leaf: String, direct: bool| Violation {
            chain: at.chain.to_string(),
            leaf,
            direct,
            location: at.location.clone(),
        };
        let path = match ty {
            syn::Type::Path(p) if p.qself.is_none() => &p.path,
            syn::Type::Tuple(tuple) => {
                for elem in &tuple.elems {
                    self.walk(elem, t, at, false, needs, seen)?;
                }
                return Ok(());
            }
            syn::Type::Array(array) => return self.walk(&array.elem, t, at, false, needs, seen),
            syn::Type::Paren(inner) => return self.walk(&inner.elem, t, at, direct, needs, seen),
            _ => return Ok(()),
        };
        if let Some((doc, name)) = self.generated(at.doc, path) {
            return self.generated_member(doc, &name, t, at, direct, needs, seen);
        }
        let Some(last) = path.segments.last() else {
            return Ok(());
        };
        let leaf = last.ident.to_string();
        let args: Vec<&syn::Type> = match &last.arguments {
            syn::PathArguments::AngleBracketed(a) => a
                .args
                .iter()
                .filter_map(|arg| match arg {
                    syn::GenericArgument::Type(ty) => Some(ty),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        let prefix = path
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect::<Vec<_>>();
        let from = |krate: &str| prefix.iter().any(|s| s == krate);
        match leaf.as_str() {
            // `Nullable` has a trait where its value's type does, as `Option` has.
            "Option" | "Box" | "Nullable" => {
                if leaf == "Box" && t == "Copy" {
                    return Err(fail("`Box`".into(), direct));
                }
                for arg in args {
                    self.walk(arg, t, at, direct, needs, seen)?;
                }
                Ok(())
            }
            "Vec" | "BTreeMap" | "BTreeSet" | "HashMap" | "HashSet" => {
                let hashed = leaf.starts_with("Hash");
                if t == "Copy" || (hashed && matches!(t, "Hash" | "PartialOrd" | "Ord")) {
                    return Err(fail(format!("`{leaf}`"), direct));
                }
                for arg in args {
                    self.walk(arg, t, at, false, needs, seen)?;
                }
                Ok(())
            }
            "f32" | "f64" if matches!(t, "Eq" | "Hash" | "Ord") => {
                Err(fail(format!("`{leaf}`"), direct))
            }
            "String" if t == "Copy" => Err(fail("`String`".into(), direct)),
            "Value" | "Map" if from("serde_json") || from("schema_runtime") => match t {
                "Eq" | "Hash" | "Default" => Ok(()),
                _ => Err(fail(format!("`serde_json::{leaf}`"), direct)),
            },
            "DateTime" if from("schema_runtime") && !from("chrono") => match t {
                "Copy" | "Default" => Err(fail("`schema_runtime::DateTime`".into(), direct)),
                _ => Ok(()),
            },
            // A `serde_json::Value` inside, and what it has.
            "NonObject" if from("schema_runtime") => match t {
                "Eq" | "Hash" | "Default" => Ok(()),
                _ => Err(fail("`NonObject`".into(), direct)),
            },
            "SecretString" => match t {
                "Eq" | "Default" => Ok(()),
                _ => Err(fail("`SecretString`".into(), direct)),
            },
            "NonZeroU8" | "NonZeroU16" | "NonZeroU32" | "NonZeroU64" | "NonZeroI8"
            | "NonZeroI16" | "NonZeroI32" | "NonZeroI64" | "Ipv4Addr" | "Ipv6Addr" | "IpAddr"
                if t == "Default" =>
            {
                Err(fail(format!("`{leaf}`"), direct))
            }
            // Another library's type (a runtime wrapper, a replacement): unchecked, but a
            // generic one usually has a trait only where its arguments do.
            _ => {
                for arg in args {
                    self.walk(arg, t, at, false, needs, seen)?;
                }
                Ok(())
            }
        }
    }

    /// A generated type met as a member: it gets `t` too, unless it cannot have it.
    #[allow(clippy::too_many_arguments)]
    fn generated_member(
        &self,
        doc: usize,
        name: &str,
        t: &'static str,
        at: &Place<'_>,
        direct: bool,
        needs: &mut Needs,
        seen: &mut BTreeSet<(usize, String)>,
    ) -> Result<(), Violation> {
        let Some(item) = self.items[doc].get(name) else {
            return Ok(());
        };
        if item.kind == ItemKind::Alias {
            if !seen.insert((doc, name.to_string())) {
                return Ok(());
            }
            for member in &item.members {
                let inner = Place { doc, ..*at };
                self.walk(&member.ty, t, &inner, direct, needs, seen)?;
            }
            return Ok(());
        }
        if item.has.contains(t) {
            return Ok(());
        }
        if t == "Default" {
            let why = match item.kind {
                ItemKind::Enum => Some("an enum with no default value"),
                ItemKind::CheckedNewtype => Some("whose values are checked, so it has no default"),
                _ => None,
            };
            if let Some(why) = why {
                return Err(Violation {
                    chain: at.chain.to_string(),
                    leaf: format!("`{name}`, {why}"),
                    direct,
                    location: at.location.clone(),
                });
            }
        }
        needs.entry((doc, name.to_string())).or_default().insert(t);
        self.require(doc, name, t, at.chain, needs, seen)
    }

    /// The generated type a path names, seen from schema `doc`: `Name` or
    /// `super::<module>::Name`.
    fn generated(&self, doc: usize, path: &syn::Path) -> Option<(usize, String)> {
        if path.leading_colon.is_some() {
            return None;
        }
        let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
        let (doc, name) = match segments.as_slice() {
            [name] => (doc, name.clone()),
            [first, module, name] if first == "super" => (*self.modules.get(module)?, name.clone()),
            _ => return None,
        };
        self.items[doc].contains_key(&name).then_some((doc, name))
    }

    /// A `builder = true` under `[type.<TypeName>]` for a type that cannot have one.
    pub(super) fn check_builders(&self, set: &SchemaSet, config: &Config) -> Result<(), GenError> {
        for (doc, items) in self.items.iter().enumerate() {
            let stem = set.schemas[doc].file.stem.as_str();
            for (name, item) in items {
                let Some((true, level)) = config.resolve(stem, name, |l| l.builder) else {
                    continue;
                };
                if level.starts_with("type.") && !item.named {
                    return Err(config.error_at(
                        &format!("{level}.builder"),
                        format!(
                            "`{name}` has no named members to build: only such a struct has a builder"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }
}

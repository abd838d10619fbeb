//! Open enums (`codegen.toml`'s `open_enums`). A server that adds an enum value would
//! otherwise make every payload that carries it fail to decode, though the rest of the
//! payload is fine. Each string enum typify wrote gets a last variant that keeps a value the
//! schema does not list, as it came:
//!
//! ```text
//! /// A value the schema does not list, as it came (`open_enums`).
//! #[serde(untagged)]
//! Other(::std::string::String),
//! ```
//!
//! serde tries an untagged variant only when no listed value matched (serde ≥ 1.0.181), and
//! writes its string back as it is. Validation is not involved: it still refuses the value.
//!
//! typify's `Display` and `FromStr` of the enum are completed so that the kept value is
//! written back and any string parses; `Copy` goes, since a `String` is not `Copy` (typify
//! derives it only on enums of unit variants, so nothing else that holds the enum has it).

use std::collections::{BTreeMap, BTreeSet};

use quote::format_ident;
use syn::visit::{self, Visit};

use super::derives::drop_derive;
use super::info::has_serde_flag;
use super::untyped_objects;

/// The variant's name, unless the enum has a variant of that name already.
const VARIANT: &str = "Other";

/// Opens every string enum of `file` that `opens` (by its name: `codegen.toml`'s
/// `open_enums`), and returns the names of those it opened.
pub fn open(file: &mut syn::File, opens: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let guarded = guarded_by_later_alternatives(file);
    let parsed = impls_of(file, "FromStr");
    let mut opened = BTreeSet::new();
    let mut others = BTreeMap::new();
    for item in &mut file.items {
        let syn::Item::Enum(item) = item else {
            continue;
        };
        let name = item.ident.to_string();
        if !is_string_enum(item)
            || !parsed.contains(&name)
            || guarded.contains(&name)
            || !opens(&name)
        {
            continue;
        }
        let taken = |candidate: &str| item.variants.iter().any(|v| v.ident == candidate);
        let variant = std::iter::once(VARIANT.to_string())
            .chain((1..).map(|n| format!("{VARIANT}{n}")))
            .find(|candidate| !taken(candidate))
            .unwrap_or_else(|| VARIANT.to_string());
        let ident = format_ident!("{}", variant);
        item.variants.push(syn::parse_quote! {
            /// A value the schema does not list, as it came (`open_enums`).
            #[serde(untagged)]
            #ident(::std::string::String)
        });
        drop_derive(&mut item.attrs, "Copy");
        others.insert(name.clone(), ident);
        opened.insert(name);
    }
    for item in &mut file.items {
        let syn::Item::Impl(item) = item else {
            continue;
        };
        let Some(ident) = self_name(item).and_then(|name| others.get(&name)) else {
            continue;
        };
        match implemented_trait(item).as_deref() {
            Some("Display") => write_the_kept_value(item, ident),
            Some("FromStr") => keep_any_other_value(item, ident),
            _ => {}
        }
    }
    opened
}

/// An enum of unit variants only, neither untagged nor internally or adjacently tagged:
/// what typify writes for a schema of string values.
fn is_string_enum(item: &syn::ItemEnum) -> bool {
    !item.variants.is_empty()
        && item
            .variants
            .iter()
            .all(|v| matches!(v.fields, syn::Fields::Unit))
        && !["untagged", "tag", "content"]
            .iter()
            .any(|flag| has_serde_flag(&item.attrs, flag))
}

/// The types a value may be decoded into while serde is still choosing among the
/// alternatives of an untagged enum: those of every variant but the last, and all they hold.
/// serde takes the first alternative that decodes, so a catch-all there would take values
/// meant for the alternatives after it (`{"kind": "square"}` read as a circle of kind
/// `Other("square")`): these enums stay closed.
fn guarded_by_later_alternatives(file: &syn::File) -> BTreeSet<String> {
    let mut holds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut guarded: Vec<String> = Vec::new();
    for item in &file.items {
        let (name, fields): (_, Vec<&syn::Fields>) = match item {
            syn::Item::Struct(item) => (&item.ident, vec![&item.fields]),
            syn::Item::Enum(item) => {
                // An object alternative never competes with `NonObject`'s values.
                if has_serde_flag(&item.attrs, "untagged") && !untyped_objects::is_either(item) {
                    let before_last = item.variants.len().saturating_sub(1);
                    for variant in item.variants.iter().take(before_last) {
                        guarded.extend(named_in(&variant.fields));
                    }
                }
                (
                    &item.ident,
                    item.variants.iter().map(|v| &v.fields).collect(),
                )
            }
            _ => continue,
        };
        holds
            .entry(name.to_string())
            .or_default()
            .extend(fields.into_iter().flat_map(named_in));
    }
    let mut closed = BTreeSet::new();
    while let Some(name) = guarded.pop() {
        if let Some(inner) = holds.get(&name) {
            guarded.extend(inner.iter().filter(|n| !closed.contains(*n)).cloned());
        }
        closed.insert(name);
    }
    closed
}

/// Every type name the fields' types mention (`Option<Box<Kind>>`: `Option`, `Box`, `Kind`).
fn named_in(fields: &syn::Fields) -> BTreeSet<String> {
    struct Names(BTreeSet<String>);
    impl<'ast> Visit<'ast> for Names {
        fn visit_path_segment(&mut self, segment: &'ast syn::PathSegment) {
            self.0.insert(segment.ident.to_string());
            visit::visit_path_segment(self, segment);
        }
    }
    let mut names = Names(BTreeSet::new());
    for field in fields {
        names.visit_type(&field.ty);
    }
    names.0
}

/// The names of the types that `file` implements `trait_name` for.
fn impls_of(file: &syn::File, trait_name: &str) -> BTreeSet<String> {
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Impl(item) if implemented_trait(item).as_deref() == Some(trait_name) => {
                self_name(item)
            }
            _ => None,
        })
        .collect()
}

fn self_name(item: &syn::ItemImpl) -> Option<String> {
    match item.self_ty.as_ref() {
        syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        _ => None,
    }
}

fn implemented_trait(item: &syn::ItemImpl) -> Option<String> {
    let (path, _) = item.trait_.as_ref()?;
    path.segments.last().map(|s| s.ident.to_string())
}

/// typify's `match *self { Self::A => f.write_str("a"), ... }`: by reference now, since the
/// kept value cannot be moved out, and the kept value written as it came.
fn write_the_kept_value(item: &mut syn::ItemImpl, other: &syn::Ident) {
    for_each_match(item, |expr| {
        if let syn::Expr::Unary(unary) = expr.expr.as_ref()
            && matches!(unary.op, syn::UnOp::Deref(_))
        {
            expr.expr = unary.expr.clone();
        }
        expr.arms
            .push(syn::parse_quote!(Self::#other(value) => f.write_str(value),));
    });
}

/// typify's `match value { "a" => Ok(Self::A), ..., _ => Err(...) }`: an unlisted value is
/// kept rather than refused. `TryFrom` goes through `parse`, so it follows.
fn keep_any_other_value(item: &mut syn::ItemImpl, other: &syn::Ident) {
    for_each_match(item, |expr| {
        for arm in &mut expr.arms {
            if matches!(arm.pat, syn::Pat::Wild(_)) {
                *arm.body = syn::parse_quote!(Ok(Self::#other(value.to_string())));
            }
        }
    });
}

/// Calls `change` on the `match` at the end of each method of `item`.
fn for_each_match(item: &mut syn::ItemImpl, mut change: impl FnMut(&mut syn::ExprMatch)) {
    for impl_item in &mut item.items {
        let syn::ImplItem::Fn(method) = impl_item else {
            continue;
        };
        if let Some(syn::Stmt::Expr(syn::Expr::Match(expr), None)) = method.block.stmts.last_mut() {
            change(expr);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// typify's code for `{"enum": ["Bearer", "MAC"]}`, as it writes it.
    fn token_type() -> syn::File {
        syn::parse_quote! {
            #[derive(Deserialize, Serialize, Clone, Copy, Debug, Eq, Hash, Ord, PartialEq, PartialOrd)]
            pub enum TokenType {
                Bearer,
                #[serde(rename = "MAC")]
                Mac,
            }
            impl ::std::fmt::Display for TokenType {
                fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                    match *self {
                        Self::Bearer => f.write_str("Bearer"),
                        Self::Mac => f.write_str("MAC"),
                    }
                }
            }
            impl ::std::str::FromStr for TokenType {
                type Err = self::error::ConversionError;
                fn from_str(value: &str) -> ::std::result::Result<Self, self::error::ConversionError> {
                    match value {
                        "Bearer" => Ok(Self::Bearer),
                        "MAC" => Ok(Self::Mac),
                        _ => Err("invalid value".into()),
                    }
                }
            }
        }
    }

    fn code(file: &syn::File) -> String {
        prettyplease::unparse(file)
    }

    #[test]
    fn a_string_enum_keeps_a_value_it_does_not_list() {
        let mut file = token_type();
        let opened = open(&mut file, |_| true);
        assert_eq!(opened, BTreeSet::from(["TokenType".to_string()]));
        let code = code(&file);
        assert!(
            code.contains(
                "    /// A value the schema does not list, as it came (`open_enums`).\n    #[serde(untagged)]\n    Other(::std::string::String),\n}"
            ),
            "{code}"
        );
        assert!(!code.contains("Copy"), "{code}");
        assert!(code.contains("Clone, Debug, Eq, Hash, Ord"), "{code}");
        assert!(code.contains("match self {"), "{code}");
        assert!(
            code.contains("Self::Other(value) => f.write_str(value),"),
            "{code}"
        );
        assert!(
            code.contains("_ => Ok(Self::Other(value.to_string())),"),
            "{code}"
        );
        assert!(!code.contains("invalid value"), "{code}");
    }

    #[test]
    fn the_variant_takes_a_name_no_listed_value_has() {
        let mut file: syn::File = syn::parse_quote! {
            #[derive(Clone, Copy)]
            pub enum Kind { Other, Other1 }
            impl ::std::str::FromStr for Kind {
                type Err = ();
                fn from_str(value: &str) -> Result<Self, ()> {
                    match value { "other" => Ok(Self::Other), "other1" => Ok(Self::Other1), _ => Err(()) }
                }
            }
        };
        open(&mut file, |_| true);
        let code = code(&file);
        assert!(code.contains("Other2(::std::string::String)"), "{code}");
        assert!(
            code.contains("_ => Ok(Self::Other2(value.to_string()))"),
            "{code}"
        );
        assert!(code.contains("#[derive(Clone)]"), "{code}");
    }

    #[test]
    fn only_the_enums_the_setting_names_are_opened() {
        let mut file = token_type();
        let before = code(&file);
        assert!(open(&mut file, |name| name != "TokenType").is_empty());
        assert_eq!(code(&file), before);
    }

    #[test]
    fn enums_with_data_untagged_unions_and_alternatives_before_others_stay_closed() {
        let mut file: syn::File = syn::parse_quote! {
            #[serde(untagged)]
            pub enum Choice { Listed(Level), Free(::std::string::String) }
            impl ::std::str::FromStr for Choice {
                type Err = ();
                fn from_str(value: &str) -> Result<Self, ()> { Err(()) }
            }
            pub enum Level { Low, High }
            impl ::std::str::FromStr for Level {
                type Err = ();
                fn from_str(value: &str) -> Result<Self, ()> {
                    match value { "low" => Ok(Self::Low), "high" => Ok(Self::High), _ => Err(()) }
                }
            }
            pub enum Shape { Circle { radius: f64 }, Dot }
            pub enum Alone { A, B }
        };
        let before = code(&file);
        assert!(open(&mut file, |_| true).is_empty());
        assert_eq!(code(&file), before);
    }

    #[test]
    fn enums_that_decide_among_alternatives_stay_closed_wherever_they_are_held() {
        // typify's `oneOf` of two objects told apart by `kind`, and a union whose first
        // alternative holds an enum two types down.
        let string_enum = |name: &str| {
            let ident = format_ident!("{}", name);
            let file: syn::File = syn::parse_quote! {
                pub enum #ident { A, B }
                impl ::std::str::FromStr for #ident {
                    type Err = ();
                    fn from_str(value: &str) -> Result<Self, ()> {
                        match value { "a" => Ok(Self::A), "b" => Ok(Self::B), _ => Err(()) }
                    }
                }
            };
            file.items
        };
        let mut file: syn::File = syn::parse_quote! {
            #[serde(untagged)]
            pub enum Shape {
                Circle { kind: CircleKind, size: f64 },
                Square { kind: SquareKind, size: f64 },
            }
            #[serde(untagged)]
            pub enum Wrapper { Held(::std::boxed::Box<Holder>), Text(::std::string::String) }
            pub struct Holder { pub level: ::std::option::Option<::std::vec::Vec<Deep>> }
            pub struct Elsewhere { pub level: Free }
        };
        for name in ["CircleKind", "SquareKind", "Deep", "Free"] {
            file.items.extend(string_enum(name));
        }
        let opened = open(&mut file, |_| true);
        assert_eq!(
            opened,
            BTreeSet::from(["SquareKind".to_string(), "Free".to_string()])
        );
    }
}

//! Every identifier rule, in one place: schema names (file stems, titles, `$defs` keys) into
//! module and type names, property and enum values into field and variant names, and
//! subschema locations into validator function names. Every name is plain ASCII and never a
//! Rust keyword; `unique` makes it unique among its neighbours.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords, strict and reserved, of every edition up to 2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// What the Rust prelude (2024) names in the type and value namespaces: a type of one of
/// these names at the crate root would shadow the prelude in the crate's hand-written code.
const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Module names generated code needs for itself: `schemas` holds every schema's module;
/// the tool attributes it writes (`#[rustfmt::skip]`, `#[allow(clippy::…)]`) and the crates
/// of the standard library would resolve to a module of the same name (`rustfmt.json`).
const RESERVED_MODULES: &[&str] = &[
    "schemas",
    "rustfmt",
    "clippy",
    "rustdoc",
    "diagnostic",
    "std",
    "core",
    "alloc",
];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Whether a type of this name would shadow a name of the Rust prelude.
pub fn shadows_prelude(name: &str) -> bool {
    PRELUDE.contains(&name)
}

/// The identifier `name`, raw (`r#type`) when it is a keyword.
pub fn ident(name: &str) -> syn::Ident {
    if is_keyword(name) && !matches!(name, "self" | "Self" | "super" | "crate") {
        syn::Ident::new_raw(name, proc_macro2::Span::call_site())
    } else {
        syn::Ident::new(name, proc_macro2::Span::call_site())
    }
}

/// The module for a schema file: `token-response` → `token_response`.
pub fn module_name(stem: &str) -> String {
    let mut name = ascii_words(stem).to_snake_case();
    if name.is_empty() {
        name = "schema".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("schema_{name}");
    }
    if is_keyword(&name) || RESERVED_MODULES.contains(&name.as_str()) {
        name.push_str("_schema");
    }
    name
}

/// A type name: `token response` → `TokenResponse`, `2fa` → `T2fa`, `option` → `OptionType`
/// (never a name of the prelude, which a root type re-exported at the crate root would
/// shadow).
pub fn type_name(raw: &str) -> String {
    let mut name = ascii_words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Type".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("T{name}");
    }
    if is_keyword(&name) || shadows_prelude(&name) {
        name.push_str("Type");
    }
    name
}

/// A field name for a property name typify kept non-ASCII: transliterated (`ñame` → `name`,
/// `日本` → `ri_ben`), snake case, never empty, never starting with a digit or a keyword.
pub fn field_name(text: &str) -> String {
    ascii_ident(text, Case::Snake)
}

/// A variant name for an enum value typify kept non-ASCII (`Groß` → `Gross`).
pub fn variant_name(text: &str) -> String {
    ascii_ident(text, Case::Pascal)
}

/// The validator function of the subschema at `pointer`: `check_root`,
/// `check_properties_expires_in` (cut to a readable length; see [`unique`]).
pub fn validator_name(pointer: &str) -> String {
    let mut slug: String = pointer
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    slug = slug
        .split('_')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join("_");
    slug.truncate(48);
    // A cut may end on a separator; `unique` adds one of its own.
    slug.truncate(slug.trim_end_matches('_').len());
    if slug.is_empty() {
        "check_root".to_string()
    } else {
        format!("check_{slug}")
    }
}

/// `base`, or `base` with the first free suffix (`separator` then 2, 3, ...), recorded in
/// `taken`.
pub fn unique(base: &str, separator: &str, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.to_string();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{base}{separator}{n}");
        n += 1;
    }
    name
}

#[derive(Clone, Copy)]
enum Case {
    Snake,
    Pascal,
}

fn ascii_ident(text: &str, case: Case) -> String {
    let plain = deunicode::deunicode(text);
    let cased = match case {
        Case::Snake => plain.to_snake_case(),
        Case::Pascal => plain.to_upper_camel_case(),
    };
    let mut ident: String = cased
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    if ident.is_empty() {
        ident = match case {
            Case::Snake => "field".into(),
            Case::Pascal => "Variant".into(),
        };
    }
    if ident.starts_with(|c: char| c.is_ascii_digit()) {
        ident.insert(
            0,
            match case {
                Case::Snake => 'x',
                Case::Pascal => 'X',
            },
        );
    }
    if is_keyword(&ident) {
        ident.push('_');
    }
    ident
}

/// Keeps ASCII letters and digits; everything else separates words. Non-ASCII letters are
/// transliterated to nothing rather than kept, so identifiers stay plain ASCII.
fn ascii_words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn module_names_are_snake_case_identifiers() {
        assert_eq!(module_name("credentials"), "credentials");
        assert_eq!(module_name("token-response"), "token_response");
        assert_eq!(module_name("TokenResponse"), "token_response");
        assert_eq!(module_name("2fa"), "schema_2fa");
        assert_eq!(module_name("type"), "type_schema");
        assert_eq!(module_name("schemas"), "schemas_schema");
        assert_eq!(module_name("rustfmt"), "rustfmt_schema");
        assert_eq!(module_name("ééé"), "schema");
    }

    #[test]
    fn members_and_validators_get_ascii_names() {
        assert_eq!(field_name("ñame"), "name");
        assert_eq!(field_name("日本"), "ri_ben");
        assert_eq!(field_name("2fa"), "x2fa");
        assert_eq!(variant_name("Groß"), "Gross");
        assert_eq!(validator_name(""), "check_root");
        assert_eq!(
            validator_name("/properties/expires_in"),
            "check_properties_expires_in"
        );
        let mut taken = BTreeSet::new();
        assert_eq!(unique("a", "_", &mut taken), "a");
        assert_eq!(unique("a", "_", &mut taken), "a_2");
    }

    #[test]
    fn type_names_are_upper_camel_case_identifiers() {
        assert_eq!(type_name("Credentials"), "Credentials");
        assert_eq!(type_name("token response"), "TokenResponse");
        assert_eq!(type_name("token_type"), "TokenType");
        assert_eq!(type_name("2fa"), "T2fa");
        assert_eq!(type_name("Self"), "SelfType");
        assert_eq!(type_name("option"), "OptionType");
    }
}

//! Turning schema names (file stems, titles, `$defs` keys) into Rust identifiers.

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Rust keywords, strict and reserved, of every edition up to 2024.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Module names the generated crate uses for itself.
const RESERVED_MODULES: &[&str] = &["lib", "main", "schemas", "error", "runtime"];

pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
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

/// A type name: `token response` → `TokenResponse`, `2fa` → `T2fa`.
pub fn type_name(raw: &str) -> String {
    let mut name = ascii_words(raw).to_upper_camel_case();
    if name.is_empty() {
        name = "Type".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name = format!("T{name}");
    }
    if is_keyword(&name) {
        name.push_str("Type");
    }
    name
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
        assert_eq!(module_name("ééé"), "schema");
    }

    #[test]
    fn type_names_are_upper_camel_case_identifiers() {
        assert_eq!(type_name("Credentials"), "Credentials");
        assert_eq!(type_name("token response"), "TokenResponse");
        assert_eq!(type_name("token_type"), "TokenType");
        assert_eq!(type_name("2fa"), "T2fa");
        assert_eq!(type_name("Self"), "SelfType");
    }
}

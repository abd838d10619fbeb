//! The wording of validation errors, in one place. Generated validators call these; every
//! function that could show a value takes `secret` and shows `[REDACTED]` instead.

use serde_json::{Number, Value};

use crate::value::{preview, preview_key, preview_str, type_name};

pub fn type_mismatch(expected: &str, value: &Value) -> String {
    format!("expected {expected}, found {}", type_name(value))
}

pub fn not_in_enum(value: &Value, allowed: &str, secret: bool) -> String {
    format!("{} is not one of {allowed}", preview(value, secret))
}

pub fn not_const(value: &Value, expected: &str, secret: bool) -> String {
    format!("{} is not {expected}", preview(value, secret))
}

pub fn too_short(length: usize, limit: u64) -> String {
    format!("is {length} characters long; at least {limit} required")
}

pub fn too_long(length: usize, limit: u64) -> String {
    format!("is {length} characters long; at most {limit} allowed")
}

pub fn pattern(text: &str, pattern: &str, secret: bool) -> String {
    format!(
        "{} does not match the pattern {pattern:?}",
        preview_str(text, secret)
    )
}

/// The budgeted engine gave up on `pattern`; the text is not shown, as it decided nothing.
pub fn pattern_budget(pattern: &str, exceeded: impl std::fmt::Display) -> String {
    format!("{exceeded}, for the pattern {pattern:?}")
}

pub fn format(text: &str, format: &str, secret: bool) -> String {
    format!("{} is not a valid {format}", preview_str(text, secret))
}

fn number(n: &Number, secret: bool) -> String {
    if secret {
        "[REDACTED]".to_string()
    } else {
        n.to_string()
    }
}

/// A string that draft-07's content keywords refuse.
pub fn content(base64: bool, json: bool) -> String {
    match (base64, json) {
        (true, true) => "is not a base64-encoded JSON document".to_string(),
        (true, false) => "is not valid base64".to_string(),
        _ => "is not a JSON document".to_string(),
    }
}

pub fn below_minimum(n: &Number, limit: &str, secret: bool) -> String {
    format!("{} is less than the minimum {limit}", number(n, secret))
}

pub fn not_above_exclusive_minimum(n: &Number, limit: &str, secret: bool) -> String {
    format!("{} must be greater than {limit}", number(n, secret))
}

pub fn above_maximum(n: &Number, limit: &str, secret: bool) -> String {
    format!("{} is greater than the maximum {limit}", number(n, secret))
}

pub fn not_below_exclusive_maximum(n: &Number, limit: &str, secret: bool) -> String {
    format!("{} must be less than {limit}", number(n, secret))
}

pub fn not_multiple_of(n: &Number, divisor: &str, secret: bool) -> String {
    format!("{} is not a multiple of {divisor}", number(n, secret))
}

pub fn missing_required(name: &str) -> String {
    format!("missing required property `{}`", preview_key(name))
}

pub fn dependent_required(present: &str, missing: &str) -> String {
    format!("property `{missing}` is required when `{present}` is present")
}

/// An unknown property, with a hint when it looks like a misspelling of a known one.
pub fn unknown_property(key: &str, known: &[&str]) -> String {
    let shown = preview_key(key);
    match suggest(key, known) {
        Some(hint) => format!("unknown property `{shown}`; did you mean `{hint}`?"),
        None => format!("unknown property `{shown}`"),
    }
}

/// A member no keyword evaluated, refused by `unevaluatedProperties: false`.
pub fn unevaluated_property(key: &str) -> String {
    format!(
        "property `{}` is not allowed: no keyword evaluated it (`unevaluatedProperties`)",
        preview_key(key)
    )
}

/// An item no keyword evaluated, refused by `unevaluatedItems: false`.
pub fn unevaluated_item(index: usize) -> String {
    format!("item {index} is not allowed: no keyword evaluated it (`unevaluatedItems`)")
}

pub fn too_few_properties(count: usize, limit: u64) -> String {
    format!("has {count} properties; at least {limit} required")
}

pub fn too_many_properties(count: usize, limit: u64) -> String {
    format!("has {count} properties; at most {limit} allowed")
}

pub fn property_name(name: &str) -> String {
    format!(
        "property name `{}` does not match `propertyNames`",
        preview_key(name)
    )
}

pub fn too_few_items(count: usize, limit: u64) -> String {
    format!("has {count} items; at least {limit} required")
}

pub fn too_many_items(count: usize, limit: u64) -> String {
    format!("has {count} items; at most {limit} allowed")
}

pub fn duplicate_items(first: usize, second: usize) -> String {
    format!("items {first} and {second} are equal; items must be unique")
}

pub fn contains(count: usize, min: u64, max: Option<u64>) -> String {
    match max {
        Some(max) if count as u64 > max => {
            format!("{count} items match `contains`; at most {max} allowed")
        }
        _ => format!("{count} items match `contains`; at least {min} required"),
    }
}

pub fn any_of(count: usize) -> String {
    format!("matches none of the {count} `anyOf` alternatives")
}

pub fn one_of(matched: &[usize], count: usize) -> String {
    if matched.is_empty() {
        format!("matches none of the {count} `oneOf` alternatives")
    } else {
        let list: Vec<String> = matched.iter().map(usize::to_string).collect();
        format!(
            "matches {} `oneOf` alternatives ({}); exactly one must match",
            matched.len(),
            list.join(", ")
        )
    }
}

pub fn not() -> String {
    "matches the `not` schema".to_string()
}

pub fn nothing_allowed() -> String {
    "no value is allowed here (the schema is `false`)".to_string()
}

/// The known name that `key` most likely misspells: equal up to case and separators
/// (`refreshToken` → `refresh_token`), or a small edit away.
pub fn suggest<'k>(key: &str, known: &[&'k str]) -> Option<&'k str> {
    // No known name is this long; the hint would cost time for nothing.
    if key.len() > 1024 {
        return None;
    }
    let folded = fold(key);
    if let Some(hit) = known.iter().find(|k| fold(k) == folded) {
        return Some(hit);
    }
    let length = folded.chars().count();
    known
        .iter()
        .map(|k| (fold(k), *k))
        // The distance is at least the difference in length: skip the hopeless ones.
        .filter(|(candidate, _)| candidate.chars().count().abs_diff(length) <= 2)
        .map(|(candidate, k)| (strsim::damerau_levenshtein(&folded, &candidate), k))
        .filter(|(distance, k)| *distance <= 2 && *distance < k.len().max(key.len()) / 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KNOWN: &[&str] = &["refresh_token", "access_token", "issued_at", "expires_in"];

    #[test]
    fn suggests_the_snake_case_name_for_camel_case() {
        assert_eq!(suggest("refreshToken", KNOWN), Some("refresh_token"));
        assert_eq!(suggest("expiresIn", KNOWN), Some("expires_in"));
        assert_eq!(suggest("acess_token", KNOWN), Some("access_token"));
        assert_eq!(suggest("scope", KNOWN), None);
        assert_eq!(
            unknown_property("issuedAt", KNOWN),
            "unknown property `issuedAt`; did you mean `issued_at`?"
        );
    }

    #[test]
    fn secret_values_are_never_shown() {
        let value = Value::String("tok-123".into());
        assert!(!not_in_enum(&value, "\"a\"", true).contains("tok-123"));
        assert!(!pattern("tok-123", "^x", true).contains("tok-123"));
        assert!(!format("tok-123", "uuid", true).contains("tok-123"));
        let n: Number = 42.into();
        assert!(!below_minimum(&n, "100", true).contains("42"));
    }
}

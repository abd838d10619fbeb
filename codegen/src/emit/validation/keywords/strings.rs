//! `minLength`, `maxLength`, `pattern`, `format`, and draft-07's `contentEncoding` and
//! `contentMediaType`: strings, measured in code points, matched
//! by the runtime's ECMA-262 matcher, checked by the runtime's format checkers.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::super::node_writer::{NodeWriter, count};
use super::super::parser::{Parser, Sink};
use crate::dialect::Draft;
use crate::error::Kind;
use crate::resolve::Place;

/// Formats that annotate without asserting anything: OpenAPI's numeric widths and encodings
/// (typify picks integer widths from them) and `password`, which marks a secret.
const ANNOTATION_FORMATS: &[&str] = &[
    "password", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float",
    "double", "byte", "binary",
];

/// The keywords of this family in one schema.
#[derive(Default)]
pub struct Rules {
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    /// The format's name, and the runtime function that checks it in this dialect.
    pub format: Option<(String, String)>,
    pub content: Option<Content>,
}

/// draft-07's `contentEncoding` and `contentMediaType`, which it may assert.
#[derive(Debug, Clone, Copy, Default)]
pub struct Content {
    pub base64: bool,
    pub json: bool,
}

pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) {
    // A minimum of 0 always holds.
    rules.min_length = p.count("minLength").filter(|&n| n > 0);
    rules.max_length = p.count("maxLength");
    if let Some(value) = p.get("pattern") {
        match value.as_str() {
            Some(pattern) => {
                let place = p.place.clone();
                if check_pattern(p.sink, &place, Some("pattern"), pattern) {
                    rules.pattern = Some(pattern.to_string());
                }
            }
            None => p.problem(
                Kind::MalformedKeyword,
                "pattern",
                "`pattern` must be a string",
            ),
        }
    }
    if let Some(value) = p.get("format") {
        match value.as_str() {
            Some(format) if schema_runtime::format::ASSERTED.contains(&format) => {
                // Up to draft-06 a host name is RFC 1123's alone; from draft-07 its IDNA
                // A-labels must also be valid.
                let checker = if format == "hostname" && p.draft() < Draft::Draft7 {
                    "hostname_rfc1123".to_string()
                } else {
                    format.replace('-', "_")
                };
                rules.format = Some((format.to_string(), checker));
            }
            Some(format) if ANNOTATION_FORMATS.contains(&format) => {}
            Some(format) => unknown_format(p, format),
            None => p.problem(
                Kind::MalformedKeyword,
                "format",
                "`format` must be a string",
            ),
        }
    }
    if p.draft() == Draft::Draft7 {
        // draft-07 lets validators assert these; later dialects made them annotations.
        let content = Content {
            base64: p.get("contentEncoding").and_then(|v| v.as_str()) == Some("base64"),
            json: p.get("contentMediaType").and_then(|v| v.as_str()) == Some("application/json"),
        };
        if content.base64 || content.json {
            rules.content = Some(content);
        }
    }
}

/// A format no validator asserts is an annotation: a warning when it looks like a misspelt
/// one, an error under `--strict`.
fn unknown_format(p: &mut Parser<'_, '_>, format: &str) {
    let asserted = schema_runtime::format::ASSERTED;
    let hint = schema_runtime::messages::suggest(format, asserted)
        .map(|known| format!("; did you mean `{known}`?"))
        .unwrap_or_default();
    if p.sink.strict() {
        p.problem(
            Kind::UnknownFormat,
            "format",
            format!("unknown format `{format}` (`--strict` refuses them){hint}"),
        );
    } else if !hint.is_empty() {
        p.warning(
            Kind::UnknownFormat,
            "format",
            format!("unknown format `{format}`, not asserted{hint}"),
        );
    }
}

/// Compiles a regex (`pattern`, a `patternProperties` name) the way validators will: a
/// syntax error is a problem, a pattern that needs the budgeted engine a warning, both
/// located at `place` (and `keyword`). Returns whether it compiles.
pub fn check_pattern(
    sink: &mut dyn Sink,
    place: &Place,
    keyword: Option<&str>,
    pattern: &str,
) -> bool {
    use schema_runtime::pattern::{DEFAULT_BUDGET, Engine, Fallback};
    match schema_runtime::pattern::compile(pattern) {
        Ok(compiled) => {
            let why = match compiled.engine() {
                Engine::Linear => return true,
                Engine::Budgeted(Fallback::Backtracking) => {
                    "it uses look-arounds or back-references"
                }
                Engine::Budgeted(Fallback::TooLarge) => {
                    "it is too large for the linear-time engine"
                }
            };
            sink.warning(Kind::BudgetedPattern,
                place,
                keyword,
                format!(
                    "pattern {pattern:?} runs on the budgeted backtracking engine because {why}: a string that needs more than its budget ({} steps per document, plus {} per byte; see `schema_runtime::pattern::set_budget`) is reported invalid",
                    DEFAULT_BUDGET.per_document, DEFAULT_BUDGET.per_byte
                ),
            );
            true
        }
        Err(e) => {
            sink.problem(
                Kind::MalformedKeyword,
                place,
                keyword,
                format!("not an ECMA-262 regular expression: {e}"),
            );
            false
        }
    }
}

pub fn checks(e: &NodeWriter<'_>, r: &Rules) -> Option<TokenStream> {
    let secret = e.secret;
    let mut checks = Vec::new();
    if r.min_length.is_some() || r.max_length.is_some() {
        checks.push(quote! { let length = s.chars().count(); });
    }
    if let Some(min) = r.min_length {
        let min = count(min);
        checks.push(e.check(
            quote! { (length as u64) < #min },
            "/minLength",
            quote! { messages::too_short(length, #min) },
        ));
    }
    if let Some(max) = r.max_length {
        let max = count(max);
        checks.push(e.check(
            quote! { (length as u64) > #max },
            "/maxLength",
            quote! { messages::too_long(length, #max) },
        ));
    }
    if let Some(pattern) = &r.pattern {
        checks.push(quote! {
            static PATTERN: Pattern = Pattern::new(#pattern);
            if let Err(message) = PATTERN.check(s, #secret) {
                if out.fail(at, kw, "/pattern", || message) {
                    return false;
                }
            }
        });
    }
    if let Some((format, checker)) = &r.format {
        let checker = format_ident!("{checker}");
        checks.push(e.check(
            quote! { !format::#checker(s) },
            "/format",
            quote! { messages::format(s, #format, #secret) },
        ));
    }
    if let Some(Content { base64, json }) = r.content {
        let keyword = if json {
            "/contentMediaType"
        } else {
            "/contentEncoding"
        };
        checks.push(e.check(
            quote! { !format::content::content(s, #base64, #json) },
            keyword,
            quote! { messages::content(#base64, #json) },
        ));
    }
    (!checks.is_empty()).then(|| quote! { if let Value::String(s) = v { #(#checks)* } })
}

/// The fast path's tests of a string member `s`; `None` when it cannot test these keywords,
/// whatever the member's type (then no fast path). Every field is named, so that a new
/// keyword cannot slip past the fast path. None of them applies to an object: the root is
/// not asked.
pub fn fast_tests(r: &Rules) -> Option<Vec<TokenStream>> {
    let Rules {
        min_length,
        max_length,
        pattern,
        format,
        content,
    } = r;
    if content.is_some() {
        return None;
    }
    let mut tests = Vec::new();
    if min_length.is_some() || max_length.is_some() {
        let min = min_length.unwrap_or(0);
        let max = max_length.unwrap_or(u64::MAX);
        tests.push(quote! { (#min..=#max).contains(&(s.chars().count() as u64)) });
    }
    if let Some(pattern) = pattern {
        tests.push(quote! {{
            static PATTERN: Pattern = Pattern::new(#pattern);
            PATTERN.is_match(s)
        }});
    }
    if let Some((_, checker)) = format {
        let checker = format_ident!("{checker}");
        tests.push(quote! { format::#checker(s) });
    }
    Some(tests)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_path_tests_lengths_together_and_leaves_content_to_the_full_validator() {
        let lengths = Rules {
            min_length: Some(1),
            max_length: Some(8),
            ..Rules::default()
        };
        let tests = fast_tests(&lengths).expect("lengths have a fast test");
        assert_eq!(tests.len(), 1);
        assert!(tests[0].to_string().contains("chars"), "{}", tests[0]);
        let content = Rules {
            content: Some(Content {
                base64: true,
                json: false,
            }),
            ..Rules::default()
        };
        assert!(fast_tests(&content).is_none());
    }
}

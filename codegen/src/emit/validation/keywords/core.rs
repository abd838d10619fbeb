//! `type`, `enum`, `const` and `$ref`: the keywords that apply to every kind of value.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::super::emitter::{Emitter, listed};
use super::super::graph::{JsonType, Rules};
use super::super::parser::Parser;
use crate::dialect::Draft;

/// Parses the keywords of this family; `false` when the dialect makes `$ref` hide the rest.
pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) -> bool {
    if p.has("$ref") {
        rules.reference = p.reference("$ref");
        if p.draft() == Draft::Draft7 {
            // draft-07: "All other properties in a "$ref" object MUST be ignored."
            return false;
        }
    }
    if let Some(value) = p.get("type") {
        let names: Vec<&Value> = match value {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        let types: Option<Vec<JsonType>> = names
            .iter()
            .map(|n| n.as_str().and_then(JsonType::parse))
            .collect();
        match types {
            Some(types) if !types.is_empty() => rules.types = types,
            _ => p.problem(
                "type",
                "`type` must be one of null, boolean, object, array, number, integer, string, or an array of them",
            ),
        }
    }
    if let Some(value) = p.get("enum") {
        match value.as_array() {
            Some(values) => rules.enum_values = Some(values.clone()),
            None => p.problem("enum", "`enum` must be an array"),
        }
    }
    rules.const_value = p.get("const").cloned();
    true
}

pub fn checks(e: &Emitter<'_>) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    checks.extend(type_check(e));
    checks.extend(enum_check(e));
    checks.extend(const_check(e));
    if let Some(edge) = &e.rules.reference {
        checks.push(e.apply(edge, quote! { v }, quote! { at }));
    }
    checks
}

fn type_check(e: &Emitter<'_>) -> Option<TokenStream> {
    let types = &e.rules.types;
    if types.is_empty() {
        return None;
    }
    let tests = types.iter().map(|t| match t {
        JsonType::Null => quote! { v.is_null() },
        JsonType::Boolean => quote! { v.is_boolean() },
        JsonType::Object => quote! { v.is_object() },
        JsonType::Array => quote! { v.is_array() },
        JsonType::String => quote! { v.is_string() },
        JsonType::Number => quote! { v.is_number() },
        JsonType::Integer => quote! { matches!(v, Value::Number(n) if num::is_integer(n)) },
    });
    let expected = types
        .iter()
        .map(|t| t.name())
        .collect::<Vec<_>>()
        .join(" or ");
    let failing = if types.len() == 1 {
        quote! { !#(#tests)* }
    } else {
        quote! { !(#(#tests)||*) }
    };
    Some(e.check(
        failing,
        "/type",
        quote! { messages::type_mismatch(#expected, v) },
    ))
}

fn enum_check(e: &Emitter<'_>) -> Option<TokenStream> {
    let values = e.rules.enum_values.as_ref()?;
    let allowed = listed(values);
    let secret = e.secret;
    let message = quote! { messages::not_in_enum(v, #allowed, #secret) };
    let strings: Option<Vec<&str>> = values.iter().map(Value::as_str).collect();
    Some(match strings {
        Some(strings) if !strings.is_empty() => e.check(
            quote! { !matches!(v, Value::String(s) if matches!(s.as_str(), #(#strings)|*)) },
            "/enum",
            message,
        ),
        _ => {
            let literals = values.iter().map(|value| {
                let json = value.to_string();
                quote! { Literal::new(#json) }
            });
            let n = values.len();
            let check = e.check(
                quote! { !ALLOWED.iter().any(|allowed| value::equal(allowed.get(), v)) },
                "/enum",
                message,
            );
            quote! {{
                static ALLOWED: [Literal; #n] = [#(#literals),*];
                #check
            }}
        }
    })
}

fn const_check(e: &Emitter<'_>) -> Option<TokenStream> {
    let value = e.rules.const_value.as_ref()?;
    let json = value.to_string();
    let secret = e.secret;
    let message = quote! { messages::not_const(v, #json, #secret) };
    Some(match value.as_str() {
        Some(s) => e.check(
            quote! { !matches!(v, Value::String(s) if s == #s) },
            "/const",
            message,
        ),
        None => {
            let check = e.check(
                quote! { !value::equal(EXPECTED.get(), v) },
                "/const",
                message,
            );
            quote! {{
                static EXPECTED: Literal = Literal::new(#json);
                #check
            }}
        }
    })
}

/// The fast path's tests of a string member `s` for this family: `enum` and `const` of
/// strings only (the fast path is not offered otherwise).
pub fn fast_string_tests(rules: &Rules) -> Vec<TokenStream> {
    let mut tests = Vec::new();
    if let Some(values) = &rules.enum_values {
        let strings = values.iter().filter_map(Value::as_str);
        tests.push(quote! { matches!(s, #(#strings)|*) });
    }
    if let Some(Value::String(expected)) = &rules.const_value {
        tests.push(quote! { s == #expected });
    }
    tests
}

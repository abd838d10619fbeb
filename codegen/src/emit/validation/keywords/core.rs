//! `type`, `enum`, `const`, `$ref`, and the dynamic references `$dynamicRef` (2020-12) and
//! `$recursiveRef` (2019-09): the keywords that apply to every kind of value.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::super::graph::{DynamicRef, Edge, JsonType, Rules};
use super::super::node_writer::{NodeWriter, listed};
use super::super::parser::Parser;
use crate::dialect::Draft;
use crate::error::Kind;
use crate::resolve::Place;
use crate::vocabulary::{self, Reference};

/// Parses the keywords of this family; `false` when the dialect makes `$ref` hide the rest.
pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) -> bool {
    if p.has("$ref") {
        rules.reference = p.reference("$ref");
        if p.draft().ref_hides_siblings() {
            // Up to draft-07: "All other properties in a "$ref" object MUST be ignored."
            return false;
        }
    }
    for keyword in vocabulary::with(|k| k.refers == Some(Reference::Dynamic)) {
        if rules.dynamic_reference.is_none() {
            rules.dynamic_reference = dynamic_reference(p, keyword.name);
        }
    }
    rules.integer_without_fraction = p.draft() == Draft::Draft4;
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
            _ => p.problem(Kind::MalformedKeyword,
                "type",
                "`type` must be one of null, boolean, object, array, number, integer, string, or an array of them",
            ),
        }
    }
    if let Some(value) = p.get("enum") {
        match value.as_array() {
            Some(values) => rules.enum_values = Some(values.clone()),
            None => p.problem(Kind::MalformedKeyword, "enum", "`enum` must be an array"),
        }
    }
    rules.const_value = p.get("const").cloned();
    true
}

/// A `$dynamicRef` (or `$recursiveRef`): its static target, and when that target is a
/// dynamic anchor (a `"$recursiveAnchor": true` resource), every resource's anchor of the
/// same name that the dynamic scope may turn it to.
fn dynamic_reference(p: &mut Parser<'_, '_>, keyword: &str) -> Option<DynamicRef> {
    let value = p.get(keyword)?;
    let Some(reference) = value.as_str() else {
        p.problem(
            Kind::MalformedKeyword,
            keyword,
            format!("`{keyword}` must be a string"),
        );
        return None;
    };
    let target = match p.sink.resolve(&p.place, reference) {
        Ok(target) => target,
        Err(message) => {
            p.problem(Kind::Reference, keyword, message);
            return None;
        }
    };
    let anchors: Vec<Place> = if keyword == "$recursiveRef" {
        let resolver = p.sink.resolver();
        if resolver.recursive_anchors().any(|a| *a == target) {
            resolver.recursive_anchors().cloned().collect()
        } else {
            Vec::new()
        }
    } else {
        let name = reference
            .split_once('#')
            .map(|(_, fragment)| fragment)
            .filter(|fragment| !fragment.is_empty() && !fragment.starts_with('/'));
        match name {
            Some(name) if p.sink.resolver().is_dynamic_anchor(&target, name) => {
                p.sink.resolver().dynamic_anchors(name).cloned().collect()
            }
            _ => Vec::new(),
        }
    };
    let fallback = p.sink.node_for(target);
    p.sink.same_instance(p.id, fallback);
    let mut candidates = Vec::new();
    for place in anchors {
        let resource = p.sink.resource(&place);
        let node = p.sink.node_for(place);
        p.sink.same_instance(p.id, node);
        candidates.push((resource, node));
    }
    Some(DynamicRef {
        fallback: Edge {
            node: fallback,
            path: format!("/{keyword}"),
        },
        candidates,
    })
}

pub fn checks(e: &NodeWriter<'_>) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    checks.extend(type_check(e));
    checks.extend(enum_check(e));
    checks.extend(const_check(e));
    if let Some(edge) = &e.rules.reference {
        checks.push(e.apply_in_place(edge));
    }
    if let Some(dynamic) = &e.rules.dynamic_reference {
        checks.push(dynamic_check(e, dynamic));
    }
    checks
}

/// The subschema the dynamic scope picks: the matching anchor of its outermost resource that
/// has one, else the static target.
fn dynamic_check(e: &NodeWriter<'_>, dynamic: &DynamicRef) -> TokenStream {
    if dynamic.candidates.is_empty() {
        return e.apply_in_place(&dynamic.fallback);
    }
    let resources: Vec<u32> = dynamic.candidates.iter().map(|(r, _)| *r).collect();
    let arms = dynamic.candidates.iter().map(|(resource, node)| {
        let path = e.paths.path(*node);
        quote! { Some(#resource) => #path, }
    });
    let fallback = e.paths.path(dynamic.fallback.node);
    let segment = &dynamic.fallback.path;
    let call = quote! { check(v, at, &kw.push(#segment), out) };
    let call = if e.annotating {
        quote! { out.branch(v, |out| #call) }
    } else {
        call
    };
    quote! {{
        let check: Check = match out.outermost(&[#(#resources),*]) {
            #(#arms)*
            _ => #fallback,
        };
        if !#call && out.stop() {
            return false;
        }
    }}
}

fn type_check(e: &NodeWriter<'_>) -> Option<TokenStream> {
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
        JsonType::Integer if e.rules.integer_without_fraction => {
            quote! { matches!(v, Value::Number(n) if num::is_integer_without_fraction(n)) }
        }
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

fn enum_check(e: &NodeWriter<'_>) -> Option<TokenStream> {
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

fn const_check(e: &NodeWriter<'_>) -> Option<TokenStream> {
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

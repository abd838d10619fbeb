//! `type`, `enum`, `const`, `$ref`, and the dynamic references `$dynamicRef` (2020-12) and
//! `$recursiveRef` (2019-09): the keywords that apply to every kind of value.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

use super::super::edge::{Edge, NodeId};
use super::super::node_writer::{NodeWriter, listed};
use super::super::parser::Parser;
use crate::dialect::Draft;
use crate::error::Kind;
use crate::resolve::Place;
use crate::vocabulary::{self, JsonType, Reference};

/// The keywords of this family in one schema.
#[derive(Default)]
pub struct Rules {
    pub types: Vec<JsonType>,
    /// draft-04 counts only numbers written without a fraction as integers.
    pub integer_without_fraction: bool,
    pub enum_values: Option<Vec<Value>>,
    pub const_value: Option<Value>,
    pub reference: Option<Edge>,
    pub dynamic_reference: Option<DynamicRef>,
}

/// A dynamic reference (`$dynamicRef`, or 2019-09's `$recursiveRef`): its static target, and
/// the subschemas it turns to when one of their resources is in the dynamic scope, outermost
/// first.
#[derive(Debug, Clone)]
pub struct DynamicRef {
    pub fallback: Edge,
    /// (resource, the node of its matching anchor)
    pub candidates: Vec<(u32, NodeId)>,
}

impl Rules {
    /// The references' edges: every one applies to this very value.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.reference
            .iter()
            .chain(self.dynamic_reference.iter().map(|d| &d.fallback))
    }

    /// Points every reference to `from` at `to` instead, dynamic candidates included.
    pub fn redirect(&mut self, from: NodeId, to: NodeId) {
        let edges = self
            .reference
            .iter_mut()
            .chain(self.dynamic_reference.iter_mut().map(|d| &mut d.fallback));
        for edge in edges.filter(|e| e.node == from) {
            edge.node = to;
        }
        let candidates = self
            .dynamic_reference
            .iter_mut()
            .flat_map(|d| &mut d.candidates);
        for (_, node) in candidates.filter(|(_, n)| *n == from) {
            *node = to;
        }
    }

    /// Nodes a dynamic reference may turn to, beside its static target.
    pub fn dynamic_candidates(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.dynamic_reference
            .iter()
            .flat_map(|d| d.candidates.iter().map(|(_, node)| *node))
    }
}

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

pub fn checks(e: &NodeWriter<'_>, r: &Rules) -> Vec<TokenStream> {
    let mut checks = Vec::new();
    checks.extend(type_check(e, r));
    checks.extend(enum_check(e, r));
    checks.extend(const_check(e, r));
    if let Some(edge) = &r.reference {
        checks.push(e.apply_in_place(edge));
    }
    if let Some(dynamic) = &r.dynamic_reference {
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

fn type_check(e: &NodeWriter<'_>, r: &Rules) -> Option<TokenStream> {
    let types = &r.types;
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
        JsonType::Integer if r.integer_without_fraction => {
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

fn enum_check(e: &NodeWriter<'_>, r: &Rules) -> Option<TokenStream> {
    let values = r.enum_values.as_ref()?;
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

fn const_check(e: &NodeWriter<'_>, r: &Rules) -> Option<TokenStream> {
    let value = r.const_value.as_ref()?;
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

/// Whether the fast path can take a root with these keywords: an object, and nothing else.
/// Every field is named, so that a new keyword cannot slip past the fast path.
pub fn fast_root(r: &Rules) -> bool {
    let Rules {
        types,
        // It only says which numbers are integers.
        integer_without_fraction: _,
        enum_values,
        const_value,
        reference,
        dynamic_reference,
    } = r;
    types.as_slice() == [JsonType::Object]
        && enum_values.is_none()
        && const_value.is_none()
        && reference.is_none()
        && dynamic_reference.is_none()
}

/// The one type other than `null` of a property the fast path can take, and whether `null` is
/// allowed too; `None` when it cannot take these keywords there.
pub fn fast_member(r: &Rules) -> Option<(JsonType, bool)> {
    let Rules {
        types,
        integer_without_fraction,
        enum_values,
        const_value,
        reference,
        dynamic_reference,
    } = r;
    let nullable = types.contains(&JsonType::Null);
    let non_null: Vec<JsonType> = types
        .iter()
        .copied()
        .filter(|t| *t != JsonType::Null)
        .collect();
    let [wire] = non_null.as_slice() else {
        return None;
    };
    // `enum` and `const` are checked only as strings, and only when `null` is not allowed
    // (a `null` would have to be among their values).
    let strings_only = |values: &[Value]| values.iter().all(Value::is_string);
    let literals_ok = (enum_values.is_none() && const_value.is_none())
        || (*wire == JsonType::String
            && !nullable
            && enum_values.as_deref().is_none_or(strings_only)
            && const_value.as_ref().is_none_or(Value::is_string));
    // draft-04's integers and references have no fast test.
    let testable = !integer_without_fraction && reference.is_none() && dynamic_reference.is_none();
    (literals_ok && testable).then_some((*wire, nullable))
}

/// The fast path's tests of a string member `s` for this family: `enum` and `const` of
/// strings only ([`fast_member`] offers the fast path for no others).
pub fn fast_string_tests(r: &Rules) -> Vec<TokenStream> {
    let mut tests = Vec::new();
    if let Some(values) = &r.enum_values {
        let strings = values.iter().filter_map(Value::as_str);
        tests.push(quote! { matches!(s, #(#strings)|*) });
    }
    if let Some(Value::String(expected)) = &r.const_value {
        tests.push(quote! { s == #expected });
    }
    tests
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(types: &[JsonType], enum_values: Option<Vec<Value>>) -> Rules {
        Rules {
            types: types.to_vec(),
            enum_values,
            ..Rules::default()
        }
    }

    #[test]
    fn the_fast_path_takes_one_scalar_type_and_string_literals_without_null() {
        let words = Some(vec![Value::from("a"), Value::from("b")]);
        let string = [JsonType::String];
        assert_eq!(
            fast_member(&rules(&string, words.clone())),
            Some((JsonType::String, false))
        );
        let nullable = [JsonType::String, JsonType::Null];
        assert_eq!(fast_member(&rules(&nullable, words)), None);
        assert_eq!(
            fast_member(&rules(&nullable, None)),
            Some((JsonType::String, true))
        );
        let numbers = Some(vec![Value::from(1)]);
        assert_eq!(fast_member(&rules(&[JsonType::Integer], numbers)), None);
        let either = [JsonType::String, JsonType::Integer];
        assert_eq!(fast_member(&rules(&either, None)), None);
    }
}

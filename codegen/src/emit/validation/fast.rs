//! The fast path: for a root schema that is an object of scalar properties (Credentials), a
//! single serde pass into a borrowed wire struct, then typed tests, with no
//! `serde_json::Value` in between. `validate_json` and `from_json` try it first.
//!
//! It only ever answers "valid" (and, for `from_json`, hands back the decoded value): any
//! payload it does not accept, for whatever reason, goes to the full validator, which reports
//! every error. So it must never accept what the full validator rejects: the tests of each
//! keyword come from the keyword's own family, and a schema using any keyword the fast path
//! does not know gets no fast path at all.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};
use serde_json::Value;

use super::graph::{Body, Graph, JsonType, NodeId, Rules};
use super::keywords::{core, numbers, strings};
use crate::emit::types::{RustType, Scalar, StructDef};

/// What the fast path can do for one schema.
pub struct FastPath {
    /// `mod fast { ... }`.
    pub module: TokenStream,
    /// Whether `fast::decode` exists (the root type's fields could all be built from the wire).
    pub decodes: bool,
}

/// The kind of JSON value a property holds on the wire.
#[derive(Clone, Copy, PartialEq)]
enum Wire {
    String,
    Integer,
    Number,
    Boolean,
}

struct Property<'g> {
    name: &'g str,
    wire: Wire,
    nullable: bool,
    required: bool,
    rules: &'g Rules,
}

/// The fast path of the schema whose root is `root`, if its shape allows one. `root_type` is
/// the name and description of the root's generated struct, for the decoder.
pub fn emit(
    graph: &Graph,
    root: NodeId,
    root_type: Option<(&str, &StructDef)>,
) -> Option<FastPath> {
    let properties = eligible(graph, root)?;
    let mut wire_fields = wire_fields(&properties);
    let conditions: Vec<Vec<TokenStream>> = properties
        .iter()
        .zip(&wire_fields)
        .map(|(p, ident)| conditions(ident, p))
        .collect();
    let decode = root_type.and_then(|(name, def)| decoder(name, def, &properties, &wire_fields));
    let decodes = decode.is_some();
    // A member nothing tests and nothing decodes is still checked by its type as serde reads
    // it: its field says so by its leading underscore.
    let mut taken: std::collections::BTreeSet<String> =
        wire_fields.iter().map(ToString::to_string).collect();
    for (ident, tests) in wire_fields.iter_mut().zip(&conditions) {
        if !decodes && tests.is_empty() {
            let unread = crate::names::unique(&format!("_{ident}"), "_", &mut taken);
            *ident = format_ident!("{}", unread);
        }
    }
    let conditions: Vec<TokenStream> = conditions.into_iter().flatten().collect();
    let fields = properties.iter().zip(&wire_fields).map(|(p, ident)| {
        let name = p.name;
        match p.wire {
            Wire::String => quote! {
                #[serde(rename = #name, default, borrow)]
                #ident: Field<Str<'a>>
            },
            Wire::Integer | Wire::Number => quote! {
                #[serde(rename = #name, default)]
                #ident: Field<Number>
            },
            Wire::Boolean => quote! {
                #[serde(rename = #name, default)]
                #ident: Field<bool>
            },
        }
    });
    let verdict = if conditions.is_empty() {
        quote! { Some(wire) }
    } else {
        quote! { (#(#conditions)&&*).then_some(wire) }
    };
    // Only string members borrow from the input.
    let borrows = properties.iter().any(|p| p.wire == Wire::String);
    let (declared, elided) = if borrows {
        (quote! { <'a> }, quote! { <'_> })
    } else {
        (quote! {}, quote! {})
    };
    let module = quote! {
        /// A single pass over valid payloads, with no `serde_json::Value` built; anything it
        /// does not accept goes to the full validator in `checks`.
        mod fast {
            use ::schema_runtime::fast::prelude::*;

            #[derive(::serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Wire #declared {
                #(#fields,)*
            }

            /// The payload's wire form, when it is valid.
            fn wire(bytes: &[u8]) -> Option<Wire #elided> {
                let wire: Wire #elided = object(bytes)?;
                #verdict
            }

            /// Whether the payload is certainly valid; `false` means "ask the full validator".
            pub(super) fn check(bytes: &[u8]) -> bool {
                wire(bytes).is_some()
            }

            #decode
        }
    };
    Some(FastPath { module, decodes })
}

/// The properties, when the root is an object of scalar properties whose keywords the fast
/// path checks exactly.
fn eligible(graph: &Graph, root: NodeId) -> Option<Vec<Property<'_>>> {
    let Body::Rules(rules) = &graph.nodes[root].body else {
        return None;
    };
    // Every keyword is named here, so that a new one cannot slip past the fast path.
    // Keywords of other types than objects (`_` below) do not apply once the root is an
    // object.
    let Rules {
        types,
        integer_without_fraction: _,
        enum_values,
        const_value,
        reference,
        dynamic_reference,
        content: _,
        unevaluated_properties,
        unevaluated_items: _,
        contains_evaluates: _,
        min_length: _,
        max_length: _,
        pattern: _,
        format: _,
        minimum: _,
        maximum: _,
        exclusive_minimum: _,
        exclusive_maximum: _,
        multiple_of: _,
        required,
        properties,
        pattern_properties,
        additional_properties: _,
        property_names,
        min_properties,
        max_properties,
        dependent_required,
        dependent_schemas,
        prefix_items: _,
        items: _,
        min_items: _,
        max_items: _,
        unique_items: _,
        contains: _,
        min_contains: _,
        max_contains: _,
        all_of,
        any_of,
        one_of,
        not,
        if_,
        then_,
        else_,
    } = rules.as_ref();
    let shape_ok = types.as_slice() == [JsonType::Object]
        && enum_values.is_none()
        && const_value.is_none()
        && reference.is_none()
        && dynamic_reference.is_none()
        && unevaluated_properties.is_none()
        && pattern_properties.is_empty()
        && property_names.is_none()
        && min_properties.is_none()
        && max_properties.is_none()
        && dependent_required.is_empty()
        && dependent_schemas.is_empty()
        && all_of.is_empty()
        && any_of.is_empty()
        && one_of.is_empty()
        && not.is_none()
        && if_.is_none()
        && then_.is_none()
        && else_.is_none()
        // Unknown members send the payload to the full validator (the wire denies them), so
        // `additionalProperties` can be anything; so can a `required` name without a
        // property, which the wire cannot hold.
        && !properties.is_empty()
        && required.iter().all(|name| properties.iter().any(|(p, _)| p == name));
    if !shape_ok {
        return None;
    }
    properties
        .iter()
        .map(|(name, edge)| scalar_property(graph, name, edge.node, required.contains(name)))
        .collect()
}

fn scalar_property<'g>(
    graph: &'g Graph,
    name: &'g str,
    node: NodeId,
    required: bool,
) -> Option<Property<'g>> {
    let Body::Rules(rules) = &graph.nodes[node].body else {
        return None;
    };
    let Rules {
        types,
        integer_without_fraction,
        enum_values,
        const_value,
        reference,
        dynamic_reference,
        content,
        unevaluated_properties,
        unevaluated_items,
        contains_evaluates: _,
        min_length: _,
        max_length: _,
        pattern: _,
        format: _,
        minimum: _,
        maximum: _,
        exclusive_minimum: _,
        exclusive_maximum: _,
        multiple_of: _,
        required: object_required,
        properties,
        pattern_properties,
        additional_properties,
        property_names,
        min_properties,
        max_properties,
        dependent_required,
        dependent_schemas,
        prefix_items,
        items,
        min_items,
        max_items,
        unique_items,
        contains,
        min_contains,
        max_contains,
        all_of,
        any_of,
        one_of,
        not,
        if_,
        then_,
        else_,
    } = rules.as_ref();
    let nullable = types.contains(&JsonType::Null);
    let non_null: Vec<JsonType> = types
        .iter()
        .copied()
        .filter(|t| *t != JsonType::Null)
        .collect();
    let wire = match non_null.as_slice() {
        [JsonType::String] => Wire::String,
        [JsonType::Integer] => Wire::Integer,
        [JsonType::Number] => Wire::Number,
        [JsonType::Boolean] => Wire::Boolean,
        _ => return None,
    };
    // `enum` and `const` are checked only as strings, and only when `null` is not allowed
    // (a `null` would have to be among their values).
    let strings_only = |values: &[Value]| values.iter().all(Value::is_string);
    let literals_ok = (enum_values.is_none() && const_value.is_none())
        || (wire == Wire::String
            && !nullable
            && enum_values.as_deref().is_none_or(strings_only)
            && const_value.as_ref().is_none_or(Value::is_string));
    // Object and array keywords never apply to a scalar, but a schema that has them is not
    // one this fast path was written for.
    // The keywords the fast path has no test for send the schema to the full validator.
    let only_scalar_keywords = !integer_without_fraction
        && content.is_none()
        && dynamic_reference.is_none()
        && unevaluated_properties.is_none()
        && unevaluated_items.is_none()
        && reference.is_none()
        && object_required.is_empty()
        && properties.is_empty()
        && pattern_properties.is_empty()
        && additional_properties.is_none()
        && property_names.is_none()
        && min_properties.is_none()
        && max_properties.is_none()
        && dependent_required.is_empty()
        && dependent_schemas.is_empty()
        && prefix_items.is_empty()
        && items.is_none()
        && min_items.is_none()
        && max_items.is_none()
        && !unique_items
        && contains.is_none()
        && min_contains.is_none()
        && max_contains.is_none()
        && all_of.is_empty()
        && any_of.is_empty()
        && one_of.is_empty()
        && not.is_none()
        && if_.is_none()
        && then_.is_none()
        && else_.is_none();
    (literals_ok && only_scalar_keywords).then_some(Property {
        name,
        wire,
        nullable,
        required,
        rules,
    })
}

/// What the member must satisfy: present unless optional, not `null` unless nullable, and a
/// present value passing every keyword. Nothing when anything goes.
fn conditions(field: &syn::Ident, p: &Property<'_>) -> Vec<TokenStream> {
    let mut conditions = Vec::new();
    if p.required {
        conditions.push(quote! { !wire.#field.is_absent() });
    }
    if !p.nullable {
        conditions.push(quote! { !wire.#field.is_null() });
    }
    let (binding, tests) = match p.wire {
        Wire::String => {
            let mut tests = core::fast_string_tests(p.rules);
            tests.extend(strings::fast_tests(p.rules));
            (quote! { s }, tests)
        }
        Wire::Integer | Wire::Number => (
            quote! { n },
            numbers::fast_tests(p.rules, p.wire == Wire::Integer),
        ),
        Wire::Boolean => (quote! { _ }, Vec::new()),
    };
    if !tests.is_empty() {
        let present = match p.wire {
            Wire::String => quote! { present_str },
            _ => quote! { present },
        };
        let test = match tests.as_slice() {
            [one] => called_on(one, &binding).unwrap_or_else(|| quote! { |#binding| #one }),
            _ => quote! { |#binding| #(#tests)&&* },
        };
        conditions.push(quote! { wire.#field.#present().is_none_or(#test) });
    }
    conditions
}

/// `f` when `test` is `f(binding)`: the function itself, not a closure that only calls it.
fn called_on(test: &TokenStream, binding: &TokenStream) -> Option<TokenStream> {
    let syn::Expr::Call(call) = syn::parse2::<syn::Expr>(test.clone()).ok()? else {
        return None;
    };
    let [argument] = call.args.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    (argument.to_token_stream().to_string() == binding.to_string())
        .then(|| call.func.to_token_stream())
}

/// The wire struct's field of each property: named after it, unique, never a keyword.
fn wire_fields(properties: &[Property<'_>]) -> Vec<syn::Ident> {
    let mut taken = std::collections::BTreeSet::new();
    properties
        .iter()
        .map(|p| {
            crate::names::ident(&crate::names::unique(
                &crate::names::field_name(p.name),
                "_",
                &mut taken,
            ))
        })
        .collect()
}

/// `fast::decode`, when every field of the root type can be built from the wire.
fn decoder(
    type_name: &str,
    def: &StructDef,
    properties: &[Property<'_>],
    wire_fields: &[syn::Ident],
) -> Option<TokenStream> {
    if def.fields.len() != properties.len() {
        return None;
    }
    let mut inits = Vec::new();
    for field in &def.fields {
        let index = properties.iter().position(|p| p.name == field.wire)?;
        let property = &properties[index];
        if field.default || field.required != property.required {
            // A default to fill, or typify reads the schema differently: no shortcut.
            return None;
        }
        let (optional, inner) = match &field.ty {
            RustType::Option(inner) => (true, &**inner),
            other => (false, other),
        };
        let convert = match (property.wire, inner) {
            (Wire::String, RustType::String) => quote! { Some(v.into_string()) },
            (Wire::String, RustType::Scalar(Scalar::Secret)) => quote! { Some(v.into_secret()) },
            (Wire::String, RustType::Scalar(Scalar::DateTime)) => quote! { date_time(&v) },
            (Wire::Integer, RustType::Scalar(Scalar::Integer(name))) => {
                let ty = format_ident!("{}", name);
                quote! { integer::<#ty>(&v) }
            }
            (Wire::Integer | Wire::Number, RustType::Scalar(Scalar::Float(name)))
                if name == "f64" =>
            {
                quote! { v.as_f64() }
            }
            (Wire::Boolean, RustType::Scalar(Scalar::Bool)) => quote! { Some(v) },
            _ => return None,
        };
        if !optional && (!property.required || property.nullable) {
            return None;
        }
        let ident = crate::names::ident(&field.rust);
        let wire_field = &wire_fields[index];
        let method = if optional {
            quote! { optional }
        } else {
            quote! { required }
        };
        inits.push(quote! { #ident: wire.#wire_field.#method(|v| #convert)? });
    }
    let ty = format_ident!("{}", type_name);
    Some(quote! {
        /// The payload decoded, when it is valid and every member converts.
        pub(super) fn decode(bytes: &[u8]) -> Option<super::#ty> {
            let wire = wire(bytes)?;
            Some(super::#ty { #(#inits,)* })
        }
    })
}

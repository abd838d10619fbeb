//! The fast path: for a root schema that is an object of scalar properties (Credentials), a
//! single serde pass into a borrowed wire struct, then typed tests, with no
//! `serde_json::Value` in between. `validate_json` and `from_json` try it first.
//!
//! It only ever answers "valid" (and, for `from_json`, hands back the decoded value): any
//! payload it does not accept, for whatever reason, goes to the full validator, which reports
//! every error. So it must never accept what the full validator rejects: the tests of each
//! keyword come from the keyword's own family, and so does the verdict on whether the fast
//! path can take the keyword at all; each family names every field of its rules there, so that
//! the compiler asks the question of a new keyword. A schema using any keyword the fast path
//! cannot test gets no fast path at all.

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::edge::NodeId;
use super::graph::{Body, Graph};
use super::keywords::{Rules, applicators, arrays, core, numbers, objects, strings, unevaluated};
use crate::emit::types::{RustType, Scalar, StructDef};
use crate::vocabulary::JsonType;

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
    /// The tests of a present, non-null value, bound to `s` or `n` by its wire type.
    tests: Vec<TokenStream>,
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
/// path checks exactly. Each family says what it allows, naming every keyword of its own.
fn eligible(graph: &Graph, root: NodeId) -> Option<Vec<Property<'_>>> {
    let Body::Rules(rules) = &graph.nodes[root].body else {
        return None;
    };
    let Rules {
        core,
        // Their keywords apply to other types than objects.
        strings: _,
        numbers: _,
        arrays: _,
        objects,
        applicators,
        unevaluated,
    } = rules.as_ref();
    if !(core::fast_root(core)
        && applicators::fast_path_free(applicators)
        && unevaluated::fast_root(unevaluated))
    {
        return None;
    }
    objects::fast_root(objects)?
        .into_iter()
        .map(|(name, edge, required)| scalar_property(graph, name, edge.node, required))
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
        core,
        strings,
        numbers,
        objects,
        arrays,
        applicators,
        unevaluated,
    } = rules.as_ref();
    let (json_type, nullable) = core::fast_member(core)?;
    let wire = match json_type {
        JsonType::String => Wire::String,
        JsonType::Integer => Wire::Integer,
        JsonType::Number => Wire::Number,
        JsonType::Boolean => Wire::Boolean,
        _ => return None,
    };
    // A family that cannot test its keywords sends the schema to the full validator, whatever
    // the member's type.
    let string_tests = strings::fast_tests(strings)?;
    let others_ok = objects::fast_member(objects)
        && arrays::fast_member(arrays)
        && applicators::fast_path_free(applicators)
        && unevaluated::fast_member(unevaluated);
    if !others_ok {
        return None;
    }
    let tests = match wire {
        Wire::String => {
            let mut tests = core::fast_string_tests(core);
            tests.extend(string_tests);
            tests
        }
        Wire::Integer | Wire::Number => numbers::fast_tests(numbers, wire == Wire::Integer),
        Wire::Boolean => Vec::new(),
    };
    Some(Property {
        name,
        wire,
        nullable,
        required,
        tests,
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
    let binding = match p.wire {
        Wire::String => quote! { s },
        Wire::Integer | Wire::Number => quote! { n },
        Wire::Boolean => quote! { _ },
    };
    let tests = &p.tests;
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
        let (method, inner) = match &field.ty {
            RustType::Option(inner) => (quote! { optional }, &**inner),
            // The wire tells absent from `null` already (`Field`).
            RustType::Nullable(inner) => (quote! { nullable }, &**inner),
            other => (quote! { required }, other),
        };
        let optional = matches!(field.ty, RustType::Option(_) | RustType::Nullable(_));
        let convert = match (property.wire, inner) {
            (Wire::String, RustType::String) => quote! { Some(v.into_string()) },
            (Wire::String, RustType::Scalar(Scalar::Secret)) => quote! { Some(v.into_secret()) },
            (Wire::String, RustType::Scalar(Scalar::DateTime)) => quote! { date_time(&v) },
            (Wire::String, RustType::Scalar(Scalar::DateTimeAsWritten)) => {
                quote! { date_time_as_written(&v) }
            }
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
        inits.push(quote! { #ident: wire.#wire_field.#method(|v| #convert)? });
    }
    // The wire refuses members it does not name, so a payload it decodes has none to keep.
    if let Some(map) = &def.unknown_members {
        let ident = crate::names::ident(map);
        inits.push(quote! { #ident: ::serde_json::Map::new() });
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

//! The fast path: for a root schema that is an object of scalar properties (Credentials), a
//! single serde pass into a borrowed wire struct, then typed checks, with no
//! `serde_json::Value` in between. `validate_json` and `from_json` try it first.
//!
//! It only ever answers "valid" (and, for `from_json`, hands back the decoded value): any
//! payload it does not accept, for whatever reason, goes to the full validator, which reports
//! every error. So it must never accept what the full validator rejects: it checks exactly the
//! keywords the full validator checks, with the same runtime functions, and a schema using
//! any keyword it does not know gets no fast path at all.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;

use super::graph::{Body, Graph, JsonType, NodeId, Rules};
use super::nodes::limit;
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
    scalar: Wire,
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
    let fields = properties.iter().enumerate().map(|(i, p)| {
        let ident = format_ident!("f{}", i);
        let name = p.name;
        match p.scalar {
            Wire::String => quote! {
                #[serde(rename = #name, default, borrow)]
                #ident: ::schema_runtime::fast::Field<::schema_runtime::fast::Str<'a>>
            },
            Wire::Integer | Wire::Number => quote! {
                #[serde(rename = #name, default)]
                #ident: ::schema_runtime::fast::Field<::serde_json::Number>
            },
            Wire::Boolean => quote! {
                #[serde(rename = #name, default)]
                #ident: ::schema_runtime::fast::Field<bool>
            },
        }
    });
    let checks = properties
        .iter()
        .enumerate()
        .map(|(i, p)| property_check(&format_ident!("f{}", i), p));
    let decode = root_type.and_then(|(name, def)| decoder(name, def, &properties));
    let decodes = decode.is_some();
    // Only string members borrow from the input.
    let borrows = properties.iter().any(|p| p.scalar == Wire::String);
    let (declared, elided) = if borrows {
        (quote! { <'a> }, quote! { <'_> })
    } else {
        (quote! {}, quote! {})
    };
    let module = quote! {
        /// A single pass over valid payloads, with no `serde_json::Value` built; anything it
        /// does not accept goes to the full validator in `checks`.
        mod fast {
            #[derive(::serde::Deserialize)]
            #[serde(deny_unknown_fields)]
            struct Wire #declared {
                #(#fields,)*
            }

            /// The payload's wire form, when it is valid.
            fn wire(bytes: &[u8]) -> ::std::option::Option<Wire #elided> {
                // serde reads a struct from a JSON array too; only an object is one here.
                if bytes.iter().find(|b| !b.is_ascii_whitespace()) != ::std::option::Option::Some(&b'{') {
                    return ::std::option::Option::None;
                }
                // One UTF-8 check of the whole document (fast on ASCII) instead of one per
                // string, which `from_slice` does.
                let text = ::std::str::from_utf8(bytes).ok()?;
                let wire: Wire #elided = ::serde_json::from_str(text).ok()?;
                #(
                    if !#checks {
                        return ::std::option::Option::None;
                    }
                )*
                ::std::option::Option::Some(wire)
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
        enum_values,
        const_value,
        reference,
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
        enum_values,
        const_value,
        reference,
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
    let scalar = match non_null.as_slice() {
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
        || (scalar == Wire::String
            && !nullable
            && enum_values.as_deref().is_none_or(strings_only)
            && const_value.as_ref().is_none_or(Value::is_string));
    // Object and array keywords never apply to a scalar, but a schema that has them is not
    // one this fast path was written for.
    let only_scalar_keywords = reference.is_none()
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
        scalar,
        nullable,
        required,
        rules,
    })
}

/// `true` when the member is acceptable: absent unless required, null only if allowed, and a
/// present value passing every keyword.
fn property_check(field: &syn::Ident, p: &Property<'_>) -> TokenStream {
    let r = p.rules;
    let absent = !p.required;
    let null = p.nullable;
    let mut tests: Vec<TokenStream> = Vec::new();
    match p.scalar {
        Wire::String => {
            if let Some(values) = &r.enum_values {
                let strings = values.iter().filter_map(Value::as_str);
                tests.push(quote! { matches!(s, #(#strings)|*) });
            }
            if let Some(Value::String(expected)) = &r.const_value {
                tests.push(quote! { s == #expected });
            }
            if r.min_length.is_some() || r.max_length.is_some() {
                let min = r.min_length.unwrap_or(0);
                let max = r.max_length.unwrap_or(u64::MAX);
                tests.push(quote! { (#min..=#max).contains(&(s.chars().count() as u64)) });
            }
            if let Some(pattern) = &r.pattern {
                tests.push(quote! {{
                    static PATTERN: ::schema_runtime::pattern::Pattern = ::schema_runtime::pattern::Pattern::new(#pattern);
                    PATTERN.is_match(s)
                }});
            }
            if let Some(format) = &r.format {
                let checker = format_ident!("{}", format.replace('-', "_"));
                tests.push(quote! { ::schema_runtime::format::#checker(s) });
            }
        }
        Wire::Integer | Wire::Number => {
            if p.scalar == Wire::Integer {
                tests.push(quote! { ::schema_runtime::num::is_integer(n) });
            }
            let bounds = [
                (&r.minimum, quote! { != ::std::cmp::Ordering::Less }),
                (
                    &r.exclusive_minimum,
                    quote! { == ::std::cmp::Ordering::Greater },
                ),
                (&r.maximum, quote! { != ::std::cmp::Ordering::Greater }),
                (
                    &r.exclusive_maximum,
                    quote! { == ::std::cmp::Ordering::Less },
                ),
            ];
            for (bound, passing) in bounds {
                if let Some(n) = bound {
                    let limit = limit(n);
                    tests.push(quote! { ::schema_runtime::num::compare(n, #limit) #passing });
                }
            }
            if let Some(divisor) = &r.multiple_of {
                let limit = limit(divisor);
                tests.push(quote! { ::schema_runtime::num::is_multiple_of(n, #limit) });
            }
        }
        Wire::Boolean => {}
    }
    let binding = match (p.scalar, tests.is_empty()) {
        (_, true) | (Wire::Boolean, _) => quote! { ::schema_runtime::fast::Field::Present(_) },
        (Wire::String, false) => {
            quote! { ::schema_runtime::fast::Field::Present(::schema_runtime::fast::Str(s)) }
        }
        (Wire::Integer | Wire::Number, false) => {
            quote! { ::schema_runtime::fast::Field::Present(n) }
        }
    };
    let prelude =
        (p.scalar == Wire::String && !tests.is_empty()).then(|| quote! { let s: &str = s; });
    let present = if tests.is_empty() {
        quote! { true }
    } else {
        quote! { { #prelude #(#tests)&&* } }
    };
    quote! {
        (match &wire.#field {
            ::schema_runtime::fast::Field::Absent => #absent,
            ::schema_runtime::fast::Field::Null => #null,
            #binding => #present,
        })
    }
}

/// How a wire value becomes a field of the root type.
enum Conversion {
    String,
    Secret,
    DateTime,
    Integer(TokenStream),
    Float,
    Bool,
}

/// `fast::decode`, when every field of the root type can be built from the wire.
fn decoder(type_name: &str, def: &StructDef, properties: &[Property<'_>]) -> Option<TokenStream> {
    if def.fields.len() != properties.len() {
        return None;
    }
    let mut inits = Vec::new();
    for field in &def.fields {
        if field.default {
            return None;
        }
        let ident = crate::names::ident(&field.rust);
        let index = properties.iter().position(|p| p.name == field.wire)?;
        let property = &properties[index];
        if field.required != property.required {
            // typify and the validators read the schema differently: no shortcut.
            return None;
        }
        let (optional, conversion) = classify(&field.ty)?;
        let fitting = matches!(
            (property.scalar, &conversion),
            (
                Wire::String,
                Conversion::String | Conversion::Secret | Conversion::DateTime
            ) | (Wire::Integer, Conversion::Integer(_) | Conversion::Float)
                | (Wire::Number, Conversion::Float)
                | (Wire::Boolean, Conversion::Bool)
        );
        if !fitting || (!optional && (!property.required || property.nullable)) {
            return None;
        }
        let wire_field = format_ident!("f{}", index);
        // (conversion, whether it can fail)
        let (convert, fallible) = match conversion {
            Conversion::String => (quote! { v.0.into_owned() }, false),
            Conversion::Secret => (
                quote! { ::schema_runtime::SecretString::from(v.0.into_owned()) },
                false,
            ),
            Conversion::DateTime => (quote! { ::schema_runtime::fast::date_time(&v.0) }, true),
            Conversion::Integer(ty) => {
                (quote! { ::schema_runtime::fast::integer::<#ty>(&v) }, true)
            }
            Conversion::Float => (quote! { v.as_f64() }, true),
            Conversion::Bool => (quote! { v }, false),
        };
        let convert = if fallible {
            quote! { #convert? }
        } else {
            convert
        };
        let value = if optional {
            quote! {
                match wire.#wire_field {
                    ::schema_runtime::fast::Field::Present(v) => ::std::option::Option::Some(#convert),
                    _ => ::std::option::Option::None,
                }
            }
        } else {
            quote! {
                match wire.#wire_field {
                    ::schema_runtime::fast::Field::Present(v) => #convert,
                    _ => return ::std::option::Option::None,
                }
            }
        };
        inits.push(quote! { #ident: #value });
    }
    let ty = format_ident!("{}", type_name);
    Some(quote! {
        /// The payload decoded, when it is valid and every member converts.
        pub(super) fn decode(bytes: &[u8]) -> ::std::option::Option<super::#ty> {
            let wire = wire(bytes)?;
            ::std::option::Option::Some(super::#ty { #(#inits,)* })
        }
    })
}

/// (is `Option<…>`, how to build the inner type), for the types the fast path builds.
fn classify(ty: &RustType) -> Option<(bool, Conversion)> {
    let (optional, inner) = match ty {
        RustType::Option(inner) => (true, &**inner),
        other => (false, other),
    };
    let conversion = match inner {
        RustType::String => Conversion::String,
        RustType::Scalar(Scalar::Secret) => Conversion::Secret,
        RustType::Scalar(Scalar::DateTime) => Conversion::DateTime,
        RustType::Scalar(Scalar::Float(name)) if name == "f64" => Conversion::Float,
        RustType::Scalar(Scalar::Bool) => Conversion::Bool,
        RustType::Scalar(Scalar::Integer(name)) => {
            let ident = format_ident!("{}", name);
            Conversion::Integer(quote! { #ident })
        }
        _ => return None,
    };
    Some((optional, conversion))
}

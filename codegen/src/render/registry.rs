//! `SCHEMAS`, the registry of the generated crate: what tools (the `validate` command,
//! tests) pick a schema or a model set's component by, with its validators.

use quote::format_ident;

use crate::emit::SchemaCode;
use crate::emit::validation::EntryCode;

/// `SCHEMAS`: every schema, for tools that pick one by name, and every component of a
/// model set (`crm/Lead`).
pub(super) fn registry(codes: &[SchemaCode<'_>]) -> syn::Item {
    let files = codes
        .iter()
        .filter(|code| code.validation.is_some() && !code.schema.is_model_set());
    let entries = files.map(|code| {
        let name = &code.schema.file.stem;
        let type_name = code.root_type();
        let source = &code.schema.file.display;
        let module = format_ident!("{}", code.schema.module);
        let type_ident = format_ident!("{}", code.root_type());
        let round_trip = match &code.types {
            Some(_) => quote::quote! {
                ::std::option::Option::Some(::schema_runtime::registry::round_trip::<#module::#type_ident>)
            },
            None => quote::quote! { ::std::option::Option::None },
        };
        literal(Literal {
            name,
            type_name,
            source,
            validate: quote::quote! { #module::validate },
            validate_json: quote::quote! { #module::validate_json },
            round_trip,
            directions: quote::quote! { ::std::option::Option::None },
        })
    });
    let components = codes
        .iter()
        .filter(|code| code.validation.is_some())
        .flat_map(|code| {
            code.entries
                .iter()
                .map(|entry| component_entry(code, entry))
        });
    let files: Vec<proc_macro2::TokenStream> = entries.collect();
    let components: Vec<proc_macro2::TokenStream> = components.collect();
    // Worded as before model sets existed when there are none, so that a crate without
    // any is generated as it was.
    let doc = match components.is_empty() {
        true => " Every compiled-in schema, in file-name order.",
        false => {
            " Every compiled-in schema, in file-name order, then each model set's components (`<module>/<Component>`), by module."
        }
    };
    syn::parse_quote! {
        #[doc = #doc]
        pub static SCHEMAS: &[::schema_runtime::registry::SchemaEntry] = &[#(#files,)* #(#components),*];
    }
}

/// The registry entry of one component of a model set. One without a type of its own is
/// validated through its `checks` function, which the crate can reach.
fn component_entry(code: &SchemaCode<'_>, entry: &EntryCode) -> proc_macro2::TokenStream {
    let module = format_ident!("{}", code.schema.module);
    let name = &entry.name;
    let source = &entry.source;
    let check = &entry.check;
    let input_round_trip = match &entry.input_type {
        Some(input) => {
            let input = format_ident!("{}", input);
            quote::quote! {
                ::std::option::Option::Some(::schema_runtime::registry::round_trip::<#module::#input>)
            }
        }
        None => quote::quote! { ::std::option::Option::None },
    };
    let directions = match &entry.directions {
        Some([request, response]) => quote::quote! {
            ::std::option::Option::Some(::schema_runtime::registry::Directions {
                request: |value| ::schema_runtime::validation::validate(value, #request),
                response: |value| ::schema_runtime::validation::validate(value, #response),
                input_round_trip: #input_round_trip,
            })
        },
        None => quote::quote! { ::std::option::Option::None },
    };
    match &entry.type_name {
        Some(type_name) => {
            let ty = format_ident!("{}", type_name);
            literal(Literal {
                name,
                type_name,
                source,
                validate: quote::quote! { #module::#ty::validate },
                validate_json: quote::quote! { #module::#ty::validate_json },
                round_trip: quote::quote! {
                    ::std::option::Option::Some(::schema_runtime::registry::round_trip::<#module::#ty>)
                },
                directions,
            })
        }
        None => literal(Literal {
            name,
            type_name: "",
            source,
            validate: quote::quote! {
                |value| ::schema_runtime::validation::validate(value, #module::checks::#check)
            },
            validate_json: quote::quote! {
                |bytes| ::schema_runtime::validation::validate_bytes(bytes, #module::checks::#check)
            },
            round_trip: quote::quote! { ::std::option::Option::None },
            directions,
        }),
    }
}

/// The fields of one `SchemaEntry`: its strings, and its functions as expressions.
struct Literal<'a> {
    name: &'a str,
    type_name: &'a str,
    source: &'a str,
    validate: proc_macro2::TokenStream,
    validate_json: proc_macro2::TokenStream,
    round_trip: proc_macro2::TokenStream,
    directions: proc_macro2::TokenStream,
}

fn literal(fields: Literal<'_>) -> proc_macro2::TokenStream {
    let Literal {
        name,
        type_name,
        source,
        validate,
        validate_json,
        round_trip,
        directions,
    } = fields;
    quote::quote! {
        ::schema_runtime::registry::SchemaEntry {
            name: #name,
            type_name: #type_name,
            source: #source,
            validate: #validate,
            validate_json: #validate_json,
            round_trip: #round_trip,
            directions: #directions,
        }
    }
}

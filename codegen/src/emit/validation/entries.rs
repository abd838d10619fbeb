//! The entry points of a model set (an OpenAPI document listed in `codegen.toml`): each
//! selected component's type gets `validate`, `is_valid`, `validate_json`, `from_json` and
//! its kin as associated functions, since one module holds many entry points and module-level
//! `validate` could name only one. A schema file's entry points are `super::entry_points`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::graph::Graph;
use crate::directions::{Direction, View};
use crate::emit::types::TypeCode;
use crate::examples::Checked;
use crate::resolve::Place;
use crate::schema_set::Schema;

/// What the registry needs of one entry point of a model set.
#[derive(Debug, Clone)]
pub struct EntryCode {
    /// `<module>/<component>`: the name tools pick it by.
    pub name: String,
    /// Where the component is: `schema/crm.yml#/components/schemas/Lead`.
    pub source: String,
    /// The Rust type it decodes into, when the module defines one (a component `codegen.toml`
    /// replaces, or one typify could not type, has none: validation still works).
    pub type_name: Option<String>,
    /// Its validator function in the module's `checks`.
    pub check: syn::Ident,
    /// Where a request's and a response's validator functions are, from the crate's schemas
    /// module (`resource_crm_request::checks::…`), when a direction changes the component.
    pub directions: Option<[TokenStream; 2]>,
    /// The Rust name of its input type (`LeadInput`), where it has one.
    pub input_type: Option<String>,
}

/// The places of the model set `schema` (document `doc`) that validation starts from: each
/// component, in the document and in each direction's view that changes it, and the
/// request view's component of each input type (which may not be an entry point: a
/// component the selection leaves out).
pub(super) fn roots(schema: &Schema, doc: usize, views: &[(&View, usize)]) -> Vec<Place> {
    let mut roots = Vec::new();
    for entry in &schema.entries {
        roots.push(entry.place(doc));
        roots.extend(
            views
                .iter()
                .filter(|(view, _)| view.changes(&entry.pointer))
                .map(|(_, view_doc)| Place {
                    doc: *view_doc,
                    pointer: entry.pointer.clone(),
                }),
        );
    }
    let request = views
        .iter()
        .find(|(view, _)| view.direction == Direction::Request);
    if let (Some(inputs), Some((_, view_doc))) = (&schema.inputs, request) {
        roots.extend(inputs.entries.iter().map(|entry| Place {
            doc: *view_doc,
            pointer: entry.pointer.clone(),
        }));
    }
    roots
}

/// Where a documented example's schema validates it: in its direction's view where that
/// changes the schema, else in the document (`views` are the example's model set's).
pub(super) fn example_root(example: &Checked, views: &[(&View, usize)]) -> Place {
    let view = views.iter().find(|(view, _)| {
        Some(view.direction) == example.direction && view.changes(&example.schema)
    });
    Place {
        doc: view.map_or(example.doc, |(_, view_doc)| *view_doc),
        pointer: example.schema.clone(),
    }
}

/// The entry points of the model set `schema` (document `doc`), and the impl blocks that
/// carry them.
pub(super) fn entry_points(
    schema: &Schema,
    doc: usize,
    graph: &Graph,
    names: &[syn::Ident],
    types: Option<&TypeCode>,
    views: &[(&View, usize, &str)],
) -> (TokenStream, Vec<EntryCode>) {
    let mut impls = Vec::new();
    let mut codes = Vec::new();
    let module = format_ident!("{}", schema.module);
    for entry in &schema.entries {
        let check = names[graph.index[&entry.place(doc)]].clone();
        let own = quote! { #module::checks::#check };
        // A view that changes the component has it as a root.
        let directed = Direction::BOTH.map(|direction| {
            views
                .iter()
                .filter(|(view, _, _)| view.direction == direction && view.changes(&entry.pointer))
                .find_map(|(_, view_doc, view_module)| {
                    let id = graph.index.get(&Place {
                        doc: *view_doc,
                        pointer: entry.pointer.clone(),
                    })?;
                    let function = &names[*id];
                    let view_module = format_ident!("{view_module}");
                    Some(quote! { #view_module::checks::#function })
                })
        });
        let changed = directed.iter().any(Option::is_some);
        let source = format!("{}#{}", schema.file.display, entry.pointer);
        let type_name = defined(types, &entry.type_name);
        if let Some(name) = &type_name {
            impls.push(impl_block(
                &source,
                name,
                &quote! { checks::#check },
                Some(&directed),
            ));
        }
        codes.push(EntryCode {
            name: format!("{}/{}", schema.module, entry.component),
            source,
            type_name,
            check,
            directions: changed.then(|| directed.map(|path| path.unwrap_or_else(|| own.clone()))),
            input_type: schema
                .inputs
                .iter()
                .flat_map(|inputs| &inputs.entries)
                .find(|input| input.component == entry.component)
                .and_then(|input| defined(types, &input.type_name)),
        });
    }
    impls.extend(input_impls(schema, graph, names, types, views));
    if impls.is_empty() {
        return (TokenStream::new(), codes);
    }
    let code = quote! {
        use ::schema_runtime as runtime;

        #(#impls)*
    };
    (code, codes)
}

/// The Rust name of the type generated as `type_name`, if the module defines it: only a type
/// the module defines can take an impl block (a component `codegen.toml` replaces, or one
/// typify could not type, has none: validation still works).
fn defined(types: Option<&TypeCode>, type_name: &str) -> Option<String> {
    let info = &types?.info;
    let name = info.rust_name(type_name);
    info.types.contains_key(name).then(|| name.to_string())
}

/// The associated functions of each input type (`LeadInput`): it validates as its component
/// does in a request, and has no directions of its own.
fn input_impls(
    schema: &Schema,
    graph: &Graph,
    names: &[syn::Ident],
    types: Option<&TypeCode>,
    views: &[(&View, usize, &str)],
) -> Vec<TokenStream> {
    let Some(inputs) = &schema.inputs else {
        return Vec::new();
    };
    let Some((_, view_doc, view_module)) = views
        .iter()
        .find(|(view, _, _)| view.direction == Direction::Request)
    else {
        return Vec::new();
    };
    let view_module = format_ident!("{view_module}");
    inputs
        .entries
        .iter()
        .filter_map(|entry| {
            let type_name = defined(types, &entry.type_name)?;
            let id = graph.index.get(&Place {
                doc: *view_doc,
                pointer: entry.pointer.clone(),
            })?;
            let function = &names[*id];
            let source = format!("{}#{} (request)", schema.file.display, entry.pointer);
            let check = quote! { super::#view_module::checks::#function };
            Some(impl_block(&source, &type_name, &check, None))
        })
        .collect()
}

/// The associated functions of one component's type (validating through the function at
/// `check`), and its `Model` impl. Every path goes through `runtime`, so that no component's
/// name (`Result`, `Value`) shadows them. A component's type validates in each direction
/// (`directed`: where a view changes it); an input type has no directions.
fn impl_block(
    source: &str,
    type_name: &str,
    check: &TokenStream,
    directed: Option<&[Option<TokenStream>; 2]>,
) -> TokenStream {
    let ty = format_ident!("{}", type_name);
    let validators = super::entry_fns::validators(
        source,
        check,
        quote! { runtime::validation::validate_bytes(bytes, #check) },
    );
    let decoders = super::entry_fns::decoders(
        check,
        quote! { runtime::decode::from_json(bytes, #check) },
        "the component",
    );
    let model = super::entry_fns::model_impl(&ty);
    let directed = directed
        .into_iter()
        .flat_map(|directed| Direction::BOTH.into_iter().zip(directed));
    let directions = directed.map(|(direction, path)| {
        let name = direction.name();
        let function = format_ident!("validate_{name}");
        let member = direction.leaves_out();
        let (doc, body) = match path {
            Some(path) => (
                format!(" Validates `value` against `{source}` as a {name}: `{member}` members are refused, and not required."),
                quote! { runtime::validation::validate(value, super::#path) },
            ),
            None => (
                format!(" Validates `value` as a {name}: [`Self::validate`], as nothing it reaches is `{member}`."),
                quote! { Self::validate(value) },
            ),
        };
        quote! {
            #[doc = #doc]
            pub fn #function(value: &runtime::Value) -> runtime::Result<()> {
                #body
            }
        }
    });
    quote! {
        impl #ty {
            #validators

            #(#directions)*

            #decoders
        }

        #model
    }
}

//! The entry points of a model set (an OpenAPI document listed in `codegen.toml`): each
//! selected component's type gets `validate`, `is_valid`, `validate_json`, `from_json` and
//! its kin as associated functions, since one module holds many entry points and module-level
//! `validate` could name only one. A schema file's entry points are `super::entry_points`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::graph::Graph;
use crate::emit::types::TypeCode;
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
}

/// The entry points of the model set `schema` (document `doc`), and the impl blocks that
/// carry them.
pub(super) fn entry_points(
    schema: &Schema,
    doc: usize,
    graph: &Graph,
    names: &[syn::Ident],
    types: Option<&TypeCode>,
) -> (TokenStream, Vec<EntryCode>) {
    let mut impls = Vec::new();
    let mut codes = Vec::new();
    for entry in &schema.entries {
        let check = names[graph.index[&entry.place(doc)]].clone();
        let source = format!("{}#{}", schema.file.display, entry.pointer);
        // Only a type the module defines can take an impl block.
        let type_name = types
            .map(|code| code.info.rust_name(&entry.type_name))
            .filter(|name| types.is_some_and(|code| code.info.types.contains_key(*name)))
            .map(str::to_string);
        if let Some(name) = &type_name {
            impls.push(impl_block(&source, name, &check));
        }
        codes.push(EntryCode {
            name: format!("{}/{}", schema.module, entry.component),
            source,
            type_name,
            check,
        });
    }
    let code = quote! {
        use ::schema_runtime as runtime;

        #(#impls)*
    };
    (code, codes)
}

/// The associated functions of one component's type, and its `Model` impl. Every path goes
/// through `runtime`, so that no component's name (`Result`, `Value`) shadows them.
fn impl_block(source: &str, type_name: &str, check: &syn::Ident) -> TokenStream {
    let ty = format_ident!("{}", type_name);
    let validators = super::entry_fns::validators(
        source,
        check,
        quote! { runtime::validation::validate_bytes(bytes, checks::#check) },
    );
    let decoders = super::entry_fns::decoders(
        check,
        quote! { runtime::decode::from_json(bytes, checks::#check) },
        "the component",
    );
    let model = super::entry_fns::model_impl(&ty);
    quote! {
        impl #ty {
            #validators

            #decoders
        }

        #model
    }
}

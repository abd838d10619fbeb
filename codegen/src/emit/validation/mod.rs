//! The validation emitter: for every schema, a `checks` module of validator functions (one
//! per reachable subschema) and the public entry points `validate`, `is_valid`,
//! `validate_json` and, when the schema has a root type, `from_json` and its variants.
//!
//! Validators work on `serde_json::Value` and never on the generated types, so a schema whose
//! types cannot be generated still gets them.

mod compile;
mod edge;
mod entries;
mod entry_fns;
mod evaluation;
mod fast;
mod graph;
mod keywords;
mod memo;
mod node_writer;
mod nodes;
mod parser;

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::directions::View;
use crate::emit::context::Context;
use crate::emit::types::{TypeCode, TypeDef};
use crate::error::GenError;
use crate::examples::Checked;
use crate::names;
use crate::resolve::Place;
pub use entries::EntryCode;
use graph::Graph;

/// The validators of a resource that schemas reach: a module of its own.
pub struct ResourceCode {
    pub module: String,
    /// Where the resource came from, for the generated file's header.
    pub source: String,
    pub file: syn::File,
}

/// The validation code of a set of schemas.
pub struct ValidationCode {
    /// One file per schema of the set, in order.
    pub schemas: Vec<syn::File>,
    /// The entry points of each schema that is a model set, in the same order (none for a
    /// schema file, whose entry points are its module's).
    pub entries: Vec<Vec<EntryCode>>,
    /// Modules for resources (documents that are only referenced); only those that
    /// validation reaches.
    pub resources: Vec<ResourceCode>,
    /// For each documented example given, its schema's validator function, as a path from
    /// a module beside the schemas' (`super::crm::checks::…`), where validation reaches
    /// its schema.
    pub example_checks: Vec<Option<TokenStream>>,
    /// Problems that do not stop generation (patterns on the budgeted engine).
    pub warnings: Vec<crate::error::Diagnostic>,
}

/// Compiles and emits the validators of every schema in `set`. `types` holds each schema's
/// generated types, if any: with a root type, `from_json` is generated for it. Each of the
/// documented `examples`' schemas is compiled as an entry point too.
pub fn emit(
    context: &Context<'_>,
    types: &[Option<TypeCode>],
    examples: &[Checked],
) -> Result<ValidationCode, GenError> {
    let set = context.set;
    let documents = &context.documents;
    // A schema file's root, or each of a model set's components: its document's root is
    // no schema, and linting it would report `openapi`, `info` and `paths` as unknown
    // keywords. Its components are compiled and checked as they are reached, as resources.
    // A component a direction's view changes is a root in the view too (`directions.rs`).
    let views: Vec<Vec<(&View, usize)>> = set
        .schemas
        .iter()
        .map(|schema| {
            schema
                .views
                .iter()
                .filter_map(|view| {
                    let doc = documents
                        .iter()
                        .position(|d| d.display == view.file.display)?;
                    Some((view, doc))
                })
                .collect()
        })
        .collect();
    let roots: Vec<Place> = set
        .schemas
        .iter()
        .enumerate()
        .flat_map(|(doc, schema)| match schema.is_model_set() {
            true => entries::roots(schema, doc, &views[doc]),
            false => vec![Place::root(doc)],
        })
        .collect();

    let primary: Vec<usize> = (0..set.schemas.len())
        .filter(|&doc| !set.schemas[doc].is_model_set())
        .collect();
    let (graph, warnings) = compile::compile(
        documents,
        &context.resolver,
        &roots,
        &primary,
        set.settings.strict,
    )
    .map_err(GenError::Schema)?;

    let modules = module_names(set);
    let names = function_names(&graph, documents.len());
    let annotating = evaluation::annotating_nodes(&graph);
    // Each documented example's schema that validation reaches (a component's, a member's)
    // is an entry point too, so that the model crate's test can hold the validators to the
    // `jsonschema` crate's verdict on it. Schemas nothing else reaches (a parameter's) are
    // not compiled for an example: the lint would report them, and `--strict` refuse them.
    let example_roots: Vec<Option<Place>> = examples
        .iter()
        .map(|example| entries::example_root(example, &views[example.doc]))
        .map(|place| graph.index.contains_key(&place).then_some(place))
        .collect();
    let mut entry_roots = roots.clone();
    let mut seen: BTreeSet<&Place> = roots.iter().collect();
    for root in example_roots.iter().flatten() {
        if seen.insert(root) {
            entry_roots.push(root.clone());
        }
    }
    let called = called_nodes(&graph, &entry_roots, &annotating);
    let scoped = evaluation::scoped_nodes(&graph, &entry_roots);
    let memoized = memo::memoized_nodes(&graph);
    let dynamic = evaluation::reaching_dynamic_references(&graph);
    let mut per_doc: Vec<Vec<TokenStream>> = vec![Vec::new(); documents.len()];
    for (id, node) in graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(id, _)| called.contains(id))
    {
        let doc = node.place.doc;
        let paths = DocPaths {
            doc,
            graph: &graph,
            names: &names,
            modules: &modules,
        };
        // Doc comments cannot hold every character a pointer can.
        let comment = format!(
            " `{}#{}`",
            documents[doc].display.escape_debug(),
            node.place.pointer.escape_debug()
        );
        // A remembered verdict records nothing, and cannot know the dynamic scope.
        let memo = (memoized.contains(&id) && !annotating.contains(&id) && !dynamic.contains(&id))
            .then(|| u32::try_from(id).unwrap_or(u32::MAX));
        let shape = nodes::Shape {
            memo,
            annotating: annotating.contains(&id),
            scoped: scoped.contains(&id),
        };
        per_doc[doc].push(nodes::function(node, &names[id], &comment, &paths, &shape));
    }

    let mut schemas = Vec::new();
    let mut entry_codes = Vec::new();
    for (index, schema) in set.schemas.iter().enumerate() {
        if schema.is_model_set() {
            let checks = checks_module(&per_doc[index]);
            let view_modules: Vec<(&View, usize, &str)> = views[index]
                .iter()
                .map(|(view, doc)| (*view, *doc, modules[*doc].as_str()))
                .collect();
            let (api, codes) = entries::entry_points(
                schema,
                index,
                &graph,
                &names,
                types[index].as_ref(),
                &view_modules,
            );
            schemas.push(syn::parse2(quote! { #api #checks }).map_err(internal)?);
            entry_codes.push(codes);
            continue;
        }
        let root_node = graph.index[&Place::root(index)];
        let root = &names[root_node];
        let checks = checks_module(&per_doc[index]);
        let type_name = types[index]
            .as_ref()
            .map(|code| code.info.rust_name(&schema.type_name));
        let root_struct = types[index]
            .as_ref()
            .zip(type_name)
            .and_then(|(code, name)| match code.info.types.get(name) {
                Some(TypeDef::Struct(def)) => Some(def),
                _ => None,
            });
        let fast = fast::emit(&graph, root_node, type_name.zip(root_struct));
        let api = entry_points(&schema.file.display, root, type_name, fast.as_ref());
        let fast_module = fast.map(|f| f.module);
        schemas.push(syn::parse2(quote! { #api #checks #fast_module }).map_err(internal)?);
        entry_codes.push(Vec::new());
    }
    let mut resources = Vec::new();
    for (offset, functions) in per_doc[set.schemas.len()..].iter().enumerate() {
        if functions.is_empty() {
            continue;
        }
        let checks = checks_module(functions);
        resources.push(ResourceCode {
            module: modules[set.schemas.len() + offset].clone(),
            source: set.resources[offset].display.clone(),
            file: syn::parse2(checks).map_err(internal)?,
        });
    }
    let example_checks = example_roots
        .iter()
        .map(|place| {
            let place = place.as_ref()?;
            let module = format_ident!("{}", modules[place.doc]);
            let function = &names[graph.index[place]];
            Some(quote! { super::#module::checks::#function })
        })
        .collect();
    Ok(ValidationCode {
        schemas,
        entries: entry_codes,
        resources,
        example_checks,
        warnings,
    })
}

/// The module of each document: a schema's own, then `resource_<stem>` for each resource
/// (`resource_meta_schema_draft7`), unique among all, so that adding a resource renames no
/// other.
fn module_names(set: &crate::schema_set::SchemaSet) -> Vec<String> {
    let mut taken: BTreeSet<String> = set.schemas.iter().map(|s| s.module.clone()).collect();
    let resources: Vec<String> = set
        .resources
        .iter()
        .map(|r| {
            let base = format!("resource_{}", names::module_name(&r.stem));
            names::unique(&base, "_", &mut taken)
        })
        .collect();
    set.schemas
        .iter()
        .map(|s| s.module.clone())
        .chain(resources)
        .collect()
}

fn internal(e: syn::Error) -> GenError {
    GenError::Usage(format!(
        "internal error: the validation emitter produced invalid Rust: {e}"
    ))
}

/// The private module holding a document's validator functions.
fn checks_module(functions: &[TokenStream]) -> TokenStream {
    // A model set without components has none (nor a use for the glob import).
    if functions.is_empty() {
        return TokenStream::new();
    }
    // A keyword's check sits inside its type's `if let Value::String(s) = v`; clippy would
    // join the two with a let chain, which needs edition 2024 and Rust 1.88, and the
    // generated code compiles in the user's crate, whatever its edition.
    quote! {
        /// Validator functions, one per subschema that validation reaches.
        pub(crate) mod checks {
            #![allow(clippy::collapsible_if)]
            use ::schema_runtime::check::*;
            #(#functions)*
        }
    }
}

/// `validate`, `is_valid`, `validate_json`, and for a root type `from_json` and its kin. Every
/// path goes through `runtime`, so no schema's type names (`Result`, `Ok`) can shadow them.
fn entry_points(
    source: &str,
    root: &syn::Ident,
    type_name: Option<&str>,
    fast: Option<&fast::FastPath>,
) -> TokenStream {
    let validate_json = match fast {
        Some(_) => {
            quote! { runtime::validation::validate_bytes_fast(bytes, fast::check, checks::#root) }
        }
        None => quote! { runtime::validation::validate_bytes(bytes, checks::#root) },
    };
    let from_json = match fast {
        Some(f) if f.decodes => {
            quote! { runtime::decode::from_json_fast(bytes, fast::decode, checks::#root) }
        }
        _ => quote! { runtime::decode::from_json(bytes, checks::#root) },
    };
    let check = quote! { checks::#root };
    let validators = entry_fns::validators(source, &check, validate_json);
    let decoders = type_name.map(|name| {
        let ty = format_ident!("{}", name);
        let decoders = entry_fns::decoders(&check, from_json, "the schema");
        let model = entry_fns::model_impl(&ty);
        quote! {
            impl #ty {
                #decoders
            }

            #model
        }
    });
    quote! {
        use ::schema_runtime as runtime;

        #validators

        #decoders
    }
}

/// The nodes whose functions are called: all but `false` under `additionalProperties` and
/// `unevaluated*`, which the parent checks inline to name the member or item, and idle ones
/// ([`keywords::Rules::idle`]).
fn called_nodes(graph: &Graph, roots: &[Place], annotating: &BTreeSet<usize>) -> BTreeSet<usize> {
    let mut called: BTreeSet<usize> = roots.iter().map(|root| graph.index[root]).collect();
    for (id, node) in graph.nodes.iter().enumerate() {
        if let graph::Body::Rules(rules) = &node.body {
            let idle: Vec<usize> = rules.idle(annotating.contains(&id)).collect();
            let refusals: Vec<usize> = rules
                .checked_inline()
                .filter(|edge| refuses_all(graph, edge.node))
                .map(|edge| edge.node)
                .collect();
            for edge in rules.edges() {
                let skipped = refusals.contains(&edge.node) || idle.contains(&edge.node);
                if !skipped || rules.edges().filter(|e| e.node == edge.node).count() > 1 {
                    called.insert(edge.node);
                }
            }
            called.extend(rules.dynamic_candidates());
        }
    }
    called
}

/// `check_<where>` for every node, unique within its document.
fn function_names(graph: &Graph, documents: usize) -> Vec<syn::Ident> {
    let mut taken: Vec<BTreeSet<String>> = vec![BTreeSet::new(); documents];
    graph
        .nodes
        .iter()
        .map(|node| {
            let base = names::validator_name(&node.place.pointer);
            format_ident!("{}", names::unique(&base, "_", &mut taken[node.place.doc]))
        })
        .collect()
}

struct DocPaths<'a> {
    doc: usize,
    graph: &'a Graph,
    names: &'a [syn::Ident],
    modules: &'a [String],
}

/// Whether `node` is `false`.
fn refuses_all(graph: &Graph, node: usize) -> bool {
    matches!(graph.nodes[node].body, graph::Body::Bool(false))
}

impl node_writer::Paths for DocPaths<'_> {
    fn refuses_all(&self, node: usize) -> bool {
        refuses_all(self.graph, node)
    }

    fn path(&self, node: usize) -> TokenStream {
        let name = &self.names[node];
        let doc = self.graph.nodes[node].place.doc;
        if doc == self.doc {
            quote! { #name }
        } else {
            let module = format_ident!("{}", self.modules[doc]);
            quote! { super::super::#module::checks::#name }
        }
    }
}

//! Rendering emitted code into files: headers, `prettyplease` formatting, and the two
//! layouts (a checked-in crate, or one file in `OUT_DIR` for build scripts).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use quote::format_ident;

use crate::emit::{Generated, SchemaCode};
use crate::names;
use crate::output::{Export, GeneratedFile, MARKER, Output};
use crate::pretty;

/// The folder of the model crate the generator owns for code: `src/schemas/`, declared by
/// the hand-written `src/lib.rs` as `mod schemas;`.
const CODE_DIR: &str = "src/schemas";
/// The folder it owns for docs.
const DOCS_DIR: &str = "docs";
/// The folder it owns for the schemas the code was generated from, which `codegen diff`
/// compares against by default.
pub const RECORD_DIR: &str = "recorded";
/// The folder it owns for each schema as the generator read it: refinements merged, OpenAPI
/// translated. Plain JSON Schema, for tools that validate with the same schema
/// (`jsonschema`, an API gateway) without knowing how `schema/` is put together.
const EFFECTIVE_DIR: &str = "schema";

/// What every generated file says about where it came from.
pub struct Header<'a> {
    /// The schema file, or folder, it was generated from.
    pub source: &'a str,
    /// The command that regenerates it.
    pub command: &'a str,
}

impl Header<'_> {
    fn lines(&self) -> [String; 2] {
        [
            format!("{MARKER} from `{}`. Do not edit by hand.", self.source),
            format!("Regenerate with `{}`.", self.command),
        ]
    }

    fn rust(&self) -> String {
        let [first, second] = self.lines();
        format!("// {first}\n// {second}\n\n")
    }

    fn markdown(&self) -> String {
        let [first, second] = self.lines();
        format!("<!-- {first} -->\n<!-- {second} -->\n\n")
    }
}

/// The files of the checked-in crate, in the folders the generator owns:
/// `src/schemas/<module>.rs`, `src/schemas/mod.rs` (the index) and `docs/<Type>.md`.
pub fn crate_layout(
    generated: &Generated<'_>,
    schema_dir: &str,
    command: &str,
    crate_version: Option<&str>,
) -> Output {
    let codes = &generated.codes;
    let root_names = crate_root_names(codes);
    let mut files = Vec::new();
    let mut exports = Vec::new();
    for (code, names) in codes.iter().zip(&root_names) {
        let source = &code.schema.file.display;
        let header = Header { source, command };
        files.push(GeneratedFile {
            path: PathBuf::from(CODE_DIR).join(format!("{}.rs", code.schema.module)),
            contents: header.rust() + &pretty::unparse(with_json_schema(module_file(code), code)),
            source: source.clone(),
        });
        if let Some(docs) = &code.docs {
            files.push(GeneratedFile {
                path: PathBuf::from(DOCS_DIR).join(format!("{}.md", code.schema.type_name)),
                contents: header.markdown() + docs,
                source: source.clone(),
            });
        }
        files.push(GeneratedFile {
            path: PathBuf::from(RECORD_DIR).join(format!("{}.json", code.schema.file.stem)),
            contents: record(
                &code.schema.file.display,
                &code.schema.file.value,
                crate_version,
            ),
            source: source.clone(),
        });
        files.push(GeneratedFile {
            path: PathBuf::from(EFFECTIVE_DIR).join(format!("{}.json", code.schema.file.stem)),
            contents: effective(&code.schema.file.display, &code.schema.file.value),
            source: source.clone(),
        });
        exports.extend(exports_of(code, names));
    }
    let header = Header {
        source: schema_dir,
        command,
    };
    let mut index: Vec<syn::Item> = codes
        .iter()
        .zip(&root_names)
        .flat_map(|(code, names)| index_items(code, names, None))
        .collect();
    for resource in &generated.resources {
        let source = &resource.source;
        let header = Header { source, command };
        files.push(GeneratedFile {
            path: PathBuf::from(CODE_DIR).join(format!("{}.rs", resource.module)),
            contents: header.rust() + &pretty::unparse(resource.file.clone()),
            source: source.clone(),
        });
        let module = format_ident!("{}", resource.module);
        let doc = format!(" Validators of `{source}`, which the schemas reference.");
        index.push(syn::parse_quote! {
            #[doc = #doc]
            #[rustfmt::skip]
            mod #module;
        });
    }
    index.push(registry(codes));
    let index = file_of(index);
    files.push(GeneratedFile {
        path: PathBuf::from(CODE_DIR).join("mod.rs"),
        contents: header.rust() + &pretty::unparse(index),
        source: schema_dir.to_string(),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Output {
        files,
        owned_dirs: vec![
            PathBuf::from(CODE_DIR),
            PathBuf::from(DOCS_DIR),
            PathBuf::from(RECORD_DIR),
            PathBuf::from(EFFECTIVE_DIR),
        ],
        exports,
        warnings: generated.warnings.clone(),
    }
}

/// The schema a module was generated from, and the crate's version then, as JSON whose
/// first line carries the header.
fn record(source: &str, schema: &serde_json::Value, crate_version: Option<&str>) -> String {
    use serde_json::Value;
    let note = format!(
        "{MARKER} from `{source}`: the schema the code was generated from, which `codegen diff` compares against. Do not edit by hand."
    );
    let version = crate_version.map_or(Value::Null, |v| Value::String(v.to_string()));
    let pretty = serde_json::to_string_pretty(schema).unwrap_or_else(|_| "null".to_string());
    format!(
        "{{\"@generated\": {},\n\"crate_version\": {version},\n\"schema\": {pretty}\n}}\n",
        Value::String(note)
    )
}

/// A schema as plain JSON Schema whose first line carries the header, as a `$comment` (a
/// boolean schema, which has no room for one, becomes its object form).
fn effective(source: &str, schema: &serde_json::Value) -> String {
    use serde_json::Value;
    let mut note = format!(
        "{MARKER} from `{source}`: the schema as the generator read it, refinements merged. Do not edit by hand."
    );
    let mut members = match schema {
        Value::Object(members) => members.clone(),
        Value::Bool(false) => [("not".to_string(), Value::Object(Default::default()))]
            .into_iter()
            .collect(),
        _ => Default::default(),
    };
    if let Some(Value::String(comment)) = members.remove("$comment") {
        note = format!("{note} {comment}");
    }
    let rest = serde_json::to_string_pretty(&members).unwrap_or_else(|_| "{}".to_string());
    let rest = rest.trim_start_matches('{').trim_start();
    let separator = if members.is_empty() { "" } else { ",\n  " };
    format!("{{\"$comment\": {}{separator}{rest}\n", Value::String(note))
}

/// Reads a record back: the schema, and the crate's version when it was generated.
pub fn read_record(text: &str) -> Option<(serde_json::Value, Option<String>)> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let version = value
        .get("crate_version")
        .and_then(serde_json::Value::as_str)
        .map(str::to_string);
    Some((value.get("schema")?.clone(), version))
}

/// What one schema puts at the crate root: its module and the types re-exported there.
fn exports_of(code: &SchemaCode<'_>, names: &[String]) -> Vec<Export> {
    let schema = code.schema;
    let mut exports = vec![Export {
        name: schema.module.clone(),
        what: "module",
        schema: schema.file.display.clone(),
        pointer: String::new(),
        keyword: None,
    }];
    for name in names {
        let titled = *name == schema.type_name && schema.title().is_some();
        exports.push(Export {
            name: name.clone(),
            what: "type",
            schema: schema.file.display.clone(),
            pointer: if titled {
                "/title".into()
            } else {
                String::new()
            },
            keyword: titled.then_some("title"),
        });
    }
    exports
}

/// The types each schema's module re-exports at the crate root: its root type, always (root
/// names are unique in a run, and never a name of the prelude), and every other type whose
/// name no other schema's module has and that would not shadow the prelude (a nested
/// `Option` would break every `Option` of the crate's hand-written code). The rest are
/// reached through their module (`models::deploy::Application`): the modules are
/// namespaces, and one `pub use` per name is all the crate root can hold.
fn crate_root_names(codes: &[SchemaCode<'_>]) -> Vec<Vec<String>> {
    let built = |code: &SchemaCode<'_>| -> Vec<String> {
        code.types
            .iter()
            .flat_map(|types| types.info.types.keys().cloned())
            .collect()
    };
    let mut modules_of: BTreeMap<String, usize> = BTreeMap::new();
    for code in codes {
        for name in built(code) {
            *modules_of.entry(name).or_default() += 1;
        }
    }
    let roots: BTreeSet<&str> = codes.iter().map(|c| c.schema.type_name.as_str()).collect();
    codes
        .iter()
        .map(|code| {
            built(code)
                .into_iter()
                .filter(|name| {
                    *name == code.schema.type_name
                        || (modules_of[name] == 1
                            && !roots.contains(name.as_str())
                            && !names::shadows_prelude(name))
                })
                .collect()
        })
        .collect()
}

/// One file holding every schema's module inline, for `include!` from `OUT_DIR`.
pub fn single_file(generated: &Generated<'_>, schema_dir: &str, command: &str) -> String {
    let codes = &generated.codes;
    let root_names = crate_root_names(codes);
    let mut items: Vec<syn::Item> = codes
        .iter()
        .zip(&root_names)
        .flat_map(|(code, names)| index_items(code, names, Some(module_file(code).items)))
        .collect();
    for resource in &generated.resources {
        let module = format_ident!("{}", resource.module);
        let mut module_item: syn::ItemMod = syn::parse_quote! {
            /// Validators of a referenced resource.
            pub mod #module;
        };
        inline(&mut module_item, resource.file.items.clone());
        items.push(syn::Item::Mod(module_item));
    }
    items.push(registry(codes));
    let file = file_of(items);
    let header = Header {
        source: schema_dir,
        command,
    };
    header.rust() + &pretty::unparse(file)
}

/// The contents of one schema's module: each emitter's section in turn.
fn module_file(code: &SchemaCode<'_>) -> syn::File {
    let mut items = Vec::new();
    if let Some(types) = &code.types {
        items.extend(types.file.items.iter().cloned());
    }
    if let Some(validation) = &code.validation {
        items.extend(validation.items.iter().cloned());
    }
    file_of(items)
}

/// Gives `module` its items in place. Quoting them into a `mod { … }` would render and
/// re-parse every item, holding the code three times over (a 2 MB schema's 358,000 lines
/// once took the generator past 1 GiB that way).
fn inline(module: &mut syn::ItemMod, items: Vec<syn::Item>) {
    module.content = Some((syn::token::Brace::default(), items));
    module.semi = None;
}

/// `module` with the root type's `JsonSchema` impls (behind the model crate's schemars
/// features), which report the schema in `generated/schema/`. Only for a self-contained
/// schema: a `$ref` would point at nothing once schemars places the schema among others.
fn with_json_schema(mut module: syn::File, code: &SchemaCode<'_>) -> syn::File {
    let typed = code
        .types
        .as_ref()
        .is_some_and(|types| types.info.types.contains_key(&code.schema.type_name));
    if typed && !crate::refine::holds_reference(&code.schema.file.value) {
        let type_ident = format_ident!("{}", code.schema.type_name);
        let path = format!("../../{EFFECTIVE_DIR}/{}.json", code.schema.file.stem);
        module.items.push(syn::parse_quote! {
            ::schema_runtime::json_schema!(#type_ident, include_str!(#path));
        });
    }
    module
}

fn file_of(items: Vec<syn::Item>) -> syn::File {
    let mut file: syn::File = syn::parse_quote!();
    file.items = items;
    file
}

/// `pub mod <module>;` (or inline with `content`) and a `pub use` of the types it puts at
/// the crate root; its doc comment names the others.
fn index_items(
    code: &SchemaCode<'_>,
    names: &[String],
    content: Option<Vec<syn::Item>>,
) -> Vec<syn::Item> {
    let module = format_ident!("{}", code.schema.module);
    let mut doc = format!(
        " `{}` and its types, generated from `{}`.",
        code.schema.type_name, code.schema.file.display
    );
    let inside: Vec<String> = code
        .types
        .iter()
        .flat_map(|types| types.info.types.keys())
        .filter(|name| !names.contains(name))
        .map(|name| format!("`{}::{name}`", code.schema.module))
        .collect();
    let mut module_item: syn::ItemMod = syn::parse_quote! {
        #[doc = #doc]
        pub mod #module;
    };
    if !inside.is_empty() {
        doc = format!(
            " Not re-exported at the crate root (another schema has a type of the same name, or the Rust prelude does): {}.",
            inside.join(", ")
        );
        module_item.attrs.push(syn::parse_quote!(#[doc = ""]));
        module_item.attrs.push(syn::parse_quote!(#[doc = #doc]));
    }
    match content {
        Some(items) => inline(&mut module_item, items),
        None => module_item.attrs.push(syn::parse_quote!(#[rustfmt::skip])),
    }
    let exported: Vec<syn::Ident> = names.iter().map(|name| format_ident!("{}", name)).collect();
    let mut items = vec![syn::Item::Mod(module_item)];
    if !exported.is_empty() {
        items.push(syn::parse_quote! { pub use #module::{#(#exported),*}; });
    }
    items
}

/// `SCHEMAS`: every schema, for tools that pick one by name.
fn registry(codes: &[SchemaCode<'_>]) -> syn::Item {
    let entries = codes.iter().filter(|code| code.validation.is_some()).map(|code| {
        let name = &code.schema.file.stem;
        let type_name = &code.schema.type_name;
        let source = &code.schema.file.display;
        let module = format_ident!("{}", code.schema.module);
        let type_ident = format_ident!("{}", code.schema.type_name);
        let round_trip = match &code.types {
            Some(_) => quote::quote! {
                ::std::option::Option::Some(::schema_runtime::registry::round_trip::<#module::#type_ident>)
            },
            None => quote::quote! { ::std::option::Option::None },
        };
        quote::quote! {
            ::schema_runtime::registry::SchemaEntry {
                name: #name,
                type_name: #type_name,
                source: #source,
                validate: #module::validate,
                validate_json: #module::validate_json,
                round_trip: #round_trip,
            }
        }
    });
    syn::parse_quote! {
        /// Every compiled-in schema, in file-name order.
        pub static SCHEMAS: &[::schema_runtime::registry::SchemaEntry] = &[#(#entries),*];
    }
}

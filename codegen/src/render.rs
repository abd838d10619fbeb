//! Rendering emitted code into files: headers, `prettyplease` formatting, and the two
//! layouts (a checked-in crate, or one file in `OUT_DIR` for build scripts).

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use quote::format_ident;

use crate::emit::{Generated, SchemaCode};
use crate::names;
use crate::output::{Export, GeneratedFile, MARKER, Output};
use crate::pretty;

mod examples;
mod registry;
use registry::registry;

/// The folder of the model crate the generator owns for code: `src/schemas/`, declared by
/// the hand-written `src/lib.rs` as `mod schemas;`.
const CODE_DIR: &str = "src/schemas";
/// The module of the documented examples (`render/examples.rs`).
const EXAMPLES_MODULE: &str = "documented_examples";
/// The folder it owns for docs.
const DOCS_DIR: &str = "docs";
/// The folder it owns for each schema as the generator read it: refinements merged, OpenAPI
/// translated. Plain JSON Schema, for tools that validate with the same schema
/// (`jsonschema`, an API gateway) without knowing how `schema/` is put together, and the
/// record of the last `generate` that `codegen diff` compares against by default: one copy
/// of each schema serves both, so the two can never disagree.
pub const EFFECTIVE_DIR: &str = "schema";
/// The crate's version at the last `generate`, in `EFFECTIVE_DIR`: one file for the whole
/// crate, since the version is the crate's and not a schema's, and without a `.json`
/// extension, so that neither a tool reading `schema/*.json` nor `codegen diff` takes it
/// for a schema.
pub const CRATE_VERSION_FILE: &str = "crate-version";
/// `codegen.toml` at the last `generate`, in `EFFECTIVE_DIR`, when there was one: the
/// settings the code was generated with, which `codegen diff` compares too (a rename is an
/// API change as much as a schema change is).
pub const SETTINGS_FILE: &str = "codegen.toml";
/// Where older generators kept a second copy of each schema, with the crate's version.
/// Still owned, so that `generate` removes those copies (and nothing else) on upgrade.
pub const LEGACY_RECORD_DIR: &str = "recorded";

/// What the header of a file in `EFFECTIVE_DIR` says after its source.
const EFFECTIVE_NOTE: &str = "the schema as the generator read it (refinements merged), which the code was generated from and `codegen diff` compares against. Do not edit by hand.";
/// The same, as older generators wrote it: their files still read, so that `codegen diff`
/// works before the first `generate` after an upgrade.
const LEGACY_EFFECTIVE_NOTE: &str =
    "the schema as the generator read it, refinements merged. Do not edit by hand.";
/// What the header adds when the schema is a boolean, which has no room for a `$comment`
/// and is written in its object form: without it, reading the file back could not tell
/// `false` from a schema that says `{"not": {}}`.
const FALSE_NOTE: &str = "The schema is `false`, written as `{\"not\": {}}` to hold this comment.";
const TRUE_NOTE: &str = "The schema is `true`, written as `{}` to hold this comment.";

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
/// `src/schemas/<module>.rs`, `src/schemas/mod.rs` (the index), `docs/<Type>.md` (a schema
/// file's page) and `docs/<module>/` (a model set's pages), `schema/<stem>.json` (each
/// schema once: for tools, and for `codegen diff`) and
/// `schema/crate-version` (when the crate's version is known) and `schema/codegen.toml`
/// (the text of `codegen.toml`, when there is one).
pub fn crate_layout(
    generated: &Generated<'_>,
    schema_dir: &str,
    command: &str,
    crate_version: Option<&str>,
    settings: Option<&str>,
) -> Output {
    let codes = &generated.codes;
    let root_names = crate_root_names(codes);
    let mut files = Vec::new();
    let mut exports = Vec::new();
    for (code, names) in codes.iter().zip(&root_names) {
        let source = &code.schema.file.display;
        let header = Header { source, command };
        let module = match code.schema.is_model_set() {
            true => module_file(code),
            false => with_json_schema(module_file(code), code),
        };
        files.push(GeneratedFile {
            path: PathBuf::from(CODE_DIR).join(format!("{}.rs", code.schema.module)),
            contents: header.rust() + &pretty::unparse(module),
            source: source.clone(),
        });
        for page in &code.docs {
            files.push(GeneratedFile {
                path: PathBuf::from(DOCS_DIR).join(&page.path),
                contents: header.markdown() + &page.text,
                source: source.clone(),
            });
        }
        // `codegen diff` compares schema files only, so far: a model set is not recorded.
        if !code.schema.is_model_set() {
            files.push(GeneratedFile {
                path: PathBuf::from(EFFECTIVE_DIR).join(format!("{}.json", code.schema.file.stem)),
                contents: effective(&code.schema.file.display, &code.schema.file.value),
                source: source.clone(),
            });
        }
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
    if let Some(module) = examples::module(&generated.documented, &generated.example_checks) {
        files.push(GeneratedFile {
            path: PathBuf::from(CODE_DIR).join(format!("{EXAMPLES_MODULE}.rs")),
            contents: header.rust() + &pretty::unparse(module),
            source: schema_dir.to_string(),
        });
        let module = format_ident!("{EXAMPLES_MODULE}");
        index.push(syn::parse_quote! {
            /// The listed OpenAPI documents' examples, and the test that checks them.
            #[rustfmt::skip]
            pub mod #module;
        });
    }
    index.push(registry(codes));
    let index = file_of(index);
    files.push(GeneratedFile {
        path: PathBuf::from(CODE_DIR).join("mod.rs"),
        contents: header.rust() + &pretty::unparse(index),
        source: schema_dir.to_string(),
    });
    if let Some(version) = crate_version.filter(|v| !v.is_empty()) {
        files.push(GeneratedFile {
            path: PathBuf::from(EFFECTIVE_DIR).join(CRATE_VERSION_FILE),
            contents: crate_version_file(version, command),
            source: schema_dir.to_string(),
        });
    }
    if let Some(text) = settings {
        files.push(GeneratedFile {
            path: PathBuf::from(EFFECTIVE_DIR).join(SETTINGS_FILE),
            contents: settings_file(text, command),
            source: SETTINGS_FILE.to_string(),
        });
    }
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Output {
        files,
        replacement_crates: Default::default(),
        owned_dirs: vec![
            PathBuf::from(CODE_DIR),
            PathBuf::from(DOCS_DIR),
            PathBuf::from(EFFECTIVE_DIR),
            PathBuf::from(LEGACY_RECORD_DIR),
        ],
        // A model set's pages are a folder of `docs/`, which outlives the `[openapi]` entry
        // that named it: its pages are stale once the entry is gone.
        owned_subdirs: vec![PathBuf::from(DOCS_DIR)],
        exports,
        warnings: generated.warnings.clone(),
        examples: generated.examples.clone(),
    }
}

/// A schema as plain JSON Schema whose first line carries the header, as a `$comment` (a
/// boolean schema, which has no room for one, becomes its object form). A `$comment` of
/// the schema's own follows the header, so that [`read_effective`] gives it back.
fn effective(source: &str, schema: &serde_json::Value) -> String {
    use serde_json::Value;
    let mut note = format!("{MARKER} from `{source}`: {EFFECTIVE_NOTE}");
    let mut members = match schema {
        Value::Object(members) => members.clone(),
        Value::Bool(false) => {
            note = format!("{note} {FALSE_NOTE}");
            [("not".to_string(), Value::Object(Default::default()))]
                .into_iter()
                .collect()
        }
        Value::Bool(true) => {
            note = format!("{note} {TRUE_NOTE}");
            Default::default()
        }
        _ => Default::default(),
    };
    // `shift_remove`: the other keywords keep the order the schema gave them.
    if let Some(Value::String(comment)) = members.shift_remove("$comment") {
        note = format!("{note} {comment}");
    }
    let rest = serde_json::to_string_pretty(&members).unwrap_or_else(|_| "{}".to_string());
    let rest = rest.trim_start_matches('{').trim_start();
    let separator = if members.is_empty() { "" } else { ",\n  " };
    format!("{{\"$comment\": {}{separator}{rest}\n", Value::String(note))
}

/// Reads a file of `EFFECTIVE_DIR` back into the schema it was written from: the header
/// taken out of its `$comment`, a boolean schema a boolean again. `None` for a file the
/// generator did not write.
pub fn read_effective(text: &str) -> Option<serde_json::Value> {
    use serde_json::Value;
    let Value::Object(mut members) = serde_json::from_str(text).ok()? else {
        return None;
    };
    let Some(Value::String(comment)) = members.shift_remove("$comment") else {
        return None;
    };
    let after_source = comment.strip_prefix(MARKER)?.strip_prefix(" from `")?;
    let own = [EFFECTIVE_NOTE, LEGACY_EFFECTIVE_NOTE]
        .into_iter()
        .find_map(|note| {
            let at = after_source.find(&format!("`: {note}"))?;
            Some(&after_source[at + "`: ".len() + note.len()..])
        })?;
    if own.is_empty() {
        return Some(Value::Object(members));
    }
    let own = own.strip_prefix(' ')?;
    match own {
        FALSE_NOTE => Some(Value::Bool(false)),
        TRUE_NOTE => Some(Value::Bool(true)),
        comment => {
            members.shift_insert(
                0,
                "$comment".to_string(),
                Value::String(comment.to_string()),
            );
            Some(Value::Object(members))
        }
    }
}

/// The crate's version at this run, under the header every generated file has (as `#`
/// comments, a line each) and a line that says what it is for.
fn crate_version_file(version: &str, command: &str) -> String {
    let [first, second] = Header {
        source: "Cargo.toml",
        command,
    }
    .lines();
    format!(
        "# {first}\n# {second}\n# The crate's version at the last `generate`: `codegen diff` checks the version bump a schema change needs against it.\n{version}\n"
    )
}

/// `codegen.toml` as this run read it, under the header every generated file has.
fn settings_file(text: &str, command: &str) -> String {
    let [first, second] = Header {
        source: SETTINGS_FILE,
        command,
    }
    .lines();
    format!(
        "# {first}\n# {second}\n# The settings at the last `generate`: `codegen diff` compares them as it compares the schemas.\n{text}"
    )
}

/// Reads [`SETTINGS_FILE`] back: the text after its three header lines. `None` for a file
/// the generator did not write.
pub fn read_settings(text: &str) -> Option<&str> {
    if !text.lines().next()?.contains(MARKER) {
        return None;
    }
    let mut rest = text;
    for _ in 0..3 {
        rest = rest.split_once('\n')?.1;
    }
    Some(rest)
}

/// Reads [`CRATE_VERSION_FILE`] back: its one line that is not a comment. `None` for a file
/// the generator did not write.
pub fn read_crate_version(text: &str) -> Option<String> {
    if !text.lines().next()?.contains(MARKER) {
        return None;
    }
    let mut values = text
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'));
    let version = values.next()?;
    values.next().is_none().then(|| version.to_string())
}

/// The crate's version in a record of an older generator (`LEGACY_RECORD_DIR`): what
/// `codegen diff` checks the bump against until the first `generate` after an upgrade.
pub fn read_legacy_record_version(text: &str) -> Option<String> {
    if !text.lines().next()?.contains(MARKER) {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    value
        .get("crate_version")
        .and_then(serde_json::Value::as_str)
        .map(str::to_string)
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
    let roots: BTreeSet<&str> = codes.iter().map(|c| c.root_type()).collect();
    codes
        .iter()
        .map(|code| {
            built(code)
                .into_iter()
                .filter(|name| {
                    *name == code.root_type()
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
        .is_some_and(|types| types.info.types.contains_key(code.root_type()));
    if typed && !crate::refine::holds_reference(&code.schema.file.value) {
        let type_ident = format_ident!("{}", code.root_type());
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
    let mut doc = match code.schema.is_model_set() {
        true => format!(
            " A type per component of `{}`, each with its validators.",
            code.schema.file.display
        ),
        false => format!(
            " `{}` and its types, generated from `{}`.",
            code.root_type(),
            code.schema.file.display
        ),
    };
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_schema_file_reads_back_as_the_schema_it_was_written_from() {
        for schema in [
            json!({"title": "A", "type": "object", "$comment": "mine", "minProperties": 1}),
            json!({"type": "string"}),
            json!({"not": {}}),
            json!(false),
            json!(true),
            json!({}),
        ] {
            let text = effective("schema/a.json", &schema);
            assert!(text.lines().next().unwrap().contains(MARKER), "{text}");
            let read = read_effective(&text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(read, schema, "{text}");
        }
        let text = effective("schema/a.json", &json!({"a": 1, "$comment": "c", "b": 2}));
        assert!(
            text.find("\"a\"") < text.find("\"b\""),
            "the other keywords keep their order: {text}"
        );
    }

    #[test]
    fn only_files_the_generator_wrote_read_back() {
        assert_eq!(read_effective(r#"{"type": "object"}"#), None);
        assert_eq!(
            read_effective(r#"{"$comment": "mine", "type": "object"}"#),
            None
        );
        assert_eq!(read_effective("[1]"), None);
        assert_eq!(read_effective("not json"), None);
        let older = "{\"$comment\": \"@generated by codegen from `schema/a.json`: the schema as the generator read it, refinements merged. Do not edit by hand.\",\n  \"type\": \"object\"\n}\n";
        assert_eq!(read_effective(older), Some(json!({"type": "object"})));
    }

    #[test]
    fn the_crate_version_file_is_marked_and_reads_back() {
        let text = crate_version_file("1.2.3", "cargo run -p codegen -- generate");
        assert!(
            text.starts_with("# @generated by codegen from `Cargo.toml`"),
            "{text}"
        );
        assert_eq!(read_crate_version(&text).as_deref(), Some("1.2.3"));
        assert_eq!(read_crate_version("1.2.3\n"), None);
        assert_eq!(read_crate_version(&format!("{text}4.5.6\n")), None);
        let record = "{\"@generated\": \"@generated by codegen from `schema/a.json`\",\n\"crate_version\": \"0.3.0\",\n\"schema\": {}\n}\n";
        assert_eq!(read_legacy_record_version(record).as_deref(), Some("0.3.0"));
        assert_eq!(
            read_legacy_record_version(r#"{"crate_version": "0.3.0"}"#),
            None
        );
    }
}

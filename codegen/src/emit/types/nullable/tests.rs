use super::*;
use serde_json::json;

use crate::config::Config;
use crate::emit::{Emitters, emit_all};
use crate::load::in_memory as file;
use crate::schema_set::SchemaSet;

/// The types of `schema` under the settings `toml`.
fn generate(schema: Value, toml: &str) -> String {
    let mut set = SchemaSet::new(vec![file("patch", schema)]).unwrap();
    set.settings.config = Config::parse(toml, "codegen.toml").unwrap();
    let emitters = Emitters {
        types: true,
        validation: false,
        docs: false,
    };
    let generated = emit_all(&set, emitters).unwrap();
    prettyplease::unparse(&generated.codes[0].types.as_ref().unwrap().file)
}

/// The text of the item that starts with `head`, up to its closing brace.
fn item<'a>(code: &'a str, head: &str) -> &'a str {
    let start = code
        .find(head)
        .unwrap_or_else(|| panic!("{head} in {code}"));
    let end = code[start..]
        .find("\n}\n")
        .map_or(code.len(), |e| start + e + 3);
    &code[start..end]
}

fn patch() -> Value {
    json!({
        "title": "Patch",
        "type": "object",
        "required": ["id", "must"],
        "properties": {
            "id": {"type": "string"},
            "must": {"type": ["string", "null"]},
            "note": {"type": ["string", "null"], "description": "A note."},
            "plain": {"type": "string"},
            "level": {"anyOf": [{"type": "integer", "format": "int64"}, {"type": "null"}]},
            "kind": {"enum": ["a", "b", null]},
            "inner": {"type": ["object", "null"], "properties": {"x": {"type": "string"}}},
            "with-default": {"type": ["string", "null"], "default": "x"},
            "other": {"$ref": "#/$defs/Other", "default": {"y": "k"}}
        },
        "$defs": {"Other": {
            "type": "object",
            "properties": {"y": {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/Kind"}]}}
        }, "Kind": {"enum": ["k", "l"]}}
    })
}

#[test]
fn optional_members_that_allow_null_are_marked() {
    let mut schema = patch();
    mark(&mut schema);
    let described = |member: &str| schema["properties"][member].get(DESCRIPTION).cloned();
    for member in ["note", "level", "kind", "inner", "with-default"] {
        assert!(
            described(member).is_some_and(|d| d.as_str().unwrap().ends_with(MARK)),
            "{member}"
        );
    }
    assert_eq!(described("note"), Some(json!(format!("A note.{MARK}"))));
    for member in ["id", "must", "plain", "other"] {
        assert_eq!(described(member), None, "{member}");
    }
    assert!(schema["$defs"]["Other"]["properties"]["y"][DESCRIPTION] == json!(MARK));
    let none = BTreeSet::new();
    assert!(!allows_null(&json!({"type": "null"}), &none));
    assert!(!allows_null(
        &json!({"type": "string", "enum": ["a", null]}),
        &none
    ));
    let mut linked = json!({
        "properties": {"link": {"$ref": "#/$defs/link"}, "kind": {"$ref": "#/$defs/Kind"}},
        "$defs": {"link": {"type": ["object", "null"]}, "Kind": {"enum": ["k"]}}
    });
    mark(&mut linked);
    assert_eq!(linked["properties"]["link"][DESCRIPTION], json!(MARK));
    assert_eq!(linked["properties"]["kind"].get(DESCRIPTION), None);
}

#[test]
fn three_state_members_become_nullable() {
    let code = generate(patch(), "[type.Patch]\nnullable = \"three-state\"\n");
    let patch = item(&code, "pub struct Patch {");
    let field = |name: &str, ty: &str| {
        format!(
            "#[serde(default, skip_serializing_if = \"::schema_runtime::Nullable::is_absent\")]\n    pub {name}: ::schema_runtime::Nullable<{ty}>,"
        )
    };
    for (name, ty) in [
        ("inner", "PatchInner"),
        ("kind", "PatchKind"),
        ("level", "i64"),
        ("note", "::std::string::String"),
    ] {
        assert!(patch.contains(&field(name, ty)), "{name}: {patch}");
    }
    // Required, not nullable, defaulted and nullable only through a `$ref`: as typify
    // wrote them.
    assert!(patch.contains("pub must: ::std::option::Option<::std::string::String>,"));
    assert!(patch.contains("pub plain: ::std::option::Option<::std::string::String>,"));
    assert!(patch.contains("pub with_default: ::std::option::Option<::std::string::String>,"));
    assert!(patch.contains("pub other: Other,"), "{patch}");
    // The description is the doc again, and no mark is left anywhere.
    assert!(patch.contains("///A note.\n"), "{patch}");
    assert!(!code.contains(MARK) && !code.contains(FIELD_MARK), "{code}");
    assert!(code.contains("///`PatchInner`\n"), "{code}");
}

#[test]
fn types_that_keep_option_are_what_typify_wrote() {
    let plain = generate(patch(), "");
    let marked = generate(patch(), "[type.Other]\nnullable = \"three-state\"\n");
    assert_eq!(
        item(&plain, "pub struct Patch {"),
        item(&marked, "pub struct Patch {")
    );
    assert_eq!(
        item(&plain, "pub struct PatchInner {"),
        item(&marked, "pub struct PatchInner {")
    );
    assert_eq!(
        item(&plain, "///`PatchInner`"),
        item(&marked, "///`PatchInner`")
    );
    // The default of `Patch`'s `other` sets `y`: its literal follows the field.
    let other = item(&marked, "pub struct Other {");
    assert!(
        other.contains("pub y: ::schema_runtime::Nullable<Kind>,"),
        "{other}"
    );
    assert!(
        marked.contains("y: ::schema_runtime::Nullable::Value("),
        "{marked}"
    );
}

#[test]
fn the_fast_path_and_the_docs_know_the_type() {
    let schema = json!({
        "title": "Token",
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string"},
            "scope": {"type": ["string", "null"]}
        }
    });
    let mut set = SchemaSet::new(vec![file("token", schema)]).unwrap();
    set.settings.config =
        Config::parse("[defaults]\nnullable = \"three-state\"\n", "codegen.toml").unwrap();
    let emitters = Emitters {
        types: true,
        validation: true,
        docs: true,
    };
    let generated = emit_all(&set, emitters).unwrap();
    let code = &generated.codes[0];
    let validation = prettyplease::unparse(code.validation.as_ref().unwrap());
    assert!(
        validation.contains("scope: wire.scope.nullable(|v| Some(v.into_string()))?"),
        "{validation}"
    );
    let docs = &code.docs[0].text;
    assert!(docs.contains("Rust: `Nullable<String>`"), "{docs}");
}

#[test]
fn literals_follow_the_three_states() {
    let value = |expr: syn::Expr| {
        let out = three_state_value(&expr);
        quote::quote!(#out).to_string().replace(' ', "")
    };
    assert_eq!(
        value(syn::parse_quote!(::std::option::Option::None)),
        "::schema_runtime::Nullable::Null"
    );
    assert_eq!(
        value(syn::parse_quote!(Some("a".to_string()))),
        "::schema_runtime::Nullable::Value(\"a\".to_string())"
    );
    assert_eq!(
        value(syn::parse_quote!(Default::default())),
        "Default::default()"
    );
}

/// An object alternative of a `oneOf` is a struct variant; its members that allow `null`
/// are three-state like a struct's (azure-containerapp-template's `scale.minReplicas`).
#[test]
fn a_struct_variants_members_become_nullable() {
    let schema = json!({
        "title": "Scale",
        "oneOf": [
            {"type": "object", "properties": {"min": {"oneOf": [{"type": "integer"}, {"type": "null"}]}}},
            {"type": "string"}
        ]
    });
    let code = generate(schema, "[type.Scale]\nnullable = \"three-state\"\n");
    let scale = item(&code, "pub enum Scale {");
    assert!(
        scale.contains(
            "#[serde(default, skip_serializing_if = \"::schema_runtime::Nullable::is_absent\")]\n        min: ::schema_runtime::Nullable<i64>,"
        ),
        "{code}"
    );
    assert!(!code.contains(FIELD_MARK), "{code}");
}

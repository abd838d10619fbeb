use serde_json::json;

use super::*;
use crate::emit::types::tests::{generate, one};
use crate::load::in_memory as file;

/// The code of one schema, or the errors with the warnings.
fn code(schema: Value) -> String {
    one(schema).unwrap_or_else(|errors| panic!("{errors:?}"))
}

/// The declaration of `item` (`pub enum T {`) up to its closing brace, for assertions.
fn item<'c>(code: &'c str, start: &str) -> &'c str {
    let Some(at) = code.find(start) else {
        panic!("no `{start}` in\n{code}");
    };
    let end = code[at..].find("\n}").map_or(code.len(), |e| at + e + 2);
    &code[at..end]
}

/// Collapses whitespace, so that assertions do not depend on line breaks.
fn flat(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_object_schema_without_type_holds_every_other_value() {
    // JSON Schema lets `true` through `{"properties": ...}`: the type must hold it.
    let code = code(json!({"properties": {"a": {"type": "string"}}}));
    assert_eq!(
        flat(item(&code, "pub enum T {")),
        "pub enum T { Object(TObject), Other(::schema_runtime::NonObject), }",
        "{code}"
    );
    assert!(code.contains("#[serde(untagged)]\npub enum T"), "{code}");
    assert!(
        flat(item(&code, "pub struct TObject {"))
            .contains("pub a: ::std::option::Option<::std::string::String>,"),
        "{code}"
    );
}

#[test]
fn a_map_stays_inside_its_variant_and_what_it_holds_keeps_its_name() {
    let code = code(json!({
        "type": "object",
        "properties": {
            "env": {"additionalProperties": {"type": "string"}},
            "lets": {"additionalProperties": {"properties": {"x": {"enum": ["a", "b"]}}}}
        }
    }));
    assert!(
        flat(item(&code, "pub enum TEnv {")).contains(
            "Object(::std::collections::BTreeMap<::std::string::String, ::std::string::String>), Other(::schema_runtime::NonObject),"
        ),
        "{code}"
    );
    assert!(
        code.contains("pub env: ::std::option::Option<TEnv>"),
        "{code}"
    );
    // Each value of `lets` is an enum too; its struct and the struct's member type keep
    // the names typify gave them before (`TLetsValue`, `TLetsValueX`).
    assert!(
        flat(item(&code, "pub enum TLets {"))
            .contains("Object(::std::collections::BTreeMap<::std::string::String, TLetsValue>)"),
        "{code}"
    );
    assert!(
        flat(item(&code, "pub enum TLetsValue {")).contains("Object(TLetsValueObject)"),
        "{code}"
    );
    assert!(
        flat(item(&code, "pub struct TLetsValueObject {"))
            .contains("pub x: ::std::option::Option<TLetsValueX>"),
        "{code}"
    );
    assert!(code.contains("pub enum TLetsValueX {"), "{code}");
    assert!(!code.contains("Untyped"), "{code}");
}

#[test]
fn a_definition_is_the_enum_wherever_it_is_named_and_the_struct_where_it_is_merged() {
    // bukkit-plugin's `permission`: a map of itself, named by members, merged by an `allOf`.
    let code = code(json!({
        "type": "object",
        "properties": {
            "plain": {"$ref": "#/$defs/permission", "description": "A permission."},
            "merged": {"allOf": [{"$ref": "#/$defs/permission"}, {"required": ["description"]}]},
            "single": {"allOf": [{"$ref": "#/$defs/permission"}], "description": "One part."}
        },
        "$defs": {"permission": {
            "properties": {
                "description": {"type": "string"},
                "children": {"additionalProperties": {"$ref": "#/$defs/permission"}}
            }
        }}
    }));
    assert_eq!(
        flat(item(&code, "pub enum Permission {")),
        "pub enum Permission { Object(PermissionObject), Other(::schema_runtime::NonObject), }",
        "{code}"
    );
    assert!(
        flat(item(&code, "pub struct PermissionObject {"))
            .contains("pub children: ::std::option::Option<PermissionChildren>"),
        "{code}"
    );
    assert!(
        flat(item(&code, "pub enum PermissionChildren {"))
            .contains("::std::collections::BTreeMap<::std::string::String, Permission>"),
        "{code}"
    );
    assert!(
        code.contains("pub plain: ::std::option::Option<Permission>"),
        "{code}"
    );
    assert!(
        code.contains("pub single: ::std::option::Option<Permission>"),
        "{code}"
    );
    // Each type where its name sorts, as typify writes them: the struct beside its enum.
    let at = |item: &str| code.find(item).unwrap_or(usize::MAX);
    assert!(
        at("pub enum Permission {") < at("pub enum PermissionChildren {")
            && at("pub enum PermissionChildren {") < at("pub struct PermissionObject {")
            && at("pub struct PermissionObject {") < at("pub struct T {"),
        "{code}"
    );
    // The merge typify made before: a struct that requires `description`.
    assert!(
        flat(item(&code, "pub struct TMerged {"))
            .contains("pub description: ::std::string::String"),
        "{code}"
    );
    assert!(!code.contains("Untyped"), "{code}");
}

#[test]
fn an_object_default_is_built_through_the_object() {
    let code = code(json!({
        "type": "object",
        "properties": {"w": {"properties": {"a": {"type": "string"}}, "default": {"a": "x"}}}
    }));
    assert!(
        flat(&code)
            .contains("TW::Object(TWObject { a: ::std::option::Option::Some(\"x\".to_string()) })")
            || flat(&code).contains("super::TW::Object(super::TWObject {"),
        "{code}"
    );
}

#[test]
fn an_object_part_that_constrains_nothing_is_a_json_value() {
    let code = code(json!({
        "type": "object",
        "properties": {"options": {"additionalProperties": true, "description": "Anything."}}
    }));
    assert!(
        code.contains("pub options: ::std::option::Option<::serde_json::Value>"),
        "{code}"
    );
}

#[test]
fn what_typify_merges_and_alternatives_are_left_as_they_are() {
    let alternatives = code(json!({
        "type": "object",
        "properties": {"pick": {"oneOf": [
            {"properties": {"a": {"type": "string"}}, "required": ["a"]},
            {"type": "string"}
        ]}}
    }));
    assert!(!alternatives.contains("NonObject"), "{alternatives}");
    let merged = code(json!({
        "type": "object",
        "properties": {"both": {"allOf": [
            {"properties": {"a": {"properties": {"x": {"type": "string"}}}}},
            {"properties": {"a": {"properties": {"y": {"type": "string"}}}}}
        ]}}
    }));
    assert!(!merged.contains("NonObject"), "{merged}");
}

#[test]
fn keywords_of_another_type_or_a_type_leave_a_schema_as_it_is() {
    for schema in [
        json!({"type": "object", "properties": {"a": {"type": "string"}}}),
        json!({"properties": {"a": {"type": "string"}}, "minLength": 1}),
        json!({"properties": {"a": {"type": "string"}}, "allOf": [{"required": ["a"]}, {}]}),
    ] {
        // typify fails on the second: a JSON value, with a warning.
        let (code, _) = generate(vec![file("t", schema.clone())], true).unwrap();
        assert!(!code[0].contains("NonObject"), "{schema}\n{}", code[0]);
    }
}

#[test]
fn every_dialect_is_read_by_what_its_keywords_apply_to() {
    // draft-04: `dependencies` only validates, and applies to objects alone.
    let draft4 = code(json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "properties": {"a": {"type": "string"}},
        "dependencies": {"a": ["b"]}
    }));
    assert!(draft4.contains("pub enum T {"), "{draft4}");
    // 2020-12: `unevaluatedProperties: false` closes the struct.
    let closed = code(json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "properties": {"a": {"type": "string"}},
        "unevaluatedProperties": false
    }));
    assert!(closed.contains("pub enum T {"), "{closed}");
    assert!(
        closed.contains("#[serde(deny_unknown_fields)]\npub struct TObject"),
        "{closed}"
    );
}

#[test]
fn a_replaced_definition_stays_the_users_type() {
    let mut set = crate::schema_set::SchemaSet::new(vec![file(
        "t",
        json!({
            "type": "object",
            "properties": {"m": {"$ref": "#/$defs/money"}},
            "$defs": {"money": {"properties": {"cents": {"type": "integer"}}}}
        }),
    )])
    .unwrap();
    set.settings.config =
        crate::config::Config::parse("[type.Money]\nreplace = \"::my::Money\"\n", "codegen.toml")
            .unwrap_or_else(|e| panic!("{e}"));
    let context = crate::emit::context::Context::new(&set).unwrap();
    let types = crate::emit::types::emit_all(&context);
    let code = prettyplease::unparse(&types.files[0].as_ref().unwrap().file);
    assert!(code.contains("::my::Money"), "{code}");
    assert!(!code.contains("NonObject"), "{code}");
}

#[test]
fn placeholders_avoid_the_schemas_own_names() {
    let document = json!({"title": "T", "$defs": {"untyped": {"title": "UntypedX thing"}}});
    assert_eq!(free_base(&document), "UntypedXX");
    assert_eq!(free_base(&json!({"title": "T"})), "Untyped");
}

#[test]
fn the_input_typify_sees() {
    let wrapped = wrap(
        &json!({
            "title": "T",
            "properties": {"m": {"additionalProperties": {"type": "integer"}, "title": "M"}},
            "$defs": {"d": {"required": ["a"], "description": "D."}}
        }),
        &|_| false,
    );
    let other = |title: &str| json!({"title": title, "x-rust-type": {"crate": "schema-runtime", "version": "*", "path": "schema_runtime::NonObject"}});
    assert_eq!(
        wrapped.value,
        json!({
            "title": "T",
            "oneOf": [{"$ref": "#/$defs/Untyped0Object"}, other("Untyped0Other")],
            "$defs": {
                "d": {"description": "D.", "oneOf": [{"$ref": "#/$defs/Untyped2Object"}, other("Untyped2Other")]},
                "Untyped2Object": {"required": ["a"]},
                "Untyped0Object": {"properties": {"m": {
                    "title": "M",
                    "oneOf": [{"additionalProperties": {"type": "integer"}, "type": "object"}, other("Other")]
                }}}
            }
        })
    );
}

#[test]
fn every_file_of_a_run_gets_its_own_names() {
    let (code, warnings) = generate(
        vec![
            file(
                "a",
                json!({"title": "A", "properties": {"b": {"$ref": "b.json"}}}),
            ),
            file(
                "b",
                json!({"title": "B", "properties": {"x": {"type": "integer"}}}),
            ),
        ],
        false,
    )
    .unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    assert!(code[0].contains("Object(AObject)"), "{}", code[0]);
    assert!(code[0].contains("super::b::B"), "{}", code[0]);
    assert!(code[1].contains("Object(BObject)"), "{}", code[1]);
}

/// The code of one schema under `toml`, every pass of the types run, or the error.
fn configured(schema: Value, toml: &str) -> Result<String, String> {
    let mut set = crate::schema_set::SchemaSet::new(vec![file("t", schema)]).unwrap();
    set.settings.config = crate::config::Config::parse(toml, "codegen.toml").unwrap();
    let emitters = crate::emit::Emitters {
        types: true,
        validation: false,
        docs: false,
    };
    let generated = crate::emit::emit_all(&set, emitters).map_err(|e| e.to_string())?;
    Ok(prettyplease::unparse(
        &generated.codes[0].types.as_ref().unwrap().file,
    ))
}

fn widget() -> Value {
    json!({
        "type": "object",
        "properties": {"w": {
            "properties": {
                "name": {"type": "string", "default": "x"},
                "note": {"type": ["string", "null"]},
                "kind": {"enum": ["a", "b"]}
            },
            "required": ["kind"]
        }}
    })
}

#[test]
fn the_settings_of_codegen_toml_reach_the_struct() {
    let code = configured(
        widget(),
        "[defaults]\nunknown_members = \"ignore\"\n\
         [type.TWObject]\nrename = \"Widget\"\nfields = { name = \"title\" }\nbuilder = true\n\
         materialize_defaults = false\nnullable = \"three-state\"\n\
         [type.TWKind]\nopen_enums = true\n",
    )
    .unwrap();
    let flat_code = flat(&code);
    assert!(
        flat_code.contains("Object(Widget), Other(::schema_runtime::NonObject),"),
        "{code}"
    );
    let widget = flat(item(&code, "pub struct Widget {"));
    assert!(
        widget.contains("pub title: ::std::option::Option<::std::string::String>"),
        "{code}"
    );
    assert!(
        widget.contains("::schema_runtime::Nullable<::std::string::String>"),
        "{code}"
    );
    assert!(!widget.contains("extra"), "{code}");
    assert!(code.contains("pub mod builder"), "{code}");
    assert!(code.contains("defaults::tw_object_name"), "{code}");
    assert!(!code.contains("ntyped"), "{code}");
    assert!(
        flat(item(&code, "pub enum TWKind {")).contains("Other(::std::string::String)"),
        "{code}"
    );
}

#[test]
fn derives_reach_through_the_enum() {
    let closed = "[defaults]\nunknown_members = \"ignore\"\n[type.T]\n";
    configured(widget(), &format!("{closed}derives = [\"Eq\", \"Hash\"]\n")).unwrap();
    let error = configured(widget(), &format!("{closed}derives = [\"PartialOrd\"]\n")).unwrap_err();
    assert!(
        error.contains("`PartialOrd` cannot hold") && error.contains("`NonObject`"),
        "{error}"
    );
}

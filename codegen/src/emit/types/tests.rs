//! The type emitter's tests: what typify makes of schemas, and the repairs around it.

use super::*;
use crate::schema_set::SchemaSet;
use serde_json::json;

use crate::load::{SchemaFile, in_memory as file};

/// The generated code of each schema, or the errors; `fallback`: not `--strict`.
pub(super) fn generate(
    files: Vec<SchemaFile>,
    fallback: bool,
) -> Result<(Vec<String>, Vec<String>), Vec<String>> {
    let mut set = SchemaSet::new(files).unwrap();
    set.settings.strict = !fallback;
    let context = Context::new(&set).unwrap();
    let types = emit_all(&context);
    if !types.errors.is_empty() {
        return Err(types.errors.iter().map(ToString::to_string).collect());
    }
    let code = types
        .files
        .iter()
        .map(|f| prettyplease::unparse(&f.as_ref().unwrap().file))
        .collect();
    Ok((
        code,
        types.warnings.iter().map(ToString::to_string).collect(),
    ))
}

pub(super) fn one(value: Value) -> Result<String, Vec<String>> {
    generate(vec![file("t", value)], false).map(|(mut code, _)| code.remove(0))
}

#[test]
fn generates_a_struct_named_after_the_schema() {
    let code = one(json!({"type": "object", "properties": {"a": {"type": "string"}}})).unwrap();
    assert!(code.contains("pub struct T {"), "{code}");
}

#[test]
fn secret_strings_become_secret_strings() {
    let code = one(json!({
        "type": "object",
        "properties": {
            "token": {"type": "string", "writeOnly": true},
            "maybe": {"type": ["string", "null"], "writeOnly": true},
            "password": {"type": "string", "format": "password"},
            "count": {"type": "integer", "writeOnly": true},
            "plain": {"type": "string"}
        }
    }))
    .unwrap();
    assert_eq!(
        code.matches("::schema_runtime::SecretString").count(),
        3,
        "{code}"
    );
    assert!(
        code.contains("pub plain: ::std::option::Option<::std::string::String>"),
        "{code}"
    );
}

#[test]
fn a_default_that_contains_itself_is_left_out_with_a_located_warning() {
    let (code, warnings) = generate(
        vec![file(
            "t",
            json!({"type": "object", "properties": {
                "next": {"anyOf": [{"type": "boolean"}, {"$ref": "#"}], "default": {}}
            }}),
        )],
        true,
    )
    .unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("schema/t.json#/properties/next: this `default` contains itself"),
        "{warnings:?}"
    );
    assert!(
        code[0].contains("pub next: ::std::option::Option<TNext>"),
        "{}",
        code[0]
    );
    assert!(
        !code[0].contains("impl ::std::default::Default for TNext"),
        "{}",
        code[0]
    );
}

#[test]
fn an_enum_without_variants_falls_back_to_a_value() {
    // jasonette's `advancedTitle`: closed, with no properties of its own, beside
    // alternatives that require some. typify types it as an enum no value fits.
    let alternative = |name: &str, member: &str| {
        json!({
            "type": "object",
            "title": format!("Title with {name}"),
            "properties": {
                "type": {"type": "string", "const": name},
                member: {"type": "string"}
            },
            "required": ["type", member]
        })
    };
    let schema = json!({
        "type": "object",
        "properties": {"title": {"$ref": "#/$defs/advancedTitle"}},
        "$defs": {"advancedTitle": {
            "title": "Advanced Title",
            "type": "object",
            "additionalProperties": false,
            "oneOf": [alternative("image", "url"), alternative("label", "text")]
        }}
    });
    let (code, warnings) = generate(vec![file("t", schema)], true).unwrap();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("an enum without variants")),
        "{warnings:?}"
    );
    assert!(
        !code[0].contains("pub enum AdvancedTitle {}"),
        "{}",
        code[0]
    );
}

#[test]
fn a_typify_panic_is_a_located_error_under_strict() {
    // typify panics on enum values whose variant names collide.
    let errors = generate(
        vec![file(
            "t",
            json!({"type": "object", "properties": {"ok": {"type": "string"}, "bad": {"enum": ["a-b", "a_b"]}}}),
        )],
        false,
    )
    .unwrap_err();
    assert!(
        errors[0].starts_with("schema/t.json#/properties/bad: keyword `enum`"),
        "{errors:?}"
    );
    assert!(errors[0].contains("typify panicked"), "{errors:?}");
}

#[test]
fn a_failing_keyword_that_only_narrows_is_left_out_with_a_warning() {
    let (code, warnings) = generate(
        vec![file(
            "t",
            json!({"type": "object", "properties": {"bad": {"type": "string", "enum": ["a-b", "a_b"]}}}),
        )],
        true,
    )
    .unwrap();
    assert!(
        code[0].contains("pub bad: ::std::option::Option<::std::string::String>"),
        "{}",
        code[0]
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0].contains("#/properties/bad: keyword `enum`")
            && warnings[0].contains("the keyword is left out of the types"),
        "{warnings:?}"
    );
}

#[test]
fn a_part_typify_cannot_type_is_a_value_and_so_may_be_the_root() {
    // typify 0.8 refuses `anyOf` and `oneOf` side by side.
    let both = json!({"anyOf": [{"type": "string"}, {"type": "integer"}], "oneOf": [{"type": "string"}, {"type": "integer"}]});
    let (code, warnings) = generate(
        vec![file("t", json!({"type": "object", "properties": {"both": both.clone(), "fine": {"type": "string"}}}))],
        true,
    )
    .unwrap();
    assert!(
        code[0].contains("pub both: ::std::option::Option<::serde_json::Value>"),
        "{}",
        code[0]
    );
    assert!(
        code[0].contains("pub fine: ::std::option::Option<::std::string::String>"),
        "{}",
        code[0]
    );
    assert!(
        warnings[0].contains("typed as `serde_json::Value`"),
        "{warnings:?}"
    );

    let (code, warnings) = generate(vec![file("t", both)], true).unwrap();
    assert!(
        warnings[0].contains("the whole schema is typed as `serde_json::Value`"),
        "{warnings:?}"
    );
    assert!(
        code[0].contains("pub struct T(pub ::serde_json::Value)")
            || code[0].contains("pub type T = ::serde_json::Value"),
        "{}",
        code[0]
    );
}

#[test]
fn shapes_schemars_cannot_read_are_left_to_the_validators() {
    let (code, _) = generate(
        vec![file(
            "t",
            json!({"type": "object", "properties": {"a": {"type": 5}, "b": {"type": "string"}}}),
        )],
        true,
    )
    .unwrap();
    assert!(
        code[0].contains("pub a: ::std::option::Option<::serde_json::Value>"),
        "{}",
        code[0]
    );
}

#[test]
fn a_definition_never_takes_the_name_of_a_property_type() {
    // typify names `bar`'s newtype `FooBar` and would take the definition `FooBar` for
    // it: `bar` would be typed as the enum. In one run with another schema that has a
    // `$defs/type`, `github-issue-forms`'s `$defs/type` was prefixed into
    // `GithubIssueFormsType`, the name of its root's `type` property.
    let (code, _) = generate(
        vec![
            file("foo", json!({
                "title": "Foo",
                "type": "object",
                "properties": {"bar": {"type": "string", "minLength": 1}, "kind": {"$ref": "#/$defs/FooBar"}},
                "$defs": {"FooBar": {"enum": ["a", "b"]}}
            })),
            file("gitea", json!({"title": "Gitea", "$defs": {"type": {"enum": ["x"]}}, "properties": {"kind": {"$ref": "#/$defs/type"}}})),
            file("github", json!({
                "title": "Github",
                "properties": {"type": {"type": "string", "minLength": 1}, "body": {"$ref": "#/$defs/type"}},
                "$defs": {"type": {"enum": ["markdown"]}}
            })),
        ],
        false,
    )
    .unwrap();
    assert!(
        code[0].contains("pub bar: ::std::option::Option<FooBar>")
            && code[0].contains("pub struct FooBar(")
            && code[0].contains("pub kind: ::std::option::Option<FooFooBar>"),
        "{}",
        code[0]
    );
    assert!(
        code[2].contains("pub type_: ::std::option::Option<GithubType>")
            && code[2].contains("pub struct GithubType(")
            && code[2].contains("pub body: ::std::option::Option<GithubType2>"),
        "{}",
        code[2]
    );
}

#[test]
fn types_of_other_files_are_shared_not_copied() {
    let (code, _) = generate(
        vec![
            file("base", json!({"title": "Base", "$defs": {"token_type": {"enum": ["Bearer", "MAC"]}}, "type": "object"})),
            file("wrapper", json!({
                "title": "Wrapper",
                "type": "object",
                "properties": {
                    "base": {"$ref": "base.json"},
                    "kind": {"$ref": "base.json#/$defs/token_type"},
                    "local": {"$ref": "#/properties/base"}
                }
            })),
        ],
        false,
    )
    .unwrap();
    assert!(code[0].contains("pub enum TokenType"), "{}", code[0]);
    assert!(!code[1].contains("pub enum TokenType"), "{}", code[1]);
    assert!(code[1].contains("super::base::TokenType"), "{}", code[1]);
    assert!(code[1].contains("super::base::Base"), "{}", code[1]);
}

#[test]
fn a_closed_alternative_beside_open_ones_leaves_them_open() {
    // vim-addon-info's `otherRepository`: `{}` or a repository with members it may not name.
    let code = one(json!({
        "type": "object",
        "properties": {"homepage": {"type": "string"}},
        "anyOf": [
            {"additionalProperties": false},
            {"properties": {"url": {"type": "string"}}},
            {"properties": {"kind": {"type": "string"}}, "required": ["kind"]}
        ]
    }))
    .unwrap();
    let enum_start = code.find("pub enum T {").expect(&code);
    let attributes = &code[..enum_start];
    assert!(
        attributes.trim_end().ends_with("#[serde(untagged)]"),
        "the enum no longer denies unknown members: {code}"
    );
    assert!(code.contains("Variant0(TVariant0)"), "{code}");
    assert!(
        code.contains("#[serde(deny_unknown_fields)]\npub struct TVariant0 {}"),
        "the closed alternative still refuses them: {code}"
    );
    assert_eq!(
        code.matches("pub extra: ").count() + code.matches("        extra: ").count(),
        2,
        "{code}"
    );
    assert!(
        !code.contains("closed_alternative"),
        "no mark is left: {code}"
    );
}

#[test]
fn closed_alternatives_alone_keep_the_enum_closed() {
    let code = one(json!({
        "anyOf": [
            {"type": "object", "properties": {"a": {"type": "string"}, "c": {"type": "string"}}, "required": ["a"], "additionalProperties": false},
            {"type": "object", "properties": {"b": {"type": "string"}, "d": {"type": "string"}}, "required": ["b"], "additionalProperties": false}
        ]
    }))
    .unwrap();
    assert!(
        code.contains("#[serde(untagged, deny_unknown_fields)]"),
        "{code}"
    );
    assert!(!code.contains("closed_alternative"), "{code}");
}

#[test]
fn optional_collections_name_the_standard_option_where_a_schema_type_is_named_option() {
    // cinnamon-spice-settings: a map of values titled `option`.
    let code = one(json!({
        "type": "object",
        "properties": {"options": {
            "type": "object",
            "patternProperties": {"\\S": {"title": "option", "type": ["string", "number", "boolean"]}},
            "additionalProperties": false
        }}
    }))
    .unwrap();
    assert!(code.contains("pub enum Option {"), "{code}");
    assert!(
        code.contains("pub options: ::std::option::Option<"),
        "{code}"
    );
    assert!(!code.contains("\"Option::is_none\""), "{code}");
}

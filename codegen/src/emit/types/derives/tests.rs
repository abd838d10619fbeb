use serde_json::{Value, json};

use crate::config::Config;
use crate::emit::{Emitters, emit_all};
use crate::load::in_memory as file;
use crate::schema_set::SchemaSet;

/// The code of each schema under `toml`, or the error.
fn generate(schemas: Vec<(&str, Value)>, toml: &str) -> Result<Vec<String>, String> {
    let files = schemas.into_iter().map(|(stem, v)| file(stem, v)).collect();
    let mut set = SchemaSet::new(files).unwrap();
    set.settings.config = Config::parse(toml, "codegen.toml").unwrap();
    let emitters = Emitters {
        types: true,
        validation: false,
        docs: false,
    };
    let generated = emit_all(&set, emitters).map_err(|e| e.to_string())?;
    Ok(generated
        .codes
        .iter()
        .map(|c| prettyplease::unparse(&c.types.as_ref().unwrap().file))
        .collect())
}

fn order() -> Value {
    json!({
        "title": "Order",
        "type": "object",
        "required": ["id"],
        "properties": {
            "id": {"type": "string"},
            "customer": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}
            },
            "status": {"enum": ["open", "closed"]}
        }
    })
}

/// `text` without its whitespace, which prettyplease lays out by width.
fn squash(text: &str) -> String {
    text.split_whitespace().collect()
}

/// The text of the item declared by `head` (`pub struct Order {`), from the end of the one
/// before: its docs and attributes.
fn item<'c>(code: &'c str, head: &str) -> &'c str {
    let at = code
        .find(head)
        .unwrap_or_else(|| panic!("no `{head}` in {code}"));
    let start = code[..at].rfind("}\n").map_or(0, |i| i + 2);
    &code[start..at + head.len()]
}

#[test]
fn derives_reach_the_generated_types_a_type_holds() {
    let code = generate(
        vec![("order", order())],
        "[type.Order]\nderives = [\"Eq\", \"Hash\", \"serde::Serialize\", \"my::Marker\"]\n",
    )
    .unwrap();
    let order = item(&code[0], "pub struct Order {");
    assert!(
        squash(order).contains(&squash("#[derive(::serde::Deserialize, ::serde::Serialize, Clone, Debug, PartialEq, Eq, Hash, my::Marker)]")),
        "{order}"
    );
    let customer = item(&code[0], "pub struct OrderCustomer {");
    assert!(
        squash(customer).contains("PartialEq,Eq,Hash)]"),
        "{customer}"
    );
    // typify gives its string enums every one of them already.
    let status = item(&code[0], "pub enum OrderStatus {");
    assert_eq!(status.matches("Hash").count(), 1, "{status}");
}

#[test]
fn no_setting_changes_nothing() {
    let plain = generate(vec![("order", order())], "").unwrap();
    let other = generate(
        vec![("order", order())],
        "[defaults]\nunknown_members = \"keep\"\n",
    )
    .unwrap();
    assert_eq!(plain, other);
}

#[test]
fn a_float_member_forbids_hash_with_its_place() {
    let schema = json!({
        "title": "Order",
        "type": "object",
        "properties": {"total": {"type": "number"}, "id": {"type": "string"}}
    });
    let error = generate(
        vec![("order", schema)],
        "\n[type.Order]\nderives = [\"Hash\"]\n",
    )
    .unwrap_err();
    assert_eq!(
        error,
        "codegen.toml:3:1: `type.Order.derives`: `Hash` cannot hold: `Order.total` is `f64` (schema/order.json#/properties/total)"
    );
}

#[test]
fn the_forbidding_member_is_found_through_other_types_and_schemas() {
    let price = json!({
        "title": "Price",
        "type": "object",
        "properties": {"amounts": {"type": "array", "items": {"type": "number"}}}
    });
    let order = json!({
        "title": "Order",
        "type": "object",
        "properties": {"price": {"$ref": "price.json"}}
    });
    let error = generate(
        vec![("order", order), ("price", price)],
        "[schema.order]\nderives = [\"Ord\"]\n",
    )
    .unwrap_err();
    assert_eq!(
        error,
        "codegen.toml:2:1: `schema.order.derives`: `Ord` (which needs `Eq`) cannot hold: `Order.price.amounts` holds `f64` (schema/price.json#/properties/amounts)"
    );
}

#[test]
fn derives_cross_schema_modules() {
    let price = json!({
        "title": "Price",
        "type": "object",
        "properties": {"currency": {"type": "string"}}
    });
    let order = json!({
        "title": "Order",
        "type": "object",
        "properties": {"price": {"$ref": "price.json"}}
    });
    let code = generate(
        vec![("order", order), ("price", price)],
        "[type.Order]\nderives = [\"Hash\", \"Eq\"]\n",
    )
    .unwrap();
    let price = item(&code[1], "pub struct Price {");
    assert!(
        squash(price).contains("Default,PartialEq,Eq,Hash)]"),
        "{price}"
    );
}

#[test]
fn json_values_have_eq_and_hash_but_no_order_and_secrets_no_hash() {
    let schema = json!({
        "title": "Blob",
        "type": "object",
        "properties": {"any": {}, "token": {"type": "string", "writeOnly": true}}
    });
    generate(
        vec![("blob", schema.clone())],
        "[type.Blob]\nderives = [\"Eq\"]\n",
    )
    .unwrap();
    let error = generate(
        vec![("blob", schema.clone())],
        "[type.Blob]\nderives = [\"PartialOrd\"]\n",
    )
    .unwrap_err();
    assert!(error.ends_with("`PartialOrd` cannot hold: `Blob.any` is `serde_json::Value` (schema/blob.json#/properties/any)"), "{error}");
    let error = generate(
        vec![("blob", schema)],
        "[type.Blob]\nderives = [\"Hash\"]\n",
    )
    .unwrap_err();
    assert!(error.ends_with("`Hash` cannot hold: `Blob.token` is `SecretString` (schema/blob.json#/properties/token)"), "{error}");
}

#[test]
fn an_enum_has_no_default_to_derive() {
    let error = generate(
        vec![("order", order())],
        "[type.Order]\nderives = [\"Default\"]\n",
    )
    .unwrap_err();
    assert!(
        error.ends_with("`Default` cannot hold: `Order.status` is `OrderStatus`, an enum with no default value (schema/order.json#/properties/status)"),
        "{error}"
    );
}

#[test]
fn attributes_and_non_exhaustive_follow_the_derives() {
    let code = generate(
        vec![("order", order())],
        "[defaults]\nnon_exhaustive = true\n[type.Order]\nattributes = [\"#[must_use]\"]\n",
    )
    .unwrap();
    let order = item(&code[0], "pub struct Order {");
    assert!(
        order.contains("PartialEq)]\n#[must_use]\n#[non_exhaustive]\npub struct Order"),
        "{order}"
    );
    let status = item(&code[0], "pub enum OrderStatus {");
    assert!(status.contains("#[non_exhaustive]"), "{status}");
}

#[test]
fn builders_follow_repaired_names_and_the_kept_members() {
    let schema = json!({
        "title": "Odd",
        "type": "object",
        "required": ["foo-bar"],
        "properties": {
            "foo-bar": {"type": "string"},
            "foo_bar": {"type": "integer", "default": 3},
            "ñame": {"type": "string"},
            "type": {"type": "boolean"}
        }
    });
    let code = generate(vec![("odd", schema)], "[type.Odd]\nbuilder = true\n").unwrap();
    let code = &code[0];
    for expected in [
        "pub fn builder() -> builder::Odd",
        "foo_bar: ::std::result::Result<::std::string::String, ::std::string::String>,",
        "foo_bar_2: ::std::result::Result<i64, ::std::string::String>,",
        "name: ::std::result::Result<",
        "type_: ::std::result::Result<",
        "extra: ::std::result::Result<",
        "foo_bar: Err(\"no value supplied for foo_bar\".to_string()),",
        "foo_bar_2: Ok(super::defaults::default_u64::<i64, 3>()),",
        "extra: value.extra?,",
        "pub mod error",
    ] {
        assert!(code.contains(expected), "`{expected}` in {code}");
    }
}

#[test]
fn a_builder_for_an_enum_is_refused() {
    let error = generate(
        vec![("order", order())],
        "[type.OrderStatus]\nbuilder = true\n",
    )
    .unwrap_err();
    assert!(
        error.starts_with("codegen.toml:2:1: `type.OrderStatus.builder`: "),
        "{error}"
    );
}

#[test]
fn a_derived_default_keeps_the_schemas_defaults() {
    let schema = json!({
        "title": "Retry",
        "type": "object",
        "required": ["label"],
        "properties": {"count": {"type": "integer", "default": 3}, "label": {"type": "string"}}
    });
    let code = generate(
        vec![("retry", schema)],
        "[type.Retry]\nderives = [\"Default\"]\n",
    )
    .unwrap();
    let code = squash(&code[0]);
    assert!(
        code.contains("impl::std::default::DefaultforRetry{fndefault()->Self{Self{count:defaults::default_u64::<i64,3>(),label:::std::default::Default::default(),extra:::std::default::Default::default(),}}}"),
        "{code}"
    );
    assert!(!code.contains("Default,PartialEq"), "{code}");
}

#[test]
fn the_arguments_of_another_librarys_generic_type_are_checked() {
    // A runtime wrapper (three-state members) around a generated type.
    let file: syn::File = syn::parse_quote! {
        #[derive(Clone, Debug, PartialEq)]
        pub struct Root { pub inner: ::schema_runtime::Nullable<Inner> }
        #[derive(Clone, Debug, PartialEq)]
        pub struct Inner { pub score: f64, pub name: ::std::string::String }
    };
    let index = super::index::Index {
        items: vec![super::index::index_file(&file, "Root", "schema/root.json")],
        modules: Default::default(),
    };
    let mut needs = Default::default();
    let hash = index.require(
        0,
        "Root",
        "Hash",
        "Root",
        &mut needs,
        &mut Default::default(),
    );
    let violation = hash.expect_err("f64 has no Hash");
    assert_eq!(
        (violation.chain.as_str(), violation.leaf.as_str()),
        ("Root.inner.score", "`f64`")
    );
    let mut needs = Default::default();
    index
        .require(
            0,
            "Root",
            "PartialOrd",
            "Root",
            &mut needs,
            &mut Default::default(),
        )
        .unwrap_or_else(|_| panic!("f64 and String have PartialOrd"));
    assert!(needs.contains_key(&(0, "Inner".to_string())), "{needs:?}");
}

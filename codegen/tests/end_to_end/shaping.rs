//! `codegen.toml`'s derives, attributes, `non_exhaustive` and builders, as a user writes them:
//! the generated crate builds and a program of the user's uses them; a derive that cannot
//! hold is a located error, exit 2, with nothing written.

use crate::sandbox::Sandbox;
use crate::user_build::as_workspace;

/// An order whose customer is a type of its own, whose price is another schema's type, and
/// whose member names typify would make collide (`foo-bar`, `foo_bar`) or keep non-ASCII.
const ORDER: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Order",
  "type": "object",
  "required": ["id", "price"],
  "properties": {
    "id": {"type": "string"},
    "foo-bar": {"type": "string"},
    "foo_bar": {"type": "integer", "default": 3},
    "ñame": {"type": "string"},
    "type": {"type": "boolean"},
    "status": {"enum": ["open", "closed"], "default": "open"},
    "customer": {
      "type": "object",
      "properties": {"name": {"type": "string"}, "tags": {"type": "array", "items": {"type": "string"}}}
    },
    "price": {"$ref": "price.json"}
  }
}"#;

const PRICE: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Price",
  "type": "object",
  "required": ["cents"],
  "properties": {"cents": {"type": "integer"}, "currency": {"type": "string"}},
  "additionalProperties": false
}"#;

const CONFIG: &str = r##"[type.Order]
derives = ["Eq", "Hash"]
attributes = ["#[must_use]"]
non_exhaustive = true
builder = true

[type.OrderCustomer]
builder = true
"##;

/// The user's program: orders in a `HashSet`, built with builders, kept members and all.
const PROGRAM: &str = r#"
use std::collections::HashSet;

use models::{Order, OrderCustomer, Price};

fn main() {
    let customer: OrderCustomer = OrderCustomer::builder()
        .name(Some("Ada".to_string()))
        .tags(Some(vec!["vip".to_string()]))
        .try_into()
        .expect("every member of a customer is optional");
    let price: Price = serde_json::from_value(serde_json::json!({"cents": 1250})).unwrap();
    let order: Order = Order::builder()
        .id("o-1")
        .foo_bar(Some("dash".to_string()))
        .customer(Some(customer))
        .price(price)
        .try_into()
        .expect("id and price are set");
    assert_eq!(order.foo_bar_2, 3, "the schema's default");
    let missing: Result<Order, _> = Order::builder().id("o-2").try_into();
    assert_eq!(missing.unwrap_err().to_string(), "no value supplied for price");

    let mut orders = HashSet::new();
    orders.insert(order.clone());
    orders.insert(order.clone());
    let wire: Order = serde_json::from_value(serde_json::json!({
        "id": "o-1", "foo-bar": "dash", "price": {"cents": 1250}, "customer": {"name": "Ada", "tags": ["vip"]}
    }))
    .unwrap();
    orders.insert(wire);
    assert_eq!(orders.len(), 1, "{orders:?}");
    println!("built");
}
"#;

fn with_order(config: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/order.json"), ORDER).unwrap();
    std::fs::write(sandbox.path("schema/price.json"), PRICE).unwrap();
    sandbox.write_config(config);
    sandbox
}

fn item<'c>(code: &'c str, head: &str) -> &'c str {
    let at = code
        .find(head)
        .unwrap_or_else(|| panic!("no `{head}` in {code}"));
    let start = code[..at].rfind("\n\n").map_or(0, |i| i + 2);
    &code[start..at + head.len()]
}

#[test]
fn derives_attributes_and_builders_build_and_serve_a_users_program() {
    let sandbox = with_order(CONFIG);
    as_workspace(&sandbox);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");

    let order = std::fs::read_to_string(sandbox.path("generated/src/schemas/order.rs")).unwrap();
    assert!(
        item(&order, "pub struct Order {").contains(
            "#[derive(Deserialize, Serialize, Clone, Debug, PartialEq, Eq, Hash)]\n#[must_use]\n#[non_exhaustive]\n"
        ),
        "{order}"
    );
    assert!(
        item(&order, "pub struct OrderCustomer {").contains("PartialEq, Eq, Hash)]"),
        "what Order holds derives it too: {order}"
    );
    let price = std::fs::read_to_string(sandbox.path("generated/src/schemas/price.rs")).unwrap();
    assert!(
        item(&price, "pub struct Price {").contains("PartialEq, Eq, Hash)]"),
        "and so does a type of another schema: {price}"
    );

    assert_eq!(
        sandbox.run_program("shaping", PROGRAM),
        "built
"
    );
}

#[test]
fn a_derive_a_member_cannot_have_is_a_located_error_and_nothing_is_written() {
    let schema =
        r#"{"title": "Invoice", "type": "object", "properties": {"total": {"type": "number"}}}"#;
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/invoice.json"), schema).unwrap();
    sandbox.write_config("# Invoices go in hash sets.\n[type.Invoice]\nderives = [\"Hash\"]\n");
    let before = sandbox.generated();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.lines().any(|line| line
            == "error: codegen.toml:3:1: `type.Invoice.derives`: `Hash` cannot hold: `Invoice.total` is `f64` (schema/invoice.json#/properties/total)"),
        "{run:?}"
    );
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
    assert_eq!(before, sandbox.generated());
}

#[test]
fn without_the_keys_the_output_is_unchanged() {
    let plain = with_order("");
    let run = plain.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let shaped = with_order(
        "[defaults]\nderives = []\nattributes = []\nnon_exhaustive = false\nbuilder = false\n",
    );
    let run = shaped.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    // Only the record of the settings, for `codegen diff`, tells the two apart.
    let without_record = |sandbox: &Sandbox| {
        let mut generated = sandbox.generated();
        generated.remove(std::path::Path::new("schema/codegen.toml"));
        generated
    };
    assert_eq!(without_record(&plain), without_record(&shaped));
}

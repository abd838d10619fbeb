//! Renames in `codegen.toml` (`rename`, `fields`, `variants` under `[type.<TypeName>]`), as a
//! user writes them: the generated crate builds with the new names, in the schema's own
//! module and in another schema's that refers to the renamed type; payloads decode and
//! encode back unchanged, since wire names stay; validation still works; and a mistake is a
//! located error, exit 2, with nothing written.

use crate::sandbox::Sandbox;
use crate::user_build::as_workspace;

/// A customer, with a member whose name is no Rust identifier and an enum of its own.
const CUSTOMER: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Customer",
  "type": "object",
  "properties": {
    "name": {"type": "string"},
    "e-mail": {"type": "string"},
    "tier": {"$ref": "#/$defs/tier"}
  },
  "required": ["name"],
  "$defs": {
    "tier": {"type": "string", "enum": ["Gold", "Silver"]}
  }
}"##;

/// An order, which refers to the customer and its enum in the other schema.
const ORDER: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Order",
  "type": "object",
  "properties": {
    "id": {"type": "string"},
    "customer": {"$ref": "customer.json"},
    "tier": {"$ref": "customer.json#/$defs/tier"},
    "vip": {"type": "boolean"}
  },
  "required": ["id", "customer"],
  "additionalProperties": false
}"#;

const CONFIG: &str = r#"[type.Customer]
rename = "Client"
fields = { e_mail = "email" }

[type.Tier]
variants = { Gold = "Premium" }

[type.Order]
fields = { vip = "is_vip" }
"#;

fn with_schemas(config: Option<&str>) -> Sandbox {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/customer.json"), CUSTOMER).unwrap();
    std::fs::write(sandbox.path("schema/order.json"), ORDER).unwrap();
    if let Some(config) = config {
        sandbox.write_config(config);
    }
    sandbox
}

fn read(sandbox: &Sandbox, path: &str) -> String {
    std::fs::read_to_string(sandbox.path(path)).unwrap()
}

/// A user's program over the renamed types: decodes, reads, encodes, validates.
const PROGRAM: &str = r##"
use models::customer::Tier;
use models::{Client, Order, SCHEMAS};

fn main() {
    let text = r#"{"id":"o-1","customer":{"name":"Ann","e-mail":"ann@example.com","tier":"Gold"},"tier":"Silver","vip":true}"#;
    let order = Order::from_json_str(text).expect("a valid order decodes");
    let client: &Client = &order.customer;
    assert_eq!(client.email.as_deref(), Some("ann@example.com"));
    assert_eq!(client.tier, Some(Tier::Premium));
    assert_eq!(order.tier, Some(Tier::Silver));
    assert_eq!(order.is_vip, Some(true));
    assert_eq!(Tier::Premium.to_string(), "Gold");
    assert_eq!("Gold".parse::<Tier>().ok(), Some(Tier::Premium));

    let back = serde_json::to_string(&order).unwrap();
    let parsed = |text: &str| serde_json::from_str::<serde_json::Value>(text).unwrap();
    assert_eq!(parsed(&back), parsed(text), "the wire names are unchanged");

    let built = Client {
        name: "Bo".to_string(),
        email: None,
        tier: Some(Tier::Premium),
        extra: Default::default(),
    };
    assert_eq!(serde_json::to_string(&built).unwrap(), r#"{"name":"Bo","tier":"Gold"}"#);

    let invalid = parsed(r#"{"id":"o-2","customer":{"name":"Cy","tier":"Bronze"}}"#);
    let errors = models::order::validate(&invalid).expect_err("validation still works");
    println!("validation: {errors}");
    let entry = SCHEMAS.iter().find(|s| s.name == "customer").unwrap();
    assert_eq!(entry.type_name, "Client");
    let round_trip = entry.round_trip.unwrap();
    let customer = parsed(r#"{"name":"Di","e-mail":"di@example.com"}"#);
    assert_eq!(round_trip(customer.clone()).unwrap(), customer);
}
"##;

#[test]
fn renamed_types_fields_and_variants_build_and_keep_their_wire_names() {
    let sandbox = with_schemas(Some(CONFIG));
    as_workspace(&sandbox);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let customer = read(&sandbox, "generated/src/schemas/customer.rs");
    for expected in [
        "/// `Client`\n#[derive(Deserialize, Serialize, Clone, Debug, PartialEq)]\npub struct Client {",
        "#[serde(rename = \"e-mail\", skip_serializing_if = \"Option::is_none\")]\n    pub email: Option<String>,",
        "#[serde(rename = \"Gold\")]\n    Premium,",
        "impl Client {\n    /// Parses `bytes` strictly",
    ] {
        assert!(customer.contains(expected), "{expected}: {customer}");
    }
    assert!(!customer.contains("Customer"), "{customer}");
    let order = read(&sandbox, "generated/src/schemas/order.rs");
    for expected in [
        "pub customer: super::customer::Client,",
        "#[serde(rename = \"vip\", skip_serializing_if = \"Option::is_none\")]\n    pub is_vip: Option<bool>,",
    ] {
        assert!(order.contains(expected), "{expected}: {order}");
    }
    let lib = read(&sandbox, "generated/src/schemas/mod.rs");
    assert!(lib.contains("pub use customer::{Client"), "{lib}");
    let docs = read(&sandbox, "generated/docs/Client.md");
    assert!(
        docs.contains("Rust type: `customer::Client`")
            && docs.contains("`e-mail`<br>Rust: `email`"),
        "{docs}"
    );
    let order_docs = read(&sandbox, "generated/docs/Order.md");
    assert!(order_docs.contains("Rust: `Client`"), "{order_docs}");

    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 0, "check reads the same renames: {run:?}");

    let stdout = sandbox.run_program("renamed", PROGRAM);
    assert!(
        stdout.contains("validation: ") && stdout.contains("/customer/tier"),
        "{stdout}"
    );
}

#[test]
fn a_fields_entry_naming_no_field_is_a_located_error_and_nothing_is_written() {
    let sandbox = with_schemas(Some("[type.Order]\nfields = { vpi = \"is_vip\" }\n"));
    let before = sandbox.generated();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "error: codegen.toml:2:12: `type.Order.fields.vpi`: names no field of `Order`; did you mean `vip`?"
        ),
        "{run:?}"
    );
    assert!(run.stderr.contains("nothing was written"), "{run:?}");
    assert_eq!(before, sandbox.generated());
    let run = sandbox.codegen(&["check"]);
    assert_eq!(run.code, 2, "{run:?}");
}

#[test]
fn a_rename_that_clashes_is_a_located_error() {
    let sandbox = with_schemas(Some("[type.Customer]\nrename = \"Tier\"\n"));
    let before = sandbox.generated();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 2, "{run:?}");
    assert!(
        run.stderr.contains(
            "error: codegen.toml:2:1: `type.Customer.rename`: `Tier` is already the name of another type of this schema"
        ),
        "{run:?}"
    );
    assert_eq!(before, sandbox.generated());
}

#[test]
fn without_renames_the_names_are_the_generated_ones() {
    let sandbox = with_schemas(None);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let order = read(&sandbox, "generated/src/schemas/order.rs");
    assert!(
        order.contains("pub customer: super::customer::Customer,")
            && order.contains("pub vip: Option<bool>,"),
        "{order}"
    );
}

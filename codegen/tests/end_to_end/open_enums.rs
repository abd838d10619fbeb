//! `open_enums = true` in `codegen.toml`, as a user writes it: the generated crate builds,
//! a value the schema does not list decodes into the catch-all variant and is written back
//! as it came, validation still refuses it, and `codegen diff` reports a value added to an
//! open enum as compatible forward.

use serde_json::Value;

use crate::sandbox::Sandbox;
use crate::user_build::as_workspace;

/// Two string enums: `status` opened by the configuration, `priority` left as it is.
const ORDER: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Order",
  "type": "object",
  "properties": {
    "id": {"type": "string"},
    "status": {"type": "string", "enum": ["placed", "shipped"]},
    "priority": {"type": "string", "enum": ["low", "high"]}
  },
  "required": ["id", "status"],
  "additionalProperties": false
}"#;

const CONFIG: &str = "[type.OrderStatus]\nopen_enums = true\n";

fn with_order(config: Option<&str>) -> Sandbox {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/order.json"), ORDER).unwrap();
    if let Some(config) = config {
        sandbox.write_config(config);
    }
    sandbox
}

/// A user's program over the generated crate: what a newer server sends decodes.
const PROGRAM: &str = r##"
use models::{Order, OrderPriority, OrderStatus};

fn main() {
    let newer = r#"{"id":"a1","status":"returned"}"#;
    let order: Order = serde_json::from_str(newer).expect("an unlisted value decodes");
    assert_eq!(order.status, OrderStatus::Other("returned".to_string()));
    assert_eq!(serde_json::to_string(&order).unwrap(), newer, "written back as it came");
    assert_eq!(order.status.to_string(), "returned");
    assert_eq!("returned".parse::<OrderStatus>().ok(), Some(order.status.clone()));
    assert_eq!(OrderStatus::try_from("placed").ok(), Some(OrderStatus::Placed));

    let listed: Order = serde_json::from_str(r#"{"id":"a1","status":"shipped"}"#).unwrap();
    assert_eq!(listed.status, OrderStatus::Shipped);
    assert_eq!(listed.status.to_string(), "shipped");

    let error = Order::from_json_str(newer).expect_err("validation says what the schema says");
    println!("validation: {error}");

    assert!(serde_json::from_str::<OrderPriority>(r#""urgent""#).is_err(), "not opened");
    let copied: OrderPriority = OrderPriority::Low;
    let _still_copy = (copied, copied);
}
"##;

#[test]
fn an_open_enum_keeps_an_unlisted_value_and_validation_still_refuses_it() {
    let sandbox = with_order(Some(CONFIG));
    as_workspace(&sandbox);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = std::fs::read_to_string(sandbox.path("generated/src/schemas/order.rs")).unwrap();
    assert!(
        code.contains(
            "    /// A value the schema does not list, as it came (`open_enums`).\n    #[serde(untagged)]\n    Other(String),\n}"
        ),
        "{code}"
    );
    assert_eq!(code.matches("Other(").count(), 3, "one enum only: {code}");
    let docs = std::fs::read_to_string(sandbox.path("generated/docs/Order.md")).unwrap();
    assert!(
        docs.contains("Rust: `OrderStatus`<br>other values are kept, as `OrderStatus::Other`"),
        "{docs}"
    );
    assert_eq!(docs.matches("other values are kept").count(), 1, "{docs}");

    let stdout = sandbox.run_program("newer_server", PROGRAM);
    assert!(
        stdout.contains("validation: ") && stdout.contains("/status"),
        "{stdout}"
    );
}

#[test]
fn without_the_setting_no_enum_is_opened() {
    let sandbox = with_order(None);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = std::fs::read_to_string(sandbox.path("generated/src/schemas/order.rs")).unwrap();
    assert!(!code.contains("untagged"), "{code}");
    assert_eq!(code.matches("Copy,").count(), 2, "{code}");
}

/// The record `codegen diff --format json` prints for the value added to `status`.
fn value_added(config: Option<&str>) -> Value {
    let sandbox = with_order(config);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let newer = ORDER.replace(
        r#"["placed", "shipped"]"#,
        r#"["placed", "shipped", "returned"]"#,
    );
    std::fs::write(sandbox.path("schema/order.json"), newer).unwrap();
    let run = sandbox.codegen(&["diff", "--format", "json"]);
    assert_eq!(run.code, 0, "{run:?}");
    run.stdout
        .lines()
        .map(|line| serde_json::from_str::<Value>(line).unwrap())
        .find(|record| record["rule"] == "enum-value-added")
        .unwrap_or_else(|| panic!("no enum-value-added in {run:?}"))
}

#[test]
fn a_value_added_to_an_open_enum_is_compatible_forward_with_the_reason() {
    let closed = value_added(None);
    assert_eq!(closed["wire"]["forward"], "breaking", "{closed:#}");
    assert_eq!(
        closed["witness"]["forward"]["status"], "returned",
        "{closed:#}"
    );

    let open = value_added(Some(CONFIG));
    assert_eq!(open["pointer"], "/properties/status/enum", "{open:#}");
    assert_eq!(
        open["wire"],
        serde_json::json!({"backward": "compatible", "forward": "compatible"}),
        "{open:#}"
    );
    assert_eq!(open["witness"]["forward"], Value::Null, "{open:#}");
    let reason = open["reason"].as_str().unwrap();
    assert!(
        reason.contains(
            "compatible forward for the consumers of the open enum `OrderStatus`: an open enum keeps a value it does not list (as `OrderStatus::Other`; the old validator still refuses it)"
        ),
        "{reason}"
    );
    assert_eq!(
        open["rust"], "major",
        "a new variant still breaks exhaustive matches: {open:#}"
    );
}

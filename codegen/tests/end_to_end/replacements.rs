//! `codegen.toml`'s replacements, as a user writes them: a type of their choosing in place of
//! a generated one, by `format`, by place (file plus JSON Pointer) and by definition name;
//! generate says which dependency to add; a replacement that names nothing is a located
//! error, exit 2, with nothing written. (The shaped fixture compiles `rust_decimal::Decimal`
//! replacements and round-trips its payloads.)

use crate::sandbox::Sandbox;

const ORDER: &str = r##"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Order",
  "type": "object",
  "required": ["id"],
  "properties": {
    "id": {"type": "string"},
    "price": {"type": "string", "format": "decimal"},
    "total": {"type": "number"},
    "money": {"$ref": "#/$defs/money"}
  },
  "$defs": {
    "money": {"type": "object", "properties": {"amount": {"type": "string"}}}
  }
}"##;

fn with_order(config: &str) -> Sandbox {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/order.json"), ORDER).unwrap();
    sandbox.write_config(config);
    sandbox
}

#[test]
fn a_replacement_by_format_place_and_definition_name_takes_the_users_type() {
    let sandbox = with_order(
        "[format.decimal]\nreplace = \"rust_decimal::Decimal\"\n\n[schema.order]\nreplace_at = { \"/properties/total\" = \"rust_decimal::Decimal\" }\n\n[type.Money]\nreplace = \"std::collections::BTreeMap<String, String>\"\n",
    );
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = std::fs::read_to_string(sandbox.path("generated/src/schemas/order.rs")).unwrap();
    assert!(
        code.contains("pub price: Option<::rust_decimal::Decimal>,"),
        "{code}"
    );
    assert!(
        code.contains("pub total: Option<::rust_decimal::Decimal>,"),
        "{code}"
    );
    assert!(!code.contains("pub struct Money"), "{code}");
    assert!(
        code.contains("pub money: Option<::std::collections::BTreeMap<String, String>>,"),
        "{code}"
    );
    assert!(
        run.stderr.contains(
            "warning: the generated code uses `rust_decimal` (a replacement in codegen.toml)"
        ),
        "{run:?}"
    );
    assert!(
        !run.stderr.contains("uses `std`"),
        "std needs no dependency: {run:?}"
    );
    // Validation still checks the schema: a total that is not a number is refused.
    assert!(code.contains("check_properties_total"), "{code}");
}

#[test]
fn a_replacement_that_names_nothing_is_a_located_error_and_nothing_is_written() {
    let cases = [
        (
            "[schema.order]\nreplace_at = { \"/properties/totl\" = \"rust_decimal::Decimal\" }\n",
            "error: codegen.toml:2:16: `schema.order.replace_at./properties/totl`: `/properties/totl` is no place of schema/order.json",
        ),
        (
            "[format.decimall]\nreplace = \"rust_decimal::Decimal\"\n",
            "error: codegen.toml:1:9: `format.decimall`: no schema of the set has `\"format\": \"decimall\"`",
        ),
        (
            "[type.Mony]\nreplace = \"rust_decimal::Decimal\"\n",
            "error: codegen.toml:1:7: `type.Mony`: names no generated type; did you mean `Money`?",
        ),
    ];
    for (config, expected) in cases {
        let sandbox = with_order(config);
        let before = sandbox.generated();
        let run = sandbox.codegen(&["generate"]);
        assert_eq!(run.code, 2, "{config}: {run:?}");
        assert!(run.stderr.contains(expected), "{config}: {run:?}");
        assert!(run.stderr.contains("nothing was written"), "{run:?}");
        assert_eq!(before, sandbox.generated());
    }
}

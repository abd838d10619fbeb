//! The examples a listed OpenAPI document carries are checked when generating: one summary
//! line, a located warning per example its schema refuses, an error under `--strict`, and
//! the example's value never printed.

use crate::sandbox::Sandbox;
use crate::user_build::as_workspace;

const SHOP: &str = r#"openapi: 3.0.3
info:
  title: Shop
  version: "1.0"
paths:
  /orders:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Order'
            examples:
              small:
                value: {quantity: 1, coupon: SPRING}
              negative:
                value: {quantity: -2, coupon: hunter2}
      responses:
        '201':
          description: created
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Order'
              example: {id: o-1, quantity: 3}
components:
  schemas:
    Id:
      type: string
      readOnly: true
    Order:
      type: object
      required: [id, quantity]
      properties:
        id:
          $ref: '#/components/schemas/Id'
        quantity:
          type: integer
          minimum: 1
          example: 0
        coupon:
          type: string
          format: password
      example: {id: o-2, quantity: 2}
"#;

const CONFIG: &str = "[openapi.shop]\nsource = \"schema/shop.yml\"\ncomponents = \"*\"\n";

#[test]
fn a_documented_example_its_schema_refuses_is_a_located_warning() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/shop.yml"), SHOP).unwrap();
    sandbox.write_config(CONFIG);
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(
        run.stdout
            .contains("documented examples: 5 checked, 3 valid, 2 invalid"),
        "{run:?}"
    );
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("documented example"))
        .collect();
    assert_eq!(
        warnings,
        [
            "warning: schema/shop.yml#/components/schemas/Order/properties/quantity/example: documented example does not match its schema: `minimum` refuses the value at the root",
            "warning: schema/shop.yml#/paths/~1orders/post/requestBody/content/application~1json/examples/negative/value: documented example does not match its schema: `minimum` refuses the value at /quantity",
        ],
        "{run:?}"
    );
    // The secret's value is documentation, but a secret all the same.
    assert!(!run.stderr.contains("hunter2"), "{run:?}");

    // The model crate's own test: its validators give the recorded verdicts on all five
    // (the negative quantity and the member's example refused, each by its own schema's
    // validator), and the valid examples of `Order` decode and encode back: the request
    // without the `readOnly` `id` through `OrderInput`.
    as_workspace(&sandbox);
    let test = sandbox.cargo(&[
        "test",
        "-p",
        "models",
        "--lib",
        "documented_examples",
        "--",
        "--nocapture",
    ]);
    let stdout = String::from_utf8_lossy(&test.stdout);
    assert!(
        test.status.success(),
        "{}{stdout}",
        String::from_utf8_lossy(&test.stderr)
    );
    assert!(
        stdout.contains(
            "documented examples: 5 checked by the generated validators; of components: 3 decoded, 3 of them exactly as written, 0 directed ones not decoded"
        ),
        "{stdout}"
    );

    let strict = sandbox.codegen(&["generate", "--strict"]);
    assert_eq!(strict.code, 2, "{strict:?}");
    assert!(
        strict.stderr.contains("error: schema/shop.yml#/components/schemas/Order/properties/quantity/example: documented example does not match its schema"),
        "{strict:?}"
    );
    assert!(strict.stderr.contains("nothing was written"), "{strict:?}");
}

#[test]
fn without_a_model_set_no_examples_line_is_printed() {
    let sandbox = Sandbox::new();
    let run = sandbox.codegen(&["generate"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!run.stdout.contains("documented examples"), "{run:?}");
}

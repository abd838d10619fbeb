//! Requests and responses of an OpenAPI component (OpenAPI's `readOnly` and `writeOnly`):
//! each component's `validate_request` and `validate_response`, beside `validate`, which
//! means what the JSON Schema means.

use crate::sandbox::Sandbox;
use crate::user_build::as_workspace;

/// A required `readOnly` `id` (behind a `$ref`, as 3.0 writes it) and a `writeOnly` secret;
/// `Lead` is sent in a request body, `Note` (which has a `readOnly` id too) only received.
const CRM: &str = r#"openapi: 3.0.3
info:
  title: CRM
  version: "1.0"
paths:
  /leads:
    post:
      requestBody:
        content:
          application/json:
            schema:
              $ref: '#/components/schemas/Lead'
      responses:
        "201":
          description: Created
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Note'
components:
  schemas:
    Id:
      type: string
      readOnly: true
    Lead:
      type: object
      required: [id, name]
      properties:
        id:
          $ref: '#/components/schemas/Id'
        name:
          type: string
        password:
          type: string
          writeOnly: true
        address:
          $ref: '#/components/schemas/Address'
    Note:
      type: object
      required: [id]
      properties:
        id:
          $ref: '#/components/schemas/Id'
        text:
          type: string
    Address:
      type: object
      properties:
        city:
          type: string
"#;

const PROGRAM: &str = r##"
use serde_json::json;

fn located(result: Result<(), schema_runtime::ValidationErrors>) -> String {
    match result {
        Ok(()) => "valid".to_string(),
        Err(errors) => errors.iter().map(|e| format!("{} {}", e.instance_location(), e)).collect::<Vec<_>>().join("; "),
    }
}

fn main() {
    use models::crm::{Address, Lead};
    let no_id = json!({"name": "Ada", "password": "hunter2"});
    println!("request without id: {}", located(Lead::validate_request(&no_id)));
    println!("response without id: {}", located(Lead::validate_response(&json!({"name": "Ada"}))));
    println!("plain without id: {}", located(Lead::validate(&no_id)));
    let full = json!({"id": "7", "name": "Ada", "password": "hunter2"});
    println!("response with the secret: {}", located(Lead::validate_response(&full)));
    println!("request with the id: {}", located(Lead::validate_request(&full)));
    println!("address: {}", located(Address::validate_response(&json!({"city": "Paris"}))));
    for entry in models::SCHEMAS.iter().filter(|e| e.name.starts_with("crm/")) {
        println!("registry {} directions {}", entry.name, entry.directions.is_some());
    }
    // A request decodes into the input type, which has no `id`; the secret stays secret.
    let input = models::crm::LeadInput::from_json(br#"{"name": "Ada", "password": "hunter2"}"#).unwrap();
    println!("input: {} {:?}", input.name, input.password);
    match models::crm::LeadInput::from_json(br#"{"id": "7", "name": "Ada"}"#) {
        Ok(_) => println!("input with the id: decoded"),
        Err(errors) => println!("input with the id: {}", errors.iter().map(|e| e.instance_location().to_string()).collect::<Vec<_>>().join(" ")),
    }
    println!("lead without id: {}", models::crm::Lead::from_json(br#"{"name": "Ada"}"#).is_ok());
}
"##;

#[test]
fn readonly_and_writeonly_members_follow_the_direction() {
    let sandbox = Sandbox::new();
    as_workspace(&sandbox);
    std::fs::write(sandbox.path("schema/crm.yml"), CRM).unwrap();
    sandbox.write_config(
        "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = [\"Lead\", \"Note\", \"Address\"]\n",
    );
    let run = sandbox.codegen(&["generate", "-q", "--strict"]);
    assert_eq!(run.code, 0, "{run:?}");
    let stdout = sandbox.run_program("directions", PROGRAM);
    println!("{stdout}");
    assert!(!stdout.contains("hunter2"), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "request without id: valid");
    assert!(lines[1].starts_with("response without id:  "), "{stdout}");
    assert!(lines[1].contains("`id`"), "{stdout}");
    assert!(lines[2].starts_with("plain without id:  "), "{stdout}");
    assert!(
        lines[3].starts_with("response with the secret: /password "),
        "{stdout}"
    );
    assert!(
        lines[4].starts_with("request with the id: /id "),
        "{stdout}"
    );
    assert_eq!(lines[5], "address: valid");
    assert_eq!(
        lines[6..],
        [
            "registry crm/Lead directions true",
            "registry crm/Note directions true",
            "registry crm/Address directions false",
            "input: Ada Some([REDACTED])",
            "input with the id: /id",
            "lead without id: false",
        ]
    );
    // Only where a request needs one: `Note` is only received, `Address` has no `readOnly`.
    let code = std::fs::read_to_string(sandbox.path("generated/src/schemas/crm.rs")).unwrap();
    assert!(code.contains("pub struct LeadInput"), "{code}");
    assert!(!code.contains("NoteInput"), "{code}");
    assert!(!code.contains("AddressInput"), "{code}");
}

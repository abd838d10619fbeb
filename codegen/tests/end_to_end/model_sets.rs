//! `[openapi.<module>]` in `codegen.toml`, as a user writes it: an OpenAPI 3.0 document
//! becomes one module of the model crate, with a type per component, each with its
//! validators and `from_json`, and a registry entry `<module>/<Component>`; the crate builds
//! and a user's program decodes and validates through them.

use crate::sandbox::Sandbox;
use crate::user_build::as_workspace;

/// Two components, one referencing the other; a member that allows `null` (3.0's
/// `nullable`); an inline enum; a bound.
const CRM: &str = r#"openapi: 3.0.3
info:
  title: CRM
  version: "1.0"
paths: {}
components:
  schemas:
    Lead:
      type: object
      required: [id, name]
      properties:
        id:
          type: string
        name:
          type: string
          minLength: 1
        company_name:
          type: string
          nullable: true
        address:
          $ref: '#/components/schemas/Address'
    Address:
      type: object
      properties:
        city:
          type: string
        country:
          type: string
          enum: [FR, DE, US]
"#;

const CONFIG: &str = "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = \"*\"\n";

/// A user's program: decodes a lead through `from_json_str`, refuses an invalid one through
/// `validate_json` (located), and lists the registry.
const PROGRAM: &str = r##"
fn main() {
    let lead = models::crm::Lead::from_json_str(
        r#"{"id": "7", "name": "Ada", "company_name": null, "address": {"city": "Paris", "country": "FR"}}"#,
    )
    .expect("a valid lead decodes");
    let address = lead.address.as_ref().expect("the address decodes");
    println!("name {}", lead.name.as_str());
    println!("company {:?}", lead.company_name);
    println!("city {:?} {:?}", address.city, address.country.map(|c| c.to_string()));
    let errors = models::crm::Lead::validate_json(br#"{"id": "7", "name": "", "address": {"country": "UK"}}"#)
        .expect_err("an empty name and an unknown country are refused");
    let mut located: Vec<&str> = errors.iter().map(|e| e.instance_location()).collect();
    located.sort();
    println!("errors {located:?}");
    let valid = serde_json::json!({"id": "8", "name": "Bo"});
    println!("valid {}", models::crm::Lead::is_valid(&valid));
    for entry in models::SCHEMAS {
        let checked = (entry.validate)(&valid).is_ok();
        println!("registry {} {} {} {checked}", entry.name, entry.type_name, entry.source);
    }
}
"##;

#[test]
fn an_openapi_document_generates_a_module_with_a_type_per_component() {
    let sandbox = Sandbox::new();
    as_workspace(&sandbox);
    std::fs::write(sandbox.path("schema/crm.yml"), CRM).unwrap();
    sandbox.write_config(CONFIG);
    let credentials = "generated/src/schemas/credentials.rs";
    let before = std::fs::read(sandbox.path(credentials)).unwrap();
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        before,
        std::fs::read(sandbox.path(credentials)).unwrap(),
        "a model set leaves the schemas' code alone"
    );
    let code = std::fs::read_to_string(sandbox.path("generated/src/schemas/crm.rs")).unwrap();
    assert!(code.contains("pub struct Lead {"), "{code}");
    assert!(code.contains("pub address: Option<Address>,"), "{code}");
    assert!(code.contains("impl Lead {"), "{code}");
    assert!(
        code.contains("impl runtime::registry::Model for Address {"),
        "{code}"
    );
    // Only schema files are recorded for `codegen diff`; a model set's pages have a folder.
    assert!(!sandbox.path("generated/schema/crm.json").exists());
    assert!(!sandbox.path("generated/docs/Crm.md").exists());

    let stdout = sandbox.run_program("crm", PROGRAM);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "name Ada",
            "company None",
            "city Some(\"Paris\") Some(\"FR\")",
            "errors [\"/address/country\", \"/name\"]",
            "valid true",
            "registry credentials Credentials schema/credentials.json false",
            "registry crm/Lead Lead schema/crm.yml#/components/schemas/Lead true",
            "registry crm/Address Address schema/crm.yml#/components/schemas/Address true",
        ],
        "{stdout}"
    );
}

/// A component that is not selected but that a selected one references is typed, in the
/// module, without entry points; `paths` and unreferenced components are not typed.
#[test]
fn a_referenced_component_left_out_is_typed_without_an_entry() {
    let sandbox = Sandbox::new();
    let document = format!(
        "{CRM}    Unused:\n      type: object\n      properties:\n        note:\n          type: string\n"
    );
    std::fs::write(sandbox.path("schema/crm.yml"), document).unwrap();
    sandbox.write_config("[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = [\"Le?d\"]\n");
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = std::fs::read_to_string(sandbox.path("generated/src/schemas/crm.rs")).unwrap();
    assert!(code.contains("pub struct Address {"), "{code}");
    assert!(code.contains("impl Lead {"), "{code}");
    assert!(!code.contains("impl Address {"), "{code}");
    assert!(!code.contains("Unused"), "{code}");
    let index = std::fs::read_to_string(sandbox.path("generated/src/schemas/mod.rs")).unwrap();
    assert!(index.contains("name: \"crm/Lead\""), "{index}");
    assert!(!index.contains("crm/Address"), "{index}");
}

/// CRM with the examples a page shows: 3.0's `example` on each member of Lead, and one on
/// Address as a whole.
const CRM_WITH_EXAMPLES: &str = r#"openapi: 3.0.3
info:
  title: CRM
  version: "1.0"
paths: {}
components:
  schemas:
    Lead:
      title: Sales lead
      description: A person who may buy. Leads come from the web form.
      type: object
      required: [id, name]
      properties:
        id:
          type: string
          description: The lead's identifier.
          example: lead-7
        name:
          type: string
          minLength: 1
          example: Ada
        company_name:
          type: string
          nullable: true
          example: Analytical Engines
        address:
          $ref: '#/components/schemas/Address'
    Address:
      description: Where a lead lives.
      type: object
      example:
        city: Paris
        country: FR
      properties:
        city:
          type: string
        country:
          type: string
          enum: [FR, DE, US]
    Stage:
      type: string
      enum: [new, won, lost]
"#;

/// A model set has a folder of pages, `docs/<module>/`: one per component, in a schema
/// file's layout, and an index; a schema file's page stays as it was.
#[test]
fn a_model_set_has_a_page_per_component_and_an_index() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/crm.yml"), CRM_WITH_EXAMPLES).unwrap();
    sandbox.write_config(CONFIG);
    let credentials = "generated/docs/Credentials.md";
    let before = std::fs::read(sandbox.path(credentials)).unwrap();
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert_eq!(
        before,
        std::fs::read(sandbox.path(credentials)).unwrap(),
        "a model set leaves the schema files' pages alone"
    );

    let read = |path: &str| std::fs::read_to_string(sandbox.path(path)).unwrap();
    let lead = read("generated/docs/crm/Lead.md");
    assert!(
        lead.starts_with("<!-- @generated by codegen from `schema/crm.yml`."),
        "{lead}"
    );
    assert!(lead.contains("\n# Sales lead\n"), "{lead}");
    assert!(lead.contains("A person who may buy."), "{lead}");
    assert!(
        lead.contains("Rust type: `crm::Lead`, from `schema/crm.yml#/components/schemas/Lead`."),
        "{lead}"
    );
    assert!(
        lead.contains("| Field | Type | Required | Description | Example |"),
        "{lead}"
    );
    assert!(
        lead.contains(
            "| `id`<br>Rust: `id` | *string*<br>Rust: `String` | :heavy_check_mark: | The lead's identifier. | lead-7 |"
        ),
        "{lead}"
    );
    assert!(
        lead.contains(
            "| `company_name`<br>Rust: `company_name` | *string \\| null*<br>Rust: `Option<String>` | :heavy_minus_sign: |  | Analytical Engines |"
        ),
        "{lead}"
    );
    assert!(
        lead.contains("| `address`<br>Rust: `address` | *Address*"),
        "{lead}"
    );
    // No example of its own: one assembled from its members', the inline object left out.
    assert!(
        lead.contains(
            "```json\n{\n  \"id\": \"lead-7\",\n  \"name\": \"Ada\",\n  \"company_name\": \"Analytical Engines\"\n}\n```\n"
        ),
        "{lead}"
    );
    let address = read("generated/docs/crm/Address.md");
    assert!(address.contains("\n# Address\n"), "{address}");
    assert!(
        address.contains("```json\n{\n  \"city\": \"Paris\",\n  \"country\": \"FR\"\n}\n```\n"),
        "{address}"
    );
    let stage = read("generated/docs/crm/Stage.md");
    assert!(!stage.contains("| Field |"), "{stage}");
    assert!(
        stage.contains("one of \"new\", \"won\", \"lost\""),
        "{stage}"
    );

    let index = read("generated/docs/crm/README.md");
    assert!(index.starts_with("<!-- @generated by codegen"), "{index}");
    assert!(
        index.contains("[`Lead`](Lead.md): A person who may buy."),
        "{index}"
    );
    assert!(
        !index.contains("Leads come from the web form."),
        "only the first sentence: {index}"
    );
    assert!(
        index.contains("[`Address`](Address.md): Where a lead lives."),
        "{index}"
    );
    assert!(index.contains("[`Stage`](Stage.md)"), "{index}");
    assert!(
        sandbox.codegen(&["check"]).code == 0,
        "the pages are written as `check` expects them"
    );

    // A component no longer selected loses its page; a page the generator did not write
    // stays.
    std::fs::write(sandbox.path("generated/docs/crm/notes.md"), "# Mine\n").unwrap();
    sandbox.write_config("[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = [\"Lead\"]\n");
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!sandbox.path("generated/docs/crm/Stage.md").exists());
    assert!(!sandbox.path("generated/docs/crm/Address.md").exists());
    assert!(sandbox.path("generated/docs/crm/Lead.md").exists());
    assert!(sandbox.path("generated/docs/crm/notes.md").exists());

    // The model set gone, its folder goes, once nothing but its pages is in it.
    std::fs::remove_file(sandbox.path("generated/docs/crm/notes.md")).unwrap();
    std::fs::remove_file(sandbox.path("schema/crm.yml")).unwrap();
    sandbox.write_config("");
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    assert!(!sandbox.path("generated/docs/crm").exists());
    assert_eq!(before, std::fs::read(sandbox.path(credentials)).unwrap());
}

#[test]
fn an_openapi_document_alone_in_the_schema_folder_is_enough_when_listed() {
    let sandbox = Sandbox::new();
    std::fs::remove_dir_all(sandbox.path("schema")).unwrap();
    std::fs::create_dir(sandbox.path("schema")).unwrap();
    std::fs::write(sandbox.path("schema/crm.yml"), CRM).unwrap();
    std::fs::write(sandbox.path("codegen.toml"), "").unwrap();
    let unlisted = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(unlisted.code, 2, "{unlisted:?}");
    assert!(
        unlisted.stderr.contains("only OpenAPI documents")
            && unlisted.stderr.contains("[openapi.<module>]"),
        "{unlisted:?}"
    );
    std::fs::write(
        sandbox.path("codegen.toml"),
        "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = \"*\"\n",
    )
    .unwrap();
    let listed = sandbox.codegen(&["generate", "-q", "--strict"]);
    assert_eq!(listed.code, 0, "{listed:?}");
    let code = std::fs::read_to_string(sandbox.path("generated/src/schemas/crm.rs")).unwrap();
    assert!(code.contains("pub struct Lead"), "{code}");
}

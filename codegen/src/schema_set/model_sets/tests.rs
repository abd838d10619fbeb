//! Entries resolved against documents: what they select, in which order, and the located
//! errors of an entry that names nothing.

use std::path::Path;

use serde_json::{Value, json};

use super::*;
use crate::load::in_memory;

/// An OpenAPI document held in memory as `schema/<stem>.yml`.
fn document(stem: &str, schemas: Value) -> SchemaFile {
    let mut file = in_memory(
        stem,
        json!({"openapi": "3.0.3", "components": {"schemas": schemas}}),
    );
    file.display = format!("schema/{stem}.yml");
    file.path = file.display.clone().into();
    file
}

fn crm() -> SchemaFile {
    // Not in alphabetical order, so that document order shows.
    document(
        "crm",
        json!({"Lead": {}, "Contact": {}, "LeadsFilter": {}, "ContactsSort": {}, "Address": {}}),
    )
}

fn resolved(
    toml: &str,
    documents: &[SchemaFile],
    schemas: &[SchemaFile],
) -> Result<Vec<ModelSet>, String> {
    let config = Config::parse(toml, "codegen.toml").map_err(|e| e.to_string())?;
    // A root with none of these files on disk: only the displays can match.
    resolve(&config, Path::new("/nonexistent"), documents, schemas).map_err(|e| e.to_string())
}

#[test]
fn components_are_selected_in_document_order() {
    let sets = resolved(
        "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = [\"Contact*\", \"Lead\"]\n\n[openapi.all]\nsource = \"./schema/vault.yml\"\ncomponents = \"*\"\n",
        &[crm(), document("vault", json!({"Z": {}, "A": {}}))],
        &[in_memory("credentials", json!({}))],
    )
    .unwrap();
    assert_eq!(
        sets,
        [
            ModelSet {
                module: "all".into(),
                document: "schema/vault.yml".into(),
                components: vec!["Z".into(), "A".into()],
            },
            ModelSet {
                module: "crm".into(),
                document: "schema/crm.yml".into(),
                components: vec!["Lead".into(), "Contact".into(), "ContactsSort".into()],
            },
        ]
    );
}

#[test]
fn no_entry_no_model_set() {
    let sets = resolved("[defaults]\n", &[crm()], &[]).unwrap();
    assert!(sets.is_empty());
}

#[test]
fn an_entry_that_names_nothing_is_located() {
    let credentials = in_memory("credentials", json!({}));
    let empty = document("proxy", json!({}));
    let cases = [
        (
            "[openapi.crm]\nsource = \"schema/cmr.yml\"\ncomponents = \"*\"\n",
            "codegen.toml:2:1: `openapi.crm.source`: `schema/cmr.yml` names no OpenAPI document of the run; did you mean `schema/crm.yml`?",
        ),
        (
            "[openapi.crm]\nsource = \"elsewhere/other.yml\"\ncomponents = \"*\"\n",
            "codegen.toml:2:1: `openapi.crm.source`: `elsewhere/other.yml` names no OpenAPI document of the run; the run's are schema/crm.yml, schema/proxy.yml",
        ),
        (
            "[openapi.creds]\nsource = \"schema/credentials.json\"\ncomponents = \"*\"\n",
            "codegen.toml:2:1: `openapi.creds.source`: schema/credentials.json is a schema, not an OpenAPI document (`openapi: 3.x`); a schema file is generated without an entry",
        ),
        (
            "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = [\"Lead\", \"Leed\"]\n",
            "codegen.toml:3:23: `openapi.crm.components.1`: `Leed` names no component schema of schema/crm.yml; did you mean `Lead`?",
        ),
        (
            "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = [\"Account*\"]\n",
            "codegen.toml:3:15: `openapi.crm.components.0`: `Account*` names no component schema of schema/crm.yml",
        ),
        (
            "[openapi.proxy]\nsource = \"schema/proxy.yml\"\ncomponents = [\"Lead\"]\n",
            "codegen.toml:2:1: `openapi.proxy.source`: schema/proxy.yml has no component schemas (`components/schemas`) to generate",
        ),
        (
            "[openapi.a]\nsource = \"schema/crm.yml\"\ncomponents = \"*\"\n\n[openapi.b]\nsource = \"schema/crm.yml\"\ncomponents = [\"Lead\"]\n",
            "codegen.toml:6:1: `openapi.b.source`: schema/crm.yml is already the source of `[openapi.a]`; one document makes one module",
        ),
        (
            "[openapi.credentials]\nsource = \"schema/crm.yml\"\ncomponents = \"*\"\n",
            "codegen.toml:1:10: `openapi.credentials`: `credentials` is also the module of the schema schema/credentials.json; name the model set otherwise",
        ),
    ];
    for (toml, expected) in cases {
        let error = resolved(
            toml,
            &[crm(), empty.clone()],
            std::slice::from_ref(&credentials),
        )
        .unwrap_err();
        assert_eq!(error, expected, "{toml}");
    }
}

#[test]
fn no_documents_at_all_is_said() {
    let error = resolved(
        "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = \"*\"\n",
        &[],
        &[],
    )
    .unwrap_err();
    assert_eq!(
        error,
        "codegen.toml:2:1: `openapi.crm.source`: `schema/crm.yml` names no OpenAPI document of the run; the run has none"
    );
}

#[test]
fn a_source_is_also_found_by_its_file_on_disk() {
    let dir = std::env::temp_dir().join(format!("codegen-model-sets-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("schema")).unwrap();
    let path = dir.join("schema/crm.yml");
    std::fs::write(&path, "openapi: 3.0.3\n").unwrap();
    let mut crm = crm();
    crm.path = path;
    let config = Config::parse(
        "[openapi.crm]\nsource = \"schema/../schema/crm.yml\"\ncomponents = [\"Lead\"]\n",
        "codegen.toml",
    )
    .unwrap();
    let found = resolve(&config, &dir, &[crm], &[]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(found.unwrap()[0].components, ["Lead"]);
}

#[test]
fn every_component_of_a_document_without_any_is_a_module_with_no_types() {
    let mut empty = in_memory("proxy", json!({"openapi": "3.0.3", "paths": {}}));
    empty.display = "schema/proxy.yml".into();
    let sets = resolved(
        "[openapi.proxy]\nsource = \"schema/proxy.yml\"\ncomponents = \"*\"\n",
        &[empty],
        &[],
    )
    .unwrap();
    assert_eq!(
        sets,
        [ModelSet {
            module: "proxy".into(),
            document: "schema/proxy.yml".into(),
            components: vec![],
        }]
    );
}

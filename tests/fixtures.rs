//! The fixture corpus: schemas written for this project under `tests/fixtures/<name>/`,
//! each with valid and invalid payloads in `payloads.json`; each invalid payload names the
//! keyword that must reject it (`keywordLocation`), so that one rejected for another reason
//! fails. The generated code (the checked-in
//! `snapshot.rs`, kept fresh by `snapshots.rs`) is compiled here under `#![deny(warnings)]`;
//! every payload must get its expected verdict, and every valid one must decode into the
//! generated type and encode back to the same JSON value.

#![deny(warnings)]

use schema_runtime::registry::SchemaEntry;
use serde_json::Value;

#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/all_of/snapshot.rs"]
pub mod fixture_all_of;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/arrays/snapshot.rs"]
pub mod fixture_arrays;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/awkward_names/snapshot.rs"]
pub mod fixture_awkward_names;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/conditionals/snapshot.rs"]
pub mod fixture_conditionals;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/defaults/snapshot.rs"]
pub mod fixture_defaults;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/discriminated_unions/snapshot.rs"]
pub mod fixture_discriminated_unions;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/draft07/snapshot.rs"]
pub mod fixture_draft07;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/enums/snapshot.rs"]
pub mod fixture_enums;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/formats/snapshot.rs"]
pub mod fixture_formats;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/hostile/snapshot.rs"]
pub mod fixture_hostile;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/many_schemas/snapshot.rs"]
pub mod fixture_many_schemas;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/maps/snapshot.rs"]
pub mod fixture_maps;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/nested/snapshot.rs"]
pub mod fixture_nested;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/nullable/snapshot.rs"]
pub mod fixture_nullable;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/numbers/snapshot.rs"]
pub mod fixture_numbers;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/one_of/snapshot.rs"]
pub mod fixture_one_of;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/openapi_yaml/snapshot.rs"]
pub mod fixture_openapi_yaml;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/recursive/snapshot.rs"]
pub mod fixture_recursive;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/secrets/snapshot.rs"]
pub mod fixture_secrets;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/shaped/snapshot.rs"]
pub mod fixture_shaped;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/shared_defs/snapshot.rs"]
pub mod fixture_shared_defs;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/strings/snapshot.rs"]
pub mod fixture_strings;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/token_response/snapshot.rs"]
pub mod fixture_token_response;
#[rustfmt::skip] // Generated code, formatted by prettyplease.
#[path = "fixtures/untyped_objects/snapshot.rs"]
pub mod fixture_untyped_objects;

/// Every fixture, by name, with its generated registry.
pub(crate) const ALL: &[(&str, &[SchemaEntry])] = &[
    ("all_of", fixture_all_of::SCHEMAS),
    ("arrays", fixture_arrays::SCHEMAS),
    ("awkward_names", fixture_awkward_names::SCHEMAS),
    ("conditionals", fixture_conditionals::SCHEMAS),
    ("defaults", fixture_defaults::SCHEMAS),
    (
        "discriminated_unions",
        fixture_discriminated_unions::SCHEMAS,
    ),
    ("draft07", fixture_draft07::SCHEMAS),
    ("enums", fixture_enums::SCHEMAS),
    ("formats", fixture_formats::SCHEMAS),
    ("hostile", fixture_hostile::SCHEMAS),
    ("many_schemas", fixture_many_schemas::SCHEMAS),
    ("maps", fixture_maps::SCHEMAS),
    ("nested", fixture_nested::SCHEMAS),
    ("nullable", fixture_nullable::SCHEMAS),
    ("numbers", fixture_numbers::SCHEMAS),
    ("one_of", fixture_one_of::SCHEMAS),
    ("openapi_yaml", fixture_openapi_yaml::SCHEMAS),
    ("recursive", fixture_recursive::SCHEMAS),
    ("secrets", fixture_secrets::SCHEMAS),
    ("shaped", fixture_shaped::SCHEMAS),
    ("shared_defs", fixture_shared_defs::SCHEMAS),
    ("strings", fixture_strings::SCHEMAS),
    ("token_response", fixture_token_response::SCHEMAS),
    ("untyped_objects", fixture_untyped_objects::SCHEMAS),
];

/// The payloads of one schema of a fixture.
pub(crate) struct Group {
    pub(crate) schema: String,
    pub(crate) valid: Vec<Value>,
    /// (payload, the keyword location of an error it must get)
    invalid: Vec<(Value, String)>,
}

pub(crate) fn groups(fixture: &str) -> Vec<Group> {
    let path = integration_tests::repo_root()
        .join("tests/fixtures")
        .join(fixture)
        .join("payloads.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let list: Vec<Value> = serde_json::from_str(&text).unwrap();
    list.into_iter()
        .map(|group| Group {
            schema: group["schema"].as_str().unwrap().to_string(),
            valid: group["valid"].as_array().cloned().unwrap_or_default(),
            invalid: group["invalid"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|entry| {
                    let keyword = entry["keywordLocation"].as_str().unwrap_or_else(|| {
                        panic!("{fixture}: an invalid payload names no `keywordLocation`: {entry}")
                    });
                    (entry["payload"].clone(), keyword.to_string())
                })
                .collect(),
        })
        .collect()
}

/// Equal as JSON, except that a member that is `null` or an empty object or array may come
/// back absent: typify's `Option` fields and defaulted collections do not tell those apart
/// (a documented limit of the generated types; the re-encoded value must still be valid).
fn same_modulo_absence(a: &Value, b: &Value) -> bool {
    fn strip(value: &Value) -> Value {
        match value {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), strip(v)))
                    .filter(|(_, v)| !is_empty(v))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(strip).collect()),
            other => other.clone(),
        }
    }
    fn is_empty(value: &Value) -> bool {
        match value {
            Value::Null => true,
            Value::Object(map) => map.is_empty(),
            Value::Array(items) => items.is_empty(),
            _ => false,
        }
    }
    schema_runtime::value::equal(&strip(a), &strip(b))
}

fn check(fixture: &str, schemas: &[SchemaEntry]) {
    let mut failures = Vec::new();
    for group in groups(fixture) {
        let entry = schemas
            .iter()
            .find(|e| e.name == group.schema)
            .unwrap_or_else(|| panic!("{fixture}: no schema `{}`", group.schema));
        for payload in &group.valid {
            if let Err(errors) = (entry.validate)(payload) {
                failures.push(format!(
                    "{}: {payload} should be valid: {errors}",
                    group.schema
                ));
                continue;
            }
            let text = payload.to_string();
            if let Err(errors) = (entry.validate_json)(text.as_bytes()) {
                failures.push(format!(
                    "{}: {payload} as text should be valid: {errors}",
                    group.schema
                ));
            }
            if let Some(round_trip) = entry.round_trip {
                match round_trip(payload.clone()) {
                    Ok(back)
                        if same_modulo_absence(&back, payload)
                            && (entry.validate)(&back).is_ok() => {}
                    Ok(back) => {
                        failures.push(format!("{}: {payload} came back as {back}", group.schema))
                    }
                    Err(errors) => failures.push(format!(
                        "{}: {payload} does not decode: {errors}",
                        group.schema
                    )),
                }
            }
        }
        for (payload, keyword) in &group.invalid {
            match (entry.validate)(payload) {
                Ok(()) => failures.push(format!("{}: {payload} should be invalid", group.schema)),
                Err(errors) if !errors.iter().any(|e| e.keyword_location() == keyword) => failures
                    .push(format!(
                        "{}: {payload} should be rejected by {keyword}, not by: {}",
                        group.schema,
                        errors
                            .iter()
                            .map(|e| e.keyword_location())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                Err(_) => {}
            }
            if let Some(round_trip) = entry.round_trip
                && round_trip(payload.clone()).is_ok()
            {
                failures.push(format!("{}: {payload} should not decode", group.schema));
            }
        }
    }
    assert!(failures.is_empty(), "{fixture}:\n{}", failures.join("\n"));
}

#[test]
fn openapi_yaml() {
    check("openapi_yaml", fixture_openapi_yaml::SCHEMAS);
}

#[test]
fn discriminated_unions() {
    check(
        "discriminated_unions",
        fixture_discriminated_unions::SCHEMAS,
    );
}

/// Decoding picks the variant the tag names, not the first alternative that accepts the
/// payload: under `anyOf` a square is a valid circle too.
#[test]
fn a_discriminated_union_decodes_into_the_variant_its_tag_names() {
    use fixture_discriminated_unions::pets::{Pet, Shape};
    let square = Shape::from_json_str(r#"{"kind": "Square", "side": 2}"#).unwrap();
    assert!(
        matches!(&square, Shape::Square(s) if s.side == Some(2.0)),
        "{square:?}"
    );
    let circle = Shape::from_json_str(r#"{"kind": "Circle"}"#).unwrap();
    assert!(matches!(circle, Shape::Circle(_)), "{circle:?}");
    let dog = Pet::from_json_str(r#"{"pet_type": "dog", "name": "Rex"}"#).unwrap();
    assert!(matches!(&dog, Pet::Dog(d) if d.name == "Rex"), "{dog:?}");
    // A tag the union does not know, on a payload the schema accepts (`Circle` takes any
    // `kind`): it decodes, trying the alternatives in order, since it is valid.
    let other = Shape::from_json_str(r#"{"kind": "Triangle", "side": 1}"#).unwrap();
    assert!(matches!(other, Shape::Circle(_)), "{other:?}");
    // An unknown tag on a payload no alternative accepts: serde's error names the known ones.
    let unknown = serde_json::from_str::<Pet>(r#"{"pet_type": "cow", "name": "Daisy"}"#)
        .unwrap_err()
        .to_string();
    assert!(
        unknown.contains("unknown variant `cow`, expected `cat` or `dog`"),
        "{unknown}"
    );
    let drawing = fixture_discriminated_unions::drawing::Drawing::from_json_str(
        r#"{"shapes": [{"kind": "Square"}, {"kind": "Circle"}]}"#,
    )
    .unwrap();
    assert!(
        matches!(drawing.shapes[..], [Shape::Square(_), Shape::Circle(_)]),
        "{drawing:?}"
    );
}

#[test]
fn all_of() {
    check("all_of", fixture_all_of::SCHEMAS);
}

#[test]
fn arrays() {
    check("arrays", fixture_arrays::SCHEMAS);
}

#[test]
fn awkward_names() {
    check("awkward_names", fixture_awkward_names::SCHEMAS);
}

#[test]
fn conditionals() {
    check("conditionals", fixture_conditionals::SCHEMAS);
}

#[test]
fn defaults() {
    check("defaults", fixture_defaults::SCHEMAS);
}

#[test]
fn draft07() {
    check("draft07", fixture_draft07::SCHEMAS);
}

#[test]
fn enums() {
    check("enums", fixture_enums::SCHEMAS);
}

#[test]
fn formats() {
    check("formats", fixture_formats::SCHEMAS);
}

#[test]
fn hostile() {
    check("hostile", fixture_hostile::SCHEMAS);
}

#[test]
fn maps() {
    check("maps", fixture_maps::SCHEMAS);
}

#[test]
fn many_schemas() {
    check("many_schemas", fixture_many_schemas::SCHEMAS);
}

#[test]
fn nested() {
    check("nested", fixture_nested::SCHEMAS);
}

#[test]
fn nullable() {
    check("nullable", fixture_nullable::SCHEMAS);
}

#[test]
fn numbers() {
    check("numbers", fixture_numbers::SCHEMAS);
}

#[test]
fn one_of() {
    check("one_of", fixture_one_of::SCHEMAS);
}

#[test]
fn recursive() {
    check("recursive", fixture_recursive::SCHEMAS);
}

#[test]
fn secrets() {
    check("secrets", fixture_secrets::SCHEMAS);
}

#[test]
fn shaped() {
    check("shaped", fixture_shaped::SCHEMAS);
}

/// The shaped fixture's settings, as a user's code meets them (`fixtures/shaped/codegen.toml`).
#[test]
fn shaped_types_have_the_settings_asked_for() {
    use fixture_shaped::shipment::{Carrier, Shipment, ShipmentStatus};
    use std::str::FromStr;

    // derives = ["Eq", "Hash"], and the rename of ShipmentCarrier.
    let carrier: Carrier = serde_json::from_value(serde_json::json!({"name": "UPS"})).unwrap();
    let set: std::collections::HashSet<Carrier> = [carrier.clone(), carrier].into();
    assert_eq!(set.len(), 1);

    // The builder, the field renamed from tracking_code (its wire name kept), and the decimals.
    let shipment: Shipment = Shipment::builder()
        .id("s1")
        .tracking(Some("1Z".to_string()))
        .price(Some(rust_decimal::Decimal::new(1250, 2)))
        .try_into()
        .unwrap();
    assert_eq!(
        serde_json::to_value(&shipment).unwrap(),
        serde_json::json!({"id": "s1", "tracking_code": "1Z", "price": "12.50"})
    );
    let missing: Result<Shipment, _> = Shipment::builder().try_into();
    assert!(
        missing
            .unwrap_err()
            .to_string()
            .contains("no value supplied for id")
    );

    // The open enum keeps a value it does not list; the renamed variant keeps its wire value.
    let status: ShipmentStatus = serde_json::from_str("\"lost\"").unwrap();
    assert_eq!(status, ShipmentStatus::Other("lost".to_string()));
    assert_eq!(serde_json::to_string(&status).unwrap(), "\"lost\"");
    assert_eq!(
        ShipmentStatus::from_str("delivered").unwrap(),
        ShipmentStatus::Arrived
    );
    // Validation still says what the schema says.
    let invalid = serde_json::json!({"id": "s1", "status": "lost"});
    assert!(fixture_shaped::shipment::validate(&invalid).is_err());

    // nullable = "three-state": absent, null and a value decode apart and encode back as
    // they came, through serde and through the entry point.
    use schema_runtime::Nullable;
    for (json, note) in [
        (r#"{"id":"a"}"#, Nullable::Absent),
        (r#"{"id":"a","note":null}"#, Nullable::Null),
        (r#"{"id":"a","note":"x"}"#, Nullable::Value("x".to_string())),
    ] {
        let shipment: Shipment = serde_json::from_str(json).unwrap();
        assert_eq!(shipment.note, note, "{json}");
        assert_eq!(serde_json::to_string(&shipment).unwrap(), json);
        let checked = Shipment::from_json_str(json).unwrap();
        assert_eq!(checked.note, note, "{json}");
    }
    // The builder takes a value, an `Option` (`None` is a null) or `Nullable` itself.
    let cleared: Shipment = Shipment::builder()
        .id("a")
        .note(None::<String>)
        .try_into()
        .unwrap();
    assert_eq!(
        serde_json::to_string(&cleared).unwrap(),
        r#"{"id":"a","note":null}"#
    );
    let noted: Shipment = Shipment::builder()
        .id("a")
        .note("x".to_string())
        .try_into()
        .unwrap();
    assert_eq!(noted.note.as_option().map(String::as_str), Some("x"));
}

#[test]
fn shared_defs() {
    check("shared_defs", fixture_shared_defs::SCHEMAS);
}

#[test]
fn strings() {
    check("strings", fixture_strings::SCHEMAS);
}

#[test]
fn token_response() {
    check("token_response", fixture_token_response::SCHEMAS);
}

#[test]
fn untyped_objects() {
    check("untyped_objects", fixture_untyped_objects::SCHEMAS);
}

//! `codegen diff`'s classifier, rule by rule, in both directions (`tests/compat/
//! scenarios.json`), and on the upstream history of Credentials. Every witness it shows is
//! checked against the generated validators of both versions and against the `jsonschema`
//! crate.

use std::sync::LazyLock;

use codegen::{Report, SchemaChange, SchemaFile, Settings, Verdict};
use integration_tests::compat::{HISTORY, SCENARIOS};
use proptest::prelude::*;
use serde_json::{Value, json};

/// A generated validator's verdict.
type Accepts = fn(&Value) -> bool;

/// An edit of a schema.
type EditFn = fn(&mut Value);

fn scenarios() -> Vec<Value> {
    let path = integration_tests::repo_root().join("tests/compat/scenarios.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn file(name: &str, value: &Value) -> SchemaFile {
    SchemaFile {
        path: format!("{name}.json").into(),
        display: format!("schema/{name}.json"),
        stem: "model".into(),
        uri: codegen::Url::parse(&format!("file:///{name}/model.json")).unwrap(),
        value: value.clone(),
    }
}

fn compare(old: &Value, new: &Value) -> Report {
    codegen::compare_schemas(
        vec![file("old", old)],
        vec![file("new", new)],
        Vec::new(),
        Settings::default(),
    )
    .unwrap()
}

fn verdict(name: &str) -> Verdict {
    match name {
        "compatible" => Verdict::Compatible,
        "breaking" => Verdict::Breaking,
        _ => Verdict::Unknown,
    }
}

fn oracle(schema: &Value) -> jsonschema::Validator {
    jsonschema::options()
        .should_validate_formats(true)
        .build(schema)
        .unwrap()
}

/// Every witness holds: valid under one side, invalid under the other, by both the
/// generated validators and the `jsonschema` crate; present exactly when breaking.
fn check_witnesses(
    what: &str,
    change: &SchemaChange,
    (old, new): (&Value, &Value),
    (old_generated, new_generated): (Accepts, Accepts),
) {
    let (old_oracle, new_oracle) = (oracle(old), oracle(new));
    for (direction, verdict, witness, (from, to), (from_oracle, to_oracle)) in [
        (
            "backward",
            change.wire.backward,
            &change.witness.backward,
            (old_generated, new_generated),
            (&old_oracle, &new_oracle),
        ),
        (
            "forward",
            change.wire.forward,
            &change.witness.forward,
            (new_generated, old_generated),
            (&new_oracle, &old_oracle),
        ),
    ] {
        assert_eq!(
            witness.is_some(),
            verdict == Verdict::Breaking,
            "{what}: {direction} witness present exactly when breaking: {change:?}"
        );
        let Some(witness) = witness else { continue };
        assert!(
            from(witness) && !to(witness),
            "{what}: the generated validators disagree with the {direction} witness {witness}"
        );
        assert!(
            from_oracle.is_valid(witness) && !to_oracle.is_valid(witness),
            "{what}: the jsonschema crate disagrees with the {direction} witness {witness}"
        );
    }
}

fn find<'r>(report: &'r Report, rule: &str, what: &str) -> &'r SchemaChange {
    report
        .changes
        .iter()
        .find(|c| c.rule == rule)
        .unwrap_or_else(|| panic!("{what}: no `{rule}` change in {:#?}", report.changes))
}

#[test]
fn every_rule_in_both_directions() {
    let scenarios = scenarios();
    assert_eq!(
        scenarios.len(),
        SCENARIOS.len(),
        "build.rs saw the same table"
    );
    for (scenario, validators) in scenarios.iter().zip(SCENARIOS) {
        let name = scenario["name"].as_str().unwrap();
        let (old, new) = (&scenario["old"], &scenario["new"]);
        let (backward, forward) = (
            verdict(scenario["backward"].as_str().unwrap()),
            verdict(scenario["forward"].as_str().unwrap()),
        );

        let report = compare(old, new);
        let change = find(&report, scenario["rule"].as_str().unwrap(), name);
        assert_eq!(
            (change.wire.backward, change.wire.forward),
            (backward, forward),
            "{name}: {change:?}"
        );
        if let Some(pointer) = scenario.get("pointer").and_then(Value::as_str) {
            assert_eq!(
                change.pointer, pointer,
                "{name}: where the change is reported"
            );
        }
        for change in &report.changes {
            check_witnesses(name, change, (old, new), *validators);
        }
        if let Some(rust) = scenario.get("rust") {
            assert_eq!(
                serde_json::to_value(report.bump).unwrap(),
                *rust,
                "{name}: {:#?}",
                report.changes
            );
        }

        let reverse = compare(new, old);
        let what = format!("{name}, reversed");
        let change = find(&reverse, scenario["reverse_rule"].as_str().unwrap(), &what);
        assert_eq!(
            (change.wire.backward, change.wire.forward),
            (forward, backward),
            "{what}: {change:?}"
        );
        if let Some(rust) = scenario.get("reverse_rust") {
            assert_eq!(serde_json::to_value(reverse.bump).unwrap(), *rust, "{what}");
        }
        let swapped = (validators.1, validators.0);
        for change in &reverse.changes {
            check_witnesses(&what, change, (new, old), swapped);
        }
    }
}

#[test]
fn renamed_defs_that_are_structurally_equal_change_no_verdict() {
    let object = serde_json::json!({"type": "object", "properties": {"n": {"type": "integer"}}});
    let old = serde_json::json!({"type": "object", "properties": {"x": {"$ref": "#/$defs/Amount"}}, "$defs": {"Amount": object}});
    let new = serde_json::json!({"type": "object", "properties": {"x": {"$ref": "#/$defs/Money"}}, "$defs": {"Money": object}});
    let report = compare(&old, &new);
    assert!(
        report.changes.iter().all(|c| !c.breaks_wire()
            && c.wire.backward == Verdict::Compatible
            && c.wire.forward == Verdict::Compatible),
        "{:#?}",
        report.changes
    );
    let renamed = find(&report, "rust-type-removed", "renamed $defs");
    assert_eq!(
        renamed.rust,
        codegen::Bump::Major,
        "the Rust type is renamed"
    );
}

#[test]
fn schema_files_added_and_removed() {
    let schema = &scenarios()[0]["old"];
    let report = codegen::compare_schemas(
        Vec::new(),
        vec![file("new", schema)],
        Vec::new(),
        Settings::default(),
    )
    .unwrap();
    let added = find(&report, "schema-added", "a new file");
    assert_eq!(added.rust, codegen::Bump::Minor);
    assert!(!added.breaks_wire());
    let report = codegen::compare_schemas(
        vec![file("old", schema)],
        Vec::new(),
        Vec::new(),
        Settings::default(),
    )
    .unwrap();
    let removed = find(&report, "schema-removed", "a removed file");
    assert_eq!(removed.rust, codegen::Bump::Major);
    assert_eq!(
        removed.wire.backward,
        Verdict::Unknown,
        "no validator left to ask"
    );
}

#[test]
fn an_unchanged_schema_gives_no_record() {
    let schema = &scenarios()[0]["old"];
    assert!(compare(schema, schema).changes.is_empty());
}

/// Upstream's credentials object: on 2022-04-08 both tokens lost `minLength: 1`; on
/// 2024-03-08 `refresh_token` stopped being required and became nullable. Each step accepts
/// every older payload, refuses some newer ones for older consumers, and changes the Rust
/// API.
#[test]
fn the_credentials_history_is_backward_compatible_and_breaks_rust() {
    let dir = integration_tests::repo_root().join("tests/compat");
    let read = |name: &str| -> Value {
        serde_json::from_str(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()
    };
    let validator = |name: &str| HISTORY.iter().find(|(n, _)| *n == name).unwrap().1;
    let steps = [
        (
            "credentials-2022-04-04.json",
            "credentials-2022-04-08.json",
            "bound-removed",
        ),
        (
            "credentials-2022-04-08.json",
            "credentials-2024-03-08.json",
            "required-removed",
        ),
    ];
    for (before, after, rule) in steps {
        let (old, new) = (read(before), read(after));
        let report = compare(&old, &new);
        let what = format!("{before} → {after}");
        assert!(
            report
                .changes
                .iter()
                .all(|c| c.wire.backward == Verdict::Compatible),
            "{what}: every older payload stays valid: {:#?}",
            report.changes
        );
        let change = find(&report, rule, &what);
        assert_eq!(change.wire.forward, Verdict::Breaking, "{what}: {change:?}");
        assert_eq!(
            report.bump,
            Some(codegen::Bump::Major),
            "{what}: {:#?}",
            report.changes
        );
        for change in &report.changes {
            check_witnesses(
                &what,
                change,
                (&old, &new),
                (validator(before), validator(after)),
            );
        }
    }
}

/// Where the platform's published history sits: `../shared/upstream`, or `$UPSTREAM_DIR`.
fn upstream_dir() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("UPSTREAM_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| integration_tests::repo_root().join("../shared/upstream"));
    if dir.join("history").is_dir() {
        return Some(dir);
    }
    let message = format!(
        "upstream history not found at {}; set UPSTREAM_DIR to the folder that holds `history/`",
        dir.display()
    );
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{message} (CI=true: it is required)"
    );
    eprintln!("skipped: {message}");
    None
}

/// Each history fixture is the credentials object of the `vault.yml` of its date, as the
/// generator reads it: a `schema/` folder with that `vault.yml` and a schema that refers to
/// the object and adds nothing.
#[test]
fn the_history_fixtures_are_what_upstream_published_then() {
    let Some(upstream) = upstream_dir() else {
        return;
    };
    let fixtures = integration_tests::repo_root().join("tests/compat");
    for date in ["2022-04-04", "2022-04-08", "2024-03-08"] {
        let dir = tempfile::tempdir().unwrap();
        let schema_dir = dir.path().join("schema");
        std::fs::create_dir(&schema_dir).unwrap();
        std::fs::copy(
            upstream.join(format!("history/vault-{date}.yml")),
            schema_dir.join("vault.yml"),
        )
        .unwrap();
        let reference = json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "title": "Credentials",
            "allOf": [{"$ref": "vault.yml#/components/schemas/ConnectionImportData/properties/credentials"}]
        });
        std::fs::write(schema_dir.join("credentials.json"), reference.to_string()).unwrap();
        let options = codegen::Options {
            root: dir.path().to_path_buf(),
            ..codegen::Options::default()
        };
        let output = codegen::generate_crate(&options).unwrap();
        let read = output
            .files
            .iter()
            .find(|f| f.path == std::path::Path::new("schema/credentials.json"))
            .expect("the schema as read is among the output");
        let mut read: Value = serde_json::from_str(&read.contents).unwrap();
        read.as_object_mut().unwrap().remove("$comment");
        let name = format!("credentials-{date}.json");
        let fixture: Value =
            serde_json::from_str(&std::fs::read_to_string(fixtures.join(&name)).unwrap()).unwrap();
        assert_eq!(
            fixture, read,
            "tests/compat/{name} is not upstream's credentials object of {date}"
        );
    }
}

/// Edits of the Credentials schema (as the generator reads it), each classified by `codegen diff`: (edited schema,
/// every change backward compatible, every change forward compatible, old and new oracles).
struct Edit {
    name: &'static str,
    backward: bool,
    forward: bool,
    old: jsonschema::Validator,
    new: jsonschema::Validator,
}

static EDITS: LazyLock<Vec<Edit>> = LazyLock::new(|| {
    let path = integration_tests::repo_root().join("generated/schema/credentials.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let edits: [(&str, EditFn); 10] = [
        ("minimum removed", |s| {
            s["properties"]["expires_in"]
                .as_object_mut()
                .unwrap()
                .remove("minimum");
        }),
        ("minimum raised", |s| {
            s["properties"]["expires_in"]["minimum"] = json!(10)
        }),
        ("format removed", |s| {
            s["properties"]["issued_at"]
                .as_object_mut()
                .unwrap()
                .remove("format");
        }),
        ("access_token required", |s| {
            s["required"] = json!(["access_token"])
        }),
        ("object opened", |s| {
            s.as_object_mut().unwrap().remove("additionalProperties");
        }),
        ("property added", |s| {
            s["properties"]["token_type"] = json!({"enum": ["Bearer", "MAC"]});
        }),
        ("nullability removed", |s| {
            s["properties"]["expires_in"]["type"] = json!("integer")
        }),
        ("maxLength added", |s| {
            s["properties"]["access_token"]["maxLength"] = json!(40)
        }),
        ("type widened", |s| {
            s["properties"]["expires_in"]["type"] = json!(["integer", "string", "null"]);
        }),
        ("description changed", |s| {
            s["description"] = json!("Tokens.")
        }),
    ];
    edits
        .into_iter()
        .map(|(name, edit)| {
            let mut new = schema.clone();
            edit(&mut new);
            let report = compare(&schema, &new);
            assert!(!report.changes.is_empty(), "{name}: no change found");
            let all = |direction: fn(&SchemaChange) -> Verdict| {
                report
                    .changes
                    .iter()
                    .all(|c| direction(c) == Verdict::Compatible)
            };
            Edit {
                name,
                backward: all(|c| c.wire.backward),
                forward: all(|c| c.wire.forward),
                old: oracle(&schema),
                new: oracle(&new),
            }
        })
        .collect()
});

#[test]
fn every_edit_is_compatible_in_some_direction() {
    for edit in EDITS.iter() {
        assert!(
            edit.backward || edit.forward,
            "{}: the property test would say nothing",
            edit.name
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    /// What the classifier calls compatible is: a payload valid under the old schema is
    /// valid under the new one (backward), and the other way round (forward).
    #[test]
    fn compatible_changes_keep_payloads_valid(
        payload in crate::differential::payload(),
        index in 0..10usize,
    ) {
        if payload.has_duplicate_keys() {
            // Not JSON either side can read the same way (see differential.rs).
            return Ok(());
        }
        let edit = &EDITS[index];
        let instance: Value = serde_json::from_str(&payload.text()).unwrap();
        if edit.backward && edit.old.is_valid(&instance) {
            prop_assert!(edit.new.is_valid(&instance), "{}: {} stopped being valid", edit.name, instance);
        }
        if edit.forward && edit.new.is_valid(&instance) {
            prop_assert!(edit.old.is_valid(&instance), "{}: {} was not valid before", edit.name, instance);
        }
    }
}

//! `materialize_defaults = false` in `codegen.toml`, as a user writes it: the generated crate
//! builds, a member that was absent stays absent when the value is written back, one that was
//! present is written even when it equals its default, and the accessors return the schema's
//! defaults; the fast path's decoder (a root of scalar members) agrees.

use crate::sandbox::Sandbox;
use crate::user_build::as_workspace;

/// Defaults of every kind typify writes: an integer and a string (its helpers), `false` (the
/// type's own default), a list, and a nested object with defaults of its own.
const SERVICE: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Service",
  "type": "object",
  "properties": {
    "retries": {"type": "integer", "minimum": 0, "default": 3},
    "verbose": {"type": "boolean", "default": false},
    "name": {"type": "string", "default": "svc"},
    "hosts": {"type": "array", "items": {"type": "string"}, "default": ["localhost"]},
    "http": {
      "type": "object",
      "properties": {
        "port": {"type": "integer", "default": 8080},
        "tls": {"type": "boolean", "default": false}
      },
      "default": {}
    }
  }
}"#;

/// A root of scalar members, which the fast path decodes without a `serde_json::Value`.
const PING: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Ping",
  "type": "object",
  "properties": {
    "count": {"type": "integer", "minimum": 0, "default": 1},
    "label": {"type": "string"}
  },
  "additionalProperties": false
}"#;

const CONFIG: &str = "[defaults]\nmaterialize_defaults = false\n";

/// A user's program over the generated crate.
const PROGRAM: &str = r##"
use models::{Ping, Service, ServiceHttp};

fn round_trip(text: &str) -> Service {
    let decoded: Service = serde_json::from_str(text).expect("decodes");
    assert_eq!(serde_json::to_string(&decoded).unwrap(), text, "written back as it came");
    decoded
}

fn main() {
    let empty = round_trip("{}");
    assert_eq!(empty.retries, None);
    assert_eq!(empty.retries(), 3);
    assert!(!empty.verbose());
    assert_eq!(empty.name(), "svc");
    assert_eq!(empty.hosts(), vec!["localhost".to_string()]);

    let three = round_trip(r#"{"retries":3}"#);
    assert_eq!(three.retries, Some(3), "present, though equal to the default");
    assert_eq!(three.retries(), 3);
    // Members in the order of the fields, which typify sorts by name.
    round_trip(r#"{"hosts":[],"name":"svc","verbose":false}"#);

    let set = Service { retries: Some(5), ..Service::default() };
    assert_eq!(serde_json::to_string(&set).unwrap(), r#"{"retries":5}"#, "what the user set");
    assert_eq!(set.retries(), 5);

    let nested = round_trip(r#"{"http":{}}"#);
    let http = nested.http.as_ref().expect("present");
    assert_eq!((http.port(), http.tls()), (8080, false));
    assert_eq!(ServiceHttp::default().port(), 8080);
    assert_eq!(serde_json::to_string(&ServiceHttp::default()).unwrap(), "{}");

    let validated = Service::from_json_str(r#"{"retries":3}"#).expect("valid");
    assert_eq!(serde_json::to_string(&validated).unwrap(), r#"{"retries":3}"#);

    let ping = Ping::from_json(b"{}").expect("valid");
    assert_eq!((ping.count, ping.count()), (None, 1));
    assert_eq!(serde_json::to_string(&ping).unwrap(), "{}");
    let ping = Ping::from_json(br#"{"count":1}"#).expect("valid");
    assert_eq!(serde_json::to_string(&ping).unwrap(), r#"{"count":1}"#);
    println!("ok");
}
"##;

fn with_schemas(config: Option<&str>) -> Sandbox {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/service.json"), SERVICE).unwrap();
    std::fs::write(sandbox.path("schema/ping.json"), PING).unwrap();
    if let Some(config) = config {
        sandbox.write_config(config);
    }
    sandbox
}

fn read(sandbox: &Sandbox, path: &str) -> String {
    std::fs::read_to_string(sandbox.path(path)).unwrap()
}

#[test]
fn defaults_left_out_keep_absent_members_absent_and_accessors_return_them() {
    let sandbox = with_schemas(Some(CONFIG));
    as_workspace(&sandbox);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = read(&sandbox, "generated/src/schemas/service.rs");
    assert!(
        code.contains(
            "    #[serde(skip_serializing_if = \"Option::is_none\")]\n    pub retries: Option<u64>,"
        ),
        "{code}"
    );
    assert!(
        code.contains(
            "    /// `retries`, or its default, `3`, when the member is absent.\n    pub fn retries(&self) -> u64 {\n        self.retries.unwrap_or_else(defaults::default_u64::<u64, 3>)\n    }"
        ),
        "{code}"
    );
    assert!(!code.contains("serde(default"), "{code}");
    let ping = read(&sandbox, "generated/src/schemas/ping.rs");
    assert!(ping.contains("fn decode("), "the fast path decodes: {ping}");
    let docs = read(&sandbox, "generated/docs/Service.md");
    assert!(docs.contains("Rust: `Option<u64>`"), "{docs}");

    let stdout = sandbox.run_program("defaults", PROGRAM);
    assert_eq!(stdout.trim(), "ok");
}

#[test]
fn without_the_setting_defaults_are_materialised() {
    let sandbox = with_schemas(None);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let code = read(&sandbox, "generated/src/schemas/service.rs");
    assert!(
        code.contains(
            "#[serde(default = \"defaults::default_u64::<u64, 3>\")]\n    pub retries: u64,"
        ),
        "{code}"
    );
    assert!(!code.contains("pub fn retries"), "{code}");
}

/// Members that allow `null` and have a default, under both strictest settings: three-state
/// keeps them absent or `null` as they came, and the accessors still return the default when
/// absent (devup's `fontWeight` in the corpus, whose default is `null`, and tsoa's `allowJs`,
/// whose default is `false`).
const STYLE: &str = r#"{
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Style",
  "type": "object",
  "properties": {
    "weight": {"default": null, "oneOf": [{"type": "string"}, {"type": "number"}, {"type": "null"}]},
    "size": {"type": ["integer", "null"], "default": 12}
  }
}"#;

const STYLE_PROGRAM: &str = r##"
use models::{Style, StyleWeight};
use schema_runtime::Nullable;

fn round_trip(text: &str) -> Style {
    let decoded = Style::from_json_str(text).expect("valid");
    assert_eq!(serde_json::to_string(&decoded).unwrap(), text, "written back as it came");
    decoded
}

fn main() {
    let absent = round_trip("{}");
    assert!(absent.weight.is_absent());
    assert!(matches!(absent.weight(), StyleWeight::Null));
    assert!(Style::default().weight.is_absent());
    assert_eq!(serde_json::to_string(&Style::default()).unwrap(), "{}");
    let null = round_trip(r#"{"weight":null}"#);
    assert!(null.weight.is_null());
    assert!(matches!(null.weight(), StyleWeight::Null));
    // A member that allows null with a default other than null (tsoa's `allowJs`):
    // absent, `null` and a value each come back, and the accessor gives the default only
    // when absent.
    assert_eq!(absent.size(), Some(12));
    assert!(absent.size.is_absent());
    let cleared = round_trip(r#"{"size":null}"#);
    assert!(cleared.size.is_null());
    assert_eq!(cleared.size(), None);
    assert_eq!(round_trip(r#"{"size":3}"#).size(), Some(3));
    let bold = round_trip(r#"{"weight":"bold"}"#);
    assert!(matches!(bold.weight, Nullable::Value(StyleWeight::String(ref s)) if s == "bold"));
    println!("ok");
}
"##;

#[test]
fn a_null_default_under_three_state_keeps_absent_and_null_apart() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.path("schema/style.json"), STYLE).unwrap();
    sandbox
        .write_config("[schema.style]\nmaterialize_defaults = false\nnullable = \"three-state\"\n");
    as_workspace(&sandbox);
    let run = sandbox.codegen(&["generate", "-q"]);
    assert_eq!(run.code, 0, "{run:?}");
    let stdout = sandbox.run_program("null_default", STYLE_PROGRAM);
    assert_eq!(stdout.trim(), "ok");
}

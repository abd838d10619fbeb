//! Finding and reading the schema files: strict JSON, bounded size, located errors.

use std::path::{Path, PathBuf};

use schema_runtime::json::{self, JsonError};
use serde_json::Value;
use url::Url;

use crate::error::{Diagnostic, GenError, Kind, display_path};
use crate::subschema::Subschema;
use crate::{openapi, yaml};

/// The extensions of schema sources in `schema/`.
const EXTENSIONS: &[&str] = &["json", "yaml", "yml"];

/// What `schema/` holds: schemas, each of which gets a module, and OpenAPI documents, which
/// schemas reference but which get no module of their own.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    pub schemas: Vec<SchemaFile>,
    pub documents: Vec<SchemaFile>,
}

impl Sources {
    /// Every file read, for build scripts that rerun when one changes.
    pub fn files(&self) -> impl Iterator<Item = &SchemaFile> {
        self.schemas.iter().chain(&self.documents)
    }
}

/// Schemas larger than this are refused before they are read whole.
pub const MAX_SCHEMA_BYTES: u64 = 16 * 1024 * 1024;

/// One schema file as read from disk.
#[derive(Debug, Clone)]
pub struct SchemaFile {
    /// Where it was read from.
    pub path: PathBuf,
    /// The path shown in messages and headers: relative to the working directory when it can
    /// be, always with `/`, so that output does not depend on the machine.
    pub display: String,
    /// The file name without its extension.
    pub stem: String,
    /// The URI `$ref`s resolve against when the schema has no `$id`: the file's own.
    pub uri: Url,
    /// The parsed document.
    pub value: Value,
}

impl SchemaFile {
    /// The URIs that name it: its own, and its `$id` (or `id`), without a trailing `#`.
    pub fn identifiers(&self) -> Vec<String> {
        let id = Subschema::parse(&self.value)
            .id
            .map(|id| id.trim_end_matches('#').to_string());
        [
            Some(self.uri.as_str().trim_end_matches('#').to_string()),
            id,
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// Whether it is an OpenAPI description: a source of schemas, not a schema.
    pub fn is_openapi(&self) -> bool {
        openapi::version(&self.value).is_some()
    }

    /// Whether it is one of the built-in meta-schemas.
    pub fn is_meta_schema(&self) -> bool {
        self.path.starts_with(META_SCHEMA_DIR)
    }
}

/// Where built-in meta-schemas say they come from.
const META_SCHEMA_DIR: &str = "(built in)";

/// Reads every `*.json`, `*.yaml` and `*.yml` file directly inside `root/dir`, in file-name
/// order. Paths in messages and headers are shown relative to `root`.
///
/// Every file is read and every problem reported, so that one run shows them all.
pub fn load_dir(root: &Path, dir: &Path) -> Result<Sources, GenError> {
    let dir = &root.join(dir);
    let entries = std::fs::read_dir(dir).map_err(|e| GenError::io(dir, e))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| GenError::io(dir, e))?;
        let path = entry.path();
        let source = path
            .file_name()
            .is_some_and(|name| is_source_name(&name.to_string_lossy()));
        if source && path.is_file() {
            paths.push(path);
        }
    }
    paths.sort();
    if paths.is_empty() {
        return Err(GenError::Usage(format!(
            "no schema files (`*.json`, `*.yaml`, `*.yml`) in {}",
            display_path(root, dir)
        )));
    }
    let mut sources = Sources::default();
    let mut problems = Vec::new();
    for path in paths {
        match load_file(root, &path) {
            Ok(file) if file.is_openapi() => sources.documents.push(file),
            Ok(file) => sources.schemas.push(file),
            Err(GenError::Schema(mut list)) => problems.append(&mut list),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(sources)
    } else {
        Err(GenError::Schema(problems))
    }
}

/// Reads one schema file (JSON, or YAML by its extension); an OpenAPI document is
/// translated to JSON Schema 2020-12.
pub fn load_file(root: &Path, path: &Path) -> Result<SchemaFile, GenError> {
    let display = display_path(root, path);
    let size = std::fs::metadata(path)
        .map_err(|e| GenError::io(path, e))?
        .len();
    if size > MAX_SCHEMA_BYTES {
        return Err(Diagnostic::new(
            Kind::Unreadable,
            display,
            "",
            format!("the file is {size} bytes; schemas are limited to {MAX_SCHEMA_BYTES} bytes"),
        )
        .into());
    }
    let bytes = std::fs::read(path).map_err(|e| GenError::io(path, e))?;
    let value = read_source(&display, &bytes)?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let uri = file_uri(path, &display);
    Ok(SchemaFile {
        path: path.to_path_buf(),
        display,
        stem,
        uri,
        value,
    })
}

/// Every document under `root/dir`, recursively, as a resource: a document that schemas may
/// `$ref` by URL, stored under the URL without its scheme
/// (`json.schemastore.org/base.json` answers `https://json.schemastore.org/base.json`). Any
/// file name counts, extension or not. A folder that does not exist holds nothing.
pub fn load_resources(root: &Path, dir: &Path) -> Result<Vec<SchemaFile>, GenError> {
    let top = root.join(dir);
    if !top.is_dir() {
        return Ok(Vec::new());
    }
    let mut paths = Vec::new();
    let mut pending = vec![top.clone()];
    while let Some(dir) = pending.pop() {
        for entry in std::fs::read_dir(&dir).map_err(|e| GenError::io(&dir, e))? {
            let path = entry.map_err(|e| GenError::io(&dir, e))?.path();
            if path.is_dir() {
                pending.push(path);
            } else if path.is_file() {
                paths.push(path);
            }
        }
    }
    paths.sort();
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        let relative = display_path(&top, &path);
        match load_file(root, &path) {
            Ok(mut file) => {
                file.uri =
                    Url::parse(&format!("https://{relative}")).unwrap_or_else(|_| file.uri.clone());
                file.stem = relative;
                files.push(file);
            }
            Err(GenError::Schema(mut list)) => problems.append(&mut list),
            Err(other) => return Err(other),
        }
    }
    if problems.is_empty() {
        Ok(files)
    } else {
        Err(GenError::Schema(problems))
    }
}

/// The standard meta-schemas of the five dialects (`meta-schemas/`), by their `$id`s.
const META_SCHEMAS: &[(&str, &str)] = &[
    ("draft-04", include_str!("../meta-schemas/draft4.json")),
    ("draft-06", include_str!("../meta-schemas/draft6.json")),
    ("draft-07", include_str!("../meta-schemas/draft7.json")),
    (
        "2019-09",
        include_str!("../meta-schemas/draft2019-09/schema.json"),
    ),
    (
        "2019-09/meta/applicator",
        include_str!("../meta-schemas/draft2019-09/meta/applicator.json"),
    ),
    (
        "2019-09/meta/content",
        include_str!("../meta-schemas/draft2019-09/meta/content.json"),
    ),
    (
        "2019-09/meta/core",
        include_str!("../meta-schemas/draft2019-09/meta/core.json"),
    ),
    (
        "2019-09/meta/format",
        include_str!("../meta-schemas/draft2019-09/meta/format.json"),
    ),
    (
        "2019-09/meta/meta-data",
        include_str!("../meta-schemas/draft2019-09/meta/meta-data.json"),
    ),
    (
        "2019-09/meta/validation",
        include_str!("../meta-schemas/draft2019-09/meta/validation.json"),
    ),
    (
        "2020-12",
        include_str!("../meta-schemas/draft2020-12/schema.json"),
    ),
    (
        "2020-12/meta/applicator",
        include_str!("../meta-schemas/draft2020-12/meta/applicator.json"),
    ),
    (
        "2020-12/meta/content",
        include_str!("../meta-schemas/draft2020-12/meta/content.json"),
    ),
    (
        "2020-12/meta/core",
        include_str!("../meta-schemas/draft2020-12/meta/core.json"),
    ),
    (
        "2020-12/meta/format-annotation",
        include_str!("../meta-schemas/draft2020-12/meta/format-annotation.json"),
    ),
    (
        "2020-12/meta/format-assertion",
        include_str!("../meta-schemas/draft2020-12/meta/format-assertion.json"),
    ),
    (
        "2020-12/meta/meta-data",
        include_str!("../meta-schemas/draft2020-12/meta/meta-data.json"),
    ),
    (
        "2020-12/meta/unevaluated",
        include_str!("../meta-schemas/draft2020-12/meta/unevaluated.json"),
    ),
    (
        "2020-12/meta/validation",
        include_str!("../meta-schemas/draft2020-12/meta/validation.json"),
    ),
];

/// `resources` and, after them, every standard meta-schema that none of them already
/// provides (by URL or `$id`).
pub fn with_meta_schemas(mut resources: Vec<SchemaFile>) -> Vec<SchemaFile> {
    let provided: Vec<String> = resources.iter().flat_map(SchemaFile::identifiers).collect();
    for (name, text) in META_SCHEMAS {
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            continue;
        };
        let Some(id) = Subschema::parse(&value).id else {
            continue;
        };
        let id = id.trim_end_matches('#');
        if provided.iter().any(|p| p == id) {
            continue;
        }
        let Ok(uri) = Url::parse(id) else { continue };
        resources.push(SchemaFile {
            path: PathBuf::from(META_SCHEMA_DIR).join(name),
            display: format!("the {name} meta-schema"),
            stem: format!("meta-schema {name}"),
            uri,
            value,
        });
    }
    resources
}

/// A schema file held in memory as `schema/<stem>.json`, for tests.
#[cfg(test)]
pub(crate) fn in_memory(stem: &str, value: Value) -> SchemaFile {
    SchemaFile {
        path: format!("schema/{stem}.json").into(),
        display: format!("schema/{stem}.json"),
        stem: stem.to_string(),
        uri: Url::parse(&format!("file:///schema/{stem}.json")).expect("a valid file URL"),
        value,
    }
}

/// The `file:` URI of a schema, so that `other.json#/$defs/X` finds the file beside it.
pub fn file_uri(path: &Path, display: &str) -> Url {
    std::fs::canonicalize(path)
        .ok()
        .and_then(|absolute| Url::from_file_path(absolute).ok())
        .or_else(|| Url::parse(&format!("file:///{display}")).ok())
        .unwrap_or_else(|| Url::parse("file:///schema.json").expect("a valid file URI"))
}

/// The value of a source file: a schema, or an OpenAPI document translated to JSON Schema
/// 2020-12.
pub fn read_source(display: &str, bytes: &[u8]) -> Result<Value, GenError> {
    let mut value = parse_schema_bytes(display, bytes)?;
    match openapi::version(&value) {
        Some(Ok(version)) => openapi::translate(&mut value, version),
        Some(Err(message)) => {
            return Err(Diagnostic::new(Kind::Unreadable, display, "/openapi", message).into());
        }
        None => {}
    }
    Ok(value)
}

/// Whether a file name is that of a schema source.
pub fn is_source_name(name: &str) -> bool {
    EXTENSIONS.iter().any(|ext| {
        name.strip_suffix(ext)
            .is_some_and(|rest| rest.ends_with('.'))
    })
}

/// Parses schema text strictly, turning errors into located diagnostics: YAML when
/// `display` ends in `.yaml` or `.yml`, JSON otherwise.
pub fn parse_schema_bytes(display: &str, bytes: &[u8]) -> Result<Value, GenError> {
    if display.ends_with(".yaml") || display.ends_with(".yml") {
        return parse_yaml(display, bytes);
    }
    json::parse_slice(bytes).map_err(|e| {
        let pointer = e.pointer().unwrap_or("").to_string();
        let message = match &e {
            JsonError::DuplicateKey { line, column, .. } => format!(
                "duplicate key (line {line} column {column}); I-JSON (RFC 7493) forbids them and the generator would otherwise pick one silently"
            ),
            other => other.to_string(),
        };
        GenError::from(Diagnostic::new(Kind::Unreadable, display, pointer, message))
    })
}

fn parse_yaml(display: &str, bytes: &[u8]) -> Result<Value, GenError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let before = &bytes[..e.valid_up_to()];
        let line = before.iter().filter(|b| **b == b'\n').count() + 1;
        let column = before.len()
            - before
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1)
            + 1;
        Diagnostic::new(
            Kind::Unreadable,
            display,
            "",
            format!(
                "invalid UTF-8 at byte {} (line {line} column {column})",
                e.valid_up_to()
            ),
        )
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    yaml::parse(text).map_err(|e| {
        let message = format!("{} (line {} column {})", e.message, e.line, e.column);
        GenError::from(Diagnostic::new(
            Kind::Unreadable,
            display,
            e.pointer,
            message,
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_duplicate_keys_with_file_and_pointer() {
        let err =
            parse_schema_bytes("s.json", br#"{"properties": {"a": {}, "a": {}}}"#).unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.location(), "s.json#/properties/a");
        assert!(d.message.contains("duplicate key"), "{d}");
    }

    #[test]
    fn reports_syntax_errors_with_line_and_column() {
        let err = parse_schema_bytes("s.json", b"{\n  \"type\": }").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("s.json#: invalid JSON at line 2"),
            "{text}"
        );
    }

    #[test]
    fn loads_json_files_in_name_order_and_skips_others() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("b.json"), "{}").unwrap();
        std::fs::write(dir.path().join("a.json"), "{}").unwrap();
        std::fs::write(dir.path().join("notes.md"), "not a schema").unwrap();
        let files = load_dir(dir.path(), Path::new(".")).unwrap().schemas;
        assert_eq!(files[0].display, "a.json");
        let stems: Vec<_> = files.iter().map(|f| f.stem.as_str()).collect();
        assert_eq!(stems, ["a", "b"]);
    }

    #[test]
    fn yaml_schemas_and_openapi_documents_load_apart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.yaml"), "type: string\n").unwrap();
        let api =
            "openapi: 3.0.3\ncomponents:\n  schemas:\n    T: {type: string, nullable: true}\n";
        std::fs::write(dir.path().join("api.yml"), api).unwrap();
        let sources = load_dir(dir.path(), Path::new(".")).unwrap();
        assert_eq!(sources.schemas.len(), 1);
        assert_eq!(
            sources.schemas[0].value,
            serde_json::json!({"type": "string"})
        );
        let document = &sources.documents[0];
        assert_eq!(document.stem, "api");
        assert_eq!(
            document.value["components"]["schemas"]["T"]["type"],
            serde_json::json!(["string", "null"])
        );
    }

    #[test]
    fn yaml_errors_name_file_pointer_and_line() {
        let err = parse_schema_bytes("s.yaml", b"properties:\n  a: {}\n  a: {}\n").unwrap_err();
        let d = &err.diagnostics()[0];
        assert_eq!(d.location(), "s.yaml#/properties/a");
        assert!(d.message.contains("line 3 column 3"), "{d}");
        let err = parse_schema_bytes("s.yml", b"a: \xff\n").unwrap_err();
        assert!(
            err.to_string()
                .contains("invalid UTF-8 at byte 3 (line 1 column 4)"),
            "{err}"
        );
    }

    #[test]
    fn an_empty_folder_is_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            load_dir(dir.path(), Path::new(".")),
            Err(GenError::Usage(_))
        ));
    }
}

//! What can go wrong while generating, located by schema file and JSON Pointer.

use std::fmt;
use std::path::{Path, PathBuf};

/// What a diagnostic is about. Code that treats some problems differently asks this, never
/// the message, which is written for people and may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Kind {
    /// The file is not a schema we can read: not JSON or YAML, not UTF-8, a duplicate key,
    /// too large or too deep, not an object, an OpenAPI version we do not read.
    Unreadable,
    /// A keyword's value is not what its dialect allows (`"pattern": 3`, `"multipleOf": 0`).
    MalformedKeyword,
    /// A keyword its dialect does not define: ignored, as the specification says.
    UnknownKeyword,
    /// A `format` that no checker asserts.
    UnknownFormat,
    /// `$schema` names no dialect the generator knows.
    UnknownDialect,
    /// An `$id`, `$anchor` or `$ref` that is malformed, claimed twice or leads nowhere.
    Reference,
    /// A pattern that runs on the budgeted backtracking engine.
    BudgetedPattern,
    /// Subschemas that apply each other to the same value without ever descending into it.
    EndlessCycle,
    /// Two names of a run collide, or a name collides with a hand-written item.
    NameClash,
    /// A file in a generated folder that codegen did not write.
    NotGenerated,
    /// A local refinement that stays an `allOf` (its upstream part could not be merged).
    Refinement,
    /// typify cannot build types for this part (validation can).
    TypesUnsupported,
    /// typify does not read this part as a schema at all.
    TypesInvalidInput,
    /// The part is typed more loosely than the schema says (a merge cut or simplified).
    LooserType,
    /// A `default` left out of the types.
    DefaultDropped,
    /// A documented example (an OpenAPI document's) that its schema refuses.
    Example,
}

/// One problem in one schema, located precisely enough to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub kind: Kind,
    /// The schema file, as the user named it (`schema/credentials.json`).
    pub file: String,
    /// JSON Pointer of the offending part; empty for the whole document.
    pub pointer: String,
    /// The keyword at fault, when one is.
    pub keyword: Option<String>,
    /// What is wrong, and what to do about it when that is known.
    pub message: String,
}

impl Diagnostic {
    pub fn new(
        kind: Kind,
        file: impl Into<String>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            kind,
            file: file.into(),
            pointer: pointer.into(),
            keyword: None,
            message: message.into(),
        }
    }

    pub fn with_keyword(mut self, keyword: impl Into<String>) -> Self {
        self.keyword = Some(keyword.into());
        self
    }

    /// `file#/pointer`, the form used in every message.
    pub fn location(&self) -> String {
        format!("{}#{}", self.file, self.pointer)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.location())?;
        if let Some(keyword) = &self.keyword {
            write!(f, ": keyword `{keyword}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Why generation stopped. Nothing has been written when one of these is returned.
#[derive(Debug, thiserror::Error)]
pub enum GenError {
    /// A file or folder could not be read or written.
    #[error("{}: {source}", shown(path))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// One or more schemas are malformed or use something the generator does not support.
    #[error("{}", DisplayList(.0))]
    Schema(Vec<Diagnostic>),
    /// The options do not make sense (no schemas found, a name that collides, ...).
    #[error("{0}")]
    Usage(String),
    /// `codegen.toml` is malformed: where, and which key (`type.Order.unknown_members`).
    #[error("{file}:{line}:{column}: {}{message}", located_key(key))]
    Config {
        file: String,
        line: usize,
        column: usize,
        key: String,
        message: String,
    },
}

fn located_key(key: &str) -> String {
    if key.is_empty() {
        String::new()
    } else {
        format!("`{key}`: ")
    }
}

impl GenError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        GenError::Io {
            path: path.into(),
            source,
        }
    }

    /// The located diagnostics, when the error is about schemas.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match self {
            GenError::Schema(list) => list,
            _ => &[],
        }
    }
}

impl From<Diagnostic> for GenError {
    fn from(diagnostic: Diagnostic) -> Self {
        GenError::Schema(vec![diagnostic])
    }
}

/// `./schema` reads better as `schema`.
fn shown(path: &Path) -> String {
    display_path(Path::new("."), path)
}

/// A path as users should see it: relative to `root` when inside it, with `/`, so that
/// messages and generated headers read the same on every machine.
pub fn display_path(root: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let text = relative.to_string_lossy().replace('\\', "/");
    let text = text.trim_start_matches("./").to_string();
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}

struct DisplayList<'a>(&'a [Diagnostic]);

impl fmt::Display for DisplayList<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, diagnostic) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_paths_are_relative_to_the_root() {
        assert_eq!(
            display_path(Path::new("/repo"), Path::new("/repo/schema/a.json")),
            "schema/a.json"
        );
        assert_eq!(
            display_path(Path::new("."), Path::new("./schema/a.json")),
            "schema/a.json"
        );
        assert_eq!(
            display_path(Path::new("/repo"), Path::new("/elsewhere/a.json")),
            "/elsewhere/a.json"
        );
    }

    #[test]
    fn names_file_pointer_and_keyword() {
        let d = Diagnostic::new(
            Kind::UnknownKeyword,
            "schema/a.json",
            "/properties/x",
            "unknown keyword",
        )
        .with_keyword("minimun");
        assert_eq!(
            d.to_string(),
            "schema/a.json#/properties/x: keyword `minimun`: unknown keyword"
        );
    }
}

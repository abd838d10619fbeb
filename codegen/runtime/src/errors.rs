//! What a validation reports: each violation, located in the payload and in the schema,
//! and the list of them for one document.

use std::fmt;

use crate::json::JsonError;

/// One violation: where in the payload, which keyword, and what is wrong.
///
/// Messages never contain the value of a secret (`writeOnly` or `format: password`) field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    instance_location: String,
    keyword_location: String,
    message: String,
    kind: ErrorKind,
}

/// What kind of problem a [`ValidationError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not acceptable JSON (syntax, UTF-8, duplicate key, nesting depth).
    Json {
        /// 1-based line of the problem within the document.
        line: usize,
    },
    /// The document violates a schema keyword.
    Schema,
    /// The document satisfies the schema but does not fit the Rust type (an integer beyond
    /// `u64`, say).
    Range,
}

impl ValidationError {
    /// A violation of a schema keyword.
    pub fn schema(instance_location: String, keyword_location: String, message: String) -> Self {
        ValidationError {
            instance_location,
            keyword_location,
            message,
            kind: ErrorKind::Schema,
        }
    }

    /// A document that is not acceptable JSON.
    pub fn json(error: &JsonError) -> Self {
        ValidationError {
            instance_location: error.pointer().unwrap_or("").to_string(),
            keyword_location: String::new(),
            message: error.to_string(),
            kind: ErrorKind::Json { line: error.line() },
        }
    }

    /// A valid document whose value at `instance_location` the Rust type cannot hold.
    pub fn range(instance_location: String, message: String) -> Self {
        ValidationError {
            instance_location,
            keyword_location: String::new(),
            message,
            kind: ErrorKind::Range,
        }
    }

    /// JSON Pointer to the offending part of the payload (`""` is the whole document).
    pub fn instance_location(&self) -> &str {
        &self.instance_location
    }

    /// JSON Pointer to the failing keyword, along the path evaluation took through the schema
    /// (through `$ref`s); empty for JSON and range errors.
    pub fn keyword_location(&self) -> &str {
        &self.keyword_location
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.instance_location.is_empty() {
            "(root)"
        } else {
            &self.instance_location
        };
        write!(f, "{at}: {}", self.message)
    }
}

/// Every violation found in one document, in the order evaluation met them. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
}

impl ValidationErrors {
    /// `None` when `errors` is empty: there is nothing to report.
    pub fn new(errors: Vec<ValidationError>) -> Option<Self> {
        (!errors.is_empty()).then_some(ValidationErrors { errors })
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }

    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Always false; there for `len`'s sake.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn into_vec(self) -> Vec<ValidationError> {
        self.errors
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        ValidationErrors {
            errors: vec![error],
        }
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

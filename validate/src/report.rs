//! What `validate` says about one document, as text (`file:line: /pointer: message`) or as
//! JSON in the style of JSON Schema's "basic" output.

use std::io::{self, Write};

use schema_runtime::{ErrorKind, ValidationError, ValidationErrors};
use serde_json::json;

use crate::input::MAX_DOCUMENT_BYTES;

/// The verdict on one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub source: String,
    /// The document's first line in its source.
    pub line: usize,
    pub errors: Vec<Problem>,
}

/// One error, with the line it is reported on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub instance_location: String,
    pub keyword_location: String,
    pub message: String,
}

impl Report {
    pub fn new(source: String, line: usize, result: Result<(), ValidationErrors>) -> Self {
        let errors = match result {
            Ok(()) => Vec::new(),
            Err(errors) => errors
                .iter()
                .map(|e| Problem {
                    // A syntax error knows its line within the document.
                    line: match e.kind() {
                        ErrorKind::Json { line: within } => line + within - 1,
                        _ => line,
                    },
                    instance_location: e.instance_location().to_string(),
                    keyword_location: e.keyword_location().to_string(),
                    message: e.message().to_string(),
                })
                .collect(),
        };
        Report {
            source,
            line,
            errors,
        }
    }

    /// The errors of a document too large to read.
    pub fn too_large_errors() -> ValidationErrors {
        ValidationErrors::from(ValidationError::range(
            String::new(),
            format!("document larger than {MAX_DOCUMENT_BYTES} bytes; not read"),
        ))
    }

    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }

    /// `file:line: /pointer: message` per error; nothing for a valid document.
    pub fn write_text(&self, out: &mut dyn Write) -> io::Result<()> {
        for problem in &self.errors {
            let at = if problem.instance_location.is_empty() {
                "(root)"
            } else {
                &problem.instance_location
            };
            writeln!(
                out,
                "{}:{}: {at}: {}",
                self.source, problem.line, problem.message
            )?;
        }
        Ok(())
    }

    /// One JSON object per document, valid or not.
    pub fn write_json(&self, out: &mut dyn Write) -> io::Result<()> {
        let errors: Vec<_> = self
            .errors
            .iter()
            .map(|p| {
                json!({
                    "instanceLocation": p.instance_location,
                    "keywordLocation": p.keyword_location,
                    "error": p.message,
                })
            })
            .collect();
        let object = json!({
            "source": self.source,
            "line": self.line,
            "valid": self.is_valid(),
            "errors": errors,
        });
        writeln!(out, "{object}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_json_name_source_line_and_pointer() {
        let errors = models::credentials::validate(&json!({"expires_in": -5})).unwrap_err();
        let report = Report::new("in.ndjson".into(), 3, Err(errors));
        let mut text = Vec::new();
        report.write_text(&mut text).unwrap();
        assert_eq!(
            String::from_utf8(text).unwrap(),
            "in.ndjson:3: /expires_in: -5 is less than the minimum 0\n"
        );
        let mut line = Vec::new();
        report.write_json(&mut line).unwrap();
        let value: serde_json::Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(
            value,
            json!({"source": "in.ndjson", "line": 3, "valid": false, "errors": [{
                "instanceLocation": "/expires_in",
                "keywordLocation": "/properties/expires_in/minimum",
                "error": "-5 is less than the minimum 0"
            }]})
        );
    }
}

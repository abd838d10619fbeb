//! Dialects: which version of JSON Schema a document is written in, from its `$schema`.
//! The dialect changes what some keywords mean (`$ref` beside other keywords, array `items`).

use serde_json::Value;

/// Which dialect a document is written in; it changes what some keywords mean.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Draft {
    /// JSON Schema 2020-12, the default when `$schema` is absent.
    Draft2020,
    /// draft-07: `$ref` overrides its siblings, `items` may be an array, `additionalItems`.
    Draft7,
}

/// The dialect a document declares with `$schema`; 2020-12 when it declares none.
pub fn draft_of(schema: &Value) -> Result<Draft, String> {
    match schema.get("$schema") {
        None => Ok(Draft::Draft2020),
        Some(Value::String(uri)) => {
            let uri = uri.trim_end_matches('#');
            match uri {
                "https://json-schema.org/draft/2020-12/schema" => Ok(Draft::Draft2020),
                "http://json-schema.org/draft-07/schema"
                | "https://json-schema.org/draft-07/schema" => Ok(Draft::Draft7),
                other => Err(format!(
                    "unsupported dialect `{other}`; use https://json-schema.org/draft/2020-12/schema or http://json-schema.org/draft-07/schema#"
                )),
            }
        }
        Some(_) => Err("`$schema` must be a string".to_string()),
    }
}

//! Dialects: which version of JSON Schema a document is written in, from its `$schema`, and
//! what that changes: how a resource names itself (`id` or `$id`), whether `$ref` hides its
//! siblings, whether `items` may be an array, what `exclusiveMinimum` holds.

use std::fmt;

use serde_json::Value;

/// A JSON Schema dialect, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Draft {
    Draft4,
    Draft6,
    Draft7,
    Draft2019,
    Draft2020,
}

impl Draft {
    pub const ALL: [Draft; 5] = [
        Draft::Draft4,
        Draft::Draft6,
        Draft::Draft7,
        Draft::Draft2019,
        Draft::Draft2020,
    ];

    /// The dialect's meta-schema, as `$schema` names it.
    pub fn uri(self) -> &'static str {
        match self {
            Draft::Draft4 => "http://json-schema.org/draft-04/schema#",
            Draft::Draft6 => "http://json-schema.org/draft-06/schema#",
            Draft::Draft7 => "http://json-schema.org/draft-07/schema#",
            Draft::Draft2019 => "https://json-schema.org/draft/2019-09/schema",
            Draft::Draft2020 => "https://json-schema.org/draft/2020-12/schema",
        }
    }

    /// How people call it: `draft-07`, `2020-12`.
    pub fn name(self) -> &'static str {
        match self {
            Draft::Draft4 => "draft-04",
            Draft::Draft6 => "draft-06",
            Draft::Draft7 => "draft-07",
            Draft::Draft2019 => "2019-09",
            Draft::Draft2020 => "2020-12",
        }
    }

    /// The dialect of a meta-schema URI, whatever its scheme and trailing `#`.
    pub fn from_uri(uri: &str) -> Option<Draft> {
        let key = uri
            .trim_end_matches('#')
            .trim_start_matches("https://")
            .trim_start_matches("http://");
        Draft::ALL.into_iter().find(|draft| {
            draft
                .uri()
                .trim_end_matches('#')
                .trim_start_matches("https://")
                .trim_start_matches("http://")
                == key
        })
    }

    /// The dialect a user names on the command line: `draft-07`, `draft7`, `7`, `2020-12`.
    pub fn from_name(name: &str) -> Option<Draft> {
        let name = name.trim_start_matches("draft").trim_start_matches('-');
        Some(match name {
            "4" | "04" => Draft::Draft4,
            "6" | "06" => Draft::Draft6,
            "7" | "07" => Draft::Draft7,
            "2019-09" | "2019" => Draft::Draft2019,
            "2020-12" | "2020" => Draft::Draft2020,
            _ => return None,
        })
    }

    /// The keyword a schema resource names itself with.
    pub fn id_keyword(self) -> &'static str {
        if self == Draft::Draft4 { "id" } else { "$id" }
    }

    /// Up to draft-07, "all other properties in a `$ref` object MUST be ignored".
    pub fn ref_hides_siblings(self) -> bool {
        self <= Draft::Draft7
    }

    /// Up to 2019-09, `items` may be an array (a tuple), followed by `additionalItems`.
    pub fn array_items(self) -> bool {
        self <= Draft::Draft2019
    }

    /// In draft-04, `exclusiveMinimum`/`exclusiveMaximum` are booleans that make `minimum`
    /// and `maximum` exclusive.
    pub fn boolean_exclusive_bounds(self) -> bool {
        self == Draft::Draft4
    }
}

impl fmt::Display for Draft {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// What a schema's `$schema` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Declared {
    /// No `$schema`: the run's default dialect applies.
    Nothing,
    Dialect(Draft),
    /// A meta-schema URI that is not one of the five: perhaps a custom meta-schema among
    /// the run's documents, which declares a dialect in turn.
    Other(String),
    /// `$schema` is not a string.
    Malformed,
}

/// The dialect `schema` declares with `$schema`.
pub fn declared(schema: &Value) -> Declared {
    match schema.get("$schema") {
        None => Declared::Nothing,
        Some(Value::String(uri)) => match Draft::from_uri(uri) {
            Some(draft) => Declared::Dialect(draft),
            None => Declared::Other(uri.clone()),
        },
        Some(_) => Declared::Malformed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn meta_schema_uris_name_their_dialects() {
        assert_eq!(
            Draft::from_uri("http://json-schema.org/draft-04/schema#"),
            Some(Draft::Draft4)
        );
        assert_eq!(
            Draft::from_uri("https://json-schema.org/draft-07/schema"),
            Some(Draft::Draft7)
        );
        assert_eq!(
            Draft::from_uri("https://json-schema.org/draft/2020-12/schema"),
            Some(Draft::Draft2020)
        );
        assert_eq!(Draft::from_uri("http://example.com/my-meta"), None);
        assert_eq!(Draft::from_name("draft-06"), Some(Draft::Draft6));
        assert_eq!(Draft::from_name("2019-09"), Some(Draft::Draft2019));
        assert_eq!(
            declared(&json!({"$schema": "https://example.com/meta"})),
            Declared::Other("https://example.com/meta".into())
        );
        assert_eq!(declared(&json!({})), Declared::Nothing);
    }
}

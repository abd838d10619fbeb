//! Reading the keywords of one object schema: typed accessors that report every malformed
//! value as a located problem. The keyword families (`keywords/`) parse through it, and the
//! compiler behind it ([`Sink`]) creates nodes for subschemas and collects problems.

use std::collections::BTreeSet;

use serde_json::{Number, Value};

use super::edge::{Edge, NodeId};
use crate::dialect::Draft;
use crate::error::Kind;
use crate::resolve::Place;

/// What parsing needs from the compiler.
pub trait Sink {
    /// The node of the subschema at `place`, created (and queued) when new.
    fn node_for(&mut self, place: Place) -> NodeId;
    /// `to` applies to the same instance as `from` (`$ref`, `allOf`, ...): for the cycle check.
    fn same_instance(&mut self, from: NodeId, to: NodeId);
    /// The place `reference` (written at `from`) points to, or why it points nowhere.
    fn resolve(&self, from: &Place, reference: &str) -> Result<Place, String>;
    /// The dialect in effect at `place`.
    fn draft(&self, place: &Place) -> Draft;
    /// Whether what is otherwise a warning is an error (`--strict`).
    fn strict(&self) -> bool;
    /// The number of the schema resource that holds `place`.
    fn resource(&mut self, place: &Place) -> u32;
    fn resolver(&self) -> &crate::resolve::Resolver;
    fn problem(&mut self, kind: Kind, place: &Place, keyword: Option<&str>, message: String);
    fn warning(&mut self, kind: Kind, place: &Place, keyword: Option<&str>, message: String);
}

/// The keywords of one object schema, being parsed.
pub struct Parser<'p, 'a> {
    pub sink: &'p mut dyn Sink,
    pub id: NodeId,
    pub place: Place,
    pub object: &'a serde_json::Map<String, Value>,
}

/// A reference token as a JSON Pointer segment: `/` and the escaped token.
pub fn escaped(token: &str) -> String {
    let mut out = String::new();
    schema_runtime::pointer::push_token(&mut out, token);
    out
}

impl<'a> Parser<'_, 'a> {
    pub fn draft(&self) -> Draft {
        self.sink.draft(&self.place)
    }

    /// The value of `keyword`, when the schema has it and its dialect knows it: a keyword
    /// the dialect does not have is an annotation, and no family sees it.
    pub fn get(&self, keyword: &str) -> Option<&'a Value> {
        self.object
            .get(keyword)
            .filter(|_| crate::vocabulary::known(keyword, self.draft()))
    }

    pub fn has(&self, keyword: &str) -> bool {
        self.get(keyword).is_some()
    }

    /// A problem with `keyword` of this schema.
    pub fn problem(&mut self, kind: Kind, keyword: &str, message: impl Into<String>) {
        let place = self.place.clone();
        self.sink
            .problem(kind, &place, Some(keyword), message.into());
    }

    /// A warning about `keyword` of this schema.
    pub fn warning(&mut self, kind: Kind, keyword: &str, message: impl Into<String>) {
        let place = self.place.clone();
        self.sink
            .warning(kind, &place, Some(keyword), message.into());
    }

    /// A problem at `tokens` below this schema (`patternProperties/<pattern>`).
    pub fn problem_at(&mut self, kind: Kind, tokens: &[&str], message: impl Into<String>) {
        let place = self.place.child(tokens.iter().copied());
        self.sink.problem(kind, &place, None, message.into());
    }

    /// The edge of a `$ref` (or a dialect's `$recursiveRef`), resolved.
    pub fn reference(&mut self, keyword: &str) -> Option<Edge> {
        let value = self.get(keyword)?;
        let Some(reference) = value.as_str() else {
            self.problem(
                Kind::MalformedKeyword,
                keyword,
                format!("`{keyword}` must be a string"),
            );
            return None;
        };
        match self.sink.resolve(&self.place, reference) {
            Ok(target) => {
                let node = self.sink.node_for(target);
                self.sink.same_instance(self.id, node);
                Some(Edge {
                    node,
                    path: escaped(keyword),
                })
            }
            Err(message) => {
                self.problem(Kind::Reference, keyword, message);
                None
            }
        }
    }

    /// The subschema at `tokens` below this one.
    pub fn sub(&mut self, tokens: &[&str], same_instance: bool) -> Edge {
        let place = self.place.child(tokens.iter().copied());
        let node = self.sink.node_for(place);
        if same_instance {
            self.sink.same_instance(self.id, node);
        }
        Edge {
            node,
            path: tokens.iter().map(|t| escaped(t)).collect(),
        }
    }

    /// `keyword`'s subschema.
    pub fn single(&mut self, keyword: &str, same_instance: bool) -> Option<Edge> {
        let value = self.get(keyword)?;
        if value.is_object() || value.is_boolean() {
            Some(self.sub(&[keyword], same_instance))
        } else {
            self.problem(
                Kind::MalformedKeyword,
                keyword,
                format!("`{keyword}` must be a schema (an object or a boolean)"),
            );
            None
        }
    }

    /// `keyword`'s non-empty array of subschemas.
    pub fn list(&mut self, keyword: &str, same_instance: bool) -> Vec<Edge> {
        let Some(value) = self.get(keyword) else {
            return Vec::new();
        };
        let Some(items) = value.as_array().filter(|items| !items.is_empty()) else {
            self.problem(
                Kind::MalformedKeyword,
                keyword,
                format!("`{keyword}` must be a non-empty array of schemas"),
            );
            return Vec::new();
        };
        let mut edges = Vec::new();
        for (index, item) in items.iter().enumerate() {
            let index = index.to_string();
            if item.is_object() || item.is_boolean() {
                edges.push(self.sub(&[keyword, &index], same_instance));
            } else {
                self.problem_at(
                    Kind::MalformedKeyword,
                    &[keyword, &index],
                    "a schema must be an object or a boolean",
                );
            }
        }
        edges
    }

    /// `keyword`'s object of subschemas, by name.
    pub fn map(&mut self, keyword: &str) -> Vec<(String, Edge)> {
        let Some(value) = self.get(keyword) else {
            return Vec::new();
        };
        let Some(map) = value.as_object() else {
            self.problem(
                Kind::MalformedKeyword,
                keyword,
                format!("`{keyword}` must be an object of schemas"),
            );
            return Vec::new();
        };
        let mut edges = Vec::new();
        for (name, item) in map {
            if item.is_object() || item.is_boolean() {
                edges.push((name.clone(), self.sub(&[keyword, name], false)));
            } else {
                self.problem_at(
                    Kind::MalformedKeyword,
                    &[keyword, name],
                    "a schema must be an object or a boolean",
                );
            }
        }
        edges
    }

    /// `keyword`'s non-negative integer (`2.0` counts).
    pub fn count(&mut self, keyword: &str) -> Option<u64> {
        let value = self.get(keyword)?;
        let count = value.as_u64().or_else(|| {
            value
                .as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f <= u64::MAX as f64)
                .map(|f| f as u64)
        });
        if count.is_none() {
            self.problem(
                Kind::MalformedKeyword,
                keyword,
                format!("`{keyword}` must be a non-negative integer"),
            );
        }
        count
    }

    /// `keyword`'s number.
    pub fn number(&mut self, keyword: &str) -> Option<Number> {
        match self.get(keyword)? {
            Value::Number(n) => Some(n.clone()),
            _ => {
                self.problem(
                    Kind::MalformedKeyword,
                    keyword,
                    format!("`{keyword}` must be a number"),
                );
                None
            }
        }
    }

    /// An array of unique strings, the value of `keyword` (or of one of its entries).
    pub fn strings(&mut self, keyword: &str, value: &Value) -> Option<Vec<String>> {
        let list = value.as_array().and_then(|items| {
            items
                .iter()
                .map(|item| item.as_str().map(str::to_string))
                .collect::<Option<Vec<String>>>()
        });
        let unique = list
            .as_ref()
            .is_some_and(|l| l.iter().collect::<BTreeSet<_>>().len() == l.len());
        if !unique {
            self.problem(
                Kind::MalformedKeyword,
                keyword,
                format!("`{keyword}` must be an array of unique strings"),
            );
            return None;
        }
        list
    }
}

//! `$ref` resolution: base URIs from `$id`, `$anchor`s, JSON Pointer fragments, and
//! references across the documents of one run (other files in `schema/`, or resources a
//! caller supplies).

use std::collections::BTreeMap;

use serde_json::Value;
use url::Url;

use crate::dialect::{Draft, draft_of};
use crate::error::Diagnostic;
use crate::keywords;

/// A place in one of the documents: which document, and the JSON Pointer in it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Place {
    pub doc: usize,
    pub pointer: String,
}

impl Place {
    pub fn root(doc: usize) -> Self {
        Place {
            doc,
            pointer: String::new(),
        }
    }

    /// The place `tokens` below this one.
    pub fn child<'t>(&self, tokens: impl IntoIterator<Item = &'t str>) -> Self {
        let mut pointer = self.pointer.clone();
        for token in tokens {
            schema_runtime::pointer::push_token(&mut pointer, token);
        }
        Place {
            doc: self.doc,
            pointer,
        }
    }
}

/// What the resolver needs to know of a document.
pub struct Document<'a> {
    /// Where it was retrieved from: its base URI when it has no `$id`.
    pub uri: &'a Url,
    /// How messages name it.
    pub display: &'a str,
    pub value: &'a Value,
}

/// Every schema resource and anchor of a set of documents, and the base URI of every
/// subschema in them.
pub struct Resolver {
    resources: BTreeMap<String, Place>,
    anchors: BTreeMap<(String, String), Place>,
    bases: BTreeMap<Place, Url>,
    drafts: Vec<Draft>,
    displays: Vec<String>,
}

impl Resolver {
    /// Indexes the documents. Two resources with the same URI are an error.
    pub fn new(documents: &[Document<'_>]) -> Result<Self, Vec<Diagnostic>> {
        let mut resolver = Resolver {
            resources: BTreeMap::new(),
            anchors: BTreeMap::new(),
            bases: BTreeMap::new(),
            drafts: Vec::new(),
            displays: documents.iter().map(|d| d.display.to_string()).collect(),
        };
        let mut problems = Vec::new();
        for (doc, document) in documents.iter().enumerate() {
            let draft = match draft_of(document.value) {
                Ok(draft) => draft,
                Err(message) => {
                    problems.push(
                        Diagnostic::new(document.display, "/$schema", message)
                            .with_keyword("$schema"),
                    );
                    Draft::Draft2020
                }
            };
            resolver.drafts.push(draft);
            let root = Place::root(doc);
            resolver.register(&mut problems, &strip_fragment(document.uri), &root);
            resolver.walk(
                &mut problems,
                document.value,
                root,
                document.uri.clone(),
                draft,
            );
        }
        if problems.is_empty() {
            Ok(resolver)
        } else {
            Err(problems)
        }
    }

    fn register(&mut self, problems: &mut Vec<Diagnostic>, uri: &str, place: &Place) {
        if let Some(existing) = self.resources.get(uri) {
            if existing != place {
                problems.push(
                    Diagnostic::new(
                        &self.displays[place.doc],
                        &place.pointer,
                        format!(
                            "`{uri}` already identifies {}#{}",
                            self.displays[existing.doc], existing.pointer
                        ),
                    )
                    .with_keyword("$id"),
                );
            }
            return;
        }
        self.resources.insert(uri.to_string(), place.clone());
    }

    fn walk(
        &mut self,
        problems: &mut Vec<Diagnostic>,
        value: &Value,
        place: Place,
        base: Url,
        draft: Draft,
    ) {
        let mut base = base;
        if let Some(object) = value.as_object() {
            let id_ignored = draft == Draft::Draft7 && object.contains_key("$ref");
            if let Some(id) = object.get("$id").filter(|_| !id_ignored) {
                match id.as_str().map(|id| base.join(id)) {
                    Some(Ok(joined)) => {
                        let fragment = joined.fragment().unwrap_or("").to_string();
                        base = joined;
                        base.set_fragment(None);
                        if !fragment.is_empty() {
                            // draft-07 spells anchors `"$id": "#name"`.
                            self.anchors
                                .insert((base.to_string(), fragment), place.clone());
                        } else {
                            self.register(problems, base.as_str(), &place);
                        }
                    }
                    _ => problems.push(
                        Diagnostic::new(
                            &self.displays[place.doc],
                            &place.pointer,
                            "`$id` must be a URI reference",
                        )
                        .with_keyword("$id"),
                    ),
                }
            }
            for keyword in ["$anchor", "$dynamicAnchor"] {
                if let Some(anchor) = object.get(keyword).and_then(Value::as_str) {
                    self.anchors
                        .insert((strip_fragment(&base), anchor.to_string()), place.clone());
                }
            }
        }
        self.bases.insert(place.clone(), base.clone());
        for (tokens, child) in keywords::subschemas(value) {
            let child_place = place.child(tokens.iter().map(String::as_str));
            self.walk(problems, child, child_place, base.clone(), draft);
        }
    }

    /// The dialect of document `doc`.
    pub fn draft(&self, doc: usize) -> Draft {
        self.drafts[doc]
    }

    /// Every subschema location found while indexing, in order.
    pub fn places(&self) -> impl Iterator<Item = &Place> {
        self.bases.keys()
    }

    /// Resolves the reference `reference` written at `from`.
    pub fn resolve(
        &self,
        documents: &[Document<'_>],
        from: &Place,
        reference: &str,
    ) -> Result<Place, String> {
        let base = self.base_of(from);
        let target = base
            .join(reference)
            .map_err(|e| format!("`{reference}` is not a valid URI reference ({e})"))?;
        let fragment = target
            .fragment()
            .map(|f| {
                percent_encoding::percent_decode_str(f)
                    .decode_utf8_lossy()
                    .into_owned()
            })
            .unwrap_or_default();
        let resource_uri = strip_fragment(&target);
        let place = if fragment.is_empty() || fragment.starts_with('/') {
            let resource = self.resources.get(&resource_uri).ok_or_else(|| {
                format!(
                    "`{reference}` names no known schema (looked for `{}`)",
                    shown(&resource_uri)
                )
            })?;
            if schema_runtime::pointer::tokens(&fragment).is_none() {
                return Err(format!(
                    "`{reference}` has a fragment that is not a JSON Pointer"
                ));
            }
            Place {
                doc: resource.doc,
                pointer: format!("{}{}", resource.pointer, fragment),
            }
        } else {
            self.anchors
                .get(&(resource_uri.clone(), fragment.clone()))
                .cloned()
                .ok_or_else(|| format!("`{reference}` names no known anchor `{fragment}`"))?
        };
        match documents[place.doc].value.pointer(&place.pointer) {
            Some(target) if keywords::is_schema(target) => Ok(place),
            Some(_) => Err(format!(
                "`{reference}` points at something that is not a schema"
            )),
            None => Err(format!(
                "`{reference}` points at nothing: {}#{} does not exist",
                self.displays[place.doc], place.pointer
            )),
        }
    }

    /// The base URI in effect at `place`: that of the nearest indexed enclosing subschema.
    pub fn base_of(&self, place: &Place) -> Url {
        let mut pointer = place.pointer.as_str();
        loop {
            let probe = Place {
                doc: place.doc,
                pointer: pointer.to_string(),
            };
            if let Some(base) = self.bases.get(&probe) {
                return base.clone();
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => {
                    return self
                        .bases
                        .get(&Place::root(place.doc))
                        .cloned()
                        .unwrap_or_else(|| Url::parse("urn:unknown").expect("a valid URN"));
                }
            }
        }
    }
}

fn strip_fragment(url: &Url) -> String {
    let mut url = url.clone();
    url.set_fragment(None);
    url.to_string()
}

/// File URIs are machine-specific; messages show only the file name.
fn shown(uri: &str) -> String {
    match uri.strip_prefix("file://") {
        Some(path) => path.rsplit('/').next().unwrap_or(path).to_string(),
        None => uri.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn docs<'a>(values: &'a [(Url, Value)]) -> Vec<Document<'a>> {
        values
            .iter()
            .map(|(uri, value)| Document {
                uri,
                display: uri.as_str(),
                value,
            })
            .collect()
    }

    #[test]
    fn resolves_pointers_anchors_ids_and_other_files() {
        let values = vec![
            (
                Url::parse("file:///s/a.json").unwrap(),
                json!({
                    "$defs": {
                        "x": {"$anchor": "ex"},
                        "inner": {"$id": "http://example.com/inner.json", "$defs": {"y": {}}}
                    }
                }),
            ),
            (
                Url::parse("file:///s/b.json").unwrap(),
                json!({"$defs": {"z": true}}),
            ),
        ];
        let documents = docs(&values);
        let resolver = Resolver::new(&documents).unwrap();
        let root = Place::root(0);
        let resolve = |r: &str| {
            resolver
                .resolve(&documents, &root, r)
                .map(|p| (p.doc, p.pointer))
        };
        assert_eq!(resolve("#/$defs/x"), Ok((0, "/$defs/x".to_string())));
        assert_eq!(resolve("#ex"), Ok((0, "/$defs/x".to_string())));
        assert_eq!(resolve("b.json#/$defs/z"), Ok((1, "/$defs/z".to_string())));
        assert_eq!(
            resolve("http://example.com/inner.json#/$defs/y"),
            Ok((0, "/$defs/inner/$defs/y".to_string()))
        );
        let inner = Place::root(0).child(["$defs", "inner"]);
        assert_eq!(
            resolver
                .resolve(&documents, &inner, "#/$defs/y")
                .map(|p| p.pointer),
            Ok("/$defs/inner/$defs/y".to_string())
        );
        assert!(
            resolve("#/$defs/missing")
                .unwrap_err()
                .contains("points at nothing")
        );
        assert!(
            resolve("c.json")
                .unwrap_err()
                .contains("names no known schema (looked for `c.json`)")
        );
    }

    #[test]
    fn unknown_dialects_are_errors() {
        let values = vec![(
            Url::parse("file:///s/a.json").unwrap(),
            json!({"$schema": "http://json-schema.org/draft-04/schema#"}),
        )];
        let err = Resolver::new(&docs(&values)).err().unwrap();
        assert_eq!(err[0].keyword.as_deref(), Some("$schema"));
    }
}

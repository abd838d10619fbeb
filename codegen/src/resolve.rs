//! `$ref` resolution: base URIs from `$id`, `$anchor`s, JSON Pointer fragments, and
//! references across the documents of one run (other files in `schema/`, or resources a
//! caller supplies).

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use url::Url;

use crate::dialect::{self, Declared, Draft};
use crate::error::{Diagnostic, Kind};
use crate::vocabulary;

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

/// Every schema resource and anchor of a set of documents, and the base URI and dialect of
/// every subschema in them.
pub struct Resolver {
    resources: BTreeMap<String, Place>,
    /// `$anchor`s (and draft-07's `"$id": "#name"`): (resource root, name) → place.
    anchors: BTreeMap<(Place, String), Place>,
    /// `$dynamicAnchor`s: (resource URI, name) → place.
    dynamic_anchors: BTreeMap<(String, String), Place>,
    /// Resource roots with `"$recursiveAnchor": true` (2019-09).
    recursive_anchors: BTreeSet<Place>,
    bases: BTreeMap<Place, Url>,
    /// Where each schema resource starts: document roots and subschemas with an `$id`.
    resource_roots: BTreeSet<Place>,
    drafts: BTreeMap<Place, Draft>,
    displays: Vec<String>,
    warnings: Vec<Diagnostic>,
}

impl Resolver {
    /// Indexes the documents, reading those that declare no dialect as `default`. Two
    /// resources with the same URI are an error, but for two documents whose roots claim
    /// one `$id` (two versions of one published schema, side by side in `schema/`): the first
    /// keeps it for references from elsewhere, with a warning, and each resolves its own
    /// references within itself.
    pub fn new(documents: &[Document<'_>], default: Draft) -> Result<Self, Vec<Diagnostic>> {
        let mut resolver = Resolver {
            resources: BTreeMap::new(),
            anchors: BTreeMap::new(),
            dynamic_anchors: BTreeMap::new(),
            recursive_anchors: BTreeSet::new(),
            bases: BTreeMap::new(),
            resource_roots: BTreeSet::new(),
            drafts: BTreeMap::new(),
            displays: documents.iter().map(|d| d.display.to_string()).collect(),
            warnings: Vec::new(),
        };
        let mut problems = Vec::new();
        let drafts = document_drafts(documents, default, &mut problems, &mut resolver.warnings);
        for (doc, document) in documents.iter().enumerate() {
            let root = Place::root(doc);
            resolver.register(&mut problems, &strip_fragment(document.uri), &root);
            resolver.walk(
                &mut problems,
                document.value,
                root.clone(),
                document.uri.clone(),
                drafts[doc],
            );
            // An OpenAPI document is no schema, but its Schema Objects are.
            if crate::openapi::version(document.value).is_some() {
                for tokens in crate::openapi::schema_objects(document.value) {
                    let pointer = crate::openapi::pointer(&tokens);
                    if let Some(schema) = document.value.pointer(&pointer) {
                        let place = root.child(tokens.iter().map(String::as_str));
                        resolver.walk(
                            &mut problems,
                            schema,
                            place,
                            document.uri.clone(),
                            drafts[doc],
                        );
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(resolver)
        } else {
            Err(problems)
        }
    }

    /// Problems that do not stop generation (a meta-schema no document provides).
    pub fn warnings(&self) -> &[Diagnostic] {
        &self.warnings
    }

    fn register(&mut self, problems: &mut Vec<Diagnostic>, uri: &str, place: &Place) {
        self.resource_roots.insert(place.clone());
        let Some(existing) = self.resources.get(uri) else {
            self.resources.insert(uri.to_string(), place.clone());
            return;
        };
        if existing == place {
            return;
        }
        let both_roots = existing.pointer.is_empty() && place.pointer.is_empty();
        let message = if both_roots {
            format!(
                "`{uri}` already identifies {}: references to it from other documents lead there; this file's own references stay within it",
                self.displays[existing.doc]
            )
        } else {
            format!(
                "`{uri}` already identifies {}#{}",
                self.displays[existing.doc], existing.pointer
            )
        };
        let diagnostic = Diagnostic::new(
            Kind::Reference,
            &self.displays[place.doc],
            &place.pointer,
            message,
        )
        .with_keyword("$id");
        if both_roots {
            self.warnings.push(diagnostic);
        } else {
            problems.push(diagnostic);
        }
    }

    /// The root of the schema resource `place` is in.
    fn enclosing_resource(&self, place: &Place) -> Place {
        let mut pointer = place.pointer.as_str();
        loop {
            let probe = Place {
                doc: place.doc,
                pointer: pointer.to_string(),
            };
            if self.resource_roots.contains(&probe) {
                return probe;
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => return Place::root(place.doc),
            }
        }
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
        let mut draft = draft;
        if let Some(object) = value.as_object() {
            let id_keyword = draft.id_keyword();
            // Up to draft-07 a `$ref` hides a sibling `$id`, except at a document's root, where
            // the `$id` is the document's own name (published schemas rely on it).
            let id_ignored = draft.ref_hides_siblings()
                && object.contains_key("$ref")
                && !place.pointer.is_empty();
            if let Some(id) = object.get(id_keyword).filter(|_| !id_ignored) {
                // An embedded resource may declare a dialect of its own.
                if !place.pointer.is_empty()
                    && let Declared::Dialect(own) = dialect::declared(value)
                {
                    draft = own;
                }
                match id.as_str().map(|id| base.join(id)) {
                    Some(Ok(joined)) => {
                        let fragment = joined.fragment().unwrap_or("").to_string();
                        base = joined;
                        base.set_fragment(None);
                        if !fragment.is_empty() {
                            // Up to draft-07, anchors are spelt `"$id": "#name"`.
                            let root = self.enclosing_resource(&place);
                            self.anchors.insert((root, fragment), place.clone());
                        } else {
                            self.register(problems, base.as_str(), &place);
                        }
                    }
                    _ => problems.push(
                        Diagnostic::new(
                            Kind::Reference,
                            &self.displays[place.doc],
                            &place.pointer,
                            format!("`{id_keyword}` must be a URI reference"),
                        )
                        .with_keyword(id_keyword),
                    ),
                }
            }
            let resource = strip_fragment(&base);
            let root = self.enclosing_resource(&place);
            if vocabulary::known("$anchor", draft)
                && let Some(anchor) = object.get("$anchor").and_then(Value::as_str)
            {
                self.anchors
                    .insert((root.clone(), anchor.to_string()), place.clone());
            }
            if vocabulary::known("$dynamicAnchor", draft)
                && let Some(anchor) = object.get("$dynamicAnchor").and_then(Value::as_str)
            {
                // A dynamic anchor is also a plain one.
                self.anchors
                    .insert((root, anchor.to_string()), place.clone());
                self.dynamic_anchors
                    .insert((resource, anchor.to_string()), place.clone());
            }
            if vocabulary::known("$recursiveAnchor", draft)
                && object.get("$recursiveAnchor") == Some(&Value::Bool(true))
            {
                self.recursive_anchors.insert(place.clone());
            }
        }
        self.bases.insert(place.clone(), base.clone());
        self.drafts.insert(place.clone(), draft);
        for (tokens, child) in vocabulary::subschemas(value, draft) {
            let child_place = place.child(tokens.iter().map(String::as_str));
            self.walk(problems, child, child_place, base.clone(), draft);
        }
    }

    /// The dialect in effect at `place`.
    pub fn draft(&self, place: &Place) -> Draft {
        self.nearest(place, &self.drafts)
            .copied()
            .unwrap_or(Draft::Draft2020)
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
        // A reference into the resource it is written in stays there, even where another
        // document claims the same `$id` first.
        let own = (resource_uri == strip_fragment(&base)).then(|| self.enclosing_resource(from));
        let place = if fragment.is_empty() || fragment.starts_with('/') {
            let resource = own
                .as_ref()
                .or_else(|| self.resource(&resource_uri))
                .ok_or_else(|| {
                    let stored = resource_uri
                        .split_once("://")
                        .filter(|(scheme, _)| *scheme != "file")
                        .map(|(_, path)| {
                            format!(
                                " among the schemas, the built-in meta-schemas and, as `{path}`, \
                             in the resources folders; nothing is fetched from the network"
                            )
                        })
                        .unwrap_or_default();
                    format!(
                        "`{reference}` names no known schema (looked for `{}`{stored})",
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
            own.as_ref()
                .or_else(|| self.resource(&resource_uri))
                .and_then(|root| self.anchors.get(&(root.clone(), fragment.clone())))
                .cloned()
                .ok_or_else(|| format!("`{reference}` names no known anchor `{fragment}`"))?
        };
        match documents[place.doc].value.pointer(&place.pointer) {
            Some(target) if vocabulary::is_schema(target) => Ok(place),
            Some(_) => Err(format!(
                "`{reference}` points at something that is not a schema"
            )),
            None => Err(format!(
                "`{reference}` points at nothing: {}#{} does not exist",
                self.displays[place.doc], place.pointer
            )),
        }
    }

    /// The resource `uri` names; `http` and `https` name the same one, as published schemas
    /// use either for the same document.
    fn resource(&self, uri: &str) -> Option<&Place> {
        self.resources.get(uri).or_else(|| {
            let other = if let Some(rest) = uri.strip_prefix("https://") {
                format!("http://{rest}")
            } else {
                format!("https://{}", uri.strip_prefix("http://")?)
            };
            self.resources.get(&other)
        })
    }

    /// The base URI in effect at `place`: that of the nearest indexed enclosing subschema.
    pub fn base_of(&self, place: &Place) -> Url {
        self.nearest(place, &self.bases)
            .cloned()
            .unwrap_or_else(|| Url::parse("urn:unknown").expect("a valid URN"))
    }

    /// What `map` holds for `place`, or for its nearest enclosing place that it has.
    fn nearest<'m, T>(&self, place: &Place, map: &'m BTreeMap<Place, T>) -> Option<&'m T> {
        let mut pointer = place.pointer.as_str();
        loop {
            let probe = Place {
                doc: place.doc,
                pointer: pointer.to_string(),
            };
            if let Some(found) = map.get(&probe) {
                return Some(found);
            }
            match pointer.rfind('/') {
                Some(cut) => pointer = &pointer[..cut],
                None => return map.get(&Place::root(place.doc)),
            }
        }
    }

    /// Whether `place` holds a `$dynamicAnchor` named `name`.
    pub fn is_dynamic_anchor(&self, place: &Place, name: &str) -> bool {
        let uri = strip_fragment(&self.base_of(place));
        self.dynamic_anchors.get(&(uri, name.to_string())) == Some(place)
    }

    /// Every `$dynamicAnchor` named `name`, one per resource that has it.
    pub fn dynamic_anchors(&self, name: &str) -> impl Iterator<Item = &Place> {
        self.dynamic_anchors
            .iter()
            .filter(move |((_, anchor), _)| anchor == name)
            .map(|(_, place)| place)
    }

    /// Every resource root with `"$recursiveAnchor": true`.
    pub fn recursive_anchors(&self) -> impl Iterator<Item = &Place> {
        self.recursive_anchors.iter()
    }

    /// The root of the schema resource that holds `place`: the nearest enclosing place with
    /// a base URI of its own.
    pub fn resource_of(&self, place: &Place) -> Place {
        let base = self.base_of(place);
        let mut resource = place.pointer.as_str();
        let mut pointer = place.pointer.as_str();
        while let Some(cut) = pointer.rfind('/') {
            pointer = &pointer[..cut];
            let probe = Place {
                doc: place.doc,
                pointer: pointer.to_string(),
            };
            // Only schemas have bases; `/$defs` and its kin are skipped.
            match self.bases.get(&probe) {
                Some(b) if *b != base => break,
                Some(_) => resource = pointer,
                None => {}
            }
        }
        Place {
            doc: place.doc,
            pointer: resource.to_string(),
        }
    }
}

/// The dialect of each document: the one it declares, the one its custom meta-schema (a
/// document of the run) declares, or `default`.
fn document_drafts(
    documents: &[Document<'_>],
    default: Draft,
    problems: &mut Vec<Diagnostic>,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<Draft> {
    let all: Vec<Declared> = documents
        .iter()
        .map(|d| dialect::declared(d.value))
        .collect();
    // A document's URI, and its `$id` (or `id`), identify it as a meta-schema.
    let identifies = |doc: usize, uri: &str| -> bool {
        let key = uri.trim_end_matches('#');
        let document = &documents[doc];
        strip_fragment(document.uri).trim_end_matches('#') == key
            || vocabulary::with(|k| k.names_resource).any(|k| {
                document
                    .value
                    .get(k.name)
                    .and_then(Value::as_str)
                    .map(|id| id.trim_end_matches('#'))
                    == Some(key)
            })
    };
    all.iter()
        .enumerate()
        .map(|(doc, declared)| match declared {
            Declared::Dialect(draft) => *draft,
            Declared::Nothing => default,
            Declared::Other(uri) => {
                let meta = (0..documents.len()).find(|&other| other != doc && identifies(other, uri));
                match meta.map(|m| &all[m]) {
                    Some(Declared::Dialect(draft)) => *draft,
                    _ => {
                        warnings.push(
                            Diagnostic::new(Kind::UnknownDialect,
                                documents[doc].display,
                                "/$schema",
                                format!(
                                    "unknown meta-schema `{uri}`; read as {default} (give `$schema` one of the five dialects, or add the meta-schema to the resources)"
                                ),
                            )
                            .with_keyword("$schema"),
                        );
                        default
                    }
                }
            }
            Declared::Malformed => {
                problems.push(
                    Diagnostic::new(Kind::MalformedKeyword, documents[doc].display, "/$schema", "`$schema` must be a string")
                        .with_keyword("$schema"),
                );
                default
            }
        })
        .collect()
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
mod tests;

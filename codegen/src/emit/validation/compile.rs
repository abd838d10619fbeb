//! From schema JSON to the validation graph: one node per subschema that validation can
//! reach, each with its keywords parsed and checked. Every problem is a located diagnostic.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::Value;

use super::edge::NodeId;
use super::graph::{Body, Graph, Node};
use super::keywords as families;
use super::parser::{Parser, Sink};
use crate::dialect::Draft;
use crate::error::{Diagnostic, Kind};
use crate::resolve::{Document, Place, Resolver};
use crate::subschema::Subschema;
use crate::vocabulary;

/// Compiles everything reachable from `roots`, and checks the keywords of every subschema of
/// the documents in `lint` (so that a typo in an unused `$defs` entry is still reported).
/// Returns the graph and the warnings (patterns on the budgeted engine).
pub fn compile(
    documents: &[Document<'_>],
    resolver: &Resolver,
    roots: &[Place],
    lint: &[usize],
    strict: bool,
) -> Result<(Graph, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut compiler = Compiler {
        documents,
        resolver,
        strict,
        graph: Graph {
            nodes: Vec::new(),
            index: BTreeMap::new(),
        },
        queue: VecDeque::new(),
        problems: Vec::new(),
        warnings: Vec::new(),
        same_instance: Vec::new(),
        resources: BTreeMap::new(),
    };
    for root in roots {
        compiler.node(root.clone());
    }
    while let Some(id) = compiler.queue.pop_front() {
        compiler.compile_node(id);
    }
    for place in resolver.places().filter(|p| lint.contains(&p.doc)) {
        if !compiler.graph.index.contains_key(place) {
            compiler.lint(place);
        }
    }
    compiler.break_cycles();
    compiler.propagate_secrets();
    compiler
        .warnings
        .sort_by(|a, b| (&a.file, &a.pointer).cmp(&(&b.file, &b.pointer)));
    compiler.warnings.dedup();
    if compiler.problems.is_empty() {
        Ok((compiler.graph, compiler.warnings))
    } else {
        compiler
            .problems
            .sort_by(|a, b| (&a.file, &a.pointer).cmp(&(&b.file, &b.pointer)));
        compiler.problems.dedup();
        Err(compiler.problems)
    }
}

struct Compiler<'a> {
    documents: &'a [Document<'a>],
    resolver: &'a Resolver,
    strict: bool,
    graph: Graph,
    queue: VecDeque<NodeId>,
    problems: Vec<Diagnostic>,
    warnings: Vec<Diagnostic>,
    /// (from, to) for subschemas applied to the same instance: `$ref`, `allOf`, `not`, ...
    same_instance: Vec<(NodeId, NodeId)>,
    /// Schema resources, numbered.
    resources: BTreeMap<Place, u32>,
}

impl Sink for Compiler<'_> {
    fn node_for(&mut self, place: Place) -> NodeId {
        self.node(place)
    }

    fn same_instance(&mut self, from: NodeId, to: NodeId) {
        self.same_instance.push((from, to));
    }

    fn resolve(&self, from: &Place, reference: &str) -> Result<Place, String> {
        self.resolver.resolve(self.documents, from, reference)
    }

    fn draft(&self, place: &Place) -> Draft {
        self.resolver.draft(place)
    }

    fn strict(&self) -> bool {
        self.strict
    }

    fn resource(&mut self, place: &Place) -> u32 {
        let root = self.resolver.resource_of(place);
        let next = u32::try_from(self.resources.len()).unwrap_or(u32::MAX);
        *self.resources.entry(root).or_insert(next)
    }

    fn resolver(&self) -> &Resolver {
        self.resolver
    }

    fn problem(&mut self, kind: Kind, place: &Place, keyword: Option<&str>, message: String) {
        let diagnostic = self.diagnostic(kind, place, keyword, message);
        self.problems.push(diagnostic);
    }

    fn warning(&mut self, kind: Kind, place: &Place, keyword: Option<&str>, message: String) {
        let diagnostic = self.diagnostic(kind, place, keyword, message);
        self.warnings.push(diagnostic);
    }
}

impl<'a> Compiler<'a> {
    fn node(&mut self, place: Place) -> NodeId {
        if let Some(&id) = self.graph.index.get(&place) {
            return id;
        }
        let id = self.graph.nodes.len();
        let resource = Sink::resource(self, &place);
        self.graph.nodes.push(Node {
            place: place.clone(),
            secret: false,
            resource,
            body: Body::Bool(true),
        });
        self.graph.index.insert(place, id);
        self.queue.push_back(id);
        id
    }

    fn value_at(&self, place: &Place) -> Option<&'a Value> {
        self.documents[place.doc].value.pointer(&place.pointer)
    }

    fn diagnostic(
        &self,
        kind: Kind,
        place: &Place,
        keyword: Option<&str>,
        message: impl Into<String>,
    ) -> Diagnostic {
        let mut pointer = place.pointer.clone();
        if let Some(keyword) = keyword {
            schema_runtime::pointer::push_token(&mut pointer, keyword);
        }
        let diagnostic = Diagnostic::new(kind, self.documents[place.doc].display, pointer, message);
        match keyword {
            Some(keyword) => diagnostic.with_keyword(keyword),
            None => diagnostic,
        }
    }

    fn compile_node(&mut self, id: NodeId) {
        let place = self.graph.nodes[id].place.clone();
        let body = match self.value_at(&place) {
            Some(Value::Bool(b)) => Body::Bool(*b),
            Some(Value::Object(object)) => {
                self.graph.nodes[id].secret = Subschema::of(object).is_secret();
                let draft = self.resolver.draft(&place);
                for keyword in object.keys() {
                    self.note_unknown(&place, draft, keyword);
                }
                let mut parser = Parser {
                    sink: self,
                    id,
                    place: place.clone(),
                    object,
                };
                Body::Rules(Box::new(families::parse(&mut parser)))
            }
            _ => {
                self.problem(
                    Kind::MalformedKeyword,
                    &place,
                    None,
                    "a schema must be an object or a boolean".into(),
                );
                Body::Bool(true)
            }
        };
        self.graph.nodes[id].body = body;
    }

    /// Checks the keywords of a subschema that validation never reaches.
    fn lint(&mut self, place: &Place) {
        let Some(Value::Object(object)) = self.value_at(place) else {
            return;
        };
        let draft = self.resolver.draft(place);
        for keyword in object.keys() {
            self.note_unknown(place, draft, keyword);
        }
    }

    /// Whether `place` is in an OpenAPI document, whose schemas have its vocabulary too.
    fn in_openapi(&self, place: &Place) -> bool {
        crate::openapi::version(self.documents[place.doc].value).is_some()
    }

    /// Unknown keywords are annotations: ignored, as the specification says. One that looks
    /// like a misspelling, or that belongs to another dialect, gets a warning; under
    /// `--strict` every one is an error.
    fn note_unknown(&mut self, place: &Place, draft: Draft, keyword: &str) {
        if vocabulary::known(keyword, draft) || keyword.starts_with("x-") {
            return;
        }
        if vocabulary::of_openapi(keyword) && self.in_openapi(place) {
            return;
        }
        let keywords: Vec<&str> = vocabulary::keywords(draft).collect();
        let other_dialects: Vec<Draft> = Draft::ALL
            .into_iter()
            .filter(|d| vocabulary::known(keyword, *d))
            .collect();
        let hint =
            if let (Some(first), Some(last)) = (other_dialects.first(), other_dialects.last()) {
                let span = if first == last {
                    first.to_string()
                } else {
                    format!("{first} to {last}")
                };
                Some(format!(
                    "`{keyword}` is a keyword of {span}, not of {draft}"
                ))
            } else {
                schema_runtime::messages::suggest(keyword, &keywords)
                    .map(|known| format!("did you mean `{known}`?"))
            };
        if self.strict {
            let mut message = format!("unknown keyword in {draft} (`--strict` refuses them)");
            if let Some(hint) = hint {
                message.push_str("; ");
                message.push_str(&hint);
            }
            self.problem(Kind::UnknownKeyword, place, Some(keyword), message);
        } else if let Some(hint) = hint {
            self.warning(
                Kind::UnknownKeyword,
                place,
                Some(keyword),
                format!("unknown keyword, ignored: {hint}"),
            );
        }
    }

    /// A cycle of subschemas applied to the same instance never ends (`"X": {"allOf":
    /// [{"$ref": "#/X"}, ...]}`). Each time round it adds nothing, so the edge that closes it
    /// accepts everything, with a warning; `--strict` refuses it.
    fn break_cycles(&mut self) {
        let mut edges: BTreeMap<NodeId, Vec<NodeId>> = BTreeMap::new();
        for (from, to) in &self.same_instance {
            edges.entry(*from).or_default().push(*to);
        }
        let mut state = vec![0u8; self.graph.nodes.len()];
        let mut closing = BTreeSet::new();
        for start in 0..self.graph.nodes.len() {
            if state[start] != 0 {
                continue;
            }
            // Iterative depth-first search: 0 unseen, 1 on the stack, 2 done.
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some(&mut (node, ref mut next)) = stack.last_mut() {
                let targets = edges.get(&node).map(Vec::as_slice).unwrap_or(&[]);
                if let Some(&target) = targets.get(*next) {
                    *next += 1;
                    match state[target] {
                        0 => {
                            state[target] = 1;
                            stack.push((target, 0));
                        }
                        1 => {
                            closing.insert((node, target));
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
        for (from, to) in closing {
            let place = self.graph.nodes[from].place.clone();
            let target = self.graph.nodes[to].place.pointer.clone();
            if self.strict {
                self.problem(Kind::EndlessCycle,
                    &place,
                    None,
                    format!("this schema applies `#{target}` to the same value, and that applies this schema again, without descending into the value: validation would never end (`--strict` refuses it)"),
                );
                continue;
            }
            self.warning(Kind::EndlessCycle,
                &place,
                None,
                format!("this schema applies `#{target}` to the same value, and that applies this schema again: the repetition adds nothing, so it is skipped"),
            );
            let accept = self.accept_all(place.child(["(cycle)"]));
            if let Body::Rules(rules) = &mut self.graph.nodes[from].body {
                rules.redirect(to, accept);
            }
        }
    }

    /// A node that accepts everything, in place of what closes a cycle.
    fn accept_all(&mut self, place: Place) -> NodeId {
        if let Some(&id) = self.graph.index.get(&place) {
            return id;
        }
        let id = self.graph.nodes.len();
        let resource = Sink::resource(self, &place);
        self.graph.nodes.push(Node {
            place: place.clone(),
            secret: false,
            resource,
            body: Body::Bool(true),
        });
        self.graph.index.insert(place, id);
        id
    }

    /// Everything under a secret is secret, whichever way it is reached.
    fn propagate_secrets(&mut self) {
        let mut children: Vec<Vec<NodeId>> = vec![Vec::new(); self.graph.nodes.len()];
        for (id, node) in self.graph.nodes.iter().enumerate() {
            if let Body::Rules(rules) = &node.body {
                children[id] = rules.edges().map(|e| e.node).collect();
            }
        }
        let mut queue: VecDeque<NodeId> = (0..self.graph.nodes.len())
            .filter(|&id| self.graph.nodes[id].secret)
            .collect();
        while let Some(id) = queue.pop_front() {
            for &child in &children[id] {
                if !self.graph.nodes[child].secret {
                    self.graph.nodes[child].secret = true;
                    queue.push_back(child);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use url::Url;

    fn compile_as(
        schema: Value,
        strict: bool,
    ) -> Result<(Graph, Vec<Diagnostic>), Vec<Diagnostic>> {
        let uri = Url::parse("file:///schema/t.json").unwrap();
        let documents = [Document {
            uri: &uri,
            display: "schema/t.json",
            value: &schema,
        }];
        let resolver = Resolver::new(&documents, Draft::Draft2020)?;
        compile(&documents, &resolver, &[Place::root(0)], &[0], strict)
    }

    fn compile_one(schema: Value) -> Result<Graph, Vec<Diagnostic>> {
        compile_as(schema, false).map(|(graph, _)| graph)
    }

    fn problems(schema: Value) -> Vec<String> {
        compile_one(schema)
            .err()
            .expect("the schema is refused")
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn unknown_keywords_are_annotations_with_hints_for_typos() {
        let schema = json!({
            "properties": {"a": {"minimun": 0}},
            "$defs": {"unused": {"maxLenght": 3}},
            "markdownDescription": "vendor keyword",
            "prefixItems": [{}]
        });
        let (_, warnings) = compile_as(schema.clone(), false).unwrap();
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].starts_with(
            "schema/t.json#/$defs/unused/maxLenght: keyword `maxLenght`: unknown keyword, ignored: did you mean `maxLength`?"
        ), "{warnings:?}");
        assert!(
            warnings[1].contains("#/properties/a/minimun"),
            "{warnings:?}"
        );

        let refused: Vec<String> = compile_as(schema, true)
            .err()
            .unwrap()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(refused.len(), 3, "{refused:?}");
        assert!(refused.iter().any(|r| r.contains("#/markdownDescription: keyword `markdownDescription`: unknown keyword in 2020-12 (`--strict` refuses them)")), "{refused:?}");
        assert!(compile_one(json!({"x-internal": true, "type": "string"})).is_ok());
    }

    #[test]
    fn openapi_keywords_are_known_only_in_an_openapi_document() {
        let schema = json!({
            "oneOf": [{"type": "object"}],
            "discriminator": {"propertyName": "kind"},
            "xml": {"name": "pet"},
            "externalDocs": {"url": "https://example.com"},
            "example": {"kind": "cat"}
        });
        let refused = compile_as(schema.clone(), true)
            .err()
            .expect("refused in a schema file");
        assert_eq!(refused.len(), 4, "{refused:?}");

        let document = json!({
            "openapi": "3.0.3",
            "components": {"schemas": {"Pet": schema}}
        });
        let uri = Url::parse("file:///schema/pets.yml").unwrap();
        let documents = [Document {
            uri: &uri,
            display: "schema/pets.yml",
            value: &document,
        }];
        let resolver = Resolver::new(&documents, Draft::Draft2020).unwrap();
        let pet = Place::root(0).child(["components", "schemas", "Pet"]);
        let compiled = compile(&documents, &resolver, &[pet], &[], true);
        assert!(compiled.is_ok(), "{:?}", compiled.err());
    }

    #[test]
    fn keywords_of_other_dialects_are_named() {
        let uri = Url::parse("file:///schema/t.json").unwrap();
        let schema = json!({"$schema": "http://json-schema.org/draft-07/schema#", "unevaluatedProperties": false});
        let documents = [Document {
            uri: &uri,
            display: "schema/t.json",
            value: &schema,
        }];
        let resolver = Resolver::new(&documents, Draft::Draft2020).unwrap();
        let (_, warnings) = compile(&documents, &resolver, &[Place::root(0)], &[0], false).unwrap();
        assert!(
            warnings[0].message.contains(
                "`unevaluatedProperties` is a keyword of 2019-09 to 2020-12, not of draft-07"
            ),
            "{warnings:?}"
        );
    }

    #[test]
    fn malformed_keyword_values_are_located() {
        let found = problems(json!({
            "type": "text",
            "minLength": -1,
            "pattern": "(",
            "required": ["a", "a"],
            "items": [{}]
        }));
        let pointers: Vec<&str> = found.iter().map(|f| f.split(':').next().unwrap()).collect();
        assert_eq!(
            pointers,
            [
                "schema/t.json#/items",
                "schema/t.json#/minLength",
                "schema/t.json#/pattern",
                "schema/t.json#/required",
                "schema/t.json#/type",
            ]
        );
    }

    #[test]
    fn references_must_resolve() {
        let found = problems(json!({"$ref": "#/$defs/missing"}));
        assert!(
            found[0].contains("#/$ref: keyword `$ref`: `#/$defs/missing` points at nothing"),
            "{found:?}"
        );
    }

    #[test]
    fn cycles_that_never_descend_are_cut_with_a_warning_or_refused_under_strict() {
        let looping = json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}, {"type": "string"}]}}, "$ref": "#/$defs/a"});
        let (graph, warnings) = compile_as(looping.clone(), false).unwrap();
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert!(
            warnings[0].message.contains("the repetition adds nothing"),
            "{warnings:?}"
        );
        let cut = graph.index[&Place::root(0).child(["$defs", "b", "allOf", "0", "(cycle)"])];
        assert!(matches!(graph.nodes[cut].body, Body::Bool(true)));
        let refused = compile_as(looping, true).err().unwrap();
        assert!(
            refused[0].message.contains("validation would never end"),
            "{refused:?}"
        );
        let tree = json!({"properties": {"children": {"items": {"$ref": "#"}}}});
        let (_, warnings) = compile_as(tree, true).unwrap();
        assert!(warnings.is_empty());
    }

    #[test]
    fn secrets_reach_everything_beneath_them() {
        let graph = compile_one(json!({
            "properties": {
                "token": {"writeOnly": true, "anyOf": [{"type": "string"}, {"$ref": "#/$defs/t"}]},
                "plain": {"$ref": "#/$defs/p"}
            },
            "$defs": {"t": {"type": "null"}, "p": {"type": "string"}}
        }))
        .unwrap();
        let secret = |pointer: &str| {
            graph.nodes[graph.index[&Place {
                doc: 0,
                pointer: pointer.into(),
            }]]
                .secret
        };
        assert!(secret("/properties/token"));
        assert!(secret("/properties/token/anyOf/0"));
        assert!(secret("/$defs/t"));
        assert!(!secret("/$defs/p"));
        assert!(!secret(""));
    }
}

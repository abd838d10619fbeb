//! From schema JSON to the validation graph: one node per subschema that validation can
//! reach, each with its keywords parsed and checked. Every problem is a located diagnostic.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::{Number, Value};

use crate::error::Diagnostic;
use crate::keywords::ANNOTATIONS;
use crate::resolve::{Document, Draft, Place, Resolver};

pub type NodeId = usize;

/// Every reachable subschema, compiled.
pub struct Graph {
    pub nodes: Vec<Node>,
    pub index: BTreeMap<Place, NodeId>,
}

pub struct Node {
    pub place: Place,
    /// Values here, or inside, must never appear in messages.
    pub secret: bool,
    pub body: Body,
}

pub enum Body {
    /// `true` accepts everything, `false` nothing.
    Bool(bool),
    Rules(Box<Rules>),
}

/// The JSON types of the `type` keyword.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum JsonType {
    Null,
    Boolean,
    Object,
    Array,
    Number,
    Integer,
    String,
}

impl JsonType {
    fn parse(name: &str) -> Option<Self> {
        Some(match name {
            "null" => JsonType::Null,
            "boolean" => JsonType::Boolean,
            "object" => JsonType::Object,
            "array" => JsonType::Array,
            "number" => JsonType::Number,
            "integer" => JsonType::Integer,
            "string" => JsonType::String,
            _ => return None,
        })
    }

    pub fn name(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::String => "string",
        }
    }
}

/// A subschema reached through a keyword: the node and the keyword path to it
/// (`/properties/expires_in`), escaped, for keyword locations.
#[derive(Debug, Clone)]
pub struct Edge {
    pub node: NodeId,
    pub path: String,
}

/// The keywords of one object schema. Keywords that do not change verdicts are not kept.
#[derive(Default)]
pub struct Rules {
    pub types: Vec<JsonType>,
    pub enum_values: Option<Vec<Value>>,
    pub const_value: Option<Value>,
    pub reference: Option<Edge>,

    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub format: Option<String>,

    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub exclusive_minimum: Option<Number>,
    pub exclusive_maximum: Option<Number>,
    pub multiple_of: Option<Number>,

    pub required: Vec<String>,
    pub properties: Vec<(String, Edge)>,
    pub pattern_properties: Vec<(String, Edge)>,
    pub additional_properties: Option<Edge>,
    pub property_names: Option<Edge>,
    pub min_properties: Option<u64>,
    pub max_properties: Option<u64>,
    /// (property, keyword path of the list, the properties it requires).
    pub dependent_required: Vec<(String, String, Vec<String>)>,
    /// (property, the schema the whole object must then match).
    pub dependent_schemas: Vec<(String, Edge)>,

    pub prefix_items: Vec<Edge>,
    /// Applies to items after `prefix_items`: `items` (2020-12) or `additionalItems` (draft-07).
    pub items: Option<Edge>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub contains: Option<Edge>,
    pub min_contains: Option<u64>,
    pub max_contains: Option<u64>,

    pub all_of: Vec<Edge>,
    pub any_of: Vec<Edge>,
    pub one_of: Vec<Edge>,
    pub not: Option<Edge>,
    pub if_: Option<Edge>,
    pub then_: Option<Edge>,
    pub else_: Option<Edge>,
}

/// Keywords that are understood but deliberately not supported, and why.
const UNSUPPORTED: &[(&str, &str)] = &[
    ("$dynamicRef", "dynamic references are not supported"),
    (
        "$recursiveRef",
        "recursive references (draft 2019-09) are not supported",
    ),
    (
        "$recursiveAnchor",
        "recursive anchors (draft 2019-09) are not supported",
    ),
    (
        "unevaluatedProperties",
        "`unevaluatedProperties` is not supported; use `additionalProperties`",
    ),
    (
        "unevaluatedItems",
        "`unevaluatedItems` is not supported; use `items`",
    ),
    ("$vocabulary", "custom vocabularies are not supported"),
];

/// `format` values that only annotate: they pick a Rust type or a UI, and assert nothing.
const ANNOTATION_FORMATS: &[&str] = &[
    "password", "int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float",
    "double",
];

fn known_keywords(draft: Draft) -> &'static [&'static str] {
    match draft {
        Draft::Draft2020 => &[
            "$id",
            "$anchor",
            "$dynamicAnchor",
            "$ref",
            "$defs",
            "definitions",
            "type",
            "enum",
            "const",
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "required",
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            "minProperties",
            "maxProperties",
            "dependentRequired",
            "dependentSchemas",
            "dependencies",
            "prefixItems",
            "items",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "minContains",
            "maxContains",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
        ],
        Draft::Draft7 => &[
            "$id",
            "$ref",
            "$defs",
            "definitions",
            "type",
            "enum",
            "const",
            "minLength",
            "maxLength",
            "pattern",
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf",
            "required",
            "properties",
            "patternProperties",
            "additionalProperties",
            "propertyNames",
            "minProperties",
            "maxProperties",
            "dependencies",
            "items",
            "additionalItems",
            "minItems",
            "maxItems",
            "uniqueItems",
            "contains",
            "allOf",
            "anyOf",
            "oneOf",
            "not",
            "if",
            "then",
            "else",
        ],
    }
}

/// Compiles everything reachable from `roots`, and checks the keywords of every subschema of
/// the documents in `lint` (so that a typo in an unused `$defs` entry is still reported).
pub fn compile(
    documents: &[Document<'_>],
    resolver: &Resolver,
    roots: &[Place],
    lint: &[usize],
) -> Result<Graph, Vec<Diagnostic>> {
    let mut compiler = Compiler {
        documents,
        resolver,
        graph: Graph {
            nodes: Vec::new(),
            index: BTreeMap::new(),
        },
        queue: VecDeque::new(),
        problems: Vec::new(),
        same_instance: Vec::new(),
    };
    for root in roots {
        compiler.node_for(root.clone());
    }
    while let Some(id) = compiler.queue.pop_front() {
        compiler.compile_node(id);
    }
    for place in resolver.places().filter(|p| lint.contains(&p.doc)) {
        if !compiler.graph.index.contains_key(place) {
            compiler.lint(place);
        }
    }
    compiler.check_cycles();
    compiler.propagate_secrets();
    if compiler.problems.is_empty() {
        Ok(compiler.graph)
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
    graph: Graph,
    queue: VecDeque<NodeId>,
    problems: Vec<Diagnostic>,
    /// (from, to) for subschemas applied to the same instance: `$ref`, `allOf`, `not`, ...
    same_instance: Vec<(NodeId, NodeId)>,
}

/// Parses the keywords of one object schema.
struct Parser<'c, 'a> {
    compiler: &'c mut Compiler<'a>,
    id: NodeId,
    place: Place,
    object: &'a serde_json::Map<String, Value>,
}

impl<'a> Compiler<'a> {
    fn node_for(&mut self, place: Place) -> NodeId {
        if let Some(&id) = self.graph.index.get(&place) {
            return id;
        }
        let id = self.graph.nodes.len();
        self.graph.nodes.push(Node {
            place: place.clone(),
            secret: false,
            body: Body::Bool(true),
        });
        self.graph.index.insert(place, id);
        self.queue.push_back(id);
        id
    }

    fn value_at(&self, place: &Place) -> Option<&'a Value> {
        self.documents[place.doc].value.pointer(&place.pointer)
    }

    fn problem(&mut self, place: &Place, keyword: Option<&str>, message: impl Into<String>) {
        let mut pointer = place.pointer.clone();
        if let Some(keyword) = keyword {
            schema_runtime::pointer::push_token(&mut pointer, keyword);
        }
        let diagnostic = Diagnostic::new(self.documents[place.doc].display, pointer, message);
        self.problems.push(match keyword {
            Some(keyword) => diagnostic.with_keyword(keyword),
            None => diagnostic,
        });
    }

    fn compile_node(&mut self, id: NodeId) {
        let place = self.graph.nodes[id].place.clone();
        let body = match self.value_at(&place) {
            Some(Value::Bool(b)) => Body::Bool(*b),
            Some(Value::Object(object)) => {
                self.graph.nodes[id].secret = is_secret(object);
                let mut parser = Parser {
                    compiler: self,
                    id,
                    place: place.clone(),
                    object,
                };
                Body::Rules(Box::new(parser.parse()))
            }
            _ => {
                self.problem(&place, None, "a schema must be an object or a boolean");
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
        let draft = self.resolver.draft(place.doc);
        for keyword in object.keys() {
            self.check_known(place, draft, keyword);
        }
    }

    fn check_known(&mut self, place: &Place, draft: Draft, keyword: &str) -> bool {
        if known_keywords(draft).contains(&keyword)
            || ANNOTATIONS.contains(&keyword)
            || keyword.starts_with("x-")
        {
            return true;
        }
        if let Some((_, why)) = UNSUPPORTED.iter().find(|(k, _)| *k == keyword) {
            self.problem(place, Some(keyword), format!("unsupported keyword: {why}"));
            return false;
        }
        let mut message = "unknown keyword; it would be ignored, so it is refused".to_string();
        let mut vocabulary: Vec<&str> = known_keywords(draft).to_vec();
        vocabulary.extend(ANNOTATIONS);
        if let Some(hint) = schema_runtime::messages::suggest(keyword, &vocabulary) {
            message.push_str(&format!("; did you mean `{hint}`?"));
        } else if keyword == "additionalItems" {
            message.push_str("; in 2020-12, `items` applies after `prefixItems`");
        }
        message.push_str(" (prefix extensions with `x-`)");
        self.problem(place, Some(keyword), message);
        false
    }

    /// A cycle of subschemas applied to the same instance never ends.
    fn check_cycles(&mut self) {
        let mut edges: BTreeMap<NodeId, Vec<NodeId>> = BTreeMap::new();
        for (from, to) in &self.same_instance {
            edges.entry(*from).or_default().push(*to);
        }
        let mut state = vec![0u8; self.graph.nodes.len()];
        let mut reported = BTreeSet::new();
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
                        1 if reported.insert(target) => {
                            let place = self.graph.nodes[target].place.clone();
                            self.problem(
                                &place,
                                None,
                                "this schema applies itself to the same value through `$ref`/`allOf`/`anyOf`/`oneOf`/`not`/`if` without descending into it: validation would never end",
                            );
                        }
                        _ => {}
                    }
                } else {
                    state[node] = 2;
                    stack.pop();
                }
            }
        }
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

fn is_secret(object: &serde_json::Map<String, Value>) -> bool {
    object.get("writeOnly") == Some(&Value::Bool(true))
        || object.get("format").and_then(Value::as_str) == Some("password")
}

impl Rules {
    /// Every subschema edge, whatever the keyword.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.reference
            .iter()
            .chain(self.properties.iter().map(|(_, e)| e))
            .chain(self.pattern_properties.iter().map(|(_, e)| e))
            .chain(&self.additional_properties)
            .chain(&self.property_names)
            .chain(self.dependent_schemas.iter().map(|(_, e)| e))
            .chain(&self.prefix_items)
            .chain(&self.items)
            .chain(&self.contains)
            .chain(&self.all_of)
            .chain(&self.any_of)
            .chain(&self.one_of)
            .chain(&self.not)
            .chain(&self.if_)
            .chain(&self.then_)
            .chain(&self.else_)
    }
}

fn escaped(token: &str) -> String {
    let mut out = String::new();
    schema_runtime::pointer::push_token(&mut out, token);
    out
}

impl<'c, 'a> Parser<'c, 'a> {
    fn parse(&mut self) -> Rules {
        let mut rules = Rules::default();
        let draft = self.compiler.resolver.draft(self.place.doc);
        let mut all_known = true;
        for keyword in self.object.keys() {
            all_known &= self.compiler.check_known(&self.place, draft, keyword);
        }
        if !all_known {
            return rules;
        }
        if let Some(reference) = self.object.get("$ref") {
            rules.reference = self.reference(reference);
            if draft == Draft::Draft7 {
                // draft-07: "All other properties in a "$ref" object MUST be ignored."
                return rules;
            }
        }
        self.parse_generic(&mut rules);
        self.parse_strings(&mut rules);
        self.parse_numbers(&mut rules);
        self.parse_objects(&mut rules);
        self.parse_arrays(&mut rules, draft);
        self.parse_applicators(&mut rules);
        rules
    }

    fn problem(&mut self, keyword: &str, message: impl Into<String>) {
        let place = self.place.clone();
        self.compiler.problem(&place, Some(keyword), message);
    }

    fn reference(&mut self, value: &Value) -> Option<Edge> {
        let Some(reference) = value.as_str() else {
            self.problem("$ref", "`$ref` must be a string");
            return None;
        };
        match self
            .compiler
            .resolver
            .resolve(self.compiler.documents, &self.place, reference)
        {
            Ok(target) => {
                let node = self.compiler.node_for(target);
                self.compiler.same_instance.push((self.id, node));
                Some(Edge {
                    node,
                    path: "/$ref".to_string(),
                })
            }
            Err(message) => {
                self.problem("$ref", message);
                None
            }
        }
    }

    /// The subschema at `tokens` below this one.
    fn sub(&mut self, tokens: &[&str], same_instance: bool) -> Edge {
        let place = self.place.child(tokens.iter().copied());
        let node = self.compiler.node_for(place);
        if same_instance {
            self.compiler.same_instance.push((self.id, node));
        }
        Edge {
            node,
            path: tokens.iter().map(|t| escaped(t)).collect(),
        }
    }

    fn schema_value(&mut self, keyword: &str) -> Option<&'a Value> {
        let value = self.object.get(keyword)?;
        if value.is_object() || value.is_boolean() {
            Some(value)
        } else {
            self.problem(
                keyword,
                format!("`{keyword}` must be a schema (an object or a boolean)"),
            );
            None
        }
    }

    fn single(&mut self, keyword: &str, same_instance: bool) -> Option<Edge> {
        self.schema_value(keyword)?;
        Some(self.sub(&[keyword], same_instance))
    }

    fn list(&mut self, keyword: &str, same_instance: bool) -> Vec<Edge> {
        let Some(value) = self.object.get(keyword) else {
            return Vec::new();
        };
        let Some(items) = value.as_array().filter(|items| !items.is_empty()) else {
            self.problem(
                keyword,
                format!("`{keyword}` must be a non-empty array of schemas"),
            );
            return Vec::new();
        };
        let mut edges = Vec::new();
        for (index, item) in items.iter().enumerate() {
            if item.is_object() || item.is_boolean() {
                edges.push(self.sub(&[keyword, &index.to_string()], same_instance));
            } else {
                let place = self.place.child([keyword, index.to_string().as_str()]);
                self.compiler
                    .problem(&place, None, "a schema must be an object or a boolean");
            }
        }
        edges
    }

    fn map(&mut self, keyword: &str) -> Vec<(String, Edge)> {
        let Some(value) = self.object.get(keyword) else {
            return Vec::new();
        };
        let Some(map) = value.as_object() else {
            self.problem(keyword, format!("`{keyword}` must be an object of schemas"));
            return Vec::new();
        };
        let mut edges = Vec::new();
        for (name, item) in map {
            if item.is_object() || item.is_boolean() {
                edges.push((name.clone(), self.sub(&[keyword, name], false)));
            } else {
                let place = self.place.child([keyword, name.as_str()]);
                self.compiler
                    .problem(&place, None, "a schema must be an object or a boolean");
            }
        }
        edges
    }

    fn count(&mut self, keyword: &str) -> Option<u64> {
        let value = self.object.get(keyword)?;
        let count = value.as_u64().or_else(|| {
            value
                .as_f64()
                .filter(|f| *f >= 0.0 && f.fract() == 0.0 && *f <= u64::MAX as f64)
                .map(|f| f as u64)
        });
        if count.is_none() {
            self.problem(
                keyword,
                format!("`{keyword}` must be a non-negative integer"),
            );
        }
        count
    }

    fn number(&mut self, keyword: &str) -> Option<Number> {
        match self.object.get(keyword)? {
            Value::Number(n) => Some(n.clone()),
            _ => {
                self.problem(keyword, format!("`{keyword}` must be a number"));
                None
            }
        }
    }

    fn strings(&mut self, keyword: &str, value: &Value) -> Option<Vec<String>> {
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
                keyword,
                format!("`{keyword}` must be an array of unique strings"),
            );
            return None;
        }
        list
    }

    fn parse_generic(&mut self, rules: &mut Rules) {
        if let Some(value) = self.object.get("type") {
            let names: Vec<&Value> = match value {
                Value::Array(items) => items.iter().collect(),
                other => vec![other],
            };
            let types: Option<Vec<JsonType>> = names
                .iter()
                .map(|n| n.as_str().and_then(JsonType::parse))
                .collect();
            match types {
                Some(types) if !types.is_empty() => rules.types = types,
                _ => self.problem(
                    "type",
                    "`type` must be one of null, boolean, object, array, number, integer, string, or an array of them",
                ),
            }
        }
        if let Some(value) = self.object.get("enum") {
            match value.as_array() {
                Some(values) => rules.enum_values = Some(values.clone()),
                None => self.problem("enum", "`enum` must be an array"),
            }
        }
        rules.const_value = self.object.get("const").cloned();
    }

    fn parse_strings(&mut self, rules: &mut Rules) {
        rules.min_length = self.count("minLength");
        rules.max_length = self.count("maxLength");
        if let Some(value) = self.object.get("pattern") {
            match value.as_str() {
                Some(pattern) => match schema_runtime::pattern::compile(pattern) {
                    Ok(_) => rules.pattern = Some(pattern.to_string()),
                    Err(e) => self.problem(
                        "pattern",
                        format!("not an ECMA-262 regular expression: {e}"),
                    ),
                },
                None => self.problem("pattern", "`pattern` must be a string"),
            }
        }
        if let Some(value) = self.object.get("format") {
            match value.as_str() {
                Some(format) if schema_runtime::format::ASSERTED.contains(&format) => {
                    rules.format = Some(format.to_string());
                }
                Some(format) if ANNOTATION_FORMATS.contains(&format) => {}
                Some(format) => self.problem(
                    "format",
                    format!(
                        "format `{format}` is not supported; validators assert {}",
                        schema_runtime::format::ASSERTED.join(", ")
                    ),
                ),
                None => self.problem("format", "`format` must be a string"),
            }
        }
    }

    fn parse_numbers(&mut self, rules: &mut Rules) {
        rules.minimum = self.number("minimum");
        rules.maximum = self.number("maximum");
        rules.exclusive_minimum = self.number("exclusiveMinimum");
        rules.exclusive_maximum = self.number("exclusiveMaximum");
        rules.multiple_of = self.number("multipleOf");
        if let Some(n) = &rules.multiple_of
            && n.as_f64().is_none_or(|f| f <= 0.0)
        {
            self.problem("multipleOf", "`multipleOf` must be greater than 0");
            rules.multiple_of = None;
        }
    }

    fn parse_objects(&mut self, rules: &mut Rules) {
        if let Some(value) = self.object.get("required") {
            rules.required = self.strings("required", value).unwrap_or_default();
        }
        rules.properties = self.map("properties");
        rules.pattern_properties = self.map("patternProperties");
        for (pattern, _) in &rules.pattern_properties {
            if let Err(e) = schema_runtime::pattern::compile(pattern) {
                let place = self.place.child(["patternProperties", pattern.as_str()]);
                self.compiler.problem(
                    &place,
                    None,
                    format!("not an ECMA-262 regular expression: {e}"),
                );
            }
        }
        rules.additional_properties = self.single("additionalProperties", false);
        rules.property_names = self.single("propertyNames", false);
        rules.min_properties = self.count("minProperties");
        rules.max_properties = self.count("maxProperties");
        if let Some(value) = self.object.get("dependentRequired") {
            match value.as_object() {
                Some(map) => {
                    for (name, list) in map {
                        if let Some(required) = self
                            .strings("dependentRequired", list)
                            .filter(|r| !r.is_empty())
                        {
                            rules.dependent_required.push((
                                name.clone(),
                                format!("/dependentRequired{}", escaped(name)),
                                required,
                            ));
                        }
                    }
                }
                None => self.problem("dependentRequired", "`dependentRequired` must be an object"),
            }
        }
        for (name, edge) in self.map("dependentSchemas") {
            self.compiler.same_instance.push((self.id, edge.node));
            rules.dependent_schemas.push((name, edge));
        }
        if let Some(value) = self.object.get("dependencies") {
            // draft-07's `dependencies`: arrays are `dependentRequired`, schemas `dependentSchemas`.
            match value.as_object() {
                Some(map) => {
                    for (name, item) in map {
                        if item.is_array() {
                            if let Some(required) =
                                self.strings("dependencies", item).filter(|r| !r.is_empty())
                            {
                                rules.dependent_required.push((
                                    name.clone(),
                                    format!("/dependencies{}", escaped(name)),
                                    required,
                                ));
                            }
                        } else if item.is_object() || item.is_boolean() {
                            let edge = self.sub(&["dependencies", name], true);
                            rules.dependent_schemas.push((name.clone(), edge));
                        } else {
                            self.problem(
                                "dependencies",
                                "`dependencies` values must be arrays of names or schemas",
                            );
                        }
                    }
                }
                None => self.problem("dependencies", "`dependencies` must be an object"),
            }
        }
    }

    fn parse_arrays(&mut self, rules: &mut Rules, draft: Draft) {
        match (draft, self.object.get("items")) {
            (Draft::Draft7, Some(Value::Array(_))) => {
                rules.prefix_items = self.list("items", false);
                rules.items = self.single("additionalItems", false);
            }
            (Draft::Draft2020, Some(Value::Array(_))) => {
                self.problem(
                    "items",
                    "in 2020-12 `items` is one schema; use `prefixItems` for a tuple",
                );
            }
            _ => {
                if draft == Draft::Draft2020 && self.object.contains_key("prefixItems") {
                    rules.prefix_items = self.list("prefixItems", false);
                }
                rules.items = self.single("items", false);
            }
        }
        rules.min_items = self.count("minItems");
        rules.max_items = self.count("maxItems");
        match self.object.get("uniqueItems") {
            None => {}
            Some(Value::Bool(b)) => rules.unique_items = *b,
            Some(_) => self.problem("uniqueItems", "`uniqueItems` must be a boolean"),
        }
        rules.contains = self.single("contains", false);
        rules.min_contains = self.count("minContains");
        rules.max_contains = self.count("maxContains");
        if rules.min_contains == Some(0) && rules.max_contains.is_none() {
            // Zero or more matches always holds: `contains` decides nothing.
            rules.contains = None;
        }
    }

    fn parse_applicators(&mut self, rules: &mut Rules) {
        rules.all_of = self.list("allOf", true);
        rules.any_of = self.list("anyOf", true);
        rules.one_of = self.list("oneOf", true);
        rules.not = self.single("not", true);
        // `if` alone, or `then`/`else` without `if`, decides nothing.
        let has_branch = self.object.contains_key("then") || self.object.contains_key("else");
        if self.object.contains_key("if") && has_branch {
            rules.if_ = self.single("if", true);
            if rules.if_.is_some() {
                rules.then_ = self.single("then", true);
                rules.else_ = self.single("else", true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use url::Url;

    fn compile_one(schema: Value) -> Result<Graph, Vec<Diagnostic>> {
        let uri = Url::parse("file:///schema/t.json").unwrap();
        let documents = [Document {
            uri: &uri,
            display: "schema/t.json",
            value: &schema,
        }];
        let resolver = Resolver::new(&documents)?;
        compile(&documents, &resolver, &[Place::root(0)], &[0])
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
    fn unknown_keywords_are_refused_with_a_hint_even_in_unused_defs() {
        let found = problems(json!({
            "properties": {"a": {"minimun": 0}},
            "$defs": {"unused": {"maxLenght": 3}}
        }));
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with(
            "schema/t.json#/$defs/unused/maxLenght: keyword `maxLenght`: unknown keyword"
        ));
        assert!(found[0].contains("did you mean `maxLength`?"), "{found:?}");
        assert!(
            found[1].starts_with("schema/t.json#/properties/a/minimun: keyword `minimun`"),
            "{found:?}"
        );
        assert!(compile_one(json!({"x-internal": true, "type": "string"})).is_ok());
    }

    #[test]
    fn unsupported_keywords_say_so() {
        let found = problems(json!({"unevaluatedProperties": false}));
        assert!(
            found[0].contains("keyword `unevaluatedProperties`: unsupported keyword"),
            "{found:?}"
        );
        let found = problems(json!({"format": "hostname"}));
        assert!(
            found[0].contains("format `hostname` is not supported"),
            "{found:?}"
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
    fn cycles_that_never_descend_are_refused_and_recursion_through_properties_is_fine() {
        let found = problems(
            json!({"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"allOf": [{"$ref": "#/$defs/a"}]}}, "$ref": "#/$defs/a"}),
        );
        assert!(found[0].contains("validation would never end"), "{found:?}");
        let tree = json!({"properties": {"children": {"items": {"$ref": "#"}}}});
        assert!(compile_one(tree).is_ok());
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

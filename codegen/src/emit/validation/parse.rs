//! Parsing the keywords of one object schema into [`Rules`], checking every value.

use std::collections::BTreeSet;

use serde_json::{Number, Value};

use super::compile::Compiler;
use super::graph::{Edge, JsonType, NodeId, Rules};
use crate::dialect::Draft;
use crate::keywords::ANNOTATION_FORMATS;
use crate::resolve::Place;

/// Parses the keywords of one object schema.
pub(super) struct Parser<'c, 'a> {
    pub(super) compiler: &'c mut Compiler<'a>,
    pub(super) id: NodeId,
    pub(super) place: Place,
    pub(super) object: &'a serde_json::Map<String, Value>,
}

fn escaped(token: &str) -> String {
    let mut out = String::new();
    schema_runtime::pointer::push_token(&mut out, token);
    out
}

impl<'c, 'a> Parser<'c, 'a> {
    pub(super) fn parse(&mut self) -> Rules {
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
                Some(pattern) => {
                    let place = self.place.clone();
                    if self
                        .compiler
                        .check_pattern(&place, Some("pattern"), pattern)
                    {
                        rules.pattern = Some(pattern.to_string());
                    }
                }
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
            let place = self.place.child(["patternProperties", pattern.as_str()]);
            self.compiler.check_pattern(&place, None, pattern);
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

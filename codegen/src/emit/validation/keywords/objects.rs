//! `required`, `properties`, `patternProperties`, `additionalProperties`, `propertyNames`,
//! `minProperties`, `maxProperties`, `dependentRequired`, `dependentSchemas`, and draft-07's
//! `dependencies` (names or schemas): objects, walked once, member by member.

use proc_macro2::TokenStream;
use quote::quote;

use super::super::edge::{Edge, NodeId};
use super::super::node_writer::{NodeWriter, count};
use super::super::parser::{Parser, escaped};
use super::strings::check_pattern;
use crate::emit::tokens::mentions;
use crate::error::Kind;

/// The keywords of this family in one schema.
#[derive(Default)]
pub struct Rules {
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
}

impl Rules {
    /// Every subschema edge.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.properties
            .iter()
            .map(|(_, e)| e)
            .chain(self.pattern_properties.iter().map(|(_, e)| e))
            .chain(&self.additional_properties)
            .chain(&self.property_names)
            .chain(self.dependent_schemas.iter().map(|(_, e)| e))
    }

    /// The edges applied to the object itself: `dependentSchemas`.
    pub fn in_place(&self) -> impl Iterator<Item = &Edge> {
        self.dependent_schemas.iter().map(|(_, e)| e)
    }

    /// Points every edge to `from` that applies to the object itself at `to` instead.
    pub fn redirect(&mut self, from: NodeId, to: NodeId) {
        let edges = self.dependent_schemas.iter_mut().map(|(_, e)| e);
        for edge in edges.filter(|e| e.node == from) {
            edge.node = to;
        }
    }

    /// The edge whose `false` [`checks`] writes inline, to name the member it refuses.
    pub fn checked_inline(&self) -> Option<&Edge> {
        self.additional_properties.as_ref()
    }
}

pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) {
    if let Some(value) = p.get("required") {
        rules.required = p.strings("required", value).unwrap_or_default();
    }
    rules.properties = p.map("properties");
    rules.pattern_properties = p.map("patternProperties");
    for (pattern, _) in &rules.pattern_properties {
        let place = p.place.child(["patternProperties", pattern.as_str()]);
        check_pattern(p.sink, &place, None, pattern);
    }
    rules.additional_properties = p.single("additionalProperties", false);
    rules.property_names = p.single("propertyNames", false);
    // A minimum of 0 always holds.
    rules.min_properties = p.count("minProperties").filter(|&n| n > 0);
    rules.max_properties = p.count("maxProperties");
    if let Some(value) = p.get("dependentRequired") {
        match value.as_object() {
            Some(map) => {
                for (name, list) in map {
                    if let Some(required) = p
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
            None => p.problem(
                Kind::MalformedKeyword,
                "dependentRequired",
                "`dependentRequired` must be an object",
            ),
        }
    }
    for (name, edge) in p.map("dependentSchemas") {
        p.sink.same_instance(p.id, edge.node);
        rules.dependent_schemas.push((name, edge));
    }
    if let Some(value) = p.get("dependencies") {
        // draft-07's `dependencies`: arrays are `dependentRequired`, schemas `dependentSchemas`.
        match value.as_object() {
            Some(map) => {
                for (name, item) in map {
                    if item.is_array() {
                        if let Some(required) =
                            p.strings("dependencies", item).filter(|r| !r.is_empty())
                        {
                            rules.dependent_required.push((
                                name.clone(),
                                format!("/dependencies{}", escaped(name)),
                                required,
                            ));
                        }
                    } else if item.is_object() || item.is_boolean() {
                        let edge = p.sub(&["dependencies", name], true);
                        rules.dependent_schemas.push((name.clone(), edge));
                    } else {
                        p.problem(
                            Kind::MalformedKeyword,
                            "dependencies",
                            "`dependencies` values must be arrays of names or schemas",
                        );
                    }
                }
            }
            None => p.problem(
                Kind::MalformedKeyword,
                "dependencies",
                "`dependencies` must be an object",
            ),
        }
    }
}

/// Whether any keyword of this family looks at the members' names or values.
fn has_members(r: &Rules) -> bool {
    !r.properties.is_empty()
        || !r.pattern_properties.is_empty()
        || r.additional_properties.is_some()
        || r.property_names.is_some()
}

pub fn checks(e: &NodeWriter<'_>, r: &Rules) -> Option<TokenStream> {
    let mut checks = Vec::new();
    for name in &r.required {
        checks.push(e.check(
            quote! { !map.contains_key(#name) },
            "/required",
            quote! { messages::missing_required(#name) },
        ));
    }
    if let Some(min) = r.min_properties {
        let min = count(min);
        checks.push(e.check(
            quote! { (map.len() as u64) < #min },
            "/minProperties",
            quote! { messages::too_few_properties(map.len(), #min) },
        ));
    }
    if let Some(max) = r.max_properties {
        let max = count(max);
        checks.push(e.check(
            quote! { (map.len() as u64) > #max },
            "/maxProperties",
            quote! { messages::too_many_properties(map.len(), #max) },
        ));
    }
    for (present, keyword, required) in &r.dependent_required {
        let each = required.iter().map(|missing| {
            e.check(
                quote! { !map.contains_key(#missing) },
                keyword,
                quote! { messages::dependent_required(#present, #missing) },
            )
        });
        checks.push(quote! { if map.contains_key(#present) { #(#each)* } });
    }
    for (present, edge) in &r.dependent_schemas {
        let apply = e.apply_in_place(edge);
        checks.push(quote! { if map.contains_key(#present) { #apply } });
    }
    checks.extend(member_loop(e, r));
    if checks.is_empty() {
        return None;
    }
    let guard = has_members(r).then(|| {
        quote! {
            if !may_descend(at) {
                return out.too_deep(at, kw);
            }
        }
    });
    Some(quote! { if let Value::Object(map) = v { #guard #(#checks)* } })
}

/// One pass over the members: `propertyNames`, then `properties`, `patternProperties` and
/// `additionalProperties`. `member` is the member's location.
fn member_loop(e: &NodeWriter<'_>, r: &Rules) -> Option<TokenStream> {
    if !has_members(r) {
        return None;
    }
    let mut body = Vec::new();
    if let Some(edge) = &r.property_names {
        let test = e.test(edge, quote! { &Value::String(key.clone()) });
        body.push(e.check(
            quote! { !#test },
            "/propertyNames",
            quote! { messages::property_name(key) },
        ));
    }
    // What an unknown member gets: an error of its own for `false`, a schema otherwise.
    let record = e.record(quote! { out.evaluated_key(v, key); });
    let refused = r
        .additional_properties
        .as_ref()
        .filter(|edge| e.paths.refuses_all(edge.node));
    let unknown = |then: TokenStream| {
        let names: Vec<&str> = r.properties.iter().map(|(name, _)| name.as_str()).collect();
        quote! {
            if out.fail(member, kw, "/additionalProperties", || messages::unknown_property(key, &[#(#names),*])) {
                return false;
            }
            #then
        }
    };
    if r.pattern_properties.is_empty() && !r.properties.is_empty() {
        // Each member is a named property or an additional one: one `match` picks the
        // validator, one call applies it.
        let arms = r.properties.iter().map(|(name, edge)| {
            let (path, segment) = (e.paths.path(edge.node), &edge.path);
            quote! { #name => (#path, #segment), }
        });
        let rest = match (&r.additional_properties, refused) {
            (None, _) => quote! { _ => continue, },
            (Some(_), Some(_)) => {
                let unknown = unknown(quote! { continue; });
                quote! { _ => { #unknown } }
            }
            (Some(edge), None) => {
                let (path, segment) = (e.paths.path(edge.node), &edge.path);
                quote! { _ => (#path, #segment), }
            }
        };
        body.push(quote! {
            let (check, path): (Check, &'static str) = match key.as_str() {
                #(#arms)*
                #rest
            };
            if !check(item, member, &kw.push(path), out) && out.stop() {
                return false;
            }
            #record
        });
    } else {
        let tracks_known = r.additional_properties.is_some() && !r.pattern_properties.is_empty();
        let mark = tracks_known.then(|| quote! { known = true; });
        let mark = quote! { #mark #record };
        if tracks_known {
            body.push(quote! { let mut known = false; });
        }
        let marks = !mark.is_empty();
        match r.properties.as_slice() {
            [] => {}
            [(name, edge)] => {
                let apply = e.apply(edge, quote! { item }, quote! { member });
                body.push(quote! { if key == #name { #mark #apply } });
            }
            properties if marks => {
                let arms = properties.iter().map(|(name, edge)| {
                    let apply = e.apply(edge, quote! { item }, quote! { member });
                    quote! { #name => { #mark #apply } }
                });
                body.push(quote! { match key.as_str() { #(#arms)* _ => {} } });
            }
            properties => {
                // Nothing to note of a named member: its validator's verdict is the arm's guard.
                let arms = properties.iter().map(|(name, edge)| {
                    let call = e.call(edge, quote! { item }, quote! { member });
                    quote! { #name if !#call && out.stop() => return false, }
                });
                body.push(quote! { match key.as_str() { #(#arms)* _ => {} } });
            }
        }
        for (pattern, edge) in &r.pattern_properties {
            let apply = e.apply(edge, quote! { item }, quote! { member });
            let keyword = &edge.path;
            // A budget that runs out decides nothing: it is an error at the member.
            body.push(quote! {{
                static PATTERN: Pattern = Pattern::new(#pattern);
                match PATTERN.matches(key) {
                    Ok(true) => { #mark #apply }
                    Ok(false) => {}
                    Err(exceeded) => {
                        #mark
                        if out.fail(member, kw, #keyword, || messages::pattern_budget(PATTERN.source(), exceeded)) {
                            return false;
                        }
                    }
                }
            }});
        }
        // With no property or pattern, every member is additional.
        let guard = tracks_known.then(|| quote! { if !known });
        match (&r.additional_properties, refused) {
            (Some(_), Some(_)) => {
                let unknown = unknown(quote! {});
                body.push(quote! { #guard { #unknown } });
            }
            (Some(edge), None) => {
                let apply = e.apply(edge, quote! { item }, quote! { member });
                body.push(quote! { #guard { #apply #record } });
            }
            (None, _) => {}
        }
    }
    let body = quote! { #(#body)* };
    let uses = |ident: &str| mentions(&body, ident);
    let member = uses("member").then(|| quote! { let member = &at.key(key); });
    Some(if uses("item") {
        quote! { for (key, item) in map { #member #body } }
    } else {
        quote! { for key in map.keys() { #member #body } }
    })
}

/// The properties of a root the fast path can take, each with its edge and whether it is
/// required: named properties only, nothing else asked of the object. Every field is named,
/// so that a new keyword cannot slip past the fast path.
pub fn fast_root(r: &Rules) -> Option<Vec<(&str, &Edge, bool)>> {
    let Rules {
        required,
        properties,
        pattern_properties,
        // Unknown members send the payload to the full validator (the wire denies them), so
        // `additionalProperties` can be anything.
        additional_properties: _,
        property_names,
        min_properties,
        max_properties,
        dependent_required,
        dependent_schemas,
    } = r;
    // A `required` name without a property would be absent from the wire: no fast path.
    let shape_ok = pattern_properties.is_empty()
        && property_names.is_none()
        && min_properties.is_none()
        && max_properties.is_none()
        && dependent_required.is_empty()
        && dependent_schemas.is_empty()
        && !properties.is_empty()
        && required
            .iter()
            .all(|name| properties.iter().any(|(p, _)| p == name));
    shape_ok.then(|| {
        properties
            .iter()
            .map(|(name, edge)| (name.as_str(), edge, required.contains(name)))
            .collect()
    })
}

/// Whether the fast path can take a scalar property with these keywords: only without any.
/// They never apply to a scalar, but a schema that has them is not one it was written for.
pub fn fast_member(r: &Rules) -> bool {
    let Rules {
        required,
        properties,
        pattern_properties,
        additional_properties,
        property_names,
        min_properties,
        max_properties,
        dependent_required,
        dependent_schemas,
    } = r;
    required.is_empty()
        && properties.is_empty()
        && pattern_properties.is_empty()
        && additional_properties.is_none()
        && property_names.is_none()
        && min_properties.is_none()
        && max_properties.is_none()
        && dependent_required.is_empty()
        && dependent_schemas.is_empty()
}

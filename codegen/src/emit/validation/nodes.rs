//! Rust code for one validation node: a function that checks one subschema's keywords
//! against a `serde_json::Value`, reporting into an `Out`.
//!
//! Every generated function has the signature of `schema_runtime::validation::Check` and
//! returns whether the value is valid; in checking mode it returns at the first failure.

use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::{Number, Value};

use super::graph::{Body, Edge, Graph, JsonType, Node, Rules};

/// How to call the function of a node from the module being generated.
pub trait Paths {
    fn path(&self, node: usize) -> TokenStream;
}

/// The function for `node`, named `name`; `memo` is the node's number when its verdicts are
/// remembered (see [`super::memo`]).
pub fn function(
    graph: &Graph,
    node: &Node,
    name: &syn::Ident,
    doc: &str,
    paths: &dyn Paths,
    memo: Option<u32>,
) -> TokenStream {
    let body = match &node.body {
        Body::Bool(true) => quote! { true },
        Body::Bool(false) => quote! {
            out.push(at, kw, "", ::schema_runtime::messages::nothing_allowed());
            false
        },
        Body::Rules(rules) => {
            let checks = Emitter {
                graph,
                rules,
                secret: node.secret,
                paths,
            }
            .checks();
            if checks.is_empty() {
                quote! { true }
            } else {
                quote! {
                    let mut ok = true;
                    #(#checks)*
                    ok
                }
            }
        }
    };
    let body = match memo {
        Some(id) => quote! { out.memoized(#id, v, |out| { #body }) },
        None => body,
    };
    // Parameters the body does not use are named `_…`, so that generated code compiles
    // without warnings under `#![deny(warnings)]`.
    let param = |ident: &str| {
        let name = if uses(&body, ident) {
            ident.to_string()
        } else {
            format!("_{ident}")
        };
        syn::Ident::new(&name, proc_macro2::Span::call_site())
    };
    let (v, at, kw, out) = (param("v"), param("at"), param("kw"), param("out"));
    quote! {
        #[doc = #doc]
        pub(crate) fn #name(#v: &Value, #at: &Loc<'_>, #kw: &Kw<'_>, #out: &mut Out) -> bool {
            #body
        }
    }
}

/// Whether `tokens` mention the identifier `ident`.
fn uses(tokens: &TokenStream, ident: &str) -> bool {
    tokens.clone().into_iter().any(|tree| match tree {
        proc_macro2::TokenTree::Ident(i) => i == ident,
        proc_macro2::TokenTree::Group(g) => uses(&g.stream(), ident),
        _ => false,
    })
}

struct Emitter<'g> {
    graph: &'g Graph,
    rules: &'g Rules,
    secret: bool,
    paths: &'g dyn Paths,
}

/// Records a failure of `keyword` with `message`; returns early in checking mode.
fn fail(keyword: &str, message: TokenStream) -> TokenStream {
    quote! {
        ok = false;
        if out.stop() {
            return false;
        }
        out.push(at, kw, #keyword, #message);
    }
}

/// A bound as a `schema_runtime::num::Limit` literal.
pub(super) fn limit(n: &Number) -> TokenStream {
    match schema_runtime::num::Limit::of(n) {
        schema_runtime::num::Limit::Int(i) => {
            let i = Literal::i128_unsuffixed(i);
            quote! { ::schema_runtime::num::Limit::Int(#i) }
        }
        schema_runtime::num::Limit::Float(f) => {
            let f = Literal::f64_unsuffixed(f);
            quote! { ::schema_runtime::num::Limit::Float(#f) }
        }
    }
}

fn count(n: u64) -> TokenStream {
    let n = Literal::u64_unsuffixed(n);
    quote! { #n }
}

/// A list of values for a message, cut short when long.
fn listed(values: &[Value]) -> String {
    const SHOWN: usize = 10;
    let mut parts: Vec<String> = values.iter().take(SHOWN).map(Value::to_string).collect();
    if values.len() > SHOWN {
        parts.push(format!("… ({} in all)", values.len()));
    }
    parts.join(", ")
}

impl Emitter<'_> {
    fn checks(&self) -> Vec<TokenStream> {
        let mut checks = Vec::new();
        checks.extend(self.type_check());
        checks.extend(self.enum_check());
        checks.extend(self.const_check());
        if let Some(edge) = &self.rules.reference {
            checks.push(self.apply(edge, quote! { v }, quote! { at }));
        }
        checks.extend(self.string_checks());
        checks.extend(self.number_checks());
        checks.extend(self.object_checks());
        checks.extend(self.array_checks());
        checks.extend(self.applicator_checks());
        checks
    }

    /// Applies the subschema of `edge` to `value` at `at`, collecting its errors.
    fn apply(&self, edge: &Edge, value: TokenStream, at: TokenStream) -> TokenStream {
        let path = self.paths.path(edge.node);
        let segment = &edge.path;
        quote! {
            if !#path(#value, #at, &kw.push(#segment), out) {
                ok = false;
                if out.stop() {
                    return false;
                }
            }
        }
    }

    /// Whether the subschema of `edge` accepts `value`, errors discarded.
    fn test(&self, edge: &Edge, value: TokenStream) -> TokenStream {
        let path = self.paths.path(edge.node);
        quote! { out.test(|out| #path(#value, at, kw, out)) }
    }

    fn type_check(&self) -> Option<TokenStream> {
        let types = &self.rules.types;
        if types.is_empty() {
            return None;
        }
        let tests = types.iter().map(|t| match t {
            JsonType::Null => quote! { v.is_null() },
            JsonType::Boolean => quote! { v.is_boolean() },
            JsonType::Object => quote! { v.is_object() },
            JsonType::Array => quote! { v.is_array() },
            JsonType::String => quote! { v.is_string() },
            JsonType::Number => quote! { v.is_number() },
            JsonType::Integer => {
                quote! { matches!(v, Value::Number(n) if ::schema_runtime::num::is_integer(n)) }
            }
        });
        let names: Vec<&str> = types.iter().map(|t| t.name()).collect();
        let expected = names.join(" or ");
        let fail = fail(
            "/type",
            quote! { ::schema_runtime::messages::type_mismatch(#expected, v) },
        );
        Some(quote! {
            if !(#(#tests)||*) {
                #fail
            }
        })
    }

    fn enum_check(&self) -> Option<TokenStream> {
        let values = self.rules.enum_values.as_ref()?;
        let allowed = listed(values);
        let secret = self.secret;
        let fail = fail(
            "/enum",
            quote! { ::schema_runtime::messages::not_in_enum(v, #allowed, #secret) },
        );
        let strings: Option<Vec<&str>> = values.iter().map(Value::as_str).collect();
        let test = match strings {
            Some(strings) if !strings.is_empty() => {
                quote! { matches!(v, Value::String(s) if matches!(s.as_str(), #(#strings)|*)) }
            }
            _ => {
                let literals = values.iter().map(|value| {
                    let json = value.to_string();
                    quote! { ::schema_runtime::value::Literal::new(#json) }
                });
                let n = values.len();
                quote! {{
                    static ALLOWED: [::schema_runtime::value::Literal; #n] = [#(#literals),*];
                    ALLOWED.iter().any(|allowed| ::schema_runtime::value::equal(allowed.get(), v))
                }}
            }
        };
        Some(quote! {
            if !#test {
                #fail
            }
        })
    }

    fn const_check(&self) -> Option<TokenStream> {
        let value = self.rules.const_value.as_ref()?;
        let json = value.to_string();
        let secret = self.secret;
        let fail = fail(
            "/const",
            quote! { ::schema_runtime::messages::not_const(v, #json, #secret) },
        );
        let test = match value.as_str() {
            Some(s) => quote! { matches!(v, Value::String(s) if s == #s) },
            None => quote! {{
                static EXPECTED: ::schema_runtime::value::Literal = ::schema_runtime::value::Literal::new(#json);
                ::schema_runtime::value::equal(EXPECTED.get(), v)
            }},
        };
        Some(quote! {
            if !#test {
                #fail
            }
        })
    }

    fn string_checks(&self) -> Option<TokenStream> {
        let r = self.rules;
        let secret = self.secret;
        let mut checks = Vec::new();
        if r.min_length.is_some() || r.max_length.is_some() {
            checks.push(quote! { let length = s.chars().count(); });
        }
        if let Some(min) = r.min_length {
            let min = count(min);
            let fail = fail(
                "/minLength",
                quote! { ::schema_runtime::messages::too_short(length, #min) },
            );
            checks.push(quote! { if (length as u64) < #min { #fail } });
        }
        if let Some(max) = r.max_length {
            let max = count(max);
            let fail = fail(
                "/maxLength",
                quote! { ::schema_runtime::messages::too_long(length, #max) },
            );
            checks.push(quote! { if (length as u64) > #max { #fail } });
        }
        if let Some(pattern) = &r.pattern {
            let fail = fail("/pattern", quote! { message });
            checks.push(quote! {
                static PATTERN: ::schema_runtime::pattern::Pattern = ::schema_runtime::pattern::Pattern::new(#pattern);
                if let Err(message) = PATTERN.check(s, #secret) { #fail }
            });
        }
        if let Some(format) = &r.format {
            let checker =
                syn::Ident::new(&format.replace('-', "_"), proc_macro2::Span::call_site());
            let fail = fail(
                "/format",
                quote! { ::schema_runtime::messages::format(s, #format, #secret) },
            );
            checks.push(quote! { if !::schema_runtime::format::#checker(s) { #fail } });
        }
        (!checks.is_empty()).then(|| quote! { if let Value::String(s) = v { #(#checks)* } })
    }

    fn number_checks(&self) -> Option<TokenStream> {
        let r = self.rules;
        let secret = self.secret;
        let mut checks = Vec::new();
        let bounds = [
            (
                &r.minimum,
                "/minimum",
                quote! { == ::std::cmp::Ordering::Less },
                quote! { below_minimum },
            ),
            (
                &r.exclusive_minimum,
                "/exclusiveMinimum",
                quote! { != ::std::cmp::Ordering::Greater },
                quote! { not_above_exclusive_minimum },
            ),
            (
                &r.maximum,
                "/maximum",
                quote! { == ::std::cmp::Ordering::Greater },
                quote! { above_maximum },
            ),
            (
                &r.exclusive_maximum,
                "/exclusiveMaximum",
                quote! { != ::std::cmp::Ordering::Less },
                quote! { not_below_exclusive_maximum },
            ),
        ];
        for (bound, keyword, failing, message) in bounds {
            if let Some(n) = bound {
                let limit = limit(n);
                let shown = n.to_string();
                let fail = fail(
                    keyword,
                    quote! { ::schema_runtime::messages::#message(n, #shown, #secret) },
                );
                checks.push(quote! {
                    if ::schema_runtime::num::compare(n, #limit) #failing { #fail }
                });
            }
        }
        if let Some(divisor) = &r.multiple_of {
            let limit = limit(divisor);
            let shown = divisor.to_string();
            let fail = fail(
                "/multipleOf",
                quote! { ::schema_runtime::messages::not_multiple_of(n, #shown, #secret) },
            );
            checks.push(quote! {
                if !::schema_runtime::num::is_multiple_of(n, #limit) { #fail }
            });
        }
        (!checks.is_empty()).then(|| quote! { if let Value::Number(n) = v { #(#checks)* } })
    }

    fn object_checks(&self) -> Option<TokenStream> {
        let r = self.rules;
        let mut checks = Vec::new();
        for name in &r.required {
            let fail = fail(
                "/required",
                quote! { ::schema_runtime::messages::missing_required(#name) },
            );
            checks.push(quote! { if !map.contains_key(#name) { #fail } });
        }
        if let Some(min) = r.min_properties {
            let min = count(min);
            let fail = fail(
                "/minProperties",
                quote! { ::schema_runtime::messages::too_few_properties(map.len(), #min) },
            );
            checks.push(quote! { if (map.len() as u64) < #min { #fail } });
        }
        if let Some(max) = r.max_properties {
            let max = count(max);
            let fail = fail(
                "/maxProperties",
                quote! { ::schema_runtime::messages::too_many_properties(map.len(), #max) },
            );
            checks.push(quote! { if (map.len() as u64) > #max { #fail } });
        }
        for (present, keyword, required) in &r.dependent_required {
            let each = required.iter().map(|missing| {
                let fail = fail(
                    keyword,
                    quote! { ::schema_runtime::messages::dependent_required(#present, #missing) },
                );
                quote! { if !map.contains_key(#missing) { #fail } }
            });
            checks.push(quote! { if map.contains_key(#present) { #(#each)* } });
        }
        for (present, edge) in &r.dependent_schemas {
            let apply = self.apply(edge, quote! { v }, quote! { at });
            checks.push(quote! { if map.contains_key(#present) { #apply } });
        }
        checks.extend(self.member_loop());
        if checks.is_empty() {
            return None;
        }
        let descends = !r.properties.is_empty()
            || !r.pattern_properties.is_empty()
            || r.additional_properties.is_some()
            || r.property_names.is_some();
        let guard = descends.then(|| {
            quote! {
                if !::schema_runtime::validation::may_descend(at) {
                    return out.too_deep(at, kw);
                }
            }
        });
        Some(quote! { if let Value::Object(map) = v { #guard #(#checks)* } })
    }

    /// One pass over the members: `propertyNames`, `properties`, `patternProperties` and
    /// `additionalProperties`.
    fn member_loop(&self) -> Option<TokenStream> {
        let r = self.rules;
        let has_members = !r.properties.is_empty()
            || !r.pattern_properties.is_empty()
            || r.additional_properties.is_some()
            || r.property_names.is_some();
        if !has_members {
            return None;
        }
        let mut body = Vec::new();
        if let Some(edge) = &r.property_names {
            let test = self.test(edge, quote! { &Value::String(key.clone()) });
            let fail = fail(
                "/propertyNames",
                quote! { ::schema_runtime::messages::property_name(key) },
            );
            body.push(quote! { if !#test { #fail } });
        }
        let tracks_known = r.additional_properties.is_some()
            && (!r.properties.is_empty() || !r.pattern_properties.is_empty());
        if !r.properties.is_empty() {
            let arms = r.properties.iter().map(|(name, edge)| {
                let apply = self.apply(edge, quote! { item }, quote! { &at.key(key) });
                let mark = tracks_known.then(|| quote! { known = true; });
                quote! { #name => { #mark #apply } }
            });
            body.push(quote! {
                match key.as_str() {
                    #(#arms)*
                    _ => {}
                }
            });
        }
        for (pattern, edge) in &r.pattern_properties {
            let apply = self.apply(edge, quote! { item }, quote! { &at.key(key) });
            let mark = tracks_known.then(|| quote! { known = true; });
            // A budget that runs out decides nothing: it is an error at the member.
            let fail = fail(
                &edge.path,
                quote! { ::schema_runtime::messages::pattern_budget(PATTERN.source(), exceeded) },
            );
            body.push(quote! {{
                static PATTERN: ::schema_runtime::pattern::Pattern = ::schema_runtime::pattern::Pattern::new(#pattern);
                match PATTERN.matches(key) {
                    Ok(true) => { #mark #apply }
                    Ok(false) => {}
                    Err(exceeded) => {
                        #mark
                        let at = &at.key(key);
                        #fail
                    }
                }
            }});
        }
        if let Some(edge) = &r.additional_properties {
            let refuses_all = matches!(self.graph.nodes[edge.node].body, Body::Bool(false));
            let on_unknown = if refuses_all {
                let names: Vec<&str> = r.properties.iter().map(|(name, _)| name.as_str()).collect();
                let fail = fail(
                    "/additionalProperties",
                    quote! { ::schema_runtime::messages::unknown_property(key, &[#(#names),*]) },
                );
                quote! {{
                    let at = &at.key(key);
                    #fail
                }}
            } else {
                self.apply(edge, quote! { item }, quote! { &at.key(key) })
            };
            if tracks_known {
                body.insert(0, quote! { let mut known = false; });
                body.push(quote! { if !known { #on_unknown } });
            } else {
                body.push(on_unknown);
            }
        }
        let body = quote! { #(#body)* };
        Some(if uses(&body, "item") {
            quote! { for (key, item) in map { #body } }
        } else {
            quote! { for key in map.keys() { #body } }
        })
    }

    fn array_checks(&self) -> Option<TokenStream> {
        let r = self.rules;
        let mut checks = Vec::new();
        if let Some(min) = r.min_items {
            let min = count(min);
            let fail = fail(
                "/minItems",
                quote! { ::schema_runtime::messages::too_few_items(items.len(), #min) },
            );
            checks.push(quote! { if (items.len() as u64) < #min { #fail } });
        }
        if let Some(max) = r.max_items {
            let max = count(max);
            let fail = fail(
                "/maxItems",
                quote! { ::schema_runtime::messages::too_many_items(items.len(), #max) },
            );
            checks.push(quote! { if (items.len() as u64) > #max { #fail } });
        }
        if r.unique_items {
            let fail = fail(
                "/uniqueItems",
                quote! { ::schema_runtime::messages::duplicate_items(first, second) },
            );
            checks.push(quote! {
                if let Some((first, second)) = ::schema_runtime::value::first_duplicate(items) { #fail }
            });
        }
        for (index, edge) in r.prefix_items.iter().enumerate() {
            let apply = self.apply(edge, quote! { item }, quote! { &at.index(#index) });
            let get = if index == 0 {
                quote! { items.first() }
            } else {
                quote! { items.get(#index) }
            };
            checks.push(quote! { if let Some(item) = #get { #apply } });
        }
        if let Some(edge) = &r.items {
            let skip = r.prefix_items.len();
            let apply = self.apply(edge, quote! { item }, quote! { &at.index(index) });
            let skip = (skip > 0).then(|| quote! { .skip(#skip) });
            checks.push(quote! {
                for (index, item) in items.iter().enumerate() #skip { #apply }
            });
        }
        if let Some(edge) = &r.contains {
            let test = self.test(edge, quote! { item });
            let min = r.min_contains.unwrap_or(1);
            let max = r.max_contains;
            let min_tokens = count(min);
            let max_tokens = match max {
                Some(max) => {
                    let max = count(max);
                    quote! { ::std::option::Option::Some(#max) }
                }
                None => quote! { ::std::option::Option::None },
            };
            let min_keyword = if r.min_contains.is_some() {
                "/minContains"
            } else {
                "/contains"
            };
            let fail_min = fail(
                min_keyword,
                quote! { ::schema_runtime::messages::contains(matched, #min_tokens, #max_tokens) },
            );
            let mut check = quote! {
                let matched = items.iter().filter(|item| #test).count();
            };
            if min > 0 {
                check.extend(quote! { if (matched as u64) < #min_tokens { #fail_min } });
            }
            if let Some(max) = max {
                let max = count(max);
                let fail_max = fail(
                    "/maxContains",
                    quote! { ::schema_runtime::messages::contains(matched, #min_tokens, #max_tokens) },
                );
                check.extend(quote! { if (matched as u64) > #max { #fail_max } });
            }
            checks.push(quote! {{ #check }});
        }
        if checks.is_empty() {
            return None;
        }
        let descends = !r.prefix_items.is_empty() || r.items.is_some() || r.contains.is_some();
        let guard = descends.then(|| {
            quote! {
                if !::schema_runtime::validation::may_descend(at) {
                    return out.too_deep(at, kw);
                }
            }
        });
        Some(quote! { if let Value::Array(items) = v { #guard #(#checks)* } })
    }

    fn applicator_checks(&self) -> Vec<TokenStream> {
        let r = self.rules;
        let mut checks = Vec::new();
        for edge in &r.all_of {
            checks.push(self.apply(edge, quote! { v }, quote! { at }));
        }
        if !r.any_of.is_empty() {
            let tests = r.any_of.iter().map(|edge| self.test(edge, quote! { v }));
            let n = r.any_of.len();
            let fail = fail("/anyOf", quote! { ::schema_runtime::messages::any_of(#n) });
            checks.push(quote! { if !(#(#tests)||*) { #fail } });
        }
        if !r.one_of.is_empty() {
            let pushes = r.one_of.iter().enumerate().map(|(index, edge)| {
                let test = self.test(edge, quote! { v });
                quote! { if #test { matched.push(#index); } }
            });
            let n = r.one_of.len();
            let fail = fail(
                "/oneOf",
                quote! { ::schema_runtime::messages::one_of(&matched, #n) },
            );
            checks.push(quote! {{
                let mut matched: ::std::vec::Vec<usize> = ::std::vec::Vec::new();
                #(#pushes)*
                if matched.len() != 1 { #fail }
            }});
        }
        if let Some(edge) = &r.not {
            let test = self.test(edge, quote! { v });
            let fail = fail("/not", quote! { ::schema_runtime::messages::not() });
            checks.push(quote! { if #test { #fail } });
        }
        if let Some(condition) = &r.if_ {
            let test = self.test(condition, quote! { v });
            let then_ = r
                .then_
                .as_ref()
                .map(|e| self.apply(e, quote! { v }, quote! { at }));
            let else_ = r
                .else_
                .as_ref()
                .map(|e| self.apply(e, quote! { v }, quote! { at }));
            if then_.is_some() || else_.is_some() {
                checks.push(quote! { if #test { #then_ } else { #else_ } });
            }
        }
        checks
    }
}

//! `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` and `multipleOf`: numbers
//! compared by value, whether JSON wrote them as integers or floats.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Number;

use super::super::node_writer::{NodeWriter, limit};
use super::super::parser::Parser;
use crate::error::Kind;

/// The keywords of this family in one schema.
#[derive(Default)]
pub struct Rules {
    pub minimum: Option<Number>,
    pub maximum: Option<Number>,
    pub exclusive_minimum: Option<Number>,
    pub exclusive_maximum: Option<Number>,
    pub multiple_of: Option<Number>,
}

pub fn parse(p: &mut Parser<'_, '_>, rules: &mut Rules) {
    rules.minimum = p.number("minimum");
    rules.maximum = p.number("maximum");
    if p.draft().boolean_exclusive_bounds() {
        // draft-04: `exclusiveMinimum: true` makes `minimum` exclusive.
        if exclusive(p, "exclusiveMinimum") {
            rules.exclusive_minimum = rules.minimum.take();
        }
        if exclusive(p, "exclusiveMaximum") {
            rules.exclusive_maximum = rules.maximum.take();
        }
    } else {
        rules.exclusive_minimum = p.number("exclusiveMinimum");
        rules.exclusive_maximum = p.number("exclusiveMaximum");
    }
    rules.multiple_of = p.number("multipleOf");
    if let Some(n) = &rules.multiple_of
        && n.as_f64().is_none_or(|f| f <= 0.0)
    {
        p.problem(
            Kind::MalformedKeyword,
            "multipleOf",
            "`multipleOf` must be greater than 0",
        );
        rules.multiple_of = None;
    }
}

/// draft-04's boolean `exclusiveMinimum`/`exclusiveMaximum`.
fn exclusive(p: &mut Parser<'_, '_>, keyword: &str) -> bool {
    match p.get(keyword) {
        None => false,
        Some(serde_json::Value::Bool(b)) => *b,
        Some(_) => {
            p.problem(
                Kind::MalformedKeyword,
                keyword,
                format!("in draft-04 `{keyword}` must be a boolean"),
            );
            false
        }
    }
}

/// A bound: its value, its keyword, the comparisons (with `num::compare(n, bound)`) that
/// fail and that pass, and the message function.
struct Bound<'r> {
    value: &'r Option<Number>,
    keyword: &'static str,
    failing: TokenStream,
    passing: TokenStream,
    message: TokenStream,
}

fn bounds(r: &Rules) -> [Bound<'_>; 4] {
    [
        Bound {
            value: &r.minimum,
            keyword: "/minimum",
            failing: quote! { == Ordering::Less },
            passing: quote! { != Ordering::Less },
            message: quote! { below_minimum },
        },
        Bound {
            value: &r.exclusive_minimum,
            keyword: "/exclusiveMinimum",
            failing: quote! { != Ordering::Greater },
            passing: quote! { == Ordering::Greater },
            message: quote! { not_above_exclusive_minimum },
        },
        Bound {
            value: &r.maximum,
            keyword: "/maximum",
            failing: quote! { == Ordering::Greater },
            passing: quote! { != Ordering::Greater },
            message: quote! { above_maximum },
        },
        Bound {
            value: &r.exclusive_maximum,
            keyword: "/exclusiveMaximum",
            failing: quote! { != Ordering::Less },
            passing: quote! { == Ordering::Less },
            message: quote! { not_below_exclusive_maximum },
        },
    ]
}

pub fn checks(e: &NodeWriter<'_>, r: &Rules) -> Option<TokenStream> {
    let secret = e.secret;
    let mut checks = Vec::new();
    for Bound {
        value,
        keyword,
        failing,
        message,
        ..
    } in bounds(r)
    {
        if let Some(n) = value {
            let limit = limit(n);
            let shown = n.to_string();
            checks.push(e.check(
                quote! { num::compare(n, #limit) #failing },
                keyword,
                quote! { messages::#message(n, #shown, #secret) },
            ));
        }
    }
    if let Some(divisor) = &r.multiple_of {
        let limit = limit(divisor);
        let shown = divisor.to_string();
        checks.push(e.check(
            quote! { !num::is_multiple_of(n, #limit) },
            "/multipleOf",
            quote! { messages::not_multiple_of(n, #shown, #secret) },
        ));
    }
    (!checks.is_empty()).then(|| quote! { if let Value::Number(n) = v { #(#checks)* } })
}

/// The fast path's tests of a number member `n`; `integer`: the schema wants an integer. It
/// tests every keyword of this family; every field is named all the same, so that a new one
/// cannot slip past the fast path. None of them applies to an object: the root is not asked.
pub fn fast_tests(r: &Rules, integer: bool) -> Vec<TokenStream> {
    let Rules {
        // Tested through `bounds`, as `checks` compares them.
        minimum: _,
        maximum: _,
        exclusive_minimum: _,
        exclusive_maximum: _,
        multiple_of,
    } = r;
    let mut tests = Vec::new();
    if integer {
        tests.push(quote! { num::is_integer(n) });
    }
    for Bound { value, passing, .. } in bounds(r) {
        if let Some(n) = value {
            let limit = limit(n);
            tests.push(quote! { num::compare(n, #limit) #passing });
        }
    }
    if let Some(divisor) = multiple_of {
        let limit = limit(divisor);
        tests.push(quote! { num::is_multiple_of(n, #limit) });
    }
    tests
}

//! The keywords validation checks, one family per file. Each family parses its keywords into
//! [`Rules`], writes their checks, and says what the fast path tests for them, so that a
//! keyword's meaning is found in one place. Which dialect has which keyword is the
//! vocabulary's business (`crate::vocabulary`).
//!
//! | Family | Keywords |
//! | --- | --- |
//! | [`core`] | `type`, `enum`, `const`, `$ref` |
//! | [`strings`] | `minLength`, `maxLength`, `pattern`, `format` |
//! | [`numbers`] | `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf` |
//! | [`objects`] | `required`, `properties`, `patternProperties`, `additionalProperties`, `propertyNames`, `minProperties`, `maxProperties`, `dependentRequired`, `dependentSchemas`, `dependencies` |
//! | [`arrays`] | `items`, `prefixItems`, `additionalItems`, `minItems`, `maxItems`, `uniqueItems`, `contains`, `minContains`, `maxContains` |
//! | [`applicators`] | `allOf`, `anyOf`, `oneOf`, `not`, `if`, `then`, `else` |
//! | [`unevaluated`] | `unevaluatedProperties`, `unevaluatedItems` |

pub mod applicators;
pub mod arrays;
pub mod core;
pub mod numbers;
pub mod objects;
pub mod strings;
pub mod unevaluated;

use proc_macro2::TokenStream;

use super::graph::Rules;
use super::node_writer::NodeWriter;
use super::parser::Parser;

/// Parses the keywords of one schema (already checked to be known to its dialect).
pub fn parse(p: &mut Parser<'_, '_>) -> Rules {
    let mut rules = Rules::default();
    if !core::parse(p, &mut rules) {
        return rules;
    }
    strings::parse(p, &mut rules);
    numbers::parse(p, &mut rules);
    objects::parse(p, &mut rules);
    arrays::parse(p, &mut rules);
    applicators::parse(p, &mut rules);
    unevaluated::parse(p, &mut rules);
    rules
}

/// The checks of one schema's keywords, in the order evaluation meets them.
pub fn checks(e: &NodeWriter<'_>) -> Vec<TokenStream> {
    let mut checks = core::checks(e);
    checks.extend(strings::checks(e));
    checks.extend(numbers::checks(e));
    checks.extend(objects::checks(e));
    checks.extend(arrays::checks(e));
    checks.extend(applicators::checks(e));
    checks.extend(unevaluated::checks(e));
    checks
}

//! The keywords validation checks, one family per file. Each family holds everything about its
//! keywords: the fields they parse to (its `Rules`), their parsing, their checks, what the fast
//! path tests for them and whether it can, so that a keyword's meaning is found in one place.
//! This file only gathers the families: one schema's [`Rules`] is theirs side by side, and
//! what the graph asks of every edge comes from each family in turn. Which dialect has which
//! keyword is the vocabulary's business (`crate::vocabulary`).
//!
//! The families name subschemas by [`Edge`] and write through [`NodeWriter`], never through
//! the graph: the graph holds their rules, so that would be an import cycle.
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

use super::edge::{Edge, NodeId};
use super::node_writer::NodeWriter;
use super::parser::Parser;

/// The keywords of one object schema, by family. Keywords that do not change verdicts are not
/// kept.
#[derive(Default)]
pub struct Rules {
    pub core: core::Rules,
    pub strings: strings::Rules,
    pub numbers: numbers::Rules,
    pub objects: objects::Rules,
    pub arrays: arrays::Rules,
    pub applicators: applicators::Rules,
    pub unevaluated: unevaluated::Rules,
}

/// Parses the keywords of one schema (already checked to be known to its dialect). The order
/// is the order subschemas get their nodes in, which names their functions: it must not
/// change.
pub fn parse(p: &mut Parser<'_, '_>) -> Rules {
    let mut rules = Rules::default();
    if !core::parse(p, &mut rules.core) {
        return rules;
    }
    strings::parse(p, &mut rules.strings);
    numbers::parse(p, &mut rules.numbers);
    objects::parse(p, &mut rules.objects);
    arrays::parse(p, &mut rules.arrays);
    applicators::parse(p, &mut rules.applicators);
    unevaluated::parse(p, &mut rules.unevaluated);
    rules
}

/// The checks of one schema's keywords, in the order evaluation meets them.
pub fn checks(e: &NodeWriter<'_>, rules: &Rules) -> Vec<TokenStream> {
    let mut checks = core::checks(e, &rules.core);
    checks.extend(strings::checks(e, &rules.strings));
    checks.extend(numbers::checks(e, &rules.numbers));
    checks.extend(objects::checks(e, &rules.objects));
    checks.extend(arrays::checks(e, &rules.arrays));
    checks.extend(applicators::checks(e, &rules.applicators));
    checks.extend(unevaluated::checks(e, &rules.unevaluated));
    checks
}

// Strings and numbers have no subschemas: they appear in none of what follows.
impl Rules {
    /// Every subschema edge, whatever the keyword.
    pub fn edges(&self) -> impl Iterator<Item = &Edge> {
        self.core
            .edges()
            .chain(self.objects.edges())
            .chain(self.arrays.edges())
            .chain(self.applicators.edges())
            .chain(self.unevaluated.edges())
    }

    /// Subschemas whose verdict nothing asks for, unless what they evaluate is recorded
    /// (`annotating`): `if` without `then` or `else`, and `contains` with `minContains: 0`
    /// and no maximum.
    pub fn idle(&self, annotating: bool) -> impl Iterator<Item = NodeId> + '_ {
        let if_ = self.applicators.idle(annotating);
        let contains = self.arrays.idle(annotating);
        if_.into_iter().chain(contains)
    }

    /// The edges whose target, when it is `false`, the families check inline to name the
    /// member or item it refuses, rather than by calling it.
    pub fn checked_inline(&self) -> impl Iterator<Item = &Edge> {
        self.objects
            .checked_inline()
            .into_iter()
            .chain(self.unevaluated.checked_inline())
    }

    /// Points every edge to `from` that applies to the same instance at `to` instead.
    pub fn redirect(&mut self, from: NodeId, to: NodeId) {
        self.core.redirect(from, to);
        self.objects.redirect(from, to);
        self.applicators.redirect(from, to);
    }

    /// Nodes a dynamic reference may turn to, beside its static target.
    pub fn dynamic_candidates(&self) -> impl Iterator<Item = NodeId> + '_ {
        self.core.dynamic_candidates()
    }

    /// The edges applied to the same instance as this schema, whose evaluations count for
    /// `unevaluatedProperties` and `unevaluatedItems` (`not` aside: its never do).
    pub fn in_place(&self) -> impl Iterator<Item = &Edge> {
        self.core
            .edges()
            .chain(self.objects.in_place())
            .chain(self.applicators.in_place())
    }
}

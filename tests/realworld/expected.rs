// Schemas of the corpus that are allowed not to generate, each with its reason.
//
// This list may only shrink: `corpus.rs` fails when a listed schema generates, and when an
// entry names no schema of the corpus.

/// One schema that is allowed to fail, and why.
pub struct Expected {
    pub name: &'static str,
    pub reason: &'static str,
}

pub const FAILING: &[Expected] = &[];

/// One valid test instance (or all of a schema's) listed with a reason.
pub struct Listed {
    /// The schema's name.
    pub schema: &'static str,
    /// The instance's file name under `valid/<schema>/`; `*` for all of them.
    pub instance: &'static str,
    pub reason: &'static str,
}

/// Test instances whose verdict in the corpus is wrong. Most are YAML in SchemaStore, and
/// the corpus's conversion to JSON changed what they say; the others are valid only to a
/// validator that reads `oneOf` or `format` loosely. The `jsonschema` crate agrees with the
/// generated validators on each (`corpus.rs` checks it), and each must still disagree with
/// the corpus, so that this list, too, may only shrink.
pub const WRONG_IN_CORPUS: &[Listed] = &[
    Listed {
        schema: "github-workflow",
        instance: "*",
        reason: "YAML 1.1 reads the key `on` as the boolean true: every workflow lost its \
                 required `on` and gained a property `true`",
    },
    Listed {
        schema: "clang-format-21.x",
        instance: "Chromium.clang-format.json",
        reason: "YAML 1.1 reads `BreakTemplateDeclarations: Yes` as true; the schema wants the \
                 string `Yes`",
    },
    Listed {
        schema: "clang-format-21.x",
        instance: "Google.clang-format.json",
        reason: "YAML 1.1 reads `BreakTemplateDeclarations: Yes` as true; the schema wants the \
                 string `Yes`",
    },
    Listed {
        schema: "clang-format-21.x",
        instance: "Mozilla.clang-format.json",
        reason: "YAML 1.1 reads `BreakTemplateDeclarations: Yes` as true; the schema wants the \
                 string `Yes`",
    },
    Listed {
        schema: "openhab-5.1",
        instance: "documentation_tests.json",
        reason: "YAML 1.1 reads the group parameters `ON` and `OFF` as booleans; the schema \
                 wants strings",
    },
    Listed {
        schema: "venvironment-schema-v4.0.0",
        instance: "unicode-1.json",
        reason: "the YAML file's byte-order mark became part of the first key, `\\u{feff}version`",
    },
    Listed {
        schema: "samtrc",
        instance: ".samtrc.json",
        reason: "YAML 1.1 reads the rule level `off` as false; the schema wants the string `off`",
    },
    Listed {
        schema: "function",
        instance: "*",
        reason: "`sqlBinding` (and `mySqlBinding`) constrain `type` only inside an inner `oneOf` \
                 whose alternatives are open, so they match almost any binding: a binding \
                 matches two or three of the `bindings` items' `oneOf` alternatives, and \
                 `oneOf` wants exactly one (Sql.json's bindings match none)",
    },
    Listed {
        schema: "es6importsorterrc",
        instance: "es6importsorterrc-test.json",
        reason: "`system: terminal` matches both alternatives of a `oneOf` (one is a `const`, \
                 the other only a description), and `oneOf` wants exactly one",
    },
    Listed {
        schema: "webjob-publish-settings",
        instance: "scheduled.json",
        reason: "`endTime` `2018-12-14T10:00:00` has no offset, which RFC 3339 `date-time` \
                 requires",
    },
];

impl Listed {
    /// Whether this entry lists the instance `kind/schema/instance` (`kind`: `valid` or
    /// `invalid`).
    pub fn covers(&self, kind: &str, schema: &str, instance: &str) -> bool {
        kind == "valid"
            && self.schema == schema
            && (self.instance == "*" || self.instance == instance)
    }
}

/// Valid instances that the generated root type cannot hold: `validate` accepts them, and
/// decoding refuses them. These are deliberate deviations of the types (docs/validation.md,
/// "Deliberate differences from the spec"); validation is exact. Each must still fail to
/// decode, so that this list may only shrink.
pub const UNDECODABLE: &[Listed] = &[];

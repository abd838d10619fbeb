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

/// Test instances whose verdict in the corpus is wrong: SchemaStore keeps them as YAML, and
/// the corpus's conversion to JSON changed what they say. The `jsonschema` crate agrees
/// with the generated validators on each (`corpus.rs` checks it), and each must still
/// disagree with the corpus, so that this list, too, may only shrink.
pub struct Misconverted {
    /// The schema's name.
    pub schema: &'static str,
    /// The instance's file name under `valid/<schema>/`; `*` for all of them.
    pub instance: &'static str,
    pub reason: &'static str,
}

pub const MISCONVERTED: &[Misconverted] = &[
    Misconverted {
        schema: "github-workflow",
        instance: "*",
        reason: "YAML 1.1 reads the key `on` as the boolean true: every workflow lost its \
                 required `on` and gained a property `true`",
    },
    Misconverted {
        schema: "clang-format-21.x",
        instance: "Chromium.clang-format.json",
        reason: "YAML 1.1 reads `BreakTemplateDeclarations: Yes` as true; the schema wants the \
                 string `Yes`",
    },
    Misconverted {
        schema: "clang-format-21.x",
        instance: "Google.clang-format.json",
        reason: "YAML 1.1 reads `BreakTemplateDeclarations: Yes` as true; the schema wants the \
                 string `Yes`",
    },
    Misconverted {
        schema: "clang-format-21.x",
        instance: "Mozilla.clang-format.json",
        reason: "YAML 1.1 reads `BreakTemplateDeclarations: Yes` as true; the schema wants the \
                 string `Yes`",
    },
    Misconverted {
        schema: "openhab-5.1",
        instance: "documentation_tests.json",
        reason: "YAML 1.1 reads the group parameters `ON` and `OFF` as booleans; the schema \
                 wants strings",
    },
    Misconverted {
        schema: "venvironment-schema-v4.0.0",
        instance: "unicode-1.json",
        reason: "the YAML file's byte-order mark became part of the first key, `\\u{feff}version`",
    },
];

impl Misconverted {
    /// Whether this entry lists the instance `kind/schema/instance` (`kind`: `valid` or
    /// `invalid`).
    pub fn covers(&self, kind: &str, schema: &str, instance: &str) -> bool {
        kind == "valid"
            && self.schema == schema
            && (self.instance == "*" || self.instance == instance)
    }
}

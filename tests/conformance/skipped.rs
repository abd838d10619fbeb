// Cases of the official suite that are not run, each with its reason.
//
// This list may only shrink: `suite.rs` fails when a listed case starts to pass, and when an
// entry names no case of the suite.

/// One skipped case: the dialect's folder, the file in it, and the case's description.
pub struct Skip {
    pub dialect: &'static str,
    pub file: &'static str,
    pub case: &'static str,
    pub reason: &'static str,
}

pub const SKIPPED: &[Skip] = &[
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "date format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "date-time format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "duration format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "email format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "hostname format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "idn-email format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "idn-hostname format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "ipv4 format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "ipv6 format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "iri format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "iri-reference format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "json-pointer format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "regex format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "relative-json-pointer format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "time format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "uri format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "uri-reference format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "uri-template format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "format.json",
        case: "uuid format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2020-12",
        file: "vocabulary.json",
        case: "schema that uses custom metaschema with with no validation vocabulary",
        reason: "`$vocabulary` is not read: a custom meta-schema that leaves out the validation vocabulary still gets validation keywords asserted (see docs/validation.md)",
    },
    Skip {
        dialect: "draft2019-09",
        file: "vocabulary.json",
        case: "schema that uses custom metaschema with with no validation vocabulary",
        reason: "`$vocabulary` is not read: a custom meta-schema that leaves out the validation vocabulary still gets validation keywords asserted (see docs/validation.md)",
    },
];

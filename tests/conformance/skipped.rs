// Cases of the official suite that are not run, each with its reason.
//
// This list may only shrink: `suite.rs` fails when a listed case starts to pass, and when an
// entry names no case of the suite.

/// One skipped case: the file under `tests/draft2020-12/` and the case's description.
pub struct Skip {
    pub file: &'static str,
    pub case: &'static str,
    pub reason: &'static str,
}

pub const SKIPPED: &[Skip] = &[
    Skip {
        file: "defs.json",
        case: "validate definition against metaschema",
        reason: "needs the 2020-12 meta-schema, which is not available offline and uses `$dynamicRef`",
    },
    Skip {
        file: "dynamicRef.json",
        case: "$dynamicRef avoids the root of each schema, but scopes are still registered",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "$dynamicRef points to a boolean schema",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "$dynamicRef skips over intermediate resources - direct reference",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "$ref and $dynamicAnchor are independent of order - $defs first",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "$ref and $dynamicAnchor are independent of order - $ref first",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "$ref to $dynamicRef finds detached $dynamicAnchor",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef resolves to the first $dynamicAnchor still in scope that is encountered when the schema is evaluated",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef that initially resolves to a schema with a matching $dynamicAnchor resolves to the first $dynamicAnchor in the dynamic scope",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef that initially resolves to a schema without a matching $dynamicAnchor behaves like a normal $ref to $anchor",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef to a $dynamicAnchor in the same schema resource behaves like a normal $ref to an $anchor",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef to an $anchor in the same schema resource behaves like a normal $ref to an $anchor",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef with a non-matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef with intermediate scopes that don't include a matching $dynamicAnchor does not affect dynamic scope resolution",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef without a matching $dynamicAnchor in the same schema resource behaves like a normal $ref to $anchor",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "A $dynamicRef without anchor in fragment behaves identical to $ref",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "An $anchor with the same name as a $dynamicAnchor is not used for dynamic scope resolution",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "after leaving a dynamic scope, it is not used by a $dynamicRef",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "multiple dynamic paths to the $dynamicRef keyword",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "strict-tree schema, guards against misspelled properties",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "dynamicRef.json",
        case: "tests for implementation dynamic anchor and reference link",
        reason: "`$dynamicRef` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "date format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see README)",
    },
    Skip {
        file: "format.json",
        case: "date-time format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see README)",
    },
    Skip {
        file: "format.json",
        case: "duration format",
        reason: "format `duration` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "email format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see README)",
    },
    Skip {
        file: "format.json",
        case: "hostname format",
        reason: "format `hostname` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "idn-email format",
        reason: "format `idn-email` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "idn-hostname format",
        reason: "format `idn-hostname` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "ipv4 format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see README)",
    },
    Skip {
        file: "format.json",
        case: "ipv6 format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see README)",
    },
    Skip {
        file: "format.json",
        case: "iri format",
        reason: "format `iri` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "iri-reference format",
        reason: "format `iri-reference` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "json-pointer format",
        reason: "format `json-pointer` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "regex format",
        reason: "format `regex` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "relative-json-pointer format",
        reason: "format `relative-json-pointer` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "time format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see README)",
    },
    Skip {
        file: "format.json",
        case: "uri format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see README)",
    },
    Skip {
        file: "format.json",
        case: "uri-reference format",
        reason: "format `uri-reference` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "uri-template format",
        reason: "format `uri-template` is not supported: generation refuses it",
    },
    Skip {
        file: "format.json",
        case: "uuid format",
        reason: "formats are asserted, deliberately; this case expects them to be annotations only (see README)",
    },
    Skip {
        file: "not.json",
        case: "collect annotations inside a 'not', even if collection is disabled",
        reason: "uses `unevaluatedProperties`, which is not supported",
    },
    Skip {
        file: "ref.json",
        case: "ref creates new scope when adjacent to keywords",
        reason: "uses `unevaluatedProperties`, which is not supported",
    },
    Skip {
        file: "ref.json",
        case: "remote ref, containing refs itself",
        reason: "needs the 2020-12 meta-schema, which is not available offline and uses `$dynamicRef`",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "Evaluated items collection needs to consider instance location",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "item is evaluated in an uncle schema to unevaluatedItems",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "non-array instances are valid",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems and contains interact to control item dependency relationship",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems as schema",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems before $ref",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems can see annotations from if without then and else",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems can't see inside cousins",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems depends on adjacent contains",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems depends on multiple nested contains",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems false",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems true",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with $dynamicRef",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with $ref",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with anyOf",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with boolean schemas",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with if/then/else",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with items",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with items and prefixItems",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with minContains = 0",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with nested items",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with nested prefixItems and items",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with nested tuple",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with nested unevaluatedItems",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with not",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with null instance elements",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with oneOf",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with tuple",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedItems.json",
        case: "unevaluatedItems with uniform items",
        reason: "`unevaluatedItems` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "Evaluated properties collection needs to consider instance location",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "Evaluated properties collection needs to consider instance location with additionalProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "Evaluated properties collection needs to consider instance location with patternProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "cousin unevaluatedProperties, true and false, false with properties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "cousin unevaluatedProperties, true and false, true with properties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "dependentSchemas with unevaluatedProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "dynamic evalation inside nested refs",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "in-place applicator siblings, allOf has unevaluated",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "in-place applicator siblings, anyOf has unevaluated",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "nested unevaluatedProperties, outer false, inner true, properties inside",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "nested unevaluatedProperties, outer false, inner true, properties outside",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "nested unevaluatedProperties, outer true, inner false, properties inside",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "nested unevaluatedProperties, outer true, inner false, properties outside",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "non-object instances are valid",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "property is evaluated in an uncle schema to unevaluatedProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties + ref inside allOf / oneOf",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties + single cyclic ref",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties before $ref",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties can see annotations from if without then and else",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties can't see inside cousins",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties can't see inside cousins (reverse order)",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties false",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties not affected by propertyNames",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties schema",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties true",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with $dynamicRef",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with $ref",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with adjacent bool additionalProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with adjacent non-bool additionalProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with adjacent patternProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with adjacent properties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with anyOf",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with boolean schemas",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with dependentSchemas",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with if/then/else",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with if/then/else, else not defined",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with if/then/else, then not defined",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with nested additionalProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with nested patternProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with nested properties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with nested unevaluatedProperties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with not",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with null valued instance properties",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "unevaluatedProperties.json",
        case: "unevaluatedProperties with oneOf",
        reason: "`unevaluatedProperties` is not supported: generation refuses it",
    },
    Skip {
        file: "vocabulary.json",
        case: "ignore unrecognized optional vocabulary",
        reason: "custom meta-schemas and `$vocabulary` are not supported",
    },
    Skip {
        file: "vocabulary.json",
        case: "schema that uses custom metaschema with with no validation vocabulary",
        reason: "custom meta-schemas and `$vocabulary` are not supported",
    },
];

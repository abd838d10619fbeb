//! The table: every keyword of every dialect and what the generator knows of it, one row
//! each.

use super::json_type::JsonType;
use super::keyword::{
    Combination, Keyword, Reference, Role, Shape, Subschemas, all, only, since, vendor,
};
use crate::dialect::Draft;

use Draft::{Draft4, Draft6, Draft7, Draft2019, Draft2020};
use Role::{Annotation, Applicator, Assertion, Container, Core, Identifier};
use Shape::{
    Anything, Count, Flag, Names, Number, Schema, SchemaMap, SchemaOrSchemas, Schemas, Text, Types,
    Values,
};
use Subschemas::{List, Map, One, OneOrList, SomeOfMap};

/// Every keyword of every dialect, and the vendor annotations the generator knows.
/// `definitions` and `$defs` are known everywhere: both are only places to keep subschemas,
/// and published schemas use either in any dialect.
pub(super) const VOCABULARY: &[Keyword] = &[
    // Core.
    all("$schema", Core),
    only("id", Draft4, Draft4, Identifier).names_resource(),
    since("$id", Draft6, Identifier).names_resource(),
    all("$ref", Core)
        .refers(Reference::Static)
        .in_place()
        .typify(Text)
        .diffed()
        .unmerged()
        .beside_hiding_ref(),
    since("$anchor", Draft2019, Identifier),
    only("$recursiveRef", Draft2019, Draft2019, Core)
        .refers(Reference::Dynamic)
        .in_place(),
    only("$recursiveAnchor", Draft2019, Draft2019, Core),
    since("$dynamicRef", Draft2020, Core)
        .refers(Reference::Dynamic)
        .in_place(),
    since("$dynamicAnchor", Draft2020, Core),
    since("$vocabulary", Draft2019, Core),
    since("$comment", Draft7, Annotation),
    all("$defs", Container)
        .holds(Map)
        .typify(SchemaMap)
        .unmerged(),
    all("definitions", Container)
        .holds(Map)
        .typify(SchemaMap)
        .unmerged(),
    // Any instance.
    all("type", Assertion).typify(Types).independent().diffed(),
    all("enum", Assertion)
        .typify(Values)
        .loosening()
        .independent()
        .diffed(),
    since("const", Draft6, Assertion)
        .typify(Anything)
        .loosening()
        .independent()
        .diffed(),
    // Strings.
    all("minLength", Assertion)
        .on(JsonType::String)
        .typify(Count)
        .lower()
        .loosening()
        .diffed(),
    all("maxLength", Assertion)
        .on(JsonType::String)
        .typify(Count)
        .upper()
        .loosening()
        .diffed(),
    all("pattern", Assertion)
        .on(JsonType::String)
        .typify(Text)
        .loosening()
        .independent()
        .diffed(),
    all("format", Assertion)
        .on(JsonType::String)
        .typify(Text)
        .loosening()
        .independent()
        .diffed(),
    // Numbers.
    all("minimum", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .lower()
        .loosening()
        .diffed(),
    all("maximum", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .upper()
        .loosening()
        .diffed(),
    all("exclusiveMinimum", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .lower()
        .loosening()
        .diffed(),
    all("exclusiveMaximum", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .upper()
        .loosening()
        .diffed(),
    all("multipleOf", Assertion)
        .on(JsonType::Number)
        .typify(Number)
        .loosening()
        .independent(),
    // Objects.
    all("required", Assertion)
        .on(JsonType::Object)
        .typify(Names)
        .independent()
        .diffed(),
    all("properties", Applicator)
        .on(JsonType::Object)
        .holds(Map)
        .typify(SchemaMap)
        .diffed(),
    all("patternProperties", Applicator)
        .on(JsonType::Object)
        .holds(Map)
        .typify(SchemaMap),
    all("additionalProperties", Applicator)
        .on(JsonType::Object)
        .holds(One)
        .typify(Schema)
        .diffed(),
    since("propertyNames", Draft6, Applicator)
        .on(JsonType::Object)
        .holds(One)
        .validation_only()
        .independent(),
    all("minProperties", Assertion)
        .on(JsonType::Object)
        .lower()
        .validation_only()
        .diffed(),
    all("maxProperties", Assertion)
        .on(JsonType::Object)
        .upper()
        .validation_only()
        .diffed(),
    all("dependencies", Applicator)
        .on(JsonType::Object)
        .in_place()
        .holds(SomeOfMap)
        .validation_only(),
    since("dependentRequired", Draft2019, Assertion)
        .on(JsonType::Object)
        .validation_only(),
    since("dependentSchemas", Draft2019, Applicator)
        .on(JsonType::Object)
        .in_place()
        .holds(Map)
        .validation_only(),
    since("unevaluatedProperties", Draft2019, Applicator)
        .on(JsonType::Object)
        .holds(One)
        .validation_only(),
    // Arrays.
    all("items", Applicator)
        .on(JsonType::Array)
        .holds(OneOrList)
        .typify(SchemaOrSchemas)
        .diffed(),
    only("additionalItems", Draft4, Draft2019, Applicator)
        .on(JsonType::Array)
        .holds(One)
        .typify(Schema)
        .diffed(),
    since("prefixItems", Draft2020, Applicator)
        .on(JsonType::Array)
        .holds(List)
        .diffed(),
    all("minItems", Assertion)
        .on(JsonType::Array)
        .typify(Count)
        .lower()
        .loosening()
        .diffed(),
    all("maxItems", Assertion)
        .on(JsonType::Array)
        .typify(Count)
        .upper()
        .loosening()
        .diffed(),
    all("uniqueItems", Assertion)
        .on(JsonType::Array)
        .typify(Flag)
        .loosening()
        .independent(),
    since("contains", Draft6, Applicator)
        .on(JsonType::Array)
        .holds(One)
        .validation_only(),
    since("minContains", Draft2019, Assertion)
        .on(JsonType::Array)
        .validation_only(),
    since("maxContains", Draft2019, Assertion)
        .on(JsonType::Array)
        .validation_only(),
    since("unevaluatedItems", Draft2019, Applicator)
        .on(JsonType::Array)
        .holds(One)
        .validation_only(),
    // Applicators.
    all("allOf", Applicator)
        .holds(List)
        .combines(Combination::All)
        .in_place()
        .typify(Schemas)
        .independent()
        .diffed(),
    all("anyOf", Applicator)
        .holds(List)
        .combines(Combination::Any)
        .in_place()
        .typify(Schemas)
        .independent()
        .diffed(),
    all("oneOf", Applicator)
        .holds(List)
        .combines(Combination::One)
        .in_place()
        .typify(Schemas)
        .independent()
        .diffed(),
    all("not", Applicator)
        .holds(One)
        .validation_only()
        .independent(),
    since("if", Draft7, Applicator)
        .holds(One)
        .validation_only()
        .in_place(),
    since("then", Draft7, Applicator)
        .holds(One)
        .validation_only()
        .in_place(),
    since("else", Draft7, Applicator)
        .holds(One)
        .validation_only()
        .in_place(),
    // Annotations.
    all("title", Annotation)
        .typify(Text)
        .documents()
        .unmerged()
        .beside_hiding_ref(),
    all("description", Annotation)
        .typify(Text)
        .documents()
        .unmerged()
        .beside_hiding_ref(),
    all("default", Annotation)
        .typify(Anything)
        .loosening()
        .unmerged(),
    since("examples", Draft6, Annotation),
    since("readOnly", Draft7, Annotation)
        .typify(Flag)
        .unmerged(),
    since("writeOnly", Draft7, Annotation)
        .typify(Flag)
        .unmerged(),
    since("deprecated", Draft2019, Annotation)
        .typify(Flag)
        .unmerged(),
    // Asserted by the validators of every dialect that has them.
    since("contentEncoding", Draft7, Assertion).on(JsonType::String),
    since("contentMediaType", Draft7, Assertion).on(JsonType::String),
    since("contentSchema", Draft2019, Applicator)
        .on(JsonType::String)
        .holds(One),
    // Vendor annotations (VS Code's `markdownDescription`).
    vendor("markdownDescription", Annotation),
    // OpenAPI's Schema Object keywords, known in an OpenAPI document's schemas: its base
    // vocabulary, and 3.0's `nullable`, which the translation to 2020-12 (`openapi.rs`) rewrites.
    vendor("example", Annotation).of_openapi(),
    vendor("discriminator", Annotation).of_openapi(),
    vendor("xml", Annotation).of_openapi(),
    vendor("externalDocs", Annotation).of_openapi(),
    vendor("nullable", Assertion).of_openapi(),
];

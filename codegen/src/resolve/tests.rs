use super::*;
use serde_json::json;

fn docs<'a>(values: &'a [(Url, Value)]) -> Vec<Document<'a>> {
    values
        .iter()
        .map(|(uri, value)| Document {
            uri,
            display: uri.as_str(),
            value,
        })
        .collect()
}

#[test]
fn resolves_pointers_anchors_ids_and_other_files() {
    let values = vec![
        (
            Url::parse("file:///s/a.json").unwrap(),
            json!({
                "$defs": {
                    "x": {"$anchor": "ex"},
                    "inner": {"$id": "http://example.com/inner.json", "$defs": {"y": {}}}
                }
            }),
        ),
        (
            Url::parse("file:///s/b.json").unwrap(),
            json!({"$defs": {"z": true}}),
        ),
    ];
    let documents = docs(&values);
    let resolver = Resolver::new(&documents, Draft::Draft2020).unwrap();
    let root = Place::root(0);
    let resolve = |r: &str| {
        resolver
            .resolve(&documents, &root, r)
            .map(|p| (p.doc, p.pointer))
    };
    assert_eq!(resolve("#/$defs/x"), Ok((0, "/$defs/x".to_string())));
    assert_eq!(resolve("#ex"), Ok((0, "/$defs/x".to_string())));
    assert_eq!(resolve("b.json#/$defs/z"), Ok((1, "/$defs/z".to_string())));
    assert_eq!(
        resolve("http://example.com/inner.json#/$defs/y"),
        Ok((0, "/$defs/inner/$defs/y".to_string()))
    );
    let inner = Place::root(0).child(["$defs", "inner"]);
    assert_eq!(
        resolver
            .resolve(&documents, &inner, "#/$defs/y")
            .map(|p| p.pointer),
        Ok("/$defs/inner/$defs/y".to_string())
    );
    assert!(
        resolve("#/$defs/missing")
            .unwrap_err()
            .contains("points at nothing")
    );
    assert!(
        resolve("c.json")
            .unwrap_err()
            .contains("names no known schema (looked for `c.json`)")
    );
}

#[test]
fn two_documents_that_claim_one_id_resolve_their_own_references_within_themselves() {
    let version = |n: u64| {
        json!({
            "$id": "https://example.com/plan.json",
            "properties": {"a": {"$ref": "#/$defs/x"}, "b": {"$ref": "#mark"}},
            "$defs": {"x": {"const": n}, "y": {"$anchor": "mark"}}
        })
    };
    let values = vec![
        (Url::parse("file:///s/plan-1.json").unwrap(), version(1)),
        (Url::parse("file:///s/plan-2.json").unwrap(), version(2)),
        (
            Url::parse("file:///s/user.json").unwrap(),
            json!({"$ref": "https://example.com/plan.json#/$defs/x"}),
        ),
    ];
    let documents = docs(&values);
    let resolver = Resolver::new(&documents, Draft::Draft2020).unwrap();
    let resolve = |doc: usize, at: &[&str], r: &str| {
        resolver
            .resolve(&documents, &Place::root(doc).child(at.iter().copied()), r)
            .map(|p| (p.doc, p.pointer))
    };
    for doc in [0, 1] {
        assert_eq!(
            resolve(doc, &["properties", "a"], "#/$defs/x"),
            Ok((doc, "/$defs/x".to_string()))
        );
        assert_eq!(
            resolve(doc, &["properties", "b"], "#mark"),
            Ok((doc, "/$defs/y".to_string()))
        );
    }
    assert_eq!(
        resolve(2, &[], "https://example.com/plan.json#/$defs/x"),
        Ok((0, "/$defs/x".to_string())),
        "references from elsewhere lead to the first"
    );
    let warnings: Vec<String> = resolver
        .warnings()
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        warnings,
        [
            "file:///s/plan-2.json#: keyword `$id`: `https://example.com/plan.json` already identifies file:///s/plan-1.json: references to it from other documents lead there; this file's own references stay within it"
        ]
    );
}

#[test]
fn dialects_come_from_schema_a_custom_meta_schema_or_the_default() {
    let values = vec![
        (
            Url::parse("file:///s/a.json").unwrap(),
            json!({"$schema": "http://json-schema.org/draft-04/schema#", "definitions": {"x": {"id": "#x"}}}),
        ),
        (
            Url::parse("file:///s/b.json").unwrap(),
            json!({"$schema": "http://example.com/meta", "$defs": {"y": {}}}),
        ),
        (
            Url::parse("http://example.com/meta").unwrap(),
            json!({"$schema": "https://json-schema.org/draft/2019-09/schema"}),
        ),
        (Url::parse("file:///s/c.json").unwrap(), json!({})),
        (
            Url::parse("file:///s/d.json").unwrap(),
            json!({"$schema": "http://unknown.example/meta"}),
        ),
    ];
    let documents = docs(&values);
    let resolver = Resolver::new(&documents, Draft::Draft7).unwrap();
    assert_eq!(
        resolver.draft(&Place::root(0).child(["definitions", "x"])),
        Draft::Draft4
    );
    assert_eq!(resolver.draft(&Place::root(1)), Draft::Draft2019);
    assert_eq!(resolver.draft(&Place::root(3)), Draft::Draft7);
    assert_eq!(resolver.draft(&Place::root(4)), Draft::Draft7);
    assert!(
        resolver.warnings()[0]
            .message
            .contains("unknown meta-schema")
    );
    // draft-04 names anchors with `id`.
    assert_eq!(
        resolver
            .resolve(&documents, &Place::root(0), "#x")
            .map(|p| p.pointer),
        Ok("/definitions/x".to_string())
    );
}

#[test]
fn http_and_https_name_the_same_resource() {
    let values = vec![
        (
            Url::parse("https://example.com/base.json").unwrap(),
            json!({"$defs": {"a": {}}}),
        ),
        (Url::parse("file:///s/a.json").unwrap(), json!({})),
    ];
    let documents = docs(&values);
    let resolver = Resolver::new(&documents, Draft::Draft2020).unwrap();
    assert_eq!(
        resolver
            .resolve(
                &documents,
                &Place::root(1),
                "http://example.com/base.json#/$defs/a"
            )
            .map(|p| (p.doc, p.pointer)),
        Ok((0, "/$defs/a".to_string()))
    );
}

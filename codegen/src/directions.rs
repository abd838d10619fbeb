//! Request and response directions of an OpenAPI document's schemas.
//!
//! OpenAPI: a `readOnly` property "MAY be sent as part of a response but SHOULD NOT be sent
//! as part of the request", and if it is required, "the required will take effect on the
//! response only"; `writeOnly` is the mirror image. A model set gets a view of its document
//! per direction ([`views`]): a copy in which each Schema Object's members that the
//! direction leaves out are refused (`false`) and no longer required. The views are
//! documents of their own (`schema/crm.yml (request)`), compiled as resources from the
//! components they change, and each component's `validate_request` and `validate_response`
//! check against them. Without a direction, validation is what JSON Schema says. A component
//! that requests send, and that reaches `readOnly` members, gets an input type without them
//! (`inputs.rs`).

pub mod inputs;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::dialect::Draft;
use crate::load::SchemaFile;
use crate::openapi;
use crate::vocabulary;

/// Which way a payload goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    Request,
    Response,
}

impl Direction {
    pub const BOTH: [Direction; 2] = [Direction::Request, Direction::Response];

    /// `request` or `response`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Request => "request",
            Direction::Response => "response",
        }
    }

    /// Which way the payload of the place `tokens` (in an OpenAPI document) goes: a
    /// request's (a request body, a parameter) or a response's. A webhook's request is sent
    /// by the API, as its responses are: its body carries the `readOnly` members, and its
    /// responses come from the client.
    pub fn of(tokens: &[String]) -> Option<Direction> {
        let request = ["requestBody", "requestBodies", "parameters"];
        let sent = tokens.iter().find_map(|token| {
            if request.contains(&token.as_str()) {
                Some(Direction::Request)
            } else if token == "responses" {
                Some(Direction::Response)
            } else {
                None
            }
        })?;
        let webhook = matches!(
            tokens.first().map(String::as_str),
            Some("webhooks" | "x-webhooks")
        );
        Some(match (webhook, sent) {
            (true, Direction::Request) => Direction::Response,
            (true, Direction::Response) => Direction::Request,
            (false, sent) => sent,
        })
    }

    /// The annotation whose members this direction leaves out.
    pub fn leaves_out(self) -> &'static str {
        match self {
            Direction::Request => "readOnly",
            Direction::Response => "writeOnly",
        }
    }
}

/// A model set's document as one direction sees it.
#[derive(Debug, Clone)]
pub struct View {
    pub direction: Direction,
    /// The view's file: `schema/crm.yml (request)`, with a URI of its own.
    pub file: SchemaFile,
    /// The schemas that validate differently in it: those whose members it changed, and
    /// those that reach one through subschemas or the document's own references.
    reaching: BTreeSet<String>,
}

impl View {
    /// Whether the schema at `pointer` validates differently in this view.
    pub fn changes(&self, pointer: &str) -> bool {
        self.reaching.contains(pointer)
    }
}

/// The views of an OpenAPI document (translated), one per direction that changes it.
pub fn views(document: &SchemaFile) -> Vec<View> {
    Direction::BOTH
        .into_iter()
        .filter_map(|direction| view(document, direction))
        .collect()
}

fn view(document: &SchemaFile, direction: Direction) -> Option<View> {
    let mut value = document.value.clone();
    let mut changed = BTreeSet::new();
    let mut flagged = BTreeMap::new();
    for tokens in openapi::schema_objects(&document.value) {
        let pointer = openapi::pointer(&tokens);
        leave_out(
            &document.value,
            &mut value,
            &pointer,
            (direction, Out::Refused),
            &mut flagged,
            &mut changed,
        );
    }
    if changed.is_empty() {
        return None;
    }
    let reaching = reaching(&document.value, &changed);
    // What validates the same in both refers back to the document, so that its validators
    // are not written twice.
    share_the_rest(&mut value, &document.value, &document.uri, &reaching);
    let mut uri = document.uri.clone();
    uri.set_query(Some(&format!("direction={}", direction.name())));
    Some(View {
        direction,
        file: SchemaFile {
            path: document.path.clone(),
            display: format!("{} ({})", document.display, direction.name()),
            stem: format!("{}_{}", document.stem, direction.name()),
            uri,
            value,
        },
        reaching,
    })
}

/// What becomes of a member a direction leaves out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Out {
    /// `false`: validation refuses it.
    Refused,
    /// Gone: a type leaves it out.
    Removed,
}

/// In the schema at `pointer` and its subschemas: the members `direction` leaves out become
/// `false` (or go), and leave `required`.
fn leave_out(
    original: &Value,
    view: &mut Value,
    pointer: &str,
    (direction, out_as): (Direction, Out),
    flagged: &mut BTreeMap<String, bool>,
    changed: &mut BTreeSet<String>,
) {
    let Some(schema) = original.pointer(pointer) else {
        return;
    };
    if let Some(Value::Object(properties)) = schema.get("properties") {
        let out: Vec<&String> = properties
            .iter()
            .filter(|(_, member)| is_flagged(original, member, direction, flagged, 0))
            .map(|(name, _)| name)
            .collect();
        if !out.is_empty() {
            if let Some(Value::Object(target)) = view.pointer_mut(pointer) {
                if let Some(Value::Object(members)) = target.get_mut("properties") {
                    for name in &out {
                        match out_as {
                            Out::Refused => members.insert((*name).clone(), Value::Bool(false)),
                            Out::Removed => members.remove(*name),
                        };
                    }
                }
                if let Some(Value::Array(required)) = target.get_mut("required") {
                    required.retain(|r| !r.as_str().is_some_and(|r| out.iter().any(|o| *o == r)));
                }
            }
            changed.insert(pointer.to_string());
        }
    }
    for (tokens, _) in vocabulary::subschemas(schema, Draft::Draft2020) {
        let below = openapi::pointer(&tokens);
        leave_out(
            original,
            view,
            &format!("{pointer}{below}"),
            (direction, out_as),
            flagged,
            changed,
        );
    }
}

/// How many `$ref`s a member's flag is looked for through.
const MAX_HOPS: usize = 16;

/// Whether `member` is `readOnly` (or `writeOnly`): itself, or the schema its local `$ref`
/// leads to (3.0 ignores a `$ref`'s siblings, so the flag sits on the target).
fn is_flagged(
    document: &Value,
    member: &Value,
    direction: Direction,
    memo: &mut BTreeMap<String, bool>,
    hops: usize,
) -> bool {
    if member.get(direction.leaves_out()) == Some(&Value::Bool(true)) {
        return true;
    }
    let Some(target) = local_reference(member) else {
        return false;
    };
    if hops >= MAX_HOPS {
        return false;
    }
    if let Some(known) = memo.get(target) {
        return *known;
    }
    let flagged = document
        .pointer(target)
        .is_some_and(|t| is_flagged(document, t, direction, memo, hops + 1));
    memo.insert(target.to_string(), flagged);
    flagged
}

/// Every schema of the document (by pointer) that is one of `changed` or reaches one, through
/// its subschemas or a local `$ref`: the edges are followed backwards from `changed`.
fn reaching(document: &Value, changed: &BTreeSet<String>) -> BTreeSet<String> {
    let mut reached_from: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut pending: Vec<String> = openapi::schema_objects(document)
        .iter()
        .map(|tokens| openapi::pointer(tokens))
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(pointer) = pending.pop() {
        if !seen.insert(pointer.clone()) {
            continue;
        }
        let Some(schema) = document.pointer(&pointer) else {
            continue;
        };
        for child in next(schema, &pointer) {
            reached_from
                .entry(child.clone())
                .or_default()
                .push(pointer.clone());
            pending.push(child);
        }
    }
    let mut reaching = changed.clone();
    let mut queue: Vec<String> = changed.iter().cloned().collect();
    while let Some(pointer) = queue.pop() {
        for parent in reached_from.get(&pointer).into_iter().flatten() {
            if reaching.insert(parent.clone()) {
                queue.push(parent.clone());
            }
        }
    }
    reaching
}

/// In `view`, what validates the same as in the document refers to the document instead:
/// the subschemas of a changed schema that reach no change, and the local `$ref`s to such
/// schemas. Only the changed schemas and those that reach them are the view's own.
fn share_the_rest(view: &mut Value, original: &Value, uri: &url::Url, reaching: &BTreeSet<String>) {
    for pointer in reaching {
        let Some(schema) = original.pointer(pointer) else {
            continue;
        };
        for (tokens, child) in vocabulary::subschemas(schema, Draft::Draft2020) {
            let below = openapi::pointer(&tokens);
            let at = format!("{pointer}{below}");
            // A member the view leaves out is `false` there: its own.
            if reaching.contains(&at) || view.pointer(&at) != Some(child) {
                continue;
            }
            if let Some(slot) = view.pointer_mut(&at) {
                *slot = serde_json::json!({ "$ref": format!("{uri}#{at}") });
            }
        }
        let reference = view.pointer_mut(pointer).and_then(|s| s.get_mut("$ref"));
        if let Some(Value::String(reference)) = reference {
            if let Some(target) = reference.strip_prefix('#') {
                if !reaching.contains(target) {
                    *reference = format!("{uri}#{target}");
                }
            }
        }
    }
}

/// Where validation goes from the schema at `pointer`: its subschemas, and the target of its
/// local `$ref`.
fn next(schema: &Value, pointer: &str) -> Vec<String> {
    let mut next: Vec<String> = vocabulary::subschemas(schema, Draft::Draft2020)
        .into_iter()
        .map(|(tokens, _)| format!("{pointer}{}", openapi::pointer(&tokens)))
        .collect();
    next.extend(local_reference(schema).map(str::to_string));
    next
}

/// `/components/schemas/<name>`.
pub fn component_pointer(name: &str) -> String {
    format!(
        "/components/schemas/{}",
        name.replace('~', "~0").replace('/', "~1")
    )
}

/// The target of a schema's `$ref` within its own document.
fn local_reference(schema: &Value) -> Option<&str> {
    schema.get("$ref")?.as_str()?.strip_prefix('#')
}

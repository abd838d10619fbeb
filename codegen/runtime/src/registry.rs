//! The compiled-in schemas that generated crates list as `SCHEMAS`, so that tools (the
//! `validate` CLI, tests) can pick a schema by name, and the [`Model`] trait of root types.

use serde::Serialize;
use serde_json::Value;

use crate::errors::{ValidationError, ValidationErrors};

/// A generated root type: decoded only through validation.
pub trait Model: Sized + Serialize {
    /// Validates `value` against the type's schema and decodes it.
    fn from_json_value(value: Value) -> Result<Self, ValidationErrors>;
}

/// A generated validator: every violation of a parsed value.
pub type Validate = fn(&Value) -> Result<(), ValidationErrors>;

/// Validates, decodes into a type and encodes back ([`round_trip`]).
pub type RoundTrip = fn(Value) -> Result<Value, ValidationErrors>;

/// One compiled-in schema.
#[derive(Debug, Clone, Copy)]
pub struct SchemaEntry {
    /// The schema's file stem: `credentials`.
    pub name: &'static str,
    /// The root type's name: `Credentials`.
    pub type_name: &'static str,
    /// The schema file it was generated from, as the generator saw it.
    pub source: &'static str,
    /// Validates a parsed value, reporting every violation.
    pub validate: Validate,
    /// Parses bytes strictly and validates them.
    pub validate_json: fn(&[u8]) -> Result<(), ValidationErrors>,
    /// Validates, decodes into the root type and encodes back; `None` when the schema has no
    /// Rust type.
    pub round_trip: Option<RoundTrip>,
    /// How requests and responses validate where they differ from [`Self::validate`]: an
    /// OpenAPI component with `readOnly` or `writeOnly` members; `None` where they do not.
    pub directions: Option<Directions>,
}

/// Which way a payload goes in an API call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Request,
    Response,
}

/// A component's validators for each direction of an API call.
#[derive(Debug, Clone, Copy)]
pub struct Directions {
    /// `readOnly` members refused and not required.
    pub request: Validate,
    /// `writeOnly` members refused and not required.
    pub response: Validate,
    /// Validates a request, decodes it into the component's input type (`LeadInput`,
    /// without the `readOnly` members) and encodes it back; `None` where requests do not
    /// send the component, or it reaches no `readOnly` member.
    pub input_round_trip: Option<RoundTrip>,
}

/// Decodes `value` as `T` through validation and encodes the result: what a consumer's code
/// does with a payload.
pub fn round_trip<T: Model>(value: Value) -> Result<Value, ValidationErrors> {
    let typed = T::from_json_value(value)?;
    serde_json::to_value(&typed).map_err(|e| {
        ValidationErrors::from(ValidationError::range(
            String::new(),
            format!(
                "the decoded value does not encode back to JSON: {}",
                e.classify() as u8
            ),
        ))
    })
}

/// An example an OpenAPI document carries, as the generator found it, with the verdict of
/// the `jsonschema` crate on it: the model crate's test checks that its own validators agree
/// and that the valid examples of components decode.
#[derive(Debug, Clone, Copy)]
pub struct DocumentedExample {
    /// Where it is: `schema/crm.yml#/components/schemas/Lead/example`.
    pub pointer: &'static str,
    /// The registry name of the component whose schema it claims to match (`crm/Lead`), when
    /// its schema is one or refers to one.
    pub entry: Option<&'static str>,
    /// A request's or a response's example (a request body's, a parameter's; a
    /// response's), validated as such.
    pub direction: Option<Direction>,
    /// The generated validator of its schema (in its direction), where the crate has one.
    pub check: Option<Validate>,
    /// The `jsonschema` crate's verdict.
    pub valid: bool,
    /// The example, as JSON.
    pub json: &'static str,
}

/// What [`check_examples`] found.
#[derive(Debug, Default)]
pub struct ExampleReport {
    /// Examples checked by the generated validators: each with its schema's own validator
    /// where it has one, an example of a component through the component's.
    pub checked: usize,
    /// Valid ones decoded into their component's type (a request's into its input type,
    /// where it has one) and encoded back, valid.
    pub decoded: usize,
    /// Of those, the ones that came back as they were.
    pub exact: usize,
    /// Valid requests or responses that the component's schema without a direction refuses
    /// (one that lacks a required `readOnly` member, say), and that no input type decodes:
    /// not decoded, the component's type would refuse them.
    pub directed: usize,
    /// What went wrong, an example a line.
    pub failures: Vec<String>,
}

/// Checks every example: the generated validator's verdict (its schema's own, or its
/// component's in `schemas`) must be the recorded one, and a valid example of a component
/// must decode into the component's type and encode back to a valid value (equal to it, or
/// not: [`ExampleReport::exact`] counts).
pub fn check_examples(examples: &[DocumentedExample], schemas: &[SchemaEntry]) -> ExampleReport {
    let mut report = ExampleReport::default();
    for example in examples {
        let entry = match example.entry {
            Some(name) => match schemas.iter().find(|e| e.name == name) {
                Some(entry) => Some(entry),
                None => {
                    report.failures.push(format!(
                        "{}: no schema `{name}` in the registry",
                        example.pointer
                    ));
                    continue;
                }
            },
            None => None,
        };
        let value: Value = match serde_json::from_str(example.json) {
            Ok(value) => value,
            Err(e) => {
                report
                    .failures
                    .push(format!("{}: not JSON: {e}", example.pointer));
                continue;
            }
        };
        let validate = match (example.direction, entry.and_then(|e| e.directions)) {
            (Some(Direction::Request), Some(directions)) => Some(directions.request),
            (Some(Direction::Response), Some(directions)) => Some(directions.response),
            _ => entry.map(|e| e.validate),
        };
        let Some(check) = example.check.or(validate) else {
            continue;
        };
        report.checked += 1;
        let verdict = check(&value);
        if verdict.is_ok() != example.valid {
            let said = if example.valid { "valid" } else { "invalid" };
            report.failures.push(format!(
                "{}: the jsonschema crate found it {said}, the generated validator {}",
                example.pointer,
                match &verdict {
                    Ok(()) => "valid".to_string(),
                    Err(errors) => format!("invalid: {errors}"),
                }
            ));
            continue;
        }
        if let (true, Some(entry), Some(validate)) = (example.valid, entry, validate) {
            decode(example, entry, validate, value, &mut report);
        }
    }
    report
}

/// Decodes a valid example of a component into its type (validated as `validate` does) and
/// encodes it back, valid.
fn decode(
    example: &DocumentedExample,
    entry: &SchemaEntry,
    validate: Validate,
    value: Value,
    report: &mut ExampleReport,
) {
    let Some(own_round_trip) = entry.round_trip else {
        return;
    };
    // A request decodes into the input type where there is one; otherwise a directed
    // example decodes into the component's type only if it is valid without a direction.
    let input = match (example.direction, entry.directions) {
        (Some(Direction::Request), Some(directions)) => directions.input_round_trip,
        _ => None,
    };
    let (round_trip, validate) = match input {
        Some(input) => (input, validate),
        None if example.direction.is_some()
            && entry.directions.is_some()
            && (entry.validate)(&value).is_err() =>
        {
            report.directed += 1;
            return;
        }
        None => (own_round_trip, entry.validate),
    };
    match round_trip(value.clone()) {
        Ok(back) if validate(&back).is_ok() => {
            report.decoded += 1;
            if crate::value::equal(&back, &value) {
                report.exact += 1;
            }
        }
        Ok(_) => report.failures.push(format!(
            "{}: encodes back to an invalid value",
            example.pointer
        )),
        Err(errors) => report
            .failures
            .push(format!("{}: does not decode: {errors}", example.pointer)),
    }
}

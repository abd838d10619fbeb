//! The Fields table a page shows for an object (Field, Type, Required, Description, Example:
//! the layout of the SDK's model docs), both the JSON and the Rust side, and the JSON type
//! as those docs write it. Every page that shows an object's members goes through here.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde_json::{Map, Value};

use crate::emit::types::{Field, RustType, TypeDef, TypeInfo};
use crate::names;
use crate::subschema::Subschema;
use crate::vocabulary;

/// The Rust names of the types that references lead to, by the reference as written, for
/// the references a local `$defs` name does not tell (a model set's components, whose
/// names are made unique in the run).
pub type Referenced = BTreeMap<String, String>;

/// `## <heading>` and the Fields table of `object`, whose type is `type_name` in `types`;
/// `example` fills the Example column where a member has no example of its own.
pub fn object_section(
    heading: &str,
    object: &Value,
    type_name: &str,
    types: Option<&TypeInfo>,
    example: Option<&Map<String, Value>>,
    referenced: &Referenced,
) -> String {
    let mut out = format!("## {heading}\n\n");
    let object = Subschema::parse(object);
    let Some(properties) = object.properties else {
        out.push_str("This type has no declared properties.\n");
        return out;
    };
    let required = object.required;
    let (fields, unknown_members): (&[Field], _) =
        match types.and_then(|info| info.types.get(type_name)) {
            Some(TypeDef::Struct(def)) => (&def.fields, def.unknown_members.as_deref()),
            _ => (&[], None),
        };
    out.push_str("| Field | Type | Required | Description | Example |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for (name, property) in properties {
        let rust = fields.iter().find(|f| f.wire == *name);
        let field = match rust {
            Some(f) => format!("`{name}`<br>Rust: `{}`", f.rust),
            None => format!("`{name}`"),
        };
        let mut ty = format!("*{}*", json_type(&Subschema::parse(property), referenced));
        if let Some(f) = rust {
            let _ = write!(ty, "<br>Rust: `{}`", f.ty.short());
        }
        let property = Subschema::parse(property);
        // With a Rust type, its own account says whether `Debug` redacts the value.
        let secret = rust.map_or_else(|| property.is_secret(), |f| f.ty.is_secret());
        if secret {
            ty.push_str("<br>secret: `[REDACTED]` in `Debug`");
        }
        if let Some((name, other)) = rust.zip(types).and_then(|(f, info)| open_enum(&f.ty, info)) {
            let _ = write!(ty, "<br>other values are kept, as `{name}::{other}`");
        }
        let required = if required.contains(&name.as_str()) {
            ":heavy_check_mark:"
        } else {
            ":heavy_minus_sign:"
        };
        let description = property.description.unwrap_or("");
        let example = property
            .examples
            .and_then(|list| list.first())
            .or_else(|| example.and_then(|e| e.get(name)))
            .map(example_text)
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            cell(&field),
            cell(&ty),
            required,
            cell(description),
            cell(&example)
        );
    }
    if let Some(map) = unknown_members {
        let _ = write!(
            out,
            "\nOther members are allowed, and kept as they came in the map `{map}`.\n"
        );
    }
    out
}

/// The open enum (`open_enums`) a field holds, alone or in an `Option`, `Nullable`, `Box` or
/// `Vec`, with the variant that keeps the values the schema does not list.
fn open_enum<'t>(ty: &'t RustType, types: &'t TypeInfo) -> Option<(&'t str, &'t str)> {
    match ty {
        RustType::Option(inner)
        | RustType::Nullable(inner)
        | RustType::Box(inner)
        | RustType::Vec(inner) => open_enum(inner, types),
        RustType::Named { module: None, name } => match types.types.get(name) {
            Some(TypeDef::Enum(def)) => def.other.as_deref().map(|other| (name.as_str(), other)),
            _ => None,
        },
        _ => None,
    }
}

/// The JSON side of a property's type, as the SDK docs write it: `string \| null`.
pub fn json_type(schema: &Subschema<'_>, referenced: &Referenced) -> String {
    let mut parts: Vec<String> = schema
        .types
        .iter()
        .flat_map(|types| types.iter())
        .map(|t| t.name().to_string())
        .collect();
    if let Some(reference) = schema.reference {
        // A type the docs know, or a local definition, reads best by its type name; anything
        // else as written.
        let local = vocabulary::containers().find_map(|keyword| {
            reference
                .strip_prefix("#/")
                .and_then(|rest| rest.strip_prefix(keyword))
                .and_then(|rest| rest.strip_prefix('/'))
        });
        match (referenced.get(reference), local) {
            (Some(rust_name), _) => parts.push(rust_name.clone()),
            (None, Some(name)) if !name.contains('/') => parts.push(names::type_name(name)),
            _ => parts.push(format!("`{reference}`")),
        }
    }
    if let Some(values) = schema.enumeration {
        let listed: Vec<String> = values.iter().map(Value::to_string).collect();
        parts.push(format!("one of {}", listed.join(", ")));
    }
    if let Some(value) = schema.constant {
        parts.push(format!("exactly {value}"));
    }
    let mut text = if parts.is_empty() {
        "any".to_string()
    } else {
        parts.join(" | ")
    };
    if let Some(format) = schema.format {
        let _ = write!(text, " ({format})");
    }
    text
}

pub fn example_text(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Markdown table cells cannot hold `|` or line breaks.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn json_types_read_like_the_sdk_docs() {
        let none = Referenced::new();
        assert_eq!(
            json_type(
                &Subschema::parse(&json!({"type": ["string", "null"], "format": "date-time"})),
                &none
            ),
            "string | null (date-time)"
        );
        assert_eq!(
            json_type(
                &Subschema::parse(&json!({"enum": ["Bearer", "MAC"]})),
                &none
            ),
            "one of \"Bearer\", \"MAC\""
        );
        assert_eq!(
            json_type(
                &Subschema::parse(&json!({"$ref": "#/$defs/token_type"})),
                &none
            ),
            "TokenType"
        );
        assert_eq!(json_type(&Subschema::parse(&json!({})), &none), "any");
        let component = "#/components/schemas/lead_address";
        let referenced = Referenced::from([(component.to_string(), "Address".to_string())]);
        assert_eq!(
            json_type(&Subschema::parse(&json!({"$ref": component})), &referenced),
            "Address"
        );
    }

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
    }
}

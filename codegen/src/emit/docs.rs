//! The docs emitter: one Markdown page per schema, in the layout of the SDK's model docs
//! (Field, Type, Required, Description, Example), showing both the JSON and the Rust side.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::types::{Field, RustType, TypeDef, TypeInfo};
use crate::names;
use crate::schema_set::Schema;
use crate::subschema::Subschema;
use crate::vocabulary;

/// The page for one schema: the root object, then every object in `$defs`/`definitions`.
/// `types` describes the generated types, for the Rust column.
pub fn emit(schema: &Schema, types: Option<&TypeInfo>) -> String {
    let mut page = String::new();
    let title = schema.title().unwrap_or(&schema.type_name);
    let _ = writeln!(page, "# {title}\n");
    if let Some(description) = schema.description() {
        let _ = writeln!(page, "{}\n", description.trim());
    }
    // Types are found by their generated names, and shown by their Rust names.
    let rust_name = |name: &str| types.map_or(name, |info| info.rust_name(name)).to_string();
    let _ = writeln!(
        page,
        "Rust type: `{}::{}`, from `{}`.\n",
        schema.module,
        rust_name(&schema.type_name),
        schema.file.display
    );
    let root_example = schema.examples().first().and_then(Value::as_object);
    let _ = write!(
        page,
        "{}",
        object_section(
            "Fields",
            &schema.file.value,
            &rust_name(&schema.type_name),
            types,
            root_example
        )
    );
    for (defs_keyword, defs) in schema.root().containers {
        for (key, def) in defs {
            if Subschema::parse(def).properties.is_some() {
                let type_name = rust_name(&names::type_name(key));
                let heading = format!("`{type_name}` (`#/{defs_keyword}/{key}`)");
                let _ = write!(
                    page,
                    "\n{}",
                    object_section(&heading, def, &type_name, types, None)
                );
            }
        }
    }
    page
}

fn object_section(
    heading: &str,
    object: &Value,
    type_name: &str,
    types: Option<&TypeInfo>,
    example: Option<&Map<String, Value>>,
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
        let mut ty = format!("*{}*", json_type(&Subschema::parse(property)));
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
fn json_type(schema: &Subschema<'_>) -> String {
    let mut parts: Vec<String> = schema
        .types
        .iter()
        .flat_map(|types| types.iter())
        .map(|t| t.name().to_string())
        .collect();
    if let Some(reference) = schema.reference {
        // A local definition reads best by its type name; anything else as written.
        let local = vocabulary::containers().find_map(|keyword| {
            reference
                .strip_prefix("#/")
                .and_then(|rest| rest.strip_prefix(keyword))
                .and_then(|rest| rest.strip_prefix('/'))
        });
        match local {
            Some(name) if !name.contains('/') => parts.push(names::type_name(name)),
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

fn example_text(value: &Value) -> String {
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
        assert_eq!(
            json_type(&Subschema::parse(
                &json!({"type": ["string", "null"], "format": "date-time"})
            )),
            "string | null (date-time)"
        );
        assert_eq!(
            json_type(&Subschema::parse(&json!({"enum": ["Bearer", "MAC"]}))),
            "one of \"Bearer\", \"MAC\""
        );
        assert_eq!(
            json_type(&Subschema::parse(&json!({"$ref": "#/$defs/token_type"}))),
            "TokenType"
        );
        assert_eq!(json_type(&Subschema::parse(&json!({}))), "any");
    }

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
    }
}

//! The docs emitter: one Markdown page per schema, in the layout of the SDK's model docs
//! (Field, Type, Required, Description, Example), showing both the JSON and the Rust side.

use std::fmt::Write as _;

use serde_json::{Map, Value};

use super::types::{Field, TypeDef, TypeInfo};
use crate::names;
use crate::schema_set::{self, Schema};

/// The page for one schema: the root object, then every object in `$defs`/`definitions`.
/// `types` describes the generated types, for the Rust column.
pub fn emit(schema: &Schema, types: Option<&TypeInfo>) -> String {
    let mut page = String::new();
    let title = schema.title().unwrap_or(&schema.type_name);
    let _ = writeln!(page, "# {title}\n");
    if let Some(description) = schema.description() {
        let _ = writeln!(page, "{}\n", description.trim());
    }
    let _ = writeln!(
        page,
        "Rust type: `{}::{}`, from `{}`.\n",
        schema.module, schema.type_name, schema.file.display
    );
    let root_example = schema.examples().first().and_then(Value::as_object);
    let _ = write!(
        page,
        "{}",
        object_section(
            "Fields",
            &schema.file.value,
            &schema.type_name,
            types,
            root_example
        )
    );
    for defs_keyword in ["$defs", "definitions"] {
        let Some(defs) = schema
            .file
            .value
            .get(defs_keyword)
            .and_then(Value::as_object)
        else {
            continue;
        };
        for (key, def) in defs {
            if def.get("properties").is_some_and(Value::is_object) {
                let type_name = names::type_name(key);
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
    let Some(properties) = object.get("properties").and_then(Value::as_object) else {
        out.push_str("This type has no declared properties.\n");
        return out;
    };
    let required: Vec<&str> = object
        .get("required")
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let fields: &[Field] = match types.and_then(|info| info.types.get(type_name)) {
        Some(TypeDef::Struct(def)) => &def.fields,
        _ => &[],
    };
    out.push_str("| Field | Type | Required | Description | Example |\n");
    out.push_str("| --- | --- | --- | --- | --- |\n");
    for (name, property) in properties {
        let rust = fields.iter().find(|f| f.wire == *name);
        let field = match rust {
            Some(f) => format!("`{name}`<br>Rust: `{}`", f.rust),
            None => format!("`{name}`"),
        };
        let mut ty = format!("*{}*", json_type(property));
        if let Some(f) = rust {
            let _ = write!(ty, "<br>Rust: `{}`", f.ty.short());
        }
        // With a Rust type, its own account says whether `Debug` redacts the value.
        let secret = rust.map_or_else(|| schema_set::is_secret(property), |f| f.ty.is_secret());
        if secret {
            ty.push_str("<br>secret: `[REDACTED]` in `Debug`");
        }
        let required = if required.contains(&name.as_str()) {
            ":heavy_check_mark:"
        } else {
            ":heavy_minus_sign:"
        };
        let description = property
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or("");
        let example = property
            .get("examples")
            .and_then(Value::as_array)
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
    out
}

/// The JSON side of a property's type, as the SDK docs write it: `string \| null`.
fn json_type(schema: &Value) -> String {
    let mut parts: Vec<String> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(String::from)
            .collect(),
        _ => Vec::new(),
    };
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        // A local definition reads best by its type name; anything else as written.
        match reference
            .strip_prefix("#/$defs/")
            .or_else(|| reference.strip_prefix("#/definitions/"))
        {
            Some(name) if !name.contains('/') => parts.push(names::type_name(name)),
            _ => parts.push(format!("`{reference}`")),
        }
    }
    if let Some(values) = schema.get("enum").and_then(Value::as_array) {
        let listed: Vec<String> = values.iter().map(Value::to_string).collect();
        parts.push(format!("one of {}", listed.join(", ")));
    }
    if let Some(value) = schema.get("const") {
        parts.push(format!("exactly {value}"));
    }
    let mut text = if parts.is_empty() {
        "any".to_string()
    } else {
        parts.join(" | ")
    };
    if let Some(format) = schema.get("format").and_then(Value::as_str) {
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
            json_type(&json!({"type": ["string", "null"], "format": "date-time"})),
            "string | null (date-time)"
        );
        assert_eq!(
            json_type(&json!({"enum": ["Bearer", "MAC"]})),
            "one of \"Bearer\", \"MAC\""
        );
        assert_eq!(
            json_type(&json!({"$ref": "#/$defs/token_type"})),
            "TokenType"
        );
        assert_eq!(json_type(&json!({})), "any");
    }

    #[test]
    fn cells_escape_pipes_and_newlines() {
        assert_eq!(cell("a | b\nc"), "a \\| b<br>c");
    }
}

//! Reading the Rust that typify generated: struct fields and their serde attributes.

/// The `#[serde(rename = "...")]` of an item, if it has one.
pub fn serde_rename(attrs: &[syn::Attribute]) -> Option<String> {
    let mut rename = None;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                let literal: syn::LitStr = meta.value()?.parse()?;
                rename = Some(literal.value());
            } else if meta.input.peek(syn::Token![=]) {
                // Skip the value of every other `key = value` entry.
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    rename
}

/// Whether a field has `#[serde(default)]` or `#[serde(default = "...")]`.
pub fn has_serde_default(attrs: &[syn::Attribute]) -> bool {
    let mut found = false;
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        let _ = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("default") {
                found = true;
            }
            if meta.input.peek(syn::Token![=]) {
                let _: syn::Expr = meta.value()?.parse()?;
            }
            Ok(())
        });
    }
    found
}

/// The struct named `name` among the items of `file`.
pub fn find_struct<'f>(file: &'f syn::File, name: &str) -> Option<&'f syn::ItemStruct> {
    file.items.iter().find_map(|item| match item {
        syn::Item::Struct(s) if s.ident == name => Some(s),
        _ => None,
    })
}

/// A field's name on the wire: its serde rename, or its identifier.
pub fn wire_name(field: &syn::Field) -> Option<String> {
    let ident = field.ident.as_ref()?.to_string();
    let bare = ident.strip_prefix("r#").unwrap_or(&ident).to_string();
    Some(serde_rename(&field.attrs).unwrap_or(bare))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_renames_and_defaults() {
        let item: syn::ItemStruct = syn::parse_quote! {
            struct T {
                #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
                type_: Option<String>,
                #[serde(skip_serializing_if = "Option::is_none")]
                plain: Option<u8>,
            }
        };
        let fields: Vec<&syn::Field> = item.fields.iter().collect();
        assert_eq!(wire_name(fields[0]).as_deref(), Some("type"));
        assert!(has_serde_default(&fields[0].attrs));
        assert_eq!(wire_name(fields[1]).as_deref(), Some("plain"));
        assert!(!has_serde_default(&fields[1].attrs));
    }
}

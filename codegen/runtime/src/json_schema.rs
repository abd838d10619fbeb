//! `schemars::JsonSchema` for generated types, behind the model crate's `schemars08` and
//! `schemars1` features, so that users can put the models into their OpenAPI documents
//! (dropshot takes schemars 0.8, aide 0.16 and later take schemars 1).
//!
//! The schema a type reports is the schema it was generated from (`generated/schema/`), not
//! one derived from the Rust type: a derived schema would lose what the type cannot say
//! (`minimum`, `format`, `pattern`, a non-nullable `access_token` typed as `Option`), and
//! `writeOnly` on secrets stays as written.

use serde_json::Value;

#[cfg(feature = "schemars1")]
pub use schemars1;
#[cfg(feature = "schemars08")]
pub use schemars08;

/// The schema a generated type was generated from, as a subschema: without the generator's
/// `$comment` header and without `$schema`, which only a document root may carry.
///
/// # Panics
///
/// If `text` is not JSON: it is a file the generator wrote, and the drift check keeps it so.
pub fn schema_value(text: &str) -> Value {
    let mut value: Value = serde_json::from_str(text)
        .unwrap_or_else(|e| panic!("a schema file written by codegen is JSON ({e})"));
    if let Value::Object(members) = &mut value {
        members.remove("$comment");
        members.remove("$schema");
    }
    value
}

/// [`schema_value`] as a schemars 0.8 schema.
#[cfg(feature = "schemars08")]
pub fn schemars08_schema(text: &str) -> schemars08::schema::Schema {
    serde_json::from_value(schema_value(text))
        .unwrap_or_else(|e| panic!("schemars 0.8 reads every schema codegen writes ({e})"))
}

/// [`schema_value`] as a schemars 1 schema.
#[cfg(feature = "schemars1")]
pub fn schemars1_schema(text: &str) -> schemars1::Schema {
    schemars1::Schema::try_from(schema_value(text))
        .unwrap_or_else(|e| panic!("schemars 1 reads every schema codegen writes ({e})"))
}

/// Implements `JsonSchema` (of each enabled schemars version) for a generated type, from
/// the text of the schema it was generated from:
/// `schema_runtime::json_schema!(Credentials, include_str!("../../schema/credentials.json"));`
///
/// The `cfg`s are read in the crate that invokes the macro: its features decide.
#[macro_export]
macro_rules! json_schema {
    ($type:ident, $text:expr) => {
        #[cfg(feature = "schemars08")]
        impl $crate::json_schema::schemars08::JsonSchema for $type {
            fn schema_name() -> ::std::string::String {
                ::std::string::String::from(stringify!($type))
            }
            fn json_schema(
                _: &mut $crate::json_schema::schemars08::r#gen::SchemaGenerator,
            ) -> $crate::json_schema::schemars08::schema::Schema {
                $crate::json_schema::schemars08_schema($text)
            }
        }
        #[cfg(feature = "schemars1")]
        impl $crate::json_schema::schemars1::JsonSchema for $type {
            fn schema_name() -> ::std::borrow::Cow<'static, str> {
                ::std::borrow::Cow::Borrowed(stringify!($type))
            }
            fn json_schema(
                _: &mut $crate::json_schema::schemars1::SchemaGenerator,
            ) -> $crate::json_schema::schemars1::Schema {
                $crate::json_schema::schemars1_schema($text)
            }
        }
    };
}

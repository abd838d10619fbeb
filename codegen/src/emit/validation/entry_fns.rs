//! The functions every entry point carries, written once for both kinds: a schema file's
//! module-level `validate`, `is_valid` and `validate_json` (`super::entry_points`) and a model
//! set component's associated ones (`super::entries`), and the decoders and `Model` impl of a
//! type. Their code names everything through `runtime`, which the caller brings into scope.

use proc_macro2::TokenStream;
use quote::quote;

/// `validate`, `is_valid` and `validate_json` against `source` through the check function at
/// the path `check` (`checks::root`): a schema file's module-level functions, a model set
/// component's associated ones.
pub(super) fn validators(
    source: &str,
    check: &TokenStream,
    validate_json: TokenStream,
) -> TokenStream {
    let validate_doc = format!(" Validates `value` against `{source}`, reporting every violation.");
    let is_valid_doc =
        format!(" Whether `value` is valid against `{source}`; stops at the first violation.");
    let validate_json_doc = format!(
        " Parses `bytes` strictly (UTF-8, no duplicate keys, no trailing data) and validates the document against `{source}`."
    );
    quote! {
        #[doc = #validate_doc]
        pub fn validate(value: &runtime::Value) -> runtime::Result<()> {
            runtime::validation::validate(value, #check)
        }

        #[doc = #is_valid_doc]
        pub fn is_valid(value: &runtime::Value) -> bool {
            runtime::validation::is_valid(value, #check)
        }

        #[doc = #validate_json_doc]
        pub fn validate_json(bytes: &[u8]) -> runtime::Result<()> {
            #validate_json
        }
    }
}

/// `from_json`, `from_json_str` and `from_json_value` of a type checked by the function at
/// `check` (what validates it is `subject` in their docs), `from_json` doing `from_json`.
pub(super) fn decoders(check: &TokenStream, from_json: TokenStream, subject: &str) -> TokenStream {
    let from_json_doc =
        format!(" Parses `bytes` strictly, validates them against {subject} and decodes them.");
    quote! {
        #[doc = #from_json_doc]
        /// Every violation is reported, located by JSON Pointer.
        pub fn from_json(bytes: &[u8]) -> runtime::Result<Self> {
            #from_json
        }

        /// [`Self::from_json`] for text.
        pub fn from_json_str(text: &str) -> runtime::Result<Self> {
            Self::from_json(text.as_bytes())
        }

        /// Validates an already parsed value and decodes it.
        pub fn from_json_value(value: runtime::Value) -> runtime::Result<Self> {
            runtime::decode::from_value(value, #check)
        }
    }
}

/// The registry's `Model` impl of a type with decoders.
pub(super) fn model_impl(ty: &syn::Ident) -> TokenStream {
    quote! {
        impl runtime::registry::Model for #ty {
            fn from_json_value(value: runtime::Value) -> runtime::Result<Self> {
                Self::from_json_value(value)
            }
        }
    }
}

//! `documented_examples.rs` of the model crate: every example the listed OpenAPI documents
//! carry, with the verdict of the `jsonschema` crate on it when generating, and the test that
//! holds the generated validators and types to it (`schema_runtime::registry::check_examples`):
//! the same verdict, and every valid example of a component decoded and encoded back.

use crate::directions::Direction;
use crate::examples::Checked;

/// The module's file, or nothing when no example was checked. `checks` holds the validator
/// function of each example's schema where there is one, in the same order (or nothing,
/// without validators).
pub(super) fn module(
    checked: &[Checked],
    checks: &[Option<proc_macro2::TokenStream>],
) -> Option<syn::File> {
    if checked.is_empty() {
        return None;
    }
    let examples = checked.iter().enumerate().map(|(index, example)| {
        let check = match checks.get(index).and_then(Option::as_ref) {
            Some(path) => quote::quote! {
                Some(|value| ::schema_runtime::validation::validate(value, #path))
            },
            None => quote::quote! { None },
        };
        let pointer = &example.pointer;
        let entry = match &example.entry {
            // No type of the user's is in scope here to shadow the prelude's.
            Some(name) => quote::quote! { Some(#name) },
            None => quote::quote! { None },
        };
        let direction = match example.direction {
            // By path: a `use` would go unused in a crate whose examples have no direction.
            Some(Direction::Request) => {
                quote::quote! { Some(::schema_runtime::registry::Direction::Request) }
            }
            Some(Direction::Response) => {
                quote::quote! { Some(::schema_runtime::registry::Direction::Response) }
            }
            None => quote::quote! { None },
        };
        let valid = example.valid;
        let json = example.value.to_string();
        quote::quote! {
            DocumentedExample {
                pointer: #pointer,
                entry: #entry,
                direction: #direction,
                check: #check,
                valid: #valid,
                json: #json,
            }
        }
    });
    Some(syn::parse_quote! {
        //! The examples of the OpenAPI documents `codegen.toml` lists, with the verdict of the
        //! `jsonschema` crate when they were generated.

        use ::schema_runtime::registry::DocumentedExample;

        /// Every documented example, in document order.
        pub const EXAMPLES: &[DocumentedExample] = &[#(#examples),*];

        #[cfg(test)]
        mod tests {
            /// The generated validators agree with the recorded verdicts, and every valid
            /// example of a component decodes into its type and encodes back, valid.
            #[test]
            fn documented_examples_agree_and_decode() {
                let report = ::schema_runtime::registry::check_examples(super::EXAMPLES, super::super::SCHEMAS);
                println!(
                    "documented examples: {} checked by the generated validators; of components: {} decoded, {} of them exactly as written, {} directed ones not decoded",
                    report.checked, report.decoded, report.exact, report.directed
                );
                assert!(report.failures.is_empty(), "{}", report.failures.join("\n"));
            }
        }
    })
}

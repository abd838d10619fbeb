//! How generated Rust is laid out, so that it reads like hand-written code: `prettyplease`'s
//! formatting, doc comments written `/// text`, a blank line between items (but for a run of
//! `use` declarations), the prelude's types by their prelude names (`Option<String>`,
//! not `::std::option::Option<::std::string::String>` as typify spells them) and serde's
//! traits imported once per module (`#[derive(Deserialize)]`, not
//! `#[derive(::serde::Deserialize)]`), wherever no item of the file takes the name.
//!
//! `prettyplease` keeps no blank lines, so a marker item goes between the items to be spaced,
//! and the lines that hold only the marker become blank after formatting. A whole line of the
//! marker cannot come from anything else the generator writes: no identifier it makes starts
//! with two underscores, and a string literal that holds the line would hold its quotes too.

use std::collections::BTreeSet;

use syn::visit::{self, Visit};
use syn::visit_mut::{self, VisitMut};

/// The marker item, as `prettyplease` prints it.
const MARKER: &str = "const __codegen_blank_line__: () = ();";

/// Prelude types typify names by their full path, and that path.
const PRELUDE_PATHS: &[(&str, [&str; 3])] = &[
    ("Option", ["std", "option", "Option"]),
    ("String", ["std", "string", "String"]),
    ("Vec", ["std", "vec", "Vec"]),
    ("Box", ["std", "boxed", "Box"]),
    ("Result", ["std", "result", "Result"]),
];

/// serde's names typify spells out (`::serde::Deserialize`), which a module imports instead.
const SERDE_NAMES: &[&str] = &["Deserialize", "Deserializer", "Serialize"];

/// `file`, formatted.
pub fn unparse(mut file: syn::File) -> String {
    let mut taken = ItemNames::default();
    taken.visit_file(&file);
    PreludePaths { taken: &taken.0 }.visit_file_mut(&mut file);
    import_serde(&mut file.items, &taken.0);
    Spacing::new().visit_file_mut(&mut file);
    let text = prettyplease::unparse(&file);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len());
    for (index, line) in lines.iter().enumerate() {
        let doc = |at: Option<usize>| {
            at.and_then(|at| lines.get(at))
                .is_some_and(|l| l.trim_start().starts_with("///"))
        };
        if line.trim() == MARKER {
            out.push('\n');
        } else if line.trim() == "///" && !doc(index.checked_sub(1)) && !doc(Some(index + 1)) {
            // An empty description (`"description": ""`) documents nothing.
        } else {
            out.push_str(line);
        }
    }
    out
}

/// The marker, parsed once for each place items sit.
struct Spacing {
    in_modules: syn::Item,
    in_impls: syn::ImplItem,
}

impl Spacing {
    fn new() -> Spacing {
        Spacing {
            in_modules: syn::parse_str(MARKER).expect("the marker is an item"),
            in_impls: syn::parse_str(MARKER).expect("the marker is an associated item"),
        }
    }
}

impl VisitMut for Spacing {
    fn visit_file_mut(&mut self, file: &mut syn::File) {
        visit_mut::visit_file_mut(self, file);
        file.items = spaced(std::mem::take(&mut file.items), &self.in_modules);
    }

    fn visit_item_mod_mut(&mut self, module: &mut syn::ItemMod) {
        visit_mut::visit_item_mod_mut(self, module);
        if let Some((_, items)) = &mut module.content {
            *items = spaced(std::mem::take(items), &self.in_modules);
        }
    }

    fn visit_item_impl_mut(&mut self, block: &mut syn::ItemImpl) {
        visit_mut::visit_item_impl_mut(self, block);
        block.items = spaced(std::mem::take(&mut block.items), &self.in_impls);
    }

    fn visit_attribute_mut(&mut self, attribute: &mut syn::Attribute) {
        if let syn::Meta::NameValue(doc) = &mut attribute.meta
            && doc.path.is_ident("doc")
            && let syn::Expr::Lit(syn::ExprLit {
                lit: syn::Lit::Str(text),
                ..
            }) = &mut doc.value
        {
            let value = text.value();
            if !value.is_empty() && !value.starts_with([' ', '\n']) {
                *text = syn::LitStr::new(&format!(" {value}"), text.span());
            }
        }
    }
}

/// Every name an item of the file defines or imports, in any of its modules.
#[derive(Default)]
struct ItemNames(BTreeSet<String>);

impl<'a> Visit<'a> for ItemNames {
    fn visit_item(&mut self, item: &'a syn::Item) {
        let ident = match item {
            syn::Item::Struct(item) => Some(&item.ident),
            syn::Item::Enum(item) => Some(&item.ident),
            syn::Item::Type(item) => Some(&item.ident),
            syn::Item::Union(item) => Some(&item.ident),
            syn::Item::Trait(item) => Some(&item.ident),
            syn::Item::Mod(item) => Some(&item.ident),
            _ => None,
        };
        if let Some(ident) = ident {
            self.0.insert(ident.to_string());
        }
        visit::visit_item(self, item);
    }

    fn visit_use_name(&mut self, name: &'a syn::UseName) {
        self.0.insert(name.ident.to_string());
    }

    fn visit_use_rename(&mut self, rename: &'a syn::UseRename) {
        self.0.insert(rename.rename.to_string());
    }

    fn visit_use_glob(&mut self, _: &'a syn::UseGlob) {
        // A glob of the generator's own (`schema_runtime::check::*`) brings no prelude name.
    }
}

struct PreludePaths<'t> {
    taken: &'t BTreeSet<String>,
}

impl VisitMut for PreludePaths<'_> {
    /// serde's `skip_serializing_if = "::std::option::Option::is_none"`, a path in a string.
    fn visit_meta_list_mut(&mut self, list: &mut syn::MetaList) {
        const SPELLED_OUT: &str = "\"::std::option::Option::is_none\"";
        if list.path.is_ident("serde") && !self.taken.contains("Option") {
            let text = list.tokens.to_string();
            if text.contains(SPELLED_OUT)
                && let Ok(tokens) = text.replace(SPELLED_OUT, "\"Option::is_none\"").parse()
            {
                list.tokens = tokens;
            }
        }
        visit_mut::visit_meta_list_mut(self, list);
    }

    /// `::std::option::Option<T>`, and `::std::string::String::deserialize` too.
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        visit_mut::visit_path_mut(self, path);
        if path.leading_colon.is_none() || path.segments.len() < 3 {
            return;
        }
        let names: Vec<String> = path
            .segments
            .iter()
            .take(3)
            .map(|s| s.ident.to_string())
            .collect();
        let prelude = PRELUDE_PATHS
            .iter()
            .any(|(name, full)| *full == names.as_slice() && !self.taken.contains(*name));
        if prelude {
            path.leading_colon = None;
            path.segments = std::mem::take(&mut path.segments)
                .into_iter()
                .skip(2)
                .collect();
        }
    }
}

/// Gives each module (the file, and every inline `mod`) a `use serde::{...}` of the serde
/// names its own items spell out, and writes them short.
fn import_serde(items: &mut Vec<syn::Item>, taken: &BTreeSet<String>) {
    let mut paths = SerdePaths {
        taken,
        used: BTreeSet::new(),
    };
    for item in items.iter_mut() {
        match item {
            syn::Item::Mod(syn::ItemMod {
                content: Some((_, inner)),
                ..
            }) => import_serde(inner, taken),
            item => paths.visit_item_mut(item),
        }
    }
    if paths.used.is_empty() {
        return;
    }
    let names = paths
        .used
        .iter()
        .map(|n| syn::Ident::new(n, proc_macro2::Span::call_site()));
    let import: syn::Item = if paths.used.len() == 1 {
        syn::parse_quote! { use serde::#(#names)*; }
    } else {
        syn::parse_quote! { use serde::{#(#names),*}; }
    };
    items.insert(0, import);
}

/// Shortens `::serde::<name>` paths of one module's items, and notes the names.
struct SerdePaths<'t> {
    taken: &'t BTreeSet<String>,
    used: BTreeSet<&'static str>,
}

impl VisitMut for SerdePaths<'_> {
    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        visit_mut::visit_path_mut(self, path);
        if path.leading_colon.is_none()
            || path.segments.len() < 2
            || path.segments[0].ident != "serde"
        {
            return;
        }
        let second = path.segments[1].ident.to_string();
        let Some(name) = SERDE_NAMES
            .iter()
            .find(|n| **n == second && !self.taken.contains(**n))
        else {
            return;
        };
        self.used.insert(name);
        path.leading_colon = None;
        path.segments = std::mem::take(&mut path.segments)
            .into_iter()
            .skip(1)
            .collect();
    }

    fn visit_item_mod_mut(&mut self, _: &mut syn::ItemMod) {
        // An inline module imports for itself (`import_serde`).
    }

    /// `#[derive(...)]` holds its paths as tokens, which the path visitor does not see.
    fn visit_attribute_mut(&mut self, attribute: &mut syn::Attribute) {
        type Paths = syn::punctuated::Punctuated<syn::Path, syn::Token![,]>;
        if !attribute.path().is_ident("derive") {
            return;
        }
        let Ok(mut paths) = attribute.parse_args_with(Paths::parse_terminated) else {
            return;
        };
        paths.iter_mut().for_each(|path| self.visit_path_mut(path));
        if let syn::Meta::List(list) = &mut attribute.meta {
            list.tokens = quote::quote! { #paths };
        }
    }
}

/// `items` with a marker between each two, but between two `use` declarations.
fn spaced<T: IsUse + Clone>(items: Vec<T>, marker: &T) -> Vec<T> {
    let mut out = Vec::with_capacity(items.len() * 2);
    for item in items {
        if out
            .last()
            .is_some_and(|last: &T| !(last.is_use() && item.is_use()))
        {
            out.push(marker.clone());
        }
        out.push(item);
    }
    out
}

trait IsUse {
    fn is_use(&self) -> bool;
}

impl IsUse for syn::Item {
    fn is_use(&self) -> bool {
        matches!(self, syn::Item::Use(_))
    }
}

impl IsUse for syn::ImplItem {
    fn is_use(&self) -> bool {
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_spaced_and_docs_start_with_a_space() {
        let file: syn::File = syn::parse_quote! {
            use a::b;
            use c::d;
            #[doc = "A thing."]
            #[serde(skip_serializing_if = "::std::option::Option::is_none")]
            pub struct S(::std::option::Option<::std::string::String>);
            impl S {
                fn one() {}
                fn two() {}
            }
            mod m {
                fn three() {}
                fn four() -> &'static str { "const __codegen_blank_line__: () = ();" }
            }
            #[doc = ""]
            pub struct Undocumented {
                #[doc = "One."]
                #[doc = ""]
                #[doc = "Two."]
                pub field: u8,
            }
        };
        assert_eq!(
            unparse(file),
            "use a::b;\nuse c::d;\n\n/// A thing.\n#[serde(skip_serializing_if = \"Option::is_none\")]\npub struct S(Option<String>);\n\nimpl S {\n    fn one() {}\n\n    fn two() {}\n}\n\nmod m {\n    fn three() {}\n\n    fn four() -> &'static str {\n        \"const __codegen_blank_line__: () = ();\"\n    }\n}\n\npub struct Undocumented {\n    /// One.\n    ///\n    /// Two.\n    pub field: u8,\n}\n"
        );
    }

    #[test]
    fn each_module_imports_the_serde_names_its_items_use() {
        let file: syn::File = syn::parse_quote! {
            #[derive(::serde::Deserialize, ::serde::Serialize, Clone)]
            pub struct A(u8);
            impl<'de> ::serde::Deserialize<'de> for B {
                fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                    ::std::string::String::deserialize(d).map_err(<D::Error as ::serde::de::Error>::custom)
                }
            }
            mod fast {
                #[derive(::serde::Deserialize)]
                struct Wire;
            }
        };
        let text = unparse(file);
        assert!(text.starts_with("use serde::{Deserialize, Deserializer, Serialize};\n\n#[derive(Deserialize, Serialize, Clone)]"), "{text}");
        assert!(text.contains("String::deserialize(d)"), "{text}");
        assert!(text.contains("<D::Error as ::serde::de::Error>"), "{text}");
        assert!(
            text.contains("mod fast {\n    use serde::Deserialize;\n\n    #[derive(Deserialize)]"),
            "{text}"
        );
    }

    #[test]
    fn a_serde_name_the_file_takes_keeps_its_full_path() {
        let file: syn::File = syn::parse_quote! {
            #[derive(::serde::Serialize)]
            pub struct Serialize(u8);
        };
        assert_eq!(
            unparse(file),
            "#[derive(::serde::Serialize)]\npub struct Serialize(u8);\n"
        );
    }

    #[test]
    fn a_prelude_name_the_file_takes_keeps_its_full_path() {
        let file: syn::File = syn::parse_quote! {
            pub struct Option(::std::option::Option<::std::vec::Vec<u8>>);
        };
        assert_eq!(
            unparse(file),
            "pub struct Option(::std::option::Option<Vec<u8>>);\n"
        );
    }
}

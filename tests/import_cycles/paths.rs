//! The paths a file names, for `import_cycles.rs`: those of `use` trees, expressions, types,
//! patterns and macro arguments, each with the module it is written in.

use std::path::PathBuf;

use proc_macro2::{TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::punctuated::Punctuated;
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Ident, ImplItem, Item, ItemMod, ItemUse, Meta, Token, UseTree};

/// A module's path from its crate root: `["emit", "types"]`; the root is `[]`.
pub(super) type ModulePath = Vec<String>;

/// Macros whose tokens are not paths of the crate that calls them: `quote!` writes code of
/// the generated crate, and `macro_rules!` holds fragments that become paths only where the
/// macro is expanded.
const FOREIGN_TOKENS: &[&str] = &[
    "quote",
    "quote_spanned",
    "parse_quote",
    "parse_quote_spanned",
    "macro_rules",
];

/// Every path of a file whose module is `module`, test-only code left out.
pub(super) fn references(file: &syn::File, module: &ModulePath) -> Vec<Reference> {
    let mut collector = Collector {
        scope: module.clone(),
        references: Vec::new(),
    };
    collector.visit_file(file);
    collector.references
}

/// A path as written, in the module (the file's or an inline one) it is written in.
pub(super) struct Reference {
    pub(super) scope: ModulePath,
    pub(super) global: bool,
    pub(super) segments: Vec<String>,
    /// The name a `use` binds it to; `None` for globs and for paths outside `use`.
    pub(super) binds: Option<String>,
    /// Outside `use`, the last segment is an item (`demo::parse()`), even where a module
    /// has the same name: modules and values are in different namespaces.
    pub(super) ends_in_item: bool,
    /// As it reads in the source, for the report.
    pub(super) text: String,
}

/// Collects the paths of one file.
struct Collector {
    scope: ModulePath,
    references: Vec<Reference>,
}

impl Collector {
    fn add_import(
        &mut self,
        global: bool,
        segments: Vec<String>,
        binds: Option<String>,
        text: String,
    ) {
        self.references.push(Reference {
            scope: self.scope.clone(),
            global,
            segments,
            binds,
            ends_in_item: false,
            text,
        });
    }

    fn add_path(&mut self, global: bool, segments: Vec<String>) {
        // A single name is a local, `self` or an item in scope: whatever brought the item
        // into scope, a `use` or a declaration, already is or needs no edge.
        if segments.len() < 2 && !global {
            return;
        }
        self.references.push(Reference {
            scope: self.scope.clone(),
            global,
            text: format!("{}{}", if global { "::" } else { "" }, segments.join("::")),
            segments,
            binds: None,
            ends_in_item: true,
        });
    }

    fn add_use(&mut self, global: bool, tree: &UseTree, prefix: &mut Vec<String>) {
        let colons = if global { "::" } else { "" };
        let (name, rename) = match tree {
            UseTree::Path(path) => {
                prefix.push(ident(&path.ident));
                self.add_use(global, &path.tree, prefix);
                prefix.pop();
                return;
            }
            UseTree::Group(group) => {
                for tree in &group.items {
                    self.add_use(global, tree, prefix);
                }
                return;
            }
            UseTree::Glob(_) => {
                let text = format!("use {colons}{}::*", prefix.join("::"));
                self.add_import(global, prefix.clone(), None, text);
                return;
            }
            UseTree::Name(name) => (ident(&name.ident), None),
            UseTree::Rename(rename) => (ident(&rename.ident), Some(ident(&rename.rename))),
        };
        let mut segments = prefix.clone();
        let written = if name == "self" {
            // `use crate::emit::{self}` imports the module the group is in.
            format!("{}::{{self}}", prefix.join("::"))
        } else {
            segments.push(name.clone());
            segments.join("::")
        };
        let renamed = rename
            .as_ref()
            .map(|rename| format!(" as {rename}"))
            .unwrap_or_default();
        let text = format!("use {colons}{written}{renamed}");
        let binds = rename.or_else(|| segments.last().cloned());
        self.add_import(global, segments, binds, text);
    }

    /// The paths in tokens that are not expressions (`vec![x; n]`, `matches!(x, A if b)`):
    /// every `a::b::c` run of identifiers.
    fn scan(&mut self, tokens: TokenStream) {
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                TokenTree::Group(group) => self.scan(group.stream()),
                TokenTree::Ident(first) => {
                    let mut segments = vec![ident(first)];
                    while let [
                        TokenTree::Punct(a),
                        TokenTree::Punct(b),
                        TokenTree::Ident(next),
                        ..,
                    ] = &tokens[i + 1..]
                    {
                        if a.as_char() != ':' || b.as_char() != ':' {
                            break;
                        }
                        segments.push(ident(next));
                        i += 3;
                    }
                    self.add_path(false, segments);
                }
                _ => {}
            }
            i += 1;
        }
    }
}

impl<'ast> Visit<'ast> for Collector {
    fn visit_item(&mut self, item: &'ast Item) {
        if !test_only(item_attributes(item)) {
            visit::visit_item(self, item);
        }
    }

    fn visit_impl_item(&mut self, item: &'ast ImplItem) {
        if !test_only(impl_item_attributes(item)) {
            visit::visit_impl_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, module: &'ast ItemMod) {
        if let Some((_, items)) = &module.content {
            self.scope.push(ident(&module.ident));
            for item in items {
                self.visit_item(item);
            }
            self.scope.pop();
        }
    }

    fn visit_item_use(&mut self, item: &'ast ItemUse) {
        self.add_use(item.leading_colon.is_some(), &item.tree, &mut Vec::new());
    }

    fn visit_path(&mut self, path: &'ast syn::Path) {
        let segments = path.segments.iter().map(|s| ident(&s.ident)).collect();
        self.add_path(path.leading_colon.is_some(), segments);
        visit::visit_path(self, path);
    }

    // `pub(in crate::emit)` says who may see an item; it imports nothing.
    fn visit_visibility(&mut self, _: &'ast syn::Visibility) {}

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        self.visit_path(&mac.path);
        let name = mac.path.segments.last().map(|s| ident(&s.ident));
        if name.is_some_and(|name| FOREIGN_TOKENS.contains(&name.as_str())) {
            return;
        }
        match mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated) {
            Ok(arguments) => {
                for argument in &arguments {
                    self.visit_expr(argument);
                }
            }
            Err(_) => self.scan(mac.tokens.clone()),
        }
    }
}

pub(super) fn ident(ident: &Ident) -> String {
    ident.unraw().to_string()
}

/// Whether `#[cfg(...)]` keeps the item out of every build but the tests'.
pub(super) fn test_only(attributes: &[Attribute]) -> bool {
    attributes.iter().any(|attribute| {
        attribute.path().is_ident("cfg")
            && attribute
                .parse_args::<Meta>()
                .is_ok_and(|predicate| implies_test(&predicate))
    })
}

fn implies_test(predicate: &Meta) -> bool {
    match predicate {
        Meta::Path(path) => path.is_ident("test"),
        Meta::List(list) => {
            let Ok(arguments) =
                list.parse_args_with(Punctuated::<Meta, Token![,]>::parse_terminated)
            else {
                return false;
            };
            if list.path.is_ident("all") {
                arguments.iter().any(implies_test)
            } else if list.path.is_ident("any") {
                !arguments.is_empty() && arguments.iter().all(implies_test)
            } else {
                false
            }
        }
        Meta::NameValue(_) => false,
    }
}

/// The file a `#[path = "..."]` puts a module in.
pub(super) fn path_attribute(attributes: &[Attribute]) -> Option<PathBuf> {
    attributes
        .iter()
        .find_map(|attribute| match &attribute.meta {
            Meta::NameValue(pair) if pair.path.is_ident("path") => match &pair.value {
                Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(path),
                    ..
                }) => Some(PathBuf::from(path.value())),
                _ => None,
            },
            _ => None,
        })
}

fn item_attributes(item: &Item) -> &[Attribute] {
    match item {
        Item::Const(item) => &item.attrs,
        Item::Enum(item) => &item.attrs,
        Item::ExternCrate(item) => &item.attrs,
        Item::Fn(item) => &item.attrs,
        Item::ForeignMod(item) => &item.attrs,
        Item::Impl(item) => &item.attrs,
        Item::Macro(item) => &item.attrs,
        Item::Mod(item) => &item.attrs,
        Item::Static(item) => &item.attrs,
        Item::Struct(item) => &item.attrs,
        Item::Trait(item) => &item.attrs,
        Item::TraitAlias(item) => &item.attrs,
        Item::Type(item) => &item.attrs,
        Item::Union(item) => &item.attrs,
        Item::Use(item) => &item.attrs,
        _ => &[],
    }
}

fn impl_item_attributes(item: &ImplItem) -> &[Attribute] {
    match item {
        ImplItem::Const(item) => &item.attrs,
        ImplItem::Fn(item) => &item.attrs,
        ImplItem::Type(item) => &item.attrs,
        ImplItem::Macro(item) => &item.attrs,
        _ => &[],
    }
}

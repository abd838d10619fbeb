//! OpenAPI's discriminated unions: a `oneOf`/`anyOf` of references with a `discriminator`
//! names the member whose value (the tag) says which alternative a payload is.
//!
//! typify ignores `discriminator` and writes an untagged enum, which decodes a payload into
//! the first alternative that accepts it: under `anyOf`, or with alternatives that do not
//! refuse each other's tags, the wrong one. [`read`] takes the tags from the document while
//! it is bundled (a mapping's entries, and the component's name for an alternative the
//! mapping leaves out, as the specification says); [`tag`] then finds typify's enum by its
//! variants' types, names the variants after their tags and gives the enum a `Deserialize`
//! that picks the variant by the tag. A payload with a tag the union does not know still
//! decodes if an alternative accepts it (the schema decides what is valid, and a valid
//! payload must decode); otherwise the error names the known tags.
//!
//! Not serde's `#[serde(tag = "…")]`: serde removes the tag from the members the variant
//! decodes, and writes it again before them, while here each variant is a component type
//! that declares the tag member itself (and may require it). The variant decodes the whole
//! payload, and encoding writes the variant as it is, so the tag is written once. Validation
//! is unchanged: the `oneOf`/`anyOf` is checked as the schema says.

use std::collections::{BTreeMap, BTreeSet};

use proc_macro2::TokenStream;
use quote::{format_ident, quote};
use serde_json::Value;
use syn::visit_mut::VisitMut;

use super::derives::{drop_derive, has_derive};
use super::info::has_serde_flag;
use crate::names;
use crate::resolve::Place;

/// What a schema's `discriminator` says, before its references are followed.
pub struct Discriminator {
    /// `oneOf` or `anyOf`.
    pub keyword: &'static str,
    pub alternatives: usize,
    property: String,
    /// (tag, reference) in the document's order; a bare name is a component's.
    pub mapping: Vec<(String, String)>,
}

impl Discriminator {
    /// The discriminator of `schema`, if it has one beside alternatives.
    pub fn of(schema: &Value) -> Option<Self> {
        let property = schema.pointer("/discriminator/propertyName")?.as_str()?;
        let (keyword, alternatives) = ["oneOf", "anyOf"]
            .into_iter()
            .find_map(|k| Some((k, schema.get(k)?.as_array()?.len())))?;
        let mapping = schema
            .pointer("/discriminator/mapping")
            .and_then(Value::as_object)
            .into_iter()
            .flatten()
            .filter_map(|(tag, target)| {
                let target = target.as_str()?;
                // "schema names or references": a name has neither `/` nor `#`.
                let reference = if target.contains(['/', '#']) {
                    target.to_string()
                } else {
                    format!("#/components/schemas/{target}")
                };
                Some((tag.clone(), reference))
            })
            .collect();
        Some(Self {
            keyword,
            alternatives,
            property: property.to_string(),
            mapping,
        })
    }

    /// The union, given where each alternative's `$ref` leads (`None`: no reference, or to
    /// nothing typed) with its definition's name, and where each mapping entry leads. An
    /// entry that leads to no alternative names no variant: its tag is one the union does
    /// not know.
    pub fn union(
        self,
        place: &Place,
        alternatives: Vec<Option<(Place, String)>>,
        mapped: &[Option<Place>],
    ) -> Result<Union, Ignored> {
        let mut variants = Vec::new();
        for (index, alternative) in alternatives.into_iter().enumerate() {
            let Some((target, type_name)) = alternative else {
                return Err(Ignored {
                    place: place.child([self.keyword, index.to_string().as_str()]),
                    reason: "this alternative is no `$ref` to a schema".to_string(),
                });
            };
            let explicit: Vec<String> = self
                .mapping
                .iter()
                .zip(mapped)
                .filter(|(_, to)| to.as_ref() == Some(&target))
                .map(|((tag, _), _)| tag.clone())
                .collect();
            let named = !explicit.is_empty();
            let tags = if named {
                explicit
            } else {
                // The implicit tag: the name of the component the alternative refers to.
                let last = target.pointer.rsplit('/').next().unwrap_or_default();
                vec![last.replace("~1", "/").replace("~0", "~")]
            };
            variants.push(Variant {
                type_name,
                tags,
                named,
            });
        }
        Ok(Union {
            place: place.clone(),
            property: self.property,
            variants,
        })
    }
}

/// A discriminated union of the typify input: its alternatives' definitions, in order.
#[derive(Debug, Clone)]
pub struct Union {
    pub place: Place,
    property: String,
    variants: Vec<Variant>,
}

#[derive(Debug, Clone)]
struct Variant {
    /// The definition the alternative refers to: typify's name of its type.
    type_name: String,
    tags: Vec<String>,
    /// The mapping names it: the variant is named after its tag.
    named: bool,
}

/// A discriminator the types leave to typify (decoding tries the alternatives in order).
#[derive(Debug, Clone)]
pub struct Ignored {
    pub place: Place,
    pub reason: String,
}

/// Makes typify's untagged enum of each union decode by the tag; the unions whose enum was
/// not found (typify merged or reordered the alternatives) are returned.
pub fn tag(file: &mut syn::File, unions: &[Union]) -> Vec<Union> {
    let mut missed = Vec::new();
    for union in unions {
        let Some(index) = file.items.iter().position(|item| is_enum_of(item, union)) else {
            missed.push(union.clone());
            continue;
        };
        let syn::Item::Enum(item) = &mut file.items[index] else {
            continue;
        };
        let renames = variant_names(item, union);
        let name = item.ident.clone();
        drop_derive(&mut item.attrs, "Deserialize");
        for variant in &mut item.variants {
            if let Some(new) = renames.get(&variant.ident.to_string()) {
                variant.ident = format_ident!("{new}");
            }
        }
        let variants: Vec<syn::Ident> = item.variants.iter().map(|v| v.ident.clone()).collect();
        RenameVariants {
            enum_name: name.to_string(),
            renames: &renames,
            in_impl: false,
        }
        .visit_file_mut(file);
        let decode_tokens = deserialize_impl(&name, union, &variants);
        let decode: syn::ItemImpl = syn::parse_quote!(#decode_tokens);
        file.items.insert(index + 1, syn::Item::Impl(decode));
    }
    missed
}

/// typify's untagged enum with one newtype variant per alternative, in order, that no
/// union has tagged yet (two unions of the same alternatives, one typify type: one impl).
fn is_enum_of(item: &syn::Item, union: &Union) -> bool {
    let syn::Item::Enum(item) = item else {
        return false;
    };
    has_serde_flag(&item.attrs, "untagged")
        && has_derive(&item.attrs, "Deserialize")
        && item.variants.len() == union.variants.len()
        && item
            .variants
            .iter()
            .zip(&union.variants)
            .all(|(variant, wanted)| inner_type(variant).is_some_and(|t| t == wanted.type_name))
}

/// The name of the type a newtype variant holds (through a `Box`).
fn inner_type(variant: &syn::Variant) -> Option<String> {
    let syn::Fields::Unnamed(fields) = &variant.fields else {
        return None;
    };
    let [field] = fields.unnamed.iter().collect::<Vec<_>>()[..] else {
        return None;
    };
    let mut ty = &field.ty;
    loop {
        let syn::Type::Path(path) = ty else {
            return None;
        };
        let last = path.path.segments.last()?;
        if last.ident != "Box" {
            return Some(last.ident.to_string());
        }
        let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
            return None;
        };
        let Some(syn::GenericArgument::Type(inner)) = args.args.first() else {
            return None;
        };
        ty = inner;
    }
}

/// Variant renames (old → new): a variant the mapping names by one tag is named after it,
/// unless two variants would then share a name.
fn variant_names(item: &syn::ItemEnum, union: &Union) -> BTreeMap<String, String> {
    let wanted: Vec<(String, String)> = item
        .variants
        .iter()
        .zip(&union.variants)
        .map(|(variant, v)| {
            let old = variant.ident.to_string();
            let new = match &v.tags[..] {
                [tag] if v.named => names::variant_name(tag),
                _ => old.clone(),
            };
            (old, new)
        })
        .collect();
    let distinct: BTreeSet<&String> = wanted.iter().map(|(_, new)| new).collect();
    if distinct.len() < wanted.len() || distinct.iter().any(|n| n.is_empty()) {
        return BTreeMap::new();
    }
    wanted.into_iter().filter(|(old, new)| old != new).collect()
}

/// `Deserialize` by the tag: the whole payload decodes into the variant the tag names. A tag
/// the union does not know (or none) is no error while an alternative accepts the payload,
/// since validation follows the schema and the schema may accept it: the alternatives are
/// then tried in order, as typify's untagged enum did. Otherwise the error names the known
/// tags.
fn deserialize_impl(name: &syn::Ident, union: &Union, variants: &[syn::Ident]) -> TokenStream {
    let property = &union.property;
    let known: Vec<&str> = union
        .variants
        .iter()
        .flat_map(|v| v.tags.iter().map(String::as_str))
        .collect();
    let arms = union.variants.iter().zip(variants).map(|(v, ident)| {
        let tags = &v.tags;
        quote! {
            Some(#(#tags)|*) => ::serde_json::from_value(value).map(Self::#ident).map_err(D::Error::custom),
        }
    });
    let doc = format!(" Decodes the variant that `{property}` names.");
    quote! {
        #[doc = #doc]
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D>(deserializer: D) -> ::std::result::Result<Self, D::Error>
            where
                D: ::serde::Deserializer<'de>,
            {
                use ::serde::de::Error as _;
                const TAGS: &[&str] = &[#(#known),*];
                let value: ::serde_json::Value = ::serde::Deserialize::deserialize(deserializer)?;
                let tag = value.get(#property).and_then(::serde_json::Value::as_str);
                match tag {
                    #(#arms)*
                    _ => {
                        #(
                            if let Ok(decoded) = ::serde_json::from_value(value.clone()) {
                                return Ok(Self::#variants(decoded));
                            }
                        )*
                        Err(match tag {
                            Some(other) => D::Error::unknown_variant(other, TAGS),
                            None => D::Error::missing_field(#property),
                        })
                    }
                }
            }
        }
    }
}

/// Renames the variants of one enum wherever typify's code names them: `Enum::Old`, and
/// `Self::Old` in the enum's own impls.
struct RenameVariants<'a> {
    enum_name: String,
    renames: &'a BTreeMap<String, String>,
    in_impl: bool,
}

impl VisitMut for RenameVariants<'_> {
    fn visit_item_impl_mut(&mut self, item: &mut syn::ItemImpl) {
        let outer = self.in_impl;
        self.in_impl = matches!(&*item.self_ty, syn::Type::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == self.enum_name));
        syn::visit_mut::visit_item_impl_mut(self, item);
        self.in_impl = outer;
    }

    fn visit_path_mut(&mut self, path: &mut syn::Path) {
        let count = path.segments.len();
        if count >= 2 {
            let owner = path.segments[count - 2].ident.to_string();
            if owner == self.enum_name || (owner == "Self" && self.in_impl) {
                let last = &mut path.segments[count - 1].ident;
                if let Some(new) = self.renames.get(&last.to_string()) {
                    *last = format_ident!("{new}");
                }
            }
        }
        syn::visit_mut::visit_path_mut(self, path);
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn place(pointer: &str) -> Place {
        Place::root(0).child(pointer.split('/').skip(1))
    }

    #[test]
    fn a_mapping_names_its_alternatives_and_the_others_take_their_component_names() {
        let schema = json!({
            "anyOf": [{"$ref": "#/components/schemas/Cat"}, {"$ref": "#/components/schemas/Dog"}, {"$ref": "#/components/schemas/Hen"}],
            "discriminator": {"propertyName": "kind", "mapping": {"cat": "#/components/schemas/Cat", "dog": "Dog", "hound": "Dog"}}
        });
        let discriminator = Discriminator::of(&schema).expect("a discriminator beside anyOf");
        assert_eq!(discriminator.keyword, "anyOf");
        assert_eq!(discriminator.mapping[1].1, "#/components/schemas/Dog");
        let targets = ["Cat", "Dog", "Hen"].map(|n| place(&format!("/components/schemas/{n}")));
        let alternatives = targets
            .iter()
            .map(|t| Some((t.clone(), t.pointer.rsplit('/').next().unwrap().to_string())))
            .collect();
        let mapped = [
            Some(targets[0].clone()),
            Some(targets[1].clone()),
            Some(targets[1].clone()),
        ];
        let union = discriminator
            .union(&place("/components/schemas/Pet"), alternatives, &mapped)
            .expect("every alternative is a reference");
        let tags: Vec<(&[String], bool)> = union
            .variants
            .iter()
            .map(|v| (&v.tags[..], v.named))
            .collect();
        assert_eq!(tags[0], (&["cat".to_string()][..], true));
        assert_eq!(
            tags[1],
            (&["dog".to_string(), "hound".to_string()][..], true)
        );
        assert_eq!(tags[2], (&["Hen".to_string()][..], false));
    }

    #[test]
    fn an_inline_alternative_leaves_the_union_to_typify() {
        let schema = json!({
            "oneOf": [{"$ref": "#/components/schemas/Cat"}, {"type": "object"}],
            "discriminator": {"propertyName": "kind"}
        });
        let discriminator = Discriminator::of(&schema).unwrap();
        let cat = place("/components/schemas/Cat");
        let ignored = discriminator
            .union(
                &place("/components/schemas/Pet"),
                vec![Some((cat, "Cat".into())), None],
                &[],
            )
            .expect_err("an inline alternative has no name to be tagged by");
        assert_eq!(ignored.place.pointer, "/components/schemas/Pet/oneOf/1");
        assert!(Discriminator::of(&json!({"discriminator": {"propertyName": "kind"}})).is_none());
    }
}

use super::*;

fn config(text: &str) -> Config {
    Config::parse(text, "codegen.toml").unwrap()
}

fn roots(own: &str) -> Roots<'_> {
    Roots {
        own,
        others: BTreeSet::from(["Invoice".to_string()]),
    }
}

/// Renames `file` as `text` says, with `Order` as the schema's root type.
fn renamed(mut file: syn::File, text: &str) -> String {
    let config = config(text);
    let mut renames = wanted(&file, &config, &roots("Order")).unwrap();
    renames.everywhere = renames.types.clone();
    renames
        .everywhere
        .insert("Address".to_string(), "Location".to_string());
    apply(&mut file, &renames);
    prettyplease::unparse(&file)
}

fn error(file: &syn::File, text: &str) -> String {
    let config = config(text);
    wanted(file, &config, &roots("Order"))
        .unwrap_err()
        .to_string()
}

/// typify's shapes: a struct with its `Default`, `mod defaults`, a string enum with its
/// `Display`, an untagged enum whose variants are named after types, a builder.
fn order() -> syn::File {
    syn::parse_quote! {
        /// `Order`
        pub struct Order {
            pub kind: Tier,
            #[serde(default = "defaults::order_vip")]
            pub vip: bool,
            #[serde(rename = "ship-to")]
            pub ship_to: super::address::Address,
            #[serde(flatten)]
            pub extra: ::serde_json::Map<String, ::serde_json::Value>,
        }
        impl ::std::default::Default for Order {
            fn default() -> Self {
                Self { kind: Tier::Gold, vip: defaults::order_vip(), ship_to: Default::default(), extra: Default::default() }
            }
        }
        impl Order {
            pub fn builder() -> builder::Order {
                Default::default()
            }
        }
        pub enum Tier { Gold, Silver }
        impl ::std::fmt::Display for Tier {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                match *self { Self::Gold => f.write_str("Gold"), Self::Silver => f.write_str("Silver") }
            }
        }
        #[serde(untagged)]
        pub enum Pet { Order(Order), Tier(Tier) }
        pub mod builder {
            /// A builder of `Order`: each member set or defaulted, or why not.
            pub struct Order {
                kind: ::std::result::Result<super::Tier, ::std::string::String>,
                vip: ::std::result::Result<bool, ::std::string::String>,
            }
            impl Order {
                pub fn vip<T>(mut self, value: T) -> Self {
                    self.vip = value.try_into().map_err(|e| format!("{}", e));
                    self
                }
            }
            impl ::std::convert::TryFrom<Order> for super::Order {
                fn try_from(value: Order) -> Result<Self, super::error::ConversionError> {
                    Ok(Self { kind: value.kind?, vip: value.vip? })
                }
            }
        }
        pub mod defaults {
            pub(super) fn order_tiers() -> Vec<super::Tier> {
                vec![super::Tier::Gold]
            }
            pub(super) fn order() -> super::Order {
                super::Order { kind: super::Tier::Gold, vip: true }
            }
        }
    }
}

const RENAMES: &str = r#"
[type.Order]
rename = "Purchase"
fields = { vip = "is_vip", extra = "others" }

[type.Tier]
rename = "Level"
variants = { Gold = "Premium" }
"#;

#[test]
fn renamed_fields_and_variants_keep_their_wire_names_and_are_followed() {
    let code = renamed(order(), RENAMES);
    assert!(
        code.contains(
            "#[serde(rename = \"vip\", default = \"defaults::order_vip\")]\n    pub is_vip: bool,"
        ),
        "{code}"
    );
    assert!(
        code.contains("#[serde(flatten)]\n    pub others:"),
        "a flattened map has no wire name: {code}"
    );
    assert!(
        code.contains("#[serde(rename = \"Gold\")]\n    Premium,"),
        "{code}"
    );
    for followed in [
        "kind: Level::Premium,\n            is_vip: defaults::order_vip(),",
        "Self::Premium => f.write_str(\"Gold\")",
        "vec![super::Level::Premium]",
        "super::Purchase {\n            kind: super::Level::Premium,\n            is_vip: true,",
    ] {
        assert!(code.contains(followed), "{followed}: {code}");
    }
}

#[test]
fn a_renamed_type_is_followed_but_variants_named_after_it_are_not() {
    let code = renamed(order(), RENAMES);
    assert!(
        code.contains("/// `Purchase`\npub struct Purchase {"),
        "{code}"
    );
    assert!(code.contains("pub enum Level {"), "{code}");
    assert!(
        code.contains("impl ::std::default::Default for Purchase"),
        "{code}"
    );
    assert!(
        code.contains("pub enum Pet {\n    Order(Purchase),\n    Tier(Level),\n}"),
        "an untagged variant keeps its name, and gets no serde rename: {code}"
    );
    assert!(
        code.contains("pub ship_to: super::address::Location,"),
        "another module's renamed type: {code}"
    );
    assert!(
        !code.contains("Order {") && !code.contains("::Order"),
        "{code}"
    );
}

#[test]
fn a_builder_follows_its_struct() {
    let code = renamed(order(), RENAMES);
    assert!(
        code.contains("pub fn builder() -> builder::Purchase"),
        "{code}"
    );
    for followed in [
        "/// A builder of `Purchase`: each member set or defaulted, or why not.\n    pub struct Purchase {\n        kind: ::std::result::Result<super::Level, ::std::string::String>,\n        is_vip:",
        "pub fn is_vip<T>(mut self, value: T) -> Self {\n            self.is_vip = value",
        "impl ::std::convert::TryFrom<Purchase> for super::Purchase",
        "Ok(Self {\n                kind: value.kind?,\n                is_vip: value.is_vip?,\n            })",
    ] {
        assert!(code.contains(followed), "{followed}: {code}");
    }
}

#[test]
fn without_renames_nothing_changes() {
    let mut file = order();
    let before = prettyplease::unparse(&file);
    let config = config("[type.Order]\nbuilder = true\n");
    let renames = wanted(&file, &config, &roots("Order")).unwrap();
    apply(&mut file, &renames);
    assert_eq!(prettyplease::unparse(&file), before);
}

#[test]
fn an_entry_naming_nothing_suggests_the_nearest() {
    let file = order();
    assert_eq!(
        error(&file, "[type.Order]\nfields = { vpi = \"is_vip\" }\n"),
        "codegen.toml:2:12: `type.Order.fields.vpi`: names no field of `Order`; did you mean `vip`?"
    );
    assert_eq!(
        error(&file, "[type.Tier]\nvariants = { Bronze = \"Basic\" }\n"),
        "codegen.toml:2:14: `type.Tier.variants.Bronze`: names no variant of `Tier`; its variants: `Gold`, `Silver`"
    );
    assert_eq!(
        error(&file, "[type.Tier]\nfields = { gold = \"premium\" }\n"),
        "codegen.toml:2:12: `type.Tier.fields.gold`: names no field of `Tier`; it is an enum: its variants are renamed under `variants`"
    );
}

#[test]
fn a_name_that_clashes_or_would_warn_is_refused() {
    let file = order();
    let cases = [
        (
            "[type.Order]\nfields = { vip = \"kind\" }\n",
            "`type.Order.fields.vip`: `kind` is already the name of another field of `Order`",
        ),
        (
            "[type.Order]\nfields = { vip = \"a\", kind = \"a\" }\n",
            "`type.Order.fields.kind`: `a` is also the new name of `Order::vip`",
        ),
        (
            "[type.Tier]\nvariants = { Gold = \"Silver\" }\n",
            "`type.Tier.variants.Gold`: `Silver` is already the name of another variant of `Tier`",
        ),
        (
            "[type.Order]\nrename = \"Pet\"\n",
            "`type.Order.rename`: `Pet` is already the name of another type of this schema",
        ),
        (
            "[type.Order]\nrename = \"Invoice\"\n",
            "`type.Order.rename`: `Invoice` is the name of another schema's root type",
        ),
        (
            "[type.Order]\nrename = \"Option\"\n",
            "`type.Order.rename`: `Option` would shadow the Rust prelude's `Option`",
        ),
        (
            "[type.Order]\nrename = \"purchase\"\n",
            "`type.Order.rename`: `purchase` is not UpperCamelCase, as a type name must be to compile without warnings (like `Purchase`)",
        ),
        (
            "[type.Order]\nfields = { vip = \"isVip\" }\n",
            "`type.Order.fields.vip`: `isVip` is not snake_case, as a field name must be to compile without warnings (like `is_vip`)",
        ),
    ];
    for (text, expected) in cases {
        let message = error(&file, text);
        assert!(message.contains(expected), "{text}: {message}");
    }
    // Swapping two names is no clash.
    let swapped = renamed(
        file,
        "[type.Order]\nfields = { vip = \"kind\", kind = \"vip\" }\n",
    );
    assert!(
        swapped.contains("#[serde(rename = \"kind\")]\n    pub vip: Tier,"),
        "{swapped}"
    );
}

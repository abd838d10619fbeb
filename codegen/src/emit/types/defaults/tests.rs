use super::*;

fn absent(source: &str) -> String {
    let mut file: syn::File = syn::parse_str(source).unwrap();
    leave_absent(&mut file, |name| name != "Kept", |_| false);
    prettyplease::unparse(&file)
}

#[test]
fn defaulted_fields_become_options_with_accessors_and_literals_follow() {
    let out = absent(
        r#"
            #[derive(Clone, Copy)]
            pub enum Mode { #[serde(rename = "fast")] Fast, Slow }
            pub struct Service {
                #[serde(rename = "Retries", default = "defaults::default_u64::<u64, 3>")]
                pub retries: u64,
                #[serde(default)]
                pub verbose: bool,
                #[serde(default = "defaults::service_name")]
                pub name: String,
                #[serde(default = "defaults::service_mode")]
                pub mode: Mode,
                #[serde(default = "defaults::service_opt")]
                pub opt: Option<i64>,
                pub note: String,
                #[serde(flatten)]
                pub extra: ::serde_json::Map<String, ::serde_json::Value>,
            }
            impl Default for Service {
                fn default() -> Self {
                    Self {
                        retries: defaults::default_u64::<u64, 3>(),
                        verbose: Default::default(),
                        name: "other".to_string(),
                        mode: defaults::service_mode(),
                        opt: None,
                        note: Default::default(),
                        extra: ::serde_json::Map::new(),
                    }
                }
            }
            fn listed() -> Vec<Service> { defaults::service_list() }
            pub mod defaults {
                pub(super) fn default_u64<T, const V: u64>() -> T where T: ::std::convert::TryFrom<u64>, <T as ::std::convert::TryFrom<u64>>::Error: ::std::fmt::Debug { T::try_from(V).unwrap() }
                pub(super) fn service_name() -> String { "svc".to_string() }
                pub(super) fn service_mode() -> super::Mode { super::Mode::Fast }
                pub(super) fn service_opt() -> Option<i64> { Option::Some(4_i64) }
                pub(super) fn service_list() -> Vec<super::Service> {
                    vec![super::Service { retries: 1_u64, verbose: true, name: "l".to_string(), mode: super::Mode::Slow, opt: None, note: "n".to_string(), extra: ::serde_json::Map::new() }]
                }
            }
            "#,
    );
    let expected_struct = r#"pub struct Service {
    #[serde(rename = "Retries", skip_serializing_if = "::std::option::Option::is_none")]
    pub retries: ::std::option::Option<u64>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub verbose: ::std::option::Option<bool>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub name: ::std::option::Option<String>,
    #[serde(skip_serializing_if = "::std::option::Option::is_none")]
    pub mode: ::std::option::Option<Mode>,
    #[serde(default = "defaults::service_opt")]
    pub opt: Option<i64>,
    pub note: String,
    #[serde(flatten)]
    pub extra: ::serde_json::Map<String, ::serde_json::Value>,
}
impl Service {
    /// `Retries`, or its default, `3`, when the member is absent.
    pub fn retries(&self) -> u64 {
        self.retries.unwrap_or_else(defaults::default_u64::<u64, 3>)
    }
    /// `verbose`, or its default, `false`, when the member is absent.
    pub fn verbose(&self) -> bool {
        self.verbose.unwrap_or_default()
    }
    /// `name`, or its default, `"svc"`, when the member is absent.
    pub fn name(&self) -> String {
        self.name.clone().unwrap_or_else(defaults::service_name)
    }
    /// `mode`, or its default, `"fast"`, when the member is absent.
    pub fn mode(&self) -> Mode {
        self.mode.unwrap_or_else(defaults::service_mode)
    }
}
impl Default for Service {
    fn default() -> Self {
        Self {
            retries: ::std::option::Option::None,
            verbose: ::std::option::Option::None,
            name: ::std::option::Option::Some("other".to_string()),
            mode: ::std::option::Option::None,
            opt: None,
            note: Default::default(),
            extra: ::serde_json::Map::new(),
        }
    }
}
"#;
    assert!(out.contains(expected_struct), "{out}");
    // prettyplease prints a macro's tokens as they come: `retries : ..`.
    assert!(
        out.contains("retries : ::std::option::Option::Some(1_u64)")
            && out.contains("mode : ::std::option::Option::Some(super::Mode::Slow)"),
        "the list default's literal follows: {out}"
    );
    assert!(out.contains("fn service_opt()"), "{out}");
}

#[test]
fn a_type_that_materialises_its_defaults_is_left_alone() {
    let source = r#"
            pub struct Kept {
                #[serde(default = "defaults::kept_name")]
                pub name: String,
            }
            impl Default for Kept {
                fn default() -> Self { Self { name: defaults::kept_name() } }
            }
            pub mod defaults {
                pub(super) fn kept_name() -> String { "k".to_string() }
            }
            "#;
    let unchanged = prettyplease::unparse(&syn::parse_str(source).unwrap());
    assert_eq!(absent(source), unchanged);
}

#[test]
fn an_accessor_never_shadows_a_method_the_type_has_or_may_have() {
    let out = absent(
        r#"
            pub struct Odd {
                #[serde(default)]
                pub default: bool,
                #[serde(default = "defaults::odd_clone")]
                pub clone: Vec<String>,
                #[serde(default)]
                pub clone_or_default: i64,
                #[serde(default)]
                pub r#type: String,
            }
            pub mod defaults {
                pub(super) fn odd_clone() -> Vec<String> { vec!["a".to_string()] }
            }
            "#,
    );
    for method in [
        "pub fn default_or_default(&self) -> bool",
        "pub fn clone_or_default_2(&self) -> Vec<String>",
        "pub fn clone_or_default(&self) -> i64",
        "pub fn r#type(&self) -> String",
    ] {
        assert!(out.contains(method), "{method}: {out}");
    }
    assert!(
        out.contains("`clone`, or its default, `[\"a\"]`,")
            && out.contains("self.clone.clone().unwrap_or_else(defaults::odd_clone)")
            && out.contains("self.r#type.clone().unwrap_or_default()"),
        "{out}"
    );
}

#[test]
fn a_variant_of_a_struct_s_name_is_not_its_literal() {
    let out = absent(
        r#"
            pub struct Limits {
                #[serde(default)]
                pub max: i64,
            }
            pub enum Bound { Limits { max: i64 } }
            fn bound() -> Bound { Bound::Limits { max: 1_i64 } }
            fn limits() -> Limits { Limits { max: 1_i64 } }
            "#,
    );
    assert!(out.contains("Bound::Limits { max: 1_i64 }"), "{out}");
    assert!(
        out.contains("Limits {\n        max: ::std::option::Option::Some(1_i64),\n    }"),
        "{out}"
    );
}

/// typify writes an object alternative of a `oneOf`/`anyOf` as a struct variant; its
/// defaulted fields are left absent too (no accessor: a variant has no methods of its own),
/// and a literal of the variant follows (cloudify's `timeone`, compilerconfig's `sourceMap`).
#[test]
fn a_struct_variant_leaves_its_defaults_absent() {
    let out = absent(
        r#"
            #[serde(untagged)]
            pub enum Action {
                String(String),
                Object {
                    #[serde(default = "defaults::action_object_timeout")]
                    timeout: f64,
                    #[serde(skip_serializing_if = "Option::is_none")]
                    executor: Option<String>,
                },
            }
            impl Default for Action {
                fn default() -> Self {
                    Action::Object { timeout: defaults::action_object_timeout(), executor: None }
                }
            }
            pub mod defaults {
                pub(super) fn action_object_timeout() -> f64 { 0_f64 }
            }
            "#,
    );
    assert!(
        out.contains(
            "        #[serde(skip_serializing_if = \"::std::option::Option::is_none\")]\n        timeout: ::std::option::Option<f64>,"
        ),
        "{out}"
    );
    assert!(
        out.contains("Action::Object {\n            timeout: ::std::option::Option::None,"),
        "{out}"
    );
    assert!(
        !out.contains("action_object_timeout"),
        "the helper is unused: {out}"
    );
    assert!(!out.contains("pub fn timeout"), "{out}");
}

//! The file's reading: levels, keys, and located errors.

use super::*;

fn parse(text: &str) -> Result<Config, String> {
    Config::parse(text, "codegen.toml").map_err(|e| e.to_string())
}

#[test]
fn the_most_specific_level_wins() {
    let config = parse(
        "[defaults]\nunknown_members = \"ignore\"\n\n[schema.order]\nunknown_members = \"keep\"\n\n[type.OrderCustomer]\nunknown_members = \"ignore\"\n",
    )
    .unwrap();
    assert_eq!(
        config.unknown_members("order", "Order"),
        UnknownMembers::Keep
    );
    assert_eq!(
        config.unknown_members("order", "OrderCustomer"),
        UnknownMembers::Ignore
    );
    assert_eq!(config.unknown_members("other", "X"), UnknownMembers::Ignore);
    assert_eq!(
        Config::default().unknown_members("any", "X"),
        UnknownMembers::Keep
    );
}

#[test]
fn a_misspelt_key_is_located_with_the_nearest_known_one() {
    let error = parse("[defaults]\n\n[type.A]\n  unknown_member = \"keep\"\n").unwrap_err();
    assert_eq!(
        error,
        "codegen.toml:4:3: `type.A.unknown_member`: unknown key `unknown_member`; did you mean `unknown_members`?"
    );
    let error = parse("[default]\n").unwrap_err();
    assert_eq!(
        error,
        "codegen.toml:1:2: `default`: unknown table `default`; did you mean `defaults`?"
    );
}

#[test]
fn bad_values_and_bad_toml_are_located() {
    let error = parse("[defaults]\nunknown_members = \"drop\"\n").unwrap_err();
    assert_eq!(
        error,
        "codegen.toml:2:19: `defaults.unknown_members`: must be \"keep\" or \"ignore\""
    );
    let error = parse("[defaults\n").unwrap_err();
    assert!(error.starts_with("codegen.toml:1:"), "{error}");
    assert!(error.contains("not TOML"), "{error}");
    let error = parse("defaults = 3\n").unwrap_err();
    assert!(error.contains("must be a table"), "{error}");
}

#[test]
fn a_table_that_names_nothing_is_refused() {
    let config = parse("[type.OrderCustomr]\nunknown_members = \"keep\"\n").unwrap();
    assert!(config.check_names(&["order"], &["OrderCustomer"]).is_err());
    let error = config
        .check_names(&["order"], &["OrderCustomer"])
        .unwrap_err()
        .to_string();
    assert_eq!(
        error,
        "codegen.toml:1:7: `type.OrderCustomr`: names no generated type; did you mean `OrderCustomer`?"
    );
    let config = parse("[schema.order]\n").unwrap();
    assert!(config.check_names(&["order"], &[]).is_ok());
}

#[test]
fn every_key_is_read_and_resolved_with_its_level() {
    let config = parse(
        "[defaults]\nderives = [\"Eq\"]\nbuilder = true\n\n[schema.order]\nopen_enums = true\n\n[type.OrderCustomer]\nderives = [\"Eq\", \"Hash\"]\nattributes = [\"#[must_use]\"]\nnon_exhaustive = true\nrename = \"Customer\"\nfields = { vip = \"is_vip\" }\nvariants = { Gold = \"Premium\" }\n",
    )
    .unwrap();
    let derives = config.resolve("order", "OrderCustomer", |l| l.derives.clone());
    assert_eq!(
        derives,
        Some((
            vec!["Eq".to_string(), "Hash".to_string()],
            "type.OrderCustomer".to_string()
        ))
    );
    let derives = config.resolve("order", "Order", |l| l.derives.clone());
    assert_eq!(
        derives,
        Some((vec!["Eq".to_string()], "defaults".to_string()))
    );
    assert!(config.switch("order", "Order", |l| l.open_enums));
    assert!(!config.switch("other", "Other", |l| l.open_enums));
    assert!(config.switch("other", "Other", |l| l.builder));
    let customer = config.of_type("OrderCustomer");
    assert_eq!(customer.rename.as_deref(), Some("Customer"));
    assert_eq!(
        customer.fields.get("vip").map(String::as_str),
        Some("is_vip")
    );
    assert_eq!(
        customer.variants.get("Gold").map(String::as_str),
        Some("Premium")
    );
    assert_eq!(
        customer.attributes.as_deref(),
        Some(&["#[must_use]".to_string()][..])
    );
    assert_eq!(config.of_type("Order"), &TypeSettings::default());
    let error = config
        .error_at("type.OrderCustomer.derives", "cannot hold")
        .to_string();
    assert_eq!(
        error,
        "codegen.toml:9:1: `type.OrderCustomer.derives`: cannot hold"
    );
    let error = config
        .error_at("type.OrderCustomer.fields.vip", "no such field")
        .to_string();
    assert_eq!(
        error,
        "codegen.toml:13:12: `type.OrderCustomer.fields.vip`: no such field"
    );
}

#[test]
fn values_of_the_wrong_shape_are_located() {
    let cases = [
        (
            "[defaults]\nderives = \"Eq\"\n",
            "codegen.toml:2:11: `defaults.derives`: must be a list of trait names, like [\"Eq\", \"Hash\"]",
        ),
        (
            "[defaults]\nderives = [\"Eq +\"]\n",
            "codegen.toml:2:11: `defaults.derives`: `Eq +` is not a trait path",
        ),
        (
            "[defaults]\nattributes = [\"must_use\"]\n",
            "codegen.toml:2:14: `defaults.attributes`: `must_use` is not one outer attribute (`#[...]`)",
        ),
        (
            "[defaults]\nbuilder = \"yes\"\n",
            "codegen.toml:2:11: `defaults.builder`: must be true or false",
        ),
        (
            "[defaults]\nrename = \"X\"\n",
            "codegen.toml:2:1: `defaults.rename`: `rename` names one type's parts, so only `[type.<TypeName>]` takes it",
        ),
        (
            "[schema.order]\nfields = { a = \"b\" }\n",
            "codegen.toml:2:1: `schema.order.fields`: `fields` names one type's parts, so only `[type.<TypeName>]` takes it",
        ),
        (
            "[type.A]\nrename = \"not a name\"\n",
            "codegen.toml:2:10: `type.A.rename`: must be a Rust type name, like \"Customer\"",
        ),
        (
            "[type.A]\nfields = { a = \"fn\" }\n",
            "codegen.toml:2:16: `type.A.fields.a`: must be a Rust identifier",
        ),
        (
            "[type.A]\nnon_exhaustiv = true\n",
            "codegen.toml:2:1: `type.A.non_exhaustiv`: unknown key `non_exhaustiv`; did you mean `non_exhaustive`?",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse(text).unwrap_err(), expected, "{text}");
    }
}

#[test]
fn replacements_by_type_format_and_place() {
    let config = parse(
        "[format.decimal]\nreplace = \"rust_decimal::Decimal\"\n\n[type.Money]\nreplace = \"::std::string::String\"\n\n[schema.order]\nreplace_at = { \"/properties/total\" = \"rust_decimal::Decimal\" }\n",
    )
    .unwrap();
    let decimal = Replacement {
        path: "::rust_decimal::Decimal".to_string(),
        krate: Some("rust_decimal".to_string()),
    };
    assert_eq!(config.formats["decimal"].replace.as_ref(), Some(&decimal));
    assert_eq!(
        config.schemas["order"].replace_at["/properties/total"],
        decimal
    );
    let string = config.types["Money"].replace.as_ref().unwrap();
    assert_eq!(
        (string.path.as_str(), string.krate.as_deref()),
        ("::std::string::String", None)
    );
    let error = config
        .error_at("schema.order.replace_at./properties/total", "no such place")
        .to_string();
    assert_eq!(
        error,
        "codegen.toml:8:16: `schema.order.replace_at./properties/total`: no such place"
    );
}

#[test]
fn replacements_in_the_wrong_place_or_shape_are_located() {
    let cases = [
        (
            "[defaults]\nreplace = \"a::B\"\n",
            "codegen.toml:2:1: `defaults.replace`: `replace` names one type or format, so only `[type.<TypeName>]` and `[format.<name>]` take it",
        ),
        (
            "[type.A]\nreplace_at = {}\n",
            "codegen.toml:2:1: `type.A.replace_at`: `replace_at` names places of one schema file, so only `[schema.<stem>]` takes it",
        ),
        (
            "[format.decimal]\nderives = [\"Eq\"]\n",
            "codegen.toml:2:1: `format.decimal.derives`: `[format.<name>]` takes only `replace`, not `derives`",
        ),
        (
            "[type.A]\nreplace = \"not a type\"\n",
            "codegen.toml:2:11: `type.A.replace`: must be a Rust type path, like \"rust_decimal::Decimal\"",
        ),
        (
            "[schema.a]\nreplace_at = { \"properties/x\" = \"a::B\" }\n",
            "codegen.toml:2:16: `schema.a.replace_at.properties/x`: must be a JSON Pointer into the schema file, like \"/properties/total\"",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse(text).unwrap_err(), expected, "{text}");
    }
}

#[test]
fn nullable_and_materialize_defaults_are_read_at_every_level() {
    let config = parse(
        "[defaults]\nnullable = \"three-state\"\nmaterialize_defaults = false\n\n[type.Order]\nnullable = \"option\"\nmaterialize_defaults = true\n",
    )
    .unwrap();
    assert_eq!(config.nullable("order", "Order"), Nullable::Option);
    assert_eq!(config.nullable("order", "Other"), Nullable::ThreeState);
    assert!(config.materialize_defaults("order", "Order"));
    assert!(!config.materialize_defaults("order", "Other"));
    assert!(config.any_three_state());
    let default = Config::default();
    assert_eq!(default.nullable("a", "A"), Nullable::Option);
    assert!(default.materialize_defaults("a", "A"));
    assert!(!default.any_three_state());
}

#[test]
fn a_wrong_nullable_value_is_located() {
    let error = parse("[defaults]\nnullable = \"tristate\"\n").unwrap_err();
    assert_eq!(
        error,
        "codegen.toml:2:12: `defaults.nullable`: must be \"option\" or \"three-state\""
    );
}

#[test]
fn date_time_is_read_for_the_whole_run_and_per_schema() {
    let config =
        parse("[defaults]\ndate_time = \"utc\"\n\n[schema.order]\ndate_time = \"as-written\"\n")
            .unwrap();
    assert_eq!(config.date_time("order"), DateTimes::AsWritten);
    assert_eq!(config.date_time("other"), DateTimes::Utc);
    assert_eq!(Config::default().date_time("order"), DateTimes::AsWritten);
}

#[test]
fn date_time_per_type_and_wrong_values_are_located() {
    let error = parse("[type.Order]\ndate_time = \"utc\"\n").unwrap_err();
    assert!(
        error
            .to_string()
            .starts_with("codegen.toml:2:1: `type.Order.date_time`: `date_time` is read before"),
        "{error}"
    );
    let error = parse("[defaults]\ndate_time = \"local\"\n").unwrap_err();
    assert_eq!(
        error.to_string(),
        "codegen.toml:2:13: `defaults.date_time`: must be \"as-written\" or \"utc\""
    );
}

#[test]
fn an_openapi_table_names_a_document_and_its_components() {
    let config = parse(
        "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = \"*\"\n\n[openapi.vault]\nsource = \"schema/vault.yml\"\ncomponents = [\"Connection\", \"Consumer*\"]\n",
    )
    .unwrap();
    let modules: Vec<&str> = config.openapi.keys().map(String::as_str).collect();
    assert_eq!(modules, ["crm", "vault"]);
    assert_eq!(config.openapi["crm"].source, "schema/crm.yml");
    assert_eq!(config.openapi["crm"].components, Components::All);
    let vault = &config.openapi["vault"].components;
    assert!(vault.selects("Connection"));
    assert!(vault.selects("ConsumerMetadata"));
    assert!(!vault.selects("ConnectionHealth"));
    let error = config
        .error_at("openapi.vault.components.1", "names nothing")
        .to_string();
    assert_eq!(
        error,
        "codegen.toml:7:29: `openapi.vault.components.1`: names nothing"
    );
}

#[test]
fn globs_take_any_run_or_one_character() {
    use super::openapi::glob_matches;
    let cases = [
        ("*", "", true),
        ("*", "Lead", true),
        ("Lead", "Lead", true),
        ("Lead", "Leads", false),
        ("Lead*", "Lead", true),
        ("Lead*", "LeadsFilter", true),
        ("*Filter", "LeadsFilter", true),
        ("*Filter", "LeadsFilterX", false),
        ("L?ad", "Lead", true),
        ("L?ad", "Lad", false),
        ("*a*a*", "banana", true),
        ("*a*a*a*a", "banana", false),
        ("?*", "", false),
        ("Lead", "lead", false),
        ("É?", "Éa", true),
    ];
    for (pattern, name, expected) in cases {
        assert_eq!(glob_matches(pattern, name), expected, "{pattern} {name}");
    }
}

#[test]
fn openapi_tables_of_the_wrong_shape_are_located() {
    let cases = [
        (
            "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponent = \"*\"\n",
            "codegen.toml:3:1: `openapi.crm.component`: unknown key `component`; did you mean `components`?",
        ),
        (
            "[openapi.crm]\ncomponents = \"*\"\n",
            "codegen.toml:1:10: `openapi.crm`: missing `source`: the OpenAPI document, like source = \"schema/crm.yml\"",
        ),
        (
            "[openapi.crm]\nsource = \"schema/crm.yml\"\n",
            "codegen.toml:1:10: `openapi.crm`: missing `components`: \"*\" for every component schema, or a list of names or globs",
        ),
        (
            "[openapi.crm]\nsource = 3\ncomponents = \"*\"\n",
            "codegen.toml:2:10: `openapi.crm.source`: must be the path of an OpenAPI document, like \"schema/crm.yml\"",
        ),
        (
            "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = \"Lead\"\n",
            "codegen.toml:3:14: `openapi.crm.components`: must be \"*\" (every component schema) or a list of names or globs, like [\"Lead\", \"Contact*\"]",
        ),
        (
            "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = []\n",
            "codegen.toml:3:14: `openapi.crm.components`: must be \"*\" (every component schema) or a list of names or globs, like [\"Lead\", \"Contact*\"]",
        ),
        (
            "[openapi.crm]\nsource = \"schema/crm.yml\"\ncomponents = [\"Lead\", 7]\n",
            "codegen.toml:3:23: `openapi.crm.components.1`: must be a component name or glob, like \"Lead\" or \"Contact*\"",
        ),
        (
            "[openapi.Crm]\nsource = \"schema/crm.yml\"\ncomponents = \"*\"\n",
            "codegen.toml:1:10: `openapi.Crm`: `Crm` is not a module name; did you mean `crm`?",
        ),
        (
            "[openapi.type]\nsource = \"schema/crm.yml\"\ncomponents = \"*\"\n",
            "codegen.toml:1:10: `openapi.type`: `type` is not a module name; did you mean `type_schema`?",
        ),
        (
            "[openapi]\ncrm = \"schema/crm.yml\"\n",
            "codegen.toml:2:7: `openapi.crm`: `openapi.crm` must be a table (`[openapi.crm]`)",
        ),
        (
            "[openap.crm]\n",
            "codegen.toml:1:2: `openap`: unknown table `openap`; did you mean `openapi`?",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(parse(text).unwrap_err(), expected, "{text}");
    }
}

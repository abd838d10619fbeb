//! The platform's own documents, as a user would list them: the eight of `../shared/apideck`
//! and `vault.yml`, all in one `schema/` folder, one `generate --strict`: every component of
//! each becomes a type (no `serde_json::Value` fallback, which `--strict` refuses) with its
//! registry entry (proxy.yml has no component schemas: its module has no types), every
//! documented example is checked, the components that requests send get their input types,
//! and a second run finds nothing to change.
//!
//! The model crate's build is not run here (minutes on two cores); `scripts/platform-models`
//! runs it, and the closing notes report it.

use std::path::PathBuf;

use crate::sandbox::Sandbox;

/// The listed documents, by module.
const DOCUMENTS: &[(&str, &str)] = &[
    ("accounting", "accounting.yml"),
    ("ats", "ats.yml"),
    ("connector", "connector.yml"),
    ("customer_support", "customer-support.yml"),
    ("ecosystem", "ecosystem.yml"),
    ("issue_tracking", "issue-tracking.yml"),
    ("proxy", "proxy.yml"),
    ("webhook", "webhook.yml"),
    ("vault", "vault.yml"),
];

/// `../shared/apideck`, or `$APIDECK_DIR`.
fn apideck_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("APIDECK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::sandbox::repo_root().join("../shared/apideck"));
    if dir.join("accounting.yml").is_file() {
        return Some(dir);
    }
    let message = format!(
        "the platform's documents are not at {}; set APIDECK_DIR to the folder that holds accounting.yml",
        dir.display()
    );
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{message} (CI=true: they are required)"
    );
    eprintln!("skipped: {message}");
    None
}

/// The keys of `components/schemas`, read off the published layout (two spaces a level).
fn component_count(yaml: &str) -> usize {
    let mut lines = yaml.lines().skip_while(|l| *l != "components:");
    let _ = lines.by_ref().find(|l| *l == "  schemas:");
    lines
        .take_while(|l| l.is_empty() || l.starts_with("    ") || l.starts_with("#"))
        .filter(|l| l.len() > 4 && !l[4..].starts_with([' ', '#']) && l.ends_with(':'))
        .count()
}

#[test]
fn all_nine_platform_documents_generate_in_one_strict_run() {
    let Some(apideck) = apideck_dir() else {
        return;
    };
    let sandbox = Sandbox::new();
    let mut config = String::new();
    for (module, file) in DOCUMENTS {
        // vault.yml is in the repository's schema/ already.
        if *file != "vault.yml" {
            std::fs::copy(apideck.join(file), sandbox.path(&format!("schema/{file}"))).unwrap();
        }
        config.push_str(&format!(
            "[openapi.{module}]\nsource = \"schema/{file}\"\ncomponents = \"*\"\n\n"
        ));
    }
    sandbox.write_config(&config);

    let run = sandbox.codegen(&["generate", "--strict"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stderr, "", "no warning");
    assert!(
        run.stdout
            .contains("documented examples: 3419 checked, 3419 valid, 0 invalid"),
        "{}",
        run.stdout.lines().last().unwrap_or_default()
    );
    let index = std::fs::read_to_string(sandbox.path("generated/src/schemas/mod.rs")).unwrap();
    for (module, file) in DOCUMENTS {
        let yaml = std::fs::read_to_string(sandbox.path(&format!("schema/{file}"))).unwrap();
        let components = component_count(&yaml);
        let entries = index.matches(&format!("name: \"{module}/")).count();
        assert_eq!(
            components == 0,
            *module == "proxy",
            "{file}: {components} components read"
        );
        assert_eq!(
            entries, components,
            "{file}: a registry entry per component"
        );
    }
    // `Connection` is sent in requests and reaches `readOnly` members; `ConnectionInput`
    // goes without them.
    let vault = std::fs::read_to_string(sandbox.path("generated/src/schemas/vault.rs")).unwrap();
    assert!(vault.contains("pub struct ConnectionInput {"));
    let again = sandbox.codegen(&["check", "--strict"]);
    assert_eq!(again.code, 0, "a second run changes nothing: {again:?}");
}

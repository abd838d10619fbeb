//! `[openapi.<module>]`: an OpenAPI document whose component schemas become one module of
//! the model crate (a type, validators and registry entries `<module>/<Component>` each).
//! Only the file's shape is checked here; whether the document and the components exist is
//! known once the run's documents are read (`schema_set/model_sets.rs`).

use std::collections::BTreeMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::suggest::{as_table, unknown};
use crate::error::GenError;
use crate::names;

/// One `[openapi.<module>]` table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenApiModels {
    /// The document, as written: a path from the workspace root (`schema/crm.yml`).
    pub source: String,
    pub components: Components,
}

/// Which component schemas of the document a model set takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Components {
    /// `components = "*"`.
    All,
    /// Names and globs (`*` any run of characters, `?` one), in the order written; the key
    /// path of the `i`-th is `openapi.<module>.components.<i>`.
    Patterns(Vec<String>),
}

impl Components {
    /// Whether the component `name` is taken.
    pub fn selects(&self, name: &str) -> bool {
        match self {
            Components::All => true,
            Components::Patterns(patterns) => patterns.iter().any(|p| glob_matches(p, name)),
        }
    }
}

const KEYS: &[&str] = &["source", "components"];
const COMPONENTS_SHAPE: &str = "must be \"*\" (every component schema) or a list of names or globs, like [\"Lead\", \"Contact*\"]";

/// The `[openapi]` table: its entries by module name.
pub(super) fn models(
    table: &DeTable<'_>,
    error: &dyn Fn(Range<usize>, &str, String) -> GenError,
    place: &mut dyn FnMut(&str, Range<usize>),
) -> Result<BTreeMap<String, OpenApiModels>, GenError> {
    let mut models = BTreeMap::new();
    for (member, value) in table {
        let module = member.get_ref().as_ref();
        let path = format!("openapi.{module}");
        // The key is the module's name and the prefix of its registry entries, so it is
        // refused rather than respelt: a respelt name would surprise in both places.
        let wanted = names::module_name(module);
        if wanted != module {
            return Err(error(
                member.span(),
                &path,
                format!("`{module}` is not a module name; did you mean `{wanted}`?"),
            ));
        }
        let inner =
            as_table(value, &path).map_err(|message| error(value.span(), &path, message))?;
        place(&path, member.span());
        let mut source = None;
        let mut components = None;
        for (key, value) in inner {
            let name = key.get_ref().as_ref();
            let key_path = format!("{path}.{name}");
            place(&key_path, key.span());
            match (name, value.get_ref()) {
                ("source", DeValue::String(text)) if !text.trim().is_empty() => {
                    source = Some(text.to_string());
                }
                ("source", _) => {
                    return Err(error(
                        value.span(),
                        &key_path,
                        "must be the path of an OpenAPI document, like \"schema/crm.yml\""
                            .to_string(),
                    ));
                }
                ("components", DeValue::String(text)) if text == "*" => {
                    components = Some(Components::All);
                }
                ("components", DeValue::Array(items)) if !items.is_empty() => {
                    let mut patterns = Vec::new();
                    for (index, item) in items.iter().enumerate() {
                        let item_path = format!("{key_path}.{index}");
                        place(&item_path, item.span());
                        match item.get_ref() {
                            DeValue::String(text) if !text.is_empty() => {
                                patterns.push(text.to_string());
                            }
                            _ => {
                                return Err(error(
                                    item.span(),
                                    &item_path,
                                    "must be a component name or glob, like \"Lead\" or \"Contact*\""
                                        .to_string(),
                                ));
                            }
                        }
                    }
                    components = Some(Components::Patterns(patterns));
                }
                ("components", _) => {
                    return Err(error(value.span(), &key_path, COMPONENTS_SHAPE.to_string()));
                }
                (other, _) => {
                    return Err(error(key.span(), &key_path, unknown("key", other, KEYS)));
                }
            }
        }
        let Some(source) = source else {
            return Err(error(
                member.span(),
                &path,
                "missing `source`: the OpenAPI document, like source = \"schema/crm.yml\""
                    .to_string(),
            ));
        };
        let Some(components) = components else {
            return Err(error(
                member.span(),
                &path,
                "missing `components`: \"*\" for every component schema, or a list of names or globs"
                    .to_string(),
            ));
        };
        models.insert(module.to_string(), OpenApiModels { source, components });
    }
    Ok(models)
}

/// Whether `name` matches `pattern`, where `*` is any run of characters and `?` one
/// character; everything else is itself. Component names are plain identifiers, so no
/// other glob syntax is worth a dependency.
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    let (mut p, mut n) = (0, 0);
    // After a `*`: where the pattern resumes, and how much of the name the `*` has taken.
    // Retrying only the last `*` suffices, since an earlier one can never need more.
    let mut retry: Option<(usize, usize)> = None;
    while n < name.len() {
        match pattern.get(p) {
            Some('*') => {
                retry = Some((p + 1, n));
                p += 1;
            }
            Some(&c) if c == '?' || c == name[n] => {
                p += 1;
                n += 1;
            }
            _ => match retry {
                Some((resume, taken)) => {
                    retry = Some((resume, taken + 1));
                    p = resume;
                    n = taken + 1;
                }
                None => return false,
            },
        }
    }
    pattern[p..].iter().all(|&c| c == '*')
}

//! `codegen.toml`: how the types are shaped, written outside the schemas, which users often
//! do not own. One file at the workspace root, read by every subcommand that generates
//! (`generate`, `check`, `diff`) and given to build-time mode through [`crate::Settings`].
//!
//! ```toml
//! [defaults]                      # every schema
//! unknown_members = "keep"        # or "ignore"
//!
//! [schema.order]                  # the schema `schema/order.json`
//! unknown_members = "ignore"
//!
//! [type.OrderCustomer]            # one generated type, by its Rust name
//! unknown_members = "keep"
//! ```
//!
//! The most specific level that sets a key wins: type, then schema, then defaults. Every
//! error names the file, the line and column, and the key path; an unknown key is refused
//! with the nearest known one.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::GenError;

/// The file's name, at the workspace root.
pub const FILE_NAME: &str = "codegen.toml";

/// What an open object's type does with the members its schema does not name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnknownMembers {
    /// A flattened map keeps them, so that encoding writes them back.
    #[default]
    Keep,
    /// They are dropped on decoding, as typify does.
    Ignore,
}

/// The settings of one level (`[defaults]`, `[schema.<stem>]`, `[type.<TypeName>]`); an
/// unset one is taken from the level above.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeSettings {
    pub unknown_members: Option<UnknownMembers>,
}

/// The whole file. The default is the file's absence.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    pub defaults: TypeSettings,
    /// By schema file stem.
    pub schemas: BTreeMap<String, TypeSettings>,
    /// By generated type name.
    pub types: BTreeMap<String, TypeSettings>,
    /// Where each `[schema.<stem>]` and `[type.<TypeName>]` table is, by its key path, so
    /// that one naming nothing can be shown: the file, then line and column.
    places: BTreeMap<String, (String, usize, usize)>,
}

/// The tables of the file, and the keys each level takes.
const TABLES: &[&str] = &["defaults", "schema", "type"];
const KEYS: &[&str] = &["unknown_members"];

impl Config {
    /// Reads `path`; a missing file is the default configuration.
    pub fn read(path: &Path) -> Result<Config, GenError> {
        match std::fs::read(path) {
            Ok(bytes) => {
                let display = path.to_string_lossy().replace('\\', "/");
                let text = String::from_utf8(bytes).map_err(|e| GenError::Config {
                    file: display.clone(),
                    line: 1,
                    column: 1,
                    key: String::new(),
                    message: format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
                })?;
                Config::parse(&text, &display)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Config::default()),
            Err(e) => Err(GenError::io(path, e)),
        }
    }

    /// Parses the text of `file` (shown in errors as given).
    pub fn parse(text: &str, file: &str) -> Result<Config, GenError> {
        let error = |span: Range<usize>, key: &str, message: String| {
            let (line, column) = line_column(text, span.start);
            GenError::Config {
                file: file.to_string(),
                line,
                column,
                key: key.to_string(),
                message,
            }
        };
        let root = DeTable::parse(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            error(span, "", format!("not TOML: {}", e.message().trim_end()))
        })?;
        let mut config = Config::default();
        for (name, value) in root.get_ref() {
            let table = as_table(value, name.get_ref())
                .map_err(|message| error(value.span(), name.get_ref(), message))?;
            match name.get_ref().as_ref() {
                "defaults" => {
                    config.defaults = level(table, "defaults", &error)?;
                }
                group @ ("schema" | "type") => {
                    let target = if group == "schema" {
                        &mut config.schemas
                    } else {
                        &mut config.types
                    };
                    for (member, value) in table {
                        let path = format!("{group}.{}", member.get_ref());
                        let inner = as_table(value, &path)
                            .map_err(|message| error(value.span(), &path, message))?;
                        target.insert(member.get_ref().to_string(), level(inner, &path, &error)?);
                        let (line, column) = line_column(text, member.span().start);
                        config.places.insert(path, (file.to_string(), line, column));
                    }
                }
                other => {
                    return Err(error(name.span(), other, unknown("table", other, TABLES)));
                }
            }
        }
        Ok(config)
    }

    /// Refuses a `[schema.<stem>]` or `[type.<TypeName>]` that names no schema or generated
    /// type: a misspelt name would otherwise change nothing, silently.
    pub fn check_names<'a>(
        &self,
        stems: &[&'a str],
        type_names: &[&'a str],
    ) -> Result<(), GenError> {
        let groups = [
            ("schema", &self.schemas, stems, "schema"),
            ("type", &self.types, type_names, "generated type"),
        ];
        for (group, entries, known, what) in groups {
            if let Some(name) = entries.keys().find(|n| !known.contains(&n.as_str())) {
                let path = format!("{group}.{name}");
                let (file, line, column) = self.places.get(&path).cloned().unwrap_or_default();
                let nearest = nearest(name, known)
                    .map(|near| format!("; did you mean `{near}`?"))
                    .unwrap_or_default();
                return Err(GenError::Config {
                    file,
                    line,
                    column,
                    key: path,
                    message: format!("names no {what}{nearest}"),
                });
            }
        }
        Ok(())
    }

    /// The setting for the type `type_name` of the schema `schema` (its file stem).
    pub fn unknown_members(&self, schema: &str, type_name: &str) -> UnknownMembers {
        [self.types.get(type_name), self.schemas.get(schema)]
            .into_iter()
            .flatten()
            .chain([&self.defaults])
            .find_map(|level| level.unknown_members)
            .unwrap_or_default()
    }
}

fn as_table<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    path: &str,
) -> Result<&'a DeTable<'i>, String> {
    match value.get_ref() {
        DeValue::Table(table) => Ok(table),
        _ => Err(format!("`{path}` must be a table (`[{path}]`)")),
    }
}

/// The keys of one level.
fn level(
    table: &DeTable<'_>,
    path: &str,
    error: &dyn Fn(Range<usize>, &str, String) -> GenError,
) -> Result<TypeSettings, GenError> {
    let mut settings = TypeSettings::default();
    for (key, value) in table {
        let key_path = format!("{path}.{}", key.get_ref());
        match key.get_ref().as_ref() {
            "unknown_members" => {
                settings.unknown_members = Some(match value.get_ref() {
                    DeValue::String(text) if text == "keep" => UnknownMembers::Keep,
                    DeValue::String(text) if text == "ignore" => UnknownMembers::Ignore,
                    _ => {
                        return Err(error(
                            value.span(),
                            &key_path,
                            "must be \"keep\" or \"ignore\"".to_string(),
                        ));
                    }
                });
            }
            other => return Err(error(key.span(), &key_path, unknown("key", other, KEYS))),
        }
    }
    Ok(settings)
}

/// "unknown key `x`; did you mean `y`?", or the list of known ones when none is near.
fn unknown(what: &str, name: &str, known: &[&str]) -> String {
    match nearest(name, known) {
        Some(near) => format!("unknown {what} `{name}`; did you mean `{near}`?"),
        None => format!("unknown {what} `{name}`; known ones: {}", listed(known)),
    }
}

/// The known name closest to `name`, if it is close enough to be a slip.
fn nearest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(name, k), *k))
        .filter(|(distance, k)| *distance <= (k.len() / 3).max(2))
        .min()
        .map(|(_, k)| k)
}

fn listed(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    quoted.join(", ")
}

/// 1-based line and column (in characters) of a byte offset.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
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
}

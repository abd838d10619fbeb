//! What an error says about where it is and what was meant: line and column of a byte
//! offset, the known name nearest a misspelt one, and a value that is not the table it
//! should be. Both `mod.rs` and `openapi.rs` use them, so they live below both (an import
//! back into `mod.rs` would be a cycle).

use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The table `value` is, or why it is not one.
pub(super) fn as_table<'a, 'i>(
    value: &'a Spanned<DeValue<'i>>,
    path: &str,
) -> Result<&'a DeTable<'i>, String> {
    match value.get_ref() {
        DeValue::Table(table) => Ok(table),
        _ => Err(format!("`{path}` must be a table (`[{path}]`)")),
    }
}

/// "unknown key `x`; did you mean `y`?", or the list of known ones when none is near.
pub(super) fn unknown(what: &str, name: &str, known: &[&str]) -> String {
    match nearest(name, known) {
        Some(near) => format!("unknown {what} `{name}`; did you mean `{near}`?"),
        None => format!("unknown {what} `{name}`; known ones: {}", listed(known)),
    }
}

/// The known name closest to `name`, if it is close enough to be a slip.
pub(crate) fn nearest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
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
pub(super) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

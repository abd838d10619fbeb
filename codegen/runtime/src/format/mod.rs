//! The `format` values that validators assert: every format of the 2020-12 validation
//! specification, each checked against the official suite's `optional/format` tests.
//!
//! | Module | Formats |
//! | --- | --- |
//! | [`time`] | `date-time`, `date`, `time`, `duration` |
//! | [`internet`] | `email`, `idn-email`, `hostname`, `idn-hostname`, `ipv4`, `ipv6` |
//! | [`uri`] | `uri`, `uri-reference`, `iri`, `iri-reference`, `uri-template` |
//! | [`pointer`] | `json-pointer`, `relative-json-pointer` |
//! | here | `uuid`, `regex` |
//!
//! Each checker takes the whole string and runs in time linear in its length, so that a
//! megabyte string costs a megabyte's work. draft-07's content keywords, which it lets a
//! validator assert, are in [`content`].

pub mod content;
pub mod internet;
pub mod pointer;
pub mod time;
pub mod uri;

pub use internet::{email, hostname, hostname_rfc1123, idn_email, idn_hostname, ipv4, ipv6};
pub use pointer::{json_pointer, relative_json_pointer};
pub use time::{DateTimeParts, date, date_time, duration, parse_date_time, time};
pub use uri::{iri, iri_reference, uri, uri_reference, uri_template};

/// The formats validators assert, by their `format` name; each has a checker here named
/// after it, `-` turned into `_`.
pub const ASSERTED: &[&str] = &[
    "date-time",
    "date",
    "time",
    "duration",
    "email",
    "idn-email",
    "hostname",
    "idn-hostname",
    "ipv4",
    "ipv6",
    "uri",
    "uri-reference",
    "iri",
    "iri-reference",
    "uuid",
    "uri-template",
    "json-pointer",
    "relative-json-pointer",
    "regex",
];

/// RFC 4122 `uuid`: 8-4-4-4-12 hexadecimal digits, any case, any version or variant.
pub fn uuid(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && b.iter().enumerate().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => *c == b'-',
            _ => c.is_ascii_hexdigit(),
        })
}

/// An ECMA-262 regular expression, as `pattern` reads them (Unicode mode).
pub fn regex(s: &str) -> bool {
    crate::pattern::is_valid(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids_and_regexes() {
        assert!(uuid("2eb8aa08-AA98-11ea-B4Aa-73B441D16380"));
        assert!(!uuid("2eb8aa08-aa98-11ea-b4aa-73b441d1638"));
        assert!(regex("([abc])+\\s+$"));
        assert!(!regex("^(abc]"));
        assert!(!regex("(?P<name>a)"));
    }
}

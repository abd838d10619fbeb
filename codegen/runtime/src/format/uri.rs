//! Resource identifiers: `uri` and `uri-reference` (RFC 3986), `iri` and `iri-reference`
//! (RFC 3987), parsed by `fluent-uri`, and `uri-template` (RFC 6570), here.

use fluent_uri::{Iri, IriRef, Uri, UriRef};

/// RFC 3986 `URI`: absolute, with a scheme.
pub fn uri(s: &str) -> bool {
    Uri::parse(s).is_ok()
}

/// RFC 3986 `URI-reference`: a URI or a relative reference.
pub fn uri_reference(s: &str) -> bool {
    UriRef::parse(s).is_ok()
}

/// RFC 3987 `IRI`: a URI that may hold non-ASCII characters where RFC 3987 allows them.
pub fn iri(s: &str) -> bool {
    Iri::parse(s).is_ok()
}

/// RFC 3987 `IRI-reference`.
pub fn iri_reference(s: &str) -> bool {
    IriRef::parse(s).is_ok()
}

/// RFC 6570 level 4 `URI-Template`: literals (an apostrophe among them, as the official
/// suite has it), and expressions
/// `{[operator]varname[:max-length|*],...}`.
pub fn uri_template(s: &str) -> bool {
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '{' {
            let Some(end) = rest.find('}') else {
                return false;
            };
            if !expression(&rest[1..end]) {
                return false;
            }
            rest = &rest[end + 1..];
        } else if c == '%' {
            if !rest
                .as_bytes()
                .get(1..3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
            {
                return false;
            }
            rest = &rest[3..];
        } else {
            let forbidden =
                c.is_control() || matches!(c, ' ' | '"' | '<' | '>' | '\\' | '^' | '`' | '|' | '}');
            if forbidden {
                return false;
            }
            rest = &rest[c.len_utf8()..];
        }
    }
    true
}

/// What stands between `{` and `}`.
fn expression(text: &str) -> bool {
    let list = match text.chars().next() {
        Some('+' | '#' | '.' | '/' | ';' | '?' | '&' | '=' | ',' | '!' | '@' | '|') => &text[1..],
        _ => text,
    };
    !list.is_empty() && list.split(',').all(varspec)
}

fn varspec(spec: &str) -> bool {
    let (name, modifier) = match spec.find([':', '*']) {
        Some(i) => (&spec[..i], Some(&spec[i..])),
        None => (spec, None),
    };
    let modifier_ok = match modifier {
        None | Some("*") => true,
        Some(m) => m.strip_prefix(':').is_some_and(|digits| {
            (1..=4).contains(&digits.len())
                && !digits.starts_with('0')
                && digits.bytes().all(|d| d.is_ascii_digit())
        }),
    };
    modifier_ok && varname(name)
}

/// `varchar *( ["."] varchar )`, where a varchar is a letter, digit, `_` or `%XX`.
fn varname(name: &str) -> bool {
    let b = name.as_bytes();
    let mut i = 0;
    let mut after_dot = true;
    while i < b.len() {
        match b[i] {
            b'.' if !after_dot => {
                after_dot = true;
                i += 1;
                continue;
            }
            b'%' if b
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) =>
            {
                i += 3
            }
            c if c.is_ascii_alphanumeric() || c == b'_' => i += 1,
            _ => return false,
        }
        after_dot = false;
    }
    !b.is_empty() && !after_dot
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_must_be_absolute_and_well_escaped() {
        assert!(uri("http://-.~_!$&'()*+,;=:%40:80%2f::::::@example.com"));
        assert!(uri("urn:oasis:names:specification:docbook:dtd:xml:4.1.2"));
        assert!(uri("ldap://[2001:db8::7]/c=GB?objectClass?one"));
        assert!(!uri("//foo.bar/?baz=qux#quux"));
        assert!(!uri("http://example.com/%6G"));
        assert!(!uri("https://[@example.org/test.txt"));
        assert!(!uri("http://example.com:abc/path"));
        assert!(!uri("http:/[::1]"));
    }

    #[test]
    fn references_may_be_relative_and_iris_may_be_unicode() {
        assert!(uri_reference("/abc"));
        assert!(uri_reference("#fragment"));
        assert!(!uri_reference("\\\\WINDOWS\\fileshare"));
        assert!(iri("http://ƒøø.ßår/?∂éœ=πîx#πîüx"));
        assert!(!uri("http://ƒøø.ßår/"));
        assert!(iri_reference("//ƒøø.ßår/?∂éœ=πîx#πîüx"));
        assert!(!iri("/abc"));
    }

    #[test]
    fn templates_follow_rfc_6570() {
        assert!(uri_template(
            "http://example.com/dictionary/{term:1}/{term}"
        ));
        assert!(uri_template("{/list*}{?x,y}"));
        assert!(!uri_template(
            "http://example.com/dictionary/{term:1}/{term"
        ));
        assert!(!uri_template("{a:0}"));
        assert!(!uri_template("{}"));
    }
}

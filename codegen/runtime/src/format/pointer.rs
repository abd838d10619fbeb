//! `json-pointer` (RFC 6901) and `relative-json-pointer` (draft-bhutton-relative-json-pointer).

/// RFC 6901 JSON Pointer: empty, or `/`-prefixed reference tokens where `~` is always
/// followed by `0` or `1`.
pub fn json_pointer(s: &str) -> bool {
    (s.is_empty() || s.starts_with('/')) && escapes_ok(s)
}

fn escapes_ok(s: &str) -> bool {
    let b = s.as_bytes();
    b.iter()
        .enumerate()
        .all(|(i, &c)| c != b'~' || matches!(b.get(i + 1), Some(b'0' | b'1')))
}

/// A non-negative integer without leading zeros, then `#` or a JSON Pointer.
pub fn relative_json_pointer(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || (digits > 1 && s.starts_with('0')) {
        return false;
    }
    let rest = &s[digits..];
    rest == "#" || json_pointer(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointers_escape_every_tilde() {
        assert!(json_pointer(""));
        assert!(json_pointer("/foo/bar~0/baz~1/%a"));
        assert!(!json_pointer("/foo/bar~"));
        assert!(!json_pointer("#/"));
        assert!(!json_pointer("a/b"));
    }

    #[test]
    fn relative_pointers_start_with_a_count() {
        assert!(relative_json_pointer("1"));
        assert!(relative_json_pointer("0/foo/bar"));
        assert!(relative_json_pointer("2#"));
        assert!(!relative_json_pointer("/foo/bar"));
        assert!(!relative_json_pointer("01/a"));
        assert!(!relative_json_pointer("-1/a"));
        assert!(!relative_json_pointer("0##"));
        assert!(!relative_json_pointer(""));
    }
}

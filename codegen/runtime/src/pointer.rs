//! JSON Pointers (RFC 6901): building them segment by segment and reading them back.

use std::fmt::Write as _;

/// Appends one reference token to `pointer`, escaping `~` and `/` as RFC 6901 requires.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    for c in token.chars() {
        match c {
            '~' => pointer.push_str("~0"),
            '/' => pointer.push_str("~1"),
            c => pointer.push(c),
        }
    }
}

/// Appends an array index as a reference token.
pub fn push_index(pointer: &mut String, index: usize) {
    // Writing to a String cannot fail.
    let _ = write!(pointer, "/{index}");
}

/// Builds a pointer from unescaped reference tokens.
pub fn from_tokens<'a>(tokens: impl IntoIterator<Item = &'a str>) -> String {
    let mut pointer = String::new();
    for token in tokens {
        push_token(&mut pointer, token);
    }
    pointer
}

/// Splits a pointer into unescaped reference tokens; `None` when it is not a pointer.
pub fn tokens(pointer: &str) -> Option<Vec<String>> {
    if pointer.is_empty() {
        return Some(Vec::new());
    }
    let rest = pointer.strip_prefix('/')?;
    rest.split('/').map(unescape_token).collect()
}

fn unescape_token(token: &str) -> Option<String> {
    let mut out = String::with_capacity(token.len());
    let mut chars = token.chars();
    while let Some(c) = chars.next() {
        if c == '~' {
            match chars.next() {
                Some('0') => out.push('~'),
                Some('1') => out.push('/'),
                _ => return None,
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_tilde_and_slash() {
        assert_eq!(from_tokens(["a/b", "m~n", ""]), "/a~1b/m~0n/");
    }

    #[test]
    fn round_trips_tokens() {
        let pointer = from_tokens(["$defs", "a/b~c", "0"]);
        assert_eq!(
            tokens(&pointer).unwrap(),
            vec!["$defs".to_string(), "a/b~c".to_string(), "0".to_string()]
        );
        assert_eq!(tokens("").unwrap(), Vec::<String>::new());
        assert!(tokens("no-slash").is_none());
        assert!(tokens("/bad~2escape").is_none());
    }
}

//! `pattern` and `patternProperties`: ECMA-262 regular expressions (through `regress`, in
//! Unicode mode), matched anywhere in the string unless the pattern anchors itself.

use std::sync::OnceLock;

/// The flags every pattern is compiled with: `u`, as JSON Schema recommends.
pub const FLAGS: &str = "u";

/// A pattern from a schema, compiled on first use.
pub struct Pattern {
    source: &'static str,
    regex: OnceLock<Option<regress::Regex>>,
}

impl Pattern {
    /// `source` was compiled by the generator with the same `regress`, so it compiles here.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            regex: OnceLock::new(),
        }
    }

    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the pattern matches somewhere in `text`. A pattern that failed to compile
    /// (which generation rules out) matches nothing, so it can only reject.
    pub fn is_match(&self, text: &str) -> bool {
        self.regex
            .get_or_init(|| compile(self.source).ok())
            .as_ref()
            .is_some_and(|regex| regex.find(text).is_some())
    }
}

/// Compiles a pattern the way validators will; the generator uses this to reject bad ones.
pub fn compile(source: &str) -> Result<regress::Regex, regress::Error> {
    regress::Regex::with_flags(source, FLAGS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_not_anchored() {
        static P: Pattern = Pattern::new("c+");
        assert!(P.is_match("abccd"));
        assert!(!P.is_match("abd"));
        static ANCHORED: Pattern = Pattern::new("^a$");
        assert!(!ANCHORED.is_match("ba"));
    }

    #[test]
    fn digits_are_ascii_only() {
        static D: Pattern = Pattern::new("^\\d$");
        assert!(D.is_match("7"));
        assert!(!D.is_match("৪"));
    }
}

//! The linear-time engine: a parsed pattern written out in the `regex` crate's syntax and
//! compiled there. Matching takes time linear in the text, whatever the pattern.
//!
//! Only "is there a match" is asked, so greedy and lazy quantifiers, and the order of
//! alternatives, which only decide *which* match ECMA-262 reports, change nothing here.

use std::fmt::Write as _;

use regex_syntax::hir::ClassUnicode;

use super::ecma::Node;

/// The compiled program's size limit; a pattern beyond it (say `\p{L}{1,100000}`) goes to the
/// budgeted engine instead.
const SIZE_LIMIT: usize = 32 << 20;

/// A pattern compiled for the `regex` crate.
#[derive(Debug)]
pub struct Linear {
    regex: regex::Regex,
    /// The pattern has `\B`: `is_match` disagrees with `find` on some such patterns
    /// (`(?-u:\B)|🐲` on `a🐲a`), and `find` is the one that agrees with ECMA-262.
    find: bool,
}

impl Linear {
    pub fn is_match(&self, text: &str) -> bool {
        if self.find {
            self.regex.find(text).is_some()
        } else {
            self.regex.is_match(text)
        }
    }
}

/// Compiles a pattern without look-arounds or back-references; `None` when it is too large
/// for this engine.
pub fn compile(node: &Node) -> Option<Linear> {
    let mut out = String::new();
    write(&mut out, node);
    let regex = regex::RegexBuilder::new(&out)
        .size_limit(SIZE_LIMIT)
        .nest_limit(u32::try_from(super::ecma::MAX_NESTING * 4).unwrap_or(u32::MAX))
        .build()
        .ok()?;
    Some(Linear {
        regex,
        find: has_non_boundary(node),
    })
}

fn has_non_boundary(node: &Node) -> bool {
    match node {
        Node::WordBoundary { negated } => *negated,
        Node::Group { body, .. } | Node::Repeat { body, .. } | Node::Look { body, .. } => {
            has_non_boundary(body)
        }
        Node::Concat(nodes) | Node::Alt(nodes) => nodes.iter().any(has_non_boundary),
        _ => false,
    }
}

/// `node` in the `regex` crate's syntax.
fn write(out: &mut String, node: &Node) {
    match node {
        Node::Empty => out.push_str("(?:)"),
        Node::Char(c) => push_char(out, *c),
        Node::Set(set) => push_set(out, set),
        Node::Start => out.push_str(r"\A"),
        Node::End => out.push_str(r"\z"),
        // ECMA-262's word characters are ASCII.
        Node::WordBoundary { negated: false } => out.push_str(r"(?-u:\b)"),
        Node::WordBoundary { negated: true } => out.push_str(r"(?-u:\B)"),
        Node::Group { body, .. } => {
            out.push_str("(?:");
            write(out, body);
            out.push(')');
        }
        Node::Repeat { body, min, max, .. } => {
            out.push_str("(?:");
            write(out, body);
            out.push(')');
            let _ = match max {
                Some(max) => write!(out, "{{{min},{max}}}"),
                None => write!(out, "{{{min},}}"),
            };
        }
        Node::Concat(nodes) => nodes.iter().for_each(|n| write(out, n)),
        Node::Alt(nodes) => {
            out.push_str("(?:");
            for (i, n) in nodes.iter().enumerate() {
                if i > 0 {
                    out.push('|');
                }
                write(out, n);
            }
            out.push(')');
        }
        // The caller sends these to the backtracking engine; an impossible set keeps the
        // output well formed should one arrive anyway.
        Node::Look { .. } | Node::BackRef(_) => out.push_str("[a&&b]"),
    }
}

fn push_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() {
        out.push(c);
    } else {
        let _ = write!(out, r"\x{{{:x}}}", u32::from(c));
    }
}

fn push_set(out: &mut String, set: &ClassUnicode) {
    if set.ranges().is_empty() {
        // An empty intersection: the regex crate's way of saying "no character".
        out.push_str("[a&&b]");
        return;
    }
    out.push('[');
    for range in set.ranges() {
        let (start, end) = (u32::from(range.start()), u32::from(range.end()));
        let _ = if start == end {
            write!(out, r"\x{{{start:x}}}")
        } else {
            write!(out, r"\x{{{start:x}}}-\x{{{end:x}}}")
        };
    }
    out.push(']');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::ecma::parse;

    fn matches(pattern: &str, text: &str) -> bool {
        let parsed = parse(pattern, false).unwrap();
        compile(&parsed.node).unwrap().is_match(text)
    }

    #[test]
    fn classes_and_anchors_follow_ecma_262() {
        assert!(matches("^\\d$", "7"));
        assert!(!matches("^\\d$", "\u{07c0}"));
        assert!(!matches("^\\w$", "é"));
        assert!(matches("^\\s$", "\u{feff}"));
        assert!(!matches("^\\s$", "\u{85}"));
        assert!(!matches("^abc$", "abc\n"));
        assert!(!matches("^.$", "\r"));
        assert!(matches("^.$", "🐲"));
        assert!(matches("\\bfoo\\b", "a foo."));
        assert!(matches("\\bfoo\\b", "éfooé"), "é is not a word character");
        assert!(!matches("\\bfoo\\b", "afoo"));
        assert!(matches("^[^]$", "\n"));
        assert!(
            matches("(?:\\B|🐲)", "a🐲a"),
            "the regex crate's `is_match` says no"
        );
        assert!(!matches("\\B", "a🐲a"));
        assert!(!matches("[]", "anything"));
        assert!(matches("^\\p{Letter}+$", "écoleΩ"));
    }

    #[test]
    fn nested_quantifiers_run_in_linear_time() {
        let attack = "a".repeat(100_000) + "!";
        assert!(!matches("^(a+)+$", &attack));
        assert!(!matches("^(a|aa)+$", &attack));
    }
}

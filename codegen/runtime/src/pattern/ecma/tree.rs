//! The tree a pattern is parsed into, and the items of its character classes.

use regex_syntax::hir::ClassUnicode;

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// Matches the empty string.
    Empty,
    Char(char),
    /// Any one character of the set (possibly none).
    Set(ClassUnicode),
    /// `^`: the start of the text (no multiline flag).
    Start,
    /// `$`: the end of the text.
    End,
    /// `\b` (`negated: false`) or `\B`, with ECMA-262's ASCII word characters.
    WordBoundary {
        negated: bool,
    },
    /// A group; `capture` is the 1-based group number of a capturing group.
    Group {
        capture: Option<usize>,
        body: Box<Node>,
    },
    /// `(?=…)`, `(?!…)`, `(?<=…)`, `(?<!…)`.
    Look {
        behind: bool,
        negated: bool,
        body: Box<Node>,
    },
    /// `\1` or `\k<name>`, resolved to a group number.
    BackRef(usize),
    Repeat {
        body: Box<Node>,
        min: u32,
        /// `None`: unbounded.
        max: Option<u32>,
        greedy: bool,
    },
    Concat(Vec<Node>),
    Alt(Vec<Node>),
}

impl Node {
    /// Whether matching needs a backtracking engine: look-arounds and back-references.
    pub fn needs_backtracking(&self) -> bool {
        match self {
            Node::Look { .. } | Node::BackRef(_) => true,
            Node::Group { body, .. } | Node::Repeat { body, .. } => body.needs_backtracking(),
            Node::Concat(nodes) | Node::Alt(nodes) => nodes.iter().any(Node::needs_backtracking),
            _ => false,
        }
    }

    /// Whether every match must start at the beginning of the text.
    pub fn anchored_at_start(&self) -> bool {
        match self {
            Node::Start => true,
            Node::Group { body, .. } => body.anchored_at_start(),
            Node::Concat(nodes) => nodes.first().is_some_and(Node::anchored_at_start),
            Node::Alt(nodes) => nodes.iter().all(Node::anchored_at_start),
            _ => false,
        }
    }
}

/// One item of a character class: a single character, or a set such as `\d`.
pub(super) enum ClassAtom {
    /// A code point; may be a lone surrogate, which matches nothing.
    Char(u32),
    Set(ClassUnicode),
}

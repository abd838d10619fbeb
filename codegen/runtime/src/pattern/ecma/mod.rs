//! ECMA-262 regular expression syntax, as JSON Schema's `pattern` uses it: the `u` (Unicode)
//! grammar, parsed into a small tree that both engines compile.
//!
//! Character classes are resolved here, with ECMA-262's meaning: `\d` is `[0-9]`, `\w` is
//! `[A-Za-z0-9_]`, `\s` is ECMA-262's whitespace and line terminators, `.` excludes the four
//! line terminators, and `\p{…}` is a Unicode property. Surrogate code points (`\uD800`) can
//! never occur in a Rust string, so they match nothing; an escaped pair (`\uD83D\uDC32`)
//! is the one code point it encodes.
//!
//! Patterns that are not valid in Unicode mode but are under ECMA-262 Annex B (web
//! compatibility), such as `\-` or a literal `{`, can be read leniently: the caller asks for it
//! and says so to the user.
//!
//! The grammar is here; the tree it builds is in [`tree`], escapes are in [`escapes`], and
//! the character sets they stand for in [`sets`].

mod escapes;
mod sets;
mod tree;

use regex_syntax::hir::ClassUnicode;

use sets::{add_atom, add_range, line_terminators, negated_if};
use tree::ClassAtom;
pub use tree::Node;

/// Deepest nesting of groups and classes a pattern may have, so that parsing and both
/// engines stay within the stack.
pub const MAX_NESTING: usize = 128;

/// Why a pattern is not an ECMA-262 regular expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Character offset in the pattern.
    pub offset: usize,
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at character {})", self.message, self.offset)
    }
}

/// A parsed pattern and how many capturing groups it has.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub node: Node,
    pub groups: usize,
}

/// Parses `source` with the Unicode-mode grammar, or (`lenient`) with Annex B's additions.
pub fn parse(source: &str, lenient: bool) -> Result<Parsed, SyntaxError> {
    let chars: Vec<char> = source.chars().collect();
    let names = group_names(&chars);
    let mut parser = Parser {
        chars,
        at: 0,
        lenient,
        groups: 0,
        total_groups: names.len(),
        names,
        depth: 0,
    };
    let node = parser.disjunction()?;
    if parser.at < parser.chars.len() {
        // Only an unbalanced `)` stops a disjunction early.
        return Err(parser.error("unmatched `)`"));
    }
    Ok(Parsed {
        node,
        groups: parser.groups,
    })
}

/// The name (if any) of every capturing group, in order, found by a quick scan so that
/// forward references (`\2(a)(b)`) and `\k<name>` before its group resolve.
fn group_names(chars: &[char]) -> Vec<Option<String>> {
    let mut names = Vec::new();
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        match chars[i] {
            '\\' => i += 1,
            '[' => in_class = true,
            ']' => in_class = false,
            '(' if !in_class => {
                if chars.get(i + 1) != Some(&'?') {
                    names.push(None);
                } else if chars.get(i + 2) == Some(&'<')
                    && !matches!(chars.get(i + 3), Some('=' | '!'))
                {
                    let name: String = chars[i + 3..].iter().take_while(|c| **c != '>').collect();
                    names.push(Some(name));
                }
            }
            _ => {}
        }
        i += 1;
    }
    names
}

struct Parser {
    chars: Vec<char>,
    at: usize,
    lenient: bool,
    /// Capturing groups opened so far.
    groups: usize,
    total_groups: usize,
    names: Vec<Option<String>>,
    depth: usize,
}

const SYNTAX_CHARACTERS: &str = "^$\\.*+?()[]{}|";

impl Parser {
    fn error(&self, message: impl Into<String>) -> SyntaxError {
        SyntaxError {
            offset: self.at,
            message: message.into(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek_at(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.at + ahead).copied()
    }

    fn eat(&mut self, c: char) -> bool {
        if self.peek() == Some(c) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(self.error(format!(
                "groups and classes nest deeper than {MAX_NESTING} levels"
            )));
        }
        Ok(())
    }

    fn disjunction(&mut self) -> Result<Node, SyntaxError> {
        let mut alternatives = vec![self.alternative()?];
        while self.eat('|') {
            alternatives.push(self.alternative()?);
        }
        Ok(if alternatives.len() == 1 {
            alternatives.pop().unwrap_or(Node::Empty)
        } else {
            Node::Alt(alternatives)
        })
    }

    fn alternative(&mut self) -> Result<Node, SyntaxError> {
        let mut terms = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            terms.push(self.term()?);
        }
        Ok(match terms.len() {
            0 => Node::Empty,
            1 => terms.pop().unwrap_or(Node::Empty),
            _ => Node::Concat(terms),
        })
    }

    fn term(&mut self) -> Result<Node, SyntaxError> {
        let start = self.at;
        let (atom, quantifiable) = self.atom()?;
        let Some((min, max)) = self.quantifier()? else {
            return Ok(atom);
        };
        if !quantifiable {
            self.at = start;
            return Err(self.error("nothing to repeat: an assertion cannot be quantified"));
        }
        let greedy = !self.eat('?');
        Ok(Node::Repeat {
            body: Box::new(atom),
            min,
            max,
            greedy,
        })
    }

    /// `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}`, if one follows.
    fn quantifier(&mut self) -> Result<Option<(u32, Option<u32>)>, SyntaxError> {
        let found = match self.peek() {
            Some('*') => Some((0, None)),
            Some('+') => Some((1, None)),
            Some('?') => Some((0, Some(1))),
            Some('{') => {
                let save = self.at;
                match self.braces() {
                    Some(bounds) => {
                        if bounds.1.is_some_and(|max| max < bounds.0) {
                            return Err(self.error("numbers out of order in `{}` quantifier"));
                        }
                        return Ok(Some(bounds));
                    }
                    None => {
                        self.at = save;
                        return Ok(None);
                    }
                }
            }
            _ => None,
        };
        if found.is_some() {
            self.at += 1;
        }
        Ok(found)
    }

    /// `{n}`, `{n,}` or `{n,m}` at the cursor, consumed; `None` (nothing consumed) otherwise.
    fn braces(&mut self) -> Option<(u32, Option<u32>)> {
        let save = self.at;
        self.at += 1;
        let min = self.decimal();
        let bounds = match (min, self.peek()) {
            (Some(min), Some('}')) => Some((min, Some(min))),
            (Some(min), Some(',')) => {
                self.at += 1;
                match self.decimal() {
                    Some(max) if self.peek() == Some('}') => Some((min, Some(max))),
                    None if self.peek() == Some('}') => Some((min, None)),
                    _ => None,
                }
            }
            _ => None,
        };
        match bounds {
            Some(bounds) => {
                self.at += 1;
                Some(bounds)
            }
            None => {
                self.at = save;
                None
            }
        }
    }

    /// Decimal digits at the cursor, saturating at `u32::MAX` (effectively unbounded).
    fn decimal(&mut self) -> Option<u32> {
        let start = self.at;
        let mut value: u32 = 0;
        while let Some(digit) = self.peek().and_then(|c| c.to_digit(10)) {
            value = value.saturating_mul(10).saturating_add(digit);
            self.at += 1;
        }
        (self.at > start).then_some(value)
    }

    /// One atom or assertion, and whether a quantifier may follow it.
    fn atom(&mut self) -> Result<(Node, bool), SyntaxError> {
        let Some(c) = self.peek() else {
            return Err(self.error("unexpected end of pattern"));
        };
        self.at += 1;
        match c {
            '^' => Ok((Node::Start, false)),
            '$' => Ok((Node::End, false)),
            '.' => {
                let mut set = line_terminators();
                set.negate();
                Ok((Node::Set(set), true))
            }
            '(' => self.group(),
            '[' => Ok((Node::Set(self.class()?), true)),
            '\\' => self.atom_escape(),
            '*' | '+' | '?' => {
                self.at -= 1;
                Err(self.error("nothing to repeat"))
            }
            '{' if !self.lenient || self.lookahead_is_quantifier() => {
                self.at -= 1;
                Err(self.error("nothing to repeat, or a lone `{` (write `\\{` for the character)"))
            }
            '}' | ']' if !self.lenient => {
                self.at -= 1;
                Err(self.error(format!("lone `{c}` (write `\\{c}` for the character)")))
            }
            ')' => {
                self.at -= 1;
                Err(self.error("unmatched `)`"))
            }
            other => Ok((Node::Char(other), true)),
        }
    }

    /// Whether the `{` just consumed starts a well-formed quantifier.
    fn lookahead_is_quantifier(&mut self) -> bool {
        self.at -= 1;
        let found = self.braces().is_some();
        if !found {
            self.at += 1;
        }
        found
    }

    fn group(&mut self) -> Result<(Node, bool), SyntaxError> {
        self.enter()?;
        let node = if self.eat('?') {
            match self.peek() {
                Some(':') => {
                    self.at += 1;
                    Node::Group {
                        capture: None,
                        body: Box::new(self.disjunction()?),
                    }
                }
                Some('=' | '!') => {
                    let negated = self.peek() == Some('!');
                    self.at += 1;
                    Node::Look {
                        behind: false,
                        negated,
                        body: Box::new(self.disjunction()?),
                    }
                }
                Some('<') if matches!(self.peek_at(1), Some('=' | '!')) => {
                    let negated = self.peek_at(1) == Some('!');
                    self.at += 2;
                    Node::Look {
                        behind: true,
                        negated,
                        body: Box::new(self.disjunction()?),
                    }
                }
                Some('<') => {
                    self.at += 1;
                    self.group_name()?;
                    self.groups += 1;
                    let capture = Some(self.groups);
                    Node::Group {
                        capture,
                        body: Box::new(self.disjunction()?),
                    }
                }
                _ => return Err(self.error("unsupported group syntax after `(?`")),
            }
        } else {
            self.groups += 1;
            let capture = Some(self.groups);
            Node::Group {
                capture,
                body: Box::new(self.disjunction()?),
            }
        };
        if !self.eat(')') {
            return Err(self.error("missing `)`"));
        }
        self.depth -= 1;
        // Annex B lets look-aheads be quantified; Unicode mode does not.
        let quantifiable = match &node {
            Node::Look { behind, .. } => self.lenient && !behind,
            _ => true,
        };
        Ok((node, quantifiable))
    }

    /// `name>` of `(?<name>` or `\k<name>`, consumed.
    fn group_name(&mut self) -> Result<String, SyntaxError> {
        let mut name = String::new();
        while let Some(c) = self.peek() {
            self.at += 1;
            if c == '>' {
                let valid = name.chars().next().is_some_and(|first| {
                    (first.is_alphabetic() || first == '_' || first == '$')
                        && name
                            .chars()
                            .all(|c| c.is_alphanumeric() || c == '_' || c == '$')
                });
                return if valid {
                    Ok(name)
                } else {
                    Err(self.error(format!("invalid group name `{name}`")))
                };
            }
            name.push(c);
        }
        Err(self.error("unterminated group name"))
    }

    /// The contents of `[…]` after `[`, with the closing `]` consumed.
    fn class(&mut self) -> Result<ClassUnicode, SyntaxError> {
        self.enter()?;
        let negated = self.eat('^');
        let mut set = ClassUnicode::empty();
        loop {
            match self.peek() {
                None => return Err(self.error("missing `]`")),
                Some(']') => {
                    self.at += 1;
                    break;
                }
                Some(_) => {}
            }
            let first = self.class_atom()?;
            let is_range = self.peek() == Some('-') && !matches!(self.peek_at(1), Some(']') | None);
            if !is_range {
                add_atom(&mut set, first);
                continue;
            }
            self.at += 1;
            let second = self.class_atom()?;
            match (first, second) {
                (ClassAtom::Char(lo), ClassAtom::Char(hi)) => {
                    if lo > hi {
                        return Err(self.error("range out of order in character class"));
                    }
                    add_range(&mut set, lo, hi);
                }
                (first, second) if self.lenient => {
                    // Annex B: a class escape in a range makes the `-` a plain character.
                    add_atom(&mut set, first);
                    add_range(&mut set, u32::from('-'), u32::from('-'));
                    add_atom(&mut set, second);
                }
                _ => {
                    return Err(self.error("a class escape such as `\\d` cannot bound a range"));
                }
            }
        }
        self.depth -= 1;
        Ok(negated_if(set, negated))
    }

    fn class_atom(&mut self) -> Result<ClassAtom, SyntaxError> {
        match self.peek() {
            Some('\\') => {
                self.at += 1;
                self.class_escape(true)
            }
            Some(c) => {
                self.at += 1;
                Ok(ClassAtom::Char(u32::from(c)))
            }
            None => Err(self.error("missing `]`")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(source: &str) -> Node {
        parse(source, false)
            .unwrap_or_else(|e| panic!("{source}: {e}"))
            .node
    }

    fn err(source: &str) -> String {
        parse(source, false).expect_err(source).to_string()
    }

    #[test]
    fn escapes_mean_what_ecma_262_says() {
        assert_eq!(ok("\\t"), Node::Char('\t'));
        assert_eq!(ok("\\cC"), Node::Char('\u{3}'));
        assert_eq!(ok("\\x41"), Node::Char('A'));
        assert_eq!(ok("\\u0041"), Node::Char('A'));
        assert_eq!(ok("\\u{1F432}"), Node::Char('🐲'));
        assert_eq!(ok("\\uD83D\\uDC32"), Node::Char('🐲'));
        assert_eq!(ok("\\uD800"), Node::Set(ClassUnicode::empty()));
        assert_eq!(ok("\\/"), Node::Char('/'));
        assert_eq!(ok("\\0"), Node::Char('\0'));
    }

    #[test]
    fn unicode_mode_refuses_what_annex_b_allows() {
        assert!(err("\\-").contains("not a valid escape"));
        assert!(err("a{").contains("lone `{`"));
        assert!(err("]").contains("lone `]`"));
        assert!(err("[\\d-z]").contains("cannot bound a range"));
        assert!(err("\\2(a)").contains("does not exist"));
        assert!(err("(?=a)*").contains("cannot be quantified"));
        assert!(err("a{2,1}").contains("out of order"));
        assert!(err("[z-a]").contains("out of order"));
        assert!(err("\\p{NoSuchProperty}").contains("unknown Unicode property"));
        for source in ["\\-", "a{", "]", "[\\d-z]", "(?=a)*", "\\_"] {
            assert!(
                parse(source, true).is_ok(),
                "{source} is fine under Annex B"
            );
        }
    }

    #[test]
    fn groups_and_references_resolve() {
        let parsed = parse("(?<year>\\d{4})-\\k<year>|\\1", false).unwrap();
        assert_eq!(parsed.groups, 1);
        assert!(parsed.node.needs_backtracking());
        assert!(!ok("^(a+)+$").needs_backtracking());
        assert!(ok("^(?:a|^b)").anchored_at_start());
        assert!(!ok("^a|b").anchored_at_start());
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "(".repeat(MAX_NESTING + 1) + &")".repeat(MAX_NESTING + 1);
        assert!(err(&deep).contains("nest deeper"));
    }
}

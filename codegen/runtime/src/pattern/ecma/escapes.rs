//! Escapes: what follows a `\\` in a pattern, outside and inside character classes.

use regex_syntax::hir::ClassUnicode;

use super::sets::{char_node, digits, negated_if, unicode_property, whitespace, word_characters};
use super::{ClassAtom, Node, Parser, SYNTAX_CHARACTERS, SyntaxError};

impl Parser {
    pub(super) fn atom_escape(&mut self) -> Result<(Node, bool), SyntaxError> {
        let Some(c) = self.peek() else {
            return Err(self.error("`\\` at the end of the pattern"));
        };
        match c {
            'b' | 'B' => {
                self.at += 1;
                Ok((Node::WordBoundary { negated: c == 'B' }, false))
            }
            '1'..='9' => {
                let save = self.at;
                let n = self.decimal().unwrap_or(0) as usize;
                if n <= self.total_groups {
                    return Ok((Node::BackRef(n), true));
                }
                if !self.lenient {
                    self.at = save;
                    return Err(self.error(format!(
                        "back-reference `\\{n}` to a group that does not exist"
                    )));
                }
                // Annex B: an octal escape, or the digit itself.
                self.at = save;
                let value = self.legacy_octal();
                Ok((char_node(value), true))
            }
            'k' if !self.lenient || self.names.iter().any(Option::is_some) => {
                self.at += 1;
                if !self.eat('<') {
                    return Err(self.error("`\\k` must be followed by `<name>`"));
                }
                let name = self.group_name()?;
                let index = self
                    .names
                    .iter()
                    .position(|n| n.as_deref() == Some(name.as_str()))
                    .ok_or_else(|| self.error(format!("no group is named `{name}`")))?;
                Ok((Node::BackRef(index + 1), true))
            }
            _ => match self.class_escape(false)? {
                ClassAtom::Char(value) => Ok((char_node(value), true)),
                ClassAtom::Set(set) => Ok((Node::Set(set), true)),
            },
        }
    }

    /// Annex B `LegacyOctalEscapeSequence`, or a lone digit as itself.
    fn legacy_octal(&mut self) -> u32 {
        let mut value = 0u32;
        let mut count = 0;
        while count < 3 {
            match self.peek().and_then(|c| c.to_digit(8)) {
                Some(d) if value * 8 + d <= 0o377 => {
                    value = value * 8 + d;
                    self.at += 1;
                    count += 1;
                }
                _ => break,
            }
        }
        if count == 0 {
            // `\8`, `\9`: the digit.
            let digit = self.peek().map_or(0, u32::from);
            self.at += 1;
            return digit;
        }
        value
    }

    /// An escape after `\` that stands for characters: a class escape (`\d`, `\p{…}`) or a
    /// character escape. `in_class` allows `\-` and reads `\b` as backspace.
    pub(super) fn class_escape(&mut self, in_class: bool) -> Result<ClassAtom, SyntaxError> {
        let Some(c) = self.peek() else {
            return Err(self.error("`\\` at the end of the pattern"));
        };
        self.at += 1;
        let atom = match c {
            'd' | 'D' => ClassAtom::Set(negated_if(digits(), c == 'D')),
            'w' | 'W' => ClassAtom::Set(negated_if(word_characters(), c == 'W')),
            's' | 'S' => ClassAtom::Set(negated_if(whitespace(), c == 'S')),
            'p' | 'P' if self.peek() == Some('{') || !self.lenient => {
                let set = self.property()?;
                ClassAtom::Set(negated_if(set, c == 'P'))
            }
            'f' => ClassAtom::Char(0x0C),
            'n' => ClassAtom::Char(0x0A),
            'r' => ClassAtom::Char(0x0D),
            't' => ClassAtom::Char(0x09),
            'v' => ClassAtom::Char(0x0B),
            'b' if in_class => ClassAtom::Char(0x08),
            '-' if in_class => ClassAtom::Char(u32::from('-')),
            'c' => match self.peek() {
                Some(letter) if letter.is_ascii_alphabetic() => {
                    self.at += 1;
                    ClassAtom::Char(u32::from(letter) % 32)
                }
                // Annex B: in a class, `\c` takes a digit or `_` too.
                Some(other)
                    if self.lenient && in_class && (other.is_ascii_digit() || other == '_') =>
                {
                    self.at += 1;
                    ClassAtom::Char(u32::from(other) % 32)
                }
                _ if self.lenient => {
                    // Annex B: `\c` not followed by a letter is a backslash and a `c`.
                    self.at -= 1;
                    ClassAtom::Char(u32::from('\\'))
                }
                _ => return Err(self.error("`\\c` must be followed by a letter")),
            },
            '0' if !self.peek().is_some_and(|d| d.is_ascii_digit()) => ClassAtom::Char(0),
            '0'..='9' if self.lenient => {
                self.at -= 1;
                ClassAtom::Char(self.legacy_octal())
            }
            'x' => match self.hex_digits(2) {
                Some(value) => ClassAtom::Char(value),
                None if self.lenient => ClassAtom::Char(u32::from('x')),
                None => return Err(self.error("`\\x` must be followed by two hex digits")),
            },
            'u' => match self.unicode_escape()? {
                Some(value) => ClassAtom::Char(value),
                None => ClassAtom::Char(u32::from('u')),
            },
            other if SYNTAX_CHARACTERS.contains(other) || other == '/' => {
                ClassAtom::Char(u32::from(other))
            }
            // Annex B: any other character escapes to itself.
            other if self.lenient => ClassAtom::Char(u32::from(other)),
            other => {
                self.at -= 1;
                return Err(
                    self.error(format!("`\\{other}` is not a valid escape in Unicode mode"))
                );
            }
        };
        Ok(atom)
    }

    /// `count` hex digits at the cursor, consumed; nothing consumed when they are not there.
    fn hex_digits(&mut self, count: usize) -> Option<u32> {
        let digits: Option<Vec<u32>> = (0..count)
            .map(|i| self.peek_at(i).and_then(|c| c.to_digit(16)))
            .collect();
        let value = digits?.into_iter().fold(0, |acc, d| acc * 16 + d);
        self.at += count;
        Some(value)
    }

    /// After `\u`: `{X…}`, `XXXX`, or a surrogate pair `XXXX\uXXXX`. `None` (lenient only):
    /// a plain `u`.
    fn unicode_escape(&mut self) -> Result<Option<u32>, SyntaxError> {
        if self.peek() == Some('{') && (!self.lenient || self.braced_hex_follows()) {
            self.at += 1;
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(d) = self.peek().and_then(|c| c.to_digit(16)) {
                value = value.saturating_mul(16).saturating_add(d);
                digits += 1;
                self.at += 1;
            }
            if digits == 0 || !self.eat('}') || value > 0x10FFFF {
                return Err(self.error("`\\u{…}` must hold a code point up to 10FFFF"));
            }
            return Ok(Some(value));
        }
        let Some(lead) = self.hex_digits(4) else {
            if self.lenient {
                return Ok(None);
            }
            return Err(self.error("`\\u` must be followed by four hex digits or `{…}`"));
        };
        if (0xD800..0xDC00).contains(&lead)
            && self.peek() == Some('\\')
            && self.peek_at(1) == Some('u')
        {
            let save = self.at;
            self.at += 2;
            match self.hex_digits(4) {
                Some(trail) if (0xDC00..0xE000).contains(&trail) => {
                    return Ok(Some(0x10000 + ((lead - 0xD800) << 10) + (trail - 0xDC00)));
                }
                _ => self.at = save,
            }
        }
        Ok(Some(lead))
    }

    fn braced_hex_follows(&self) -> bool {
        let mut i = 1;
        while self.peek_at(i).is_some_and(|c| c.is_ascii_hexdigit()) {
            i += 1;
        }
        i > 1 && self.peek_at(i) == Some('}')
    }

    /// `{Name}` or `{Name=Value}` after `\p`, as a set.
    fn property(&mut self) -> Result<ClassUnicode, SyntaxError> {
        if !self.eat('{') {
            return Err(self.error("`\\p` must be followed by `{Property}`"));
        }
        let start = self.at;
        let mut name = String::new();
        while let Some(c) = self.peek() {
            if c == '}' {
                break;
            }
            if !(c.is_ascii_alphanumeric() || c == '_' || c == '=') {
                return Err(self.error(format!("`{c}` cannot appear in a property name")));
            }
            name.push(c);
            self.at += 1;
        }
        if !self.eat('}') || name.is_empty() {
            self.at = start;
            return Err(self.error("unterminated `\\p{…}`"));
        }
        unicode_property(&name).ok_or_else(|| SyntaxError {
            offset: start,
            message: format!("unknown Unicode property `{name}`"),
        })
    }
}

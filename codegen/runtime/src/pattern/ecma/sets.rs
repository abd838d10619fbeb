//! The character sets of ECMA-262's classes and escapes, as regex-syntax classes of code
//! points (surrogates, which no Rust string holds, left out).

use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};

use super::tree::{ClassAtom, Node};

pub(super) fn char_node(value: u32) -> Node {
    match char::from_u32(value) {
        Some(c) => Node::Char(c),
        // A lone surrogate: no Rust string holds one.
        None => Node::Set(ClassUnicode::empty()),
    }
}

pub(super) fn add_atom(set: &mut ClassUnicode, atom: ClassAtom) {
    match atom {
        ClassAtom::Char(value) => add_range(set, value, value),
        ClassAtom::Set(other) => set.union(&other),
    }
}

/// Adds the code points `lo..=hi` that are characters (surrogates are skipped).
pub(super) fn add_range(set: &mut ClassUnicode, lo: u32, hi: u32) {
    let pieces = [(lo, hi.min(0xD7FF)), (lo.max(0xE000), hi)];
    for (from, to) in pieces {
        if let (Some(from), Some(to)) = (char::from_u32(from), char::from_u32(to))
            && from <= to
        {
            set.push(ClassUnicodeRange::new(from, to));
        }
    }
}

pub(super) fn negated_if(mut set: ClassUnicode, negated: bool) -> ClassUnicode {
    if negated {
        set.negate();
    }
    set
}

fn ranges(list: &[(char, char)]) -> ClassUnicode {
    ClassUnicode::new(list.iter().map(|&(a, b)| ClassUnicodeRange::new(a, b)))
}

/// `\d`: ASCII digits only.
pub fn digits() -> ClassUnicode {
    ranges(&[('0', '9')])
}

/// `\w`: ASCII letters, digits and `_` (without the `i` flag, as here).
pub fn word_characters() -> ClassUnicode {
    ranges(&[('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')])
}

/// `\s`: ECMA-262's `WhiteSpace` (tab, VT, FF, space, NBSP, BOM and every `Zs`) and
/// `LineTerminator`.
pub fn whitespace() -> ClassUnicode {
    ranges(&[
        ('\t', '\r'),
        (' ', ' '),
        ('\u{a0}', '\u{a0}'),
        ('\u{1680}', '\u{1680}'),
        ('\u{2000}', '\u{200a}'),
        ('\u{2028}', '\u{2029}'),
        ('\u{202f}', '\u{202f}'),
        ('\u{205f}', '\u{205f}'),
        ('\u{3000}', '\u{3000}'),
        ('\u{feff}', '\u{feff}'),
    ])
}

/// The characters `.` does not match.
pub(super) fn line_terminators() -> ClassUnicode {
    ranges(&[('\n', '\n'), ('\r', '\r'), ('\u{2028}', '\u{2029}')])
}

/// A Unicode property by ECMA-262 name (`Letter`, `L`, `Script=Greek`, `sc=Grek`,
/// `General_Category=Lu`, `ASCII`, ...), through regex-syntax's Unicode tables.
pub(super) fn unicode_property(name: &str) -> Option<ClassUnicode> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(&format!("\\p{{{name}}}"))
        .ok()?;
    match hir.into_kind() {
        regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(set)) => Some(set),
        _ => None,
    }
}

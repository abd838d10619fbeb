//! Internet names and addresses: `ipv4`, `ipv6`, `hostname` and `idn-hostname` (RFC 1123,
//! RFC 5890-5893 through UTS #46), `email` and `idn-email` (RFC 5321, RFC 6531).
//!
//! IDNA processing (mapping, Punycode, the Bidi rule, the joiner rules) is the `idna`
//! crate's; what IDNA2008 adds on top of UTS #46 (RFC 5892's code point classes and
//! contextual rules) is here.

use std::net::{Ipv4Addr, Ipv6Addr};

use unicode_general_category::{GeneralCategory, get_general_category};

/// RFC 2673 dotted-quad `ipv4`: four decimal octets, no leading zeros, nothing else.
pub fn ipv4(s: &str) -> bool {
    s.parse::<Ipv4Addr>().is_ok()
}

/// RFC 4291 `ipv6`, including an embedded IPv4 tail; no zone, prefix or brackets.
pub fn ipv6(s: &str) -> bool {
    s.parse::<Ipv6Addr>().is_ok()
}

/// RFC 5321 `Mailbox`: a dot-atom or quoted local part, `@`, and a domain or an address
/// literal (`[127.0.0.1]`, `[IPv6:::1]`).
pub fn email(s: &str) -> bool {
    mailbox(s, false)
}

/// RFC 6531 `Mailbox`: [`email`] with UTF-8 in the local part and an internationalized
/// domain.
pub fn idn_email(s: &str) -> bool {
    mailbox(s, true)
}

fn mailbox(s: &str, international: bool) -> bool {
    let b = s.as_bytes();
    let Some(at) = local_part_end(b, international) else {
        return false;
    };
    if b.get(at) != Some(&b'@') {
        return false;
    }
    let domain = &s[at + 1..];
    if let Some(literal) = domain.strip_prefix('[').and_then(|d| d.strip_suffix(']')) {
        return match literal.strip_prefix("IPv6:") {
            Some(v6) => ipv6(v6),
            None => ipv4(literal),
        };
    }
    if international {
        idn_hostname(domain)
    } else {
        hostname(domain)
    }
}

/// The index just past the local part, when it is well formed.
fn local_part_end(b: &[u8], international: bool) -> Option<usize> {
    if b.first() == Some(&b'"') {
        let mut i = 1;
        while i < b.len() {
            match b[i] {
                b'"' => return (i > 1).then_some(i + 1),
                b'\\' if b.get(i + 1).is_some_and(|c| (32..=126).contains(c)) => i += 2,
                32..=33 | 35..=91 | 93..=126 => i += 1,
                128.. if international => i += 1,
                _ => return None,
            }
        }
        return None;
    }
    let end = b.iter().position(|&c| c == b'@')?;
    let local = &b[..end];
    let atoms_ok = local.split(|&c| c == b'.').all(|atom| {
        !atom.is_empty()
            && atom
                .iter()
                .all(|&c| is_atext(c) || (international && c >= 128))
    });
    atoms_ok.then_some(end)
}

fn is_atext(c: u8) -> bool {
    c.is_ascii_alphanumeric() || b"!#$%&'*+-/=?^_`{|}~".contains(&c)
}

/// RFC 1123 host name: dot-separated labels of letters, digits and inner hyphens, at most
/// 63 octets each and 253 in all; a label with `--` in 3rd and 4th position must be a valid
/// A-label (RFC 5890), that is, the canonical Punycode of a valid IDNA2008 U-label.
pub fn hostname(s: &str) -> bool {
    if !ldh_name(s) {
        return false;
    }
    let mut has_a_label = false;
    for label in s.split('.') {
        if label.get(2..4) == Some("--") {
            let Some(encoded) = label
                .get(..4)
                .filter(|prefix| prefix.eq_ignore_ascii_case("xn--"))
                .map(|_| &label[4..])
            else {
                return false;
            };
            if !canonical_punycode(encoded) {
                return false;
            }
            has_a_label = true;
        }
    }
    !has_a_label || idn_hostname(s)
}

/// RFC 1123 host name alone, as draft-04 and draft-06 mean `hostname`: [`hostname`] without
/// the A-label rules.
pub fn hostname_rfc1123(s: &str) -> bool {
    ldh_name(s)
}

/// Letters, digits and hyphens only, in labels of 1 to 63 octets that neither start nor end
/// with a hyphen, at most 253 octets in all.
fn ldh_name(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 253
        && s.split('.').all(|label| {
            let b = label.as_bytes();
            !b.is_empty()
                && b.len() <= 63
                && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
                && b[0] != b'-'
                && b[b.len() - 1] != b'-'
        })
}

/// Whether `encoded` (an A-label without `xn--`) decodes to something that is not plain
/// ASCII and encodes back to itself.
fn canonical_punycode(encoded: &str) -> bool {
    let Some(decoded) = idna::punycode::decode_to_string(encoded) else {
        return false;
    };
    !decoded.is_ascii()
        && idna::punycode::encode_str(&decoded)
            .is_some_and(|again| again.eq_ignore_ascii_case(encoded))
}

/// RFC 5890 internationalized host name: what UTS #46 turns into a valid ASCII host name
/// (label separators `.` `。` `．` `｡`, the Bidi rule of RFC 5893, the joiner rules), with
/// every label a valid IDNA2008 U-label.
pub fn idn_hostname(s: &str) -> bool {
    use idna::uts46::{AsciiDenyList, DnsLength, Hyphens, Uts46};

    // The mapping below would drop these; a name is not allowed to have them.
    if s.is_empty() || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return false;
    }
    let uts46 = Uts46::new();
    let Ok(ascii) = uts46.to_ascii(
        s.as_bytes(),
        AsciiDenyList::STD3,
        Hyphens::Check,
        DnsLength::Verify,
    ) else {
        return false;
    };
    if !ldh_name(&ascii) {
        return false;
    }
    let (unicode, result) = uts46.to_unicode(ascii.as_bytes(), AsciiDenyList::STD3, Hyphens::Check);
    result.is_ok() && unicode.split('.').all(u_label)
}

/// RFC 5892: every code point PVALID or allowed by its context, and no leading combining mark
/// (RFC 5891 §4.2.3.2). The joiners' contexts (Appendix A.1, A.2) are checked by UTS #46.
fn u_label(label: &str) -> bool {
    let chars: Vec<char> = label.chars().collect();
    if chars.first().is_some_and(|&c| is_mark(c)) {
        return false;
    }
    let mut katakana_middle_dot = false;
    let mut hiragana_katakana_han = false;
    let mut arabic_indic = false;
    let mut extended_arabic_indic = false;
    for (i, &c) in chars.iter().enumerate() {
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let allowed = match c {
            'a'..='z' | '0'..='9' | '-' | '\u{200C}' | '\u{200D}' => true,
            // Appendix A.3: MIDDLE DOT, between two `l`s.
            '\u{00B7}' => before == Some('l') && after == Some('l'),
            // A.4: GREEK LOWER NUMERAL SIGN (KERAIA), before Greek.
            '\u{0375}' => after.is_some_and(is_greek),
            // A.5, A.6: HEBREW PUNCTUATION GERESH and GERSHAYIM, after Hebrew.
            '\u{05F3}' | '\u{05F4}' => {
                before.is_some_and(|b| ('\u{0590}'..='\u{05FF}').contains(&b))
            }
            // A.7: KATAKANA MIDDLE DOT, in a label with Hiragana, Katakana or Han.
            '\u{30FB}' => {
                katakana_middle_dot = true;
                true
            }
            // A.8, A.9: Arabic-Indic digits of one kind only.
            '\u{0660}'..='\u{0669}' => {
                arabic_indic = true;
                true
            }
            '\u{06F0}'..='\u{06F9}' => {
                extended_arabic_indic = true;
                true
            }
            // Section 2.6, exceptions: PVALID, and DISALLOWED.
            '\u{00DF}' | '\u{03C2}' | '\u{06FD}' | '\u{06FE}' | '\u{0F0B}' | '\u{3007}' => true,
            '\u{0640}'
            | '\u{07FA}'
            | '\u{302E}'
            | '\u{302F}'
            | '\u{3031}'..='\u{3035}'
            | '\u{303B}' => false,
            c if c.is_ascii() => false,
            c => is_letter_digit(c),
        };
        if !allowed {
            return false;
        }
        hiragana_katakana_han |= is_hiragana_katakana_han(c) && c != '\u{30FB}';
    }
    let katakana_ok = !katakana_middle_dot || hiragana_katakana_han;
    let digits_ok = !(arabic_indic && extended_arabic_indic);
    katakana_ok && digits_ok
}

fn is_mark(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::EnclosingMark
    )
}

/// Section 2.1, LetterDigits: the general categories IDNA2008 derives PVALID from.
fn is_letter_digit(c: char) -> bool {
    matches!(
        get_general_category(c),
        GeneralCategory::LowercaseLetter
            | GeneralCategory::OtherLetter
            | GeneralCategory::ModifierLetter
            | GeneralCategory::NonspacingMark
            | GeneralCategory::SpacingMark
            | GeneralCategory::DecimalNumber
    )
}

fn is_greek(c: char) -> bool {
    ('\u{0370}'..='\u{03FF}').contains(&c) || ('\u{1F00}'..='\u{1FFF}').contains(&c)
}

fn is_hiragana_katakana_han(c: char) -> bool {
    ('\u{3040}'..='\u{30FF}').contains(&c)
        || ('\u{31F0}'..='\u{31FF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
        || ('\u{20000}'..='\u{3FFFF}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_and_addresses() {
        assert!(email("joe.bloggs@example.com"));
        assert!(email("\"joe@bloggs\"@example.com"));
        assert!(email("joe.bloggs@[IPv6:::1]"));
        assert!(!email("te..st@example.com"));
        assert!(!email("joe.bloggs@invalid=domain.com"));
        assert!(ipv4("192.168.0.1"));
        assert!(!ipv4("192.168.0.01"));
        assert!(ipv6("::ffff:192.168.0.1"));
        assert!(!ipv6("fe80::a%eth1"));
    }

    #[test]
    fn host_names_and_their_a_labels() {
        assert!(hostname("www.example.com"));
        assert!(hostname("xn--9n2bp8q.xn--9t4b11yi5a"));
        assert!(!hostname("xn--X"));
        assert!(!hostname("xn--example-"), "decodes to ASCII only");
        assert!(!hostname("xn---9uc"), "not canonical");
        assert!(!hostname("ab--cd.com"));
        assert!(!hostname("example."));
        assert!(!hostname("host_name"));
    }

    #[test]
    fn internationalized_host_names_follow_idna2008() {
        assert!(idn_hostname("실례.테스트"));
        assert!(idn_hostname("a\u{3002}b"));
        assert!(idn_hostname("l\u{00B7}l"));
        assert!(!idn_hostname("a\u{00B7}l"));
        assert!(!idn_hostname("\u{0300}hello"));
        assert!(!idn_hostname("\u{3031}\u{3032}"));
        assert!(!idn_hostname("def\u{30FB}abc"));
        assert!(idn_hostname("\u{30FB}\u{3041}"));
        assert!(
            !idn_hostname("\u{0915}\u{200D}\u{0937}"),
            "joiner without virama"
        );
        assert!(!idn_hostname("a\u{05D0}"), "Bidi rule");
        assert!(!idn_hostname("example\u{3002}"));
    }

    #[test]
    fn internationalized_mailboxes() {
        assert!(idn_email("실례@실례.테스트"));
        assert!(!idn_email("2962"));
        assert!(!email("실례@실례.테스트"));
    }
}

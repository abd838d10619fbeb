//! Both engines against `regress`, a complete ECMA-262 engine, on random patterns and texts:
//! same syntax errors, same verdicts.

use proptest::prelude::*;

use super::{backtrack, ecma, linear};

/// Random patterns from a grammar that reaches every construct the engines handle.
fn pattern() -> impl Strategy<Value = String> {
    let atom = prop_oneof![
        Just("a".to_string()),
        Just("b".to_string()),
        Just("1".to_string()),
        Just(" ".to_string()),
        Just("é".to_string()),
        Just("🐲".to_string()),
        Just(".".to_string()),
        Just("\\d".to_string()),
        Just("\\w".to_string()),
        Just("\\s".to_string()),
        Just("\\W".to_string()),
        Just("[ab]".to_string()),
        Just("[^a]".to_string()),
        Just("[a-c1é]".to_string()),
        Just("[\\d ]".to_string()),
        Just("\\u{1F432}".to_string()),
        Just("^".to_string()),
        Just("$".to_string()),
        Just("\\b".to_string()),
        Just("\\B".to_string()),
        Just("\\1".to_string()),
        Just("\\2".to_string()),
    ];
    atom.prop_recursive(4, 24, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 2..4).prop_map(|parts| parts.concat()),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a}|{b}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("(?:{a})")),
            (
                inner.clone(),
                prop_oneof![
                    Just("*"),
                    Just("+"),
                    Just("?"),
                    Just("{2}"),
                    Just("{1,2}"),
                    Just("{0,}"),
                    Just("*?"),
                    Just("+?"),
                    Just("??"),
                    Just("{1,3}?")
                ]
            )
                .prop_map(|(a, q)| format!("(?:{a}){q}")),
            inner.clone().prop_map(|a| format!("(?={a})")),
            inner.clone().prop_map(|a| format!("(?!{a})")),
            inner.clone().prop_map(|a| format!("(?<={a})")),
            inner.prop_map(|a| format!("(?<!{a})")),
        ]
    })
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just('a'),
            Just('b'),
            Just('1'),
            Just(' '),
            Just('é'),
            Just('🐲'),
            Just('\n')
        ],
        0..8,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn both_engines_agree_with_regress(source in pattern(), texts in prop::collection::vec(text(), 6)) {
        let oracle = regress::Regex::with_flags(&source, "u");
        let parsed = ecma::parse(&source, false);
        prop_assert_eq!(oracle.is_ok(), parsed.is_ok(), "{} compiles in one and not the other: {:?}", source, parsed.err());
        let (Ok(oracle), Ok(parsed)) = (oracle, parsed) else { return Ok(()) };
        let program = backtrack::compile(&parsed).expect("small patterns compile");
        let regex = (!parsed.node.needs_backtracking()).then(|| linear::compile(&parsed.node).expect("small patterns compile"));
        for text in &texts {
            let expected = oracle.find(text).is_some();
            let (budgeted, _) = program.is_match(text, 1_000_000);
            prop_assert_eq!(budgeted, Ok(expected), "budgeted engine, {:?} on {:?}", source, text);
            if let Some(regex) = &regex {
                prop_assert_eq!(regex.is_match(text), expected, "linear engine, {:?} on {:?}", source, text);
            }
        }
    }
}

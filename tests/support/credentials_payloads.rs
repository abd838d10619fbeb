//! Credentials payloads for property tests: valid ones, and mutations of them (wrong types,
//! bad date-times and seconds, unknown and misspelt members, duplicates). Shared by the
//! differential and compatibility tests of `integration-tests` and by the schemars
//! agreement test of `models`, which include this file.

use proptest::prelude::*;

/// A payload as members in order, each value already JSON text, so that duplicates and
/// number spellings (`1e3`, `3600.0`) survive.
#[derive(Debug, Clone)]
pub struct Payload {
    members: Vec<(String, String)>,
}

impl Payload {
    pub fn text(&self) -> String {
        let members: Vec<String> = self
            .members
            .iter()
            .map(|(key, value)| format!("{}:{value}", serde_json::Value::String(key.clone())))
            .collect();
        format!("{{{}}}", members.join(","))
    }

    pub fn has_duplicate_keys(&self) -> bool {
        let mut keys: Vec<&str> = self.members.iter().map(|(k, _)| k.as_str()).collect();
        keys.sort_unstable();
        keys.windows(2).any(|w| w[0] == w[1])
    }
}

fn json_string(s: String) -> String {
    serde_json::Value::String(s).to_string()
}

fn token() -> impl Strategy<Value = String> {
    "[A-Za-z0-9._~+/-]{0,48}".prop_map(json_string)
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        _ => 31,
    }
}

/// RFC 3339 date-times in every allowed spelling.
fn valid_date_time() -> impl Strategy<Value = String> {
    (
        (0u32..=9999, 1u32..=12, 1u32..=31),
        (0u32..=23, 0u32..=59, 0u32..=59),
        prop::option::of("[0-9]{1,12}"),
        prop_oneof![
            Just("Z".to_string()),
            Just("z".to_string()),
            (prop::bool::ANY, 0u32..=23, 0u32..=59)
                .prop_map(|(plus, h, m)| format!("{}{h:02}:{m:02}", if plus { '+' } else { '-' })),
        ],
        prop_oneof![Just('T'), Just('t')],
        prop::bool::weighted(0.05),
    )
        .prop_map(|((y, mo, d), (h, mi, s), fraction, offset, t, leap)| {
            let d = d.min(days_in(y, mo));
            let fraction = fraction.map(|f| format!(".{f}")).unwrap_or_default();
            if leap {
                format!("{y:04}-{mo:02}-{d:02}{t}23:59:60{fraction}Z")
            } else {
                format!("{y:04}-{mo:02}-{d:02}{t}{h:02}:{mi:02}:{s:02}{fraction}{offset}")
            }
        })
}

/// Strings that look like date-times and are not.
fn bad_date_time() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("2020-02-30T00:00:00Z".to_string()),
        Just("2021-02-29T00:00:00Z".to_string()),
        Just("2020-01-01T24:00:00Z".to_string()),
        Just("2020-01-01T23:59:61Z".to_string()),
        Just("2020-01-01T22:59:60Z".to_string()),
        Just("2020-01-01 00:00:00Z".to_string()),
        Just("2020-01-01T00:00:00".to_string()),
        Just("2020-01-01T00:00:00+0100".to_string()),
        Just("2020-01-01T00:00:00Z\n".to_string()),
        Just("2020-1-01T00:00:00Z".to_string()),
        Just("yesterday".to_string()),
        Just(String::new()),
        // Damage a valid one: drop or replace one character.
        (
            valid_date_time(),
            any::<prop::sample::Index>(),
            prop_oneof![Just(None), Just(Some('x')), Just(Some('9'))]
        )
            .prop_map(|(valid, at, with)| {
                let mut chars: Vec<char> = valid.chars().collect();
                let i = at.index(chars.len());
                match with {
                    None => {
                        chars.remove(i);
                    }
                    Some(c) => chars[i] = c,
                }
                chars.into_iter().collect()
            }),
    ]
}

fn wrong_type() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("true".to_string()),
        Just("false".to_string()),
        Just("[]".to_string()),
        Just("{}".to_string()),
        Just("[\"a\"]".to_string()),
        Just("{\"a\":1}".to_string()),
        any::<i32>().prop_map(|n| n.to_string()),
        Just("1.5".to_string()),
    ]
}

fn good_seconds() -> impl Strategy<Value = String> {
    prop_oneof![
        (0u64..=u64::from(u32::MAX)).prop_map(|n| n.to_string()),
        Just("0".to_string()),
        Just("3600".to_string()),
        Just("3600.0".to_string()),
        Just("1e3".to_string()),
        Just("36E2".to_string()),
        Just(u64::MAX.to_string()),
        Just("1e20".to_string()),
        Just("18446744073709551616".to_string()),
    ]
}

fn bad_seconds() -> impl Strategy<Value = String> {
    prop_oneof![
        (i64::MIN..0).prop_map(|n| n.to_string()),
        Just("-1".to_string()),
        Just("-0.5".to_string()),
        Just("3600.5".to_string()),
        Just("-1e20".to_string()),
        Just("\"3600\"".to_string()),
        Just("true".to_string()),
    ]
}

/// One member: a known field with a valid or broken value, or an unknown key.
fn member() -> impl Strategy<Value = (String, String)> {
    let key = |k: &str| Just(k.to_string());
    prop_oneof![
        4 => (key("refresh_token"), prop_oneof![3 => token(), 1 => Just("null".to_string()), 1 => wrong_type()]),
        4 => (key("access_token"), prop_oneof![4 => token(), 1 => Just("null".to_string()), 1 => wrong_type()]),
        4 => (key("issued_at"), prop_oneof![
            3 => valid_date_time().prop_map(json_string),
            1 => Just("null".to_string()),
            2 => bad_date_time().prop_map(json_string),
            1 => wrong_type(),
        ]),
        4 => (key("expires_in"), prop_oneof![3 => good_seconds(), 1 => Just("null".to_string()), 2 => bad_seconds()]),
        1 => (
            prop_oneof![key("refreshToken"), key("accessToken"), key("expiresIn"), key("scope"), key("token_type"), key("")],
            token(),
        ),
    ]
}

/// Credentials payloads: valid ones, and mutations of them (shared with `compat.rs`).
pub fn payload() -> impl Strategy<Value = Payload> {
    prop::collection::vec(member(), 0..6).prop_map(|members| Payload { members })
}

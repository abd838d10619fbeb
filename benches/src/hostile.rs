//! Time per MB of attack input next to time per MB of ordinary input, for the classic
//! catastrophic patterns of the `hostile` fixture: strings of 100,000 `a`s and a `!` (which
//! a backtracking engine takes exponential time to reject) against ordinary strings of the
//! same length that match. Linear matching keeps the two within a small factor.

use std::hint::black_box;
use std::time::Duration;

use serde_json::json;

#[allow(dead_code, unused_imports, clippy::all)]
#[rustfmt::skip]
#[path = "../../tests/fixtures/hostile/snapshot.rs"]
mod fixture;

use fixture::patterns;

const LENGTH: usize = 100_000;
/// Documents per measurement: enough for a few tens of milliseconds.
const REPEAT: usize = 20;

pub struct Row {
    pub property: &'static str,
    pub ordinary: f64,
    pub attack: f64,
}

/// (property, attack string, ordinary string of the same length that matches)
fn cases() -> Vec<(&'static str, String, String)> {
    let attack = "a".repeat(LENGTH) + "!";
    let a_run = "a".repeat(LENGTH + 1);
    vec![
        ("nested ^(a+)+$", attack.clone(), a_run.clone()),
        ("alternation ^(a|a)+$", attack.clone(), a_run.clone()),
        ("overlapping ^(a|aa)+$", attack.clone(), a_run.clone()),
        ("words ^(\\w+\\s?)+$", attack.clone(), a_run),
        (
            "email (nested groups)",
            attack.clone(),
            "a".repeat(LENGTH - 11) + "@example.com",
        ),
        (
            "password (look-aheads)",
            attack,
            "A1".to_string() + &"a".repeat(LENGTH - 1),
        ),
    ]
}

fn property(label: &str) -> &str {
    label.split(' ').next().unwrap_or(label)
}

pub fn measure(best_of: impl Fn(&mut dyn FnMut()) -> Duration) -> Vec<Row> {
    cases()
        .into_iter()
        .map(|(label, attack, ordinary)| {
            let name = property(label);
            let bad = json!({ name: attack }).to_string();
            let good = json!({ name: ordinary }).to_string();
            assert!(patterns::validate_json(bad.as_bytes()).is_err());
            assert!(patterns::validate_json(good.as_bytes()).is_ok());
            let rate = |document: &str| {
                let time = best_of(&mut || {
                    for _ in 0..REPEAT {
                        let _ = black_box(patterns::validate_json(document.as_bytes()));
                    }
                });
                (document.len() * REPEAT) as f64 / 1e6 / time.as_secs_f64().max(1e-9)
            };
            Row {
                property: label,
                ordinary: rate(&good),
                attack: rate(&bad),
            }
        })
        .collect()
}

pub fn report(rows: &[Row]) {
    println!(
        "\nHostile patterns: `validate_json` on one {LENGTH}-character string per document; MB/s of JSON input\n"
    );
    println!("| pattern | ordinary string | attack string | attack time / ordinary time |");
    println!("| --- | ---: | ---: | ---: |");
    for row in rows {
        println!(
            "| {} | {:.0} | {:.0} | {:.2} |",
            row.property.replace('|', "\\|"),
            row.ordinary,
            row.attack,
            row.ordinary / row.attack
        );
    }
}

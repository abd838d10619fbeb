//! Property tests of the token lifecycle: the state only moves forward in time, extreme
//! values never panic, and the boundaries fall where the docs say.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use models::{Credentials, DEFAULT_REFRESH_LEEWAY, RefreshState};
use proptest::prelude::*;

fn rank(state: RefreshState) -> u8 {
    match state {
        RefreshState::Valid { .. } => 0,
        RefreshState::ExpiringSoon { .. } => 1,
        RefreshState::Expired { .. } => 2,
        RefreshState::QueuedForRefresh => 3,
    }
}

/// Any instant chrono can hold, with extra weight on the ends and on the present era.
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let min = DateTime::<Utc>::MIN_UTC.timestamp();
    let max = DateTime::<Utc>::MAX_UTC.timestamp();
    prop_oneof![
        (min..=max, 0u32..1_000_000_000).prop_map(|(s, n)| Utc.timestamp_opt(s, n).unwrap()),
        (0i64..4_000_000_000).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap()),
        Just(DateTime::<Utc>::MIN_UTC),
        Just(DateTime::<Utc>::MAX_UTC),
    ]
}

fn expires_in() -> impl Strategy<Value = Option<u64>> {
    prop_oneof![
        Just(None),
        (0u64..100_000).prop_map(Some),
        any::<u64>().prop_map(Some),
        Just(Some(u64::MAX)),
        Just(Some(i64::MAX as u64 + 1)),
    ]
}

fn leeway() -> impl Strategy<Value = TimeDelta> {
    prop_oneof![
        Just(DEFAULT_REFRESH_LEEWAY),
        (-1_000_000i64..1_000_000).prop_map(TimeDelta::seconds),
        Just(TimeDelta::MAX),
        Just(TimeDelta::MIN),
        Just(TimeDelta::zero()),
    ]
}

fn credentials(issued_at: Option<DateTime<Utc>>, expires_in: Option<u64>) -> Credentials {
    Credentials {
        issued_at,
        expires_in,
        ..Credentials::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn the_state_never_moves_backwards(
        issued_at in prop::option::of(instant()),
        expires_in in expires_in(),
        leeway in leeway(),
        a in instant(),
        b in instant(),
    ) {
        let c = credentials(issued_at, expires_in);
        let (earlier, later) = if a <= b { (a, b) } else { (b, a) };
        let first = c.refresh_state(earlier, leeway);
        let second = c.refresh_state(later, leeway);
        if first == RefreshState::QueuedForRefresh || second == RefreshState::QueuedForRefresh {
            prop_assert_eq!(first, second);
            prop_assert!(issued_at.is_none() || expires_in.is_none());
        } else {
            prop_assert!(rank(first) <= rank(second), "{:?} at {} then {:?} at {}", first, earlier, second, later);
        }
        // Never a panic, whatever the values; warnings too.
        let _ = c.expires_at();
        let _ = c.warnings(a);
    }

    #[test]
    fn boundaries_are_decided_as_documented(
        issued_at in (0i64..4_000_000_000).prop_map(|s| Utc.timestamp_opt(s, 0).unwrap()),
        expires_in in 1u64..10_000_000,
        leeway_seconds in 1i64..100_000,
    ) {
        let c = credentials(Some(issued_at), Some(expires_in));
        let expires_at = c.expires_at().unwrap();
        prop_assert_eq!(expires_at, issued_at + TimeDelta::seconds(expires_in as i64));
        let leeway = TimeDelta::seconds(leeway_seconds);
        let nano = TimeDelta::nanoseconds(1);
        let refresh_from = expires_at - leeway;
        prop_assert_eq!(c.refresh_state(refresh_from - nano, leeway), RefreshState::Valid { expires_at });
        prop_assert_eq!(c.refresh_state(refresh_from, leeway), RefreshState::ExpiringSoon { expires_at });
        prop_assert_eq!(c.refresh_state(expires_at - nano, leeway), RefreshState::ExpiringSoon { expires_at });
        prop_assert_eq!(c.refresh_state(expires_at, leeway), RefreshState::Expired { expired_at: expires_at });
    }
}

#[test]
fn the_default_leeway_is_the_platforms_thirty_seconds() {
    assert_eq!(DEFAULT_REFRESH_LEEWAY, TimeDelta::seconds(30));
    let c =
        Credentials::from_json_str(r#"{"issued_at": "2020-01-01T00:00:00Z", "expires_in": 60}"#)
            .unwrap();
    let start = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    assert!(matches!(
        c.refresh_state(start + TimeDelta::seconds(29), DEFAULT_REFRESH_LEEWAY),
        RefreshState::Valid { .. }
    ));
    assert!(matches!(
        c.refresh_state(start + TimeDelta::seconds(30), DEFAULT_REFRESH_LEEWAY),
        RefreshState::ExpiringSoon { .. }
    ));
}

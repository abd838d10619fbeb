//! The token lifecycle, as the platform applies it to [`Credentials`]: when a token expires,
//! whether it must be refreshed, and which values look like mistakes.
//!
//! Hand-written: the schema states these rules only in prose ("If omitted the token will be
//! queued for refresh"; tokens expiring within 30 s are refreshed).

use std::fmt;

use chrono::{DateTime, TimeDelta, Utc};

use crate::schemas::Credentials;

/// The platform refreshes a token that expires within this window: 30 seconds.
pub const DEFAULT_REFRESH_LEEWAY: TimeDelta = TimeDelta::seconds(30);

/// How far in the future `issued_at` may be before [`Credentials::warnings`] calls it
/// implausible, to allow for clocks that disagree a little.
pub const CLOCK_SKEW_TOLERANCE: TimeDelta = TimeDelta::seconds(60);

/// `expires_in` values from here up are long for an access token (11.6 days); when they are
/// also whole thousands, they are most likely milliseconds.
pub const SUSPICIOUS_EXPIRES_IN: u64 = 1_000_000;

/// Where a token stands at a given moment.
///
/// With `expires_at = issued_at + expires_in`:
///
/// | when | state |
/// | --- | --- |
/// | `issued_at` or `expires_in` missing or null | `QueuedForRefresh` |
/// | `now < expires_at - leeway` | `Valid` |
/// | `expires_at - leeway <= now < expires_at` | `ExpiringSoon` (exactly at the leeway counts) |
/// | `expires_at <= now` | `Expired` (exactly at the expiry counts) |
///
/// As `now` advances the state only moves forward: `Valid`, `ExpiringSoon`, `Expired`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RefreshState {
    /// Usable, and not yet within the leeway of its expiry.
    Valid { expires_at: DateTime<Utc> },
    /// Still usable, but it expires within the leeway: the platform refreshes it.
    ExpiringSoon { expires_at: DateTime<Utc> },
    /// No longer usable.
    Expired { expired_at: DateTime<Utc> },
    /// `issued_at` or `expires_in` is missing or null, so the expiry is unknown: the platform
    /// queues the token for refresh.
    QueuedForRefresh,
}

impl RefreshState {
    /// Whether the platform would refresh the token now.
    pub fn needs_refresh(&self) -> bool {
        !matches!(self, RefreshState::Valid { .. })
    }
}

/// A value that is allowed but probably wrong. Warnings never contain token values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Warning {
    /// `expires_in` is large and a whole number of thousands: probably milliseconds, the
    /// mistake the platform's own migration guide shows (`3600000` for one hour).
    ExpiresInLooksLikeMilliseconds { expires_in: u64 },
    /// `expires_in` is longer than [`SUSPICIOUS_EXPIRES_IN`] seconds.
    ExpiresInVeryLong { expires_in: u64 },
    /// `issued_at` is later than now, beyond [`CLOCK_SKEW_TOLERANCE`].
    IssuedInTheFuture {
        issued_at: DateTime<Utc>,
        now: DateTime<Utc>,
    },
    /// `issued_at + expires_in` is past the last representable date; the token is treated as
    /// never expiring.
    ExpiryOutOfRange,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::ExpiresInLooksLikeMilliseconds { expires_in } => write!(
                f,
                "expires_in is {expires_in} seconds ({} days); as milliseconds it would be {} seconds: was it meant to be {}?",
                expires_in / 86_400,
                expires_in / 1000,
                expires_in / 1000
            ),
            Warning::ExpiresInVeryLong { expires_in } => write!(
                f,
                "expires_in is {expires_in} seconds ({} days), unusually long for an access token",
                expires_in / 86_400
            ),
            Warning::IssuedInTheFuture { issued_at, now } => write!(
                f,
                "issued_at {} is {} seconds in the future",
                issued_at.to_rfc3339(),
                (*issued_at - *now).num_seconds()
            ),
            Warning::ExpiryOutOfRange => f.write_str(
                "issued_at + expires_in is beyond the last representable date; the token never expires",
            ),
        }
    }
}

impl Credentials {
    /// `issued_at + expires_in`; `None` when either is missing, or when the sum is past the
    /// last date `chrono` represents. Never panics.
    ///
    /// ```
    /// let credentials = models::Credentials::from_json_str(
    ///     r#"{"issued_at": "2020-01-01T00:00:00Z", "expires_in": 3600}"#,
    /// )?;
    /// assert_eq!(credentials.expires_at().unwrap().to_rfc3339(), "2020-01-01T01:00:00+00:00");
    /// assert_eq!(models::Credentials::default().expires_at(), None);
    /// # Ok::<(), schema_runtime::ValidationErrors>(())
    /// ```
    pub fn expires_at(&self) -> Option<DateTime<Utc>> {
        let seconds = i64::try_from(self.expires_in?).ok()?;
        self.issued_at?
            .checked_add_signed(TimeDelta::try_seconds(seconds)?)
    }

    /// Where the token stands at `now`, refreshing `leeway` before expiry (a negative
    /// leeway counts as zero). See [`RefreshState`] for the exact boundaries.
    ///
    /// ```
    /// use chrono::{TimeDelta, TimeZone, Utc};
    /// use models::{Credentials, DEFAULT_REFRESH_LEEWAY, RefreshState};
    ///
    /// let credentials = Credentials::from_json_str(
    ///     r#"{"access_token": "a", "issued_at": "2020-01-01T00:00:00Z", "expires_in": 3600}"#,
    /// )?;
    /// let expires_at = Utc.with_ymd_and_hms(2020, 1, 1, 1, 0, 0).unwrap();
    /// let state = |now| credentials.refresh_state(now, DEFAULT_REFRESH_LEEWAY);
    ///
    /// assert_eq!(state(expires_at - TimeDelta::minutes(5)), RefreshState::Valid { expires_at });
    /// assert_eq!(state(expires_at - TimeDelta::seconds(30)), RefreshState::ExpiringSoon { expires_at });
    /// assert_eq!(state(expires_at), RefreshState::Expired { expired_at: expires_at });
    ///
    /// let unknown = Credentials::from_json_str(r#"{"access_token": "a", "expires_in": 3600}"#)?;
    /// assert_eq!(unknown.refresh_state(expires_at, DEFAULT_REFRESH_LEEWAY), RefreshState::QueuedForRefresh);
    /// # Ok::<(), schema_runtime::ValidationErrors>(())
    /// ```
    pub fn refresh_state(&self, now: DateTime<Utc>, leeway: TimeDelta) -> RefreshState {
        if self.issued_at.is_none() || self.expires_in.is_none() {
            return RefreshState::QueuedForRefresh;
        }
        let expires_at = self.expires_at().unwrap_or(DateTime::<Utc>::MAX_UTC);
        if now >= expires_at {
            return RefreshState::Expired {
                expired_at: expires_at,
            };
        }
        let refresh_from = expires_at
            .checked_sub_signed(leeway.max(TimeDelta::zero()))
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        if now >= refresh_from {
            RefreshState::ExpiringSoon { expires_at }
        } else {
            RefreshState::Valid { expires_at }
        }
    }

    /// [`Self::refresh_state`] at the current time with the platform's 30-second leeway.
    pub fn refresh_state_now(&self) -> RefreshState {
        self.refresh_state(Utc::now(), DEFAULT_REFRESH_LEEWAY)
    }

    /// Values that the schema allows but that are probably mistakes. They do not make the
    /// credentials invalid.
    ///
    /// ```
    /// use chrono::{TimeZone, Utc};
    /// use models::{Credentials, Warning};
    ///
    /// let credentials = Credentials::from_json_str(
    ///     r#"{"issued_at": "2020-01-01T00:00:00Z", "expires_in": 3600000}"#,
    /// )?;
    /// let now = Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap();
    /// assert_eq!(
    ///     credentials.warnings(now),
    ///     [Warning::ExpiresInLooksLikeMilliseconds { expires_in: 3_600_000 }]
    /// );
    /// # Ok::<(), schema_runtime::ValidationErrors>(())
    /// ```
    pub fn warnings(&self, now: DateTime<Utc>) -> Vec<Warning> {
        let mut warnings = Vec::new();
        if let Some(expires_in) = self.expires_in
            && expires_in >= SUSPICIOUS_EXPIRES_IN
        {
            warnings.push(if expires_in % 1000 == 0 {
                Warning::ExpiresInLooksLikeMilliseconds { expires_in }
            } else {
                Warning::ExpiresInVeryLong { expires_in }
            });
        }
        if let Some(issued_at) = self.issued_at
            && now
                .checked_add_signed(CLOCK_SKEW_TOLERANCE)
                .is_some_and(|latest| issued_at > latest)
        {
            warnings.push(Warning::IssuedInTheFuture { issued_at, now });
        }
        if self.issued_at.is_some() && self.expires_in.is_some() && self.expires_at().is_none() {
            warnings.push(Warning::ExpiryOutOfRange);
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn credentials(issued_at: Option<DateTime<Utc>>, expires_in: Option<u64>) -> Credentials {
        Credentials {
            issued_at,
            expires_in,
            ..Credentials::default()
        }
    }

    fn at(seconds: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(seconds, 0).unwrap()
    }

    #[test]
    fn missing_or_null_times_are_queued_for_refresh() {
        for c in [
            credentials(None, Some(60)),
            credentials(Some(at(0)), None),
            credentials(None, None),
        ] {
            assert_eq!(
                c.refresh_state(at(0), DEFAULT_REFRESH_LEEWAY),
                RefreshState::QueuedForRefresh
            );
            assert!(
                c.refresh_state(at(0), DEFAULT_REFRESH_LEEWAY)
                    .needs_refresh()
            );
        }
        let from_null =
            Credentials::from_json_str(r#"{"issued_at": null, "expires_in": 60}"#).unwrap();
        assert_eq!(
            from_null.refresh_state(at(0), DEFAULT_REFRESH_LEEWAY),
            RefreshState::QueuedForRefresh
        );
    }

    #[test]
    fn an_expiry_past_the_last_date_never_expires_and_warns() {
        let issued_at = DateTime::<Utc>::MAX_UTC - TimeDelta::days(1);
        let c = credentials(Some(issued_at), Some(u64::MAX));
        assert_eq!(c.expires_at(), None);
        assert!(matches!(
            c.refresh_state(issued_at, DEFAULT_REFRESH_LEEWAY),
            RefreshState::Valid { .. }
        ));
        assert_eq!(
            c.warnings(issued_at),
            [
                Warning::ExpiresInVeryLong {
                    expires_in: u64::MAX
                },
                Warning::ExpiryOutOfRange
            ]
        );
        let just_past = credentials(Some(issued_at), Some(2 * 86_400));
        assert_eq!(just_past.expires_at(), None);
    }

    #[test]
    fn negative_and_huge_leeways_do_not_panic() {
        let c = credentials(Some(at(0)), Some(60));
        assert_eq!(
            c.refresh_state(at(59), TimeDelta::seconds(-10)),
            RefreshState::Valid { expires_at: at(60) }
        );
        assert_eq!(
            c.refresh_state(at(-1_000_000), TimeDelta::MAX),
            RefreshState::ExpiringSoon { expires_at: at(60) }
        );
    }

    #[test]
    fn warns_about_the_future_beyond_the_skew_tolerance() {
        let c = credentials(Some(at(1000)), Some(60));
        assert!(c.warnings(at(1000 - 60)).is_empty());
        assert_eq!(
            c.warnings(at(1000 - 61)),
            [Warning::IssuedInTheFuture {
                issued_at: at(1000),
                now: at(939)
            }]
        );
    }

    #[test]
    fn warning_messages_read_well() {
        assert_eq!(
            Warning::ExpiresInLooksLikeMilliseconds {
                expires_in: 3_600_000
            }
            .to_string(),
            "expires_in is 3600000 seconds (41 days); as milliseconds it would be 3600 seconds: was it meant to be 3600?"
        );
    }
}

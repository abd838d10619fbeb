//! JSON numbers compared the way JSON Schema compares them: by mathematical value, whether
//! serde_json holds them as `u64`, `i64` or `f64`.

use std::cmp::Ordering;

use serde_json::Number;

/// A bound written in a schema (`minimum`, `multipleOf`, ...), kept exact when it is an
/// integer.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Limit {
    /// An integer bound, `-(2^127)..2^127`.
    Int(i128),
    /// Any other bound.
    Float(f64),
}

impl Limit {
    /// The limit a schema number stands for.
    pub fn of(n: &Number) -> Limit {
        if let Some(u) = n.as_u64() {
            Limit::Int(u.into())
        } else if let Some(i) = n.as_i64() {
            Limit::Int(i.into())
        } else {
            let f = n.as_f64().unwrap_or(f64::NAN);
            match float_as_int(f) {
                Some(i) => Limit::Int(i),
                None => Limit::Float(f),
            }
        }
    }
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::Int(i) => write!(f, "{i}"),
            Limit::Float(x) => write!(f, "{x}"),
        }
    }
}

/// `f` as an integer when it is one and fits in an `i128`.
fn float_as_int(f: f64) -> Option<i128> {
    // 2^127 is exactly representable; anything at or beyond it does not fit.
    const BOUND: f64 = 170_141_183_460_469_231_731_687_303_715_884_105_728.0;
    (f.is_finite() && f.fract() == 0.0 && f.abs() < BOUND).then_some(f as i128)
}

/// Whether a JSON number is an integer, as JSON Schema's `integer` type means it: `1.0` and
/// `1e3` are integers.
pub fn is_integer(n: &Number) -> bool {
    n.is_u64()
        || n.is_i64()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0)
}

/// Compares a number with a limit by mathematical value.
pub fn compare(n: &Number, limit: Limit) -> Ordering {
    match (Limit::of(n), limit) {
        (Limit::Int(a), Limit::Int(b)) => a.cmp(&b),
        (Limit::Int(a), Limit::Float(b)) => compare_int_float(a, b),
        (Limit::Float(a), Limit::Int(b)) => compare_int_float(b, a).reverse(),
        (Limit::Float(a), Limit::Float(b)) => a.partial_cmp(&b).unwrap_or(Ordering::Equal),
    }
}

/// `b` is not an integer (or is out of `i128` range), so `a as f64` cannot land on it and
/// the rounded comparison is exact.
fn compare_int_float(a: i128, b: f64) -> Ordering {
    (a as f64).partial_cmp(&b).unwrap_or(Ordering::Equal)
}

/// Whether `n` is a multiple of `divisor` (> 0), exactly for the decimals JSON writes.
///
/// Binary floats cannot hold `0.0001`, so `0.0075 / 0.0001` is not `75.0`. Both numbers are
/// read back as the shortest decimal that round-trips (what the document said) and divided
/// as integers; only when that overflows does the float quotient decide.
pub fn is_multiple_of(n: &Number, divisor: Limit) -> bool {
    if let (Limit::Int(a), Limit::Int(b)) = (Limit::of(n), divisor) {
        return b != 0 && a % b == 0;
    }
    let value = n.as_f64().unwrap_or(f64::NAN);
    let divisor = match divisor {
        Limit::Int(i) => i as f64,
        Limit::Float(f) => f,
    };
    if let (Some(a), Some(b)) = (decimal(value), decimal(divisor)) {
        // a.0 * 10^a.1 over b.0 * 10^b.1, both scaled to the smaller exponent.
        let exponent = a.1.min(b.1);
        if let (Some(a), Some(b)) = (scale(a.0, a.1 - exponent), scale(b.0, b.1 - exponent)) {
            return b != 0 && a % b == 0;
        }
    }
    let quotient = value / divisor;
    quotient.is_finite() && quotient.fract() == 0.0
}

/// `f` as `mantissa * 10^exponent` with an integer mantissa, from its shortest decimal form.
fn decimal(f: f64) -> Option<(i128, i32)> {
    if !f.is_finite() {
        return None;
    }
    let text = format!("{f:e}");
    let (mantissa, exponent) = text.split_once('e')?;
    let mut exponent: i32 = exponent.parse().ok()?;
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    exponent -= i32::try_from(frac_part.len()).ok()?;
    let digits: i128 = format!("{int_part}{frac_part}").parse().ok()?;
    Some((digits, exponent))
}

fn scale(mantissa: i128, by: i32) -> Option<i128> {
    let factor = 10i128.checked_pow(u32::try_from(by).ok()?)?;
    mantissa.checked_mul(factor)
}

/// Whether two JSON numbers are the same number (`1` and `1.0` are).
pub fn equal(a: &Number, b: &Number) -> bool {
    compare(a, Limit::of(b)) == Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(text: &str) -> Number {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn integers_include_integral_floats() {
        assert!(is_integer(&n("3600")));
        assert!(is_integer(&n("3600.0")));
        assert!(is_integer(&n("1e3")));
        assert!(is_integer(&n("-5")));
        assert!(!is_integer(&n("0.5")));
    }

    #[test]
    fn compares_across_representations() {
        assert_eq!(compare(&n("-5"), Limit::Int(0)), Ordering::Less);
        assert_eq!(compare(&n("0.0"), Limit::Int(0)), Ordering::Equal);
        assert_eq!(
            compare(&n("18446744073709551615"), Limit::Int(-1)),
            Ordering::Greater
        );
        assert_eq!(compare(&n("1.5"), Limit::Float(1.25)), Ordering::Greater);
        assert_eq!(compare(&n("2"), Limit::Float(1.5)), Ordering::Greater);
        assert_eq!(
            compare(&n("1e300"), Limit::Int(i128::MAX)),
            Ordering::Greater
        );
        assert!(equal(&n("1"), &n("1.0")));
        assert!(!equal(&n("1"), &n("1.000001")));
    }

    #[test]
    fn multiples_of_decimals_are_exact() {
        assert!(is_multiple_of(&n("0.0075"), Limit::Float(0.0001)));
        assert!(!is_multiple_of(&n("0.00751"), Limit::Float(0.0001)));
        assert!(is_multiple_of(&n("4.5"), Limit::Float(1.5)));
        assert!(!is_multiple_of(&n("35"), Limit::Float(1.5)));
        assert!(is_multiple_of(&n("10"), Limit::Int(2)));
        assert!(!is_multiple_of(&n("7"), Limit::Int(2)));
        assert!(is_multiple_of(&n("12391239123"), Limit::Float(1e-8)));
        assert!(!is_multiple_of(&n("1e308"), Limit::Float(0.123456789)));
    }
}

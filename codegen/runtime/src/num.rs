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

/// Whether a JSON number was written without a fraction, as draft-04's `integer` means it:
/// `1.0` is not one. serde_json keeps integers that fit 64 bits as integers; a larger one
/// arrives as a float with nothing after the point, and only such floats are counted.
pub fn is_integer_without_fraction(n: &Number) -> bool {
    const BEYOND_64_BITS: f64 = 18_446_744_073_709_551_616.0;
    n.is_u64()
        || n.is_i64()
        || n.as_f64()
            .is_some_and(|f| f.is_finite() && f.fract() == 0.0 && f.abs() >= BEYOND_64_BITS)
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
/// read as the decimal the document wrote (integers exactly, floats as the shortest decimal
/// that round-trips): `a·10^i` and `b·10^j`. Then `n / divisor = (a / b)·10^(i-j)` is an
/// integer exactly when `a·10^(i-j) ≡ 0 (mod b)` (for `i ≥ j`), computed by modular
/// exponentiation so that `1e308` against `0.0001` neither overflows nor rounds.
pub fn is_multiple_of(n: &Number, divisor: Limit) -> bool {
    let (Some((a, i)), Some((b, j))) = (decimal_of(Limit::of(n)), decimal_of(divisor)) else {
        return false;
    };
    if b == 0 {
        return false;
    }
    if a == 0 {
        return true;
    }
    let (a, b) = (a.unsigned_abs(), b.unsigned_abs());
    if i >= j {
        let scale = pow_mod(10, (i - j) as u64, b);
        mul_mod(a % b, scale, b) == 0
    } else {
        // `a` must be divisible by `b·10^(j-i)`; beyond `u128` that is more than `a` can be.
        10u128
            .checked_pow((j - i) as u32)
            .and_then(|scale| scale.checked_mul(b))
            .is_some_and(|m| a % m == 0)
    }
}

/// A limit as `mantissa · 10^exponent`; `None` for infinities and NaN.
fn decimal_of(limit: Limit) -> Option<(i128, i32)> {
    match limit {
        Limit::Int(i) => Some((i, 0)),
        Limit::Float(f) => decimal(f),
    }
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

/// `(x · y) mod m` without overflow. Divisors from floats have at most 17 digits, so the
/// product fits in a `u128`; only integer divisors beyond 2^64 take the slow path.
fn mul_mod(x: u128, y: u128, m: u128) -> u128 {
    if let Some(product) = x.checked_mul(y) {
        return product % m;
    }
    // Double and add: only for moduli beyond 2^64 (integer divisors near `i128::MAX`).
    let (mut result, mut x, mut y) = (0u128, x % m, y);
    while y > 0 {
        if y & 1 == 1 {
            result = add_mod(result, x, m);
        }
        x = add_mod(x, x, m);
        y >>= 1;
    }
    result
}

fn add_mod(x: u128, y: u128, m: u128) -> u128 {
    // x, y < m: x + y may overflow only when m > 2^127.
    match x.checked_add(y) {
        Some(sum) => sum % m,
        None => x.wrapping_add(y).wrapping_sub(m),
    }
}

/// `base^exponent mod m`.
fn pow_mod(base: u128, mut exponent: u64, m: u128) -> u128 {
    let mut result = 1 % m;
    let mut base = base % m;
    while exponent > 0 {
        if exponent & 1 == 1 {
            result = mul_mod(result, base, m);
        }
        base = mul_mod(base, base, m);
        exponent >>= 1;
    }
    result
}

/// Whether two JSON numbers are the same number (`1` and `1.0` are).
pub fn equal(a: &Number, b: &Number) -> bool {
    compare(a, Limit::of(b)) == Ordering::Equal
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draft4_integers_are_written_without_a_fraction() {
        let n = |text: &str| serde_json::from_str::<Number>(text).unwrap();
        assert!(is_integer_without_fraction(&n("12")));
        assert!(is_integer_without_fraction(&n("-12345678901234567890123")));
        assert!(!is_integer_without_fraction(&n("1.0")));
        assert!(!is_integer_without_fraction(&n("1.5")));
    }

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

    #[test]
    fn multiples_of_huge_numbers_do_not_overflow() {
        // Every integer is a multiple of a divisor that divides 1 exactly.
        assert!(is_multiple_of(&n("1e308"), Limit::Float(0.0001)));
        assert!(is_multiple_of(&n("1e308"), Limit::Float(0.5)));
        assert!(is_multiple_of(&n("-1e308"), Limit::Int(5)));
        // 10^308 = 1 (mod 3).
        assert!(!is_multiple_of(&n("1e308"), Limit::Int(3)));
        assert!(is_multiple_of(&n("18446744073709551615"), Limit::Int(5)));
        assert!(is_multiple_of(
            &n("18446744073709551615"),
            Limit::Float(0.5)
        ));
        assert!(!is_multiple_of(&n("18446744073709551615"), Limit::Int(2)));
        assert!(is_multiple_of(&n("1e-300"), Limit::Float(1e-300)));
        assert!(!is_multiple_of(&n("1e-300"), Limit::Float(3e-300)));
        assert!(!is_multiple_of(&n("0.5"), Limit::Float(1e300)));
        assert!(is_multiple_of(&n("0"), Limit::Float(1e-300)));
    }
}

//! From JSON to a generated Rust type, through validation: what `from_json` does.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::errors::{ValidationError, ValidationErrors};
use crate::json;
use crate::pointer;
use crate::validation::{self, Check};

/// Parses strictly, validates, then decodes into `T`.
pub fn from_json<T: DeserializeOwned>(bytes: &[u8], check: Check) -> Result<T, ValidationErrors> {
    let value = json::parse_slice(bytes).map_err(|e| ValidationError::json(&e))?;
    from_value(value, check)
}

/// [`from_json`], asking the schema's fast path first: `fast` decodes a payload it is sure
/// of, and gives up on anything else.
pub fn from_json_fast<T: DeserializeOwned>(
    bytes: &[u8],
    fast: fn(&[u8]) -> Option<T>,
    check: Check,
) -> Result<T, ValidationErrors> {
    match on_enough_stack::<T, _>(|| fast(bytes)) {
        Some(decoded) => Ok(decoded),
        None => from_json(bytes, check),
    }
}

/// Validates, then decodes into `T`. Validation and the pattern newtypes that decoding runs
/// share one document's pattern budget.
pub fn from_value<T: DeserializeOwned>(value: Value, check: Check) -> Result<T, ValidationErrors> {
    crate::pattern::per_document(|| {
        validation::validate(&value, check)?;
        decode(value)
    })
}

/// Decodes a value that the schema accepts.
///
/// JSON Schema counts `3600.0` as an integer, so integral floats become integers first; an
/// integer the Rust type cannot hold becomes a range error at its location. serde's own
/// messages quote values, so none of their text is kept.
pub fn decode<T: DeserializeOwned>(mut value: Value) -> Result<T, ValidationErrors> {
    integral_floats_to_integers(&mut value);
    on_enough_stack::<T, _>(|| serde_path_to_error::deserialize(&value)).map_err(|e| {
        let mut at = String::new();
        for segment in e.path().iter() {
            match segment {
                serde_path_to_error::Segment::Seq { index } => pointer::push_index(&mut at, *index),
                serde_path_to_error::Segment::Map { key } => pointer::push_token(&mut at, key),
                _ => {}
            }
        }
        let message = match value.pointer(&at) {
            Some(Value::Number(_)) => "the number is out of range for the Rust type".to_string(),
            Some(found) => format!(
                "the {} here cannot be represented by the Rust type",
                crate::value::type_name(found)
            ),
            None => "the value cannot be represented by the Rust type".to_string(),
        };
        ValidationErrors::from(ValidationError::range(at, message))
    })
}

/// Runs `f`, which decodes a `T`, on a fresh stack when what is left of this thread's looks
/// too small for it.
///
/// serde's derived visitors hold every field of a struct in one stack frame, several copies
/// of it in a debug build: ESLint's configuration (1,631 rules, a 69 KB struct) takes more
/// than 3 MB to decode unoptimized, past the 2 MB that test threads and most thread pools
/// get. Ordinary types are far below the threshold and never switch.
fn on_enough_stack<T, R>(f: impl FnOnce() -> R) -> R {
    let needed = stack_needed::<T>();
    stacker::maybe_grow(needed, 2 * needed, f)
}

/// A generous bound on the stack decoding a `T` takes: measured at ~50 bytes of stack per
/// byte of the type in debug builds, doubled for a type nested in itself through a
/// collection (ESLint's `overrides` hold rules again).
fn stack_needed<T>() -> usize {
    const BASE: usize = 1 << 20;
    BASE.saturating_add(std::mem::size_of::<T>().saturating_mul(128))
}

fn integral_floats_to_integers(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            let f = n.as_f64().unwrap_or(f64::NAN);
            if f.fract() == 0.0 {
                if f >= 0.0 && f < u64::MAX as f64 {
                    *value = Value::from(f as u64);
                } else if f < 0.0 && f >= i64::MIN as f64 {
                    *value = Value::from(f as i64);
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_to_integers),
        Value::Object(map) => map.values_mut().for_each(integral_floats_to_integers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[derive(Debug, serde::Deserialize, PartialEq)]
    struct T {
        n: Option<u64>,
    }

    /// 8 KiB of fields in one struct: serde's visitor keeps several copies on the stack, more
    /// than a 64 KiB thread has (the test overflows without [`on_enough_stack`]).
    #[derive(serde::Deserialize)]
    #[allow(dead_code)]
    struct Wide {
        a: [Option<Value>; 32],
        b: [Option<Value>; 32],
        c: [Option<Value>; 32],
        d: [Option<Value>; 32],
        e: [Option<Value>; 32],
        f: [Option<Value>; 32],
        g: [Option<Value>; 32],
        h: [Option<Value>; 32],
    }

    #[test]
    fn a_wide_struct_decodes_on_a_thread_with_little_stack() {
        let value = Value::Object(
            ["a", "b", "c", "d", "e", "f", "g", "h"]
                .into_iter()
                .map(|k| (k.to_string(), Value::Array(vec![json!(1); 32])))
                .collect(),
        );
        let decoded = std::thread::Builder::new()
            .stack_size(64 * 1024)
            .spawn(move || decode::<Wide>(value).is_ok())
            .unwrap()
            .join()
            .unwrap();
        assert!(decoded);
    }

    #[test]
    fn integral_floats_decode_as_integers() {
        let t: T = decode(json!({"n": 3600.0})).unwrap();
        assert_eq!(t.n, Some(3600));
        let t: T = decode(serde_json::from_str(r#"{"n": 1e3}"#).unwrap()).unwrap();
        assert_eq!(t.n, Some(1000));
    }

    #[test]
    fn out_of_range_integers_are_located_without_their_value() {
        let value: Value = serde_json::from_str(r#"{"n": 18446744073709551616}"#).unwrap();
        let err = decode::<T>(value).unwrap_err();
        let first = err.iter().next().unwrap();
        assert_eq!(first.instance_location(), "/n");
        assert_eq!(
            first.message(),
            "the number is out of range for the Rust type"
        );
        let err = decode::<T>(json!({"n": -5})).unwrap_err();
        assert!(!err.to_string().contains("-5"), "{err}");
    }
}

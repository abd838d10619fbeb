//! What generated validators report, and the plumbing they share: instance and keyword
//! locations that cost nothing until an error needs them, and the sink errors go into.

use std::collections::HashMap;
use std::fmt;

use serde_json::Value;

use crate::json::{self, JsonError};
use crate::pointer;

/// One violation: where in the payload, which keyword, and what is wrong.
///
/// Messages never contain the value of a secret (`writeOnly` or `format: password`) field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    instance_location: String,
    keyword_location: String,
    message: String,
    kind: ErrorKind,
}

/// What kind of problem a [`ValidationError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not acceptable JSON (syntax, UTF-8, duplicate key, nesting depth).
    Json {
        /// 1-based line of the problem within the document.
        line: usize,
    },
    /// The document violates a schema keyword.
    Schema,
    /// The document satisfies the schema but does not fit the Rust type (an integer beyond
    /// `u64`, say).
    Range,
}

impl ValidationError {
    /// A violation of a schema keyword.
    pub fn schema(instance_location: String, keyword_location: String, message: String) -> Self {
        ValidationError {
            instance_location,
            keyword_location,
            message,
            kind: ErrorKind::Schema,
        }
    }

    /// A document that is not acceptable JSON.
    pub fn json(error: &JsonError) -> Self {
        ValidationError {
            instance_location: error.pointer().unwrap_or("").to_string(),
            keyword_location: String::new(),
            message: error.to_string(),
            kind: ErrorKind::Json { line: error.line() },
        }
    }

    /// A valid document whose value at `instance_location` the Rust type cannot hold.
    pub fn range(instance_location: String, message: String) -> Self {
        ValidationError {
            instance_location,
            keyword_location: String::new(),
            message,
            kind: ErrorKind::Range,
        }
    }

    /// JSON Pointer to the offending part of the payload (`""` is the whole document).
    pub fn instance_location(&self) -> &str {
        &self.instance_location
    }

    /// JSON Pointer to the failing keyword, along the path evaluation took through the schema
    /// (through `$ref`s); empty for JSON and range errors.
    pub fn keyword_location(&self) -> &str {
        &self.keyword_location
    }

    /// What is wrong.
    pub fn message(&self) -> &str {
        &self.message
    }

    pub fn kind(&self) -> ErrorKind {
        self.kind
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.instance_location.is_empty() {
            "(root)"
        } else {
            &self.instance_location
        };
        write!(f, "{at}: {}", self.message)
    }
}

/// Every violation found in one document, in the order evaluation met them. Never empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationErrors {
    errors: Vec<ValidationError>,
}

impl ValidationErrors {
    /// `None` when `errors` is empty: there is nothing to report.
    pub fn new(errors: Vec<ValidationError>) -> Option<Self> {
        (!errors.is_empty()).then_some(ValidationErrors { errors })
    }

    pub fn iter(&self) -> std::slice::Iter<'_, ValidationError> {
        self.errors.iter()
    }

    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Always false; there for `len`'s sake.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    pub fn into_vec(self) -> Vec<ValidationError> {
        self.errors
    }
}

impl From<ValidationError> for ValidationErrors {
    fn from(error: ValidationError) -> Self {
        ValidationErrors {
            errors: vec![error],
        }
    }
}

impl<'a> IntoIterator for &'a ValidationErrors {
    type Item = &'a ValidationError;
    type IntoIter = std::slice::Iter<'a, ValidationError>;
    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl fmt::Display for ValidationErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationErrors {}

/// Where validation is in the payload: a list linked through the stack, so descending costs
/// nothing; it becomes a JSON Pointer only when an error is reported.
#[derive(Debug, Clone, Copy)]
pub struct Loc<'a> {
    parent: Option<&'a Loc<'a>>,
    segment: Segment<'a>,
    depth: u32,
}

#[derive(Debug, Clone, Copy)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Loc<'a> {
    /// The whole document.
    pub const ROOT: Loc<'static> = Loc {
        parent: None,
        segment: Segment::Root,
        depth: 0,
    };

    /// The member `key` of the object here.
    pub fn key(&'a self, key: &'a str) -> Loc<'a> {
        Loc {
            parent: Some(self),
            segment: Segment::Key(key),
            depth: self.depth + 1,
        }
    }

    /// The item `index` of the array here.
    pub fn index(&'a self, index: usize) -> Loc<'a> {
        Loc {
            parent: Some(self),
            segment: Segment::Index(index),
            depth: self.depth + 1,
        }
    }

    /// How many containers enclose this location.
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The JSON Pointer of this location.
    pub fn pointer(&self) -> String {
        let mut segments = Vec::with_capacity(self.depth as usize);
        let mut here = Some(self);
        while let Some(loc) = here {
            segments.push(loc.segment);
            here = loc.parent;
        }
        let mut out = String::new();
        for segment in segments.iter().rev() {
            match segment {
                Segment::Root => {}
                Segment::Key(key) => pointer::push_token(&mut out, key),
                Segment::Index(index) => pointer::push_index(&mut out, *index),
            }
        }
        out
    }
}

/// The path evaluation took through the schema, as static, already-escaped pointer pieces
/// (`/properties/expires_in`, `/$ref`).
#[derive(Debug, Clone, Copy)]
pub struct Kw<'a> {
    parent: Option<&'a Kw<'a>>,
    segment: &'static str,
}

impl<'a> Kw<'a> {
    /// The root schema.
    pub const ROOT: Kw<'static> = Kw {
        parent: None,
        segment: "",
    };

    /// Evaluation moved to a subschema at `segment` relative to here.
    pub fn push(&'a self, segment: &'static str) -> Kw<'a> {
        Kw {
            parent: Some(self),
            segment,
        }
    }

    /// The pointer of the keyword `last` (`/minimum`) of the schema here.
    pub fn pointer(&self, last: &str) -> String {
        let mut segments = Vec::new();
        let mut here = Some(self);
        while let Some(kw) = here {
            segments.push(kw.segment);
            here = kw.parent;
        }
        let mut out: String = segments.iter().rev().copied().collect();
        out.push_str(last);
        out
    }
}

/// Where a validator puts what it finds: every error (collecting), or nothing but the
/// verdict (checking, used inside `anyOf`, `oneOf`, `not`, `if` and `contains`), and the
/// verdicts remembered for recursive subschemas.
#[derive(Debug)]
pub struct Out {
    errors: Vec<ValidationError>,
    collect: bool,
    /// Failures so far, collected or not: a validator is valid when it added none.
    failures: u64,
    /// (node, address of a container in the document) → verdict. Only recursive subschemas
    /// that can reach one value by two paths use it: evaluated once per value, they cannot
    /// make `anyOf` over a deep document take exponential time.
    memo: HashMap<(u32, usize), Verdict>,
    /// What `unevaluated*` will ask about (`evaluated.rs`).
    pub(crate) frames: Vec<crate::evaluated::Frame>,
    /// The schema resources evaluation is in, outermost first (`evaluated.rs`).
    pub(crate) scope: Vec<u32>,
}

#[derive(Debug, Clone, Copy)]
enum Verdict {
    Valid,
    /// `reported`: its errors were collected once already.
    Invalid {
        reported: bool,
    },
}

impl Out {
    /// Keeps every error.
    pub fn collecting() -> Self {
        Out {
            errors: Vec::new(),
            collect: true,
            failures: 0,
            memo: HashMap::new(),
            frames: Vec::new(),
            scope: Vec::new(),
        }
    }

    /// Keeps nothing; validators stop at the first failure.
    pub fn checking() -> Self {
        Out {
            errors: Vec::new(),
            collect: false,
            failures: 0,
            memo: HashMap::new(),
            frames: Vec::new(),
            scope: Vec::new(),
        }
    }

    /// Whether a validator should return at the first failure.
    #[inline]
    pub fn stop(&self) -> bool {
        !self.collect
    }

    /// Where a validator starts counting its failures; see [`Self::valid_since`].
    #[inline]
    pub fn start(&self) -> u64 {
        self.failures
    }

    /// Whether nothing failed since `start`: the verdict of a validator that did not stop.
    #[inline]
    pub fn valid_since(&self, start: u64) -> bool {
        self.failures == start
    }

    /// Records a failure of `keyword` (`/minimum`) at `at`, with the message when errors are
    /// collected; returns whether the validator should stop (when only the verdict counts).
    #[inline]
    pub fn fail(
        &mut self,
        at: &Loc<'_>,
        kw: &Kw<'_>,
        keyword: &str,
        message: impl FnOnce() -> String,
    ) -> bool {
        self.failures += 1;
        if self.collect {
            self.push(at, kw, keyword, message());
        }
        !self.collect
    }

    /// The verdict of `check` alone, its errors and failures discarded: what `anyOf` and its
    /// kin ask.
    #[inline]
    pub fn test(&mut self, check: impl FnOnce(&mut Out) -> bool) -> bool {
        let collect = std::mem::replace(&mut self.collect, false);
        let failures = self.failures;
        let valid = check(self);
        self.collect = collect;
        self.failures = failures;
        valid
    }

    /// Runs `check`, the body of the recursive subschema `node`, on `value` once: later calls
    /// for the same array or object give the remembered verdict. An invalid value's errors are
    /// reported the first time they are collected, not again by every path that reaches it.
    pub fn memoized(
        &mut self,
        node: u32,
        value: &Value,
        check: impl FnOnce(&mut Out) -> bool,
    ) -> bool {
        if !matches!(value, Value::Array(_) | Value::Object(_)) {
            // Scalars are checked without recursion: nothing to save.
            return check(self);
        }
        let key = (node, std::ptr::from_ref(value) as usize);
        match self.memo.get(&key) {
            Some(Verdict::Valid) => return true,
            Some(Verdict::Invalid { reported }) if *reported || !self.collect => {
                self.failures += 1;
                return false;
            }
            _ => {}
        }
        let valid = check(self);
        let verdict = if valid {
            Verdict::Valid
        } else {
            Verdict::Invalid {
                reported: self.collect,
            }
        };
        self.memo.insert(key, verdict);
        valid
    }

    #[cold]
    fn push(&mut self, at: &Loc<'_>, kw: &Kw<'_>, keyword: &str, message: String) {
        self.errors.push(ValidationError::schema(
            at.pointer(),
            kw.pointer(keyword),
            message,
        ));
    }

    /// Records that the payload nests deeper than validation descends, and fails.
    #[cold]
    pub fn too_deep(&mut self, at: &Loc<'_>, kw: &Kw<'_>) -> bool {
        self.fail(at, kw, "", || {
            format!(
                "nesting deeper than {} levels; validation does not descend further",
                json::MAX_DEPTH
            )
        });
        false
    }

    fn into_result(self) -> Result<(), ValidationErrors> {
        match ValidationErrors::new(self.errors) {
            Some(errors) => Err(errors),
            None => Ok(()),
        }
    }
}

/// Whether a validator at `at` may descend into the children of a container.
#[inline]
pub fn may_descend(at: &Loc<'_>) -> bool {
    (at.depth() as usize) < json::MAX_DEPTH
}

/// The indexes of the alternatives whose verdict is `true`: what `oneOf` reports.
pub fn matching<const N: usize>(verdicts: [bool; N]) -> Vec<usize> {
    (0..N).filter(|&i| verdicts[i]).collect()
}

/// A generated validator for one subschema.
pub type Check = fn(&Value, &Loc<'_>, &Kw<'_>, &mut Out) -> bool;

/// Validates a value with the root validator `check`, collecting every error.
pub fn validate(value: &Value, check: Check) -> Result<(), ValidationErrors> {
    crate::pattern::per_document(|| {
        let mut out = Out::collecting();
        check(value, &Loc::ROOT, &Kw::ROOT, &mut out);
        out.into_result()
    })
}

/// The verdict alone, stopping at the first failure.
pub fn is_valid(value: &Value, check: Check) -> bool {
    crate::pattern::per_document(|| check(value, &Loc::ROOT, &Kw::ROOT, &mut Out::checking()))
}

/// Parses bytes strictly and validates the document: a generated `validate_json`.
pub fn validate_bytes(bytes: &[u8], check: Check) -> Result<(), ValidationErrors> {
    validate_json(bytes, check).map(drop)
}

/// [`validate_bytes`], asking the schema's fast path first: `fast` says "certainly valid"
/// or "ask the full validator".
pub fn validate_bytes_fast(
    bytes: &[u8],
    fast: fn(&[u8]) -> bool,
    check: Check,
) -> Result<(), ValidationErrors> {
    if fast(bytes) {
        return Ok(());
    }
    validate_bytes(bytes, check)
}

/// Parses bytes strictly ([`json::parse_slice`]) and validates the document.
pub fn validate_json(bytes: &[u8], check: Check) -> Result<Value, ValidationErrors> {
    let value = json::parse_slice(bytes).map_err(|e| ValidationError::json(&e))?;
    validate(&value, check)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_become_pointers_only_on_demand() {
        let root = Loc::ROOT;
        let items = root.key("items/all");
        let third = items.index(2);
        let leaf = third.key("a~b");
        assert_eq!(leaf.pointer(), "/items~1all/2/a~0b");
        assert_eq!(leaf.depth(), 3);
        assert_eq!(Loc::ROOT.pointer(), "");
    }

    #[test]
    fn keyword_paths_follow_evaluation() {
        let root = Kw::ROOT;
        let prop = root.push("/properties/token");
        let reference = prop.push("/$ref");
        assert_eq!(
            reference.pointer("/minLength"),
            "/properties/token/$ref/minLength"
        );
    }

    #[test]
    fn tests_keep_no_errors_and_memoized_values_report_once() {
        let value: Value = serde_json::from_str("[1]").unwrap();
        let mut out = Out::collecting();
        let failing = |out: &mut Out| {
            out.fail(&Loc::ROOT, &Kw::ROOT, "/type", || "x".into());
            false
        };
        let start = out.start();
        assert!(!out.test(failing));
        assert!(!out.stop(), "collecting again after the test");
        assert!(out.valid_since(start), "a failing test is not a failure");
        let mut runs = 0;
        for _ in 0..3 {
            assert!(!out.memoized(7, &value, |out| {
                runs += 1;
                failing(out)
            }));
        }
        assert_eq!(runs, 1);
        assert!(!out.valid_since(start), "each memoized failure counts");
        assert_eq!(out.into_result().unwrap_err().len(), 1);
    }

    #[test]
    fn checking_keeps_nothing_and_stops() {
        let mut out = Out::checking();
        let start = out.start();
        assert!(out.fail(&Loc::ROOT, &Kw::ROOT, "/type", || unreachable!()));
        assert!(!out.valid_since(start));
        assert!(out.into_result().is_ok());
    }

    #[test]
    fn errors_display_one_per_line() {
        let errors = ValidationErrors::new(vec![
            ValidationError::schema("".into(), "/type".into(), "expected object".into()),
            ValidationError::schema(
                "/a".into(),
                "/properties/a/minimum".into(),
                "too small".into(),
            ),
        ])
        .unwrap();
        assert_eq!(errors.to_string(), "(root): expected object\n/a: too small");
    }
}

//! The plumbing generated validators share: instance and keyword locations that cost nothing
//! until an error needs them, the sink errors go into ([`Out`]), and the entry points.

use std::collections::HashMap;

use serde_json::Value;

use crate::errors::{ValidationError, ValidationErrors};
use crate::evaluated::Evaluation;
use crate::json;
use crate::pointer;

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
    memo: HashMap<(u32, usize), Remembered>,
    /// What `unevaluated*` will ask about, and the dynamic scope.
    evaluation: Evaluation,
}

#[derive(Debug, Clone, Copy)]
enum Remembered {
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
            evaluation: Evaluation::default(),
        }
    }

    /// Keeps nothing; validators stop at the first failure.
    pub fn checking() -> Self {
        Out {
            errors: Vec::new(),
            collect: false,
            failures: 0,
            memo: HashMap::new(),
            evaluation: Evaluation::default(),
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
            Some(Remembered::Valid) => return true,
            Some(Remembered::Invalid { reported }) if *reported || !self.collect => {
                self.failures += 1;
                return false;
            }
            _ => {}
        }
        let valid = check(self);
        let verdict = if valid {
            Remembered::Valid
        } else {
            Remembered::Invalid {
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

    /// Runs `check` on `value` in a frame of its own: what it evaluates counts for the frame
    /// below only when `check` finds the value valid.
    pub fn branch(&mut self, value: &Value, check: impl FnOnce(&mut Out) -> bool) -> bool {
        self.evaluation.open(value);
        let valid = check(self);
        self.evaluation.close(valid);
        valid
    }

    /// Runs `check` on `value` in a frame that is always dropped: what `not` evaluates never
    /// counts.
    pub fn isolated(&mut self, value: &Value, check: impl FnOnce(&mut Out) -> bool) -> bool {
        self.evaluation.open(value);
        let valid = check(self);
        self.evaluation.close(false);
        valid
    }

    /// The member `key` of `value` was evaluated.
    pub fn evaluated_key(&mut self, value: &Value, key: &String) {
        self.evaluation.key(value, key);
    }

    /// Items `0..count` of `value` were evaluated.
    pub fn evaluated_prefix(&mut self, value: &Value, count: usize) {
        self.evaluation.prefix(value, count);
    }

    /// Item `index` of `value` was evaluated.
    pub fn evaluated_index(&mut self, value: &Value, index: usize) {
        self.evaluation.index(value, index);
    }

    /// Every member (or item) of `value` was evaluated.
    pub fn evaluated_all(&mut self, value: &Value) {
        self.evaluation.all(value);
    }

    /// Whether the member `key` of `value` was evaluated, in the innermost frame.
    pub fn is_evaluated_key(&self, value: &Value, key: &String) -> bool {
        self.evaluation.has_key(value, key)
    }

    /// Whether item `index` of `value` was evaluated, in the innermost frame.
    pub fn is_evaluated_index(&self, value: &Value, index: usize) -> bool {
        self.evaluation.has_index(value, index)
    }

    /// Runs `check`, a subschema of the schema resource `resource`, with that resource in
    /// the dynamic scope.
    pub fn in_resource(&mut self, resource: u32, check: impl FnOnce(&mut Out) -> bool) -> bool {
        let entered = self.evaluation.enter(resource);
        let valid = check(self);
        if entered {
            self.evaluation.leave();
        }
        valid
    }

    /// The first of `resources` (by number) in the dynamic scope, outermost first.
    pub fn outermost(&self, resources: &[u32]) -> Option<u32> {
        self.evaluation.outermost(resources)
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

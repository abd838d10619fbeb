//! `pattern` and `patternProperties`: ECMA-262 regular expressions, in Unicode mode, matched
//! anywhere in the string unless the pattern anchors itself.
//!
//! Patterns are parsed with ECMA-262's grammar ([`ecma`]) and run by one of two engines:
//!
//! - **linear** ([`linear`], the `regex` crate): every pattern without look-arounds or
//!   back-references. Matching is linear in the length of the text, whatever the pattern, so
//!   `^(a+)+$` cannot be made to backtrack.
//! - **budgeted** ([`backtrack`]): patterns that need backtracking. Every step counts against
//!   a budget shared by all such matches in one document, which grows with the text matched
//!   ([`Budget`], [`set_budget`]); when it runs out, the match fails with [`BudgetExceeded`], which
//!   validators report as an error at the string. Never a hang, never a silent pass.
//!
//! Generated validators and the generated pattern newtypes both use [`Pattern`].

mod backtrack;
mod ecma;
mod linear;
#[cfg(test)]
mod oracle;

use std::cell::Cell;
use std::fmt;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

pub use ecma::SyntaxError;

/// How many steps the budgeted engine may take.
///
/// Each document starts with `per_document` steps, and every budgeted match adds
/// `per_byte` for each byte of the text it matches. So work stays linear in the size of the
/// document, and a pattern that does linear work on its text never runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    pub per_document: u64,
    pub per_byte: u64,
}

/// The budget unless [`set_budget`] says otherwise: a few milliseconds per document, plus
/// 64 steps per byte matched.
pub const DEFAULT_BUDGET: Budget = Budget {
    per_document: 1_000_000,
    per_byte: 64,
};

static PER_DOCUMENT: AtomicU64 = AtomicU64::new(DEFAULT_BUDGET.per_document);
static PER_BYTE: AtomicU64 = AtomicU64::new(DEFAULT_BUDGET.per_byte);

thread_local! {
    /// Steps left in the document being validated on this thread, inside [`per_document`].
    static DOCUMENT: Cell<Option<u64>> = const { Cell::new(None) };
}

/// Sets the budget of the budgeted engine (process-wide).
pub fn set_budget(budget: Budget) {
    PER_DOCUMENT.store(budget.per_document, Ordering::Relaxed);
    PER_BYTE.store(budget.per_byte, Ordering::Relaxed);
}

/// The budget of the budgeted engine.
pub fn budget() -> Budget {
    Budget {
        per_document: PER_DOCUMENT.load(Ordering::Relaxed),
        per_byte: PER_BYTE.load(Ordering::Relaxed),
    }
}

/// Runs `f` (the validation of one document) with one budget that every budgeted match
/// inside it shares. Nested calls share the outermost budget. Outside any such call, each
/// match gets a document's budget to itself.
pub fn per_document<R>(f: impl FnOnce() -> R) -> R {
    struct Restore;
    impl Drop for Restore {
        fn drop(&mut self) {
            DOCUMENT.with(|d| d.set(None));
        }
    }
    if DOCUMENT.with(Cell::get).is_some() {
        return f();
    }
    let _restore = Restore;
    DOCUMENT.with(|d| d.set(Some(budget().per_document)));
    f()
}

/// A budgeted match ran out of steps before it could decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetExceeded;

impl fmt::Display for BudgetExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let budget = budget();
        write!(
            f,
            "pattern evaluation exceeded its budget ({} steps per document, plus {} per byte matched)",
            budget.per_document, budget.per_byte
        )
    }
}

impl std::error::Error for BudgetExceeded {}

/// Which engine runs a pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    /// The `regex` crate: linear time.
    Linear,
    /// The budgeted backtracking engine, and why.
    Budgeted(Fallback),
}

/// Why a pattern runs on the budgeted engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fallback {
    /// It has look-arounds or back-references, which need backtracking.
    Backtracking,
    /// It is too large for the linear engine (a long bounded repeat, say).
    TooLarge,
}

/// A compiled pattern.
#[derive(Debug)]
pub struct Compiled {
    matcher: Matcher,
}

#[derive(Debug)]
enum Matcher {
    Linear(linear::Linear),
    Budgeted(backtrack::Program, Fallback),
}

/// Whether `source` is an ECMA-262 pattern under the Unicode-mode grammar (the `regex`
/// format); nothing is compiled.
pub fn is_valid(source: &str) -> bool {
    ecma::parse(source, false).is_ok()
}

/// Compiles an ECMA-262 pattern with the Unicode-mode grammar.
pub fn compile(source: &str) -> Result<Compiled, SyntaxError> {
    let parsed = ecma::parse(source, false)?;
    let too_large = || SyntaxError {
        offset: 0,
        message: "the pattern is too large to compile".to_string(),
    };
    if !parsed.node.needs_backtracking()
        && let Some(regex) = linear::compile(&parsed.node)
    {
        return Ok(Compiled {
            matcher: Matcher::Linear(regex),
        });
    }
    let fallback = if parsed.node.needs_backtracking() {
        Fallback::Backtracking
    } else {
        Fallback::TooLarge
    };
    let program = backtrack::compile(&parsed).ok_or_else(too_large)?;
    Ok(Compiled {
        matcher: Matcher::Budgeted(program, fallback),
    })
}

impl Compiled {
    pub fn engine(&self) -> Engine {
        match &self.matcher {
            Matcher::Linear(_) => Engine::Linear,
            Matcher::Budgeted(_, why) => Engine::Budgeted(*why),
        }
    }

    /// Whether the pattern matches somewhere in `text`.
    pub fn matches(&self, text: &str) -> Result<bool, BudgetExceeded> {
        match &self.matcher {
            Matcher::Linear(regex) => Ok(regex.is_match(text)),
            Matcher::Budgeted(program, _) => {
                let budget = budget();
                let earned = budget.per_byte.saturating_mul(text.len() as u64);
                let document = DOCUMENT.with(Cell::get);
                let available = document
                    .unwrap_or(budget.per_document)
                    .saturating_add(earned);
                let (verdict, spent) = program.is_match(text, available);
                if document.is_some() {
                    DOCUMENT.with(|d| d.set(Some(available - spent)));
                }
                verdict.map_err(|_| BudgetExceeded)
            }
        }
    }
}

/// A pattern from a schema, compiled on first use.
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Compiled>>,
}

impl Pattern {
    /// `source` was checked by the generator with [`compile`], so it compiles here.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
            compiled: OnceLock::new(),
        }
    }

    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether the pattern matches somewhere in `text`. A pattern that failed to compile
    /// (which generation rules out) matches nothing, so it can only reject.
    pub fn matches(&self, text: &str) -> Result<bool, BudgetExceeded> {
        match self.compiled.get_or_init(|| compile(self.source).ok()) {
            Some(compiled) => compiled.matches(text),
            None => Ok(false),
        }
    }

    /// What a validator reports about `text`: nothing when the pattern matches, otherwise the
    /// message (no match, or the budget ran out). `secret` hides the text.
    pub fn check(&self, text: &str, secret: bool) -> Result<(), String> {
        match self.matches(text) {
            Ok(true) => Ok(()),
            Ok(false) => Err(crate::messages::pattern(text, self.source, secret)),
            Err(exceeded) => Err(crate::messages::pattern_budget(self.source, exceeded)),
        }
    }

    /// [`Self::matches`], with a budget that runs out counted as no match.
    pub fn is_match(&self, text: &str) -> bool {
        self.matches(text) == Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_are_not_anchored() {
        static P: Pattern = Pattern::new("c+");
        assert!(P.is_match("abccd"));
        assert!(!P.is_match("abd"));
        static ANCHORED: Pattern = Pattern::new("^a$");
        assert!(!ANCHORED.is_match("ba"));
    }

    #[test]
    fn digits_are_ascii_only() {
        static D: Pattern = Pattern::new("^\\d$");
        assert!(D.is_match("7"));
        assert!(!D.is_match("৪"));
    }

    #[test]
    fn engines_are_chosen_by_what_the_pattern_needs() {
        let engine = |source: &str| compile(source).unwrap().engine();
        assert_eq!(engine("^(a+)+$"), Engine::Linear);
        assert_eq!(
            engine("^(?=.*\\d).+$"),
            Engine::Budgeted(Fallback::Backtracking)
        );
        assert_eq!(engine("(a)\\1"), Engine::Budgeted(Fallback::Backtracking));
        assert!(compile("(").is_err());
    }

    #[test]
    fn one_budget_serves_a_whole_document() {
        static EXPONENTIAL: Pattern = Pattern::new("^(a|a)+\\1$");
        let attack = "a".repeat(40) + "!";
        static LINEAR_LOOKAHEAD: Pattern = Pattern::new("^(?=.*\\d)(?=.*[a-z]).+$");
        let long = "x".repeat(1_000_000) + "1";
        per_document(|| assert_eq!(LINEAR_LOOKAHEAD.matches(&long), Ok(true)));
        assert_eq!(EXPONENTIAL.matches(&attack), Err(BudgetExceeded));
        per_document(|| {
            assert_eq!(EXPONENTIAL.matches(&attack), Err(BudgetExceeded));
            // The first attack spent the document's steps; the second gets only what its own
            // bytes earn, and a short string still earns enough for honest work.
            assert_eq!(EXPONENTIAL.matches(&attack), Err(BudgetExceeded));
            assert_eq!(EXPONENTIAL.matches("aa"), Ok(true));
        });
        assert!(
            BudgetExceeded
                .to_string()
                .starts_with("pattern evaluation exceeded its budget")
        );
    }
}

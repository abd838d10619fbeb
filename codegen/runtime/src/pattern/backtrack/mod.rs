//! The budgeted engine, for patterns that need backtracking (look-arounds and
//! back-references): a backtracking matcher with ECMA-262's semantics that counts every
//! instruction it runs and every choice it saves, and gives up when the budget runs out.
//!
//! Unlike a backtrack counter alone, counting every step also bounds the work that a
//! look-ahead such as `(?=.*x)` does at each of the text's positions.
//!
//! Here the pattern becomes a small program; [`vm`] runs it.

mod vm;

use regex_syntax::hir::ClassUnicode;

use super::ecma::{Node, Parsed};

/// Instructions beyond this (bounded repeats are unrolled) make the pattern too large.
const MAX_PROGRAM: usize = 100_000;

#[derive(Debug, Clone, Copy)]
enum Assertion {
    Start,
    End,
    WordBoundary,
    NotWordBoundary,
}

#[derive(Debug, Clone, Copy)]
enum Inst {
    Char {
        c: char,
        back: bool,
    },
    Set {
        set: u32,
        back: bool,
    },
    /// A greedy repeat of one set, `min..=max` times: consumes all it can, then gives
    /// characters back one at a time, with one saved choice for the whole run.
    Star {
        set: u32,
        min: u32,
        max: u32,
        back: bool,
    },
    /// Try `first`, and `second` when that fails.
    Split {
        first: u32,
        second: u32,
    },
    Jump(u32),
    Save(u32),
    /// Capture slots `from..to` become unset: each iteration of a repeat starts afresh.
    Reset {
        from: u32,
        to: u32,
    },
    Assert(Assertion),
    /// The look-around's body follows, up to its `Match`; matching resumes at `next`.
    Look {
        negated: bool,
        next: u32,
    },
    BackRef {
        group: u32,
        back: bool,
    },
    /// Register `r` := position, at the start of an optional iteration.
    Mark(u32),
    /// Fails when the iteration begun at `Mark(r)` consumed nothing (ECMA-262's empty check).
    Progress(u32),
    Match,
}

/// A compiled pattern for the budgeted engine.
#[derive(Debug)]
pub struct Program {
    insts: Vec<Inst>,
    sets: Vec<Vec<(char, char)>>,
    slots: usize,
    registers: usize,
    anchored: bool,
}

/// The budget ran out before the matcher could decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted;

/// Compiles a parsed pattern; `None` when it unrolls into more than [`MAX_PROGRAM`]
/// instructions.
pub fn compile(parsed: &Parsed) -> Option<Program> {
    let mut compiler = Compiler {
        insts: Vec::new(),
        sets: Vec::new(),
        registers: 0,
    };
    compiler.node(&parsed.node, false)?;
    compiler.push(Inst::Match)?;
    Some(Program {
        insts: compiler.insts,
        sets: compiler.sets,
        slots: 2 * (parsed.groups + 1),
        registers: compiler.registers,
        anchored: parsed.node.anchored_at_start(),
    })
}

struct Compiler {
    insts: Vec<Inst>,
    sets: Vec<Vec<(char, char)>>,
    registers: usize,
}

impl Compiler {
    fn push(&mut self, inst: Inst) -> Option<u32> {
        if self.insts.len() >= MAX_PROGRAM {
            return None;
        }
        self.insts.push(inst);
        u32::try_from(self.insts.len() - 1).ok()
    }

    fn here(&self) -> u32 {
        u32::try_from(self.insts.len()).unwrap_or(u32::MAX)
    }

    fn patch(&mut self, at: u32, inst: Inst) {
        self.insts[at as usize] = inst;
    }

    /// Emits `node`, matching right to left when `back` (inside a look-behind).
    fn node(&mut self, node: &Node, back: bool) -> Option<()> {
        match node {
            Node::Empty => {}
            Node::Char(c) => {
                self.push(Inst::Char { c: *c, back })?;
            }
            Node::Set(set) => {
                let index = u32::try_from(self.sets.len()).ok()?;
                self.sets.push(ranges(set));
                self.push(Inst::Set { set: index, back })?;
            }
            Node::Start => {
                self.push(Inst::Assert(Assertion::Start))?;
            }
            Node::End => {
                self.push(Inst::Assert(Assertion::End))?;
            }
            Node::WordBoundary { negated } => {
                let assertion = if *negated {
                    Assertion::NotWordBoundary
                } else {
                    Assertion::WordBoundary
                };
                self.push(Inst::Assert(assertion))?;
            }
            Node::Group { capture, body } => match capture {
                Some(group) => {
                    let (open, close) = (2 * *group as u32, 2 * *group as u32 + 1);
                    let (first, last) = if back { (close, open) } else { (open, close) };
                    self.push(Inst::Save(first))?;
                    self.node(body, back)?;
                    self.push(Inst::Save(last))?;
                }
                None => self.node(body, back)?,
            },
            Node::Look {
                behind,
                negated,
                body,
            } => {
                let look = self.push(Inst::Match)?;
                self.node(body, *behind)?;
                self.push(Inst::Match)?;
                let next = self.here();
                self.patch(
                    look,
                    Inst::Look {
                        negated: *negated,
                        next,
                    },
                );
            }
            Node::BackRef(group) => {
                self.push(Inst::BackRef {
                    group: u32::try_from(*group).ok()?,
                    back,
                })?;
            }
            Node::Concat(nodes) => {
                if back {
                    for n in nodes.iter().rev() {
                        self.node(n, back)?;
                    }
                } else {
                    for n in nodes {
                        self.node(n, back)?;
                    }
                }
            }
            Node::Alt(nodes) => {
                let mut jumps = Vec::new();
                for (i, n) in nodes.iter().enumerate() {
                    if i + 1 < nodes.len() {
                        let split = self.push(Inst::Match)?;
                        self.node(n, back)?;
                        jumps.push(self.push(Inst::Match)?);
                        let second = self.here();
                        self.patch(
                            split,
                            Inst::Split {
                                first: split + 1,
                                second,
                            },
                        );
                    } else {
                        self.node(n, back)?;
                    }
                }
                let end = self.here();
                for jump in jumps {
                    self.patch(jump, Inst::Jump(end));
                }
            }
            Node::Repeat {
                body,
                min,
                max,
                greedy,
            } => self.repeat(body, *min, *max, *greedy, back)?,
        }
        Some(())
    }

    fn repeat(
        &mut self,
        body: &Node,
        min: u32,
        max: Option<u32>,
        greedy: bool,
        back: bool,
    ) -> Option<()> {
        if greedy && let Some(set) = single_set(body) {
            let index = u32::try_from(self.sets.len()).ok()?;
            self.sets.push(set);
            self.push(Inst::Star {
                set: index,
                min,
                max: max.unwrap_or(u32::MAX),
                back,
            })?;
            return Some(());
        }
        let reset = captures_within(body).map(|(from, to)| Inst::Reset {
            from: 2 * from as u32,
            to: 2 * to as u32 + 2,
        });
        for _ in 0..min {
            if let Some(reset) = reset {
                self.push(reset)?;
            }
            self.node(body, back)?;
        }
        let register = u32::try_from(self.registers).ok()?;
        self.registers += 1;
        let split = |first: u32, second: u32| {
            if greedy {
                Inst::Split { first, second }
            } else {
                Inst::Split {
                    first: second,
                    second: first,
                }
            }
        };
        // One optional iteration: `split; [reset]; mark; body; progress`. Returns the split.
        let optional = |this: &mut Compiler| -> Option<u32> {
            let at = this.push(Inst::Match)?;
            if let Some(reset) = reset {
                this.push(reset)?;
            }
            this.push(Inst::Mark(register))?;
            this.node(body, back)?;
            this.push(Inst::Progress(register))?;
            Some(at)
        };
        match max {
            None => {
                let top = optional(self)?;
                self.push(Inst::Jump(top))?;
                let end = self.here();
                self.patch(top, split(top + 1, end));
            }
            Some(max) => {
                let mut splits = Vec::new();
                for _ in min..max {
                    splits.push(optional(self)?);
                }
                let end = self.here();
                for at in splits {
                    self.patch(at, split(at + 1, end));
                }
            }
        }
        Some(())
    }
}

/// The characters `node` matches, when it is one character or set and captures nothing.
fn single_set(node: &Node) -> Option<Vec<(char, char)>> {
    match node {
        Node::Char(c) => Some(vec![(*c, *c)]),
        Node::Set(set) => Some(ranges(set)),
        Node::Group {
            capture: None,
            body,
        } => single_set(body),
        _ => None,
    }
}

/// The first and last capturing group inside `node`, if any.
fn captures_within(node: &Node) -> Option<(usize, usize)> {
    fn walk(node: &Node, range: &mut Option<(usize, usize)>) {
        match node {
            Node::Group { capture, body } => {
                if let Some(group) = capture {
                    *range = Some(match *range {
                        Some((from, to)) => (from.min(*group), to.max(*group)),
                        None => (*group, *group),
                    });
                }
                walk(body, range);
            }
            Node::Look { body, .. } | Node::Repeat { body, .. } => walk(body, range),
            Node::Concat(nodes) | Node::Alt(nodes) => nodes.iter().for_each(|n| walk(n, range)),
            _ => {}
        }
    }
    let mut range = None;
    walk(node, &mut range);
    range
}

fn ranges(set: &ClassUnicode) -> Vec<(char, char)> {
    set.ranges().iter().map(|r| (r.start(), r.end())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::ecma::parse;

    fn run(pattern: &str, text: &str, steps: u64) -> Result<bool, Exhausted> {
        let parsed = parse(pattern, false).unwrap();
        compile(&parsed).unwrap().is_match(text, steps).0
    }

    fn matches(pattern: &str, text: &str) -> bool {
        run(pattern, text, 1_000_000).unwrap()
    }

    #[test]
    fn look_arounds_and_back_references() {
        assert!(matches("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abc123"));
        assert!(!matches("^(?=.*\\d)(?=.*[a-z]).{6,}$", "abcdef"));
        assert!(matches("^(?!.*\\.\\.).*$", "a.b.c"));
        assert!(!matches("^(?!.*\\.\\.).*$", "a..b"));
        assert!(matches("(?<=\\$)\\d+", "cost: $42"));
        assert!(!matches("(?<!\\$)\\b\\d+", "$42"));
        assert!(matches("^(\\w+) \\1$", "hey hey"));
        assert!(!matches("^(\\w+) \\1$", "hey you"));
        assert!(matches("^(?<q>['\"]).*\\k<q>$", "'quoted'"));
        assert!(!matches("^(?<q>['\"]).*\\k<q>$", "'quoted\""));
    }

    #[test]
    fn ecma_262_corner_cases() {
        // A group that did not take part matches the empty string.
        assert!(matches("^(?:(a)|b)\\1$", "b"));
        // Captures reset on each iteration.
        assert!(matches("^(?:(a)|b)*\\1$", "ab"));
        // An empty iteration ends a loop instead of spinning.
        assert!(matches("^(?:a*)*b$", "aab"));
        // ECMA-262's own example: the look-ahead's capture is used after it.
        assert!(matches("(?=(a+))a*b\\1", "baaabac"));
        assert!(!matches("^(?=(a+))a*b\\1$", "baaabac"));
        // Look-behind reads right to left: the group is matched before the reference.
        assert!(matches("(?<=\\1(a))b", "aab"));
        assert!(!matches("(?<=\\1(a))b", "cab"));
    }

    #[test]
    fn the_budget_stops_catastrophic_backtracking() {
        let attack = "a".repeat(30) + "!";
        assert_eq!(run("^(a+)+\\1$", &attack, 1_000_000), Err(Exhausted));
        // The same budget is plenty for linear work on a long text.
        let long = "a".repeat(100_000) + "1";
        assert_eq!(run("^(?=.*\\d).+$", &long, 1_000_000), Ok(true));
    }
}

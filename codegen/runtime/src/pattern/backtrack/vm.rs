//! Running a program: a backtracking matcher whose saved choices live on an explicit stack
//! (no recursion but one level per nested look-around), counting every step.

use super::{Assertion, Exhausted, Inst, Program};

/// Saved choices beyond this count as running out of budget: memory stays bounded too.
const MAX_SAVED: usize = 1 << 22;

const UNSET: usize = usize::MAX;

/// What undoing a choice restores.
enum Frame {
    Branch {
        pc: u32,
        pos: usize,
    },
    /// A `Star` that consumed up to `pos` may give back characters down to `floor`, then
    /// goes on at `pc`.
    GiveBack {
        pc: u32,
        floor: usize,
        pos: usize,
        back: bool,
    },
    Slot {
        slot: u32,
        old: usize,
    },
    Register {
        register: u32,
        old: usize,
    },
}

struct Vm<'p, 't> {
    program: &'p Program,
    text: &'t str,
    slots: Vec<usize>,
    registers: Vec<usize>,
    stack: Vec<Frame>,
    steps_left: u64,
}

impl Program {
    /// Whether the pattern matches somewhere in `text`, within `steps` steps. Returns the
    /// verdict and the steps spent.
    pub fn is_match(&self, text: &str, steps: u64) -> (Result<bool, Exhausted>, u64) {
        let mut vm = Vm {
            program: self,
            text,
            slots: vec![UNSET; self.slots],
            registers: vec![UNSET; self.registers],
            stack: Vec::new(),
            steps_left: steps,
        };
        let verdict = vm.search();
        (verdict, steps - vm.steps_left)
    }
}

impl Vm<'_, '_> {
    fn search(&mut self) -> Result<bool, Exhausted> {
        let mut start = 0;
        loop {
            if self.run(0, start)? {
                return Ok(true);
            }
            if self.program.anchored {
                return Ok(false);
            }
            match self.text[start..].chars().next() {
                Some(c) => start += c.len_utf8(),
                None => return Ok(false),
            }
        }
    }

    fn spend(&mut self) -> Result<(), Exhausted> {
        if self.steps_left == 0 || self.stack.len() >= MAX_SAVED {
            return Err(Exhausted);
        }
        self.steps_left -= 1;
        Ok(())
    }

    fn next_char(&self, pos: usize, back: bool) -> Option<char> {
        if back {
            self.text[..pos].chars().next_back()
        } else {
            self.text[pos..].chars().next()
        }
    }

    fn set_slot(&mut self, slot: u32, value: usize) {
        let old = self.slots[slot as usize];
        if old != value {
            self.stack.push(Frame::Slot { slot, old });
            self.slots[slot as usize] = value;
        }
    }

    /// Runs from `pc` at `pos` until a `Match` (true) or until every choice made since is
    /// exhausted (false). On true, the choices saved since remain on the stack.
    fn run(&mut self, pc: u32, pos: usize) -> Result<bool, Exhausted> {
        let base = self.stack.len();
        self.stack.push(Frame::Branch { pc, pos });
        while self.stack.len() > base {
            let (mut pc, mut pos) = match self.stack.pop() {
                Some(Frame::Branch { pc, pos }) => (pc, pos),
                Some(Frame::GiveBack {
                    pc,
                    floor,
                    pos,
                    back,
                }) => {
                    let Some(c) = self.next_char(pos, !back) else {
                        continue;
                    };
                    let fewer = if back {
                        pos + c.len_utf8()
                    } else {
                        pos - c.len_utf8()
                    };
                    if fewer != floor {
                        self.stack.push(Frame::GiveBack {
                            pc,
                            floor,
                            pos: fewer,
                            back,
                        });
                    }
                    (pc, fewer)
                }
                Some(Frame::Slot { slot, old }) => {
                    self.slots[slot as usize] = old;
                    continue;
                }
                Some(Frame::Register { register, old }) => {
                    self.registers[register as usize] = old;
                    continue;
                }
                None => break,
            };
            loop {
                self.spend()?;
                match self.program.insts[pc as usize] {
                    Inst::Char { c, back } => match self.next_char(pos, back) {
                        Some(found) if found == c => {
                            pos = if back {
                                pos - c.len_utf8()
                            } else {
                                pos + c.len_utf8()
                            };
                        }
                        _ => break,
                    },
                    Inst::Set { set, back } => match self.next_char(pos, back) {
                        Some(found) if contains(&self.program.sets[set as usize], found) => {
                            pos = if back {
                                pos - found.len_utf8()
                            } else {
                                pos + found.len_utf8()
                            };
                        }
                        _ => break,
                    },
                    Inst::Star {
                        set,
                        min,
                        max,
                        back,
                    } => {
                        let mut count = 0u32;
                        let mut floor = pos;
                        while count < max {
                            match self.next_char(pos, back) {
                                Some(c) if contains(&self.program.sets[set as usize], c) => {
                                    self.spend()?;
                                    pos = if back {
                                        pos - c.len_utf8()
                                    } else {
                                        pos + c.len_utf8()
                                    };
                                    count += 1;
                                    if count == min {
                                        floor = pos;
                                    }
                                }
                                _ => break,
                            }
                        }
                        if count < min {
                            break;
                        }
                        if count > min {
                            self.stack.push(Frame::GiveBack {
                                pc: pc + 1,
                                floor,
                                pos,
                                back,
                            });
                        }
                    }
                    Inst::Split { first, second } => {
                        self.stack.push(Frame::Branch { pc: second, pos });
                        pc = first;
                        continue;
                    }
                    Inst::Jump(to) => {
                        pc = to;
                        continue;
                    }
                    Inst::Save(slot) => self.set_slot(slot, pos),
                    Inst::Reset { from, to } => {
                        for slot in from..to.min(self.program.slots as u32) {
                            self.set_slot(slot, UNSET);
                        }
                    }
                    Inst::Assert(assertion) => {
                        if !self.holds(assertion, pos) {
                            break;
                        }
                    }
                    Inst::Look { negated, next } => {
                        let before = self.slots.clone();
                        let inner = self.stack.len();
                        let matched = self.run(pc + 1, pos)?;
                        // Look-arounds are atomic: the choices made inside are dropped, and
                        // the captures of a positive one are kept (undoably).
                        self.stack.truncate(inner);
                        if matched == negated {
                            self.slots = before;
                            break;
                        }
                        if matched {
                            for (slot, old) in before.into_iter().enumerate() {
                                if self.slots[slot] != old {
                                    self.stack.push(Frame::Slot {
                                        slot: slot as u32,
                                        old,
                                    });
                                }
                            }
                        }
                        pc = next;
                        continue;
                    }
                    Inst::BackRef { group, back } => {
                        let (from, to) = (
                            self.slots[2 * group as usize],
                            self.slots[2 * group as usize + 1],
                        );
                        // A group that did not take part matches the empty string.
                        if from != UNSET && to != UNSET && from <= to {
                            let captured = &self.text[from..to];
                            if back {
                                if !self.text[..pos].ends_with(captured) {
                                    break;
                                }
                                pos -= captured.len();
                            } else {
                                if !self.text[pos..].starts_with(captured) {
                                    break;
                                }
                                pos += captured.len();
                            }
                        }
                    }
                    Inst::Mark(register) => {
                        let old = self.registers[register as usize];
                        self.stack.push(Frame::Register { register, old });
                        self.registers[register as usize] = pos;
                    }
                    Inst::Progress(register) => {
                        if self.registers[register as usize] == pos {
                            break;
                        }
                    }
                    Inst::Match => return Ok(true),
                }
                pc += 1;
            }
        }
        Ok(false)
    }

    fn holds(&self, assertion: Assertion, pos: usize) -> bool {
        let word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_');
        let boundary = || word(self.next_char(pos, true)) != word(self.next_char(pos, false));
        match assertion {
            Assertion::Start => pos == 0,
            Assertion::End => pos == self.text.len(),
            Assertion::WordBoundary => boundary(),
            Assertion::NotWordBoundary => !boundary(),
        }
    }
}

fn contains(ranges: &[(char, char)], c: char) -> bool {
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

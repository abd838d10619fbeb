//! What `unevaluatedProperties` and `unevaluatedItems` need to know: which members and items
//! of a value the other keywords evaluated, through every subschema applied to that same
//! value and valid on it; and, for `$dynamicRef` and `$recursiveRef`, which schema resources
//! evaluation is in (the dynamic scope).
//!
//! Frames are kept on `Out` (in an [`Evaluation`]): a schema with `unevaluated*`, and each
//! subschema applied in place below it, opens one for its value (`Out::branch`); keywords
//! record into the innermost frame of the same value; a frame that ends valid hands its
//! record to the one below it. Only the generated code of schemas that need it calls any
//! of this.

use std::collections::BTreeSet;

use serde_json::Value;

/// What was evaluated of one value, by one subschema and those applied in place below it.
#[derive(Debug, Default)]
pub(crate) struct Frame {
    /// The value, by address: frames of other values are not this one's business.
    instance: usize,
    /// Members, by the address of their key in the document.
    keys: BTreeSet<usize>,
    all_keys: bool,
    /// Items `0..prefix` were evaluated.
    prefix: usize,
    indexes: BTreeSet<usize>,
    all_items: bool,
}

impl Frame {
    fn absorb(&mut self, other: Frame) {
        self.keys.extend(other.keys);
        self.all_keys |= other.all_keys;
        self.prefix = self.prefix.max(other.prefix);
        self.indexes.extend(other.indexes);
        self.all_items |= other.all_items;
    }
}

fn address(value: &Value) -> usize {
    std::ptr::from_ref(value) as usize
}

/// The frames of the values being evaluated, innermost last, and the dynamic scope. [`Out`]
/// keeps one, and its methods for generated code come here.
///
/// [`Out`]: crate::validation::Out
#[derive(Debug, Default)]
pub(crate) struct Evaluation {
    frames: Vec<Frame>,
    /// The schema resources evaluation is in, outermost first.
    scope: Vec<u32>,
}

impl Evaluation {
    /// Opens a frame for `value`; [`Self::close`] ends it.
    pub(crate) fn open(&mut self, value: &Value) {
        self.frames.push(Frame {
            instance: address(value),
            ..Frame::default()
        });
    }

    /// Ends the innermost frame: what it evaluated counts for the frame below (of the same
    /// value) only when `keep`.
    pub(crate) fn close(&mut self, keep: bool) {
        let frame = self.frames.pop().unwrap_or_default();
        if keep
            && let Some(below) = self.frames.last_mut()
            && below.instance == frame.instance
        {
            below.absorb(frame);
        }
    }

    fn frame(&mut self, value: &Value) -> Option<&mut Frame> {
        self.frames
            .last_mut()
            .filter(|frame| frame.instance == address(value))
    }

    pub(crate) fn key(&mut self, value: &Value, key: &String) {
        if let Some(frame) = self.frame(value) {
            frame.keys.insert(std::ptr::from_ref(key) as usize);
        }
    }

    pub(crate) fn prefix(&mut self, value: &Value, count: usize) {
        if let Some(frame) = self.frame(value) {
            frame.prefix = frame.prefix.max(count);
        }
    }

    pub(crate) fn index(&mut self, value: &Value, index: usize) {
        if let Some(frame) = self.frame(value) {
            frame.indexes.insert(index);
        }
    }

    pub(crate) fn all(&mut self, value: &Value) {
        if let Some(frame) = self.frame(value) {
            frame.all_keys = true;
            frame.all_items = true;
        }
    }

    pub(crate) fn has_key(&self, value: &Value, key: &String) -> bool {
        self.frames.last().is_some_and(|frame| {
            frame.instance == address(value)
                && (frame.all_keys || frame.keys.contains(&(std::ptr::from_ref(key) as usize)))
        })
    }

    pub(crate) fn has_index(&self, value: &Value, index: usize) -> bool {
        self.frames.last().is_some_and(|frame| {
            frame.instance == address(value)
                && (frame.all_items || index < frame.prefix || frame.indexes.contains(&index))
        })
    }

    /// Enters the schema resource `resource`, unless evaluation is in it already; says
    /// whether it entered (and so must [`Self::leave`]).
    pub(crate) fn enter(&mut self, resource: u32) -> bool {
        if self.scope.last() == Some(&resource) {
            return false;
        }
        self.scope.push(resource);
        true
    }

    pub(crate) fn leave(&mut self) {
        self.scope.pop();
    }

    pub(crate) fn outermost(&self, resources: &[u32]) -> Option<u32> {
        self.scope.iter().copied().find(|r| resources.contains(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_frames_that_end_valid_count() {
        let value = json!({"a": 1, "b": 2});
        let map = value.as_object().unwrap();
        let (a, b) = (map.keys().next().unwrap(), map.keys().nth(1).unwrap());
        let mut evaluation = Evaluation::default();
        evaluation.open(&value);
        evaluation.open(&value);
        evaluation.key(&value, a);
        evaluation.close(true);
        evaluation.open(&value);
        evaluation.key(&value, b);
        evaluation.close(false);
        assert!(evaluation.has_key(&value, a));
        assert!(!evaluation.has_key(&value, b));
    }

    #[test]
    fn the_dynamic_scope_is_searched_outermost_first() {
        let mut evaluation = Evaluation::default();
        assert!(evaluation.enter(1));
        assert!(evaluation.enter(2));
        assert!(!evaluation.enter(2), "already in it");
        assert_eq!(evaluation.outermost(&[2, 1]), Some(1));
        assert_eq!(evaluation.outermost(&[2]), Some(2));
        assert_eq!(evaluation.outermost(&[3]), None);
        evaluation.leave();
        evaluation.leave();
        assert_eq!(evaluation.outermost(&[1]), None);
    }
}

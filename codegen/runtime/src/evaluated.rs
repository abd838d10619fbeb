//! What `unevaluatedProperties` and `unevaluatedItems` need to know: which members and items
//! of a value the other keywords evaluated, through every subschema applied to that same
//! value and valid on it; and, for `$dynamicRef` and `$recursiveRef`, which schema resources
//! evaluation is in (the dynamic scope).
//!
//! Frames are kept on [`Out`]: a schema with `unevaluated*`, and each subschema applied in
//! place below it, opens one for its value ([`Out::branch`]); keywords record into the
//! innermost frame of the same value; a frame that ends valid hands its record to the one
//! below it. Only the generated code of schemas that need it calls any of this.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::validation::Out;

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

impl Out {
    /// Runs `check` on `value` in a frame of its own: what it evaluates counts for the frame
    /// below only when `check` finds the value valid.
    pub fn branch(&mut self, value: &Value, check: impl FnOnce(&mut Out) -> bool) -> bool {
        self.frames.push(Frame {
            instance: address(value),
            ..Frame::default()
        });
        let valid = check(self);
        let frame = self.frames.pop().unwrap_or_default();
        if valid
            && let Some(below) = self.frames.last_mut()
            && below.instance == frame.instance
        {
            below.absorb(frame);
        }
        valid
    }

    /// Runs `check` on `value` in a frame that is always dropped: what `not` evaluates never
    /// counts.
    pub fn isolated(&mut self, value: &Value, check: impl FnOnce(&mut Out) -> bool) -> bool {
        self.frames.push(Frame {
            instance: address(value),
            ..Frame::default()
        });
        let valid = check(self);
        self.frames.pop();
        valid
    }

    fn frame(&mut self, value: &Value) -> Option<&mut Frame> {
        self.frames
            .last_mut()
            .filter(|frame| frame.instance == address(value))
    }

    /// The member `key` of `value` was evaluated.
    pub fn evaluated_key(&mut self, value: &Value, key: &String) {
        if let Some(frame) = self.frame(value) {
            frame.keys.insert(std::ptr::from_ref(key) as usize);
        }
    }

    /// Items `0..count` of `value` were evaluated.
    pub fn evaluated_prefix(&mut self, value: &Value, count: usize) {
        if let Some(frame) = self.frame(value) {
            frame.prefix = frame.prefix.max(count);
        }
    }

    /// Item `index` of `value` was evaluated.
    pub fn evaluated_index(&mut self, value: &Value, index: usize) {
        if let Some(frame) = self.frame(value) {
            frame.indexes.insert(index);
        }
    }

    /// Every member (or item) of `value` was evaluated.
    pub fn evaluated_all(&mut self, value: &Value) {
        if let Some(frame) = self.frame(value) {
            frame.all_keys = true;
            frame.all_items = true;
        }
    }

    /// Whether the member `key` of `value` was evaluated, in the innermost frame.
    pub fn is_evaluated_key(&self, value: &Value, key: &String) -> bool {
        self.frames.last().is_some_and(|frame| {
            frame.instance == address(value)
                && (frame.all_keys || frame.keys.contains(&(std::ptr::from_ref(key) as usize)))
        })
    }

    /// Whether item `index` of `value` was evaluated, in the innermost frame.
    pub fn is_evaluated_index(&self, value: &Value, index: usize) -> bool {
        self.frames.last().is_some_and(|frame| {
            frame.instance == address(value)
                && (frame.all_items || index < frame.prefix || frame.indexes.contains(&index))
        })
    }

    /// Runs `check`, a subschema of the schema resource `resource`, with that resource in
    /// the dynamic scope.
    pub fn in_resource(&mut self, resource: u32, check: impl FnOnce(&mut Out) -> bool) -> bool {
        if self.scope.last() == Some(&resource) {
            return check(self);
        }
        self.scope.push(resource);
        let valid = check(self);
        self.scope.pop();
        valid
    }

    /// The first of `resources` (by number) in the dynamic scope, outermost first.
    pub fn outermost(&self, resources: &[u32]) -> Option<u32> {
        self.scope.iter().copied().find(|r| resources.contains(r))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_valid_branches_count() {
        let value = json!({"a": 1, "b": 2});
        let map = value.as_object().unwrap();
        let (a, b) = (map.keys().next().unwrap(), map.keys().nth(1).unwrap());
        let mut out = Out::collecting();
        out.branch(&value, |out| {
            assert!(out.branch(&value, |out| {
                out.evaluated_key(&value, a);
                true
            }));
            assert!(!out.branch(&value, |out| {
                out.evaluated_key(&value, b);
                false
            }));
            assert!(out.is_evaluated_key(&value, a));
            assert!(!out.is_evaluated_key(&value, b));
            true
        });
    }

    #[test]
    fn the_dynamic_scope_is_searched_outermost_first() {
        let mut out = Out::collecting();
        out.in_resource(1, |out| {
            out.in_resource(2, |out| {
                assert_eq!(out.outermost(&[2, 1]), Some(1));
                assert_eq!(out.outermost(&[2]), Some(2));
                assert_eq!(out.outermost(&[3]), None);
                true
            })
        });
        assert_eq!(out.outermost(&[1]), None);
    }
}

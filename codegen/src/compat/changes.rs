//! What comparing two versions finds: each change, located, with its verdict in both
//! directions, the Rust API bump it needs and the payloads that prove it.

use serde::Serialize;
use serde_json::Value;

use super::rust_api::Bump;

/// One direction's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    Compatible,
    Breaking,
    Unknown,
}

#[derive(Debug, Clone, Serialize)]
pub struct WireVerdicts {
    pub backward: Verdict,
    pub forward: Verdict,
}

#[derive(Debug, Clone, Serialize)]
pub struct Witnesses {
    /// Valid under the old schema, invalid under the new one.
    pub backward: Option<Value>,
    /// Valid under the new schema, invalid under the old one.
    pub forward: Option<Value>,
}

/// One change, located and classified.
#[derive(Debug, Clone, Serialize)]
pub struct SchemaChange {
    /// The schema's file stem.
    pub schema: String,
    pub pointer: String,
    pub rule: String,
    pub reason: String,
    pub wire: WireVerdicts,
    pub rust: Bump,
    pub witness: Witnesses,
}

impl SchemaChange {
    pub fn breaks_wire(&self) -> bool {
        self.wire.backward == Verdict::Breaking || self.wire.forward == Verdict::Breaking
    }

    /// Breaks nothing for sure, but a direction is undecided.
    pub fn is_unknown(&self) -> bool {
        !self.breaks_wire()
            && (self.wire.backward == Verdict::Unknown || self.wire.forward == Verdict::Unknown)
    }
}

/// Every change between two versions of a schema set.
#[derive(Debug, Clone)]
pub struct Report {
    pub changes: Vec<SchemaChange>,
    /// The version bump the changes need; `None` when nothing changed.
    pub bump: Option<Bump>,
}

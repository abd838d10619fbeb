//! What every emitter reads: the schemas of one run, as documents, with their references
//! indexed.

use crate::error::GenError;
use crate::load::SchemaFile;
use crate::resolve::{Document, Resolver};
use crate::schema_set::SchemaSet;

pub struct Context<'s> {
    pub set: &'s SchemaSet,
    /// The schemas' documents, then the resources'.
    pub documents: Vec<Document<'s>>,
    pub resolver: Resolver,
}

impl<'s> Context<'s> {
    pub fn new(set: &'s SchemaSet) -> Result<Self, GenError> {
        let files: Vec<&SchemaFile> = set
            .schemas
            .iter()
            .map(|s| &s.file)
            .chain(&set.resources)
            .collect();
        let documents: Vec<Document<'s>> = files
            .iter()
            .map(|f| Document {
                uri: &f.uri,
                display: &f.display,
                value: &f.value,
            })
            .collect();
        let resolver =
            Resolver::new(&documents, set.settings.default_dialect).map_err(GenError::Schema)?;
        Ok(Context {
            set,
            documents,
            resolver,
        })
    }
}

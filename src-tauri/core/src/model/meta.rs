use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// File-level metadata: which document this is and which revision of it.
///
/// `document_id` never changes for a plan; every save writes a new `revision_id` and records
/// the one it replaced in `parent_revision`, which is how a save notices that someone else's
/// copy replaced the file meanwhile, and how a later merge finds the common ancestor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PlanMeta {
    /// Stable id of the plan across all its copies.
    pub document_id: Uuid,
    /// Id of this saved revision.
    pub revision_id: Uuid,
    /// The revision this one was saved over, if any.
    pub parent_revision: Option<Uuid>,
    /// Version of the app that saved it.
    pub app_version: String,
    /// When it was saved.
    pub saved_at: DateTime<Utc>,
    /// Who saved it (free text).
    pub author: String,
}

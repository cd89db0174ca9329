//! Working copies: every edit is committed to a private copy in the app's data folder, so
//! unsaved work survives a crash and is offered back on the next start.

use crate::error::Result;
use crate::model::{Plan, PlanMeta};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;
use uuid::Uuid;

/// A working copy with unsaved work left behind by an app that is no longer running.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RecoveryItem {
    /// The working copy's id.
    pub id: Uuid,
    /// The plan title.
    pub title: String,
    /// The file it was opened from, if any.
    pub source: Option<String>,
    /// When the last edit was recorded.
    pub updated_at: DateTime<Utc>,
}

/// The private working copy of one open plan (held open and locked while the app runs).
#[derive(Debug)]
pub struct WorkingCopy {
    /// Folder of this working copy.
    pub dir: PathBuf,
    /// Its id.
    pub id: Uuid,
}

impl WorkingCopy {
    /// Creates a working copy under `sessions_root` for a plan opened from `source`.
    pub fn create(sessions_root: &Path, id: Uuid, source: Option<&Path>, base_revision: Option<Uuid>) -> Result<Self> {
        let _ = (sessions_root, id, source, base_revision);
        todo!("recovery: create")
    }

    /// Records the current plan; `dirty` says whether it differs from the file on disk.
    pub fn record(&self, meta: &PlanMeta, plan: &Plan, source: Option<&Path>, dirty: bool, now: DateTime<Utc>) -> Result<()> {
        let _ = (meta, plan, source, dirty, now);
        todo!("recovery: record")
    }

    /// Deletes the working copy (after a clean close).
    pub fn discard(self) {
        todo!("recovery: discard")
    }
}

/// Working copies with unsaved work whose app is no longer running, newest first.
pub fn list_recoverable(sessions_root: &Path) -> Vec<RecoveryItem> {
    let _ = sessions_root;
    todo!("recovery: list")
}

/// Loads a recoverable working copy: its item, file metadata, plan, and source path.
pub fn load_recoverable(sessions_root: &Path, id: Uuid) -> Result<(RecoveryItem, PlanMeta, Plan)> {
    let _ = (sessions_root, id);
    todo!("recovery: load")
}

/// Deletes a recoverable working copy.
pub fn discard_recoverable(sessions_root: &Path, id: Uuid) -> Result<()> {
    let _ = (sessions_root, id);
    todo!("recovery: discard")
}

//! The plan file store (file-format.md): a SQLite file read through a hardened connection,
//! written atomically, with a private working copy per open plan for crash recovery.
//!
//! API CONTRACT (implemented by the store module; the rest of the core relies on it):
//! - [`read_plan_file`] never writes to `path`, never creates a file at `path`.
//! - [`save_atomic`] leaves either the old or the new file at `target`, never a mix.

use crate::error::Result;
use crate::model::{Plan, PlanMeta};
use std::path::{Path, PathBuf};
use uuid::Uuid;

pub mod recovery;

/// `PRAGMA application_id` of a plan file ("SPLN").
pub const APPLICATION_ID: i32 = 0x5350_4C4E;
/// Schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i32 = 1;
/// Largest plan file the app reads.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// A plan read from a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    /// File metadata (document and revision ids).
    pub meta: PlanMeta,
    /// The plan.
    pub plan: Plan,
    /// The schema version found in the file.
    pub schema_version: i32,
    /// Set when the file was written by a newer app: the plan must be opened read-only.
    pub newer_version: bool,
}

/// Reads a plan file through a hardened connection on a private copy made in `scratch_dir`.
pub fn read_plan_file(path: &Path, scratch_dir: &Path) -> Result<Loaded> {
    let _ = (path, scratch_dir);
    todo!("store: read_plan_file")
}

/// Writes a complete plan file at `path` (which must not exist yet).
pub fn write_plan_file(path: &Path, meta: &PlanMeta, plan: &Plan) -> Result<()> {
    let _ = (path, meta, plan);
    todo!("store: write_plan_file")
}

/// Saves atomically over `target`, refusing with `ErrorCode::Conflict` when the file on disk
/// is a plan whose revision is not `expected_revision` (someone replaced it meanwhile).
pub fn save_atomic(target: &Path, meta: &PlanMeta, plan: &Plan, expected_revision: Option<Uuid>, scratch_dir: &Path) -> Result<()> {
    let _ = (target, meta, plan, expected_revision, scratch_dir);
    todo!("store: save_atomic")
}

/// The path of a temporary file next to `target` (same folder, so rename is atomic).
pub fn temp_path_beside(target: &Path, id: Uuid) -> PathBuf {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    target.with_file_name(format!(".{name}.{id}.tmp"))
}

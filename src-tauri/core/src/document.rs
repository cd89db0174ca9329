//! The open plan: the plan, its file, undo/redo, and its working copy.
//!
//! Undo keeps whole-plan snapshots: plans are small, snapshots make every edit undoable by
//! construction, and restoring one cannot drift from the edit that made it. Consecutive edits
//! of the same field within [`COALESCE_SECONDS`] form one undo step, so typing "13000000" is
//! undone in one go.

use crate::clock::Clock;
use crate::edit::{self, PlanEdit};
use crate::engine::{self, PlanReport};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Plan, PlanMeta};
use crate::store::{self, recovery::WorkingCopy, Loaded};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;
use uuid::Uuid;

/// Edits of one field closer together than this merge into one undo step.
pub const COALESCE_SECONDS: i64 = 2;
/// Undo depth.
pub const MAX_UNDO: usize = 500;

/// The version string written into saved files.
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The open plan.
#[derive(Debug)]
pub struct Document {
    plan: Plan,
    meta: PlanMeta,
    path: Option<PathBuf>,
    /// Revision of the file at `path` as we last read or wrote it.
    disk_revision: Option<Uuid>,
    /// The plan as it is on disk (None for a plan never saved).
    saved: Option<Plan>,
    read_only_reason: Option<String>,
    /// Made by [`Document::new`] and not edited since: closing it loses nothing.
    fresh: bool,
    undo: Vec<Plan>,
    redo: Vec<Plan>,
    last_edit: Option<(String, DateTime<Utc>)>,
    working: Option<WorkingCopy>,
    recovery_error: Option<String>,
}

/// What the UI shows of the open plan: the plan, what the engine computed, and file state.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DocumentView {
    /// The plan.
    pub plan: Plan,
    /// File metadata.
    pub meta: PlanMeta,
    /// Everything computed from the plan.
    pub report: PlanReport,
    /// Full path of the file, when the plan has one.
    pub file_path: Option<String>,
    /// File name for the title bar.
    pub file_name: Option<String>,
    /// Unsaved changes.
    pub dirty: bool,
    /// Why the plan cannot be edited, when it cannot.
    pub read_only_reason: Option<String>,
    /// Undo available.
    pub can_undo: bool,
    /// Redo available.
    pub can_redo: bool,
    /// Set when the working copy could not be written (unsaved work is not crash-safe).
    pub recovery_error: Option<String>,
}

impl Document {
    /// A new, never-saved plan.
    pub fn new(plan: Plan, clock: &dyn Clock, author: &str) -> Self {
        let meta = PlanMeta {
            document_id: clock.new_id(),
            revision_id: clock.new_id(),
            parent_revision: None,
            app_version: APP_VERSION.into(),
            saved_at: clock.now(),
            author: author.into(),
        };
        let mut doc = Self::build(plan, meta, None, None, None);
        doc.fresh = true;
        doc
    }

    /// A plan opened from `path`.
    pub fn opened(loaded: Loaded, path: &Path) -> Self {
        let reason = loaded.newer_version.then(|| {
            format!(
                "This plan was saved by a newer version of Sales Plan Studio (file schema {}, this app knows {}). It is open read-only; use a newer app to edit it.",
                loaded.schema_version,
                store::SCHEMA_VERSION
            )
        });
        let saved = Some(loaded.plan.clone());
        let rev = Some(loaded.meta.revision_id);
        Self::build(loaded.plan, loaded.meta, Some(path.to_path_buf()), rev, saved).with_read_only(reason)
    }

    /// A plan restored from a working copy: unsaved relative to `path`.
    pub fn restored(plan: Plan, meta: PlanMeta, path: Option<PathBuf>) -> Self {
        let rev = path.as_ref().map(|_| meta.revision_id);
        Self::build(plan, meta, path, rev, None)
    }

    fn build(
        plan: Plan,
        meta: PlanMeta,
        path: Option<PathBuf>,
        disk_revision: Option<Uuid>,
        saved: Option<Plan>,
    ) -> Self {
        Document {
            plan,
            meta,
            path,
            disk_revision,
            saved,
            read_only_reason: None,
            fresh: false,
            undo: vec![],
            redo: vec![],
            last_edit: None,
            working: None,
            recovery_error: None,
        }
    }

    fn with_read_only(mut self, reason: Option<String>) -> Self {
        self.read_only_reason = reason;
        self
    }

    /// The plan.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// The file metadata.
    pub fn meta(&self) -> &PlanMeta {
        &self.meta
    }

    /// The file path, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when the plan differs from the file on disk (or was never saved).
    pub fn is_dirty(&self) -> bool {
        self.saved.as_ref() != Some(&self.plan)
    }

    /// True when closing would lose work: unsaved changes that are not an untouched new plan.
    pub fn has_unsaved_work(&self) -> bool {
        self.is_dirty() && !self.is_pristine()
    }

    /// True for a new plan with no edits yet (closing it loses nothing). A plan restored
    /// from a working copy is never pristine: it is exactly the work at risk.
    pub fn is_pristine(&self) -> bool {
        self.fresh && self.path.is_none() && self.undo.is_empty()
    }

    /// Attaches a working copy and records the current state into it.
    pub fn attach_working_copy(&mut self, working: WorkingCopy, now: DateTime<Utc>) {
        self.working = Some(working);
        self.record(now);
    }

    /// Detaches the working copy (to discard it on a clean close).
    pub fn take_working_copy(&mut self) -> Option<WorkingCopy> {
        self.working.take()
    }

    fn record(&mut self, now: DateTime<Utc>) {
        if let Some(w) = &self.working {
            let dirty = self.has_unsaved_work();
            self.recovery_error = w
                .record(&self.meta, &self.plan, self.path.as_deref(), dirty, now)
                .err()
                .map(|e| e.to_string());
        }
    }

    fn ensure_writable(&self) -> Result<()> {
        match &self.read_only_reason {
            Some(reason) => Err(Error::plain(ErrorCode::ReadOnly, reason.clone())),
            None => Ok(()),
        }
    }

    /// Applies an edit as one undo step (or merged into the previous one while typing).
    pub fn apply(&mut self, edit: &PlanEdit, clock: &dyn Clock) -> Result<()> {
        self.ensure_writable()?;
        let before = self.plan.clone();
        edit::apply(&mut self.plan, edit, clock)?;
        if self.plan == before {
            return Ok(());
        }
        let now = clock.now();
        let key = edit.coalesce_key();
        let merge = match (&key, &self.last_edit) {
            (Some(k), Some((last, at))) => {
                k == last && (now - *at).num_seconds() < COALESCE_SECONDS && !self.undo.is_empty()
            }
            _ => false,
        };
        if !merge {
            self.undo.push(before);
            if self.undo.len() > MAX_UNDO {
                self.undo.remove(0);
            }
        }
        self.last_edit = key.map(|k| (k, now));
        self.redo.clear();
        self.record(now);
        Ok(())
    }

    /// Undoes the last step; false when there is nothing to undo.
    pub fn undo(&mut self, clock: &dyn Clock) -> Result<bool> {
        self.ensure_writable()?;
        let moved = swap_in_top(&mut self.undo, &mut self.redo, &mut self.plan);
        self.after_history_step(moved, clock)
    }

    /// Redoes the last undone step; false when there is nothing to redo.
    pub fn redo(&mut self, clock: &dyn Clock) -> Result<bool> {
        self.ensure_writable()?;
        let moved = swap_in_top(&mut self.redo, &mut self.undo, &mut self.plan);
        self.after_history_step(moved, clock)
    }

    fn after_history_step(&mut self, moved: bool, clock: &dyn Clock) -> Result<bool> {
        if moved {
            self.last_edit = None;
            self.record(clock.now());
        }
        Ok(moved)
    }

    /// Saves to the plan's own file; fails with `InvalidArgument` when it has none.
    pub fn save(&mut self, scratch: &Path, clock: &dyn Clock, author: &str) -> Result<()> {
        let path = self
            .path
            .clone()
            .ok_or_else(|| Error::plain(ErrorCode::InvalidArgument, "the plan has no file yet; use Save As"))?;
        self.write_to(&path, self.disk_revision, scratch, clock, author)
    }

    /// Saves to `path`, replacing whatever is there (the user confirmed it in the dialog).
    pub fn save_as(&mut self, path: &Path, scratch: &Path, clock: &dyn Clock, author: &str) -> Result<()> {
        let expected = if Some(path) == self.path.as_deref() {
            self.disk_revision
        } else {
            None
        };
        self.write_to(path, expected, scratch, clock, author)?;
        self.read_only_reason = None;
        Ok(())
    }

    fn write_to(
        &mut self,
        path: &Path,
        expected: Option<Uuid>,
        scratch: &Path,
        clock: &dyn Clock,
        author: &str,
    ) -> Result<()> {
        if self.read_only_reason.is_some() && Some(path) == self.path.as_deref() {
            self.ensure_writable()?;
        }
        let meta = PlanMeta {
            revision_id: clock.new_id(),
            parent_revision: Some(self.meta.revision_id),
            app_version: APP_VERSION.into(),
            saved_at: clock.now(),
            author: author.into(),
            ..self.meta.clone()
        };
        store::save_atomic(path, &meta, &self.plan, expected, scratch)?;
        self.meta = meta;
        self.disk_revision = Some(self.meta.revision_id);
        self.path = Some(path.to_path_buf());
        self.saved = Some(self.plan.clone());
        self.record(clock.now());
        Ok(())
    }

    /// The view the UI renders.
    pub fn view(&self) -> DocumentView {
        DocumentView {
            plan: self.plan.clone(),
            meta: self.meta.clone(),
            report: engine::evaluate(&self.plan),
            file_path: self.path.as_ref().map(|p| p.display().to_string()),
            file_name: self
                .path
                .as_ref()
                .and_then(|p| p.file_name())
                .map(|n| n.to_string_lossy().into_owned()),
            dirty: self.has_unsaved_work(),
            read_only_reason: self.read_only_reason.clone(),
            can_undo: !self.undo.is_empty() && self.read_only_reason.is_none(),
            can_redo: !self.redo.is_empty() && self.read_only_reason.is_none(),
            recovery_error: self.recovery_error.clone(),
        }
    }
}

/// Makes the top of `from` the current plan and pushes the current plan onto `to`.
fn swap_in_top(from: &mut Vec<Plan>, to: &mut Vec<Plan>, current: &mut Plan) -> bool {
    match from.pop() {
        Some(plan) => {
            to.push(std::mem::replace(current, plan));
            true
        }
        None => false,
    }
}

#[cfg(test)]
#[path = "document_tests.rs"]
mod tests;

//! Saving: a complete new file beside the target, synced, read back and compared, then renamed
//! over the target (file-format.md, "Editing and saving").
//!
//! rename(2) within one folder is atomic, so at every instant the target is either the old
//! file or the new one; a crash leaves at worst a stray temporary file beside it. Before the
//! rename the target's revision is checked against the one the user opened, so a co-founder's
//! copy that a sync tool dropped in meanwhile is never overwritten.

use super::{read, temp_path_beside, write};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{Plan, PlanMeta};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// See [`super::save_atomic`].
pub(super) fn save_atomic(
    target: &Path,
    meta: &PlanMeta,
    plan: &Plan,
    expected: Option<Uuid>,
    scratch: &Path,
) -> Result<()> {
    let existing = match fs::metadata(target) {
        Ok(m) if m.is_dir() => {
            return Err(
                Error::file(ErrorCode::IsDirectory, target, "this is a folder; choose a file name")
                    .because("file.folder_save", &[]),
            )
        }
        Ok(m) => Some(m),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(target, &e)),
    };
    if existing.is_some() {
        check_revision(target, expected, scratch)?;
    }
    let temp = TempFile {
        path: temp_path_beside(target, Uuid::new_v4()),
    };
    write::write_new_file(&temp.path, meta, plan).map_err(|e| about_target(e, target, "writing the new file"))?;
    sync_file(&temp.path).map_err(|e| about_target(e, target, "syncing the new file"))?;
    verify(&temp.path, meta, plan, scratch).map_err(|e| about_target(e, target, "checking the new file"))?;
    if let Some(m) = &existing {
        // Keep the permissions the user gave the file (best effort: it is not worth failing a save).
        let _ = fs::set_permissions(&temp.path, m.permissions());
        // Check again right before replacing: the sync tool may have acted while we wrote.
        check_revision(target, expected, scratch)?;
    }
    fs::rename(&temp.path, target).map_err(|e| Error::io(target, &e))?;
    temp.keep();
    sync_parent(target);
    Ok(())
}

/// Refuses with `Conflict` when the plan on disk is not the revision the user opened.
fn check_revision(target: &Path, expected: Option<Uuid>, scratch: &Path) -> Result<()> {
    let Some(expected) = expected else { return Ok(()) };
    let on_disk = match read::read_meta(target, scratch) {
        Ok(meta) => meta.revision_id,
        // Deleted meanwhile: nothing to overwrite, the save recreates it.
        Err(e) if e.code() == ErrorCode::NotFound => return Ok(()),
        Err(e) if matches!(e.code(), ErrorCode::PermissionDenied | ErrorCode::Io) => return Err(e),
        Err(e) => {
            return Err(Error::file(
                ErrorCode::Conflict,
                target,
                format!(
                    "the file on disk is no longer the plan you opened ({}); it was not overwritten. Save a copy under another name, then compare.",
                    e.detail()
                ),
            )
            .because("file.conflict_unreadable", &[]))
        }
    };
    if on_disk == expected {
        return Ok(());
    }
    Err(Error::file(
        ErrorCode::Conflict,
        target,
        format!(
            "the file changed on disk since you opened it (someone saved revision {on_disk} over revision {expected}); \
             it was not overwritten. Compare and merge, or save a copy under another name."
        ),
    )
    .because("file.conflict_changed", &[]))
}

/// Reads the new file back through the normal reader and compares it with what was meant.
fn verify(temp: &Path, meta: &PlanMeta, plan: &Plan, scratch: &Path) -> Result<()> {
    let loaded = read::read_file_knowing(temp, scratch, &plan.orders)?;
    if &loaded.meta != meta || &loaded.plan != plan {
        return Err(Error::file(
            ErrorCode::Io,
            temp,
            "the file read back differs from the plan that was written",
        ));
    }
    Ok(())
}

fn sync_file(path: &Path) -> Result<()> {
    File::open(path)
        .and_then(|f| f.sync_all())
        .map_err(|e| Error::io(path, &e))
}

/// Makes the rename durable. Best effort: opening a folder to sync it is not possible on every
/// platform, and failing here would report a save that did happen as failed.
fn sync_parent(target: &Path) {
    #[cfg(unix)]
    if let Some(dir) = target.parent() {
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        if let Ok(d) = File::open(dir) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = target;
}

/// Restates an error about the temporary file as an error about the target the user chose.
fn about_target(err: Error, target: &Path, doing: &str) -> Error {
    Error::file(
        err.code(),
        target,
        format!("saving failed while {doing}: {}", err.detail()),
    )
    .with_reason(err.reason().cloned())
}

/// The temporary file; removed (with its journal) unless the rename consumed it.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn keep(mut self) {
        self.path = PathBuf::new();
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        if !self.path.as_os_str().is_empty() {
            write::remove_with_journal(&self.path);
        }
    }
}

//! File plumbing around the core's store: the private scratch folder, plan files in and out,
//! and atomic writes of text files. No planning logic here.
//!
//! Every error names the file the user gave (not a temporary file), so the message reads
//! `salesplan: <their path>: <what went wrong>`.

use salesplan_core::clock::{Clock, SystemClock};
use salesplan_core::model::{Plan, PlanMeta};
use salesplan_core::store::{self, Loaded};
use salesplan_core::{Error, ErrorCode, Result};
use std::fs;
use std::io::{Read, Write};
use std::path::Path;

/// What to do when the file to be written already exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse, and tell the user about `--force`.
    Refuse,
    /// Replace it atomically.
    Replace,
}

/// A private folder for the store's working copy, unique to this process, readable by the
/// user only, and removed (with everything in it) when dropped.
fn scratch(path: &Path) -> Result<tempfile::TempDir> {
    tempfile::Builder::new()
        .prefix("salesplan-cli-")
        .tempdir()
        .map_err(|e| {
            Error::file(
                ErrorCode::Io,
                path,
                format!(
                    "cannot create a scratch folder in {}: {e}",
                    std::env::temp_dir().display()
                ),
            )
        })
}

/// Reads a plan file through the store (hardened, on a private copy that is removed after).
pub fn read_plan(path: &Path) -> Result<Loaded> {
    require_path(path)?;
    let scratch = scratch(path)?;
    store::read_plan_file(path, scratch.path()).map_err(|e| e.at(path))
}

/// Writes a plan file at `path`, new or replacing one, always through the store's atomic save
/// (a complete, verified file renamed into place), so a crash never leaves half a plan.
pub fn write_plan(path: &Path, meta: &PlanMeta, plan: &Plan, existing: Existing) -> Result<()> {
    require_path(path)?;
    require_parent_folder(path)?;
    let exists = match fs::symlink_metadata(path) {
        Ok(_) => true,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => false,
        Err(e) => return Err(Error::io(path, &e)),
    };
    if exists {
        require_not_folder(path)?;
    }
    if exists && existing == Existing::Refuse {
        return Err(Error::file(
            ErrorCode::InvalidArgument,
            path,
            "the file already exists; use --force to replace it",
        ));
    }
    let scratch = scratch(path)?;
    store::save_atomic(path, meta, plan, None, scratch.path()).map_err(|e| e.at(path))
}

/// Saves a changed `plan` over the file `loaded` was read from, as a new revision of it, as the
/// app does: atomically, and refusing (`conflict`) when the file's revision changed meanwhile.
pub fn save_new_revision(path: &Path, loaded: &Loaded, plan: &Plan) -> Result<()> {
    let clock = SystemClock;
    let meta = PlanMeta {
        revision_id: clock.new_id(),
        parent_revision: Some(loaded.meta.revision_id),
        saved_at: clock.now(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        ..loaded.meta.clone()
    };
    let scratch = scratch(path)?;
    store::save_atomic(path, &meta, plan, Some(loaded.meta.revision_id), scratch.path()).map_err(|e| e.at(path))
}

/// The refusal to change a plan written by a newer app (this one can only read it).
pub fn read_only(path: &Path) -> Error {
    Error::file(
        ErrorCode::ReadOnly,
        path,
        "this plan was saved by a newer version of Sales Plan Studio; this version can read it but not change it",
    )
}

/// Reads a text file of at most [`store::MAX_FILE_BYTES`] bytes.
pub fn read_text(path: &Path) -> Result<String> {
    require_path(path)?;
    require_not_folder(path)?;
    let file = fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut bytes = Vec::new();
    file.take(store::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    if bytes.len() as u64 > store::MAX_FILE_BYTES {
        let mib = store::MAX_FILE_BYTES / (1024 * 1024);
        return Err(Error::file(
            ErrorCode::TooLarge,
            path,
            format!("the file is larger than {mib} MiB"),
        ));
    }
    String::from_utf8(bytes)
        .map_err(|_| Error::file(ErrorCode::NotAPlan, path, "not a plan JSON document (not UTF-8 text)"))
}

/// Writes `text` to `path` atomically: a temporary file beside it, synced, then renamed over
/// it. A crash leaves the old file or the new one, never a half-written one.
pub fn write_text_atomically(path: &Path, text: &str) -> Result<()> {
    require_path(path)?;
    require_parent_folder(path)?;
    require_not_folder(path)?;
    let existing = fs::metadata(path).ok();
    let tmp = store::temp_path_beside(path, SystemClock.new_id());
    let written = (|| {
        let mut file = fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        if let Some(m) = &existing {
            // Keep the permissions the user gave the file (best effort, as the store does).
            let _ = fs::set_permissions(&tmp, m.permissions());
        }
        fs::rename(&tmp, path)
    })();
    if let Err(e) = written {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(path, &e));
    }
    sync_parent_folder(path);
    Ok(())
}

/// Makes the rename durable (best effort: not every platform can sync a folder).
fn sync_parent_folder(path: &Path) {
    #[cfg(unix)]
    if let Ok(dir) = fs::File::open(parent_folder(path)) {
        let _ = dir.sync_all();
    }
    #[cfg(not(unix))]
    let _ = path;
}

fn require_path(path: &Path) -> Result<()> {
    if path.as_os_str().is_empty() {
        return Err(Error::plain(ErrorCode::InvalidArgument, "the file name is empty"));
    }
    Ok(())
}

fn require_not_folder(path: &Path) -> Result<()> {
    if path.is_dir() {
        return Err(Error::file(
            ErrorCode::IsDirectory,
            path,
            "this is a folder, not a file",
        ));
    }
    Ok(())
}

/// The folder a file goes in ("." for a bare file name).
fn parent_folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Refuses before anything is written when the folder for `path` is missing.
fn require_parent_folder(path: &Path) -> Result<()> {
    let parent = parent_folder(path);
    match fs::metadata(parent) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Error::file(
            ErrorCode::NotFound,
            path,
            format!("{} is not a folder", parent.display()),
        )),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::file(
            ErrorCode::NotFound,
            path,
            format!("the folder {} does not exist", parent.display()),
        )),
        Err(e) => Err(Error::io(path, &e)),
    }
}

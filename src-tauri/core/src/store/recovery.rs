//! Working copies: every edit is committed to a private copy in the app's data folder, so
//! unsaved work survives a crash and is offered back on the next start.
//!
//! Layout: `<sessions_root>/<id>/` holds `working.salesplan` (a plan file, written by the same
//! code as saved files and read back by the same hardened reader), `session.json` (what the
//! recovery dialog lists) and `lock`. A running app holds an exclusive lock on `lock` for the
//! life of its [`WorkingCopy`]; the operating system drops the lock when the process dies, so
//! "the lock can be taken" means exactly "its app is gone", even after a crash or a kill, and a
//! second running app never offers another's open plan for recovery.
//!
//! Recording an edit rewrites the plan's rows in one transaction, except the orders: a plan
//! may hold a million of them, and they change only by an import (or undoing one). The copy
//! remembers which order data it last wrote ([`OrderBookMark`]) and rewrites the orders only
//! when the plan's are other data, so typing in a field costs the same with or without orders.

use super::{read_plan_file, sql_error, write};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{OrderBookMark, Plan, PlanMeta};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions, TryLockError};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use ts_rs::TS;
use uuid::Uuid;

const DB_FILE: &str = "working.salesplan";
const SESSION_FILE: &str = "session.json";
const LOCK_FILE: &str = "lock";
/// The largest session.json read (it holds a title and a path).
const MAX_SESSION_BYTES: u64 = 64 * 1024;
/// How often a busy lock is tried again (20 ms apart) before the copy counts as in use.
const LOCK_RETRIES: u32 = 5;

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

/// What `session.json` holds.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Session {
    id: Uuid,
    source: Option<String>,
    base_revision: Option<Uuid>,
    dirty: bool,
    updated_at: DateTime<Utc>,
    title: String,
    pid: u32,
}

impl Session {
    fn item(&self) -> RecoveryItem {
        RecoveryItem {
            id: self.id,
            title: self.title.clone(),
            source: self.source.clone(),
            updated_at: self.updated_at,
        }
    }
}

/// The private working copy of one open plan (held open and locked while the app runs).
#[derive(Debug)]
pub struct WorkingCopy {
    /// Folder of this working copy.
    pub dir: PathBuf,
    /// Its id.
    pub id: Uuid,
    /// Held for the life of the working copy: the lock says "this app is running".
    lock: File,
    /// The working database, kept open so recording an edit costs one transaction, and the
    /// orders it holds (`None`: unknown, the next record writes them).
    db: Mutex<(Connection, Option<OrderBookMark>)>,
}

impl WorkingCopy {
    /// Creates a working copy under `sessions_root` for a plan opened from `source`.
    pub fn create(sessions_root: &Path, id: Uuid, source: Option<&Path>, base_revision: Option<Uuid>) -> Result<Self> {
        fs::create_dir_all(sessions_root).map_err(|e| Error::io(sessions_root, &e))?;
        let dir = sessions_root.join(id.to_string());
        fs::create_dir(&dir).map_err(|e| match e.kind() {
            std::io::ErrorKind::AlreadyExists => Error::file(
                ErrorCode::InvalidArgument,
                &dir,
                "a working copy with this id already exists",
            ),
            _ => Error::io(&dir, &e),
        })?;
        let made = (|| {
            let lock = lock(&dir)?;
            let db = write::create_empty(&dir.join(DB_FILE))?;
            let session = Session {
                id,
                source: source.map(|p| p.display().to_string()),
                base_revision,
                dirty: false,
                updated_at: Utc::now(),
                title: String::new(),
                pid: std::process::id(),
            };
            write_session(&dir, &session)?;
            Ok::<_, Error>((lock, db))
        })();
        match made {
            Ok((lock, db)) => Ok(WorkingCopy {
                dir,
                id,
                lock,
                db: Mutex::new((db, None)),
            }),
            Err(e) => {
                let _ = fs::remove_dir_all(&dir);
                Err(e)
            }
        }
    }

    /// Records the current plan; `dirty` says whether it differs from the file on disk.
    pub fn record(
        &self,
        meta: &PlanMeta,
        plan: &Plan,
        source: Option<&Path>,
        dirty: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let db_path = self.dir.join(DB_FILE);
        {
            let mut db = self.db.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            let (conn, written) = &mut *db;
            let rows = match written {
                Some(mark) if plan.orders.is(mark) => write::Rows::KeepOrders,
                _ => write::Rows::All,
            };
            // Unknown until the transaction commits: a failure must not skip the next write.
            *written = None;
            write::replace_rows(conn, meta, plan, rows)
                .map_err(|e| sql_error("recording the working copy", &e).at(&db_path))?;
            *written = Some(plan.orders.mark());
        }
        let session = Session {
            id: self.id,
            source: source.map(|p| p.display().to_string()),
            base_revision: source.map(|_| meta.revision_id),
            dirty,
            updated_at: now,
            title: plan.header.title.clone(),
            pid: std::process::id(),
        };
        write_session(&self.dir, &session)
    }

    /// Deletes the working copy (after a clean close).
    pub fn discard(self) {
        let WorkingCopy { dir, lock, db, .. } = self;
        // Remove the session file while still locked, so no other app can list it in between.
        let _ = fs::remove_file(dir.join(SESSION_FILE));
        drop(db);
        drop(lock);
        let _ = fs::remove_dir_all(&dir);
    }
}

/// Takes the exclusive lock of a working copy folder; `InvalidArgument` when a running app
/// holds it.
///
/// A busy lock is retried for a moment: while any thread of a process starts a child process,
/// the child briefly shares the parent's open files (until it execs), and with them a lock the
/// parent has just released. A live app holds its lock for good, so the retry only costs the
/// listing [`LOCK_RETRIES`] short sleeps per open window.
fn lock(dir: &Path) -> Result<File> {
    let path = dir.join(LOCK_FILE);
    let file = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Error::io(&path, &e))?;
    for attempt in 0..=LOCK_RETRIES {
        match file.try_lock() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if attempt < LOCK_RETRIES => {
                std::thread::sleep(std::time::Duration::from_millis(20))
            }
            Err(TryLockError::WouldBlock) => break,
            Err(TryLockError::Error(e)) => return Err(Error::io(&path, &e)),
        }
    }
    Err(Error::file(
        ErrorCode::InvalidArgument,
        dir,
        "this working copy belongs to a Sales Plan Studio window that is still open",
    ))
}

/// Writes session.json through a synced temporary file and a rename, so it is whole or old.
fn write_session(dir: &Path, session: &Session) -> Result<()> {
    let path = dir.join(SESSION_FILE);
    let temp = dir.join(format!("{SESSION_FILE}.tmp"));
    let json = serde_json::to_vec_pretty(session).map_err(|e| Error::file(ErrorCode::Io, &path, e.to_string()))?;
    let written = File::create(&temp).and_then(|mut f| {
        f.write_all(&json)?;
        f.sync_all()
    });
    written.and_then(|()| fs::rename(&temp, &path)).map_err(|e| {
        let _ = fs::remove_file(&temp);
        Error::io(&path, &e)
    })
}

fn read_session(dir: &Path, id: Uuid) -> Result<Session> {
    let path = dir.join(SESSION_FILE);
    let file = File::open(&path).map_err(|e| Error::io(&path, &e))?;
    let mut bytes = Vec::new();
    file.take(MAX_SESSION_BYTES)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(&path, &e))?;
    let session: Session = serde_json::from_slice(&bytes).map_err(|e| {
        Error::file(
            ErrorCode::Corrupt,
            &path,
            format!("the session record is damaged ({e})"),
        )
    })?;
    if session.id != id {
        return Err(Error::file(
            ErrorCode::Corrupt,
            &path,
            "the session record belongs to another working copy",
        ));
    }
    Ok(session)
}

/// The folder of working copy `id`; `InvalidArgument` unless it exists.
fn session_dir(sessions_root: &Path, id: Uuid) -> Result<PathBuf> {
    let dir = sessions_root.join(id.to_string());
    if dir.is_dir() {
        Ok(dir)
    } else {
        Err(Error::file(
            ErrorCode::InvalidArgument,
            &dir,
            format!("there is no working copy with id {id}"),
        ))
    }
}

/// Working copies with unsaved work whose app is no longer running, newest first.
pub fn list_recoverable(sessions_root: &Path) -> Vec<RecoveryItem> {
    let Ok(entries) = fs::read_dir(sessions_root) else {
        return vec![];
    };
    let mut items: Vec<RecoveryItem> = entries
        .flatten()
        .filter_map(|entry| {
            let id = Uuid::try_parse(entry.file_name().to_str()?).ok()?;
            let dir = entry.path();
            if !dir.join(LOCK_FILE).is_file() {
                return None; // never finished creating, or being discarded
            }
            let _lock = lock(&dir).ok()?;
            let session = read_session(&dir, id).ok()?;
            session.dirty.then(|| session.item())
        })
        .collect();
    items.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
    items
}

/// Loads a recoverable working copy: its item, file metadata, plan, and source path.
pub fn load_recoverable(sessions_root: &Path, id: Uuid) -> Result<(RecoveryItem, PlanMeta, Plan)> {
    let dir = session_dir(sessions_root, id)?;
    let _lock = lock(&dir)?;
    let session = read_session(&dir, id)?;
    let scratch = dir.join(".scratch");
    let loaded = read_plan_file(&dir.join(DB_FILE), &scratch);
    let _ = fs::remove_dir(&scratch);
    let loaded = loaded?;
    Ok((session.item(), loaded.meta, loaded.plan))
}

/// Deletes a recoverable working copy.
pub fn discard_recoverable(sessions_root: &Path, id: Uuid) -> Result<()> {
    let dir = session_dir(sessions_root, id)?;
    let lock = lock(&dir)?;
    // Delete the contents while holding the lock, then the folder (Windows cannot delete a
    // file that is open, so the lock file goes last).
    for name in [SESSION_FILE, DB_FILE] {
        let _ = fs::remove_file(dir.join(name));
    }
    drop(lock);
    fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, &e))
}

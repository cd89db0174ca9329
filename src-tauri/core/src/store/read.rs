//! Reading a plan file as input from a stranger (file-format.md, "Opening").
//!
//! The order matters: metadata first (cheap, and never creates anything at the path), then the
//! bytes with a size cap, then the header checks, and only then SQLite, on a private copy in
//! the app's scratch folder, through a connection that cannot run anything the file carries.
//! The user's file is never opened by SQLite, so it cannot be changed by a hot journal rollback
//! or locked, and a crash while reading cannot harm it.

use super::{header, migrate, rows, schema, sql_error, Loaded, MAX_FILE_BYTES, SCHEMA_VERSION};
use crate::error::{Error, ErrorCode, Result};
use crate::model::OrderBook;
use crate::validate;
use rusqlite::config::DbConfig;
use rusqlite::limits::Limit;
use rusqlite::{Connection, OpenFlags};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use uuid::Uuid;

/// Reads, checks and loads the plan file at `path` (see the module docs for the order).
pub(super) fn read_file(path: &Path, scratch_dir: &Path) -> Result<Loaded> {
    read_file_knowing(path, scratch_dir, &OrderBook::default())
}

/// Like [`read_file`], for a file that should hold the orders `known` (the save's read-back):
/// order chunks whose bytes equal `known`'s are taken from it instead of being checked again
/// (they were checked when `known` was built); any other chunk is checked in full.
pub(super) fn read_file_knowing(path: &Path, scratch_dir: &Path, known: &OrderBook) -> Result<Loaded> {
    let bytes = read_capped(path)?;
    let head = header::check(&bytes).map_err(|e| e.at(path))?;
    let copy = PrivateCopy::create(scratch_dir, &bytes)?;
    drop(bytes);
    load(&copy.path, head.user_version, known).map_err(|e| e.at(path))
}

/// Reads only the file metadata of the plan file at `path` (its revision, for the conflict
/// check before a save): the same checks up to the schema, then the one `meta` row — a plan
/// with a million orders is not decoded to learn its revision.
pub(super) fn read_meta(path: &Path, scratch_dir: &Path) -> Result<crate::model::PlanMeta> {
    let bytes = read_capped(path)?;
    let head = header::check(&bytes).map_err(|e| e.at(path))?;
    let copy = PrivateCopy::create(scratch_dir, &bytes)?;
    drop(bytes);
    let meta = || -> Result<crate::model::PlanMeta> {
        let conn = open_hardened(&copy.path)?;
        if head.user_version > SCHEMA_VERSION {
            schema::check_newer(&conn)?;
        } else {
            schema::check_exact(&conn, head.user_version)?;
        }
        rows::meta(&conn)
    };
    meta().map_err(|e| e.at(path))
}

/// Reads the whole file, refusing folders, special files and anything over the size cap.
fn read_capped(path: &Path) -> Result<Vec<u8>> {
    let meta = fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.is_dir() {
        return Err(
            Error::file(ErrorCode::IsDirectory, path, "this is a folder, not a plan file").because("file.folder", &[]),
        );
    }
    if !meta.is_file() {
        // A FIFO or device would block or never end; a plan is always a regular file.
        return Err(Error::file(
            ErrorCode::NotAPlan,
            path,
            "not a Sales Plan Studio plan; it is not a regular file",
        )
        .because("file.not_regular", &[]));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, meta.len()));
    }
    if meta.len() == 0 {
        return Err(Error::file(
            ErrorCode::EmptyFile,
            path,
            "the file is empty (0 bytes); it holds no plan",
        )
        .because("file.empty", &[]));
    }
    let file = File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    // The file may grow between the size check and the read: cap the read itself too.
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, &e))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(path: &Path, len: u64) -> Error {
    let mib = |b: u64| b / (1024 * 1024);
    let (size, limit) = (mib(len).to_string(), mib(MAX_FILE_BYTES).to_string());
    Error::file(
        ErrorCode::TooLarge,
        path,
        format!("the file is too large to be a plan ({size} MiB; the limit is {limit} MiB)"),
    )
    .because("file.too_large", &[("size", &size), ("limit", &limit)])
}

/// A private copy of the bytes in the scratch folder, deleted (with any journal) on drop.
struct PrivateCopy {
    path: PathBuf,
}

impl PrivateCopy {
    fn create(scratch_dir: &Path, bytes: &[u8]) -> Result<Self> {
        fs::create_dir_all(scratch_dir).map_err(|e| Error::io(scratch_dir, &e))?;
        let path = scratch_dir.join(format!("open-{}.salesplan", Uuid::new_v4()));
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let copy = PrivateCopy { path };
        let mut file = options.open(&copy.path).map_err(|e| Error::io(&copy.path, &e))?;
        file.write_all(bytes).map_err(|e| Error::io(&copy.path, &e))?;
        Ok(copy)
    }
}

impl Drop for PrivateCopy {
    fn drop(&mut self) {
        super::write::remove_with_journal(&self.path);
    }
}

/// Opens a private copy with everything a hostile file could use switched off.
pub(super) fn open_hardened(path: &Path) -> Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| sql_error("opening the private copy", &e))?;
    harden(&conn).map_err(|e| sql_error("securing the connection", &e))?;
    Ok(conn)
}

/// Defensive mode, no triggers, no views, no untrusted schema functions, tight limits.
/// This runs before any statement touches the file's schema.
fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_TRUSTED_SCHEMA, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW, false)?;
    // A plan's longest value is MAX_TEXT (4000) characters; 1 MB is generous and still stops
    // a file from making SQLite allocate gigabytes for one cell.
    let limits = [
        (Limit::SQLITE_LIMIT_LENGTH, 1_000_000),
        (Limit::SQLITE_LIMIT_SQL_LENGTH, 100_000),
        (Limit::SQLITE_LIMIT_COLUMN, 64),
        (Limit::SQLITE_LIMIT_EXPR_DEPTH, 50),
        (Limit::SQLITE_LIMIT_COMPOUND_SELECT, 4),
        (Limit::SQLITE_LIMIT_VDBE_OP, 100_000),
        (Limit::SQLITE_LIMIT_FUNCTION_ARG, 8),
        (Limit::SQLITE_LIMIT_ATTACHED, 0),
        (Limit::SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 100),
        (Limit::SQLITE_LIMIT_VARIABLE_NUMBER, 32),
        (Limit::SQLITE_LIMIT_TRIGGER_DEPTH, 1),
        (Limit::SQLITE_LIMIT_WORKER_THREADS, 0),
    ];
    for (limit, value) in limits {
        conn.set_limit(limit, value)?;
    }
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    Ok(())
}

/// `PRAGMA quick_check` must answer exactly "ok".
pub(super) fn quick_check(conn: &Connection) -> Result<()> {
    let mut problems = Vec::new();
    let run = conn.pragma(None, "quick_check", 5, |r| {
        problems.push(r.get::<_, String>(0)?);
        Ok(())
    });
    match run {
        Ok(()) if problems == ["ok"] => Ok(()),
        Ok(()) => Err(Error::plain(
            ErrorCode::Corrupt,
            format!(
                "the plan file is damaged ({})",
                crate::money::clip(&problems.join("; "))
            ),
        )
        .because("file.damaged", &[])),
        Err(e) => Err(match sql_error("checking its integrity", &e) {
            err if err.code() == ErrorCode::Io => Error::plain(
                ErrorCode::Corrupt,
                format!("the plan file is damaged ({})", err.detail()),
            )
            .because("file.damaged", &[]),
            err => err,
        }),
    }
}

/// Checks and loads the private copy of a file whose header says `version`.
fn load(copy: &Path, version: i32, known: &OrderBook) -> Result<Loaded> {
    let mut conn = open_hardened(copy)?;
    quick_check(&conn)?;
    let newer = version > SCHEMA_VERSION;
    let (meta, plan) = if newer {
        schema::check_newer(&conn)?;
        read_rows(&conn, known).map_err(|e| newer_unreadable(version, &e))?
    } else {
        schema::check_exact(&conn, version)?;
        migrate::run(&mut conn, version)?;
        schema::check_exact(&conn, SCHEMA_VERSION)?;
        read_rows(&conn, known)?
    };
    validate::plan(&plan)?;
    Ok(Loaded {
        meta,
        plan,
        schema_version: version,
        newer_version: newer,
    })
}

fn read_rows(conn: &Connection, known: &OrderBook) -> Result<(crate::model::PlanMeta, crate::model::Plan)> {
    Ok((rows::meta(conn)?, rows::plan(conn, known)?))
}

fn newer_unreadable(version: i32, cause: &Error) -> Error {
    let (v, known) = (version.to_string(), SCHEMA_VERSION.to_string());
    Error::plain(
        ErrorCode::NewerVersion,
        format!(
            "this plan was saved by a newer version of Sales Plan Studio (file schema {version}, this app knows {SCHEMA_VERSION}) \
             in a form this app cannot read ({}); please update the app",
            cause.detail()
        ),
    )
    .because("file.newer_version", &[("version", &v), ("known", &known)])
}

//! Comparing a file's `sqlite_schema` with the allowlist of its version.

use super::{expected, normalize, SchemaObject};
use crate::error::{Error, ErrorCode, Result};
use crate::store::sql_error;
use rusqlite::Connection;
use std::collections::BTreeSet;

/// Reads `sqlite_schema` (triggers and views are already disabled on this connection).
pub(in crate::store) fn found(conn: &Connection) -> Result<BTreeSet<SchemaObject>> {
    let read = || -> rusqlite::Result<BTreeSet<SchemaObject>> {
        let mut stmt = conn.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema")?;
        let rows = stmt.query_map([], |r| {
            let sql: Option<String> = r.get(3)?;
            Ok(SchemaObject {
                kind: r.get(0)?,
                name: r.get(1)?,
                table: r.get(2)?,
                sql: sql.as_deref().map(normalize),
            })
        })?;
        rows.collect()
    };
    read().map_err(|e| match sql_error("reading its schema", &e) {
        err if err.code() == ErrorCode::Io => {
            Error::plain(ErrorCode::Corrupt, format!("the file is damaged ({})", err.detail()))
                .because("file.damaged", &[])
        }
        err => err,
    })
}

/// Checks the file's schema is exactly the schema of `version`.
pub(in crate::store) fn check_exact(conn: &Connection, version: i32) -> Result<()> {
    let expected = expected(version).ok_or_else(|| {
        Error::plain(
            ErrorCode::Corrupt,
            format!("schema version {version} is not one this app ever wrote"),
        )
        .because("file.damaged", &[])
    })?;
    let found = found(conn)?;
    if let Some(extra) = found
        .iter()
        .find(|o| !expected.iter().any(|e| e.kind == o.kind && e.name == o.name))
    {
        return Err(unsafe_object(extra));
    }
    if let Some(changed) = found.iter().find(|o| !expected.contains(o)) {
        return Err(Error::plain(
            ErrorCode::UnsafeSchema,
            format!(
                "the {} \"{}\" is not defined the way a plan file defines it",
                changed.kind,
                clip(&changed.name)
            ),
        )
        .because(
            "file.schema_changed",
            &[("kind", &clip(&changed.kind)), ("name", &clip(&changed.name))],
        ));
    }
    if let Some(missing) = expected.iter().find(|e| !found.contains(e)) {
        return Err(Error::plain(
            ErrorCode::Corrupt,
            format!(
                "the file is damaged: the {} \"{}\" is missing",
                missing.kind, missing.name
            ),
        )
        .because("file.damaged", &[]));
    }
    Ok(())
}

/// Checks a file from a newer app: extra tables and indexes are allowed (it is a superset of
/// ours), triggers and views never are.
pub(in crate::store) fn check_newer(conn: &Connection) -> Result<()> {
    match found(conn)?.iter().find(|o| o.kind != "table" && o.kind != "index") {
        Some(o) => Err(unsafe_object(o)),
        None => Ok(()),
    }
}

fn unsafe_object(o: &SchemaObject) -> Error {
    Error::plain(
        ErrorCode::UnsafeSchema,
        format!(
            "the file contains a {} named \"{}\" that a plan file never has; it was refused so that nothing in it can run",
            clip(&o.kind),
            clip(&o.name)
        ),
    )
    .because("file.unsafe_object", &[("kind", &clip(&o.kind)), ("name", &clip(&o.name))])
}

fn clip(s: &str) -> String {
    crate::money::clip(s)
}

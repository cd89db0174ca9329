//! Writing plan rows: the schema, the pragmas, and one INSERT per row, in one transaction.
//!
//! Files and working copies share this code, so a working copy is always a valid plan file
//! and recovery reads it with the same hardened reader as any other file.

use super::codec::{date_text, instant_text, kind_text, layer_text, uuid_text, weekdays_text};
use super::schema::{CREATE, ORDER_TABLES, TABLES};
use super::{sql_error, APPLICATION_ID, SCHEMA_VERSION};
use crate::error::{Error, ErrorCode, Result};
use crate::model::{CalendarDay, DimensionKind, Plan, PlanMeta};
use crate::money::to_text;
use crate::validate;
use rusqlite::{params, Connection, OpenFlags};
use std::fs::{self, OpenOptions};
use std::io::ErrorKind;
use std::path::Path;

/// Claims `path` (it must not exist), so two writers can never share a file.
fn claim(path: &Path) -> Result<()> {
    match OpenOptions::new().write(true).create_new(true).open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == ErrorKind::AlreadyExists => Err(Error::file(
            ErrorCode::InvalidArgument,
            path,
            "a file with this name already exists; it was not overwritten",
        )
        .because("file.exists", &[])),
        Err(e) => Err(Error::io(path, &e)),
    }
}

/// Opens the freshly claimed (empty) file as a new database in rollback-journal mode.
fn open_new(path: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    // DELETE is SQLite's default; say so anyway, since the format depends on it (one file,
    // no -wal/-shm), and FULL makes each commit durable before it returns.
    conn.pragma_update(None, "journal_mode", "DELETE")?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(conn)
}

/// Creates the tables and stamps the file as a plan of this schema version.
fn create_schema(conn: &Connection) -> rusqlite::Result<()> {
    for sql in CREATE {
        conn.execute_batch(sql)?;
    }
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)
}

/// Removes every row, the orders' too when `orders` (a working copy is rewritten on each edit,
/// its orders only when they changed).
pub(super) fn clear(conn: &Connection, orders: bool) -> rusqlite::Result<()> {
    let order_tables = ORDER_TABLES.iter().filter(|_| orders);
    for table in TABLES.iter().rev().chain(order_tables) {
        conn.execute(&format!("DELETE FROM {table}"), [])?;
    }
    Ok(())
}

/// Which parts of a plan to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rows {
    /// Everything.
    All,
    /// Everything but the orders (they are in the file already).
    KeepOrders,
}

/// Inserts the rows of a plan (the caller holds a transaction).
pub(super) fn insert_plan(conn: &Connection, meta: &PlanMeta, plan: &Plan, rows: Rows) -> rusqlite::Result<()> {
    conn.execute(
        "INSERT INTO meta (id, document_id, revision_id, parent_revision, app_version, saved_at, author)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            uuid_text(meta.document_id),
            uuid_text(meta.revision_id),
            meta.parent_revision.map(uuid_text),
            meta.app_version,
            instant_text(meta.saved_at),
            meta.author
        ],
    )?;
    let h = &plan.header;
    conn.execute(
        "INSERT INTO header (id, title, company, currency, period_start, period_end, weekdays, locale, authors)
         VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            h.title,
            h.company,
            h.currency,
            date_text(h.period_start),
            date_text(h.period_end),
            weekdays_text(&h.calendar.weekdays),
            h.locale,
            h.authors
        ],
    )?;
    let s = &plan.settings;
    conn.execute(
        "INSERT INTO settings (id, stretch_from, aggressive_from, achievable_min, achievable_max) VALUES (1, ?1, ?2, ?3, ?4)",
        params![to_text(&s.stretch_from), to_text(&s.aggressive_from), to_text(&s.achievable_min), to_text(&s.achievable_max)],
    )?;
    insert_days(conn, "holiday", &h.calendar.holidays)?;
    insert_days(conn, "extra_workday", &h.calendar.extra_workdays)?;
    let mut month = conn
        .prepare("INSERT INTO baseline_month (id, position, month, bookings, cash_in) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, m) in plan.baseline.iter().enumerate() {
        month.execute(params![
            uuid_text(m.id),
            i as i64,
            date_text(m.month),
            to_text(&m.bookings),
            to_text(&m.cash_in)
        ])?;
    }
    let mut goal = conn.prepare(
        "INSERT INTO goal (id, position, layer, kind, statement, metric, unit, baseline, target, deadline, owner, rationale, parent_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for (i, g) in plan.goals.iter().enumerate() {
        goal.execute(params![
            uuid_text(g.id),
            i as i64,
            layer_text(g.layer),
            kind_text(g.kind),
            g.statement,
            g.metric,
            g.unit,
            g.baseline.as_ref().map(to_text),
            g.target.as_ref().map(to_text),
            g.deadline.map(date_text),
            g.owner,
            g.rationale,
            g.parent_id.map(uuid_text)
        ])?;
    }
    insert_dimensions(conn, plan)?;
    super::drivers::insert(conn, plan)?;
    super::support::insert(conn, &plan.support)?;
    match rows {
        Rows::All => super::orders::insert(conn, &plan.orders),
        Rows::KeepOrders => Ok(()),
    }
}

/// One row per member; `position` is the member's index in its dimension's list.
fn insert_dimensions(conn: &Connection, plan: &Plan) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare(
        "INSERT INTO dimension_member (id, dimension, position, name, code, level, parent_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let dims = &plan.dimensions;
    for (i, m) in dims.org.iter().enumerate() {
        let org = DimensionKind::Org.as_str();
        let (level, parent) = (m.level.as_str(), m.parent_id.map(uuid_text));
        stmt.execute(params![uuid_text(m.id), org, i as i64, m.name, m.code, level, parent])?;
    }
    for kind in DimensionKind::ALL {
        for (i, m) in dims.flat(kind).into_iter().flatten().enumerate() {
            let none: Option<&str> = None;
            stmt.execute(params![
                uuid_text(m.id),
                kind.as_str(),
                i as i64,
                m.name,
                m.code,
                none,
                none
            ])?;
        }
    }
    Ok(())
}

fn insert_days(conn: &Connection, list: &str, days: &[CalendarDay]) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("INSERT INTO calendar_day (list, position, date, name) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, d) in days.iter().enumerate() {
        stmt.execute(params![list, i as i64, date_text(d.date), d.name])?;
    }
    Ok(())
}

/// Creates a new database at `path` with the schema (and, given a plan, its rows), all in one
/// transaction, and returns the open connection.
fn create_at(path: &Path, rows: Option<(&PlanMeta, &Plan)>) -> Result<Connection> {
    let fail = |doing: &str, e: rusqlite::Error| sql_error(doing, &e).at(path);
    let mut conn = open_new(path).map_err(|e| fail("creating the database", e))?;
    let tx = conn.transaction().map_err(|e| fail("starting to write", e))?;
    create_schema(&tx).map_err(|e| fail("creating the tables", e))?;
    if let Some((meta, plan)) = rows {
        insert_plan(&tx, meta, plan, Rows::All).map_err(|e| fail("writing the plan", e))?;
    }
    tx.commit().map_err(|e| fail("committing the plan", e))?;
    Ok(conn)
}

/// Creates a database at `path` (which must not exist); on failure nothing is left behind.
fn create_new(path: &Path, rows: Option<(&PlanMeta, &Plan)>) -> Result<Connection> {
    claim(path)?;
    create_at(path, rows).inspect_err(|_| remove_with_journal(path))
}

/// Writes a complete plan file at `path`, which must not exist yet.
pub(super) fn write_new_file(path: &Path, meta: &PlanMeta, plan: &Plan) -> Result<()> {
    // Never write a file the reader would refuse.
    validate::plan(plan).map_err(|e| e.at(path))?;
    let conn = create_new(path, Some((meta, plan)))?;
    conn.close().map_err(|(_, e)| {
        remove_with_journal(path);
        sql_error("closing the file", &e).at(path)
    })
}

/// Creates an empty plan database (schema only) at `path` and keeps it open: a working copy.
pub(super) fn create_empty(path: &Path) -> Result<Connection> {
    create_new(path, None)
}

/// Rewrites the rows of an open plan database in one transaction (the orders only with
/// [`Rows::All`]).
pub(super) fn replace_rows(conn: &mut Connection, meta: &PlanMeta, plan: &Plan, rows: Rows) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
    clear(&tx, rows == Rows::All)?;
    insert_plan(&tx, meta, plan, rows)?;
    tx.commit()
}

/// Removes a file and its rollback journal, ignoring errors (used for cleanup only).
pub(super) fn remove_with_journal(path: &Path) {
    let _ = fs::remove_file(path);
    let mut journal = path.as_os_str().to_owned();
    journal.push("-journal");
    let _ = fs::remove_file(Path::new(&journal));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::model::Goal;
    use crate::template::{build, Template};
    use chrono::{NaiveDate, TimeZone, Utc};

    #[test]
    fn a_full_disk_is_reported_as_disk_full() {
        // SQLite reports a database that hits max_page_count exactly like a full disk.
        let dir = tempfile::tempdir().unwrap();
        let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 30, 8, 0, 0).unwrap());
        let mut plan = build(
            Template::Q4Growth,
            "zh-CN",
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
            &clock,
        );
        let goal = plan.goals[0].clone();
        plan.goals.extend((0..20u128).map(|i| Goal {
            id: uuid::Uuid::from_u128(i + 1),
            rationale: "长".repeat(3000),
            ..goal.clone()
        }));
        let meta = PlanMeta {
            document_id: uuid::Uuid::nil(),
            revision_id: uuid::Uuid::nil(),
            parent_revision: None,
            app_version: "t".into(),
            saved_at: Utc::now(),
            author: "x".repeat(3000),
        };
        let mut conn = create_empty(&dir.path().join("w.salesplan")).unwrap();
        let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        conn.pragma_update(None, "max_page_count", pages).unwrap();
        let err = replace_rows(&mut conn, &meta, &plan, Rows::All).unwrap_err();
        assert_eq!(sql_error("writing", &err).code(), ErrorCode::DiskFull, "{err}");
    }

    #[test]
    fn an_existing_file_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("taken.salesplan");
        fs::write(&path, b"precious").unwrap();
        let err = create_empty(&path).unwrap_err();
        assert_eq!(err.code(), ErrorCode::InvalidArgument);
        assert_eq!(fs::read(&path).unwrap(), b"precious");
    }
}

//! Our own queries that copy a plan file's rows into a [`Plan`] and [`PlanMeta`].
//!
//! Nothing from the file is trusted: every value must have the SQL type we wrote, every
//! number goes through [`parse_decimal`], every id and date through the strict parsers in
//! `codec`, and every error names the table, the row and the field, so a user (or whoever
//! sent the file) can find the bad value.

use super::codec::{
    parse_date, parse_dimension, parse_instant, parse_kind, parse_layer, parse_level, parse_uuid, parse_weekdays,
};
use super::sql_error;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{
    BaselineMonth, CalendarDay, DimensionKind, Dimensions, Goal, Member, OrgMember, Plan, PlanHeader, PlanMeta,
    PlanSettings, WorkCalendar,
};
use crate::money::parse_decimal;
use rusqlite::types::ValueRef;
use rusqlite::{Connection, Row};
use rust_decimal::Decimal;

/// Where a value sits: "goal row 2 (id …), field target".
pub(super) struct At<'a> {
    pub(super) table: &'a str,
    pub(super) row: String,
}

impl At<'_> {
    pub(super) fn field(&self, name: &str) -> String {
        format!("{} {}, field {name}", self.table, self.row)
    }
}

/// A column as optional UTF-8 text; any other SQL type is refused.
pub(super) fn opt_text(row: &Row, i: usize, at: &At, name: &str) -> Result<Option<String>> {
    let value = row.get_ref(i).map_err(|e| sql_error("reading a row", &e))?;
    match value {
        ValueRef::Null => Ok(None),
        ValueRef::Text(bytes) => std::str::from_utf8(bytes)
            .map(|s| Some(s.to_string()))
            .map_err(|_| Error::invalid(format!("{}: is not valid UTF-8 text", at.field(name)))),
        _ => Err(Error::invalid(format!("{}: is not text", at.field(name)))),
    }
}

pub(super) fn text(row: &Row, i: usize, at: &At, name: &str) -> Result<String> {
    opt_text(row, i, at, name)?.ok_or_else(|| Error::invalid(format!("{}: is missing", at.field(name))))
}

pub(super) fn decimal(row: &Row, i: usize, at: &At, name: &str) -> Result<Decimal> {
    parse_decimal(&text(row, i, at, name)?, &at.field(name))
}

fn opt_decimal(row: &Row, i: usize, at: &At, name: &str) -> Result<Option<Decimal>> {
    opt_text(row, i, at, name)?
        .map(|t| parse_decimal(&t, &at.field(name)))
        .transpose()
}

/// Runs `sql` and maps each row with `f`, stopping at the first error.
pub(super) fn rows<T>(
    conn: &Connection,
    table: &str,
    sql: &str,
    mut f: impl FnMut(&Row, usize) -> Result<T>,
) -> Result<Vec<T>> {
    let doing = format!("reading the table {table}");
    let fail = |e: rusqlite::Error| sql_error(&doing, &e);
    let mut stmt = conn.prepare(sql).map_err(fail)?;
    let mut cursor = stmt.query([]).map_err(fail)?;
    let mut out = Vec::new();
    while let Some(row) = cursor.next().map_err(fail)? {
        out.push(f(row, out.len() + 1)?);
    }
    Ok(out)
}

/// Like [`rows`] for a table that must hold exactly one row.
pub(super) fn single<T>(
    conn: &Connection,
    table: &str,
    sql: &str,
    f: impl FnMut(&Row, usize) -> Result<T>,
) -> Result<T> {
    let mut found = rows(conn, table, sql, f)?;
    match found.len() {
        1 => Ok(found.remove(0)),
        n => Err(Error::plain(
            ErrorCode::Corrupt,
            format!("the table {table} must hold exactly one row, it holds {n}"),
        )),
    }
}

fn single_row(table: &str) -> At<'_> {
    At {
        table,
        row: "row".into(),
    }
}

/// Reads the file metadata.
pub(super) fn meta(conn: &Connection) -> Result<PlanMeta> {
    let sql = "SELECT document_id, revision_id, parent_revision, app_version, saved_at, author FROM meta";
    single(conn, "meta", sql, |r, _| {
        let at = single_row("meta");
        Ok(PlanMeta {
            document_id: parse_uuid(&text(r, 0, &at, "document_id")?, &at.field("document_id"))?,
            revision_id: parse_uuid(&text(r, 1, &at, "revision_id")?, &at.field("revision_id"))?,
            parent_revision: opt_text(r, 2, &at, "parent_revision")?
                .map(|t| parse_uuid(&t, &at.field("parent_revision")))
                .transpose()?,
            app_version: text(r, 3, &at, "app_version")?,
            saved_at: parse_instant(&text(r, 4, &at, "saved_at")?, &at.field("saved_at"))?,
            author: text(r, 5, &at, "author")?,
        })
    })
}

/// Reads the whole plan.
/// Reads the whole plan (`known`: orders the file should hold, see `read::read_file_knowing`).
pub(super) fn plan(conn: &Connection, known: &crate::model::OrderBook) -> Result<Plan> {
    Ok(Plan {
        header: header(conn)?,
        settings: settings(conn)?,
        baseline: baseline(conn)?,
        goals: goals(conn)?,
        dimensions: dimensions(conn)?,
        baseline_splits: super::drivers::baseline_splits(conn)?,
        drivers: super::drivers::drivers(conn)?,
        support: super::support::read(conn)?,
        orders: super::orders::read(conn, known)?,
    })
}

fn header(conn: &Connection) -> Result<PlanHeader> {
    let sql = "SELECT title, company, currency, period_start, period_end, weekdays, locale, authors FROM header";
    let mut header = single(conn, "header", sql, |r, _| {
        let at = single_row("header");
        Ok(PlanHeader {
            title: text(r, 0, &at, "title")?,
            company: text(r, 1, &at, "company")?,
            currency: text(r, 2, &at, "currency")?,
            period_start: parse_date(&text(r, 3, &at, "period_start")?, &at.field("period_start"))?,
            period_end: parse_date(&text(r, 4, &at, "period_end")?, &at.field("period_end"))?,
            calendar: WorkCalendar {
                weekdays: parse_weekdays(&text(r, 5, &at, "weekdays")?, &at.field("weekdays"))?,
                holidays: vec![],
                extra_workdays: vec![],
            },
            locale: text(r, 6, &at, "locale")?,
            authors: text(r, 7, &at, "authors")?,
        })
    })?;
    header.calendar.holidays = days(conn, "holiday")?;
    header.calendar.extra_workdays = days(conn, "extra_workday")?;
    Ok(header)
}

fn days(conn: &Connection, list: &str) -> Result<Vec<CalendarDay>> {
    // `list` is one of our two constants, never input.
    let sql = format!("SELECT date, name FROM calendar_day WHERE list = '{list}' ORDER BY position");
    rows(conn, "calendar_day", &sql, |r, n| {
        let at = At {
            table: "calendar_day",
            row: format!("{list} {n}"),
        };
        Ok(CalendarDay {
            date: parse_date(&text(r, 0, &at, "date")?, &at.field("date"))?,
            name: text(r, 1, &at, "name")?,
        })
    })
}

fn settings(conn: &Connection) -> Result<PlanSettings> {
    let sql = "SELECT stretch_from, aggressive_from, achievable_min, achievable_max FROM settings";
    single(conn, "settings", sql, |r, _| {
        let at = single_row("settings");
        Ok(PlanSettings {
            stretch_from: decimal(r, 0, &at, "stretch_from")?,
            aggressive_from: decimal(r, 1, &at, "aggressive_from")?,
            achievable_min: decimal(r, 2, &at, "achievable_min")?,
            achievable_max: decimal(r, 3, &at, "achievable_max")?,
        })
    })
}

/// A row's id, read first so later errors in the row can name it.
pub(super) fn row_id(r: &Row, table: &'static str, n: usize) -> Result<(uuid::Uuid, At<'static>)> {
    let at = At {
        table,
        row: format!("row {n}"),
    };
    let id = parse_uuid(&text(r, 0, &at, "id")?, &at.field("id"))?;
    Ok((
        id,
        At {
            row: format!("row {n} (id {id})"),
            ..at
        },
    ))
}

fn baseline(conn: &Connection) -> Result<Vec<BaselineMonth>> {
    let sql = "SELECT id, month, bookings, cash_in FROM baseline_month ORDER BY position";
    rows(conn, "baseline_month", sql, |r, n| {
        let (id, at) = row_id(r, "baseline_month", n)?;
        Ok(BaselineMonth {
            id,
            month: parse_date(&text(r, 1, &at, "month")?, &at.field("month"))?,
            bookings: decimal(r, 2, &at, "bookings")?,
            cash_in: decimal(r, 3, &at, "cash_in")?,
        })
    })
}

fn goals(conn: &Connection) -> Result<Vec<Goal>> {
    let sql = "SELECT id, layer, kind, statement, metric, unit, baseline, target, deadline, owner, rationale, parent_id
               FROM goal ORDER BY position";
    rows(conn, "goal", sql, |r, n| {
        let (id, at) = row_id(r, "goal", n)?;
        Ok(Goal {
            id,
            layer: parse_layer(&text(r, 1, &at, "layer")?, &at.field("layer"))?,
            kind: parse_kind(&text(r, 2, &at, "kind")?, &at.field("kind"))?,
            statement: text(r, 3, &at, "statement")?,
            metric: text(r, 4, &at, "metric")?,
            unit: text(r, 5, &at, "unit")?,
            baseline: opt_decimal(r, 6, &at, "baseline")?,
            target: opt_decimal(r, 7, &at, "target")?,
            deadline: opt_text(r, 8, &at, "deadline")?
                .map(|t| parse_date(&t, &at.field("deadline")))
                .transpose()?,
            owner: text(r, 9, &at, "owner")?,
            rationale: text(r, 10, &at, "rationale")?,
            parent_id: opt_text(r, 11, &at, "parent_id")?
                .map(|t| parse_uuid(&t, &at.field("parent_id")))
                .transpose()?,
        })
    })
}

/// One row of `dimension_member`: an org member or a member of a flat dimension.
enum DimensionRow {
    Org(OrgMember),
    Flat(DimensionKind, Member),
}

/// Reads the members of every dimension. A level is required on org members and refused on
/// the others, so a row cannot silently change what kind of member it is.
fn dimensions(conn: &Connection) -> Result<Dimensions> {
    let sql = "SELECT id, dimension, name, code, level, parent_id FROM dimension_member ORDER BY dimension, position";
    let found = rows(conn, "dimension_member", sql, |r, n| {
        let (id, at) = row_id(r, "dimension_member", n)?;
        let kind = parse_dimension(&text(r, 1, &at, "dimension")?, &at.field("dimension"))?;
        let name = text(r, 2, &at, "name")?;
        let code = opt_text(r, 3, &at, "code")?;
        let level = opt_text(r, 4, &at, "level")?
            .map(|t| parse_level(&t, &at.field("level")))
            .transpose()?;
        let parent_id = opt_text(r, 5, &at, "parent_id")?
            .map(|t| parse_uuid(&t, &at.field("parent_id")))
            .transpose()?;
        let refuse = |field: &str, why: &str| Err(Error::invalid(format!("{}: {why}", at.field(field))));
        match (kind, level) {
            (DimensionKind::Org, Some(level)) => Ok(DimensionRow::Org(OrgMember {
                id,
                name,
                code,
                level,
                parent_id,
            })),
            (DimensionKind::Org, None) => refuse("level", "an org member needs a level"),
            (_, Some(_)) => refuse("level", "only org members have a level"),
            (_, None) if parent_id.is_some() => refuse("parent_id", "only org members have a parent"),
            (_, None) => Ok(DimensionRow::Flat(kind, Member { id, name, code })),
        }
    })?;
    let mut dims = Dimensions::default();
    for row in found {
        match row {
            DimensionRow::Org(m) => dims.org.push(m),
            DimensionRow::Flat(kind, m) => dims.flat_mut(kind).map(|list| list.push(m)).unwrap_or_default(),
        }
    }
    Ok(dims)
}

//! Rows of the schema-v3 tables: `baseline_split` (typed columns) and `driver` (identity and
//! links as columns, settings as a JSON body).
//!
//! A driver's body is read with serde's strict forms (unknown fields refused, decimals through
//! `money::parse_decimal`), and its `id` and `goal_id` must equal the row's columns, so a file
//! cannot say one thing in the columns a merge compares and another in the body the engine uses.

use super::bodies::{from_body, same_ids, to_body};
use super::codec::{date_text, parse_date, parse_dimension, parse_uuid, uuid_text};
use super::rows::{decimal, row_id, rows, text, At};
use crate::error::Result;
use crate::model::{BaselineSplit, Drivers, Plan};
use crate::money::to_text;
use rusqlite::{params, Connection};
use serde::{de::DeserializeOwned, Serialize};
use uuid::Uuid;

/// The kinds of driver rows, as written in the `kind` column.
const DECOMPOSITION: &str = "decomposition";
const PHASING: &str = "phasing";
const FUNNEL: &str = "funnel";
const CASH_IN: &str = "cash_in";

/// Inserts the baseline splits and drivers of a plan (the caller holds a transaction).
pub(super) fn insert(conn: &Connection, plan: &Plan) -> rusqlite::Result<()> {
    let mut split = conn.prepare(
        "INSERT INTO baseline_split (id, position, month, dimension, member_id, bookings, cash_in)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (i, s) in plan.baseline_splits.iter().enumerate() {
        split.execute(params![
            uuid_text(s.id),
            i as i64,
            date_text(s.month),
            s.dimension.as_str(),
            uuid_text(s.member_id),
            to_text(&s.bookings),
            to_text(&s.cash_in)
        ])?;
    }
    let d = &plan.drivers;
    insert_kind(
        conn,
        DECOMPOSITION,
        d.decompositions.iter().map(|x| (x.id, x.goal_id, x)),
    )?;
    insert_kind(conn, PHASING, d.phasing.iter().map(|x| (x.id, x.goal_id, x)))?;
    insert_kind(conn, FUNNEL, d.funnels.iter().map(|x| (x.id, x.goal_id, x)))?;
    insert_kind(conn, CASH_IN, d.cash_in.iter().map(|x| (x.id, x.goal_id, x)))
}

fn insert_kind<'a, T: Serialize + 'a>(
    conn: &Connection,
    kind: &str,
    items: impl Iterator<Item = (Uuid, Uuid, &'a T)>,
) -> rusqlite::Result<()> {
    let mut stmt =
        conn.prepare("INSERT INTO driver (id, kind, position, goal_id, body) VALUES (?1, ?2, ?3, ?4, ?5)")?;
    for (i, (id, goal_id, item)) in items.enumerate() {
        stmt.execute(params![
            uuid_text(id),
            kind,
            i as i64,
            uuid_text(goal_id),
            to_body(item)?
        ])?;
    }
    Ok(())
}

/// Reads the baseline splits in order.
pub(super) fn baseline_splits(conn: &Connection) -> Result<Vec<BaselineSplit>> {
    let sql = "SELECT id, month, dimension, member_id, bookings, cash_in FROM baseline_split ORDER BY position";
    rows(conn, "baseline_split", sql, |r, n| {
        let (id, at) = row_id(r, "baseline_split", n)?;
        Ok(BaselineSplit {
            id,
            month: parse_date(&text(r, 1, &at, "month")?, &at.field("month"))?,
            dimension: parse_dimension(&text(r, 2, &at, "dimension")?, &at.field("dimension"))?,
            member_id: parse_uuid(&text(r, 3, &at, "member_id")?, &at.field("member_id"))?,
            bookings: decimal(r, 4, &at, "bookings")?,
            cash_in: decimal(r, 5, &at, "cash_in")?,
        })
    })
}

/// Reads every driver, kind by kind, in order.
pub(super) fn drivers(conn: &Connection) -> Result<Drivers> {
    Ok(Drivers {
        decompositions: read_kind(conn, DECOMPOSITION, |d: &crate::model::Decomposition| (d.id, d.goal_id))?,
        phasing: read_kind(conn, PHASING, |p: &crate::model::PhasingRule| (p.id, p.goal_id))?,
        funnels: read_kind(conn, FUNNEL, |f: &crate::model::FunnelSetup| (f.id, f.goal_id))?,
        cash_in: read_kind(conn, CASH_IN, |c: &crate::model::CashInPlan| (c.id, c.goal_id))?,
    })
}

fn read_kind<T: DeserializeOwned>(conn: &Connection, kind: &str, ids: impl Fn(&T) -> (Uuid, Uuid)) -> Result<Vec<T>> {
    // `kind` is one of our constants, never input.
    let sql = format!("SELECT id, goal_id, body FROM driver WHERE kind = '{kind}' ORDER BY position");
    rows(conn, "driver", &sql, |r, n| {
        let (id, _) = row_id(r, "driver", n)?;
        let at = At {
            table: "driver",
            row: format!("{kind} {n} (id {id})"),
        };
        let goal_id = parse_uuid(&text(r, 1, &at, "goal_id")?, &at.field("goal_id"))?;
        let item: T = from_body(&text(r, 2, &at, "body")?, &at, "body")?;
        let (body_id, body_goal) = ids(&item);
        same_ids(&at, &[body_id, body_goal], &[id, goal_id])?;
        Ok(item)
    })
}

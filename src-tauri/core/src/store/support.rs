//! Rows of section 2 (schema v4): `support_item` (one row per market item, strength or
//! weakness, attribute, competitor and persona: id, kind and position as columns, the item as
//! a JSON body) and `support_settings` (one row: the NPS survey and the RFM settings).

use super::bodies::{from_body, same_ids, to_body};
use super::codec::uuid_text;
use super::rows::{opt_text, row_id, rows, single, text, At};
use crate::error::Result;
use crate::model::{Nps, RfmSettings, Support};
use rusqlite::{params, Connection};
use serde::{de::DeserializeOwned, Serialize};
use uuid::Uuid;

/// The kinds of `support_item` rows, as written in the `kind` column.
const MARKET_ITEM: &str = "market_item";
const FACTOR: &str = "factor";
const ATTRIBUTE: &str = "attribute";
const COMPETITOR: &str = "competitor";
const PERSONA: &str = "persona";

/// Inserts the section-2 items and settings (the caller holds a transaction).
pub(super) fn insert(conn: &Connection, s: &Support) -> rusqlite::Result<()> {
    insert_kind(conn, MARKET_ITEM, s.market_items.iter().map(|x| (x.id, x)))?;
    insert_kind(conn, FACTOR, s.factors.iter().map(|x| (x.id, x)))?;
    insert_kind(conn, ATTRIBUTE, s.attributes.iter().map(|x| (x.id, x)))?;
    insert_kind(conn, COMPETITOR, s.competitors.iter().map(|x| (x.id, x)))?;
    insert_kind(conn, PERSONA, s.personas.iter().map(|x| (x.id, x)))?;
    insert_settings(conn, s)
}

/// Inserts the one `support_settings` row (also the v3 → v4 migration's defaults).
pub(super) fn insert_settings(conn: &Connection, s: &Support) -> rusqlite::Result<()> {
    let nps = s.nps.as_ref().map(to_body).transpose()?;
    conn.execute(
        "INSERT INTO support_settings (id, nps, rfm) VALUES (1, ?1, ?2)",
        params![nps, to_body(&s.rfm)?],
    )?;
    Ok(())
}

fn insert_kind<'a, T: Serialize + 'a>(
    conn: &Connection,
    kind: &str,
    items: impl Iterator<Item = (Uuid, &'a T)>,
) -> rusqlite::Result<()> {
    let mut stmt = conn.prepare("INSERT INTO support_item (id, kind, position, body) VALUES (?1, ?2, ?3, ?4)")?;
    for (i, (id, item)) in items.enumerate() {
        stmt.execute(params![uuid_text(id), kind, i as i64, to_body(item)?])?;
    }
    Ok(())
}

/// Reads section 2: every kind of item in order, then the settings.
pub(super) fn read(conn: &Connection) -> Result<Support> {
    let (nps, rfm) = settings(conn)?;
    Ok(Support {
        market_items: read_kind(conn, MARKET_ITEM, |x: &crate::model::MarketItem| x.id)?,
        factors: read_kind(conn, FACTOR, |x: &crate::model::InternalFactor| x.id)?,
        nps,
        attributes: read_kind(conn, ATTRIBUTE, |x: &crate::model::CompetitiveAttribute| x.id)?,
        competitors: read_kind(conn, COMPETITOR, |x: &crate::model::Competitor| x.id)?,
        personas: read_kind(conn, PERSONA, |x: &crate::model::Persona| x.id)?,
        rfm,
    })
}

fn read_kind<T: DeserializeOwned>(conn: &Connection, kind: &str, id_of: impl Fn(&T) -> Uuid) -> Result<Vec<T>> {
    // `kind` is one of our constants, never input.
    let sql = format!("SELECT id, body FROM support_item WHERE kind = '{kind}' ORDER BY position");
    rows(conn, "support_item", &sql, |r, n| {
        let (id, _) = row_id(r, "support_item", n)?;
        let at = At {
            table: "support_item",
            row: format!("{kind} {n} (id {id})"),
        };
        let item: T = from_body(&text(r, 1, &at, "body")?, &at, "body")?;
        same_ids(&at, &[id_of(&item)], &[id])?;
        Ok(item)
    })
}

fn settings(conn: &Connection) -> Result<(Option<Nps>, RfmSettings)> {
    single(
        conn,
        "support_settings",
        "SELECT nps, rfm FROM support_settings",
        |r, _| {
            let at = At {
                table: "support_settings",
                row: "row".into(),
            };
            let nps = opt_text(r, 0, &at, "nps")?
                .map(|b| from_body(&b, &at, "nps"))
                .transpose()?;
            let rfm = from_body(&text(r, 1, &at, "rfm")?, &at, "rfm")?;
            Ok((nps, rfm))
        },
    )
}

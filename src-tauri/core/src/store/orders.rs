//! Rows of the stored orders (schema v4): `order_batch` (the import: UUID, when, the files,
//! the amounts' scale, the number of orders; none or one row) and `order_chunk` (256 orders a
//! row, each column an encoded BLOB as `model/orders/codec.rs` describes).
//!
//! Writing copies the chunks as they are; reading checks every chunk through
//! [`OrderBook::from_chunks`] (canonical encoding, texts, dates, counts), so a million orders
//! cost a few thousand blob reads and one decoding pass, and a damaged chunk is refused with
//! its position.

use super::bodies::{from_body, to_body};
use super::codec::{instant_text, parse_instant, uuid_text};
use super::rows::{row_id, rows, text, At};
use crate::error::{Error, Result};
use crate::model::{OrderBatch, OrderBook, OrderChunk, ORDER_COLUMNS};
use rusqlite::types::ValueRef;
use rusqlite::{params, Connection, Row};

/// Inserts the orders (the caller holds a transaction and cleared the tables).
pub(super) fn insert(conn: &Connection, orders: &OrderBook) -> rusqlite::Result<()> {
    let Some(batch) = orders.batch() else { return Ok(()) };
    conn.execute(
        "INSERT INTO order_batch (id, imported_at, sources, scale, orders) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            uuid_text(batch.id),
            instant_text(batch.imported_at),
            to_body(&batch.sources)?,
            orders.scale(),
            orders.len() as i64
        ],
    )?;
    let mut stmt = conn.prepare(
        "INSERT INTO order_chunk (position, orders, customer, date, amount, order_id, product, channel, region)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (i, chunk) in orders.chunks().iter().enumerate() {
        let c = chunk.columns();
        stmt.execute(params![
            i as i64,
            chunk.rows(),
            c[0],
            c[1],
            c[2],
            c[3],
            c[4],
            c[5],
            c[6]
        ])?;
    }
    Ok(())
}

/// Reads the orders; an empty book when the plan has none. When the batch, scale, count and
/// every chunk's bytes equal `known`'s, the result is `known` itself (its chunks were checked
/// when it was built), so a save's read-back does not check a million orders again.
pub(super) fn read(conn: &Connection, known: &OrderBook) -> Result<OrderBook> {
    let sql = "SELECT id, imported_at, sources, scale, orders FROM order_batch";
    let mut batches = rows(conn, "order_batch", sql, |r, n| {
        let (id, at) = row_id(r, "order_batch", n)?;
        let batch = OrderBatch {
            id,
            imported_at: parse_instant(&text(r, 1, &at, "imported_at")?, &at.field("imported_at"))?,
            sources: from_body(&text(r, 2, &at, "sources")?, &at, "sources")?,
        };
        Ok((batch, integer(r, 3, &at, "scale")?, integer(r, 4, &at, "orders")?))
    })?;
    let sql = "SELECT position, orders, customer, date, amount, order_id, product, channel, region
               FROM order_chunk ORDER BY position";
    let chunks = rows(conn, "order_chunk", sql, |r, n| {
        let at = At {
            table: "order_chunk",
            row: format!("row {n}"),
        };
        if integer(r, 0, &at, "position")? != n as i64 - 1 {
            return Err(damaged(at.field("position"), "the chunks are not numbered 0, 1, 2 …"));
        }
        let orders = u32::try_from(integer(r, 1, &at, "orders")?).unwrap_or(u32::MAX);
        let [a, b, c, d, e, f, g]: [Result<Vec<u8>>; 7] =
            std::array::from_fn(|i| blob(r, i + 2).ok_or_else(|| damaged(at.field(ORDER_COLUMNS[i]), "is not a BLOB")));
        Ok(OrderChunk::from_parts(orders, [a?, b?, c?, d?, e?, f?, g?]))
    })?;
    match (batches.pop(), batches.is_empty()) {
        (None, _) if chunks.is_empty() => Ok(OrderBook::default()),
        (Some((batch, scale, count)), true) => {
            let (scale, count) = (scale as u32, usize::try_from(count).unwrap_or(usize::MAX));
            let same = known.batch() == Some(&batch)
                && known.scale() == scale
                && known.len() == count
                && known.chunks() == chunks.as_slice();
            if same {
                return Ok(known.clone());
            }
            OrderBook::from_chunks(batch, scale, count, chunks).map_err(|e| damaged("order_chunk".into(), &e))
        }
        _ => Err(damaged(
            "order_batch".into(),
            "there must be one batch for the orders, and only one",
        )),
    }
}

fn integer(r: &Row, i: usize, at: &At, name: &str) -> Result<i64> {
    match r.get_ref(i) {
        Ok(ValueRef::Integer(v)) => Ok(v),
        _ => Err(damaged(at.field(name), "is not an integer")),
    }
}

fn blob(r: &Row, i: usize) -> Option<Vec<u8>> {
    match r.get_ref(i) {
        Ok(ValueRef::Blob(b)) => Some(b.to_vec()),
        _ => None,
    }
}

fn damaged(what: String, why: &str) -> Error {
    Error::invalid(format!("{what}: {why}")).because("file.damaged", &[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::template::{build, Template};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn stored() -> (Connection, OrderBook) {
        let c = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 30, 8, 0, 0).unwrap());
        let plan = build(
            Template::Q4Growth,
            "en",
            NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
            &c,
        );
        let conn = Connection::open_in_memory().unwrap();
        for sql in [super::super::schema::ORDER_BATCH, super::super::schema::ORDER_CHUNK] {
            conn.execute_batch(sql).unwrap();
        }
        insert(&conn, &plan.orders).unwrap();
        (conn, plan.orders)
    }

    #[test]
    fn a_read_back_of_known_orders_reuses_them_and_anything_else_is_checked() {
        let (conn, orders) = stored();
        assert!(
            read(&conn, &orders).unwrap().is(&orders.mark()),
            "same bytes: the known book"
        );
        let fresh = read(&conn, &OrderBook::default()).unwrap();
        assert_eq!(fresh, orders);
        assert!(!fresh.is(&orders.mark()), "read and checked");
        conn.execute("UPDATE order_chunk SET amount = x'ff' WHERE position = 1", [])
            .unwrap();
        let err = read(&conn, &orders).unwrap_err();
        assert!(err.to_string().contains("chunk 1: column amount"), "{err}");
    }
}

//! The customer orders stored in a plan (domain.md §2): the rows RFM and tiering run on,
//! imported from CSV or XLSX as one batch and kept in the plan file so the plan stays
//! self-contained for the co-founder.
//!
//! Orders are bulk data (a plan may hold millions), so they are not a list of structs:
//! - **Columnar and encoded.** An [`OrderBook`] holds chunks of [`CHUNK_ROWS`] orders, each
//!   column encoded as in `codec.rs` (per-chunk dictionaries for texts, varints for dates and
//!   amounts): about 20–30 bytes an order in memory and on disk, and the file stores the chunks
//!   as they are, so opening and saving a million orders costs a few dozen blob reads instead
//!   of a million row inserts (see ARCHITECTURE.md, "Decisions").
//! - **Immutable and shared.** The chunks sit behind an `Arc`: cloning a plan (undo snapshots,
//!   the edit-on-a-copy pattern) does not copy them; only an import makes a new book.
//! - **Canonical.** A given list of orders has exactly one encoding (fixed chunk size, values
//!   in order of first use), so two books hold the same orders exactly when their bytes match.
//! - **Exact amounts.** Amounts are integers in units of 10^−[`OrderBook::scale`] (the plan
//!   currency's minor unit at import, e.g. fen for CNY), so changing the currency later never
//!   changes an order.
//!
//! The book also remembers the last RFM result computed from it (see
//! `engine::support::customers`): it is immutable, so the result stays valid until the
//! settings change, and recomputing RFM over a million orders on every unrelated edit is
//! avoided without any invalidation logic.

mod builder;
mod codec;
mod json;
#[cfg(test)]
mod tests;

pub use builder::OrderBookBuilder;
pub use codec::{check_text, MAX_ORDER_TEXT, MAX_UNITS};

use crate::engine::support::customers::OrdersAnalysis;
use crate::model::RfmSettings;
use chrono::{DateTime, NaiveDate, Utc};
use codec::{decode_amounts, decode_dates, decode_text, Check, TextColumn};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, Mutex, Weak};
use ts_rs::TS;
use uuid::Uuid;

/// Orders per chunk (the last chunk may hold fewer). A chunk is one row of the plan file,
/// and the hardened reader refuses rows over 1 MB: 256 orders of the longest texts allowed
/// ([`MAX_ORDER_TEXT`] characters in each of five columns) stay near half of that.
pub const CHUNK_ROWS: usize = 256;
/// The most orders a plan holds.
pub const MAX_ORDERS: usize = 5_000_000;
/// The columns of a chunk, in storage order.
pub const COLUMNS: [&str; 7] = ["customer", "date", "amount", "order_id", "product", "channel", "region"];
/// The text columns other than the customer: empty cells allowed.
const OPTIONAL: [usize; 4] = [3, 4, 5, 6];

/// Which columns an iteration decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Columns {
    /// Every column.
    All,
    /// Customer, date, amount and order id (what RFM reads); product, channel and region
    /// come back as `None`.
    Rfm,
}

/// Where a book of orders came from: one import of one or more files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OrderBatch {
    /// Stable id of the import (compare/merge tells two imports apart by it).
    pub id: Uuid,
    /// When it was imported.
    pub imported_at: DateTime<Utc>,
    /// The names of the files read, in order (names only, never folders).
    pub sources: Vec<String>,
}

/// One order as read from a book (or pushed into a builder).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Order<'a> {
    /// The customer, as in the data.
    pub customer: &'a str,
    /// Order date.
    pub date: NaiveDate,
    /// Amount in units of 10^−scale of the book (negative: a refund).
    pub amount_units: i64,
    /// Order id, if the data had one.
    pub order_id: Option<&'a str>,
    /// Product.
    pub product: Option<&'a str>,
    /// Channel.
    pub channel: Option<&'a str>,
    /// Region.
    pub region: Option<&'a str>,
}

/// One chunk as stored: the seven encoded columns ([`COLUMNS`]) of up to [`CHUNK_ROWS`] orders.
#[derive(Clone, PartialEq, Eq)]
pub struct OrderChunk {
    rows: u32,
    columns: [Vec<u8>; 7],
}

impl OrderChunk {
    /// Orders in the chunk.
    pub fn rows(&self) -> u32 {
        self.rows
    }

    /// The encoded columns, in [`COLUMNS`] order.
    pub fn columns(&self) -> &[Vec<u8>; 7] {
        &self.columns
    }

    /// A chunk read from a file; [`OrderBook::from_chunks`] checks it.
    pub fn from_parts(rows: u32, columns: [Vec<u8>; 7]) -> Self {
        OrderChunk { rows, columns }
    }

    /// Decodes the chunk's orders, checking as `check` says.
    fn decode(&self, check: Check, columns: Columns) -> Result<Vec<Order<'_>>, String> {
        let rows = self.rows as usize;
        let col = |i: usize| -> Result<TextColumn<'_>, String> {
            if columns == Columns::Rfm && i > 3 {
                return Ok(TextColumn::empty(rows));
            }
            decode_text(&self.columns[i], rows, i != 0, check).map_err(|e| format!("column {}: {e}", COLUMNS[i]))
        };
        let customer = col(0)?;
        let dates = decode_dates(&self.columns[1], rows).map_err(|e| format!("column date: {e}"))?;
        let amounts = decode_amounts(&self.columns[2], rows).map_err(|e| format!("column amount: {e}"))?;
        let [order_id, product, channel, region] = OPTIONAL.map(col);
        let (order_id, product, channel, region) = (order_id?, product?, channel?, region?);
        Ok((0..rows)
            .map(|i| Order {
                customer: customer.get(i, false).unwrap_or_default(),
                date: dates[i],
                amount_units: amounts[i],
                order_id: order_id.get(i, true),
                product: product.get(i, true),
                channel: channel.get(i, true),
                region: region.get(i, true),
            })
            .collect())
    }
}

/// The last analysis of a book (summary and RFM) and the settings it ran with.
type RfmMemo = (RfmSettings, Arc<OrdersAnalysis>);

struct OrderData {
    batch: OrderBatch,
    scale: u32,
    rows: usize,
    chunks: Vec<OrderChunk>,
    memo: Mutex<Option<RfmMemo>>,
}

/// The orders of a plan: empty, or one imported batch (see the module docs).
#[derive(Clone, Default)]
pub struct OrderBook(Option<Arc<OrderData>>);

/// Identifies the data of a book without keeping its orders alive (for "written already?"
/// checks). It holds a weak reference, so the address cannot be reused while the mark lives.
#[derive(Clone, Default)]
pub struct OrderBookMark(Option<Weak<OrderData>>);

impl std::fmt::Debug for OrderBookMark {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() {
            "OrderBookMark(orders)"
        } else {
            "OrderBookMark(empty)"
        })
    }
}

impl OrderBook {
    /// A book read from a file: checks every chunk (see `codec.rs`) and the canonical chunking.
    pub fn from_chunks(batch: OrderBatch, scale: u32, rows: usize, chunks: Vec<OrderChunk>) -> Result<Self, String> {
        if scale > crate::money::MAX_SCALE {
            return Err(format!("scale {scale} is above {}", crate::money::MAX_SCALE));
        }
        if rows == 0 || rows > MAX_ORDERS || chunks.len() != rows.div_ceil(CHUNK_ROWS) {
            return Err(format!("{rows} orders cannot be stored in {} chunks", chunks.len()));
        }
        for (i, chunk) in chunks.iter().enumerate() {
            let want = if i + 1 < chunks.len() {
                CHUNK_ROWS
            } else {
                rows - i * CHUNK_ROWS
            };
            if chunk.rows as usize != want {
                return Err(format!("chunk {i} holds {} orders instead of {want}", chunk.rows));
            }
        }
        // The full check is most of the cost of opening a large plan: two threads share it.
        let check = |from: usize, part: &[OrderChunk]| -> Result<(), String> {
            for (i, chunk) in part.iter().enumerate() {
                let checked = chunk.decode(Check::Full, Columns::All);
                checked.map_err(|e| format!("chunk {}: {e}", from + i))?;
            }
            Ok(())
        };
        if chunks.len() < 64 {
            check(0, &chunks)?;
        } else {
            let (first, second) = chunks.split_at(chunks.len() / 2);
            let (a, b) = std::thread::scope(|s| {
                let later = s.spawn(|| check(first.len(), second));
                (
                    check(0, first),
                    later.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                )
            });
            a.and(b)?;
        }
        Ok(Self::new(batch, scale, rows, chunks))
    }

    pub(super) fn new(batch: OrderBatch, scale: u32, rows: usize, chunks: Vec<OrderChunk>) -> Self {
        OrderBook(Some(Arc::new(OrderData {
            batch,
            scale,
            rows,
            chunks,
            memo: Mutex::new(None),
        })))
    }

    /// True when the plan holds no orders.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// Number of orders.
    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, |d| d.rows)
    }

    /// The import the orders came from.
    pub fn batch(&self) -> Option<&OrderBatch> {
        self.0.as_ref().map(|d| &d.batch)
    }

    /// Decimal places of the amounts (amounts are integers in units of 10^−scale).
    pub fn scale(&self) -> u32 {
        self.0.as_ref().map_or(0, |d| d.scale)
    }

    /// The stored chunks, in order.
    pub fn chunks(&self) -> &[OrderChunk] {
        self.0.as_ref().map_or(&[], |d| &d.chunks)
    }

    /// An amount of this book as a `Decimal`.
    pub fn amount(&self, units: i64) -> Decimal {
        Decimal::new(units, self.scale())
    }

    /// Calls `f` with the orders of each chunk, in order (a chunk is decoded at a time, so
    /// memory stays small however many orders there are).
    pub fn for_each_chunk(&self, f: impl FnMut(&[Order<'_>])) {
        self.for_each_chunk_of(Columns::All, f)
    }

    /// Like [`for_each_chunk`](Self::for_each_chunk), decoding only `columns`.
    pub fn for_each_chunk_of(&self, columns: Columns, mut f: impl FnMut(&[Order<'_>])) {
        for chunk in self.chunks() {
            let orders = (chunk.decode(Check::Trusted, columns)).expect("chunks are checked when the book is built");
            f(&orders);
        }
    }

    /// The first `n` orders (for previews and tests).
    pub fn first(&self, n: usize) -> Vec<Order<'_>> {
        let mut out = Vec::new();
        for chunk in self.chunks() {
            if out.len() >= n {
                break;
            }
            let orders =
                (chunk.decode(Check::Trusted, Columns::All)).expect("chunks are checked when the book is built");
            out.extend(orders.into_iter().take(n - out.len()));
        }
        out
    }

    /// A mark of this book's data, to tell later whether a book is still the same data.
    pub fn mark(&self) -> OrderBookMark {
        OrderBookMark(self.0.as_ref().map(Arc::downgrade))
    }

    /// True when `mark` was taken from this very data (not merely equal orders), or both
    /// are empty.
    pub fn is(&self, mark: &OrderBookMark) -> bool {
        match (&self.0, &mark.0) {
            (None, None) => true,
            (Some(d), Some(m)) => std::ptr::eq(Arc::as_ptr(d), m.as_ptr()),
            _ => false,
        }
    }

    /// The remembered RFM analysis, if it ran with these settings.
    pub(crate) fn memo(&self, settings: &RfmSettings) -> Option<Arc<OrdersAnalysis>> {
        let data = self.0.as_ref()?;
        let memo = data.memo.lock().unwrap_or_else(|p| p.into_inner());
        memo.as_ref().filter(|(s, _)| s == settings).map(|(_, r)| r.clone())
    }

    /// Remembers an RFM analysis of this book.
    pub(crate) fn remember(&self, settings: &RfmSettings, result: Arc<OrdersAnalysis>) {
        if let Some(data) = &self.0 {
            *data.memo.lock().unwrap_or_else(|p| p.into_inner()) = Some((settings.clone(), result));
        }
    }

    /// The same orders without the remembered analysis (benchmarks time a first analysis).
    #[doc(hidden)]
    pub fn without_memo(&self) -> OrderBook {
        match &self.0 {
            None => OrderBook(None),
            Some(d) => Self::new(d.batch.clone(), d.scale, d.rows, d.chunks.clone()),
        }
    }
}

impl PartialEq for OrderBook {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (None, None) => true,
            (Some(a), Some(b)) => {
                Arc::ptr_eq(a, b)
                    || (a.batch == b.batch && a.scale == b.scale && a.rows == b.rows && a.chunks == b.chunks)
            }
            _ => false,
        }
    }
}

impl Eq for OrderBook {}

impl std::fmt::Debug for OrderBook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.0 {
            None => f.write_str("OrderBook(empty)"),
            Some(d) => write!(
                f,
                "OrderBook({} orders, batch {}, scale {})",
                d.rows, d.batch.id, d.scale
            ),
        }
    }
}

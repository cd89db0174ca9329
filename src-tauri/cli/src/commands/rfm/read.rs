//! Reading an orders table into an [`RfmAccumulator`], on all of the machine's two cores.
//!
//! Files are millions of rows. This thread pulls rows out of the table (decoding, CSV or XLSX,
//! through `salesplan_core::tabular`) and copies the four cells RFM needs into batches. Two
//! workers parse dates and amounts (the same `tabular` parsers) and accumulate. Rows are split
//! between the workers **by customer** (a hash of the id), so each worker holds half of the
//! customers: their accumulators are disjoint, merging them is cheap, and each worker's map is
//! half as large, which matters because looking a customer up is a memory access the processor
//! cannot predict. Batches are recycled, so memory stays at a few batches however long the
//! file is. Rejected rows are reported by spreadsheet row number, in file order.

use chrono::NaiveDate;
use salesplan_core::engine::rfm::RfmAccumulator;
use salesplan_core::error::Reason;
use salesplan_core::money::MAX_SCALE;
use salesplan_core::rust_decimal::Decimal;
use salesplan_core::tabular::{self, missing_value, Field, Mapping, Rejections, Table};
use salesplan_core::Result;
use std::hash::Hasher;
use std::sync::mpsc;

/// The fields, in the order cells are kept in a batch.
pub const FIELDS: [Field; 4] = [Field::Customer, Field::Date, Field::Amount, Field::OrderId];
const BATCH_ROWS: usize = 4096;
const WORKERS: usize = 2;

/// Rows copied out of the table: four cells each (customer and order id trimmed), as end
/// offsets into `text`.
#[derive(Default)]
struct Batch {
    numbers: Vec<u64>,
    text: String,
    ends: Vec<u32>,
}

impl Batch {
    fn clear(&mut self) {
        self.numbers.clear();
        self.text.clear();
        self.ends.clear();
    }

    /// The cells of row `i`.
    fn cells(&self, i: usize) -> [&str; 4] {
        let mut start = if i == 0 { 0 } else { self.ends[4 * i - 1] as usize };
        std::array::from_fn(|k| {
            let end = self.ends[4 * i + k] as usize;
            let cell = &self.text[start..end];
            start = end;
            cell
        })
    }
}

/// One worker: batches in, empty batches back; returns what it accumulated.
struct Worker {
    full: mpsc::SyncSender<Batch>,
    empty: mpsc::Receiver<Batch>,
    batch: Batch,
}

impl Worker {
    /// Sends the current batch (if any rows) and takes an empty one; false if the worker died.
    fn flush(&mut self) -> bool {
        if self.batch.numbers.is_empty() {
            return true;
        }
        let mut next = self.empty.try_recv().unwrap_or_default();
        next.clear();
        self.full.send(std::mem::replace(&mut self.batch, next)).is_ok()
    }
}

/// Reads every row of `table` into an accumulator; refused rows go to the rejections.
pub fn orders(table: &mut Table, mapping: &Mapping) -> Result<(RfmAccumulator, Rejections)> {
    let columns = FIELDS.map(|f| mapping.column(f));
    let headers = FIELDS.map(|f| mapping.header(f).map(str::to_string));
    std::thread::scope(|scope| {
        let mut workers = Vec::new();
        let mut handles = Vec::new();
        for _ in 0..WORKERS {
            let (full_tx, full_rx) = mpsc::sync_channel::<Batch>(4);
            let (empty_tx, empty_rx) = mpsc::channel::<Batch>();
            let headers = headers.clone();
            handles.push(scope.spawn(move || {
                let mut acc = RfmAccumulator::new();
                let mut rejected = Rejections::default();
                for batch in full_rx {
                    accumulate(&batch, &headers, &mut acc, &mut rejected);
                    let _ = empty_tx.send(batch);
                }
                (acc, rejected)
            }));
            workers.push(Worker {
                full: full_tx,
                empty: empty_rx,
                batch: Batch::default(),
            });
        }
        let mut unreadable = Rejections::default();
        let read = loop {
            match table.next_row() {
                Ok(Some(row)) => {
                    let cells = columns.map(|c| c.map_or("", |c| row.cell(c)));
                    let (customer, order) = (trim(cells[0]), trim(cells[3]));
                    let w = &mut workers[worker_of(customer)];
                    let b = &mut w.batch;
                    b.numbers.push(row.number());
                    for cell in [customer, cells[1], cells[2], order] {
                        b.text.push_str(cell);
                        b.ends.push(b.text.len() as u32);
                    }
                    if (b.numbers.len() >= BATCH_ROWS || b.text.len() > u32::MAX as usize / 2) && !w.flush() {
                        break Ok(()); // a worker died; its panic is reported below
                    }
                }
                Ok(None) => break Ok(()),
                Err(e) => match unreadable_row(&e) {
                    Some(row) => unreadable.reject(row, None, "", e.reason().cloned().unwrap()),
                    None => break Err(e),
                },
            }
        };
        for mut w in workers {
            w.flush();
        }
        let mut acc = RfmAccumulator::new();
        let mut rejections = vec![unreadable];
        for handle in handles {
            let (part, rejected) = handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            acc.merge(part);
            rejections.push(rejected);
        }
        read.map(|()| (acc, in_row_order(rejections)))
    })
}

/// The worker of a customer. The accumulators' maps index their slots by the low bits of an
/// FxHash of the id; splitting on those bits would leave half of each worker's slots unused,
/// so the split takes the top bit of the hash multiplied by another odd constant, which
/// depends on all of its bits.
fn worker_of(customer: &str) -> usize {
    let mut h = rustc_hash::FxHasher::default();
    h.write(customer.as_bytes());
    (h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 63) as usize % WORKERS
}

/// `text` without surrounding white space; the common cell with none is not scanned.
fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => text,
        _ => text.trim(),
    }
}

/// The row number of a row the table could not decode (reading goes on after it).
fn unreadable_row(e: &salesplan_core::Error) -> Option<u64> {
    let reason = e.reason().filter(|r| r.key == "table.bad_encoding")?;
    reason.params.get("row")?.parse().ok()
}

/// One report of several, each in row order: the first rows of all, and the exact total.
fn in_row_order(parts: Vec<Rejections>) -> Rejections {
    let total = parts.iter().map(|p| p.total).sum();
    let mut rows: Vec<_> = parts.into_iter().flat_map(|p| p.rows).collect();
    rows.sort_by_key(|r| r.row);
    let mut all = Rejections::default();
    for r in rows {
        all.reject(r.row, r.column.as_deref(), &r.value, r.reason);
    }
    all.total = total;
    all
}

/// A parsed row: date, order id, amount.
type Parsed<'a> = (NaiveDate, Option<&'a str>, Decimal);

/// Parses the rows of a batch and adds them, consecutive rows of one customer (the lines of
/// an order) as one run: one customer lookup for the run.
fn accumulate(batch: &Batch, headers: &[Option<String>; 4], acc: &mut RfmAccumulator, rejected: &mut Rejections) {
    let mut rows: Vec<Parsed<'_>> = Vec::with_capacity(16);
    let mut current = "";
    for (i, &number) in batch.numbers.iter().enumerate() {
        let cells = batch.cells(i);
        let Some(row) = parse_row(rejected, headers, number, cells) else {
            continue;
        };
        if cells[0] != current && !rows.is_empty() {
            acc.add_run(current, rows.drain(..));
        }
        current = cells[0];
        rows.push(row);
    }
    if !rows.is_empty() {
        acc.add_run(current, rows.drain(..));
    }
}

/// One row: customer (required), date and amount (required), order id (optional). A row with
/// a bad cell is rejected as a whole, naming its first bad cell.
fn parse_row<'a>(
    rejected: &mut Rejections,
    headers: &[Option<String>; 4],
    number: u64,
    cells: [&'a str; 4],
) -> Option<Parsed<'a>> {
    let [customer, date, amount, order] = cells;
    let mut reject = |k: usize, value: &str, reason: Reason| {
        rejected.reject(number, headers[k].as_deref(), value, reason);
        None
    };
    if customer.is_empty() {
        return reject(0, "", missing_value(Field::Customer.id()));
    }
    let date = match tabular::parse_date(date) {
        Ok(Some(d)) => d,
        Ok(None) => return reject(1, "", missing_value(Field::Date.id())),
        Err(reason) => return reject(1, date, reason),
    };
    let amount = match tabular::parse_amount(amount, MAX_SCALE) {
        Ok(Some(a)) => a,
        Ok(None) => return reject(2, "", missing_value(Field::Amount.id())),
        Err(reason) => return reject(2, amount, reason),
    };
    Some((date, (!order.is_empty()).then_some(order), amount))
}

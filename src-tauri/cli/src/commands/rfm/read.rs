//! Reading an orders table into an [`RfmAccumulator`], on both cores of a small machine.
//!
//! Files are millions of rows. Two threads share the work, each reading rows, parsing dates
//! and amounts (the `tabular` parsers) and accumulating. The customers are split between them
//! **by customer** (a hash of the id): each thread's accumulator holds half of them, so its map
//! is half as large and the two merge without overlap. A thread copies the cells of a row of
//! the other's customers into a batch and hands full batches over; batches are recycled, so
//! memory stays at a few batches however long the file is.
//!
//! A large text file is cut in two at a line near its middle (`Table::split_off`), and each
//! thread reads one half. If the cut cannot be trusted (a quote, or a non-ASCII byte while the
//! encoding is undecided, in the text before it; see `tabular`), the part after it has no rows
//! and this thread reads the whole file while the other only accumulates its customers. Tables
//! that are not cut (XLSX, UTF-16 text, files under 4 MiB) are read the same way.
//!
//! Rejected rows are reported by spreadsheet row number, in file order: each thread keeps the
//! rows it rejected apart by the half they come from (each list is then in row order), and the
//! lists are merged at the end.

use salesplan_core::engine::rfm::{RfmAccumulator, RunRow};
use salesplan_core::error::Reason;
use salesplan_core::money::MAX_SCALE;
use salesplan_core::tabular::{self, missing_value, DateMemo, Field, Mapping, Rejections, Row, Table, TablePart};
use salesplan_core::Result;
use std::hash::Hasher;
use std::sync::mpsc;

/// The fields, in the order cells are kept in a batch.
pub const FIELDS: [Field; 4] = [Field::Customer, Field::Date, Field::Amount, Field::OrderId];
const BATCH_ROWS: usize = 4096;
/// Full batches waiting for the other side, at most.
const QUEUE: usize = 4;

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

    fn is_full(&self) -> bool {
        self.numbers.len() >= BATCH_ROWS || self.text.len() > u32::MAX as usize / 2
    }

    /// Adds a row's cells (customer and order id trimmed).
    fn push(&mut self, row: &Row, columns: &[Option<usize>; 4]) {
        let cells = columns.map(|c| c.map_or("", |c| row.cell(c)));
        self.numbers.push(row.number());
        for cell in [trim(cells[0]), cells[1], cells[2], trim(cells[3])] {
            self.text.push_str(cell);
            self.ends.push(self.text.len() as u32);
        }
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

/// Reads every row of `table` into an accumulator; refused rows go to the rejections.
/// The two accumulators hold different customers (see [`side_of`]): score them with
/// [`RfmAccumulator::finish_parts`], which settles each on its own thread.
pub fn orders(table: &mut Table, mapping: &Mapping) -> Result<(Vec<RfmAccumulator>, Rejections)> {
    let columns = FIELDS.map(|f| mapping.column(f));
    let headers = FIELDS.map(|f| mapping.header(f).map(str::to_string));
    let part = table.split_off()?;
    let (to_second, from_first) = mpsc::sync_channel::<Batch>(QUEUE);
    let (to_first, from_second) = mpsc::sync_channel::<Batch>(QUEUE);
    std::thread::scope(|scope| {
        let headers = &headers;
        let second = scope.spawn(move || {
            let mut side = Side::new(1, columns, headers, to_first, from_first);
            let read = match part {
                Some(mut part) => side.read(&mut part),
                None => Ok(()),
            };
            side.finish(read)
        });
        let mut first = Side::new(0, columns, headers, to_second, from_second);
        let read = first.read(table);
        let first = first.finish(read);
        let second = second.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let (mine, mut rejections) = first?;
        let (theirs, rejected) = second?;
        rejections.extend(rejected);
        Ok((vec![mine, theirs], in_row_order(rejections)))
    })
}

/// The rows of a table, or of the part of one after a cut.
trait Rows {
    fn next(&mut self) -> Result<Option<&Row>>;
}

impl Rows for Table {
    fn next(&mut self) -> Result<Option<&Row>> {
        self.next_row()
    }
}

impl Rows for TablePart {
    fn next(&mut self) -> Result<Option<&Row>> {
        self.next_row()
    }
}

/// One of the two threads: the customers whose [`side_of`] is `me`.
struct Side<'h> {
    me: usize,
    columns: [Option<usize>; 4],
    headers: &'h [Option<String>; 4],
    /// Rows read here of this side's customers, and of the other side's.
    mine: Batch,
    theirs: Batch,
    send: mpsc::SyncSender<Batch>,
    receive: mpsc::Receiver<Batch>,
    /// Empty batches to fill.
    spare: Vec<Batch>,
    acc: RfmAccumulator,
    /// Rows rejected here: read here, read by the other side, and rows that did not decode
    /// (found while reading, before their batch is parsed), each list in row order.
    rejected_here: Rejections,
    rejected_there: Rejections,
    unreadable: Rejections,
}

impl<'h> Side<'h> {
    fn new(
        me: usize,
        columns: [Option<usize>; 4],
        headers: &'h [Option<String>; 4],
        send: mpsc::SyncSender<Batch>,
        receive: mpsc::Receiver<Batch>,
    ) -> Self {
        Side {
            me,
            columns,
            headers,
            mine: Batch::default(),
            theirs: Batch::default(),
            send,
            receive,
            spare: Vec::new(),
            acc: RfmAccumulator::new(),
            rejected_here: Rejections::default(),
            rejected_there: Rejections::default(),
            unreadable: Rejections::default(),
        }
    }

    /// Reads `rows` to their end, accumulating this side's customers and handing the others
    /// over.
    fn read(&mut self, rows: &mut impl Rows) -> Result<()> {
        loop {
            match rows.next() {
                Ok(Some(row)) => {
                    let customer = trim(self.columns[0].map_or("", |c| row.cell(c)));
                    if side_of(customer) == self.me {
                        self.mine.push(row, &self.columns);
                        if self.mine.is_full() {
                            self.accumulate_mine();
                        }
                    } else {
                        self.theirs.push(row, &self.columns);
                        if self.theirs.is_full() && !self.hand_over() {
                            return Ok(()); // the other side stopped; its result says why
                        }
                    }
                }
                Ok(None) => break,
                Err(e) => match unreadable_row(&e) {
                    Some(row) => self.unreadable.reject(row, None, "", e.reason().cloned().unwrap()),
                    None => return Err(e),
                },
            }
        }
        self.accumulate_mine();
        self.hand_over();
        Ok(())
    }

    fn accumulate_mine(&mut self) {
        accumulate(&self.mine, self.headers, &mut self.acc, &mut self.rejected_here);
        self.mine.clear();
        while let Ok(batch) = self.receive.try_recv() {
            self.accumulate_theirs(batch);
        }
    }

    fn accumulate_theirs(&mut self, mut batch: Batch) {
        accumulate(&batch, self.headers, &mut self.acc, &mut self.rejected_there);
        batch.clear();
        if self.spare.len() < 2 * QUEUE {
            self.spare.push(batch);
        }
    }

    /// Hands the other side's rows over (if any); while its queue is full, does the work it
    /// handed over here. False if the other side has stopped.
    fn hand_over(&mut self) -> bool {
        if self.theirs.numbers.is_empty() {
            return true;
        }
        let spare = self.spare.pop().unwrap_or_default();
        let mut batch = std::mem::replace(&mut self.theirs, spare);
        loop {
            match self.send.try_send(batch) {
                Ok(()) => return true,
                Err(mpsc::TrySendError::Full(back)) => {
                    batch = back;
                    if let Ok(theirs) = self.receive.recv_timeout(std::time::Duration::from_millis(1)) {
                        self.accumulate_theirs(theirs);
                    }
                }
                Err(mpsc::TrySendError::Disconnected(_)) => return false,
            }
        }
    }

    /// After reading: takes in what the other side still hands over (until it is done), and
    /// returns the accumulator and the rejected rows, or the reading error.
    fn finish(self, read: Result<()>) -> Result<(RfmAccumulator, Vec<Rejections>)> {
        let Side {
            mut acc,
            headers,
            send,
            receive,
            mut rejected_there,
            ..
        } = self;
        // Done handing over: the other side stops waiting once both are done.
        drop(send);
        for batch in receive {
            accumulate(&batch, headers, &mut acc, &mut rejected_there);
        }
        read?;
        Ok((acc, vec![self.rejected_here, rejected_there, self.unreadable]))
    }
}

/// The side (0 or 1) of a customer. The accumulators' maps index their slots by the low bits
/// of an FxHash of the id; splitting on those bits would leave half of each side's slots
/// unused, so the split takes the top bit of the hash multiplied by another odd constant,
/// which depends on all of its bits.
fn side_of(customer: &str) -> usize {
    let mut h = rustc_hash::FxHasher::default();
    h.write(customer.as_bytes());
    (h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 63) as usize
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

/// Parses the rows of a batch and adds them, consecutive rows of one customer (the lines of
/// an order) as one run: one customer lookup for the run.
fn accumulate(batch: &Batch, headers: &[Option<String>; 4], acc: &mut RfmAccumulator, rejected: &mut Rejections) {
    let mut rows: Vec<RunRow<'_>> = Vec::with_capacity(batch.numbers.len());
    let mut starts: Vec<(&str, usize)> = Vec::new();
    let mut dates = DateMemo::default();
    for (i, &number) in batch.numbers.iter().enumerate() {
        let cells = batch.cells(i);
        let Some(row) = parse_row(rejected, headers, number, cells, &mut dates) else {
            continue;
        };
        if starts.last().is_none_or(|(current, _)| *current != cells[0]) {
            starts.push((cells[0], rows.len()));
        }
        rows.push(row);
    }
    let runs: Vec<(&str, &[RunRow<'_>])> = starts
        .iter()
        .enumerate()
        .map(|(k, &(customer, start))| {
            let end = starts.get(k + 1).map_or(rows.len(), |s| s.1);
            (customer, &rows[start..end])
        })
        .collect();
    acc.add_runs(&runs);
}

/// One row: customer (required), date and amount (required), order id (optional). A row with
/// a bad cell is rejected as a whole, naming its first bad cell.
fn parse_row<'a>(
    rejected: &mut Rejections,
    headers: &[Option<String>; 4],
    number: u64,
    cells: [&'a str; 4],
    dates: &mut DateMemo,
) -> Option<RunRow<'a>> {
    let [customer, date, amount, order] = cells;
    let mut reject = |k: usize, value: &str, reason: Reason| {
        rejected.reject(number, headers[k].as_deref(), value, reason);
        None
    };
    if customer.is_empty() {
        return reject(0, "", missing_value(Field::Customer.id()));
    }
    let date = match dates.parse(date) {
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

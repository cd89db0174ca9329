//! RFM per customer (最近购买 · 频率 · 金额, domain.md §2) and customer tiers A / B / C.
//!
//! Order files are large (millions of rows), so the analysis streams: an [`RfmAccumulator`]
//! takes one row at a time ([`RfmAccumulator::add`]) and keeps a small state per customer, never
//! the rows. [`RfmAccumulator::finish`] then scores and tiers the customers. Accumulators fed
//! different parts of one file can be [merged](RfmAccumulator::merge), or scored together with
//! [`RfmAccumulator::finish_parts`], so a file can be read by several threads; parts that hold
//! different customers then also settle their counts on threads of their own (`settle.rs`).
//!
//! **The values.**
//! - **R** (recency) = days from the customer's last order to the analysis date. The analysis
//!   date defaults to the day after the last order in the data, so the most recent customers
//!   have R = 1. Orders after an explicit analysis date are an error, never a negative R.
//! - **F** (frequency) = distinct order ids of the customer; a row without an order id is an
//!   order of its own. Several rows of one order (one per product), wherever they are in the
//!   file, count once; two orders on the same day count twice.
//! - **M** (monetary) = the sum of the customer's amounts, refunds included.
//!
//! **Refunds.** A row with a negative amount is a refund: it reduces M, but it is not an order
//! (it does not count for F, even with a new order id) and does not move the last order date
//! (R), nor the default analysis date. A row with amount zero is an order. A customer with
//! refunds only has no last order and cannot be scored: it is left out and counted in the
//! finding `rfm.refund_only_customers`. Worked example: 2025-03-01 order o1 +100, 2025-03-05
//! order o2 +50, 2025-03-09 refund of o2 −50 → F = 2, M = 100, last order 2025-03-05.
//!
//! **Scores** are quintiles by rank, 1–5, 5 the best (most recent, most orders, most money);
//! customers with equal values always get equal scores (see `scores.rs`, pandas'
//! `rank(method="min")` cut into fifths). The score sum (3–15) and the code "545" (R, F, M)
//! are derived from them. **Tiers** follow a configurable [`TierRule`] (see `tiers.rs`).
//!
//! **Worked example**, analysis date 2025-07-01, five customers:
//!
//! | customer | last order | R | F | M | r | f | m | code |
//! |---|---|---:|---:|---:|---:|---:|---:|---|
//! | a | 2025-06-30 | 1 | 3 | 900 | 4 | 4 | 5 | 445 |
//! | b | 2025-06-30 | 1 | 2 | 100 | 4 | 3 | 2 | 432 |
//! | c | 2025-06-01 | 30 | 4 | 300 | 3 | 5 | 4 | 354 |
//! | d | 2025-04-02 | 90 | 1 | 200 | 2 | 1 | 3 | 213 |
//! | e | 2025-01-02 | 180 | 1 | 50 | 1 | 1 | 1 | 111 |
//!
//! With n = 5, score = 1 + ⌊5 × below / 5⌋ = 1 + below. R: e has nobody less recent (1), d one
//! (2), c two (3), a and b tie with three below (4 for both: a tie takes its lowest rank, so
//! nobody gets R = 5 here). F: d and e tie at 1 (below 0 → 1), b has two below (3), a three
//! (4), c four (5). M ranks 50 < 100 < 200 < 300 < 900. Sums 13, 9, 12, 6, 3 → tiers A, B, A,
//! C, C by the default score rule (A ≥ 12, B ≥ 8).
//!
//! **Memory** is bounded by the number of customers (a 64-byte map slot each, ids of up to 22
//! bytes inline, see `key.rs`) plus, when rows carry order ids, 16 bytes per order (see
//! `orders.rs`): exact distinct counting must remember the ids it has seen. Rows themselves
//! are never kept.

use crate::error::{Error, Result};
use chrono::{Days, NaiveDate};
use key::CustomerKey;
use orders::OrderLog;
pub use report::{RfmCustomer, RfmResult, TierSummary};
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;
pub use tiers::{Playbook, Tier, TierRule};

mod key;
mod orders;
mod report;
mod scores;
mod settle;
#[cfg(test)]
mod tests;
mod tiers;

/// Fewer customers than this give the warning `rfm.few_customers`: below 25, a quintile holds
/// fewer than five customers and one customer moves a score.
pub const MIN_CUSTOMERS: usize = 25;

/// The state kept per customer while rows stream past (40 bytes; with its key, one cache line).
#[derive(Debug, Clone)]
struct CustomerState {
    /// The customer's number in the order log (0, 1, 2 … in order of first appearance).
    number: u32,
    /// Rows without an order id (each an order).
    unnamed: u32,
    /// Last order date; `None` while the customer has refunds only.
    last_order: Option<NaiveDate>,
    /// Fingerprint of the order id of the customer's last order row, 0 before the first.
    last_fingerprint: u64,
    /// Sum of amounts, refunds included.
    monetary: Decimal,
}

impl CustomerState {
    fn new(number: u32) -> Self {
        CustomerState {
            number,
            unnamed: 0,
            last_order: None,
            last_fingerprint: 0,
            monetary: Decimal::ZERO,
        }
    }

    /// Applies one row; true when it is a refund.
    fn add(&mut self, log: &mut OrderLog, date: NaiveDate, order_id: Option<&str>, amount: Decimal) -> bool {
        self.monetary += amount;
        if amount < Decimal::ZERO {
            return true;
        }
        if self.last_order.is_none_or(|d| d < date) {
            self.last_order = Some(date);
        }
        match order_id {
            Some(id) if !id.is_empty() => {
                let fp = orders::fingerprint(id);
                if fp != self.last_fingerprint {
                    self.last_fingerprint = fp;
                    log.push(self.number, fp);
                }
            }
            _ => self.unnamed = self.unnamed.saturating_add(1),
        }
        false
    }
}

/// One row of a customer's run: the order date, the order id and the amount (see
/// [`RfmAccumulator::add`]).
pub type RunRow<'a> = (NaiveDate, Option<&'a str>, Decimal);

/// Collects order rows, one at a time, for an RFM analysis.
#[derive(Debug, Default)]
pub struct RfmAccumulator {
    /// Customer id → state; the only copy of each id.
    customers: FxHashMap<CustomerKey, CustomerState>,
    orders: OrderLog,
    rows: u64,
    refund_rows: u64,
    last_order: Option<NaiveDate>,
}

impl RfmAccumulator {
    /// An empty accumulator.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds one row: the customer id (compared exactly, as given), the order date, the order
    /// id (`None` or empty: the row is an order of its own) and the amount (negative: refund).
    pub fn add(&mut self, customer: &str, date: NaiveDate, order_id: Option<&str>, amount: Decimal) {
        self.add_run(customer, [(date, order_id, amount)]);
    }

    /// Adds several rows of one customer, as [`add`](Self::add) would one by one, with one
    /// lookup of the customer. Order files list the lines of an order together, so runs of
    /// one customer are common, and the lookup is the costly part of a row on large data.
    pub fn add_run<'a>(&mut self, customer: &str, rows: impl IntoIterator<Item = RunRow<'a>>) {
        let state = match self.customers.get_mut(customer.as_bytes()) {
            Some(state) => state,
            None => {
                let number = self.customers.len() as u32;
                self.customers
                    .entry(CustomerKey::new(customer))
                    .or_insert(CustomerState::new(number))
            }
        };
        for (date, order_id, amount) in rows {
            self.rows += 1;
            if state.add(&mut self.orders, date, order_id, amount) {
                self.refund_rows += 1;
            } else if self.last_order.is_none_or(|d| d < date) {
                self.last_order = Some(date);
            }
        }
    }

    /// Adds runs of rows, each run one customer's `(date, order id, amount)` rows, as
    /// [`add_run`](Self::add_run) would one run after the other. The customer of a run a few
    /// runs ahead is looked up first: among many customers a lookup is a cache miss, and
    /// misses in flight together cost little more than one.
    pub fn add_runs(&mut self, runs: &[(&str, &[RunRow<'_>])]) {
        const AHEAD: usize = 16;
        for chunk in runs.chunks(AHEAD) {
            for (customer, _) in chunk {
                std::hint::black_box(self.customers.get(customer.as_bytes()).map(|s| s.number));
            }
            for (customer, rows) in chunk {
                self.add_run(customer, rows.iter().copied());
            }
        }
    }

    /// Takes in the rows another accumulator collected (another part of the same data).
    pub fn merge(&mut self, other: RfmAccumulator) {
        self.rows += other.rows;
        self.refund_rows += other.refund_rows;
        self.last_order = self.last_order.max(other.last_order);
        let mut renumber = vec![0u32; other.customers.len()];
        for (key, theirs) in other.customers {
            let number = self.customers.len() as u32;
            let mine = self.customers.entry(key).or_insert_with(|| CustomerState::new(number));
            renumber[theirs.number as usize] = mine.number;
            mine.unnamed = mine.unnamed.saturating_add(theirs.unnamed);
            mine.last_order = mine.last_order.max(theirs.last_order);
            mine.monetary += theirs.monetary;
        }
        self.orders.append(other.orders, &renumber);
    }

    /// Rows added so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Distinct customers seen so far (including refund-only ones).
    pub fn customers(&self) -> usize {
        self.customers.len()
    }

    /// The latest order date seen (refunds excluded).
    pub fn last_order(&self) -> Option<NaiveDate> {
        self.last_order
    }

    /// Scores and tiers the customers as of `as_of` (default: the day after the last order).
    ///
    /// Refused: an invalid `rule`, or an `as_of` before the last order in the data (R would be
    /// negative; reason key `rfm.as_of_before_last_order`).
    pub fn finish(self, as_of: Option<NaiveDate>, rule: &TierRule) -> Result<RfmResult> {
        Self::finish_parts(vec![self], as_of, rule)
    }

    /// [`finish`](Self::finish) for several accumulators fed different parts of the same data,
    /// as if they had been [merged](Self::merge) first. When no customer is in two parts (a
    /// reader that splits rows by customer), each part counts its customers' distinct orders
    /// on a thread of its own and the parts are never merged; otherwise they are merged first.
    pub fn finish_parts(parts: Vec<RfmAccumulator>, as_of: Option<NaiveDate>, rule: &TierRule) -> Result<RfmResult> {
        rule.validate()?;
        let last_order = parts.iter().filter_map(|p| p.last_order).max();
        if let (Some(as_of), Some(last)) = (as_of, last_order) {
            if as_of < last {
                let (a, l) = (as_of.to_string(), last.to_string());
                return Err(Error::invalid(format!(
                    "the analysis date {a} is before the last order in the data ({l}); choose {l} or later"
                ))
                .because("rfm.as_of_before_last_order", &[("as_of", &a), ("last_order", &l)]));
            }
        }
        let as_of = as_of.or_else(|| last_order.and_then(|d| d.checked_add_days(Days::new(1))));
        let parts = if settle::disjoint(&parts) {
            parts
        } else {
            let mut all = parts.into_iter();
            let mut first = all.next().unwrap_or_default();
            all.for_each(|p| first.merge(p));
            vec![first]
        };
        let (rows, refund_rows) = parts.iter().fold((0, 0), |(r, f), p| (r + p.rows, f + p.refund_rows));
        let settled = settle::in_parallel(parts, as_of);
        Ok(settle::score(settled, as_of, rule, rows, refund_rows))
    }
}

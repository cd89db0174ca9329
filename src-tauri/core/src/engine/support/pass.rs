//! One pass over the stored orders: the RFM accumulation and the summary figures.
//!
//! Two things make a million orders cheap enough to run after each import or settings change:
//! - **Runs per customer.** Within a chunk every row of a customer points at the same text
//!   (the chunk's dictionary entry), so the rows are grouped by it and each group is added as
//!   one run: one customer lookup per customer and chunk instead of one per row.
//! - **Two workers.** Customers are split between two threads by a hash of their id, as
//!   `salesplan rfm` does: each thread decodes the chunks and accumulates its half of the
//!   customers, so the two accumulators are disjoint and merging them is cheap. Small books
//!   (under [`PARALLEL_FROM`] orders) use one thread.
//!
//! The result does not depend on the grouping or the split: R, F and M are a customer's
//! latest date, distinct orders and sum, whatever order its rows arrive in.

use crate::engine::rfm::RfmAccumulator;
use crate::model::{Order, OrderBook, OrderColumns};
use chrono::NaiveDate;
use std::hash::Hasher;

/// Books with fewer orders are read by one thread.
pub const PARALLEL_FROM: usize = 50_000;

/// What the pass collects.
pub(super) struct Pass {
    pub acc: RfmAccumulator,
    pub first: NaiveDate,
    pub last: NaiveDate,
    /// Sum of the amounts in units of the book's scale.
    pub total: i128,
    pub refunds: u64,
}

/// Runs the pass.
pub(super) fn run(orders: &OrderBook) -> Pass {
    let workers = if orders.len() >= PARALLEL_FROM { 2 } else { 1 };
    let mut parts = std::thread::scope(|s| {
        let handles: Vec<_> = (0..workers)
            .map(|w| s.spawn(move || worker(orders, w, workers)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect::<Vec<_>>()
    });
    let mut pass = parts.remove(0);
    for part in parts {
        pass.acc.merge(part.acc);
    }
    pass
}

/// The worker of a customer: the top bit of its FxHash times an odd constant (the low bits
/// index the accumulators' maps, so they must not decide the split).
fn worker_of(customer: &str, workers: usize) -> usize {
    let mut h = rustc_hash::FxHasher::default();
    h.write(customer.as_bytes());
    (h.finish().wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 63) as usize % workers
}

/// Worker `w` of `workers`: its customers' runs, and (worker 0) the summary.
fn worker(orders: &OrderBook, w: usize, workers: usize) -> Pass {
    let mut pass = Pass {
        acc: RfmAccumulator::new(),
        first: NaiveDate::MAX,
        last: NaiveDate::MIN,
        total: 0,
        refunds: 0,
    };
    let mut by_customer: Vec<usize> = Vec::new();
    orders.for_each_chunk_of(OrderColumns::Rfm, |rows: &[Order<'_>]| {
        if w == 0 {
            for o in rows {
                pass.first = pass.first.min(o.date);
                pass.last = pass.last.max(o.date);
                pass.total += i128::from(o.amount_units);
                pass.refunds += u64::from(o.amount_units < 0);
            }
        }
        by_customer.clear();
        by_customer.extend(0..rows.len());
        by_customer.sort_by_key(|&i| rows[i].customer.as_ptr());
        for run in by_customer.chunk_by(|&a, &b| rows[a].customer.as_ptr() == rows[b].customer.as_ptr()) {
            let customer = rows[run[0]].customer;
            if workers > 1 && worker_of(customer, workers) != w {
                continue;
            }
            let orders_of = run
                .iter()
                .map(|&i| (rows[i].date, rows[i].order_id, orders.amount(rows[i].amount_units)));
            pass.acc.add_run(customer, orders_of);
        }
    });
    pass
}

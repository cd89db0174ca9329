//! Counting each customer's distinct orders (F) while rows stream past.
//!
//! Rows without an order id are one order each, so they only need a counter per customer. Rows
//! with an order id count once per distinct id; an order usually has several lines (one per
//! product) and the same id may come back later in the file, so the ids must be remembered.
//! Each id is kept as a 64-bit fingerprint (8 bytes, however long the id):
//!
//! - the customer's state remembers the fingerprint of its last row; a row of the same order
//!   (the lines of one order are usually adjacent) costs one comparison and nothing else;
//! - any other row appends `(customer number, fingerprint)` to one log. Appending is a
//!   sequential write, which matters: per-customer sets would cost a cache miss per order;
//! - at the end the log is grouped by customer (a counting sort) and each customer's
//!   fingerprints are sorted and counted once each.
//!
//! **Memory**: 16 bytes per log entry, i.e. per order (more precisely per row whose order id
//! differs from its customer's previous row). A file whose order lines are scattered could
//! repeat ids in the log, so once it holds [`COMPACT_AT`] entries it is sorted and deduplicated,
//! and again whenever it doubles: it never holds more than about twice the distinct (customer,
//! order) pairs, or [`COMPACT_AT`]. With no order ids nothing is logged. Exact distinct
//! counting cannot do with less than remembering the ids.
//!
//! Two different ids of one customer share a fingerprint with probability about n² / 2⁶⁴ for n
//! orders (10⁻¹³ for 1,000 orders): then F is one lower. A test counts two million ids of
//! common shapes without a collision.

use std::hash::Hasher;

/// Log entries before the first compaction (64 MiB).
pub(super) const COMPACT_AT: usize = 1 << 22;

/// The fingerprint of an order id: FxHash of its bytes, deterministic across runs, never 0
/// (0 means "no order id seen yet" in a customer's state).
pub(super) fn fingerprint(order_id: &str) -> u64 {
    let mut h = rustc_hash::FxHasher::default();
    h.write(order_id.as_bytes());
    h.finish() | 1
}

/// Every (customer, order fingerprint) that started a run of rows.
#[derive(Debug)]
pub(super) struct OrderLog {
    entries: Vec<(u32, u64)>,
    compact_at: usize,
}

impl Default for OrderLog {
    fn default() -> Self {
        OrderLog {
            entries: Vec::new(),
            compact_at: COMPACT_AT,
        }
    }
}

impl OrderLog {
    /// Records that `customer` has an order with fingerprint `fp`.
    pub(super) fn push(&mut self, customer: u32, fp: u64) {
        if self.entries.len() >= self.compact_at {
            self.entries.sort_unstable();
            self.entries.dedup();
            self.compact_at = self.compact_at.max(2 * self.entries.len());
        }
        self.entries.push((customer, fp));
    }

    /// Takes in another log, whose customer `i` is this log's customer `renumber[i]`.
    pub(super) fn append(&mut self, other: OrderLog, renumber: &[u32]) {
        self.entries.reserve(other.entries.len());
        for (c, fp) in other.entries {
            self.push(renumber[c as usize], fp);
        }
    }

    /// Distinct fingerprints per customer number (`customers` numbers, from 0).
    pub(super) fn distinct(self, customers: usize) -> Vec<u32> {
        // Counting sort by customer: start of each customer's slice, then scatter.
        let mut start = vec![0usize; customers + 1];
        for &(c, _) in &self.entries {
            start[c as usize + 1] += 1;
        }
        for i in 0..customers {
            start[i + 1] += start[i];
        }
        let mut next = start.clone();
        let mut grouped = vec![0u64; self.entries.len()];
        for (c, fp) in self.entries {
            grouped[next[c as usize]] = fp;
            next[c as usize] += 1;
        }
        (0..customers)
            .map(|c| {
                let fps = &mut grouped[start[c]..start[c + 1]];
                fps.sort_unstable();
                let repeats = fps.windows(2).filter(|w| w[0] == w[1]).count();
                (fps.len() - repeats) as u32
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_interleaved_and_merged_ids_count_once() {
        let mut log = OrderLog::default();
        for (c, id) in [(0, "o1"), (1, "o1"), (0, "o2"), (0, "o1"), (2, "x")] {
            log.push(c, fingerprint(id));
        }
        // Another reader's customers 0 and 1 are this log's 2 and 0.
        let mut other = OrderLog::default();
        other.push(0, fingerprint("x"));
        other.push(1, fingerprint("o3"));
        log.append(other, &[2, 0]);
        // Customer 0: o1, o2, o3; customer 1: o1; customer 2: x; customer 3: nothing.
        assert_eq!(log.distinct(4), vec![3, 1, 1, 0]);
    }

    #[test]
    fn compaction_keeps_the_counts() {
        let mut log = OrderLog {
            entries: Vec::new(),
            compact_at: 8,
        };
        for n in 0..100u64 {
            log.push((n % 3) as u32, fingerprint(&(n % 10).to_string()));
        }
        // 30 distinct (customer, id) pairs: compaction keeps the log under twice that.
        assert!(log.entries.len() <= 60, "compacted: {}", log.entries.len());
        // n % 3 and n % 10: customer 0 sees ids 0, 3, 6, 9, 2, 5, 8, 1, 4, 7: all ten.
        assert_eq!(log.distinct(3), vec![10, 10, 10]);
    }

    #[test]
    fn two_million_ids_of_common_shapes_have_distinct_fingerprints() {
        let mut fps: Vec<u64> = (0..1_000_000).map(|n| fingerprint(&format!("SO{n:09}"))).collect();
        fps.extend((0..1_000_000u64).map(|n| fingerprint(&n.to_string())));
        fps.sort_unstable();
        fps.dedup();
        assert_eq!(fps.len(), 2_000_000);
    }
}

//! What an RFM analysis returns: one row per customer, one summary per tier, and findings.

use super::tiers::{Playbook, Tier, TierRule};
use crate::engine::findings::Finding;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// One customer's RFM values, scores and tier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RfmCustomer {
    /// The customer id as it appears in the data.
    pub customer: String,
    /// Date of the customer's last order (refunds do not count).
    pub last_order: NaiveDate,
    /// R: days from the last order to the analysis date (0 when it is the same day).
    pub recency_days: u32,
    /// F: distinct orders (rows when there is no order id; refunds do not count).
    pub frequency: u32,
    /// M: total amount, refunds subtracted.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub monetary: Decimal,
    /// Recency score 1–5 (5 = most recent).
    pub r: u8,
    /// Frequency score 1–5 (5 = most orders).
    pub f: u8,
    /// Monetary score 1–5 (5 = most revenue).
    pub m: u8,
    /// The three scores as a code, R then F then M: "545".
    pub code: String,
    /// r + f + m, 3–15.
    pub score: u8,
    /// The tier by the analysis' rule.
    pub tier: Tier,
}

/// One tier: how many customers, how much revenue, and what to do with them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TierSummary {
    /// The tier.
    pub tier: Tier,
    /// Customers in the tier.
    pub customers: u32,
    /// Their total monetary value.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub revenue: Decimal,
    /// Revenue as a fraction of all scored customers' revenue, to four places (0.8123 is
    /// 81.23 %); `None` when that total is zero or negative.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub share: Option<Decimal>,
    /// The tier's playbook.
    pub playbook: Playbook,
    /// Stable codes of the playbook's typical actions.
    pub actions: Vec<String>,
}

/// The result of an RFM analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RfmResult {
    /// The analysis date; `None` only when there was no order at all.
    pub as_of: Option<NaiveDate>,
    /// The tier rule applied.
    pub rule: TierRule,
    /// Scored customers, by customer id (byte order).
    pub customers: Vec<RfmCustomer>,
    /// Tiers A, B, C in that order (always three, possibly empty).
    pub tiers: Vec<TierSummary>,
    /// Rows read.
    #[ts(type = "number")]
    pub rows: u64,
    /// Of them, refund rows (negative amount).
    #[ts(type = "number")]
    pub refund_rows: u64,
    /// What the analysis found worth saying (few customers, ties, refunds only …).
    pub findings: Vec<Finding>,
}

impl RfmResult {
    /// Customers per R score × F score: `grid[r - 1][f - 1]` counts the scored customers with
    /// recency score `r` and frequency score `f` (5 × 5; the cells sum to the customers).
    pub fn rf_grid(&self) -> Vec<Vec<u32>> {
        let mut grid = vec![vec![0u32; 5]; 5];
        let cell = |score: u8| usize::from(score.clamp(1, 5) - 1);
        for c in &self.customers {
            grid[cell(c.r)][cell(c.f)] += 1;
        }
        grid
    }
}

/// The tier summaries of scored customers.
pub(super) fn summarise(customers: &[RfmCustomer]) -> Vec<TierSummary> {
    let total: Decimal = customers.iter().map(|c| c.monetary).sum();
    Tier::ALL
        .iter()
        .map(|&tier| {
            let members = customers.iter().filter(|c| c.tier == tier);
            let (count, revenue) = members.fold((0u32, Decimal::ZERO), |(n, r), c| (n + 1, r + c.monetary));
            let share = (total > Decimal::ZERO).then(|| (revenue / total).round_dp(4).normalize());
            let playbook = tier.playbook();
            TierSummary {
                tier,
                customers: count,
                revenue,
                share,
                playbook,
                actions: playbook.actions().iter().map(|a| a.to_string()).collect(),
            }
        })
        .collect()
}

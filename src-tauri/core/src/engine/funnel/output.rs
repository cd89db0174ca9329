//! What the funnel back-calculation returns for one segment: the months (deals, opportunities
//! and leads, exact and rounded up), their totals, and the findings on the drivers.

use crate::engine::findings::Finding;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// One month of the funnel. Deals sit in the month they close; opportunities and leads in the
/// month they must be created. `*_exact` values are rounded to six places for display only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FunnelMonth {
    /// First day of the month.
    pub month: NaiveDate,
    /// True for months before the first target month (work that must start early).
    pub before_period: bool,
    /// The revenue target (zero before the period or when negative).
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub target: Decimal,
    /// Revenue from existing customers.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub repeat_revenue: Option<Decimal>,
    /// Revenue from new customers: target − repeat, never below zero.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub new_revenue: Option<Decimal>,
    /// Repeat orders (customers basis only).
    #[ts(type = "number | null")]
    pub repeat_orders: Option<u64>,
    /// Exact new deals closing this month.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub deals_exact: Option<Decimal>,
    /// New deals closing this month, rounded up.
    #[ts(type = "number | null")]
    pub deals: Option<u64>,
    /// Exact opportunities to create this month.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub opportunities_exact: Option<Decimal>,
    /// Opportunities to create this month, rounded up.
    #[ts(type = "number | null")]
    pub opportunities: Option<u64>,
    /// Exact leads to create this month.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub leads_exact: Option<Decimal>,
    /// Leads to create this month, rounded up.
    #[ts(type = "number | null")]
    pub leads: Option<u64>,
}

/// Sums over the months. Counts are sums of the monthly (rounded-up) counts, so the table adds up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FunnelTotals {
    /// Total target.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub target: Decimal,
    /// Total repeat revenue.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub repeat_revenue: Option<Decimal>,
    /// Total new-customer revenue.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub new_revenue: Option<Decimal>,
    /// Total deals.
    #[ts(type = "number | null")]
    pub deals: Option<u64>,
    /// Total opportunities.
    #[ts(type = "number | null")]
    pub opportunities: Option<u64>,
    /// Total leads.
    #[ts(type = "number | null")]
    pub leads: Option<u64>,
    /// Opportunities to create before the period starts.
    #[ts(type = "number | null")]
    pub opportunities_before_period: Option<u64>,
    /// Leads to create before the period starts.
    #[ts(type = "number | null")]
    pub leads_before_period: Option<u64>,
}

/// The funnel of one segment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FunnelPlan {
    /// The segment, as given.
    pub segment: String,
    /// Every month from the earliest creation month to the last target month, ascending.
    pub months: Vec<FunnelMonth>,
    /// Sums.
    pub totals: FunnelTotals,
    /// What is wrong with the drivers ("funnel.*" codes).
    pub findings: Vec<Finding>,
}

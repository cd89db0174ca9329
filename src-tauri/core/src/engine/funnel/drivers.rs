//! The drivers of a segment's funnel: its monthly targets, repeat basis, deal size, conversion
//! rates and cycle lengths. Kept apart from the calculation so the input a caller (the plan
//! model, later) fills in can be read on one screen.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An amount for one calendar month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MonthAmount {
    /// Any day of the month; the engine uses the first day.
    pub month: NaiveDate,
    /// The amount.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub amount: Decimal,
}

/// Where repeat revenue (复购) comes from. Rates are fractions: 0.3 is 30 %.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "basis", rename_all = "snake_case")]
#[ts(export)]
pub enum RepeatRevenue {
    /// This share of every month's target comes from existing customers.
    Share {
        /// Share of the target, 0..=1.
        #[ts(type = "string")]
        #[serde(with = "crate::money::dec_text")]
        share: Decimal,
    },
    /// Every month, `existing_customers × repeat_rate` customers reorder for `order_value` each.
    Customers {
        /// Existing customers of the segment.
        existing_customers: u32,
        /// Share of them ordering again in any one month, 0..=1.
        #[ts(type = "string")]
        #[serde(with = "crate::money::dec_text")]
        repeat_rate: Decimal,
        /// Average repeat order value.
        #[ts(type = "string")]
        #[serde(with = "crate::money::dec_text")]
        order_value: Decimal,
    },
}

/// The drivers of one segment's funnel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct FunnelInput {
    /// The tier or channel, e.g. "A" or "渠道-经销商"; it names the findings.
    pub segment: String,
    /// Revenue target per month; missing months inside the range count as zero.
    pub targets: Vec<MonthAmount>,
    /// How repeat revenue is planned.
    pub repeat: RepeatRevenue,
    /// Average new-customer deal size (客单价).
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub deal_size: Decimal,
    /// Lead → opportunity conversion rate, 0..=1.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub lead_to_opportunity: Decimal,
    /// Opportunity → deal conversion rate, 0..=1.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub opportunity_to_deal: Decimal,
    /// Days from an opportunity's creation to its close (u16: at most ~179 years).
    pub sales_cycle_days: u16,
    /// Days from a lead's creation to its opportunity; 0 puts leads with their opportunities.
    pub lead_to_opportunity_days: u16,
    /// Minor-unit digits of the currency: repeat revenue is rounded to it (half to even), so
    /// repeat + new is exactly the target in money a ledger can hold. None: kept exact.
    #[serde(default)]
    pub minor_units: Option<u32>,
}

//! The drivers of the cash-in plan: bookings, payment terms, bad-debt allowance and opening
//! receivables, as a caller (the plan model, later) fills them in.

use super::MonthAmount;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// One payment term: this share of the collectible amount is due `days` after booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PaymentTerm {
    /// Share of the amount, 0..=1; the shares of all terms sum to 1.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub share: Decimal,
    /// Days after booking (0 = cash on order).
    pub days: u16,
}

/// The drivers of the cash-in plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CashInInput {
    /// Bookings per month; the period runs from the first to the last month given.
    pub bookings: Vec<MonthAmount>,
    /// Payment terms.
    pub terms: Vec<PaymentTerm>,
    /// Share of bookings never collected (bad-debt allowance), 0..=1.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub bad_debt_share: Decimal,
    /// Receivables open at the start of the period.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub opening_receivables: Decimal,
    /// Shares of the opening receivables collected in period month 1, 2, …; empty = default.
    #[ts(type = "Array<string>")]
    #[serde(with = "crate::money::dec_list")]
    pub opening_profile: Vec<Decimal>,
    /// Minor-unit digits of the plan currency (`money::minor_units`).
    pub minor_units: u32,
}

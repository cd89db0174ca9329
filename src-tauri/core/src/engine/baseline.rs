//! The baseline summary: what the same period looked like last year, and the trailing year.
//!
//! "Same period last year" is every baseline month whose month falls in the plan period
//! shifted back one year. Worked example: plan 2026-10-01…2026-12-31 and baseline months
//! 2025-10 (3,000,000), 2025-11 (3,200,000), 2025-12 (3,800,000) → same-period bookings
//! 10,000,000.

use crate::model::Plan;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// Totals of the baseline history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BaselineSummary {
    /// How many months of history the plan has.
    pub months: u32,
    /// First and last month with history.
    pub first_month: Option<NaiveDate>,
    /// Last month with history.
    pub last_month: Option<NaiveDate>,
    /// Bookings in the plan period one year earlier.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub same_period_bookings: Decimal,
    /// Cash-in in the plan period one year earlier.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub same_period_cash_in: Decimal,
    /// Number of months of history inside that window.
    pub same_period_months: u32,
    /// Bookings of the last twelve months with history.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub trailing_12m_bookings: Decimal,
    /// Cash-in of the last twelve months with history.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub trailing_12m_cash_in: Decimal,
}

/// Summarises the baseline history of a plan.
pub fn summarise(plan: &Plan) -> BaselineSummary {
    let h = &plan.header;
    let first_of = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    let window_start = first_of(h.period_start).checked_sub_months(Months::new(12));
    let window_end = first_of(h.period_end).checked_sub_months(Months::new(12));
    let first_month = plan.baseline.iter().map(|m| m.month).min();
    let last_month = plan.baseline.iter().map(|m| m.month).max();
    let trailing_from = last_month.and_then(|l| l.checked_sub_months(Months::new(11)));
    let mut s = BaselineSummary {
        months: plan.baseline.len() as u32,
        first_month,
        last_month,
        same_period_bookings: Decimal::ZERO,
        same_period_cash_in: Decimal::ZERO,
        same_period_months: 0,
        trailing_12m_bookings: Decimal::ZERO,
        trailing_12m_cash_in: Decimal::ZERO,
    };
    for m in &plan.baseline {
        let month = first_of(m.month);
        if let (Some(a), Some(b)) = (window_start, window_end) {
            if month >= a && month <= b {
                s.same_period_bookings += m.bookings;
                s.same_period_cash_in += m.cash_in;
                s.same_period_months += 1;
            }
        }
        if trailing_from.is_some_and(|t| month >= t) {
            s.trailing_12m_bookings += m.bookings;
            s.trailing_12m_cash_in += m.cash_in;
        }
    }
    s
}

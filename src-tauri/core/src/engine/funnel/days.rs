//! Calendar arithmetic shared by the funnel and cash-in: spreading a month's days over the
//! months they land in after a shift, and the exact ceiling of a ratio.
//!
//! Both modules assume that what happens "in a month" happens evenly over its days; moving those
//! days by a sales cycle (earlier) or a payment term (later) spreads the month over one or more
//! calendar months in proportion to days. Keeping that in one place keeps the two consistent.

use chrono::{Datelike, Days, Months, NaiveDate};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

/// ceil(n / d) computed exactly (no rounded quotient is ever ceiled); `None` when `d ≤ 0` or
/// the result does not fit. Non-positive `n` needs nothing: 0.
pub(crate) fn ceil_ratio(n: Decimal, d: Decimal) -> Option<u64> {
    if d <= Decimal::ZERO {
        return None;
    }
    if n <= Decimal::ZERO {
        return Some(0);
    }
    let rem = n.checked_rem(d)?;
    let floor = (n - rem).checked_div(d)?.trunc();
    let ceil = if rem.is_zero() { floor } else { floor + Decimal::ONE };
    ceil.to_u64()
}

/// The days of `month` (first day) moved by `shift` days, grouped by the calendar month they
/// land in: (first day of that month, how many of the days). Shared with cash-in.
pub(crate) fn spread_days(month: NaiveDate, shift: i64) -> Vec<(NaiveDate, u32)> {
    let move_by = |d: NaiveDate| match shift {
        s if s >= 0 => d.checked_add_days(Days::new(s as u64)),
        s => d.checked_sub_days(Days::new(s.unsigned_abs())),
    };
    let last = next_month(month).pred_opt().unwrap_or(month);
    let (Some(mut day), Some(end)) = (move_by(month), move_by(last)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    while day <= end {
        let bucket = first_of_month(day);
        let bucket_end = next_month(bucket).pred_opt().unwrap_or(bucket).min(end);
        out.push((bucket, (bucket_end - day).num_days() as u32 + 1));
        day = bucket_end.succ_opt().unwrap_or(NaiveDate::MAX);
        if bucket_end == end {
            break;
        }
    }
    out
}

/// The first day of the month of `d`.
pub(crate) fn first_of_month(d: NaiveDate) -> NaiveDate {
    d.with_day(1).unwrap_or(d)
}

/// The first day of the month after `month` (saturating at the end of the calendar).
pub(crate) fn next_month(month: NaiveDate) -> NaiveDate {
    first_of_month(month)
        .checked_add_months(Months::new(1))
        .unwrap_or(NaiveDate::MAX)
}

/// Days in the month of `d`.
pub(crate) fn days_in_month(d: NaiveDate) -> u32 {
    let first = first_of_month(d);
    (next_month(first) - first).num_days() as u32
}

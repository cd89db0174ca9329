//! Cash-in decomposition (进账分解 / 回款, domain.md §1): when the money for the bookings arrives.
//!
//! Bookings (orders signed) and cash-in (money collected) are different targets: a quarter can
//! hit its bookings and still starve for cash when the terms are long. This module turns monthly
//! bookings, payment terms, a bad-debt allowance and the opening receivables into a collections
//! schedule, the collection rate and a DSO estimate. It is pure and not yet wired into the plan.
//!
//! **Assumptions** (each chosen so the schedule can be checked by hand):
//! - Shares are fractions like every rate in the core: a term of 0.3 is 30 %.
//! - Bookings are spread evenly over the days of their month. A term of `days` moves each day's
//!   bookings `days` later, so it lands in the months those dates fall in, in proportion to days.
//!   Example: 2,148,300 due 30 days after October bookings lands Oct 31–Nov 30, 1/31 in October
//!   (69,300) and 30/31 in November (2,079,000).
//! - The bad-debt allowance is taken off each booking month first and reported in that month; it
//!   is never collected. The terms apply to the rest.
//! - Opening receivables are net of any allowance and collected in full: by `opening_profile`
//!   (shares per month from the first period month) or, when that is empty, evenly over
//!   N = max(1, ceil(longest term in days / 30)) months.
//! - Every split goes through [`allocate`] (largest remainder at the minor unit), level by level:
//!   bookings → bad debt + collectible → one amount per term → one amount per landing month. Each
//!   level sums exactly, so each booking month's collections + bad debt equal its bookings to the
//!   last minor unit.
//!
//! **The period** runs from the first to the last booking month given. Money landing later is
//! shown as `after_period`; it is what the closing receivables consist of. So always:
//! opening + bookings = collections + bad debt + closing receivables, and
//! closing receivables = Σ after_period + unscheduled.
//!
//! **Ratios.** collection rate = collections in the period / (opening receivables + bookings in
//! the period). DSO = closing receivables / bookings in the period × days in the period.
//! Worked example (tested): 2,079,000 / 9,200,000 × 92 days = 20.79 days.

use super::allocation::allocate;
use super::findings::{Finding, Severity};
use super::funnel::{first_of_month, next_month, spread_days, MonthAmount};
use chrono::NaiveDate;
pub use drivers::{CashInInput, PaymentTerm};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;

mod drivers;

/// One period month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CashInMonth {
    /// First day of the month.
    pub month: NaiveDate,
    /// Bookings of the month.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub bookings: Decimal,
    /// Everything collected in the month, opening receivables included.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub collections: Decimal,
    /// The part of `collections` that comes from the opening receivables.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub from_opening: Decimal,
    /// Allowance on this month's bookings.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub bad_debt: Decimal,
    /// Receivables open at the end of the month.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub closing_receivables: Decimal,
}

/// Where one booking month's money goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BookingCollections {
    /// The booking month.
    pub month: NaiveDate,
    /// Its bookings.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub bookings: Decimal,
    /// Its allowance.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub bad_debt: Decimal,
    /// Collections by landing month, in and after the period.
    pub collections: Vec<MonthAmount>,
}

/// The cash-in plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CashInSchedule {
    /// The period months, ascending.
    pub months: Vec<CashInMonth>,
    /// Collections that land after the period, by month.
    pub after_period: Vec<MonthAmount>,
    /// The detail per booking month.
    pub by_booking_month: Vec<BookingCollections>,
    /// Opening receivables.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub opening_receivables: Decimal,
    /// Bookings in the period.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub bookings: Decimal,
    /// Collections in the period.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub collections: Decimal,
    /// Bad-debt allowance of the period.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub bad_debt: Decimal,
    /// Collectible money with no payment term to schedule it (only when the terms are missing).
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub unscheduled: Decimal,
    /// Receivables open at the end of the period: Σ after_period + unscheduled.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub closing_receivables: Decimal,
    /// Calendar days in the period.
    pub days_in_period: u32,
    /// collections / (opening + bookings), six places; `None` when the denominator is not positive.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub collection_rate: Option<Decimal>,
    /// closing receivables / bookings × days in period, two places; `None` without positive bookings.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub dso_days: Option<Decimal>,
    /// What is wrong with the drivers ("cashin.*" codes).
    pub findings: Vec<Finding>,
}

/// The usable drivers; each unusable one already has a finding.
struct Drivers {
    /// The bad-debt share, zero when out of range.
    bad_debt_share: Decimal,
    /// One weight per term, zero for a share out of range.
    term_weights: Vec<Option<Decimal>>,
    /// False when no term has a positive share: nothing can be scheduled.
    has_terms: bool,
}

/// Builds the collections schedule.
pub fn schedule(input: &CashInInput) -> CashInSchedule {
    let mut findings = Vec::new();
    let drivers = check_drivers(input, &mut findings);
    let bookings = monthly_bookings(&input.bookings, &mut findings);
    let period: Vec<NaiveDate> = bookings.keys().copied().collect();
    let mut unscheduled = Decimal::ZERO;
    let by_booking_month: Vec<BookingCollections> = bookings
        .iter()
        .map(|(&month, &amount)| collect_booking(month, amount, input, &drivers, &mut unscheduled, &mut findings))
        .collect();
    let from_opening = match period.first() {
        Some(&start) => collect_opening(input, start, &mut findings),
        None => {
            unscheduled += input.opening_receivables; // no period to collect it in
            BTreeMap::new()
        }
    };
    let mut landing = from_opening.clone();
    for c in by_booking_month.iter().flat_map(|b| &b.collections) {
        *landing.entry(c.month).or_default() += c.amount;
    }

    let mut months = Vec::with_capacity(period.len());
    let mut open = input.opening_receivables;
    for (booked, &month) in by_booking_month.iter().zip(&period) {
        let collections = landing.get(&month).copied().unwrap_or_default();
        open = open + booked.bookings - collections - booked.bad_debt;
        let from_opening = from_opening.get(&month).copied().unwrap_or_default();
        let (bookings, bad_debt, closing_receivables) = (booked.bookings, booked.bad_debt, open);
        months.push(CashInMonth {
            month,
            bookings,
            collections,
            from_opening,
            bad_debt,
            closing_receivables,
        });
    }
    let last = period.last().copied();
    let after_period: Vec<MonthAmount> = landing
        .into_iter()
        .filter(|(m, a)| last.is_none_or(|l| *m > l) && !a.is_zero())
        .map(|(month, amount)| MonthAmount { month, amount })
        .collect();
    let bookings: Decimal = months.iter().map(|m| m.bookings).sum();
    let collections: Decimal = months.iter().map(|m| m.collections).sum();
    let days_in_period = match (period.first(), last) {
        (Some(&first), Some(last)) => (next_month(last) - first).num_days() as u32,
        _ => 0,
    };
    let base = input.opening_receivables + bookings;
    let collection_rate = (base > Decimal::ZERO).then(|| collections.checked_div(base)).flatten();
    let dso_days = (bookings > Decimal::ZERO)
        .then(|| open.checked_mul(Decimal::from(days_in_period))?.checked_div(bookings))
        .flatten();
    CashInSchedule {
        bad_debt: months.iter().map(|m| m.bad_debt).sum(),
        months,
        after_period,
        by_booking_month,
        opening_receivables: input.opening_receivables,
        bookings,
        collections,
        unscheduled,
        closing_receivables: open,
        days_in_period,
        collection_rate: collection_rate.map(|r| r.round_dp(6)),
        dso_days: dso_days.map(|d| d.round_dp(2)),
        findings,
    }
}

fn finding(code: &str, severity: Severity, field: &str) -> Finding {
    Finding::on_step(code, severity, "targets", Some(field))
}

/// Checks the bad-debt share and the terms.
fn check_drivers(input: &CashInInput, findings: &mut Vec<Finding>) -> Drivers {
    let in_range = |share: &Decimal| (Decimal::ZERO..=Decimal::ONE).contains(share);
    let bad_debt_share = if in_range(&input.bad_debt_share) {
        input.bad_debt_share
    } else {
        let f = finding("cashin.bad_debt_out_of_range", Severity::Error, "bad_debt_share");
        findings.push(f.with("value", input.bad_debt_share));
        Decimal::ZERO
    };
    let mut term_weights = Vec::with_capacity(input.terms.len());
    for (index, t) in input.terms.iter().enumerate() {
        if !in_range(&t.share) {
            let f = finding("cashin.term_out_of_range", Severity::Error, "terms");
            findings.push(f.with("index", index).with("value", t.share));
        }
        term_weights.push(Some(if in_range(&t.share) { t.share } else { Decimal::ZERO }));
    }
    let sum: Decimal = input.terms.iter().map(|t| t.share).sum();
    if sum != Decimal::ONE {
        let f = finding("cashin.terms_not_100", Severity::Error, "terms");
        findings.push(f.with("sum_percent", (sum * Decimal::ONE_HUNDRED).normalize()));
    }
    let has_terms = term_weights.iter().flatten().any(|w| *w > Decimal::ZERO);
    Drivers {
        bad_debt_share,
        term_weights,
        has_terms,
    }
}

/// Splits one booking month: bad debt, then per term, then per landing month. Collectible money
/// that no term can schedule is added to `unscheduled`.
fn collect_booking(
    month: NaiveDate,
    amount: Decimal,
    input: &CashInInput,
    drivers: &Drivers,
    unscheduled: &mut Decimal,
    findings: &mut Vec<Finding>,
) -> BookingCollections {
    let minor = input.minor_units;
    let shares = [
        Some(drivers.bad_debt_share),
        Some(Decimal::ONE - drivers.bad_debt_share),
    ];
    let parts = split(amount, &shares, minor, findings);
    let (bad_debt, collectible) = (parts[0], parts[1]);
    if !drivers.has_terms {
        *unscheduled += collectible;
        return BookingCollections {
            month,
            bookings: amount,
            bad_debt,
            collections: Vec::new(),
        };
    }
    let mut landing: BTreeMap<NaiveDate, Decimal> = BTreeMap::new();
    for (term, term_amount) in input
        .terms
        .iter()
        .zip(split(collectible, &drivers.term_weights, minor, findings))
    {
        let buckets = spread_days(month, i64::from(term.days));
        if buckets.is_empty() {
            *unscheduled += term_amount; // only past the end of the calendar
            continue;
        }
        let weights: Vec<_> = buckets.iter().map(|(_, days)| Some(Decimal::from(*days))).collect();
        for ((bucket, _), part) in buckets.iter().zip(split(term_amount, &weights, minor, findings)) {
            *landing.entry(*bucket).or_default() += part;
        }
    }
    let collections = landing.into_iter().filter(|(_, a)| !a.is_zero());
    let collections = collections
        .map(|(month, amount)| MonthAmount { month, amount })
        .collect();
    BookingCollections {
        month,
        bookings: amount,
        bad_debt,
        collections,
    }
}

/// The opening receivables by collection month, from the first period month on.
fn collect_opening(input: &CashInInput, start: NaiveDate, findings: &mut Vec<Finding>) -> BTreeMap<NaiveDate, Decimal> {
    let mut by_month = BTreeMap::new();
    if input.opening_receivables < Decimal::ZERO {
        let f = finding("cashin.negative_amount", Severity::Warning, "opening_receivables");
        findings.push(f.with("value", input.opening_receivables));
    }
    if input.opening_receivables.is_zero() {
        return by_month;
    }
    let longest = input.terms.iter().map(|t| u32::from(t.days)).max().unwrap_or(0);
    let profile = opening_weights(&input.opening_profile, longest, findings);
    let mut m = start;
    for part in split(input.opening_receivables, &profile, input.minor_units, findings) {
        *by_month.entry(m).or_default() += part;
        m = next_month(m);
    }
    by_month
}

/// Bookings by first-of-month, contiguous from the first to the last month (gaps are zero);
/// a negative month is a warning (credit notes larger than sales are unusual in a plan).
fn monthly_bookings(bookings: &[MonthAmount], findings: &mut Vec<Finding>) -> BTreeMap<NaiveDate, Decimal> {
    let mut by_month: BTreeMap<NaiveDate, Decimal> = BTreeMap::new();
    for b in bookings {
        *by_month.entry(first_of_month(b.month)).or_default() += b.amount;
    }
    if let (Some(&first), Some(&last)) = (by_month.keys().next(), by_month.keys().next_back()) {
        let mut m = first;
        while m <= last {
            by_month.entry(m).or_default();
            m = next_month(m);
        }
    }
    for (m, amount) in by_month.iter().filter(|(_, a)| **a < Decimal::ZERO) {
        let f = finding("cashin.negative_amount", Severity::Warning, "bookings");
        findings.push(f.with("month", m.format("%Y-%m")).with("value", amount));
    }
    by_month
}

/// The collection weights of the opening receivables by period month: the profile when it is
/// usable (a finding when it does not sum to 100 %), else even over max(1, ceil(longest / 30)).
fn opening_weights(profile: &[Decimal], longest_term_days: u32, findings: &mut Vec<Finding>) -> Vec<Option<Decimal>> {
    if !profile.is_empty() {
        let sum: Decimal = profile.iter().sum();
        if sum != Decimal::ONE {
            let f = finding("cashin.opening_profile_not_100", Severity::Error, "opening_profile");
            findings.push(f.with("sum_percent", (sum * Decimal::ONE_HUNDRED).normalize()));
        }
        if profile.iter().all(|s| *s >= Decimal::ZERO) && sum > Decimal::ZERO {
            return profile.iter().map(|s| Some(*s)).collect();
        }
    }
    let n = longest_term_days.div_ceil(30).max(1) as usize;
    vec![Some(Decimal::ONE); n]
}

/// Largest-remainder split at the minor unit (or at the amount's own scale when it is finer, so
/// the parts still sum exactly). When no split is possible the whole amount goes to the first
/// member with a positive weight, with a finding, so no money is ever lost.
fn split(total: Decimal, weights: &[Option<Decimal>], minor: u32, findings: &mut Vec<Finding>) -> Vec<Decimal> {
    let scale = minor.max(total.normalize().scale());
    match allocate(total, weights, scale) {
        Ok(parts) => parts,
        Err(issue) => {
            let f = Finding::on_step("cashin.cannot_split", Severity::Error, "targets", None);
            findings.push(f.with("issue", issue.kind()).with("value", total));
            let first = weights
                .iter()
                .position(|w| w.is_some_and(|w| w > Decimal::ZERO))
                .unwrap_or(0);
            let mut parts = vec![Decimal::ZERO; weights.len()];
            if let Some(p) = parts.get_mut(first) {
                *p = total;
            }
            parts
        }
    }
}

#[cfg(test)]
mod tests;

//! Seasonality from baseline history: which years can give it (all twelve months, a positive
//! total) and the average share of each calendar month over those years.

use super::{finding, HistoryMonth};
use crate::engine::allocation::Weight;
use crate::engine::findings::{Finding, Severity};
use chrono::Datelike;
use rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// The total of the history in the given years (all years when `years` is empty): the
/// baseline value of a member for `baseline_share` decomposition. `None` on overflow.
pub fn history_total(history: &[HistoryMonth], years: &[i32]) -> Option<Decimal> {
    history
        .iter()
        .filter(|h| years.is_empty() || years.contains(&h.month.year()))
        .try_fold(Decimal::ZERO, |acc, h| acc.checked_add(h.amount))
}

/// Totals of the history by (year, zero-based month).
fn monthly_totals(history: &[HistoryMonth]) -> Result<BTreeMap<(i32, u32), Decimal>, &'static str> {
    let mut by_month: BTreeMap<(i32, u32), Decimal> = BTreeMap::new();
    for h in history {
        let slot = by_month.entry((h.month.year(), h.month.month0())).or_default();
        *slot = slot.checked_add(h.amount).ok_or(OVERFLOW)?;
    }
    Ok(by_month)
}

/// A year's twelve monthly totals and their sum when the year can give seasonality (all twelve
/// months present, positive total); otherwise the months found and why not.
fn usable_year(
    by_month: &BTreeMap<(i32, u32), Decimal>,
    year: i32,
) -> Result<(Vec<Decimal>, Decimal), (usize, &'static str)> {
    let months: Vec<Decimal> = (0..12).filter_map(|m| by_month.get(&(year, m)).copied()).collect();
    if months.len() < 12 {
        return Err((months.len(), "incomplete"));
    }
    match months.iter().try_fold(Decimal::ZERO, |a, v| a.checked_add(*v)) {
        None => Err((12, OVERFLOW)),
        Some(t) if t > Decimal::ZERO => Ok((months, t)),
        Some(_) => Err((12, "not_positive")),
    }
}

/// The calendar years of `history` that can give seasonality (twelve months, positive total).
pub fn full_years(history: &[HistoryMonth]) -> Vec<i32> {
    let Ok(by_month) = monthly_totals(history) else {
        return vec![];
    };
    let years: BTreeSet<i32> = by_month.keys().map(|k| k.0).collect();
    years
        .into_iter()
        .filter(|y| usable_year(&by_month, *y).is_ok())
        .collect()
}

const OVERFLOW: &str = "phasing.out_of_range";

/// Average share of each calendar month over the usable chosen years, rounded to ten places.
/// Errs with the finding code when no year is usable or the history is too large to add up.
pub(super) fn history_weights(
    history: &[HistoryMonth],
    years: &[i32],
    f: &mut Vec<Finding>,
) -> Result<Vec<Weight>, &'static str> {
    let by_month = monthly_totals(history)?;
    let chosen: BTreeSet<i32> = if years.is_empty() {
        by_month.keys().map(|k| k.0).collect()
    } else {
        years.iter().copied().collect()
    };
    let mut shares = vec![Decimal::ZERO; 12];
    let mut used = 0u32;
    for year in chosen {
        match usable_year(&by_month, year) {
            Ok((months, total)) => {
                for (share, v) in shares.iter_mut().zip(&months) {
                    *share = v
                        .checked_div(total)
                        .and_then(|v| share.checked_add(v))
                        .ok_or(OVERFLOW)?;
                }
                used += 1;
            }
            Err((_, OVERFLOW)) => return Err(OVERFLOW),
            Err((months, reason)) => f.push(
                finding("phasing.history_year_skipped", Severity::Warning)
                    .with("year", year)
                    .with("months", months)
                    .with("reason", reason),
            ),
        }
    }
    if used == 0 {
        return Err("phasing.no_history");
    }
    Ok(shares
        .into_iter()
        .map(|s| Some((s / Decimal::from(used)).round_dp(crate::money::MAX_SCALE).normalize()))
        .collect())
}

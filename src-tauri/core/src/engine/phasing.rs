//! Phasing a target over time: months → ISO weeks → working days (domain.md §1, "Vertical
//! decomposition"), each level summing exactly to its parent at the minor unit.
//!
//! Why this order: months carry the seasonality the plan is discussed in, so they are split
//! first; days come from months; weeks are *sums of days*, never split on their own, because an
//! ISO week can straddle two months and must not move money between them.
//!
//! - **Months.** The period is taken as whole calendar months: every month it touches counts
//!   in full (a period not starting on the 1st or not ending on a month's last day gets the
//!   warning `phasing.partial_month`, and the days outside it are phased too). The total is
//!   split over the months by the seasonality weight of each calendar month with [`allocate`]:
//!   - `history`: the average share of each calendar month in the chosen years of monthly
//!     history (all years when none are chosen). Only full years (12 months, positive total)
//!     count; others are skipped with `phasing.history_year_skipped`; none left is
//!     `phasing.no_history` (never a silent flat split);
//!   - `manual`: twelve weights, January first;
//!   - `flat`: the same weight for every month (not per working day).
//! - **Days.** Each month's amount is split equally over its working days ([`calendar`]),
//!   largest remainder, earlier days first. A month with an amount but no working day gets the
//!   error `phasing.no_workdays_in_month` and its amount is spread over its calendar days, so
//!   the levels below still add up.
//! - **Weeks.** The days summed by ISO week (ISO year, week number): exact to their days, so
//!   exact to the months and the total. Weeks at the period's edges hold only the period's days.
//!
//! Findings (step "targets", field "phasing"): errors `phasing.empty_period`,
//! `period_too_long`, `manual_weights_count`, `no_history`, `missing_weight`, `negative_weight`,
//! `zero_weights` (with the `month`), `not_at_minor_unit`, `out_of_range`,
//! `no_workdays_in_month` (`month`, `amount`); warnings `partial_month`,
//! `history_year_skipped` (`year`, `months`, `reason`).
//!
//! Worked example (October 2026, total 1,000.00 CNY, Mon–Fri with 10-01 … 10-07 off for
//! 国庆节 and Saturday 10-10 a make-up day): 18 working days (8, 9, 10, 12–16, 19–23, 26–30).
//! 100,000 fen / 18 = 5,555 rest 10, all remainders equal, so the first ten days (10-08 …
//! 10-20) get 55.56 and the other eight 55.55. Weeks: W41 (8–10) 166.68, W42 277.80, W43
//! (2 × 55.56 + 3 × 55.55) 277.77, W44 277.75; together 1,000.00.

pub mod calendar;
mod seasonality;
#[cfg(test)]
mod tests;

use super::allocation::{allocate, Weight};
use super::findings::{Finding, Severity};
use crate::model::WorkCalendar;
use crate::money::to_text;
use calendar::WorkingDays;
use chrono::{Datelike, Months, NaiveDate};
use rust_decimal::Decimal;
use seasonality::history_weights;
pub use seasonality::{full_years, history_total};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// The longest period phased (ten years); longer ones are refused with a finding.
pub const MAX_MONTHS: usize = 120;

/// One month of history (e.g. a baseline month's bookings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct HistoryMonth {
    /// Any day of the month (the first by convention).
    pub month: NaiveDate,
    /// The amount of that month.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// Where the month weights come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum Seasonality {
    /// The average monthly shares of the chosen history years.
    History {
        /// Monthly history; several entries of one month are added up.
        history: Vec<HistoryMonth>,
        /// The years that count; empty means every year in the history.
        years: Vec<i32>,
    },
    /// Twelve weights, January first (any scale: 8, 9, 11 … or percents).
    Manual {
        /// The weights; a missing one is a finding.
        #[serde(with = "crate::money::opt_dec_list")]
        #[ts(type = "Array<string | null>")]
        weights: Vec<Weight>,
    },
    /// Every month the same weight.
    Flat,
}

/// What to phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PhasingInput {
    /// The target to phase.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub total: Decimal,
    /// Minor-unit digits of the plan currency.
    pub minor_units: u32,
    /// First day of the plan period.
    pub period_start: NaiveDate,
    /// Last day of the plan period (inclusive).
    pub period_end: NaiveDate,
    /// Month weights.
    pub seasonality: Seasonality,
    /// The plan's working-day calendar.
    pub calendar: WorkCalendar,
}

/// One month of the phasing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MonthPhase {
    /// First day of the month.
    pub month: NaiveDate,
    /// The seasonality weight used for it.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub weight: Decimal,
    /// Its amount.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
    /// Its working days.
    pub working_days: u32,
}

/// One ISO week of the phasing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct WeekPhase {
    /// ISO week-numbering year (2026-12-31 is in 2026-W53; 2027-01-01 too).
    pub iso_year: i32,
    /// ISO week number, 1–53.
    pub week: u32,
    /// First day of the week that carries an amount.
    pub first_day: NaiveDate,
    /// Last day of the week that carries an amount.
    pub last_day: NaiveDate,
    /// The sum of its days.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
    /// How many days carry an amount in it.
    pub days: u32,
}

/// One day of the phasing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DayPhase {
    /// The date.
    pub date: NaiveDate,
    /// Its amount.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub amount: Decimal,
}

/// A target phased over months, weeks and days.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct Phasing {
    /// Months in order; empty when a finding prevents phasing.
    pub months: Vec<MonthPhase>,
    /// ISO weeks in order.
    pub weeks: Vec<WeekPhase>,
    /// Days carrying an amount, in order.
    pub days: Vec<DayPhase>,
    /// What is wrong or worth knowing.
    pub findings: Vec<Finding>,
}

/// Phases a target (see the module docs for the rules). Never panics.
pub fn phase(input: &PhasingInput) -> Phasing {
    let mut out = Phasing::default();
    let f = &mut out.findings;
    let (start, end) = (input.period_start, input.period_end);
    if start > end {
        f.push(
            finding("phasing.empty_period", Severity::Error)
                .with("start", start)
                .with("end", end),
        );
        return out;
    }
    let count = (end.year() - start.year()) * 12 + end.month0() as i32 - start.month0() as i32 + 1;
    if count > MAX_MONTHS as i32 {
        f.push(
            finding("phasing.period_too_long", Severity::Error)
                .with("months", count)
                .with("max", MAX_MONTHS),
        );
        return out;
    }
    let months = period_months(start, end);
    if start.day() != 1 || Some(end) != last_day(end) {
        f.push(
            finding("phasing.partial_month", Severity::Warning)
                .with("start", start)
                .with("end", end),
        );
    }
    let Some(by_month) = seasonal_weights(&input.seasonality, f) else {
        return out;
    };
    let weights: Vec<Weight> = months.iter().map(|m| by_month[m.month0() as usize]).collect();
    let amounts = match allocate(input.total, &weights, input.minor_units) {
        Ok(a) => a,
        Err(issue) => {
            let mut x = finding(&format!("phasing.{}", issue.kind()), Severity::Error);
            if let Some(i) = issue.index() {
                x = x.with("month", months[i].format("%Y-%m"));
            }
            f.push(x.with("total", to_text(&input.total)));
            return out;
        }
    };
    let calendar = WorkingDays::new(&input.calendar);
    for ((&month, weight), amount) in months.iter().zip(weights).zip(amounts) {
        let month_end = last_day(month).unwrap_or(month);
        let mut days = calendar.between(month, month_end);
        out.months.push(MonthPhase {
            month,
            weight: weight.unwrap_or_default(),
            amount,
            working_days: days.len() as u32,
        });
        if days.is_empty() && !amount.is_zero() {
            out.findings.push(
                finding("phasing.no_workdays_in_month", Severity::Error)
                    .with("month", month.format("%Y-%m"))
                    .with("amount", to_text(&amount)),
            );
            days = month.iter_days().take_while(|d| *d <= month_end).collect();
        }
        if days.is_empty() {
            continue;
        }
        match allocate(amount, &vec![Some(Decimal::ONE); days.len()], input.minor_units) {
            Ok(parts) => out.days.extend(
                days.into_iter()
                    .zip(parts)
                    .map(|(date, amount)| DayPhase { date, amount }),
            ),
            // Unreachable: the month's amount is a valid part of a valid total.
            Err(issue) => out
                .findings
                .push(finding(&format!("phasing.{}", issue.kind()), Severity::Error)),
        }
    }
    out.weeks = weeks_of(&out.days);
    out
}

/// The first day of every calendar month from `start`'s month to `end`'s month.
pub fn period_months(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut m = start.with_day(1);
    while let Some(month) = m.filter(|m| *m <= end && months.len() <= MAX_MONTHS) {
        months.push(month);
        m = month.checked_add_months(Months::new(1));
    }
    months
}

/// The twelve calendar-month weights (January first) of a seasonality, or `None` with a
/// finding when there are none to use.
pub fn seasonal_weights(seasonality: &Seasonality, f: &mut Vec<Finding>) -> Option<Vec<Weight>> {
    match seasonality {
        Seasonality::Flat => Some(vec![Some(Decimal::ONE); 12]),
        Seasonality::Manual { weights } if weights.len() == 12 => Some(weights.clone()),
        Seasonality::Manual { weights } => {
            f.push(finding("phasing.manual_weights_count", Severity::Error).with("count", weights.len()));
            None
        }
        Seasonality::History { history, years } => match history_weights(history, years, f) {
            Ok(weights) => Some(weights),
            Err(code) => {
                f.push(finding(code, Severity::Error));
                None
            }
        },
    }
}

/// The days summed by ISO week.
fn weeks_of(days: &[DayPhase]) -> Vec<WeekPhase> {
    let mut weeks: BTreeMap<(i32, u32), WeekPhase> = BTreeMap::new();
    for d in days {
        let iso = d.date.iso_week();
        let w = weeks.entry((iso.year(), iso.week())).or_insert_with(|| WeekPhase {
            iso_year: iso.year(),
            week: iso.week(),
            first_day: d.date,
            last_day: d.date,
            amount: Decimal::ZERO,
            days: 0,
        });
        w.first_day = w.first_day.min(d.date);
        w.last_day = w.last_day.max(d.date);
        w.amount += d.amount;
        w.days += 1;
    }
    weeks.into_values().collect()
}

fn last_day(date: NaiveDate) -> Option<NaiveDate> {
    date.with_day(1)?.checked_add_months(Months::new(1))?.pred_opt()
}

fn finding(code: &str, severity: Severity) -> Finding {
    Finding::on_step(code, severity, "targets", Some("phasing"))
}

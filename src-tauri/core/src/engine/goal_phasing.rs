//! The vertical decomposition (纵向拆解) of the company's money goals, read-only: each company
//! bookings or cash-in goal with a target is phased over the plan period with [`phasing::phase`]
//! (months by seasonality → working days → ISO weeks, each level exact at the minor unit).
//!
//! - **Seasonality.** The plan's own baseline: bookings history for a bookings goal, cash-in
//!   history for a cash-in goal. Every *full year* of it is used — a calendar year with all
//!   twelve months present and a positive total, the rule of `phasing.rs` — and the years are
//!   passed explicitly, so partial years at the edges of the history are left out quietly
//!   instead of raising `phasing.history_year_skipped`. No full year: the split is flat (the
//!   same weight for every month) and `basis` says so.
//! - **Calendar and money.** The plan calendar (weekdays, holidays, extra workdays) and the
//!   currency's minor units (2 when the currency is unknown, which the header check reports).
//! - **Skipped goals.** No target, a negative target or one finer than the minor unit (the goal
//!   checks report those), or a reversed period (the header check reports it): no phasing.
//! - **Findings** of the phasing carry the goal's id.
//!
//! Worked example (the Q4 template): history 2024-10 … 2026-09, so 2025 is the only full year;
//! bookings Oct/Nov/Dec 2025 are 3.0m/3.2m/3.8m of 31.0m, so 13,000,000 splits 3.9m/4.16m/4.94m
//! (see the test `template_bookings_goal_follows_2025_seasonality`).

use super::findings::Finding;
use super::phasing::{self, HistoryMonth, MonthPhase, PhasingInput, Seasonality, WeekPhase};
use crate::model::{Goal, GoalKind, GoalLayer, Plan};
use crate::money;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// Where the month weights of a goal's phasing come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PhasingBasis {
    /// The average monthly shares of the full years of the baseline.
    History,
    /// The same weight for every month: the baseline has no full year.
    Flat,
}

/// One company goal phased over the plan period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GoalPhasing {
    /// The goal phased.
    pub goal_id: Uuid,
    /// Where the weights come from.
    pub basis: PhasingBasis,
    /// The baseline years whose seasonality is used (empty when flat).
    pub years: Vec<i32>,
    /// The months (weight = average share of the calendar month), summing to the target.
    pub months: Vec<MonthPhase>,
    /// The ISO weeks, summing to the months.
    pub weeks: Vec<WeekPhase>,
}

/// Phases every company bookings and cash-in goal with a target; findings go to `findings`.
pub fn phase_goals(plan: &Plan, findings: &mut Vec<Finding>) -> Vec<GoalPhasing> {
    let h = &plan.header;
    if h.period_end < h.period_start {
        return vec![];
    }
    let minor_units = money::minor_units(&h.currency).unwrap_or(2);
    let mut out = vec![];
    for g in &plan.goals {
        let Some(total) = target_to_phase(g, minor_units) else {
            continue;
        };
        let history: Vec<HistoryMonth> = plan
            .baseline
            .iter()
            .map(|m| HistoryMonth {
                month: m.month,
                amount: if g.kind == GoalKind::Bookings {
                    m.bookings
                } else {
                    m.cash_in
                },
            })
            .collect();
        let years = phasing::full_years(&history);
        let (basis, seasonality) = if years.is_empty() {
            (PhasingBasis::Flat, Seasonality::Flat)
        } else {
            let years = years.clone();
            (PhasingBasis::History, Seasonality::History { history, years })
        };
        let result = phasing::phase(&PhasingInput {
            total,
            minor_units,
            period_start: h.period_start,
            period_end: h.period_end,
            seasonality,
            calendar: h.calendar.clone(),
        });
        findings.extend(result.findings.into_iter().map(|mut f| {
            f.target.goal_id = Some(g.id);
            f
        }));
        out.push(GoalPhasing {
            goal_id: g.id,
            basis,
            years: if basis == PhasingBasis::History { years } else { vec![] },
            months: result.months,
            weeks: result.weeks,
        });
    }
    out
}

/// The target of a goal that is phased, if it is one.
fn target_to_phase(g: &Goal, minor_units: u32) -> Option<Decimal> {
    let phased_kind = matches!(g.kind, GoalKind::Bookings | GoalKind::CashIn);
    let target = g.target.filter(|t| *t >= Decimal::ZERO && t.scale() <= minor_units)?;
    (g.layer == GoalLayer::Company && phased_kind).then_some(target)
}

#[cfg(test)]
#[path = "goal_phasing_tests.rs"]
mod tests;

//! The vertical decomposition (纵向拆解) of the plan's money goals: each bookings or cash-in
//! goal with a target, at any layer, is phased over the plan period with [`phasing::phase`]
//! (months by seasonality → working days → ISO weeks, each level exact at the minor unit).
//!
//! - **Seasonality**, as the goal's [`PhasingRule`] says; a goal without a rule uses history.
//!   - History: the plan's own baseline, bookings for a bookings goal and cash-in for a cash-in
//!     goal. With no years chosen, every *full year* is used — a calendar year with all twelve
//!     months present and a positive total, the rule of `phasing.rs` — passed explicitly, so
//!     partial years at the edges are left out quietly instead of raising
//!     `phasing.history_year_skipped`; no full year falls back to flat and `basis` says so.
//!     Chosen years are used as chosen (a year that is not full is a finding).
//!   - Manual: the twelve weights typed (January first); flat: the same weight every month.
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
use super::phasing::{self, DayPhase, HistoryMonth, MonthPhase, PhasingInput, Seasonality, WeekPhase};
use crate::model::{Goal, GoalKind, Plan, SeasonalityChoice};
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
    /// The same weight for every month (chosen, or the baseline has no full year).
    Flat,
    /// Twelve weights typed by the user.
    Manual,
}

/// One company goal phased over the plan period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GoalPhasing {
    /// The goal phased.
    pub goal_id: Uuid,
    /// The goal's phasing rule, if it has one (none: history by default).
    pub rule_id: Option<Uuid>,
    /// Where the weights come from.
    pub basis: PhasingBasis,
    /// The baseline years whose seasonality is used (empty when flat).
    pub years: Vec<i32>,
    /// The months (weight = average share of the calendar month), summing to the target.
    pub months: Vec<MonthPhase>,
    /// The ISO weeks, summing to the months.
    pub weeks: Vec<WeekPhase>,
    /// The working days carrying an amount, summing to the weeks.
    pub days: Vec<DayPhase>,
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
        let rule = plan.drivers.phasing_of(g.id);
        let (basis, years, seasonality) = seasonality_of(plan, g, rule.map(|r| &r.seasonality));
        let result = phasing::phase(&PhasingInput {
            total,
            minor_units,
            period_start: h.period_start,
            period_end: h.period_end,
            seasonality,
            calendar: h.calendar.clone(),
        });
        findings.extend(result.findings.into_iter().map(|f| match rule {
            Some(r) => f.on_driver(g.id, r.id),
            None => f.on_driver(g.id, g.id),
        }));
        out.push(GoalPhasing {
            goal_id: g.id,
            rule_id: rule.map(|r| r.id),
            basis,
            years,
            months: result.months,
            weeks: result.weeks,
            days: result.days,
        });
    }
    out
}

/// The target of a goal that is phased, if it is one.
fn target_to_phase(g: &Goal, minor_units: u32) -> Option<Decimal> {
    let target = g.target.filter(|t| *t >= Decimal::ZERO && t.scale() <= minor_units)?;
    g.kind.is_money().then_some(target)
}

/// The goal's baseline history: bookings for a bookings goal, cash-in for a cash-in goal.
pub fn goal_history(plan: &Plan, g: &Goal) -> Vec<HistoryMonth> {
    let amount = |m: &crate::model::BaselineMonth| {
        if g.kind == GoalKind::Bookings {
            m.bookings
        } else {
            m.cash_in
        }
    };
    (plan.baseline.iter())
        .map(|m| HistoryMonth {
            month: m.month,
            amount: amount(m),
        })
        .collect()
}

/// The seasonality of a goal under its rule (none: history), the basis and the years used.
fn seasonality_of(plan: &Plan, g: &Goal, rule: Option<&SeasonalityChoice>) -> (PhasingBasis, Vec<i32>, Seasonality) {
    match rule {
        Some(SeasonalityChoice::Flat) => (PhasingBasis::Flat, vec![], Seasonality::Flat),
        Some(SeasonalityChoice::Manual { weights }) => (
            PhasingBasis::Manual,
            vec![],
            Seasonality::Manual {
                weights: weights.clone(),
            },
        ),
        Some(SeasonalityChoice::History { years }) if !years.is_empty() => {
            let history = goal_history(plan, g);
            (
                PhasingBasis::History,
                years.clone(),
                Seasonality::History {
                    history,
                    years: years.clone(),
                },
            )
        }
        _ => {
            let history = goal_history(plan, g);
            let years = phasing::full_years(&history);
            if years.is_empty() {
                (PhasingBasis::Flat, vec![], Seasonality::Flat)
            } else {
                (
                    PhasingBasis::History,
                    years.clone(),
                    Seasonality::History { history, years },
                )
            }
        }
    }
}

#[cfg(test)]
#[path = "goal_phasing_tests.rs"]
mod tests;

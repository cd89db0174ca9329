//! Cash-in plans: the bookings goal's phased months through [`cashin::schedule`], checked
//! against the linked cash-in goal.

use super::minor_units;
use crate::engine::cashin::{self, CashInInput, CashInSchedule};
use crate::engine::findings::{Finding, Severity};
use crate::engine::funnel::MonthAmount;
use crate::engine::goal_phasing::GoalPhasing;
use crate::model::{CashInPlan, Plan};
use crate::money::to_text;
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// One cash-in plan, computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CashInReport {
    /// The plan (its id in the plan's drivers).
    pub id: Uuid,
    /// The bookings goal collected.
    pub goal_id: Uuid,
    /// The cash-in goal compared with, if linked.
    pub cash_in_goal_id: Option<Uuid>,
    /// Its target, if it has one.
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub cash_in_target: Option<Decimal>,
    /// Collections in the period minus that target (negative: short of it).
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub gap: Option<Decimal>,
    /// The schedule; none when the bookings goal has no phasing.
    pub schedule: Option<CashInSchedule>,
}

/// Computes every cash-in plan.
pub(super) fn compute(plan: &Plan, phasing: &[GoalPhasing], findings: &mut Vec<Finding>) -> Vec<CashInReport> {
    (plan.drivers.cash_in.iter())
        .map(|c| one(plan, c, phasing, findings))
        .collect()
}

fn one(plan: &Plan, c: &CashInPlan, phasing: &[GoalPhasing], findings: &mut Vec<Finding>) -> CashInReport {
    let finding =
        |code: &str, severity| Finding::on_step(code, severity, "targets", Some("cash_in")).on_driver(c.goal_id, c.id);
    let cash_in_target = c.cash_in_goal_id.and_then(|id| plan.goal(id)).and_then(|g| g.target);
    let mut report = CashInReport {
        id: c.id,
        goal_id: c.goal_id,
        cash_in_goal_id: c.cash_in_goal_id,
        cash_in_target,
        gap: None,
        schedule: None,
    };
    let Some(months) = phasing.iter().find(|p| p.goal_id == c.goal_id).map(|p| &p.months) else {
        // A goal that exists but is not phased (no usable target, reversed period) already
        // has a finding saying why; only a missing goal needs one here.
        if plan.goal(c.goal_id).is_none() {
            findings.push(finding("cashin.goal_missing", Severity::Error));
        }
        return report;
    };
    let schedule = cashin::schedule(&CashInInput {
        bookings: months
            .iter()
            .map(|m| MonthAmount {
                month: m.month,
                amount: m.amount,
            })
            .collect(),
        terms: c.terms.clone(),
        bad_debt_share: c.bad_debt_share,
        opening_receivables: c.opening_receivables,
        opening_profile: c.opening_profile.clone(),
        minor_units: minor_units(plan),
    });
    findings.extend(schedule.findings.iter().map(|f| f.clone().on_driver(c.goal_id, c.id)));
    if let Some(target) = cash_in_target {
        let gap = schedule.collections - target;
        if gap < Decimal::ZERO {
            findings.push(
                finding("cashin.below_target", Severity::Warning)
                    .with("collections", to_text(&schedule.collections))
                    .with("target", to_text(&target))
                    .with("gap", to_text(&-gap)),
            );
        }
        report.gap = Some(gap);
    }
    report.schedule = Some(schedule);
    report
}

//! The planning engine: pure functions from a [`Plan`] to what the app shows about it.
//!
//! One module per plan section. Nothing here does I/O or reads the clock.

pub mod allocation;
pub mod baseline;
pub mod breakdown;
pub mod cashin;
pub mod dimensions;
pub mod findings;
pub mod funnel;
pub mod goal_phasing;
pub mod header;
pub mod phasing;
pub mod rfm;
pub mod support;
pub mod targets;

use crate::model::Plan;
use findings::{Finding, Severity};
use serde::Serialize;
use ts_rs::TS;

/// Everything computed from a plan, as the UI and `salesplan check` show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PlanReport {
    /// Per-goal analysis (growth, challenge band, SMART checks), in plan order.
    pub goals: Vec<targets::GoalAnalysis>,
    /// Baseline history summary.
    pub baseline: baseline::BaselineSummary,
    /// The bookings and cash-in goals phased over the plan period (纵向拆解).
    pub phasing: Vec<goal_phasing::GoalPhasing>,
    /// Splits, funnels and cash-in plans computed from the drivers.
    pub breakdown: breakdown::Breakdown,
    /// Section 2: NPS, competitor matrix, SWOT, customers (RFM tiers, strategy seeds).
    pub support: support::SupportReport,
    /// Every finding of every section, errors first.
    pub findings: Vec<Finding>,
    /// Counts of findings by severity.
    pub health: Health,
}

/// Plan health: how many findings of each severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Health {
    /// Errors: the plan's numbers do not hold together.
    pub errors: u32,
    /// Warnings: likely mistakes.
    pub warnings: u32,
    /// Hints: ways to make the plan stronger.
    pub hints: u32,
}

/// Computes the report of a plan.
pub fn evaluate(plan: &Plan) -> PlanReport {
    let mut findings = header::check(plan);
    let goals = targets::analyse_goals(plan, &mut findings);
    dimensions::check(plan, &mut findings);
    let baseline = baseline::summarise(plan);
    let phasing = goal_phasing::phase_goals(plan, &mut findings);
    let breakdown = breakdown::compute(plan, &phasing, &mut findings);
    let support = support::compute(plan, &mut findings);
    findings.sort_by_key(|f| f.severity);
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count() as u32;
    let health = Health {
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        hints: count(Severity::Hint),
    };
    PlanReport {
        goals,
        baseline,
        phasing,
        breakdown,
        support,
        findings,
        health,
    }
}

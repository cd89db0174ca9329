//! The computed plan as one stable JSON document (`salesplan compute FILE --json`), so scripts
//! and reviewers can check every number the app shows without the app.
//!
//! The document is versioned separately from the plan file and the plan JSON form: fields are
//! only ever added within a `format_version`. docs/compute.md describes every field.

use crate::engine::{self, PlanReport};
use crate::model::{Goal, GoalKind, GoalLayer, Plan};
use crate::money;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use uuid::Uuid;

/// The value of the `format` field.
pub const FORMAT: &str = "salesplan-compute";
/// The current version of the compute document.
pub const FORMAT_VERSION: u32 = 1;

/// Everything computed from a plan, with the inputs each number came from.
#[derive(Debug, Clone, Serialize)]
pub struct ComputeDocument {
    /// Always [`FORMAT`].
    pub format: &'static str,
    /// [`FORMAT_VERSION`].
    pub format_version: u32,
    /// The plan's frame: title, currency and its minor unit, period.
    pub plan: PlanFrame,
    /// Each goal's inputs next to what the engine computed from them, in plan order.
    pub goals: Vec<ComputedGoal>,
    /// The engine's full report (baseline summary, findings, health).
    pub report: PlanReport,
    /// Every customer scored by RFM on the stored orders, by customer id (the report lists
    /// only the top ones and counts all in `rfm.rf_grid`); empty without orders.
    pub customers: Vec<engine::rfm::RfmCustomer>,
}

/// The frame every number of the plan lives in.
#[derive(Debug, Clone, Serialize)]
pub struct PlanFrame {
    /// Plan title.
    pub title: String,
    /// ISO 4217 currency code.
    pub currency: String,
    /// Fraction digits of the currency (amounts never carry more).
    pub minor_units: Option<u32>,
    /// First day of the plan period.
    pub period_start: NaiveDate,
    /// Last day of the plan period.
    pub period_end: NaiveDate,
}

/// One goal: what the user entered and what the engine derived.
#[derive(Debug, Clone, Serialize)]
pub struct ComputedGoal {
    /// The goal's id (findings point at it).
    pub id: Uuid,
    /// Layer of the goal.
    pub layer: GoalLayer,
    /// What it measures.
    pub kind: GoalKind,
    /// The statement.
    pub statement: String,
    /// Unit of baseline and target.
    pub unit: String,
    /// Baseline (canonical decimal text).
    #[serde(with = "money::opt_dec_text")]
    pub baseline: Option<Decimal>,
    /// Target (canonical decimal text).
    #[serde(with = "money::opt_dec_text")]
    pub target: Option<Decimal>,
    /// The engine's analysis: growth, challenge band, SMART checks.
    pub analysis: engine::targets::GoalAnalysis,
    /// Codes of the findings about this goal.
    pub finding_codes: Vec<String>,
}

/// Computes the document for a plan.
pub fn compute(plan: &Plan) -> ComputeDocument {
    let report = engine::evaluate(plan);
    let goals = plan
        .goals
        .iter()
        .zip(&report.goals)
        .map(|(g, a)| computed_goal(g, a, &report))
        .collect();
    ComputeDocument {
        format: FORMAT,
        format_version: FORMAT_VERSION,
        plan: PlanFrame {
            title: plan.header.title.clone(),
            currency: plan.header.currency.clone(),
            minor_units: money::minor_units(&plan.header.currency),
            period_start: plan.header.period_start,
            period_end: plan.header.period_end,
        },
        goals,
        report,
        customers: engine::support::customers::analysis(plan)
            .and_then(|a| a.rfm.as_ref().ok().map(|r| r.customers.clone()))
            .unwrap_or_default(),
    }
}

fn computed_goal(g: &Goal, analysis: &engine::targets::GoalAnalysis, report: &PlanReport) -> ComputedGoal {
    let finding_codes = report
        .findings
        .iter()
        .filter(|f| f.target.goal_id == Some(g.id))
        .map(|f| f.code.clone())
        .collect();
    ComputedGoal {
        id: g.id,
        layer: g.layer,
        kind: g.kind,
        statement: g.statement.clone(),
        unit: g.unit.clone(),
        baseline: g.baseline,
        target: g.target,
        analysis: analysis.clone(),
        finding_codes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;
    use crate::template::{self, Template};
    use chrono::TimeZone;

    #[test]
    fn the_template_computes_to_the_worked_example() {
        let c = FixedClock::new(chrono::Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
        let plan = template::build(
            Template::Q4Growth,
            "en",
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            &c,
        );
        let doc = compute(&plan);
        let json = serde_json::to_value(&doc).unwrap();
        assert_eq!(json["format"], "salesplan-compute");
        assert_eq!(json["plan"]["minor_units"], 2);
        // 13,000,000 / 10,000,000 − 1 = 0.3 → stretch (default bands 5 % / 40 %).
        assert_eq!(json["goals"][0]["target"], "13000000");
        assert_eq!(json["goals"][0]["analysis"]["growth"], "0.3");
        assert_eq!(json["goals"][0]["analysis"]["band"], "stretch");
        // 11,960,000 / 9,200,000 − 1 = 0.3.
        assert_eq!(json["goals"][1]["analysis"]["growth"], "0.3");
        assert_eq!(json["report"]["baseline"]["same_period_bookings"], "10000000");
        assert_eq!(json["report"]["health"]["errors"], 0);
        assert!(doc.goals.iter().all(|g| g.finding_codes.is_empty()));
        // Section 2: NPS +30, 40 customers tiered from the template's orders.
        assert_eq!(json["report"]["support"]["nps"]["score"], "30");
        assert_eq!(json["report"]["support"]["customers"]["orders"]["total"], "33950000");
        assert_eq!(json["customers"].as_array().unwrap().len(), 40);
        // The R × F grid counts all 40 customers, each in the cell of its R and F scores.
        let grid = &json["report"]["support"]["customers"]["rfm"]["rf_grid"];
        for r in 1..=5u64 {
            for f in 1..=5u64 {
                let listed = (json["customers"].as_array().unwrap().iter())
                    .filter(|c| c["r"] == r && c["f"] == f)
                    .count();
                assert_eq!(grid[r as usize - 1][f as usize - 1], listed as u64, "R{r} F{f}");
            }
        }
    }

    #[test]
    fn findings_are_listed_on_their_goal() {
        let c = FixedClock::new(chrono::Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
        let mut plan = template::build(
            Template::Q4Growth,
            "en",
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            &c,
        );
        plan.goals[0].deadline = None;
        let doc = compute(&plan);
        assert_eq!(
            doc.goals[0].finding_codes,
            vec!["smart.time_bound.no_deadline".to_string()]
        );
        assert!(doc.goals[1].finding_codes.is_empty());
    }
}

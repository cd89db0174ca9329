//! Section 1 goals: the SMART check and the challenge level (domain.md §1).
//!
//! Growth is `target / baseline − 1`, exact in `Decimal`, rounded half-even to six places only
//! for display. The challenge band compares growth with the plan's thresholds:
//! below 0 → below history; below `stretch_from` → hold; below `aggressive_from` → stretch;
//! otherwise aggressive. Worked example: baseline 10,000,000, target 13,000,000 →
//! growth 0.3 → stretch with the default thresholds 0.05 / 0.40.

use super::findings::{Finding, Severity};
use crate::model::{Goal, GoalLayer, Plan, PlanSettings};
use crate::money;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use ts_rs::TS;
use uuid::Uuid;

/// How ambitious a target is against its baseline (挑战性平衡).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ChallengeBand {
    /// Lower than history.
    BelowHistory,
    /// About where we are.
    Hold,
    /// Above history but reachable with effort ("跳一跳够得着").
    Stretch,
    /// Far above history.
    Aggressive,
}

/// The state of one SMART criterion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Check {
    /// Met.
    Pass,
    /// Not met (a finding says why).
    Fail,
    /// Cannot be judged yet (e.g. no baseline).
    Unknown,
}

/// The five SMART criteria of one goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SmartChecks {
    /// The statement names a metric.
    pub specific: Check,
    /// A target number and a unit.
    pub measurable: Check,
    /// Growth inside the plan's achievable band.
    pub achievable: Check,
    /// Linked to the goal above (company goals are the top).
    pub relevant: Check,
    /// A deadline inside the plan period.
    pub time_bound: Check,
}

/// What the engine says about one goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct GoalAnalysis {
    /// The goal.
    pub goal_id: Uuid,
    /// target / baseline − 1, when both are known and the baseline is positive.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub growth: Option<Decimal>,
    /// Challenge band of the growth.
    pub band: Option<ChallengeBand>,
    /// SMART criteria.
    pub smart: SmartChecks,
}

/// Growth of `target` over `baseline`, or `None` when the baseline is not positive.
pub fn growth(baseline: Decimal, target: Decimal) -> Option<Decimal> {
    if baseline <= Decimal::ZERO {
        return None;
    }
    let g = target.checked_div(baseline)? - Decimal::ONE;
    Some(g.round_dp(6).normalize())
}

/// The challenge band of a growth rate.
pub fn band(growth: Decimal, settings: &PlanSettings) -> ChallengeBand {
    if growth < Decimal::ZERO {
        ChallengeBand::BelowHistory
    } else if growth < settings.stretch_from {
        ChallengeBand::Hold
    } else if growth < settings.aggressive_from {
        ChallengeBand::Stretch
    } else {
        ChallengeBand::Aggressive
    }
}

/// Analyses every goal, appending findings.
pub fn analyse_goals(plan: &Plan, findings: &mut Vec<Finding>) -> Vec<GoalAnalysis> {
    let company = |kind| {
        plan.goals
            .iter()
            .any(|g| g.layer == GoalLayer::Company && g.kind == kind)
    };
    use crate::model::GoalKind;
    if !company(GoalKind::Bookings) {
        findings.push(Finding::on_step(
            "targets.no_bookings_goal",
            Severity::Warning,
            "targets",
            None,
        ));
    }
    if !company(GoalKind::CashIn) {
        findings.push(Finding::on_step(
            "targets.no_cash_in_goal",
            Severity::Warning,
            "targets",
            None,
        ));
    }
    let by_id: HashMap<Uuid, &Goal> = plan.goals.iter().map(|g| (g.id, g)).collect();
    plan.goals.iter().map(|g| analyse(plan, &by_id, g, findings)).collect()
}

fn analyse(plan: &Plan, by_id: &HashMap<Uuid, &Goal>, g: &Goal, out: &mut Vec<Finding>) -> GoalAnalysis {
    let f = |code: &str, sev, field: &str| Finding::on_goal(code, sev, g.id, field);
    let specific = if g.statement.trim().is_empty() {
        out.push(f("smart.specific.no_statement", Severity::Warning, "statement"));
        Check::Fail
    } else if g.metric.trim().is_empty() {
        out.push(f("smart.specific.no_metric", Severity::Warning, "metric"));
        Check::Fail
    } else {
        Check::Pass
    };
    let measurable = if g.target.is_none() {
        out.push(f("smart.measurable.no_target", Severity::Warning, "target"));
        Check::Fail
    } else if g.unit.trim().is_empty() {
        out.push(f("smart.measurable.no_unit", Severity::Warning, "unit"));
        Check::Fail
    } else {
        Check::Pass
    };
    check_amounts(plan, g, out);
    let growth = match (g.baseline, g.target) {
        (Some(b), Some(t)) => growth(b, t),
        _ => None,
    };
    let s = &plan.settings;
    let achievable = match growth {
        None => {
            out.push(f("smart.achievable.no_baseline", Severity::Hint, "baseline"));
            Check::Unknown
        }
        Some(gr) if gr < s.achievable_min => {
            out.push(
                f("smart.achievable.below_band", Severity::Warning, "target")
                    .with("growth", gr)
                    .with("min", s.achievable_min),
            );
            Check::Fail
        }
        Some(gr) if gr > s.achievable_max => {
            out.push(
                f("smart.achievable.above_band", Severity::Warning, "target")
                    .with("growth", gr)
                    .with("max", s.achievable_max),
            );
            Check::Fail
        }
        Some(_) => Check::Pass,
    };
    let relevant = relevance(by_id, g, out);
    let time_bound = match g.deadline {
        None => {
            out.push(f("smart.time_bound.no_deadline", Severity::Warning, "deadline"));
            Check::Fail
        }
        Some(d) if d < plan.header.period_start || d > plan.header.period_end => {
            out.push(
                f("smart.time_bound.outside_period", Severity::Warning, "deadline")
                    .with("deadline", d)
                    .with("start", plan.header.period_start)
                    .with("end", plan.header.period_end),
            );
            Check::Fail
        }
        Some(_) => Check::Pass,
    };
    GoalAnalysis {
        goal_id: g.id,
        growth,
        band: growth.map(|gr| band(gr, s)),
        smart: SmartChecks {
            specific,
            measurable,
            achievable,
            relevant,
            time_bound,
        },
    }
}

/// Money goals must fit the currency's minor unit and be non-negative.
fn check_amounts(plan: &Plan, g: &Goal, out: &mut Vec<Finding>) {
    let minor = money::minor_units(&plan.header.currency).unwrap_or(2);
    for (field, value) in [("baseline", g.baseline), ("target", g.target)] {
        let Some(v) = value else { continue };
        if v < Decimal::ZERO {
            out.push(Finding::on_goal("goal.negative", Severity::Error, g.id, field).with("value", v));
        }
        if g.kind.is_money() && v.scale() > minor {
            out.push(
                Finding::on_goal("goal.precision", Severity::Error, g.id, field)
                    .with("value", v)
                    .with("currency", &plan.header.currency)
                    .with("minor", minor),
            );
        }
    }
}

/// Company goals are the top of the chain; the others must link to an existing goal above.
fn relevance(by_id: &HashMap<Uuid, &Goal>, g: &Goal, out: &mut Vec<Finding>) -> Check {
    let Some(parent_id) = g.parent_id else {
        if g.layer == GoalLayer::Company {
            return Check::Pass;
        }
        out.push(Finding::on_goal(
            "smart.relevant.no_parent",
            Severity::Warning,
            g.id,
            "parent_id",
        ));
        return Check::Fail;
    };
    match by_id.get(&parent_id) {
        None => {
            out.push(Finding::on_goal(
                "goal.parent_missing",
                Severity::Error,
                g.id,
                "parent_id",
            ));
            Check::Fail
        }
        Some(_) if creates_cycle(by_id, g.id) => {
            out.push(Finding::on_goal(
                "goal.parent_cycle",
                Severity::Error,
                g.id,
                "parent_id",
            ));
            Check::Fail
        }
        Some(_) => Check::Pass,
    }
}

/// True when following parent links from `start` comes back to a goal already visited.
fn creates_cycle(by_id: &HashMap<Uuid, &Goal>, start: Uuid) -> bool {
    let mut seen = HashSet::from([start]);
    let mut current = by_id.get(&start).and_then(|g| g.parent_id);
    while let Some(id) = current {
        if !seen.insert(id) {
            return true;
        }
        current = by_id.get(&id).and_then(|g| g.parent_id);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn growth_is_target_over_baseline_minus_one() {
        // 13,000,000 / 10,000,000 − 1 = 0.3
        assert_eq!(growth(dec("10000000"), dec("13000000")), Some(dec("0.3")));
        // 1 / 3 − 1 = −0.666666…, rounded half-even to 6 places
        assert_eq!(growth(dec("3"), dec("1")), Some(dec("-0.666667")));
        assert_eq!(growth(dec("0"), dec("5")), None);
        assert_eq!(growth(dec("-5"), dec("5")), None);
    }

    #[test]
    fn bands_follow_the_thresholds() {
        let s = PlanSettings::default(); // 0.05 / 0.40
        let cases = [
            ("-0.01", ChallengeBand::BelowHistory),
            ("0", ChallengeBand::Hold),
            ("0.0499", ChallengeBand::Hold),
            ("0.05", ChallengeBand::Stretch),
            ("0.3", ChallengeBand::Stretch),
            ("0.4", ChallengeBand::Aggressive),
        ];
        for (g, expected) in cases {
            assert_eq!(band(dec(g), &s), expected, "growth {g}");
        }
    }
}

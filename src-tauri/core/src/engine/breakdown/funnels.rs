//! Funnels behind bookings goals: each segment's monthly targets, then [`funnel::plan`].

use super::minor_units;
use super::splits::SplitReport;
use crate::engine::allocation::allocate;
use crate::engine::findings::{Finding, Severity};
use crate::engine::funnel::{self, FunnelInput, FunnelPlan, MonthAmount};
use crate::engine::goal_phasing::GoalPhasing;
use crate::model::{FunnelSegment, FunnelSetup, Plan};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// One segment of a funnel, computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FunnelSegmentReport {
    /// The tier or channel (none: the whole goal).
    pub member_id: Option<Uuid>,
    /// Its name (the goal's statement for a whole-goal funnel).
    pub name: String,
    /// Leads, opportunities and deals per month.
    pub plan: FunnelPlan,
}

/// One funnel, computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FunnelReport {
    /// The funnel (its id in the plan's drivers).
    pub id: Uuid,
    /// The bookings goal it feeds.
    pub goal_id: Uuid,
    /// The split whose shares give the segments' targets (none: whole goal or not split yet).
    pub split_id: Option<Uuid>,
    /// The segments, in the order of the setup.
    pub segments: Vec<FunnelSegmentReport>,
}

/// Computes every funnel.
pub(super) fn compute(
    plan: &Plan,
    phasing: &[GoalPhasing],
    splits: &[SplitReport],
    findings: &mut Vec<Finding>,
) -> Vec<FunnelReport> {
    (plan.drivers.funnels.iter())
        .map(|f| one(plan, f, phasing, splits, findings))
        .collect()
}

fn one(
    plan: &Plan,
    f: &FunnelSetup,
    phasing: &[GoalPhasing],
    splits: &[SplitReport],
    findings: &mut Vec<Finding>,
) -> FunnelReport {
    let finding =
        |code: &str, severity| Finding::on_step(code, severity, "targets", Some("funnel")).on_driver(f.goal_id, f.id);
    let mut report = FunnelReport {
        id: f.id,
        goal_id: f.goal_id,
        split_id: None,
        segments: vec![],
    };
    let Some(months) = phasing.iter().find(|p| p.goal_id == f.goal_id).map(|p| &p.months) else {
        // A goal that exists but is not phased (no usable target, reversed period) already
        // has a finding saying why; only a missing goal needs one here.
        if plan.goal(f.goal_id).is_none() {
            findings.push(finding("funnel.goal_missing", Severity::Error));
        }
        return report;
    };
    let whole: Vec<MonthAmount> = months
        .iter()
        .map(|m| MonthAmount {
            month: m.month,
            amount: m.amount,
        })
        .collect();
    let shares: Option<Vec<(Uuid, Decimal)>> = match f.segment_by {
        None => None,
        Some(dim) => {
            let split = splits
                .iter()
                .find(|s| s.goal_id == f.goal_id && s.dimension == dim && s.org_parent.is_none());
            let allocated = split.and_then(|s| {
                report.split_id = Some(s.id);
                let r = s.result.as_ref()?;
                s.members
                    .iter()
                    .zip(&r.members)
                    .map(|(m, a)| Some((m.id, a.allocated?)))
                    .collect()
            });
            if allocated.is_none() {
                findings.push(finding("funnel.not_split", Severity::Error).with("dimension", dim.as_str()));
                return report;
            }
            allocated
        }
    };
    let name_of = |id: Uuid| {
        let flat = f.segment_by.and_then(|d| plan.dimensions.flat(d));
        flat.and_then(|l| l.iter().find(|m| m.id == id))
            .map_or_else(String::new, |m| m.name.clone())
    };
    for segment in &f.segments {
        let (name, targets) = match (&shares, segment.member_id) {
            (None, _) => (
                plan.goal(f.goal_id).map_or_else(String::new, |g| g.statement.clone()),
                whole.clone(),
            ),
            (Some(shares), Some(id)) if shares.iter().any(|(m, _)| *m == id) => {
                (name_of(id), segment_months(&whole, shares, id, minor_units(plan)))
            }
            (Some(_), _) => {
                findings.push(finding("funnel.unknown_segment", Severity::Error));
                continue;
            }
        };
        let result = funnel::plan(&input(segment, &name, targets, minor_units(plan)));
        findings.extend(result.findings.iter().map(|x| x.clone().on_driver(f.goal_id, f.id)));
        report.segments.push(FunnelSegmentReport {
            member_id: segment.member_id,
            name,
            plan: result,
        });
    }
    report
}

/// The segment's share of every month: each month split by the split's allocated amounts.
fn segment_months(whole: &[MonthAmount], shares: &[(Uuid, Decimal)], id: Uuid, minor_units: u32) -> Vec<MonthAmount> {
    let index = shares.iter().position(|(m, _)| *m == id).unwrap_or_default();
    let weights: Vec<Option<Decimal>> = shares.iter().map(|(_, a)| Some(*a)).collect();
    (whole.iter())
        .map(|m| {
            // Weights that cannot split (all zero, negative) give the segment nothing; the
            // split's own findings already say why.
            let parts = allocate(m.amount, &weights, minor_units).unwrap_or_default();
            MonthAmount {
                month: m.month,
                amount: parts.get(index).copied().unwrap_or_default(),
            }
        })
        .collect()
}

fn input(s: &FunnelSegment, name: &str, targets: Vec<MonthAmount>, minor_units: u32) -> FunnelInput {
    FunnelInput {
        segment: name.to_string(),
        targets,
        repeat: s.repeat.clone(),
        deal_size: s.deal_size,
        lead_to_opportunity: s.lead_to_opportunity,
        opportunity_to_deal: s.opportunity_to_deal,
        sales_cycle_days: s.sales_cycle_days,
        lead_to_opportunity_days: s.lead_to_opportunity_days,
        minor_units: Some(minor_units),
    }
}

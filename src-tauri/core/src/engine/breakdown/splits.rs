//! Splits of goals across dimensions (横向拆解): plan data in, [`decompose`] and
//! [`allocate_outer_inner`] out. See the parent module for the wiring rules.

use super::history::HistoryIndex;
use super::minor_units;
use crate::engine::allocation::{
    allocate_outer_inner, decompose, DecompositionInput, DecompositionMember, DecompositionMethod, DecompositionResult,
};
use crate::engine::findings::{Finding, Severity};
use crate::model::{Decomposition, DimensionKind, Goal, Plan};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::HashMap;
use ts_rs::TS;
use uuid::Uuid;

/// A member of a split's dimension, as the tables show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SplitMember {
    /// The member.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// Its history in the chosen years (none: no baseline split rows).
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub history: Option<Decimal>,
}

/// A split crossed with a second dimension: every row's amount split across the columns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CrossedReport {
    /// The column dimension.
    pub dimension: DimensionKind,
    /// Its members (the columns).
    pub columns: Vec<SplitMember>,
    /// True when the columns have history; false: equal shares (with a finding).
    pub by_history: bool,
    /// One row per member of the split, one cell per column; each row sums to its member.
    #[ts(type = "Array<Array<string>>")]
    #[serde(serialize_with = "crate::money::dec_matrix::serialize")]
    pub cells: Vec<Vec<Decimal>>,
    /// Column sums.
    #[ts(type = "Array<string>")]
    #[serde(serialize_with = "crate::money::dec_list::serialize")]
    pub column_totals: Vec<Decimal>,
}

/// One split, computed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SplitReport {
    /// The split (its id in the plan's drivers).
    pub id: Uuid,
    /// The goal split.
    pub goal_id: Uuid,
    /// The dimension split across.
    pub dimension: DimensionKind,
    /// Org tree: the region or team whose children share its amount.
    pub org_parent: Option<Uuid>,
    /// The members, in dimension order.
    pub members: Vec<SplitMember>,
    /// The result; none when the whole is unknown (no target, or the level above not split).
    pub result: Option<DecompositionResult>,
    /// The crossed table, when crossed.
    pub crossed: Option<CrossedReport>,
}

/// Computes every split: org splits top-down (a split below a member needs the level above).
pub(super) fn compute(plan: &Plan, findings: &mut Vec<Finding>) -> Vec<SplitReport> {
    let history = HistoryIndex::new(plan);
    let mut allocated: HashMap<(Uuid, Uuid), Decimal> = HashMap::new();
    let mut done: HashMap<Uuid, SplitReport> = HashMap::new();
    let depth = |d: &Decomposition| match d.org_parent {
        None => 0,
        Some(p) => plan
            .dimensions
            .org
            .iter()
            .find(|m| m.id == p)
            .map_or(3, |m| m.level as u8 + 1),
    };
    let mut order: Vec<&Decomposition> = plan.drivers.decompositions.iter().collect();
    order.sort_by_key(|d| depth(d));
    for d in order {
        let report = split(plan, d, &history, &allocated, findings);
        if let Some(result) = &report.result {
            for (m, a) in report.members.iter().zip(&result.members) {
                if let Some(amount) = a.allocated {
                    allocated.insert((d.goal_id, m.id), amount);
                }
            }
        }
        done.insert(d.id, report);
    }
    (plan.drivers.decompositions.iter())
        .filter_map(|d| done.remove(&d.id))
        .collect()
}

fn split(
    plan: &Plan,
    d: &Decomposition,
    history: &HistoryIndex,
    allocated: &HashMap<(Uuid, Uuid), Decimal>,
    findings: &mut Vec<Finding>,
) -> SplitReport {
    let finding =
        |code: &str, severity| Finding::on_step(code, severity, "targets", Some("split")).on_driver(d.goal_id, d.id);
    let goal = plan.goal(d.goal_id);
    let members = members_of(plan, d, goal, history);
    let mut report = SplitReport {
        id: d.id,
        goal_id: d.goal_id,
        dimension: d.dimension,
        org_parent: d.org_parent,
        members,
        result: None,
        crossed: None,
    };
    let Some(goal) = goal else {
        findings.push(finding("split.goal_missing", Severity::Error));
        return report;
    };
    let total = match d.org_parent {
        None => goal.target,
        Some(parent) => {
            let above = allocated.get(&(d.goal_id, parent)).copied();
            if above.is_none() {
                findings.push(finding("split.parent_not_split", Severity::Error));
                return report;
            }
            above
        }
    };
    let Some(total) = total else {
        findings.push(finding("split.no_target", Severity::Warning));
        return report;
    };
    let uses_history = matches!(
        d.method,
        DecompositionMethod::BaselineShare | DecompositionMethod::HistoryShareAdjusted
    );
    let no_history = report.members.iter().all(|m| m.history.is_none());
    if uses_history && no_history && !report.members.is_empty() {
        findings.push(finding("split.no_history", Severity::Error).with("dimension", d.dimension.as_str()));
    }
    let entry = |id: Uuid| {
        d.entries
            .iter()
            .find(|e| e.member_id == id)
            .cloned()
            .unwrap_or_default()
    };
    let input = DecompositionInput {
        total,
        minor_units: minor_units(plan),
        method: d.method,
        over_assignment: d.over_assignment,
        members: (report.members.iter())
            .map(|m| {
                let e = entry(m.id);
                DecompositionMember {
                    id: m.id.to_string(),
                    name: m.name.clone(),
                    locked: e.locked,
                    manual_amount: e.manual_amount,
                    manual_percent: e.manual_percent,
                    baseline: m.history,
                    adjustment: e.adjustment,
                    commitment: e.commitment,
                }
            })
            .collect(),
    };
    let result = decompose(&input);
    let drop_repeats = uses_history && no_history;
    findings.extend(
        (result.findings.iter())
            .filter(|f| !(drop_repeats && f.code == "allocation.missing_weight"))
            .map(|f| f.clone().on_driver(d.goal_id, d.id)),
    );
    report.crossed = d
        .crossed_with
        .and_then(|c| crossed(plan, d, goal, c, (&result, history), &finding, findings));
    report.result = Some(result);
    report
}

/// The members a split is made across, with their history.
fn members_of(plan: &Plan, d: &Decomposition, goal: Option<&Goal>, history: &HistoryIndex) -> Vec<SplitMember> {
    let kind = goal.map_or(crate::model::GoalKind::Bookings, |g| g.kind);
    let member = |id: Uuid, name: &str| SplitMember {
        id,
        name: name.to_string(),
        history: history.member(d.dimension, id, &d.history_years, kind),
    };
    match plan.dimensions.flat(d.dimension) {
        Some(list) => list.iter().map(|m| member(m.id, &m.name)).collect(),
        None => (plan.dimensions.org.iter())
            .filter(|m| m.parent_id == d.org_parent)
            .map(|m| member(m.id, &m.name))
            .collect(),
    }
}

/// Splits every member's allocation across the crossed dimension by its history shares.
fn crossed(
    plan: &Plan,
    d: &Decomposition,
    goal: &Goal,
    column_dimension: DimensionKind,
    (result, history): (&DecompositionResult, &HistoryIndex),
    finding: &dyn Fn(&str, Severity) -> Finding,
    findings: &mut Vec<Finding>,
) -> Option<CrossedReport> {
    let list = plan
        .dimensions
        .flat(column_dimension)
        .filter(|_| column_dimension != d.dimension);
    let Some(list) = list else {
        findings.push(finding("split.crossed_invalid", Severity::Error));
        return None;
    };
    let columns: Vec<SplitMember> = (list.iter())
        .map(|m| SplitMember {
            id: m.id,
            name: m.name.clone(),
            history: history.member(column_dimension, m.id, &d.history_years, goal.kind),
        })
        .collect();
    let rows: Option<Vec<Decimal>> = result.members.iter().map(|m| m.allocated).collect();
    let rows = rows?;
    let by_history = columns.iter().any(|c| c.history.is_some());
    let inner: Vec<Option<Decimal>> = if by_history {
        columns.iter().map(|c| Some(c.history.unwrap_or_default())).collect()
    } else {
        findings.push(finding("split.crossed_equal", Severity::Hint).with("dimension", column_dimension.as_str()));
        vec![Some(Decimal::ONE); columns.len()]
    };
    let outer: Vec<Option<Decimal>> = rows.iter().map(|r| Some(*r)).collect();
    let total = rows.iter().copied().sum();
    match allocate_outer_inner(total, &outer, &inner, minor_units(plan)) {
        Ok(table) => Some(CrossedReport {
            dimension: column_dimension,
            columns,
            by_history,
            cells: table.cells,
            column_totals: table.column_totals,
        }),
        Err(_) => {
            findings.push(finding("split.crossed_no_weights", Severity::Error));
            None
        }
    }
}

//! Applying the split and seasonality edits of a [`DriverEdit`]: adding and changing a split
//! across a dimension, and the goal's phasing rule with its history-based weights.

use super::*;
use crate::engine::goal_phasing::goal_history;
use crate::engine::phasing::full_years;
use chrono::Datelike;

pub(super) fn add_split(
    plan: &mut Plan,
    goal_id: Uuid,
    dimension: DimensionKind,
    org_parent: Option<Uuid>,
    clock: &dyn crate::clock::Clock,
) -> Result<()> {
    plan.goal(goal_id).ok_or_else(|| unknown("goal", goal_id))?;
    if org_parent.is_some() && dimension != DimensionKind::Org {
        return Err(Error::invalid("split: only the org tree splits below a member"));
    }
    if let Some(p) = org_parent {
        let parent = plan
            .dimensions
            .org
            .iter()
            .find(|m| m.id == p)
            .ok_or_else(|| unknown("org member", p))?;
        if parent.level == crate::model::OrgLevel::Rep {
            return Err(Error::invalid("split: a rep has no one below to split across"));
        }
    }
    let exists = (plan.drivers.decompositions.iter())
        .any(|d| d.goal_id == goal_id && d.dimension == dimension && d.org_parent == org_parent);
    if exists {
        return Err(
            Error::invalid("split: this goal is already split across this dimension")
                .because("split.exists", &[("dimension", dimension.as_str())]),
        );
    }
    // History of the members being split (an org member's includes everyone below it).
    let index = crate::engine::breakdown::HistoryIndex::new(plan);
    let members: Vec<Uuid> = match plan.dimensions.flat(dimension) {
        Some(list) => list.iter().map(|m| m.id).collect(),
        None => (plan.dimensions.org.iter())
            .filter(|m| m.parent_id == org_parent)
            .map(|m| m.id)
            .collect(),
    };
    let kind = plan.goal(goal_id).map_or(crate::model::GoalKind::Bookings, |g| g.kind);
    let has_history = members.iter().any(|&m| index.member(dimension, m, &[], kind).is_some());
    plan.drivers.decompositions.push(Decomposition {
        id: clock.new_id(),
        goal_id,
        dimension,
        org_parent,
        method: if has_history {
            DecompositionMethod::BaselineShare
        } else {
            DecompositionMethod::Equal
        },
        history_years: vec![],
        over_assignment: Decimal::ZERO,
        crossed_with: None,
        entries: vec![],
    });
    Ok(())
}

pub(super) fn update_split(plan: &mut Plan, id: Uuid, field: SplitField, value: &str) -> Result<()> {
    let split = split_mut(plan, id)?;
    match field {
        SplitField::Method => split.method = method(value)?,
        SplitField::OverAssignment => {
            let p = optional(value, |v| parse_decimal(v, "over-assignment"))?.unwrap_or_default();
            if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                return Err(
                    Error::invalid("over-assignment: use a percent between 0 and 100").because(
                        "number.percent_range",
                        &[("field", "over_assignment"), ("value", &p.to_string())],
                    ),
                );
            }
            split.over_assignment = p;
        }
        SplitField::HistoryYears => split.history_years = parse_years(value)?,
        SplitField::CrossedWith => {
            let crossed = optional(value, dimension)?;
            if crossed == Some(DimensionKind::Org) || crossed == Some(split.dimension) {
                return Err(Error::invalid("split: cross with another of tier, product or channel"));
            }
            split.crossed_with = crossed;
        }
    }
    Ok(())
}

/// Average share of each calendar month over the goal's full history years, or equal weights.
pub(super) fn history_weights(plan: &Plan, goal_id: Uuid) -> Result<Vec<Option<Decimal>>> {
    let goal = plan.goal(goal_id).ok_or_else(|| unknown("goal", goal_id))?;
    let history = goal_history(plan, goal);
    let years = full_years(&history);
    let mut weights = vec![Decimal::ZERO; 12];
    for m in history.iter().filter(|m| years.contains(&m.month.year())) {
        weights[m.month.month0() as usize] += m.amount;
    }
    if years.is_empty() {
        weights = vec![Decimal::ONE; 12];
    }
    Ok(weights.into_iter().map(Some).collect())
}

pub(super) fn set_rule(
    plan: &mut Plan,
    goal_id: Uuid,
    choice: SeasonalityChoice,
    clock: &dyn crate::clock::Clock,
) -> Result<()> {
    plan.goal(goal_id).ok_or_else(|| unknown("goal", goal_id))?;
    match plan.drivers.phasing.iter_mut().find(|r| r.goal_id == goal_id) {
        Some(rule) => rule.seasonality = choice,
        None => plan.drivers.phasing.push(crate::model::PhasingRule {
            id: clock.new_id(),
            goal_id,
            seasonality: choice,
        }),
    }
    Ok(())
}

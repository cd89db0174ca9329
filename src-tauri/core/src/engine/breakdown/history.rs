//! Baseline history of dimension members, for history-share splits.

use crate::model::{DimensionKind, GoalKind, Plan};
use rust_decimal::Decimal;
use std::collections::HashSet;
use uuid::Uuid;

/// The member and, in the org tree, every team and rep below it.
pub(super) fn with_descendants(plan: &Plan, dimension: DimensionKind, member: Uuid) -> HashSet<Uuid> {
    let mut ids = HashSet::from([member]);
    if dimension == DimensionKind::Org {
        // Levels are at most three deep; two passes reach the reps of a region.
        for _ in 0..2 {
            for m in &plan.dimensions.org {
                if m.parent_id.is_some_and(|p| ids.contains(&p)) {
                    ids.insert(m.id);
                }
            }
        }
    }
    ids
}

/// The member's history in `years` (all years when empty): bookings or cash-in by the goal's
/// kind. `None` when the baseline splits hold no row for the member (or below it) at all.
pub(super) fn member_history(
    plan: &Plan,
    dimension: DimensionKind,
    member: Uuid,
    years: &[i32],
    kind: GoalKind,
) -> Option<Decimal> {
    use chrono::Datelike;
    let ids = with_descendants(plan, dimension, member);
    let mut total: Option<Decimal> = None;
    for s in &plan.baseline_splits {
        if s.dimension != dimension || !ids.contains(&s.member_id) {
            continue;
        }
        if !years.is_empty() && !years.contains(&s.month.year()) {
            continue;
        }
        let amount = if kind == GoalKind::CashIn {
            s.cash_in
        } else {
            s.bookings
        };
        // Imported amounts are bounded by parsing; saturate rather than panic on a hostile file.
        total = Some(total.unwrap_or_default().checked_add(amount).unwrap_or(Decimal::MAX));
    }
    total
}

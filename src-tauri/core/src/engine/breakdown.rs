//! Section 1 computed from the plan's drivers (domain.md §1): every split of a goal across a
//! dimension (横向拆解), the funnel behind a bookings goal and the cash-in schedule (进账分解).
//! The monthly phasing (纵向拆解) is [`super::goal_phasing`]; funnels and cash-in start from it.
//!
//! Everything here wires plan data into the pure calculations of [`super::allocation`],
//! [`super::funnel`] and [`super::cashin`]; the rules and worked examples live with those.
//! The wiring rules:
//! - **The whole of a split** is the goal's target; for an org split below a member it is what
//!   the split of the level above gave that member (cascading company → region → team → rep,
//!   each level summing exactly to its parent; each level's own over-assignment is shown apart).
//! - **History shares** come from the baseline splits of the dimension in the chosen years (all
//!   years when none are chosen): bookings for a bookings goal, cash-in for a cash-in goal. An
//!   org member's history includes its teams' and reps'.
//! - **A funnel segment's months** are the goal's phased months split by the goal's first split
//!   over the segment dimension (its allocated amounts as weights), exact per month.
//! - **Cash-in** collects the bookings goal's phased months; when a cash-in goal is linked, the
//!   collections in the period are compared with its target (`cashin.below_target`).
//!
//! Findings carry the goal and the driver, so the UI can jump to the table that needs a fix.

mod cash;
mod funnels;
mod history;
mod splits;
#[cfg(test)]
mod tests;

pub use cash::CashInReport;
pub use funnels::{FunnelReport, FunnelSegmentReport};
pub use history::HistoryIndex;
pub use splits::{CrossedReport, SplitMember, SplitReport};

use super::findings::Finding;
use super::goal_phasing::GoalPhasing;
use crate::model::Plan;
use serde::Serialize;
use ts_rs::TS;

/// Section 1 as computed from the drivers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Breakdown {
    /// Every split, in plan order.
    pub splits: Vec<SplitReport>,
    /// Every funnel, in plan order.
    pub funnels: Vec<FunnelReport>,
    /// Every cash-in plan, in plan order.
    pub cash_in: Vec<CashInReport>,
}

/// Computes the splits, funnels and cash-in plans; findings go to `findings`.
pub fn compute(plan: &Plan, phasing: &[GoalPhasing], findings: &mut Vec<Finding>) -> Breakdown {
    let splits = splits::compute(plan, findings);
    let funnels = funnels::compute(plan, phasing, &splits, findings);
    let cash_in = cash::compute(plan, phasing, findings);
    Breakdown {
        splits,
        funnels,
        cash_in,
    }
}

/// Minor-unit digits of the plan currency (2 when unknown; the header check reports that).
fn minor_units(plan: &Plan) -> u32 {
    crate::money::minor_units(&plan.header.currency).unwrap_or(2)
}

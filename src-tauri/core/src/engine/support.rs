//! Section 2 computed from the plan (domain.md §2, 目标支撑体系): the NPS, the competitor matrix
//! summarised for the radar, the SWOT view derived from market items, own strengths and
//! weaknesses and that matrix, and the customers: RFM on the stored orders, tiers A / B / C
//! with their playbooks (the strategy seeds section 3 picks up) and the personas.
//!
//! The rules and worked examples live in the submodules: `nps.rs`, `competition.rs`,
//! `swot.rs`, `customers.rs` (which feeds [`super::rfm`]) and `customer_page.rs` (the customer
//! table's pages). Findings point at step `market` or `customers` and, where one item is
//! concerned, at it (`target.item_id`).

pub mod competition;
pub mod customer_page;
pub mod customers;
#[cfg(test)]
mod customers_tests;
pub mod nps;
mod pass;
pub mod swot;
#[cfg(test)]
mod tests;

use super::findings::Finding;
use crate::model::Plan;
use serde::Serialize;
use ts_rs::TS;

/// Section 2 as computed from the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SupportReport {
    /// The NPS, when a survey with answers is entered.
    pub nps: Option<nps::NpsResult>,
    /// The competitor matrix per attribute and per company.
    pub competition: competition::CompetitionReport,
    /// The SWOT view.
    pub swot: swot::Swot,
    /// Orders, RFM, tiers and personas.
    pub customers: customers::CustomersReport,
}

/// Computes section 2; findings go to `findings`.
pub fn compute(plan: &Plan, findings: &mut Vec<Finding>) -> SupportReport {
    let s = &plan.support;
    let nps = nps::compute(s.nps.as_ref(), findings);
    let competition = competition::compute(s, findings);
    let swot = swot::compute(plan, &competition, findings);
    let customers = customers::compute(plan, findings);
    SupportReport {
        nps,
        competition,
        swot,
        customers,
    }
}

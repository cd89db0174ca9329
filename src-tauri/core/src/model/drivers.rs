//! The drivers of section 1 that turn a goal into the numbers of the plan (domain.md §1):
//! how a target is split across a dimension (横向拆解), how it is phased over the months
//! (纵向拆解), the funnel that must feed it (线索 → 商机 → 成交 → 复购) and the payment terms
//! that turn bookings into cash (进账分解).
//!
//! Each driver names the goal it works on by id; the engine computes the numbers
//! (`engine::breakdown`), so the plan only stores what the user decided. Every driver has its
//! own stable id, so a co-founder's copy can be compared and merged driver by driver.

use crate::engine::allocation::DecompositionMethod;
use crate::engine::cashin::PaymentTerm;
use crate::engine::funnel::RepeatRevenue;
use crate::model::DimensionKind;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The split of one goal's target across the members of one dimension (横向拆解), optionally
/// crossed with a second dimension (e.g. region × product).
///
/// The whole being split is the goal's target, except for a split of the org tree below a
/// member (`org_parent`): its whole is what the split of the level above gave that member,
/// so company → region → team → rep cascades and every level sums exactly to its parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Decomposition {
    /// Stable id.
    pub id: Uuid,
    /// The goal whose target is split.
    pub goal_id: Uuid,
    /// The dimension split across.
    pub dimension: DimensionKind,
    /// Org tree only: split across the children of this region or team (none: the regions).
    #[serde(default)]
    pub org_parent: Option<Uuid>,
    /// How the part that is not locked is split.
    pub method: DecompositionMethod,
    /// Baseline years whose history gives the shares; empty means every year on record.
    #[serde(default)]
    pub history_years: Vec<i32>,
    /// Over-assignment (超额分配) in percent: quotas sum to the split × (1 + p / 100).
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub over_assignment: Decimal,
    /// Crossed with a flat dimension: every member's part is split again across its members
    /// by their share of baseline history (equal when there is none, with a finding).
    #[serde(default)]
    pub crossed_with: Option<DimensionKind>,
    /// What the user typed per member (members with nothing typed need no entry).
    #[serde(default)]
    pub entries: Vec<DecompositionEntry>,
}

/// What the user typed for one member of a split. Every value is optional.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct DecompositionEntry {
    /// The member (of the split's dimension).
    pub member_id: Uuid,
    /// A fixed amount the member keeps whatever the method; the others rebalance.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub locked: Option<Decimal>,
    /// Amount for the manual-amount method.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub manual_amount: Option<Decimal>,
    /// Percent (0–100) for the manual-percent method.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub manual_percent: Option<Decimal>,
    /// Factor on the history share (1.2 = +20 %) for the adjusted method.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub adjustment: Option<Decimal>,
    /// The member's own bottom-up commitment.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub commitment: Option<Decimal>,
}

/// Where the month weights of a goal's phasing come from (季节性).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "basis", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum SeasonalityChoice {
    /// The baseline's average monthly shares over these years (empty: every full year).
    History {
        /// The years that count.
        #[serde(default)]
        years: Vec<i32>,
    },
    /// Twelve weights typed by the user, January first, any scale.
    Manual {
        /// The weights; an empty one is a finding.
        #[serde(with = "crate::money::opt_dec_list")]
        #[ts(type = "Array<string | null>")]
        weights: Vec<Option<Decimal>>,
    },
    /// The same weight for every month.
    Flat,
}

/// How one goal is phased over the plan period. Goals without a rule use the history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PhasingRule {
    /// Stable id.
    pub id: Uuid,
    /// The goal phased.
    pub goal_id: Uuid,
    /// Month weights.
    pub seasonality: SeasonalityChoice,
}

/// The funnel behind a bookings goal (销售漏斗), whole or per tier or channel.
///
/// Each segment's monthly target is the goal's monthly phasing split by the goal's
/// decomposition over `segment_by` (the first one of that dimension), exact at the minor unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FunnelSetup {
    /// Stable id.
    pub id: Uuid,
    /// The bookings goal the funnel feeds.
    pub goal_id: Uuid,
    /// Segments by tier or channel; none: one funnel for the whole goal.
    #[serde(default)]
    pub segment_by: Option<DimensionKind>,
    /// The drivers of each segment.
    pub segments: Vec<FunnelSegment>,
}

/// The drivers of one funnel segment. Rates are fractions (0.25 is 25 %).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct FunnelSegment {
    /// The tier or channel (none for a whole-goal funnel).
    #[serde(default)]
    pub member_id: Option<Uuid>,
    /// Where repeat revenue (复购) comes from.
    pub repeat: RepeatRevenue,
    /// Average new-customer deal size (客单价).
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub deal_size: Decimal,
    /// Lead → opportunity conversion.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub lead_to_opportunity: Decimal,
    /// Opportunity → deal conversion.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub opportunity_to_deal: Decimal,
    /// Days from opportunity to close.
    pub sales_cycle_days: u16,
    /// Days from lead to opportunity.
    pub lead_to_opportunity_days: u16,
}

/// The cash-in plan (进账分解/回款): the bookings goal's monthly phasing turned into collections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CashInPlan {
    /// Stable id.
    pub id: Uuid,
    /// The bookings goal whose months are collected.
    pub goal_id: Uuid,
    /// The cash-in goal the collections are checked against, if any.
    #[serde(default)]
    pub cash_in_goal_id: Option<Uuid>,
    /// Payment terms as (share, days after booking).
    pub terms: Vec<PaymentTerm>,
    /// Share of bookings never collected, 0..=1.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub bad_debt_share: Decimal,
    /// Receivables open at the start of the period.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub opening_receivables: Decimal,
    /// Shares of the opening receivables collected in period month 1, 2, … (empty: default).
    #[serde(default, with = "crate::money::dec_list")]
    #[ts(type = "Array<string>")]
    pub opening_profile: Vec<Decimal>,
}

/// Baseline history of one member of a dimension in one month (e.g. East region, 2025-10).
/// The company totals stay in the baseline months; these rows give the shares of a split.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BaselineSplit {
    /// Stable id.
    pub id: Uuid,
    /// First day of the month.
    pub month: chrono::NaiveDate,
    /// The member's dimension.
    pub dimension: DimensionKind,
    /// The member (org: any level; a member's history includes its children's).
    pub member_id: Uuid,
    /// Bookings of the month.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub bookings: Decimal,
    /// Cash-in of the month.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub cash_in: Decimal,
}

/// Everything section 1 computes from, beyond the goals and dimensions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Drivers {
    /// Horizontal splits of goals.
    #[serde(default)]
    pub decompositions: Vec<Decomposition>,
    /// Seasonality per goal.
    #[serde(default)]
    pub phasing: Vec<PhasingRule>,
    /// Funnels behind bookings goals.
    #[serde(default)]
    pub funnels: Vec<FunnelSetup>,
    /// Cash-in plans.
    #[serde(default)]
    pub cash_in: Vec<CashInPlan>,
}

impl Drivers {
    /// The phasing rule of a goal, if it has one.
    pub fn phasing_of(&self, goal_id: Uuid) -> Option<&PhasingRule> {
        self.phasing.iter().find(|r| r.goal_id == goal_id)
    }
}

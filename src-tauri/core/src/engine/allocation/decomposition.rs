//! The inputs and outputs of [`super::decompose`], as the UI sends and shows them.
//!
//! Kept apart from the rules so each file reads in one sitting. Amounts travel as canonical
//! decimal text (`crate::money::dec_text`), never as floating point.

use crate::engine::findings::Finding;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the part of the total that is not locked is split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DecompositionMethod {
    /// Amounts typed per member.
    ManualAmount,
    /// Percents typed per member.
    ManualPercent,
    /// In proportion to baseline history.
    BaselineShare,
    /// The same weight for everyone.
    Equal,
    /// Baseline history times a per-member adjustment factor.
    HistoryShareAdjusted,
}

/// One member of the dimension (a region, product line, customer tier, team or rep).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecompositionMember {
    /// Stable id of the member.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Amount fixed by the user; the member keeps it whatever the method.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub locked: Option<Decimal>,
    /// Amount for `manual_amount`.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub manual_amount: Option<Decimal>,
    /// Percent (0–100) for `manual_percent`.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub manual_percent: Option<Decimal>,
    /// Baseline history for `baseline_share` and `history_share_adjusted`.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub baseline: Option<Decimal>,
    /// Factor on the baseline for `history_share_adjusted` (1 when absent).
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub adjustment: Option<Decimal>,
    /// The member's own bottom-up commitment.
    #[serde(default, with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub commitment: Option<Decimal>,
}

/// What to decompose and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DecompositionInput {
    /// The target to split.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub total: Decimal,
    /// Minor-unit digits of the plan currency ([`crate::money::minor_units`]).
    pub minor_units: u32,
    /// The split method.
    pub method: DecompositionMethod,
    /// Over-assignment in percent (10 = quotas sum to 110 % of the total).
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub over_assignment: Decimal,
    /// The members, in display order (the tie-break order).
    pub members: Vec<DecompositionMember>,
}

/// One member's result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MemberAllocation {
    /// The member's id.
    pub id: String,
    /// Its allocated amount; `None` when a finding prevents computing it.
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub allocated: Option<Decimal>,
    /// allocated / total, rounded half-even to six places (0.3334 = 33.34 %).
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub share: Option<Decimal>,
    /// Quota including over-assignment.
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub quota: Option<Decimal>,
    /// Commitment − allocated, when both exist.
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub commitment_gap: Option<Decimal>,
    /// True when the amount was locked.
    pub locked: bool,
}

/// Totals of a decomposition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DecompositionTotals {
    /// The plan total that was split.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub total: Decimal,
    /// Sum of the computed member amounts.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub allocated: Decimal,
    /// total − allocated (zero when the split is complete and exact).
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub unassigned: Decimal,
    /// Sum of the locked amounts.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub locked: Decimal,
    /// Sum of the quotas (total with over-assignment), when computed.
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub quota: Option<Decimal>,
    /// Sum of the commitments entered.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub commitments: Decimal,
    /// Sum of the member gaps (members with a commitment and an amount).
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub commitment_gap: Decimal,
    /// How many members entered a commitment.
    pub committed_members: u32,
}

/// The decomposition of a target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct DecompositionResult {
    /// Per member, in input order.
    pub members: Vec<MemberAllocation>,
    /// Totals.
    pub totals: DecompositionTotals,
    /// What is wrong or worth knowing, as codes with params.
    pub findings: Vec<Finding>,
}

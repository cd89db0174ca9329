use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// Which layer of the goal hierarchy a goal belongs to (分层目标).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GoalLayer {
    /// Company level (公司级目标).
    Company,
    /// Region, team, product line or customer type (区域/团队目标).
    Unit,
    /// One person (个人目标).
    Individual,
}

/// What a goal measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GoalKind {
    /// Bookings revenue (销售额): orders signed.
    Bookings,
    /// Cash-in (进账/回款): money collected.
    CashIn,
    /// Market share (市场份额).
    MarketShare,
    /// Profit margin (利润率).
    Margin,
    /// Anything else.
    Other,
}

impl GoalKind {
    /// True for goals whose target is an amount of money in the plan currency.
    pub fn is_money(self) -> bool {
        matches!(self, GoalKind::Bookings | GoalKind::CashIn)
    }
}

/// A goal: statement, metric, baseline, target, deadline, owner, rationale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Goal {
    /// Stable id.
    pub id: Uuid,
    /// Layer in the hierarchy.
    pub layer: GoalLayer,
    /// What it measures.
    pub kind: GoalKind,
    /// The goal in one sentence, e.g. "Grow Q4 bookings 30 % over last Q4".
    pub statement: String,
    /// The metric, e.g. "Bookings revenue".
    pub metric: String,
    /// Unit of the baseline and target, e.g. "CNY" or "%".
    pub unit: String,
    /// Where we are now (same period of the baseline).
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub baseline: Option<Decimal>,
    /// Where we want to be.
    #[serde(with = "crate::money::opt_dec_text")]
    #[ts(type = "string | null")]
    pub target: Option<Decimal>,
    /// When it must be reached.
    pub deadline: Option<NaiveDate>,
    /// Who answers for it.
    pub owner: String,
    /// Why this number (becomes speaker notes).
    pub rationale: String,
    /// The goal above it, for unit and individual goals.
    pub parent_id: Option<Uuid>,
}

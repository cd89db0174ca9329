//! Edits of the section-1 drivers: splits, seasonality, funnels, cash-in plans, and baseline
//! imports. Values arrive as text; rates and shares are typed as **percent** (25 means 25 %)
//! and stored as fractions (0.25), the form the engine uses, except a split's
//! over-assignment and manual percents, which the engine takes in percent.

use super::{parse::parse_years, unknown};
use crate::engine::allocation::DecompositionMethod;
use crate::engine::cashin::PaymentTerm;
use crate::engine::funnel::RepeatRevenue;
use crate::error::{Error, Result};
use crate::model::{
    BaselineMonth, BaselineSplit, CashInPlan, Decomposition, DecompositionEntry, DimensionKind, FunnelSegment,
    FunnelSetup, Plan, SeasonalityChoice,
};
use crate::money::{parse_decimal, parse_money};
use rust_decimal::Decimal;
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

mod apply;
mod funnel_cash;
mod splits;
pub(super) use apply::apply;

/// A setting of a split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SplitField {
    /// manual_amount | manual_percent | baseline_share | equal | history_share_adjusted.
    Method,
    /// Percent, e.g. 10 (quotas sum to 110 %).
    OverAssignment,
    /// Years separated by commas, e.g. "2024,2025"; empty: every year on record.
    HistoryYears,
    /// tier | product | channel, or empty for none.
    CrossedWith,
}

/// What a user types for one member of a split; empty text clears it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SplitEntryField {
    /// Amount the member keeps.
    Locked,
    /// Amount for the manual-amount method.
    ManualAmount,
    /// Percent for the manual-percent method.
    ManualPercent,
    /// Factor on the history share, e.g. 1.2.
    Adjustment,
    /// Bottom-up commitment (amount).
    Commitment,
}

/// Where a goal's month weights come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SeasonalityBasis {
    /// Baseline history.
    History,
    /// Typed weights (prefilled from history when there is any, else equal).
    Manual,
    /// The same for every month.
    Flat,
}

/// A driver of a funnel segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FunnelField {
    /// Average deal size (amount).
    DealSize,
    /// Percent.
    LeadToOpportunity,
    /// Percent.
    OpportunityToDeal,
    /// Whole days.
    SalesCycleDays,
    /// Whole days.
    LeadToOpportunityDays,
    /// "share" or "customers".
    RepeatBasis,
    /// Percent of the target from existing customers (share basis).
    RepeatShare,
    /// Existing customers (customers basis).
    ExistingCustomers,
    /// Percent of them reordering per month (customers basis).
    RepeatRate,
    /// Average repeat order value (customers basis).
    RepeatOrderValue,
}

/// A setting of a cash-in plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CashInField {
    /// Percent of bookings never collected.
    BadDebt,
    /// Amount open at the start of the period.
    OpeningReceivables,
    /// Percents collected in period month 1, 2, … separated by commas; empty: default.
    OpeningProfile,
    /// A cash-in goal's id, or empty.
    CashInGoal,
}

/// One change to the section-1 drivers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum DriverEdit {
    /// Splits a goal across a dimension (org: the regions, or the children of `org_parent`).
    /// The method starts as history share when the dimension has history, else equal.
    AddSplit {
        /// The goal.
        goal_id: Uuid,
        /// The dimension.
        dimension: DimensionKind,
        /// Org tree only: the region or team whose children share its amount.
        org_parent: Option<Uuid>,
    },
    /// Sets a split's setting.
    UpdateSplit {
        /// The split.
        id: Uuid,
        /// Which setting.
        field: SplitField,
        /// New value as text.
        value: String,
    },
    /// Sets one member's typed value in a split; empty clears it.
    UpdateSplitEntry {
        /// The split.
        id: Uuid,
        /// The member.
        member_id: Uuid,
        /// Which value.
        field: SplitEntryField,
        /// New value as text.
        value: String,
    },
    /// Removes a split.
    RemoveSplit {
        /// The split.
        id: Uuid,
    },
    /// Chooses where a goal's month weights come from.
    SetSeasonality {
        /// The goal.
        goal_id: Uuid,
        /// The basis.
        basis: SeasonalityBasis,
    },
    /// Sets the history years of a goal's seasonality ("2024,2025"; empty: every full year).
    SetSeasonalityYears {
        /// The goal.
        goal_id: Uuid,
        /// Years separated by commas.
        years: String,
    },
    /// Sets one manual month weight (the basis must be manual).
    SetSeasonalityWeight {
        /// The goal.
        goal_id: Uuid,
        /// 1 = January … 12 = December.
        month: u8,
        /// The weight (any scale); empty clears it.
        value: String,
    },
    /// Adds a funnel behind a bookings goal, one segment per member of `segment_by`.
    AddFunnel {
        /// The bookings goal.
        goal_id: Uuid,
        /// tier or channel; none: one funnel for the whole goal.
        segment_by: Option<DimensionKind>,
    },
    /// Sets a driver of one funnel segment.
    UpdateFunnelSegment {
        /// The funnel.
        id: Uuid,
        /// The segment's place in the funnel (0 first).
        index: u32,
        /// Which driver.
        field: FunnelField,
        /// New value as text.
        value: String,
    },
    /// Removes a funnel.
    RemoveFunnel {
        /// The funnel.
        id: Uuid,
    },
    /// Adds a cash-in plan for a bookings goal (terms: 100 % after 30 days), linked to the
    /// first cash-in goal of the same layer.
    AddCashIn {
        /// The bookings goal.
        goal_id: Uuid,
    },
    /// Sets a setting of a cash-in plan.
    UpdateCashIn {
        /// The plan.
        id: Uuid,
        /// Which setting.
        field: CashInField,
        /// New value as text.
        value: String,
    },
    /// Sets (or, at the end, adds) a payment term: percent and days after booking.
    SetPaymentTerm {
        /// The plan.
        id: Uuid,
        /// The term's place (0 first; the number of terms adds one).
        index: u32,
        /// Percent of the amount.
        percent: String,
        /// Days after booking.
        days: String,
    },
    /// Removes a payment term.
    RemovePaymentTerm {
        /// The plan.
        id: Uuid,
        /// The term's place.
        index: u32,
    },
    /// Removes a cash-in plan.
    RemoveCashIn {
        /// The plan.
        id: Uuid,
    },
    /// Adds imported history: months replace the months of the same date, splits replace the
    /// splits of the same (month, dimension, member). Built by the import, checked here again.
    ImportBaseline {
        /// Company totals per month.
        months: Vec<BaselineMonth>,
        /// History per member.
        splits: Vec<BaselineSplit>,
    },
}

impl DriverEdit {
    /// Edits that set the same value merge into one undo step while typing.
    pub fn coalesce_key(&self) -> Option<String> {
        match self {
            DriverEdit::UpdateSplit { id, field, .. } => Some(format!("split:{id}:{field:?}")),
            DriverEdit::UpdateSplitEntry {
                id, member_id, field, ..
            } => Some(format!("split:{id}:{member_id}:{field:?}")),
            DriverEdit::SetSeasonalityYears { goal_id, .. } => Some(format!("season:{goal_id}:years")),
            DriverEdit::SetSeasonalityWeight { goal_id, month, .. } => Some(format!("season:{goal_id}:{month}")),
            DriverEdit::UpdateFunnelSegment { id, index, field, .. } => Some(format!("funnel:{id}:{index}:{field:?}")),
            DriverEdit::UpdateCashIn { id, field, .. } => Some(format!("cash:{id}:{field:?}")),
            DriverEdit::SetPaymentTerm { id, index, .. } => Some(format!("cash:{id}:term:{index}")),
            _ => None,
        }
    }
}

/// Percent text (0–100) as a fraction.
pub(super) fn percent(value: &str, what: &str) -> Result<Decimal> {
    let p = parse_decimal(value, what)?;
    if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        return Err(
            Error::invalid(format!("{what}: {p} is not a percent between 0 and 100"))
                .because("number.percent_range", &[("field", what), ("value", &p.to_string())]),
        );
    }
    Ok(p / Decimal::ONE_HUNDRED)
}

/// Empty text as `None`, otherwise `parse`.
fn optional<T>(value: &str, parse: impl FnOnce(&str) -> Result<T>) -> Result<Option<T>> {
    if value.trim().is_empty() {
        Ok(None)
    } else {
        parse(value).map(Some)
    }
}

/// Whole days, 0–3650.
fn days(value: &str, what: &str) -> Result<u16> {
    let v = value.trim();
    match v.parse::<u16>() {
        Ok(d) if d <= 3650 => Ok(d),
        _ => Err(Error::invalid(format!(
            "{what}: \"{}\" is not a number of days (0–3650)",
            crate::money::clip(v)
        ))
        .because("number.days", &[("field", what), ("value", &crate::money::clip(v))])),
    }
}

fn method(value: &str) -> Result<DecompositionMethod> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_string())).map_err(|_| {
        Error::invalid(format!(
            "method: \"{}\" is not a split method",
            crate::money::clip(value)
        ))
    })
}

fn dimension(value: &str) -> Result<DimensionKind> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_string())).map_err(|_| {
        Error::invalid(format!(
            "dimension: \"{}\" is not a dimension",
            crate::money::clip(value)
        ))
    })
}

fn split_mut(plan: &mut Plan, id: Uuid) -> Result<&mut Decomposition> {
    (plan.drivers.decompositions.iter_mut())
        .find(|d| d.id == id)
        .ok_or_else(|| unknown("split", id))
}

fn funnel_mut(plan: &mut Plan, id: Uuid) -> Result<&mut FunnelSetup> {
    (plan.drivers.funnels.iter_mut())
        .find(|d| d.id == id)
        .ok_or_else(|| unknown("funnel", id))
}

fn cash_mut(plan: &mut Plan, id: Uuid) -> Result<&mut CashInPlan> {
    (plan.drivers.cash_in.iter_mut())
        .find(|d| d.id == id)
        .ok_or_else(|| unknown("cash-in plan", id))
}

fn entry_mut(d: &mut Decomposition, member_id: Uuid) -> &mut DecompositionEntry {
    match d.entries.iter().position(|e| e.member_id == member_id) {
        Some(i) => &mut d.entries[i],
        None => {
            d.entries.push(DecompositionEntry {
                member_id,
                ..Default::default()
            });
            d.entries.last_mut().expect("just pushed")
        }
    }
}

/// A new funnel segment with common starting drivers (the deal size must still be entered).
fn new_segment(member_id: Option<Uuid>) -> FunnelSegment {
    FunnelSegment {
        member_id,
        repeat: RepeatRevenue::Share { share: Decimal::ZERO },
        deal_size: Decimal::ZERO,
        lead_to_opportunity: Decimal::new(25, 2),
        opportunity_to_deal: Decimal::new(20, 2),
        sales_cycle_days: 30,
        lead_to_opportunity_days: 14,
    }
}

/// Payment terms a new cash-in plan starts with: everything 30 days after booking.
fn default_terms() -> Vec<PaymentTerm> {
    vec![PaymentTerm {
        share: Decimal::ONE,
        days: 30,
    }]
}

/// Money text in the plan currency.
fn money(plan: &Plan, value: &str, what: &str) -> Result<Decimal> {
    parse_money(value, &plan.header.currency, what)
}

#[cfg(test)]
#[path = "drivers_tests.rs"]
mod tests;

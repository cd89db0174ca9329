//! Applying the funnel and cash-in edits of a [`DriverEdit`]: adding a funnel and parsing a
//! segment's driver values, and adding or changing a cash-in plan.

use super::*;

pub(super) fn add_funnel(
    plan: &mut Plan,
    goal_id: Uuid,
    segment_by: Option<DimensionKind>,
    clock: &dyn crate::clock::Clock,
) -> Result<()> {
    let goal = plan.goal(goal_id).ok_or_else(|| unknown("goal", goal_id))?;
    if goal.kind != crate::model::GoalKind::Bookings {
        return Err(Error::invalid("funnel: a funnel feeds a bookings goal"));
    }
    let segments = match segment_by {
        None => vec![new_segment(None)],
        Some(DimensionKind::Tier | DimensionKind::Channel) => {
            let list = plan.dimensions.flat(segment_by.unwrap_or(DimensionKind::Tier));
            list.into_iter().flatten().map(|m| new_segment(Some(m.id))).collect()
        }
        Some(_) => return Err(Error::invalid("funnel: segment by tier or channel")),
    };
    plan.drivers.funnels.retain(|f| f.goal_id != goal_id);
    plan.drivers.funnels.push(FunnelSetup {
        id: clock.new_id(),
        goal_id,
        segment_by,
        segments,
    });
    Ok(())
}

/// A parsed funnel driver, ready to set.
pub(super) enum FunnelValue {
    Money(FunnelField, Decimal),
    Days(FunnelField, u16),
    Customers(u32),
    Basis(bool),
}

impl FunnelValue {
    pub(super) fn parse(plan: &Plan, field: FunnelField, value: &str) -> Result<Self> {
        Ok(match field {
            FunnelField::DealSize | FunnelField::RepeatOrderValue => Self::Money(field, money(plan, value, "amount")?),
            FunnelField::LeadToOpportunity
            | FunnelField::OpportunityToDeal
            | FunnelField::RepeatShare
            | FunnelField::RepeatRate => Self::Money(field, percent(value, "percent")?),
            FunnelField::SalesCycleDays | FunnelField::LeadToOpportunityDays => Self::Days(field, days(value, "days")?),
            FunnelField::ExistingCustomers => Self::Customers(value.trim().parse().map_err(|_| {
                Error::invalid(format!(
                    "customers: \"{}\" is not a whole number",
                    crate::money::clip(value)
                ))
            })?),
            FunnelField::RepeatBasis => match value.trim() {
                "share" => Self::Basis(false),
                "customers" => Self::Basis(true),
                _ => return Err(Error::invalid("repeat basis: use share or customers")),
            },
        })
    }

    pub(super) fn set(self, s: &mut FunnelSegment) {
        match self {
            Self::Money(FunnelField::DealSize, v) => s.deal_size = v,
            Self::Money(FunnelField::LeadToOpportunity, v) => s.lead_to_opportunity = v,
            Self::Money(FunnelField::OpportunityToDeal, v) => s.opportunity_to_deal = v,
            Self::Days(FunnelField::SalesCycleDays, d) => s.sales_cycle_days = d,
            Self::Days(_, d) => s.lead_to_opportunity_days = d,
            Self::Basis(customers) => {
                let is_customers = matches!(s.repeat, RepeatRevenue::Customers { .. });
                if customers != is_customers {
                    s.repeat = if customers {
                        RepeatRevenue::Customers {
                            existing_customers: 0,
                            repeat_rate: Decimal::ZERO,
                            order_value: Decimal::ZERO,
                        }
                    } else {
                        RepeatRevenue::Share { share: Decimal::ZERO }
                    };
                }
            }
            Self::Customers(n) => {
                if let RepeatRevenue::Customers { existing_customers, .. } = &mut s.repeat {
                    *existing_customers = n;
                }
            }
            Self::Money(field, v) => match (&mut s.repeat, field) {
                (RepeatRevenue::Share { share }, FunnelField::RepeatShare) => *share = v,
                (RepeatRevenue::Customers { repeat_rate, .. }, FunnelField::RepeatRate) => *repeat_rate = v,
                (RepeatRevenue::Customers { order_value, .. }, FunnelField::RepeatOrderValue) => *order_value = v,
                // A value for the other basis is ignored: the UI shows only the current one.
                _ => {}
            },
        }
    }
}

pub(super) fn add_cash_in(plan: &mut Plan, goal_id: Uuid, clock: &dyn crate::clock::Clock) -> Result<()> {
    let goal = plan.goal(goal_id).ok_or_else(|| unknown("goal", goal_id))?;
    if goal.kind != crate::model::GoalKind::Bookings {
        return Err(Error::invalid("cash-in: collections are planned from a bookings goal"));
    }
    let layer = goal.layer;
    let cash_goal = (plan.goals.iter())
        .find(|g| g.kind == crate::model::GoalKind::CashIn && g.layer == layer)
        .map(|g| g.id);
    plan.drivers.cash_in.retain(|c| c.goal_id != goal_id);
    plan.drivers.cash_in.push(CashInPlan {
        id: clock.new_id(),
        goal_id,
        cash_in_goal_id: cash_goal,
        terms: default_terms(),
        bad_debt_share: Decimal::ZERO,
        opening_receivables: Decimal::ZERO,
        opening_profile: vec![],
    });
    Ok(())
}

pub(super) fn update_cash_in(plan: &mut Plan, id: Uuid, field: CashInField, value: &str) -> Result<()> {
    match field {
        CashInField::BadDebt => {
            let v = optional(value, |v| percent(v, "percent"))?.unwrap_or_default();
            cash_mut(plan, id)?.bad_debt_share = v;
        }
        CashInField::OpeningReceivables => {
            let v = optional(value, |v| money(plan, v, "amount"))?.unwrap_or_default();
            if v < Decimal::ZERO {
                return Err(Error::invalid("opening receivables: must not be negative"));
            }
            cash_mut(plan, id)?.opening_receivables = v;
        }
        CashInField::OpeningProfile => {
            let parts = value.split([',', '，']).map(str::trim).filter(|p| !p.is_empty());
            let profile = parts.map(|p| percent(p, "percent")).collect::<Result<Vec<_>>>()?;
            cash_mut(plan, id)?.opening_profile = profile;
        }
        CashInField::CashInGoal => {
            let goal = optional(value, |v| {
                Uuid::parse_str(v.trim()).map_err(|_| Error::invalid("cash-in goal: not a goal id"))
            })?;
            if let Some(g) = goal {
                let found = plan.goal(g).ok_or_else(|| unknown("goal", g))?;
                if found.kind != crate::model::GoalKind::CashIn {
                    return Err(Error::invalid("cash-in goal: choose a cash-in goal"));
                }
            }
            cash_mut(plan, id)?.cash_in_goal_id = goal;
        }
    }
    Ok(())
}

//! Applying a [`DriverEdit`]: the rules that keep drivers pointing at things that exist.

use super::*;
use crate::engine::goal_phasing::goal_history;
use crate::engine::phasing::full_years;
use chrono::Datelike;

/// Applies a driver edit to a plan (the caller applies to a copy and keeps it on success).
pub(crate) fn apply(plan: &mut Plan, edit: &DriverEdit, clock: &dyn crate::clock::Clock) -> Result<()> {
    match edit {
        DriverEdit::AddSplit {
            goal_id,
            dimension,
            org_parent,
        } => add_split(plan, *goal_id, *dimension, *org_parent, clock),
        DriverEdit::UpdateSplit { id, field, value } => update_split(plan, *id, *field, value),
        DriverEdit::UpdateSplitEntry {
            id,
            member_id,
            field,
            value,
        } => {
            let parsed = match field {
                SplitEntryField::ManualPercent => optional(value, |v| parse_decimal(v, "percent"))?,
                SplitEntryField::Adjustment => optional(value, |v| parse_decimal(v, "adjustment"))?,
                _ => optional(value, |v| money(plan, v, "amount"))?,
            };
            let split = split_mut(plan, *id)?;
            let e = entry_mut(split, *member_id);
            match field {
                SplitEntryField::Locked => e.locked = parsed,
                SplitEntryField::ManualAmount => e.manual_amount = parsed,
                SplitEntryField::ManualPercent => e.manual_percent = parsed,
                SplitEntryField::Adjustment => e.adjustment = parsed,
                SplitEntryField::Commitment => e.commitment = parsed,
            }
            Ok(())
        }
        DriverEdit::RemoveSplit { id } => remove(&mut plan.drivers.decompositions, |d| d.id == *id, "split", *id),
        DriverEdit::SetSeasonality { goal_id, basis } => {
            let choice = match basis {
                SeasonalityBasis::History => SeasonalityChoice::History { years: vec![] },
                SeasonalityBasis::Flat => SeasonalityChoice::Flat,
                SeasonalityBasis::Manual => SeasonalityChoice::Manual {
                    weights: history_weights(plan, *goal_id)?,
                },
            };
            set_rule(plan, *goal_id, choice, clock)
        }
        DriverEdit::SetSeasonalityYears { goal_id, years } => {
            let years = parse_years(years)?;
            set_rule(plan, *goal_id, SeasonalityChoice::History { years }, clock)
        }
        DriverEdit::SetSeasonalityWeight { goal_id, month, value } => {
            let weight = optional(value, |v| parse_decimal(v, "weight"))?;
            let rule = (plan.drivers.phasing.iter_mut()).find(|r| r.goal_id == *goal_id);
            match rule.map(|r| &mut r.seasonality) {
                Some(SeasonalityChoice::Manual { weights }) if (1..=12).contains(month) => {
                    weights[*month as usize - 1] = weight;
                    Ok(())
                }
                _ => Err(Error::invalid("weight: choose manual weights for this goal first")),
            }
        }
        DriverEdit::AddFunnel { goal_id, segment_by } => add_funnel(plan, *goal_id, *segment_by, clock),
        DriverEdit::UpdateFunnelSegment {
            id,
            index,
            field,
            value,
        } => {
            let parsed = FunnelValue::parse(plan, *field, value)?;
            let funnel = funnel_mut(plan, *id)?;
            let segment = (funnel.segments.get_mut(*index as usize))
                .ok_or_else(|| Error::invalid(format!("funnel {id} has no segment {index}")))?;
            parsed.set(segment);
            Ok(())
        }
        DriverEdit::RemoveFunnel { id } => remove(&mut plan.drivers.funnels, |d| d.id == *id, "funnel", *id),
        DriverEdit::AddCashIn { goal_id } => add_cash_in(plan, *goal_id, clock),
        DriverEdit::UpdateCashIn { id, field, value } => update_cash_in(plan, *id, *field, value),
        DriverEdit::SetPaymentTerm {
            id,
            index,
            percent: share,
            days: d,
        } => {
            let term = PaymentTerm {
                share: percent(share, "percent")?,
                days: days(d, "days")?,
            };
            let plan_ = cash_mut(plan, *id)?;
            match (*index as usize).cmp(&plan_.terms.len()) {
                std::cmp::Ordering::Less => plan_.terms[*index as usize] = term,
                std::cmp::Ordering::Equal => plan_.terms.push(term),
                std::cmp::Ordering::Greater => return Err(Error::invalid(format!("no payment term {index}"))),
            }
            Ok(())
        }
        DriverEdit::RemovePaymentTerm { id, index } => {
            let c = cash_mut(plan, *id)?;
            if (*index as usize) >= c.terms.len() {
                return Err(Error::invalid(format!("no payment term {index}")));
            }
            c.terms.remove(*index as usize);
            Ok(())
        }
        DriverEdit::RemoveCashIn { id } => remove(&mut plan.drivers.cash_in, |d| d.id == *id, "cash-in plan", *id),
        DriverEdit::ImportBaseline { months, splits } => {
            import_baseline(plan, months, splits);
            crate::validate::plan(plan)
        }
    }
}

fn remove<T>(list: &mut Vec<T>, is: impl Fn(&T) -> bool, what: &str, id: Uuid) -> Result<()> {
    let before = list.len();
    list.retain(|x| !is(x));
    if list.len() == before {
        return Err(unknown(what, id));
    }
    Ok(())
}

fn add_split(
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

fn update_split(plan: &mut Plan, id: Uuid, field: SplitField, value: &str) -> Result<()> {
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
fn history_weights(plan: &Plan, goal_id: Uuid) -> Result<Vec<Option<Decimal>>> {
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

fn set_rule(plan: &mut Plan, goal_id: Uuid, choice: SeasonalityChoice, clock: &dyn crate::clock::Clock) -> Result<()> {
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

fn add_funnel(
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
enum FunnelValue {
    Money(FunnelField, Decimal),
    Days(FunnelField, u16),
    Customers(u32),
    Basis(bool),
}

impl FunnelValue {
    fn parse(plan: &Plan, field: FunnelField, value: &str) -> Result<Self> {
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

    fn set(self, s: &mut FunnelSegment) {
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

fn add_cash_in(plan: &mut Plan, goal_id: Uuid, clock: &dyn crate::clock::Clock) -> Result<()> {
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

fn update_cash_in(plan: &mut Plan, id: Uuid, field: CashInField, value: &str) -> Result<()> {
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

/// Months replace the month of the same date (keeping its id); splits replace the same cell.
fn import_baseline(plan: &mut Plan, months: &[BaselineMonth], splits: &[BaselineSplit]) {
    for m in months {
        match plan.baseline.iter_mut().find(|b| b.month == m.month) {
            Some(b) => {
                b.bookings = m.bookings;
                b.cash_in = m.cash_in;
            }
            None => plan.baseline.push(m.clone()),
        }
    }
    plan.baseline.sort_by_key(|m| m.month);
    for s in splits {
        let same = |x: &BaselineSplit| x.month == s.month && x.dimension == s.dimension && x.member_id == s.member_id;
        match plan.baseline_splits.iter_mut().find(|x| same(x)) {
            Some(x) => {
                x.bookings = s.bookings;
                x.cash_in = s.cash_in;
            }
            None => plan.baseline_splits.push(s.clone()),
        }
    }
}

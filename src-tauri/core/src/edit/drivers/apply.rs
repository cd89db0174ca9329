//! Applying a [`DriverEdit`]: the rules that keep drivers pointing at things that exist.
//! This file dispatches each edit and imports baselines; splits and seasonality are applied in
//! `splits.rs`, funnels and cash-in plans in `funnel_cash.rs`.

use super::funnel_cash::{add_cash_in, add_funnel, update_cash_in, FunnelValue};
use super::splits::{add_split, history_weights, set_rule, update_split};
use super::*;

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

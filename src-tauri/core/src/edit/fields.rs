//! Setting one field of the header or of a goal from text: the parsing and the rules that
//! keep the plan consistent (a new currency relabels money goals, a goal cannot be its own
//! parent). Split from `edit.rs` so the list of edits stays readable on its own.

use super::{parse_date, parse_weekdays, text, unknown, DayList, GoalField, HeaderField};
use crate::error::{Error, Result};
use crate::model::{CalendarDay, Plan};
use crate::money::{self, clip};
use uuid::Uuid;

pub(super) fn set_header(plan: &mut Plan, field: HeaderField, value: &str) -> Result<()> {
    let h = &mut plan.header;
    match field {
        HeaderField::Title => h.title = text(value, "title")?,
        HeaderField::Company => h.company = text(value, "company")?,
        HeaderField::Authors => h.authors = text(value, "authors")?,
        HeaderField::Currency => {
            let code = value.trim().to_ascii_uppercase();
            if !money::is_known_currency(&code) {
                return Err(Error::invalid(format!(
                    "currency: \"{}\" is not an ISO 4217 code (e.g. CNY, USD)",
                    clip(value)
                )));
            }
            let old = std::mem::replace(&mut h.currency, code.clone());
            for g in plan.goals.iter_mut().filter(|g| g.kind.is_money() && g.unit == old) {
                g.unit = code.clone();
            }
        }
        HeaderField::PeriodStart => h.period_start = parse_date(value, "period start")?,
        HeaderField::PeriodEnd => h.period_end = parse_date(value, "period end")?,
        HeaderField::Locale => {
            if value != "zh-CN" && value != "en" {
                return Err(Error::invalid(format!(
                    "locale: \"{}\" must be zh-CN or en",
                    clip(value)
                )));
            }
            h.locale = value.to_string();
        }
        HeaderField::Weekdays => h.calendar.weekdays = parse_weekdays(value)?,
    }
    Ok(())
}

pub(super) fn update_goal(plan: &mut Plan, id: Uuid, field: GoalField, value: &str) -> Result<()> {
    let currency = plan.header.currency.clone();
    let parent = match field {
        GoalField::ParentId if !value.trim().is_empty() => {
            let pid = Uuid::parse_str(value.trim()).map_err(|_| Error::invalid("parent goal: not a goal id"))?;
            if pid == id || plan.goal(pid).is_none() {
                return Err(unknown("parent goal", pid));
            }
            Some(pid)
        }
        _ => None,
    };
    let g = plan
        .goals
        .iter_mut()
        .find(|g| g.id == id)
        .ok_or_else(|| unknown("goal", id))?;
    let amount = |v: &str, what: &str| -> Result<Option<rust_decimal::Decimal>> {
        if v.trim().is_empty() {
            return Ok(None);
        }
        if g.kind.is_money() {
            money::parse_money(v, &currency, what)
        } else {
            money::parse_decimal(v, what)
        }
        .map(Some)
    };
    match field {
        GoalField::Statement => g.statement = text(value, "statement")?,
        GoalField::Metric => g.metric = text(value, "metric")?,
        GoalField::Unit => g.unit = text(value, "unit")?,
        GoalField::Owner => g.owner = text(value, "owner")?,
        GoalField::Rationale => g.rationale = text(value, "rationale")?,
        GoalField::Baseline => g.baseline = amount(value, "baseline")?,
        GoalField::Target => g.target = amount(value, "target")?,
        GoalField::Deadline => {
            g.deadline = if value.trim().is_empty() {
                None
            } else {
                Some(parse_date(value, "deadline")?)
            }
        }
        GoalField::ParentId => g.parent_id = parent,
        GoalField::Layer => {
            g.layer = serde_json::from_value(serde_json::Value::String(value.into()))
                .map_err(|_| Error::invalid(format!("layer: \"{}\" is not a goal layer", clip(value))))?
        }
        GoalField::Kind => {
            g.kind = serde_json::from_value(serde_json::Value::String(value.into()))
                .map_err(|_| Error::invalid(format!("kind: \"{}\" is not a goal kind", clip(value))))?
        }
    }
    Ok(())
}

pub(super) fn day_list(plan: &mut Plan, list: DayList) -> &mut Vec<CalendarDay> {
    match list {
        DayList::Holidays => &mut plan.header.calendar.holidays,
        DayList::ExtraWorkdays => &mut plan.header.calendar.extra_workdays,
    }
}

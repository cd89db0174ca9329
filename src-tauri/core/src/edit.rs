//! Edits: every change a user can make to a plan, as data.
//!
//! The UI sends a [`PlanEdit`]; the core validates and applies it. Values arrive as text and
//! are parsed here, so a malformed number is refused with a message naming the field and the
//! plan stays as it was. Keeping edits as data makes undo/redo, the working-copy journal and
//! the IPC validation one mechanism.

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{BaselineMonth, CalendarDay, Goal, GoalKind, GoalLayer, Plan};
use crate::money::{self, clip};
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

/// Longest text a field accepts.
pub const MAX_TEXT: usize = 4000;

/// A header field set from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HeaderField {
    /// Plan title.
    Title,
    /// Company name.
    Company,
    /// ISO 4217 code.
    Currency,
    /// YYYY-MM-DD.
    PeriodStart,
    /// YYYY-MM-DD.
    PeriodEnd,
    /// "zh-CN" or "en".
    Locale,
    /// Free text.
    Authors,
    /// Working weekdays as digits 1–7 separated by commas, e.g. "1,2,3,4,5".
    Weekdays,
}

/// A goal field set from text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum GoalField {
    /// Free text.
    Statement,
    /// Free text.
    Metric,
    /// Free text.
    Unit,
    /// Decimal text or empty.
    Baseline,
    /// Decimal text or empty.
    Target,
    /// YYYY-MM-DD or empty.
    Deadline,
    /// Free text.
    Owner,
    /// Free text.
    Rationale,
    /// A goal id or empty.
    ParentId,
    /// company | unit | individual.
    Layer,
    /// bookings | cash_in | market_share | margin | other.
    Kind,
}

/// A setting set from decimal text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SettingField {
    /// Threshold between hold and stretch.
    StretchFrom,
    /// Threshold between stretch and aggressive.
    AggressiveFrom,
    /// Lowest achievable growth.
    AchievableMin,
    /// Highest achievable growth.
    AchievableMax,
}

/// Which amount of a baseline month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BaselineField {
    /// Bookings.
    Bookings,
    /// Cash-in.
    CashIn,
}

/// Which list of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DayList {
    /// Public holidays.
    Holidays,
    /// Make-up working days.
    ExtraWorkdays,
}

/// One change to a plan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum PlanEdit {
    /// Sets a header field.
    SetHeader {
        /// Which field.
        field: HeaderField,
        /// New value as text.
        value: String,
    },
    /// Adds or renames a calendar day.
    SetDay {
        /// Which list.
        list: DayList,
        /// YYYY-MM-DD.
        date: String,
        /// Name of the day.
        name: String,
    },
    /// Removes a calendar day.
    RemoveDay {
        /// Which list.
        list: DayList,
        /// YYYY-MM-DD.
        date: String,
    },
    /// Sets a threshold.
    SetSetting {
        /// Which threshold.
        field: SettingField,
        /// Decimal text.
        value: String,
    },
    /// Adds an empty goal at the end.
    AddGoal {
        /// Its layer.
        layer: GoalLayer,
        /// What it measures.
        kind: GoalKind,
    },
    /// Sets a goal field.
    UpdateGoal {
        /// The goal.
        id: Uuid,
        /// Which field.
        field: GoalField,
        /// New value as text.
        value: String,
    },
    /// Removes a goal; goals linked to it lose the link.
    RemoveGoal {
        /// The goal.
        id: Uuid,
    },
    /// Adds a baseline month (zero amounts) if it is not there yet.
    AddBaselineMonth {
        /// YYYY-MM or YYYY-MM-DD (the day is ignored).
        month: String,
    },
    /// Sets an amount of a baseline month.
    UpdateBaseline {
        /// The month's id.
        id: Uuid,
        /// Which amount.
        field: BaselineField,
        /// Decimal text.
        value: String,
    },
    /// Removes a baseline month.
    RemoveBaselineMonth {
        /// The month's id.
        id: Uuid,
    },
}

impl PlanEdit {
    /// Edits that set the same field of the same item merge into one undo step while typing.
    pub fn coalesce_key(&self) -> Option<String> {
        match self {
            PlanEdit::SetHeader { field, .. } => Some(format!("header:{field:?}")),
            PlanEdit::SetSetting { field, .. } => Some(format!("setting:{field:?}")),
            PlanEdit::UpdateGoal { id, field, .. } => Some(format!("goal:{id}:{field:?}")),
            PlanEdit::UpdateBaseline { id, field, .. } => Some(format!("baseline:{id}:{field:?}")),
            _ => None,
        }
    }
}

/// Applies an edit to a plan. On error the plan is unchanged.
pub fn apply(plan: &mut Plan, edit: &PlanEdit, clock: &dyn Clock) -> Result<()> {
    let mut next = plan.clone();
    apply_in_place(&mut next, edit, clock)?;
    *plan = next;
    Ok(())
}

fn apply_in_place(plan: &mut Plan, edit: &PlanEdit, clock: &dyn Clock) -> Result<()> {
    match edit {
        PlanEdit::SetHeader { field, value } => set_header(plan, *field, value),
        PlanEdit::SetDay { list, date, name } => {
            let date = parse_date(date, "date")?;
            let name = text(name, "name")?;
            let days = day_list(plan, *list);
            days.retain(|d| d.date != date);
            days.push(CalendarDay { date, name });
            days.sort_by_key(|d| d.date);
            Ok(())
        }
        PlanEdit::RemoveDay { list, date } => {
            let date = parse_date(date, "date")?;
            day_list(plan, *list).retain(|d| d.date != date);
            Ok(())
        }
        PlanEdit::SetSetting { field, value } => {
            let v = money::parse_decimal(value, "threshold")?;
            let s = &mut plan.settings;
            match field {
                SettingField::StretchFrom => s.stretch_from = v,
                SettingField::AggressiveFrom => s.aggressive_from = v,
                SettingField::AchievableMin => s.achievable_min = v,
                SettingField::AchievableMax => s.achievable_max = v,
            }
            if s.stretch_from > s.aggressive_from || s.achievable_min > s.achievable_max {
                return Err(Error::invalid(
                    "threshold: the lower bound must not exceed the upper bound",
                ));
            }
            Ok(())
        }
        PlanEdit::AddGoal { layer, kind } => {
            let unit = if kind.is_money() {
                plan.header.currency.clone()
            } else {
                String::new()
            };
            plan.goals.push(Goal {
                id: clock.new_id(),
                layer: *layer,
                kind: *kind,
                statement: String::new(),
                metric: String::new(),
                unit,
                baseline: None,
                target: None,
                deadline: None,
                owner: String::new(),
                rationale: String::new(),
                parent_id: None,
            });
            Ok(())
        }
        PlanEdit::UpdateGoal { id, field, value } => update_goal(plan, *id, *field, value),
        PlanEdit::RemoveGoal { id } => {
            let before = plan.goals.len();
            plan.goals.retain(|g| g.id != *id);
            if plan.goals.len() == before {
                return Err(unknown("goal", *id));
            }
            for g in &mut plan.goals {
                if g.parent_id == Some(*id) {
                    g.parent_id = None;
                }
            }
            Ok(())
        }
        PlanEdit::AddBaselineMonth { month } => {
            let month = parse_month(month)?;
            if !plan.baseline.iter().any(|m| m.month == month) {
                let z = rust_decimal::Decimal::ZERO;
                plan.baseline.push(BaselineMonth {
                    id: clock.new_id(),
                    month,
                    bookings: z,
                    cash_in: z,
                });
                plan.baseline.sort_by_key(|m| m.month);
            }
            Ok(())
        }
        PlanEdit::UpdateBaseline { id, field, value } => {
            let currency = plan.header.currency.clone();
            let m = plan
                .baseline
                .iter_mut()
                .find(|m| m.id == *id)
                .ok_or_else(|| unknown("baseline month", *id))?;
            let v = money::parse_money(value, &currency, "amount")?;
            match field {
                BaselineField::Bookings => m.bookings = v,
                BaselineField::CashIn => m.cash_in = v,
            }
            Ok(())
        }
        PlanEdit::RemoveBaselineMonth { id } => {
            let before = plan.baseline.len();
            plan.baseline.retain(|m| m.id != *id);
            if plan.baseline.len() == before {
                return Err(unknown("baseline month", *id));
            }
            Ok(())
        }
    }
}

fn set_header(plan: &mut Plan, field: HeaderField, value: &str) -> Result<()> {
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

fn update_goal(plan: &mut Plan, id: Uuid, field: GoalField, value: &str) -> Result<()> {
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

fn day_list(plan: &mut Plan, list: DayList) -> &mut Vec<CalendarDay> {
    match list {
        DayList::Holidays => &mut plan.header.calendar.holidays,
        DayList::ExtraWorkdays => &mut plan.header.calendar.extra_workdays,
    }
}

fn unknown(what: &str, id: Uuid) -> Error {
    Error::plain(ErrorCode::InvalidArgument, format!("no {what} with id {id}"))
}

/// Checks free text: length cap, no control characters except newlines and tabs.
pub fn text(value: &str, what: &str) -> Result<String> {
    if value.chars().count() > MAX_TEXT {
        return Err(Error::invalid(format!("{what}: longer than {MAX_TEXT} characters")));
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::invalid(format!("{what}: contains control characters")));
    }
    Ok(value.to_string())
}

/// Parses YYYY-MM-DD.
pub fn parse_date(value: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(format!("{what}: \"{}\" is not a date (YYYY-MM-DD)", clip(value))))
}

fn parse_month(value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    let date = if v.len() == 7 { format!("{v}-01") } else { v.to_string() };
    let d = parse_date(&date, "month")?;
    Ok(d.with_day(1).unwrap_or(d))
}

/// Parses "1,2,3,4,5" into sorted, unique ISO weekdays.
pub fn parse_weekdays(value: &str) -> Result<Vec<u8>> {
    let mut days = Vec::new();
    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<u8>() {
            Ok(d @ 1..=7) => days.push(d),
            _ => {
                return Err(Error::invalid(format!(
                    "weekdays: \"{}\" is not a weekday number 1–7",
                    clip(part)
                )))
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;

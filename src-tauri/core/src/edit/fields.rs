//! The fields of the header, goals, settings and baseline, and setting one from text: the
//! parsing and the rules that keep the plan consistent (a new currency relabels money goals, a
//! goal cannot be its own parent). Split from `edit.rs` so the list of edits stays readable.

use super::{parse_date, parse_weekdays, text, unknown};
use crate::error::{Error, Result};
use crate::model::{CalendarDay, Plan};
use crate::money::{self, clip};
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

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

pub(super) fn set_header(plan: &mut Plan, field: HeaderField, value: &str) -> Result<()> {
    let h = &mut plan.header;
    match field {
        HeaderField::Title => h.title = text(value, "title")?,
        HeaderField::Company => h.company = text(value, "company")?,
        HeaderField::Authors => h.authors = text(value, "authors")?,
        HeaderField::Currency => {
            let code = value.trim().to_ascii_uppercase();
            if !money::is_known_currency(&code) {
                let quoted = clip(value);
                return Err(Error::invalid(format!(
                    "currency: \"{quoted}\" is not an ISO 4217 code (e.g. CNY, USD)"
                ))
                .because("currency.unknown", &[("field", "currency"), ("value", &quoted)]));
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
                let quoted = clip(value);
                return Err(Error::invalid(format!("locale: \"{quoted}\" must be zh-CN or en"))
                    .because("locale.unknown", &[("field", "locale"), ("value", &quoted)]));
            }
            h.locale = value.to_string();
        }
        HeaderField::Weekdays => h.calendar.weekdays = parse_weekdays(value)?,
    }
    Ok(())
}

pub(super) fn set_setting(plan: &mut Plan, field: SettingField, value: &str) -> Result<()> {
    let v = money::parse_decimal(value, "threshold").map_err(|e| e.with_param("field", setting_id(field)))?;
    let s = &mut plan.settings;
    match field {
        SettingField::StretchFrom => s.stretch_from = v,
        SettingField::AggressiveFrom => s.aggressive_from = v,
        SettingField::AchievableMin => s.achievable_min = v,
        SettingField::AchievableMax => s.achievable_max = v,
    }
    if s.stretch_from > s.aggressive_from || s.achievable_min > s.achievable_max {
        let key = if s.stretch_from > s.aggressive_from {
            "threshold.band_order"
        } else {
            "threshold.achievable_order"
        };
        return Err(
            Error::invalid("threshold: the lower bound must not exceed the upper bound")
                .because(key, &[("field", setting_id(field))]),
        );
    }
    Ok(())
}

/// The stable field id of a setting (as serialized).
fn setting_id(field: SettingField) -> &'static str {
    match field {
        SettingField::StretchFrom => "stretch_from",
        SettingField::AggressiveFrom => "aggressive_from",
        SettingField::AchievableMin => "achievable_min",
        SettingField::AchievableMax => "achievable_max",
    }
}

pub(super) fn update_goal(plan: &mut Plan, id: Uuid, field: GoalField, value: &str) -> Result<()> {
    let currency = plan.header.currency.clone();
    let parent = match field {
        GoalField::ParentId if !value.trim().is_empty() => {
            let pid = Uuid::parse_str(value.trim()).map_err(|_| {
                Error::invalid("parent goal: not a goal id").because("goal.parent_invalid", &[("field", "parent_goal")])
            })?;
            if pid == id {
                return Err(unknown("parent goal", pid).because("goal.parent_self", &[("field", "parent_goal")]));
            }
            if plan.goal(pid).is_none() {
                return Err(unknown("parent goal", pid).because("goal.parent_missing", &[("field", "parent_goal")]));
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
            g.layer = serde_json::from_value(serde_json::Value::String(value.into())).map_err(|_| {
                let quoted = clip(value);
                Error::invalid(format!("layer: \"{quoted}\" is not a goal layer"))
                    .because("goal.bad_layer", &[("field", "layer"), ("value", &quoted)])
            })?
        }
        GoalField::Kind => {
            g.kind = serde_json::from_value(serde_json::Value::String(value.into())).map_err(|_| {
                let quoted = clip(value);
                Error::invalid(format!("kind: \"{quoted}\" is not a goal kind"))
                    .because("goal.bad_kind", &[("field", "kind"), ("value", &quoted)])
            })?
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

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The plan header (domain.md §0).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PlanHeader {
    /// Plan title, e.g. "Q4 sales +30 %".
    pub title: String,
    /// Company name.
    pub company: String,
    /// ISO 4217 code; its minor unit governs every amount in the plan.
    pub currency: String,
    /// First day of the plan period.
    pub period_start: NaiveDate,
    /// Last day of the plan period (inclusive).
    pub period_end: NaiveDate,
    /// Working-day calendar.
    pub calendar: WorkCalendar,
    /// Language the plan is written in ("zh-CN" or "en").
    pub locale: String,
    /// Authors, free text.
    pub authors: String,
}

/// Which days are working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct WorkCalendar {
    /// ISO weekdays that are working days, 1 = Monday … 7 = Sunday, ascending.
    pub weekdays: Vec<u8>,
    /// Days off that fall on working weekdays (public holidays), ascending by date.
    pub holidays: Vec<CalendarDay>,
    /// Extra working days on weekends (调休 make-up days), ascending by date.
    pub extra_workdays: Vec<CalendarDay>,
}

/// A named day in the calendar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CalendarDay {
    /// The date.
    pub date: NaiveDate,
    /// Its name, e.g. "国庆节".
    pub name: String,
}

/// Per-plan thresholds (domain.md §1: challenge bands and the SMART achievable band).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct PlanSettings {
    /// Growth at or above this (and below `aggressive_from`) is a stretch; below it, hold.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub stretch_from: Decimal,
    /// Growth at or above this is aggressive.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub aggressive_from: Decimal,
    /// Lowest growth the SMART check calls achievable-and-worth-it.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub achievable_min: Decimal,
    /// Highest growth the SMART check calls achievable.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub achievable_max: Decimal,
}

impl Default for PlanSettings {
    fn default() -> Self {
        PlanSettings {
            stretch_from: Decimal::new(5, 2),
            aggressive_from: Decimal::new(40, 2),
            achievable_min: Decimal::ZERO,
            achievable_max: Decimal::new(60, 2),
        }
    }
}

/// Actual results of one earlier month (the baseline history).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct BaselineMonth {
    /// Stable id.
    pub id: Uuid,
    /// First day of the month.
    pub month: NaiveDate,
    /// Bookings (orders signed) in the month.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub bookings: Decimal,
    /// Cash collected in the month.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub cash_in: Decimal,
}

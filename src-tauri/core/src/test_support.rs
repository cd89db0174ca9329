//! Fixtures shared by the core's unit tests: one test clock, the template plan, decimals.

use crate::clock::FixedClock;
use crate::model::Plan;
use crate::template::{self, Template};
use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The clock the tests run at: 2026-09-01 09:00 UTC, ids counting up from a fixed start.
pub fn clock() -> FixedClock {
    FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap())
}

/// The "Q4 sales +30 %" template in `locale`, built on `clock`.
pub fn template_plan(locale: &str, clock: &FixedClock) -> Plan {
    template::build(
        Template::Q4Growth,
        locale,
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        clock,
    )
}

/// A decimal from text.
pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

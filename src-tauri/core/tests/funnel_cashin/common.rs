//! Generators shared by the property tests.

use chrono::NaiveDate;
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::engine::funnel::MonthAmount;

/// A decimal `mantissa × 10^-scale` with the mantissa in `range`.
pub fn decimal(range: std::ops::RangeInclusive<i64>, max_scale: u32) -> impl Strategy<Value = Decimal> {
    (range, 0..=max_scale).prop_map(|(m, s)| Decimal::new(m, s))
}

/// A rate: mostly inside 0..=1, sometimes zero, sometimes outside.
pub fn rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        6 => decimal(1..=10_000, 4).prop_map(|d| d.min(Decimal::ONE)),
        1 => Just(Decimal::ZERO),
        1 => Just(Decimal::ONE),
        1 => decimal(-10_000..=30_000, 4),
    ]
}

/// Up to `max` consecutive-ish months from a start between 2025-01 and 2027-12, with amounts.
pub fn months(max: usize, amount: impl Strategy<Value = Decimal>) -> impl Strategy<Value = Vec<MonthAmount>> {
    (0u32..36, prop::collection::vec((0u32..3, amount), 0..=max)).prop_map(|(start, items)| {
        let mut index = start;
        items
            .into_iter()
            .map(|(gap, amount)| {
                index += gap.min(1); // mostly contiguous, sometimes a repeated month
                let month = NaiveDate::from_ymd_opt(2025 + (index / 12) as i32, index % 12 + 1, 1).unwrap();
                MonthAmount { month, amount }
            })
            .collect()
    })
}

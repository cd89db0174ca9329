//! Cash-in properties: every amount is accounted for to the minor unit, whatever the drivers.

use crate::common::{decimal, months, rate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::engine::cashin::{schedule, CashInInput, PaymentTerm};

fn input() -> impl Strategy<Value = CashInInput> {
    (0u32..=3).prop_flat_map(|minor| {
        let money = move |range| decimal(range, 0).prop_map(move |d| d / Decimal::from(10i64.pow(minor)));
        (
            months(14, money(-1_000_000..=9_000_000_000)),
            prop::collection::vec((rate(), 0u16..400), 0..4),
            rate(),
            money(-1_000_000..=5_000_000_000),
            prop::collection::vec(rate(), 0..4),
            Just(minor),
        )
            .prop_map(
                |(bookings, terms, bad_debt_share, opening_receivables, opening_profile, minor_units)| {
                    let terms = terms
                        .into_iter()
                        .map(|(share, days)| PaymentTerm { share, days })
                        .collect();
                    CashInInput {
                        bookings,
                        terms,
                        bad_debt_share,
                        opening_receivables,
                        opening_profile,
                        minor_units,
                    }
                },
            )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn every_amount_is_accounted_for_exactly(input in input()) {
        let s = schedule(&input);
        let booked: Decimal = input.bookings.iter().map(|b| b.amount).sum();
        let after: Decimal = s.after_period.iter().map(|a| a.amount).sum();
        // opening + bookings = in-period collections + bad debt + closing receivables, and the
        // closing receivables are the after-period collections plus anything unscheduled.
        prop_assert_eq!(s.bookings, booked);
        prop_assert_eq!(s.opening_receivables + booked, s.collections + s.bad_debt + s.closing_receivables);
        prop_assert_eq!(s.closing_receivables, after + s.unscheduled);
        prop_assert_eq!(s.months.last().map_or(s.opening_receivables, |m| m.closing_receivables), s.closing_receivables);
        // Each booking month: its collections (in and after the period) + bad debt = its bookings.
        let no_terms = s.unscheduled != Decimal::ZERO;
        for b in &s.by_booking_month {
            let collected: Decimal = b.collections.iter().map(|c| c.amount).sum();
            if !no_terms {
                prop_assert_eq!(collected + b.bad_debt, b.bookings);
            }
            // Every part is a whole number of minor units.
            for part in b.collections.iter().map(|c| c.amount).chain([b.bad_debt]) {
                prop_assert!(part.normalize().scale() <= input.minor_units, "{} at {}", part, input.minor_units);
            }
        }
        if let Some(rate) = s.collection_rate {
            let base = s.opening_receivables + s.bookings;
            prop_assert!((rate - s.collections / base).abs() <= Decimal::new(5, 7));
        }
    }
}

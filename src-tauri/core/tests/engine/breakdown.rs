//! Properties of section 1 as the plan computes it: random split methods, locks, history
//! years, over-assignment, seasonality and payment terms on the template plan. Whatever the
//! drivers, every split that gives a result sums exactly to its whole, every crossed row to its
//! member, the funnel segments to the goal's months, the cash-in schedule balances, and the
//! same plan always gives the same report.

use chrono::{NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::clock::FixedClock;
use salesplan_core::engine::allocation::DecompositionMethod;
use salesplan_core::engine::evaluate;
use salesplan_core::model::{Plan, SeasonalityChoice};
use salesplan_core::template::{self, Template};

fn template_plan() -> Plan {
    let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap());
    template::build(
        Template::Q4Growth,
        "en",
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        &clock,
    )
}

fn method() -> impl Strategy<Value = DecompositionMethod> {
    prop::sample::select(vec![
        DecompositionMethod::ManualAmount,
        DecompositionMethod::ManualPercent,
        DecompositionMethod::BaselineShare,
        DecompositionMethod::Equal,
        DecompositionMethod::HistoryShareAdjusted,
    ])
}

/// An amount in fen up to 20 million yuan, or none.
fn amount() -> impl Strategy<Value = Option<Decimal>> {
    prop::option::of((0i64..2_000_000_000).prop_map(|fen| Decimal::new(fen, 2)))
}

/// Random drivers: split methods, locks, manual percents, adjustments, over-assignment,
/// history years, seasonality weights, flat seasonality, upfront share, payment days and
/// opening receivables (see [`apply`]).
type Drivers = (
    Vec<DecompositionMethod>,
    Vec<Option<Decimal>>,
    Vec<u32>,
    Vec<u32>,
    u32,
    Vec<i32>,
    Vec<Option<u32>>,
    bool,
    u32,
    u16,
    i64,
);

prop_compose! {
    fn drivers()(
        methods in prop::collection::vec(method(), 4),
        locks in prop::collection::vec(amount(), 3),
        percents in prop::collection::vec(0u32..=100, 3),
        adjustments in prop::collection::vec(1u32..300, 3),
        over in 0u32..=50,
        years in prop::sample::subsequence(vec![2024, 2025, 2026], 0..=3),
        weights in prop::collection::vec(prop::option::of(0u32..1000), 12),
        flat in any::<bool>(),
        upfront in 0u32..=100,
        days in 0u16..200,
        opening in 0i64..500_000_000,
    ) -> Drivers {
        (methods, locks, percents, adjustments, over, years, weights, flat, upfront, days, opening)
    }
}

fn apply(plan: &mut Plan, d: Drivers) {
    let (methods, locks, percents, adjustments, over, years, weights, flat, upfront, days, opening) = d;
    for (split, method) in plan.drivers.decompositions.iter_mut().zip(methods) {
        split.method = method;
        split.history_years = years.clone();
        split.over_assignment = Decimal::from(over);
    }
    let regions = &mut plan.drivers.decompositions[0];
    for (i, e) in regions.entries.iter_mut().enumerate() {
        e.locked = locks[i];
        e.manual_amount = locks[(i + 1) % 3];
        e.manual_percent = Some(Decimal::from(percents[i]));
        e.adjustment = Some(Decimal::new(adjustments[i] as i64, 2));
    }
    plan.drivers.phasing[0].seasonality = if flat {
        SeasonalityChoice::Flat
    } else {
        SeasonalityChoice::Manual {
            weights: weights.into_iter().map(|w| w.map(Decimal::from)).collect(),
        }
    };
    let cash = &mut plan.drivers.cash_in[0];
    cash.terms[0].share = Decimal::new(upfront as i64, 2);
    cash.terms[1].share = Decimal::ONE - cash.terms[0].share;
    cash.terms[1].days = days;
    cash.opening_receivables = Decimal::new(opening, 2);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_level_of_section_1_sums_exactly(d in drivers()) {
        let mut plan = template_plan();
        apply(&mut plan, d);
        let report = evaluate(&plan);
        prop_assert_eq!(&report, &evaluate(&plan), "deterministic");
        for split in &report.breakdown.splits {
            let Some(r) = &split.result else { continue };
            let parts: Option<Vec<Decimal>> = r.members.iter().map(|m| m.allocated).collect();
            let Some(parts) = parts else { continue };
            // Every member has an amount: they sum to what was allocated, and with no
            // unassigned remainder, to the whole.
            let sum: Decimal = parts.iter().sum();
            prop_assert_eq!(sum, r.totals.allocated);
            prop_assert_eq!(r.totals.allocated + r.totals.unassigned, r.totals.total);
            for (m, entry) in r.members.iter().zip(&split.members) {
                let typed = plan.drivers.decompositions.iter().find(|d| d.id == split.id).unwrap()
                    .entries.iter().find(|e| e.member_id == entry.id).and_then(|e| e.locked);
                if let (Some(lock), true) = (typed, m.locked) {
                    prop_assert_eq!(m.allocated, Some(lock), "a locked member keeps its amount");
                }
            }
            if let Some(c) = &split.crossed {
                for (row, part) in c.cells.iter().zip(&parts) {
                    prop_assert_eq!(row.iter().sum::<Decimal>(), *part);
                }
                prop_assert_eq!(c.column_totals.iter().sum::<Decimal>(), sum);
            }
        }
        let months = &report.phasing[0].months;
        for funnel in &report.breakdown.funnels {
            if funnel.segments.len() == 3 {
                for (i, m) in months.iter().enumerate() {
                    let seg: Decimal = funnel.segments.iter()
                        .map(|s| s.plan.months.iter().filter(|x| !x.before_period).nth(i).map_or(Decimal::ZERO, |x| x.target))
                        .sum();
                    prop_assert_eq!(seg, m.amount, "segments share the month exactly");
                }
            }
        }
        for cash in &report.breakdown.cash_in {
            let Some(s) = &cash.schedule else { continue };
            prop_assert_eq!(s.opening_receivables + s.bookings, s.collections + s.bad_debt + s.closing_receivables);
        }
    }
}

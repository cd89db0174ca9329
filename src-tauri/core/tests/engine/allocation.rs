//! Properties of `allocate`, `decompose` and the crossed splits.

use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::engine::allocation::{
    allocate, allocate_crossed, allocate_outer_inner, decompose, DecompositionInput, DecompositionMember,
    DecompositionMethod, Weight,
};
use salesplan_core::engine::findings::Severity;

/// The minor units of real currencies: JPY 0, CNY 2, KWD 3.
fn minor() -> impl Strategy<Value = u32> {
    prop_oneof![Just(0u32), Just(2), Just(3)]
}

/// A total at the minor unit: small, plan-sized, or near the 10¹⁸ money limit.
fn total(minor: u32) -> impl Strategy<Value = Decimal> {
    let max = 10i128.pow(18 + minor) - 1;
    prop_oneof![-1000i128..=1000, 0i128..=10i128.pow(12), -max..=max]
        .prop_map(move |units| Decimal::from_i128_with_scale(units, minor))
}

/// A non-negative weight with 0–10 decimal places, often zero or repeated.
fn weight() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        Just(Decimal::ZERO),
        Just(Decimal::ONE),
        (0i64..=1_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
        (0i64..=i64::MAX, 0u32..=10).prop_map(|(m, s)| Decimal::new(m, s)),
    ]
}

/// Anything a user might leave in a weight cell: missing, negative, zero, tiny or huge.
fn any_weight() -> impl Strategy<Value = Weight> {
    prop_oneof![
        Just(None),
        weight().prop_map(Some),
        (i64::MIN..=0, 0u32..=28).prop_map(|(m, s)| Some(Decimal::new(m, s))),
        Just(Some(Decimal::MAX)),
        Just(Some(Decimal::MIN)),
    ]
}

fn units(d: Decimal, minor: u32) -> i128 {
    assert!(d.scale() <= minor, "{d} is finer than {minor} places");
    d.mantissa() * 10i128.pow(minor - d.scale())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parts_sum_exactly_at_the_minor_unit(
        (minor, total, weights) in minor().prop_flat_map(|m| (Just(m), total(m), prop::collection::vec(weight(), 1..40)))
    ) {
        let w: Vec<Weight> = weights.iter().copied().map(Some).collect();
        match allocate(total, &w, minor) {
            Ok(parts) => {
                prop_assert_eq!(parts.len(), w.len());
                prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), total);
                for (p, w) in parts.iter().zip(&weights) {
                    prop_assert_eq!(p.scale(), minor);
                    if w.is_zero() { prop_assert!(p.is_zero()); }
                    prop_assert!(p.is_zero() || p.is_sign_negative() == total.is_sign_negative());
                }
                // Deterministic: the same input gives the same parts.
                prop_assert_eq!(allocate(total, &w, minor).unwrap(), parts);
            }
            Err(issue) => prop_assert!(weights.iter().all(|w| w.is_zero()), "{issue:?}"),
        }
    }

    #[test]
    fn each_part_is_within_one_unit_of_its_exact_share(
        minor in minor(),
        total_units in 0i128..=10i128.pow(12),
        weights in prop::collection::vec((0i64..=1_000_000, 0u32..=4).prop_map(|(m, s)| Decimal::new(m, s)), 1..30),
    ) {
        prop_assume!(weights.iter().any(|w| !w.is_zero()));
        let total = Decimal::from_i128_with_scale(total_units, minor);
        let parts = allocate(total, &weights.iter().copied().map(Some).collect::<Vec<_>>(), minor).unwrap();
        // |part·W − total·w| < W, in integer units on a common weight scale of 4 places.
        let w: Vec<i128> = weights.iter().map(|w| units(*w, 4)).collect();
        let sum: i128 = w.iter().sum();
        for (p, w) in parts.iter().zip(&w) {
            let diff = units(*p, minor) * sum - total_units * w;
            prop_assert!(diff.abs() < sum, "part {p} weight {w} of {sum}");
        }
    }

    #[test]
    fn equal_weights_differ_by_at_most_one_unit_earlier_members_first(
        minor in minor(), total_units in 0i128..=10i128.pow(9), n in 1usize..50,
    ) {
        let total = Decimal::from_i128_with_scale(total_units, minor);
        let parts = allocate(total, &vec![Some(Decimal::ONE); n], minor).unwrap();
        let u: Vec<i128> = parts.iter().map(|p| units(*p, minor)).collect();
        prop_assert!(u.windows(2).all(|w| w[0] >= w[1] && w[0] - w[1] <= 1));
    }

    #[test]
    fn bad_weights_never_panic(
        total in any::<i64>(), scale in 0u32..=28, minor in 0u32..=40,
        weights in prop::collection::vec(any_weight(), 0..12),
    ) {
        let total = Decimal::new(total, scale);
        if let Ok(parts) = allocate(total, &weights, minor) {
            prop_assert_eq!(parts.iter().copied().sum::<Decimal>(), total);
        }
    }

    #[test]
    fn crossed_rows_and_grand_total_are_exact(
        (minor, total, matrix) in minor().prop_flat_map(|m| (
            Just(m), total(m),
            prop::collection::vec(prop::collection::vec(weight(), 0..6), 1..6),
        ))
    ) {
        let w: Vec<Vec<Weight>> = matrix.iter().map(|r| r.iter().copied().map(Some).collect()).collect();
        if let Ok(c) = allocate_crossed(total, &w, minor) {
            prop_assert_eq!(c.row_totals.iter().copied().sum::<Decimal>(), total);
            prop_assert_eq!(c.column_totals.iter().copied().sum::<Decimal>(), total);
            for (row, row_total) in c.cells.iter().zip(&c.row_totals) {
                prop_assert_eq!(row.iter().copied().sum::<Decimal>(), *row_total);
            }
        } else {
            prop_assert!(matrix.iter().flatten().all(|w| w.is_zero()));
        }
    }

    #[test]
    fn outer_inner_is_exact(
        minor in minor(), total_units in 0i128..=10i128.pow(12),
        outer in prop::collection::vec(weight(), 1..6), inner in prop::collection::vec(weight(), 1..6),
    ) {
        let total = Decimal::from_i128_with_scale(total_units, minor);
        let some = |v: &[Decimal]| v.iter().copied().map(Some).collect::<Vec<_>>();
        if let Ok(c) = allocate_outer_inner(total, &some(&outer), &some(&inner), minor) {
            prop_assert_eq!(c.column_totals.iter().copied().sum::<Decimal>(), total);
            for (row, row_total) in c.cells.iter().zip(&c.row_totals) {
                prop_assert_eq!(row.iter().copied().sum::<Decimal>(), *row_total);
            }
        }
    }
}

fn method() -> impl Strategy<Value = DecompositionMethod> {
    use DecompositionMethod::*;
    prop_oneof![
        Just(ManualAmount),
        Just(ManualPercent),
        Just(BaselineShare),
        Just(Equal),
        Just(HistoryShareAdjusted)
    ]
}

/// A member with each field present or not; amounts at the minor unit, weights non-negative.
fn member(minor: u32) -> impl Strategy<Value = DecompositionMember> {
    let amount =
        move || prop::option::of((0i128..=10i128.pow(8)).prop_map(move |u| Decimal::from_i128_with_scale(u, minor)));
    (
        prop::option::weighted(0.3, amount()),
        amount(),
        prop::option::of(0i64..=100),
        prop::option::of(weight()),
        prop::option::of((0i64..=300, 0u32..=2)),
        amount(),
    )
        .prop_map(
            |(locked, manual_amount, percent, baseline, adjustment, commitment)| DecompositionMember {
                id: "m".into(),
                name: "M".into(),
                locked: locked.flatten(),
                manual_amount,
                manual_percent: percent.map(Decimal::from),
                baseline,
                adjustment: adjustment.map(|(m, s)| Decimal::new(m, s)),
                commitment,
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn decompositions_are_exact_keep_locks_and_never_panic(
        (minor, total, members) in minor().prop_flat_map(|m| (
            Just(m),
            (0i128..=10i128.pow(10)).prop_map(move |u| Decimal::from_i128_with_scale(u, m)),
            prop::collection::vec(member(m), 0..12),
        )),
        method in method(), over in 0i64..=50,
    ) {
        let input = DecompositionInput { total, minor_units: minor, method, over_assignment: Decimal::from(over), members };
        let r = decompose(&input);
        prop_assert_eq!(&r, &decompose(&input), "deterministic");
        for (m, out) in input.members.iter().zip(&r.members) {
            if let Some(locked) = m.locked {
                prop_assert_eq!(out.allocated, Some(locked));
            }
        }
        let errors = r.findings.iter().any(|f| f.severity == Severity::Error);
        let complete = r.members.iter().all(|m| m.allocated.is_some());
        if !errors && complete && !input.members.is_empty() {
            prop_assert_eq!(r.totals.allocated, total);
            prop_assert!(r.totals.unassigned.is_zero());
        }
        if let Some(quota) = r.totals.quota {
            let expect = (r.totals.allocated * (Decimal::ONE + Decimal::from(over) / Decimal::ONE_HUNDRED))
                .round_dp_with_strategy(minor, rust_decimal::RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(quota, expect);
            let sum: Decimal = r.members.iter().map(|m| m.quota.unwrap()).sum();
            prop_assert_eq!(sum, quota);
        }
    }
}

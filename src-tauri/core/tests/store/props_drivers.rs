//! Arbitrary section-1 drivers and baseline splits for the round-trip properties. Ids are
//! drawn at random (u128: collisions are out of reach); references may dangle on purpose, as
//! in a stranger's file: the store keeps them and the health check reports them.

use super::props::{decimal, text_date};
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::engine::allocation::DecompositionMethod;
use salesplan_core::engine::cashin::PaymentTerm;
use salesplan_core::engine::funnel::RepeatRevenue;
use salesplan_core::model::{
    BaselineSplit, CashInPlan, Decomposition, DecompositionEntry, DimensionKind, Drivers, FunnelSegment, FunnelSetup,
    PhasingRule, SeasonalityChoice,
};
use std::collections::HashSet;
use uuid::Uuid;

fn uuid() -> impl Strategy<Value = Uuid> {
    any::<u128>().prop_map(Uuid::from_u128)
}

fn dimension() -> impl Strategy<Value = DimensionKind> {
    prop::sample::select(DimensionKind::ALL.to_vec())
}

fn opt_dec() -> impl Strategy<Value = Option<Decimal>> {
    prop::option::of(decimal())
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

fn entry() -> impl Strategy<Value = DecompositionEntry> {
    (uuid(), opt_dec(), opt_dec(), opt_dec(), opt_dec(), opt_dec()).prop_map(
        |(member_id, locked, manual_amount, manual_percent, adjustment, commitment)| DecompositionEntry {
            member_id,
            locked,
            manual_amount,
            manual_percent,
            adjustment,
            commitment,
        },
    )
}

fn split() -> impl Strategy<Value = Decomposition> {
    (
        (uuid(), uuid(), dimension(), prop::option::of(uuid()), method()),
        prop::collection::vec(1900i32..3000, 0..4),
        decimal(),
        prop::option::of(dimension()),
        prop::collection::vec(entry(), 0..6),
    )
        .prop_map(
            |((id, goal_id, dimension, org_parent, method), history_years, over, crossed_with, entries)| {
                let mut seen = HashSet::new();
                Decomposition {
                    id,
                    goal_id,
                    dimension,
                    org_parent,
                    method,
                    history_years,
                    over_assignment: over,
                    crossed_with,
                    entries: entries.into_iter().filter(|e| seen.insert(e.member_id)).collect(),
                }
            },
        )
}

fn seasonality() -> impl Strategy<Value = SeasonalityChoice> {
    prop_oneof![
        prop::collection::vec(1900i32..3000, 0..4).prop_map(|years| SeasonalityChoice::History { years }),
        prop::collection::vec(opt_dec(), 12).prop_map(|weights| SeasonalityChoice::Manual { weights }),
        Just(SeasonalityChoice::Flat),
    ]
}

fn repeat() -> impl Strategy<Value = RepeatRevenue> {
    prop_oneof![
        decimal().prop_map(|share| RepeatRevenue::Share { share }),
        (any::<u32>(), decimal(), decimal()).prop_map(|(existing_customers, repeat_rate, order_value)| {
            RepeatRevenue::Customers {
                existing_customers,
                repeat_rate,
                order_value,
            }
        }),
    ]
}

fn segment() -> impl Strategy<Value = FunnelSegment> {
    (
        prop::option::of(uuid()),
        repeat(),
        decimal(),
        decimal(),
        decimal(),
        any::<u16>(),
        any::<u16>(),
    )
        .prop_map(
            |(member_id, repeat, deal_size, l2o, o2d, cycle, lead_days)| FunnelSegment {
                member_id,
                repeat,
                deal_size,
                lead_to_opportunity: l2o,
                opportunity_to_deal: o2d,
                sales_cycle_days: cycle,
                lead_to_opportunity_days: lead_days,
            },
        )
}

fn cash_in() -> impl Strategy<Value = CashInPlan> {
    (
        (uuid(), uuid(), prop::option::of(uuid())),
        prop::collection::vec((decimal(), any::<u16>()), 0..5),
        decimal(),
        decimal(),
        prop::collection::vec(decimal(), 0..4),
    )
        .prop_map(
            |((id, goal_id, cash_in_goal_id), terms, bad, opening, profile)| CashInPlan {
                id,
                goal_id,
                cash_in_goal_id,
                terms: terms
                    .into_iter()
                    .map(|(share, days)| PaymentTerm { share, days })
                    .collect(),
                bad_debt_share: bad,
                opening_receivables: opening,
                opening_profile: profile,
            },
        )
}

/// Baseline splits (one per month, dimension and member) and drivers (one phasing rule per goal).
pub fn drivers() -> impl Strategy<Value = (Vec<BaselineSplit>, Drivers)> {
    (
        prop::collection::vec((uuid(), text_date(), dimension(), uuid(), decimal(), decimal()), 0..8),
        prop::collection::vec(split(), 0..4),
        prop::collection::vec((uuid(), uuid(), seasonality()), 0..3),
        prop::collection::vec(
            (
                uuid(),
                uuid(),
                prop::option::of(dimension()),
                prop::collection::vec(segment(), 0..4),
            ),
            0..2,
        ),
        prop::collection::vec(cash_in(), 0..2),
    )
        .prop_map(|(rows, decompositions, rules, funnels, cash_in)| {
            let mut cells = HashSet::new();
            let splits = (rows.into_iter())
                .filter(|r| cells.insert((r.1, r.2, r.3)))
                .map(|(id, month, dimension, member_id, bookings, cash_in)| BaselineSplit {
                    id,
                    month,
                    dimension,
                    member_id,
                    bookings,
                    cash_in,
                })
                .collect();
            let mut goals = HashSet::new();
            let phasing = (rules.into_iter())
                .filter(|r| goals.insert(r.1))
                .map(|(id, goal_id, seasonality)| PhasingRule {
                    id,
                    goal_id,
                    seasonality,
                })
                .collect();
            let funnels = (funnels.into_iter())
                .map(|(id, goal_id, segment_by, segments)| FunnelSetup {
                    id,
                    goal_id,
                    segment_by,
                    segments,
                })
                .collect();
            let drivers = Drivers {
                decompositions,
                phasing,
                funnels,
                cash_in,
            };
            (splits, drivers)
        })
}

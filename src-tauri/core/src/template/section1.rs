//! Section 1 of the "Q4 sales +30 %" template beyond the goals: history per region, tier and
//! product for 2025, the splits, the seasonality, the funnel by tier and the cash-in plan.
//!
//! The numbers are chosen so the plan holds together (no error or warning findings):
//! - History shares for 2025: regions East 45 % / South 35 % / North 20 %, tiers A 50 % /
//!   B 30 % / C 20 %, products 40 / 25 / 15 / 20 %, each month split exactly from the company
//!   month with [`allocate`], so the rows of a dimension sum to the baseline month.
//! - Bookings 13,000,000 split by region by 2025 share (5,850,000 / 4,550,000 / 2,600,000) with
//!   a 10 % over-assignment for quotas, crossed with products; East split 60/40 over its teams;
//!   the regions' own commitments sit beside (gap shown); bookings and cash-in by tier.
//! - Phasing by 2025's seasonality: 3,900,000 / 4,160,000 / 4,940,000.
//! - Cash-in on terms 30 % on order and 70 % 30 days later (the goal's rationale), 1 % bad debt
//!   and 2,500,000 opening receivables collected in October: collections in the quarter cover
//!   the 11,960,000 cash-in target (see the test `template_cash_in_covers_its_target`).

use crate::clock::Clock;
use crate::engine::allocation::{allocate, DecompositionMethod};
use crate::engine::cashin::PaymentTerm;
use crate::engine::funnel::RepeatRevenue;
use crate::model::{
    BaselineMonth, BaselineSplit, CashInPlan, Decomposition, DecompositionEntry, DimensionKind, Dimensions, Drivers,
    FunnelSegment, FunnelSetup, OrgLevel, PhasingRule, SeasonalityChoice,
};
use chrono::Datelike;
use rust_decimal::Decimal;
use uuid::Uuid;

/// History per member of the regions, tiers and products for the months of 2025.
pub(super) fn baseline_splits(baseline: &[BaselineMonth], dims: &Dimensions, clock: &dyn Clock) -> Vec<BaselineSplit> {
    let regions: Vec<Uuid> = dims
        .org
        .iter()
        .filter(|m| m.level == OrgLevel::Region)
        .map(|m| m.id)
        .collect();
    let ids = |list: &[crate::model::Member]| list.iter().map(|m| m.id).collect::<Vec<_>>();
    let shares: [(DimensionKind, Vec<Uuid>, &[i64]); 3] = [
        (DimensionKind::Org, regions, &[45, 35, 20]),
        (DimensionKind::Tier, ids(&dims.tiers), &[50, 30, 20]),
        (DimensionKind::Product, ids(&dims.products), &[40, 25, 15, 20]),
    ];
    let mut out = vec![];
    for m in baseline.iter().filter(|m| m.month.year() == 2025) {
        for (dimension, members, weights) in &shares {
            let w: Vec<Option<Decimal>> = weights.iter().map(|&x| Some(Decimal::from(x))).collect();
            let bookings = allocate(m.bookings, &w, 2).expect("template weights are positive");
            let cash_in = allocate(m.cash_in, &w, 2).expect("template weights are positive");
            for (i, member_id) in members.iter().enumerate() {
                out.push(BaselineSplit {
                    id: clock.new_id(),
                    month: m.month,
                    dimension: *dimension,
                    member_id: *member_id,
                    bookings: bookings[i],
                    cash_in: cash_in[i],
                });
            }
        }
    }
    out
}

/// The splits, phasing rule, funnel and cash-in plan of the two company goals.
pub(super) fn drivers(bookings: Uuid, cash: Uuid, dims: &Dimensions, clock: &dyn Clock) -> Drivers {
    let regions: Vec<Uuid> = dims
        .org
        .iter()
        .filter(|m| m.level == OrgLevel::Region)
        .map(|m| m.id)
        .collect();
    let east_teams: Vec<Uuid> = dims
        .org
        .iter()
        .filter(|m| m.parent_id == Some(regions[0]))
        .map(|m| m.id)
        .collect();
    let split = |goal_id, dimension, method| Decomposition {
        id: clock.new_id(),
        goal_id,
        dimension,
        org_parent: None,
        method,
        history_years: vec![2025],
        over_assignment: Decimal::ZERO,
        crossed_with: None,
        entries: vec![],
    };
    let commit = |member_id, amount: i64| DecompositionEntry {
        member_id,
        commitment: Some(Decimal::from(amount)),
        ..Default::default()
    };
    let by_region = Decomposition {
        over_assignment: Decimal::TEN,
        crossed_with: Some(DimensionKind::Product),
        entries: vec![
            commit(regions[0], 6_000_000),
            commit(regions[1], 4_400_000),
            commit(regions[2], 2_500_000),
        ],
        ..split(bookings, DimensionKind::Org, DecompositionMethod::BaselineShare)
    };
    let percent = |member_id, p: i64| DecompositionEntry {
        member_id,
        manual_percent: Some(Decimal::from(p)),
        ..Default::default()
    };
    let east = Decomposition {
        org_parent: Some(regions[0]),
        history_years: vec![],
        entries: vec![percent(east_teams[0], 60), percent(east_teams[1], 40)],
        ..split(bookings, DimensionKind::Org, DecompositionMethod::ManualPercent)
    };
    let decompositions = vec![
        by_region,
        east,
        split(bookings, DimensionKind::Tier, DecompositionMethod::BaselineShare),
        split(cash, DimensionKind::Org, DecompositionMethod::BaselineShare),
    ];
    let phasing = vec![PhasingRule {
        id: clock.new_id(),
        goal_id: bookings,
        seasonality: SeasonalityChoice::History { years: vec![2025] },
    }];
    let funnel = FunnelSetup {
        id: clock.new_id(),
        goal_id: bookings,
        segment_by: Some(DimensionKind::Tier),
        segments: dims
            .tiers
            .iter()
            .zip(TIER_FUNNEL)
            .map(|(tier, (deal, repeat, l2o, o2d, cycle, lead_days))| FunnelSegment {
                member_id: Some(tier.id),
                repeat: RepeatRevenue::Share { share: pct(repeat) },
                deal_size: Decimal::from(deal),
                lead_to_opportunity: pct(l2o),
                opportunity_to_deal: pct(o2d),
                sales_cycle_days: cycle,
                lead_to_opportunity_days: lead_days,
            })
            .collect(),
    };
    let cash_in = CashInPlan {
        id: clock.new_id(),
        goal_id: bookings,
        cash_in_goal_id: Some(cash),
        terms: vec![term(30, 0), term(70, 30)],
        bad_debt_share: pct(1),
        opening_receivables: Decimal::from(2_500_000),
        opening_profile: vec![],
    };
    Drivers {
        decompositions,
        phasing,
        funnels: vec![funnel],
        cash_in: vec![cash_in],
    }
}

/// Per tier: deal size, repeat share %, lead → opportunity %, opportunity → deal %, sales
/// cycle days, lead → opportunity days. Key accounts buy big, often and slowly.
const TIER_FUNNEL: [(i64, i64, i64, i64, u16, u16); 3] = [
    (300_000, 60, 40, 30, 60, 14),
    (60_000, 40, 30, 25, 45, 14),
    (12_000, 20, 20, 20, 21, 7),
];

fn pct(p: i64) -> Decimal {
    Decimal::new(p, 2)
}

fn term(percent: i64, days: u16) -> PaymentTerm {
    PaymentTerm {
        share: pct(percent),
        days,
    }
}

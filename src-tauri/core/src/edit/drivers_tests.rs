//! Driver edits: defaults, parsing (percent in, fraction stored), refusals that leave the plan
//! unchanged, and the import merge.

use crate::clock::FixedClock;
use crate::edit::{
    apply, CashInField, DriverEdit, FunnelField, PlanEdit, SeasonalityBasis, SplitEntryField, SplitField,
};
use crate::engine::allocation::DecompositionMethod;
use crate::engine::funnel::RepeatRevenue;
use crate::model::{BaselineMonth, DimensionKind, Plan, SeasonalityChoice};
use crate::test_support::{clock, dec};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use uuid::Uuid;

fn template_plan(clock: &FixedClock) -> Plan {
    crate::test_support::template_plan("en", clock)
}

fn run(plan: &mut Plan, edit: DriverEdit, clock: &FixedClock) -> crate::Result<()> {
    apply(plan, &PlanEdit::Driver { edit }, clock)
}

#[test]
fn a_new_split_starts_from_history_when_the_dimension_has_some_else_equal() {
    let c = clock();
    let mut plan = template_plan(&c);
    let cash = plan.goals[1].id;
    plan.drivers.decompositions.clear();
    let add = |dimension| DriverEdit::AddSplit {
        goal_id: cash,
        dimension,
        org_parent: None,
    };
    run(&mut plan, add(DimensionKind::Product), &c).unwrap();
    run(&mut plan, add(DimensionKind::Channel), &c).unwrap();
    let methods: Vec<_> = plan.drivers.decompositions.iter().map(|d| d.method).collect();
    assert_eq!(
        methods,
        [DecompositionMethod::BaselineShare, DecompositionMethod::Equal]
    );
    let before = plan.clone();
    let err = run(&mut plan, add(DimensionKind::Product), &c).unwrap_err();
    assert_eq!(err.reason().map(|r| r.key.as_str()), Some("split.exists"));
    assert_eq!(plan, before, "a refused edit leaves the plan as it was");
}

#[test]
fn split_values_parse_strictly_and_empty_clears() {
    let c = clock();
    let mut plan = template_plan(&c);
    let split = plan.drivers.decompositions[0].id;
    let region = plan.drivers.decompositions[0].entries[0].member_id;
    let entry = |field, value: &str| DriverEdit::UpdateSplitEntry {
        id: split,
        member_id: region,
        field,
        value: value.into(),
    };
    run(&mut plan, entry(SplitEntryField::Locked, "6000000"), &c).unwrap();
    assert_eq!(plan.drivers.decompositions[0].entries[0].locked, Some(dec("6000000")));
    let before = plan.clone();
    assert!(run(&mut plan, entry(SplitEntryField::Locked, "6,000,000"), &c).is_err());
    assert!(
        run(&mut plan, entry(SplitEntryField::Locked, "1.001"), &c).is_err(),
        "CNY has 2 decimals"
    );
    assert_eq!(plan, before);
    run(&mut plan, entry(SplitEntryField::Locked, " "), &c).unwrap();
    assert_eq!(plan.drivers.decompositions[0].entries[0].locked, None);
    let set = |field, value: &str| DriverEdit::UpdateSplit {
        id: split,
        field,
        value: value.into(),
    };
    run(&mut plan, set(SplitField::Method, "manual_percent"), &c).unwrap();
    run(&mut plan, set(SplitField::HistoryYears, "2025，2024"), &c).unwrap();
    assert_eq!(plan.drivers.decompositions[0].history_years, [2024, 2025]);
    assert!(run(&mut plan, set(SplitField::Method, "guess"), &c).is_err());
    assert!(run(&mut plan, set(SplitField::OverAssignment, "-5"), &c).is_err());
    assert!(run(&mut plan, set(SplitField::CrossedWith, "org"), &c).is_err());
    run(&mut plan, set(SplitField::CrossedWith, ""), &c).unwrap();
    assert_eq!(plan.drivers.decompositions[0].crossed_with, None);
}

#[test]
fn manual_seasonality_starts_from_the_full_years_of_history() {
    let c = clock();
    let mut plan = template_plan(&c);
    let bookings = plan.goals[0].id;
    run(
        &mut plan,
        DriverEdit::SetSeasonality {
            goal_id: bookings,
            basis: SeasonalityBasis::Manual,
        },
        &c,
    )
    .unwrap();
    // 2025 is the only full year: its October is 3,000,000.
    let SeasonalityChoice::Manual { weights } = &plan.drivers.phasing_of(bookings).unwrap().seasonality else {
        panic!("manual expected");
    };
    assert_eq!(weights[9], Some(dec("3000000")));
    let weight = |month, value: &str| DriverEdit::SetSeasonalityWeight {
        goal_id: bookings,
        month,
        value: value.into(),
    };
    run(&mut plan, weight(12, "5"), &c).unwrap();
    assert!(run(&mut plan, weight(13, "5"), &c).is_err());
    assert!(run(&mut plan, weight(1, "abc"), &c).is_err());
}

#[test]
fn funnel_rates_are_typed_in_percent_and_stored_as_fractions() {
    let c = clock();
    let mut plan = template_plan(&c);
    let funnel = plan.drivers.funnels[0].id;
    let set = |field, value: &str| DriverEdit::UpdateFunnelSegment {
        id: funnel,
        index: 1,
        field,
        value: value.into(),
    };
    run(&mut plan, set(FunnelField::OpportunityToDeal, "12.5"), &c).unwrap();
    assert_eq!(plan.drivers.funnels[0].segments[1].opportunity_to_deal, dec("0.125"));
    assert!(run(&mut plan, set(FunnelField::OpportunityToDeal, "120"), &c).is_err());
    assert!(run(&mut plan, set(FunnelField::SalesCycleDays, "-3"), &c).is_err());
    run(&mut plan, set(FunnelField::RepeatBasis, "customers"), &c).unwrap();
    run(&mut plan, set(FunnelField::ExistingCustomers, "40"), &c).unwrap();
    run(&mut plan, set(FunnelField::RepeatRate, "10"), &c).unwrap();
    assert_eq!(
        plan.drivers.funnels[0].segments[1].repeat,
        RepeatRevenue::Customers {
            existing_customers: 40,
            repeat_rate: dec("0.1"),
            order_value: Decimal::ZERO
        }
    );
    let bad = DriverEdit::UpdateFunnelSegment {
        id: funnel,
        index: 9,
        field: FunnelField::DealSize,
        value: "1".into(),
    };
    assert!(run(&mut plan, bad, &c).is_err());
}

#[test]
fn payment_terms_append_replace_and_remove() {
    let c = clock();
    let mut plan = template_plan(&c);
    let cash = plan.drivers.cash_in[0].id;
    let term = |index, percent: &str, days: &str| DriverEdit::SetPaymentTerm {
        id: cash,
        index,
        percent: percent.into(),
        days: days.into(),
    };
    run(&mut plan, term(2, "10", "90"), &c).unwrap();
    run(&mut plan, term(1, "60", "30"), &c).unwrap();
    let terms: Vec<_> = plan.drivers.cash_in[0]
        .terms
        .iter()
        .map(|t| (t.share, t.days))
        .collect();
    assert_eq!(terms, [(dec("0.3"), 0), (dec("0.6"), 30), (dec("0.1"), 90)]);
    assert!(run(&mut plan, term(5, "10", "90"), &c).is_err(), "no gaps");
    run(&mut plan, DriverEdit::RemovePaymentTerm { id: cash, index: 2 }, &c).unwrap();
    assert_eq!(plan.drivers.cash_in[0].terms.len(), 2);
    let bad_goal = DriverEdit::UpdateCashIn {
        id: cash,
        field: CashInField::CashInGoal,
        value: plan.goals[0].id.to_string(),
    };
    assert!(
        run(&mut plan, bad_goal, &c).is_err(),
        "a bookings goal is not a cash-in goal"
    );
    let profile = DriverEdit::UpdateCashIn {
        id: cash,
        field: CashInField::OpeningProfile,
        value: "60, 40".into(),
    };
    run(&mut plan, profile, &c).unwrap();
    assert_eq!(plan.drivers.cash_in[0].opening_profile, [dec("0.6"), dec("0.4")]);
}

#[test]
fn importing_history_replaces_the_same_month_and_adds_new_ones() {
    let c = clock();
    let mut plan = template_plan(&c);
    let months_before = plan.baseline.len();
    let oct_2025 = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
    let new_month = NaiveDate::from_ymd_opt(2024, 9, 1).unwrap();
    let month = |month, amount: &str| BaselineMonth {
        id: Uuid::from_u128(chrono::Datelike::num_days_from_ce(&month) as u128),
        month,
        bookings: dec(amount),
        cash_in: dec(amount),
    };
    let edit = DriverEdit::ImportBaseline {
        months: vec![month(oct_2025, "3100000"), month(new_month, "1000")],
        splits: vec![],
    };
    run(&mut plan, edit, &c).unwrap();
    assert_eq!(plan.baseline.len(), months_before + 1);
    assert_eq!(plan.baseline[0].month, new_month, "kept in month order");
    let oct = plan.baseline.iter().find(|m| m.month == oct_2025).unwrap();
    assert_eq!(oct.bookings, dec("3100000"));
}

#[test]
fn a_drilled_split_uses_history_only_when_the_members_split_have_some() {
    // The template has history by region (rolled up from no deeper rows), none by team: the
    // teams of a region start equal, not "history share" with a no-history error.
    let c = clock();
    let mut plan = template_plan(&c);
    let bookings = plan.goals[0].id;
    let south = plan.dimensions.org.iter().find(|m| m.name == "South China").unwrap().id;
    let add = DriverEdit::AddSplit {
        goal_id: bookings,
        dimension: DimensionKind::Org,
        org_parent: Some(south),
    };
    run(&mut plan, add, &c).unwrap();
    assert_eq!(
        plan.drivers.decompositions.last().unwrap().method,
        DecompositionMethod::Equal
    );
}

//! Criterion benchmarks of a full recompute of section 1 (issue 3's goals: a typical plan well
//! under one 16 ms frame, a large one under 200 ms):
//! - typical: 5 regions × 10 reps (2 teams of 5 each), 3 tiers, 6 products, 3 channels, a
//!   12-month plan with 24 months of history per rep, tier, product and channel; bookings split
//!   by region (crossed with products), every region over its teams and every team over its
//!   reps, by tier, product and channel; cash-in by region; a funnel by tier; a cash-in plan.
//! - large: 1,000 reps (20 regions × 5 teams × 10 reps), 200 products, the same drivers, a
//!   12-month plan phased down to its 52+ ISO weeks and working days.

use chrono::{Datelike, Months, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use rust_decimal::Decimal;
use salesplan_core::clock::{Clock, FixedClock};
use salesplan_core::engine::{self, allocation::DecompositionMethod};
use salesplan_core::model::{
    BaselineMonth, BaselineSplit, Decomposition, DimensionKind, Member, OrgLevel, OrgMember, Plan,
};
use salesplan_core::template::{self, Template};
use std::hint::black_box;

fn d(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

/// A plan with `regions × teams × reps` org members and `products` product lines.
fn plan(regions: usize, teams: usize, reps: usize, products: usize, c: &FixedClock) -> Plan {
    let mut plan = template::build(Template::Q4Growth, "en", d(2026, 9), c);
    plan.header.period_start = d(2027, 1);
    plan.header.period_end = NaiveDate::from_ymd_opt(2027, 12, 31).unwrap();
    plan.header.calendar.holidays.clear();
    plan.header.calendar.extra_workdays.clear();
    let months: Vec<NaiveDate> = (0..24).map(|i| d(2025, 1) + Months::new(i)).collect();
    plan.baseline = (months.iter())
        .map(|&month| BaselineMonth {
            id: c.new_id(),
            month,
            bookings: Decimal::from(1_000_000 + 10_000 * month.month() as i64),
            cash_in: Decimal::from(950_000 + 10_000 * month.month() as i64),
        })
        .collect();
    let dims = &mut plan.dimensions;
    dims.org.clear();
    for r in 0..regions {
        let region = org(dims, format!("R{r}"), OrgLevel::Region, None, c);
        for t in 0..teams {
            let team = org(dims, format!("R{r}T{t}"), OrgLevel::Team, Some(region), c);
            for p in 0..reps {
                org(dims, format!("R{r}T{t}P{p}"), OrgLevel::Rep, Some(team), c);
            }
        }
    }
    let flat = |n: usize, prefix: &str| -> Vec<Member> {
        (0..n)
            .map(|i| Member {
                id: c.new_id(),
                name: format!("{prefix}{i}"),
                code: None,
            })
            .collect()
    };
    dims.products = flat(products, "P");
    dims.channels = flat(3, "C");
    // History: every rep and every flat member, every month (a rep's region rolls it up).
    let mut splits = vec![];
    let mut rows = |dimension: DimensionKind, ids: Vec<uuid::Uuid>| {
        for &month in &months {
            for (i, &member_id) in ids.iter().enumerate() {
                let amount = Decimal::from(1_000 + (i as i64 * 37) % 500);
                splits.push(BaselineSplit {
                    id: c.new_id(),
                    month,
                    dimension,
                    member_id,
                    bookings: amount,
                    cash_in: amount,
                });
            }
        }
    };
    rows(
        DimensionKind::Org,
        dims.org
            .iter()
            .filter(|m| m.level == OrgLevel::Rep)
            .map(|m| m.id)
            .collect(),
    );
    rows(DimensionKind::Tier, dims.tiers.iter().map(|m| m.id).collect());
    rows(DimensionKind::Product, dims.products.iter().map(|m| m.id).collect());
    rows(DimensionKind::Channel, dims.channels.iter().map(|m| m.id).collect());
    plan.baseline_splits = splits;
    // Drivers: the template's funnel, phasing and cash-in, with splits at every org level.
    let (bookings, cash) = (plan.goals[0].id, plan.goals[1].id);
    let split = |goal_id, dimension, org_parent, crossed_with| Decomposition {
        id: c.new_id(),
        goal_id,
        dimension,
        org_parent,
        method: DecompositionMethod::BaselineShare,
        history_years: vec![],
        over_assignment: Decimal::TEN,
        crossed_with,
        entries: vec![],
    };
    let mut decompositions = vec![
        split(bookings, DimensionKind::Org, None, Some(DimensionKind::Product)),
        split(bookings, DimensionKind::Tier, None, None),
        split(bookings, DimensionKind::Product, None, None),
        split(bookings, DimensionKind::Channel, None, None),
        split(cash, DimensionKind::Org, None, None),
    ];
    let parents: Vec<_> = plan
        .dimensions
        .org
        .iter()
        .filter(|m| m.level != OrgLevel::Rep)
        .map(|m| m.id)
        .collect();
    decompositions.extend(
        parents
            .into_iter()
            .map(|p| split(bookings, DimensionKind::Org, Some(p), None)),
    );
    plan.drivers.decompositions = decompositions;
    plan.drivers.phasing[0].seasonality = salesplan_core::model::SeasonalityChoice::History { years: vec![] };
    plan
}

fn org(
    dims: &mut salesplan_core::model::Dimensions,
    name: String,
    level: OrgLevel,
    parent_id: Option<uuid::Uuid>,
    c: &FixedClock,
) -> uuid::Uuid {
    let id = c.new_id();
    dims.org.push(OrgMember {
        id,
        name,
        code: None,
        level,
        parent_id,
    });
    id
}

fn bench(cr: &mut Criterion) {
    let c = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
    let typical = plan(5, 2, 5, 6, &c);
    let large = plan(20, 5, 10, 200, &c);
    for (name, p) in [("typical", &typical), ("large", &large)] {
        let report = engine::evaluate(p);
        assert!(
            report.breakdown.splits.iter().all(|s| s.result.is_some()),
            "{name}: every split computes"
        );
        assert!(
            report.health.errors == 0,
            "{name}: {:?}",
            report.findings.iter().map(|f| &f.code).collect::<Vec<_>>()
        );
        eprintln!(
            "{name}: {} org members, {} history rows, {} splits, {} weeks, {} days",
            p.dimensions.org.len(),
            p.baseline_splits.len(),
            report.breakdown.splits.len(),
            report.phasing[0].weeks.len(),
            report.phasing[0].days.len()
        );
    }
    cr.bench_function("section1/typical", |b| b.iter(|| engine::evaluate(black_box(&typical))));
    cr.bench_function("section1/large", |b| b.iter(|| engine::evaluate(black_box(&large))));
}

criterion_group!(benches, bench);
criterion_main!(benches);

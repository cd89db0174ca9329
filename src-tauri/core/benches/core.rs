//! Criterion benchmarks of what runs on every keystroke (edit + recompute) and on open/save.

use chrono::{NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, Criterion};
use salesplan_core::clock::FixedClock;
use salesplan_core::document::Document;
use salesplan_core::edit::{GoalField, PlanEdit};
use salesplan_core::model::{GoalKind, GoalLayer, Plan};
use salesplan_core::template::{self, Template};
use salesplan_core::{edit, engine, json, store};
use std::hint::black_box;

fn clock() -> FixedClock {
    FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap())
}

fn template_plan(c: &FixedClock) -> Plan {
    template::build(
        Template::Q4Growth,
        "zh-CN",
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        c,
    )
}

/// The template plus 500 goals with every field filled (far above a real company's count).
fn large_plan(c: &FixedClock) -> Plan {
    let mut plan = template_plan(c);
    let parent = plan.goals[0].id;
    for i in 0..500 {
        edit::apply(
            &mut plan,
            &PlanEdit::AddGoal {
                layer: GoalLayer::Individual,
                kind: GoalKind::Bookings,
            },
            c,
        )
        .unwrap();
        let id = plan.goals.last().unwrap().id;
        for (field, value) in [
            (GoalField::Statement, format!("个人目标 {i}")),
            (GoalField::Metric, "销售额".into()),
            (GoalField::Baseline, format!("{}", 100_000 + i * 10)),
            (GoalField::Target, format!("{}", 130_000 + i * 17)),
            (GoalField::Deadline, "2026-12-31".into()),
            (GoalField::ParentId, parent.to_string()),
        ] {
            edit::apply(&mut plan, &PlanEdit::UpdateGoal { id, field, value }, c).unwrap();
        }
    }
    plan
}

fn bench(cr: &mut Criterion) {
    let c = clock();
    let small = template_plan(&c);
    let large = large_plan(&c);
    cr.bench_function("evaluate/template", |b| b.iter(|| engine::evaluate(black_box(&small))));
    cr.bench_function("evaluate/500_goals", |b| b.iter(|| engine::evaluate(black_box(&large))));

    let mut doc = Document::new(small.clone(), &c, "bench");
    let id = small.goals[0].id;
    let mut n = 0u64;
    cr.bench_function("edit_and_view/template", |b| {
        b.iter(|| {
            n += 1;
            let value = format!("{}", 13_000_000 + n % 1000);
            doc.apply(
                &PlanEdit::UpdateGoal {
                    id,
                    field: GoalField::Target,
                    value,
                },
                &c,
            )
            .unwrap();
            black_box(doc.view())
        })
    });

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.salesplan");
    let scratch = dir.path().join("scratch");
    let meta = Document::new(large.clone(), &c, "bench").meta().clone();
    store::save_atomic(&path, &meta, &large, None, &scratch).unwrap();
    cr.bench_function("store/open_500_goals", |b| {
        b.iter(|| store::read_plan_file(black_box(&path), &scratch).unwrap())
    });
    cr.bench_function("store/save_500_goals", |b| {
        b.iter(|| store::save_atomic(&path, &meta, black_box(&large), None, &scratch).unwrap())
    });
    let text = json::export(&meta, &large);
    cr.bench_function("json/import_500_goals", |b| {
        b.iter(|| json::import(black_box(&text)).unwrap())
    });
}

/// The funnel of a 12-month plan for 3 tiers × 3 channels (9 segments), and its cash-in schedule.
fn funnel_cashin(cr: &mut Criterion) {
    use rust_decimal::Decimal;
    use salesplan_core::engine::cashin::{self, CashInInput, PaymentTerm};
    use salesplan_core::engine::funnel::{self, FunnelInput, MonthAmount, RepeatRevenue};
    let year: Vec<MonthAmount> = (1..=12)
        .map(|m| MonthAmount {
            month: NaiveDate::from_ymd_opt(2026, m, 1).unwrap(),
            amount: Decimal::new(1_000_000 + i64::from(m) * 37_501, 0),
        })
        .collect();
    let segments: Vec<FunnelInput> = (0..9)
        .map(|i| FunnelInput {
            segment: format!("tier {} × channel {}", i / 3, i % 3),
            targets: year.clone(),
            repeat: RepeatRevenue::Share {
                share: Decimal::new(30, 2),
            },
            deal_size: Decimal::new(50_000 + i * 1_000, 0),
            lead_to_opportunity: Decimal::new(20, 2),
            opportunity_to_deal: Decimal::new(25, 2),
            sales_cycle_days: 45,
            lead_to_opportunity_days: 10,
            minor_units: None,
        })
        .collect();
    cr.bench_function("funnel/12_months_9_segments", |b| {
        b.iter(|| black_box(&segments).iter().map(funnel::plan).collect::<Vec<_>>())
    });
    let terms = vec![
        PaymentTerm {
            share: Decimal::new(30, 2),
            days: 0,
        },
        PaymentTerm {
            share: Decimal::new(50, 2),
            days: 30,
        },
        PaymentTerm {
            share: Decimal::new(20, 2),
            days: 90,
        },
    ];
    let input = CashInInput {
        bookings: year,
        terms,
        bad_debt_share: Decimal::new(1, 2),
        opening_receivables: Decimal::new(2_500_000, 0),
        opening_profile: Vec::new(),
        minor_units: 2,
    };
    cr.bench_function("cashin/12_months", |b| b.iter(|| cashin::schedule(black_box(&input))));
}

/// Allocation and phasing: a target over 1,000 members (reps), and a year phased to days.
fn bench_allocation(cr: &mut Criterion) {
    use rust_decimal::Decimal;
    use salesplan_core::engine::allocation::{self, DecompositionInput, DecompositionMember, DecompositionMethod};
    use salesplan_core::engine::phasing::{self, HistoryMonth, PhasingInput, Seasonality};
    use salesplan_core::model::WorkCalendar;

    let total = Decimal::new(1_300_000_000, 2); // 13,000,000.00
                                                // Uneven history per rep with two decimals, so the remainders differ.
    let history: Vec<Decimal> = (0..1000i64)
        .map(|i| Decimal::new(1_000_000 + i * 7_919 % 500_000, 2))
        .collect();
    let weights: Vec<_> = history.iter().copied().map(Some).collect();
    let members: Vec<DecompositionMember> = history
        .iter()
        .enumerate()
        .map(|(i, h)| DecompositionMember {
            id: format!("rep-{i}"),
            name: format!("销售 {i}"),
            locked: (i % 50 == 0).then(|| Decimal::new(1_000_000, 2)),
            manual_amount: None,
            manual_percent: None,
            baseline: Some(*h),
            adjustment: Some(Decimal::new(100 + (i as i64 % 21) - 10, 2)),
            commitment: Some(Decimal::new(1_300_000, 0)),
        })
        .collect();
    let input = DecompositionInput {
        total,
        minor_units: 2,
        method: DecompositionMethod::HistoryShareAdjusted,
        over_assignment: Decimal::TEN,
        members,
    };
    let year = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    let history_months: Vec<HistoryMonth> = (0..24u32)
        .map(|m| HistoryMonth {
            month: year.checked_sub_months(chrono::Months::new(24 - m)).unwrap(),
            amount: Decimal::from(800_000 + i64::from(m % 12) * 50_000),
        })
        .collect();
    let phasing_input = PhasingInput {
        total,
        minor_units: 2,
        period_start: year,
        period_end: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
        seasonality: Seasonality::History {
            history: history_months,
            years: vec![2024, 2025],
        },
        calendar: WorkCalendar {
            weekdays: vec![1, 2, 3, 4, 5],
            holidays: vec![],
            extra_workdays: vec![],
        },
    };

    let mut group = cr.benchmark_group("allocation");
    group.bench_function("allocate_1000_members", |b| {
        b.iter(|| allocation::allocate(black_box(total), black_box(&weights), 2).unwrap())
    });
    group.bench_function("decompose_1000_members", |b| {
        b.iter(|| allocation::decompose(black_box(&input)))
    });
    group.bench_function("phase_year_to_days", |b| {
        b.iter(|| phasing::phase(black_box(&phasing_input)))
    });
    group.finish();
}

criterion_group!(benches, bench, funnel_cashin, bench_allocation);
criterion_main!(benches);

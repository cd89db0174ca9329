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
    template::build(Template::Q4Growth, "zh-CN", NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(), c)
}

/// The template plus 500 goals with every field filled (far above a real company's count).
fn large_plan(c: &FixedClock) -> Plan {
    let mut plan = template_plan(c);
    let parent = plan.goals[0].id;
    for i in 0..500 {
        edit::apply(&mut plan, &PlanEdit::AddGoal { layer: GoalLayer::Individual, kind: GoalKind::Bookings }, c).unwrap();
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
            doc.apply(&PlanEdit::UpdateGoal { id, field: GoalField::Target, value }, &c).unwrap();
            black_box(doc.view())
        })
    });

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.salesplan");
    let scratch = dir.path().join("scratch");
    let meta = Document::new(large.clone(), &c, "bench").meta().clone();
    store::save_atomic(&path, &meta, &large, None, &scratch).unwrap();
    cr.bench_function("store/open_500_goals", |b| b.iter(|| store::read_plan_file(black_box(&path), &scratch).unwrap()));
    cr.bench_function("store/save_500_goals", |b| {
        b.iter(|| store::save_atomic(&path, &meta, black_box(&large), None, &scratch).unwrap())
    });
    let text = json::export(&meta, &large);
    cr.bench_function("json/import_500_goals", |b| b.iter(|| json::import(black_box(&text)).unwrap()));
}

criterion_group!(benches, bench);
criterion_main!(benches);

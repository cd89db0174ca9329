//! Criterion benchmarks of a plan holding 1,000,000 orders (issue 4's goals: such a plan
//! opens and saves well under a second, and edits of anything else do not pay for the orders):
//! - `evaluate/first`: the whole report with the RFM pass over the orders (a fresh book);
//! - `evaluate/cached`: the report again (the book remembers its analysis);
//! - `evaluate/no_orders`: the same plan without orders, for comparison;
//! - `store/open`: `read_plan_file` (size check, private copy, quick_check, schema, rows,
//!   every chunk checked);
//! - `store/save`: `save_atomic` over the previous revision (revision check, write, sync,
//!   read back and compare, rename);
//! - `store/record_edit`: a working copy recording a title edit (orders not rewritten).
//!
//! The orders: 50,000 customers, two years of dates in order, an order id each, product,
//! channel and region from small lists, amounts 1.00–99,999.99. The file size is printed.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use salesplan_core::clock::{Clock, FixedClock};
use salesplan_core::engine;
use salesplan_core::model::{Order, OrderBatch, OrderBookBuilder, Plan, PlanMeta};
use salesplan_core::store::{self, recovery::WorkingCopy};
use salesplan_core::template::{self, Template};
use std::hint::black_box;

#[path = "common/random.rs"]
mod random;
use random::Random;

const ORDERS: usize = 1_000_000;

fn plan_with_orders(c: &FixedClock) -> Plan {
    let mut plan = template::build(
        Template::Q4Growth,
        "zh-CN",
        NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        c,
    );
    let customers: Vec<String> = (0..50_000).map(|i| format!("C{i:06}")).collect();
    let products = ["智能设备", "耗材", "软件服务", "设备+耗材套餐", "配件", "维保"];
    let channels = ["直销", "经销商", "电商"];
    let regions = ["华东区", "华南区", "华北区", "西南区", "华中区"];
    let start = NaiveDate::from_ymd_opt(2024, 10, 1).unwrap();
    let mut random = Random::new();
    let mut next = |n: u64| random.below(n);
    let mut b = OrderBookBuilder::new(2);
    for i in 0..ORDERS {
        let id = format!("SO{i:09}");
        let order = Order {
            customer: &customers[next(customers.len() as u64) as usize],
            date: start + Days::new((i * 730 / ORDERS) as u64),
            amount_units: 100 + next(9_999_900) as i64,
            order_id: Some(&id),
            product: Some(products[next(6) as usize]),
            channel: Some(channels[next(3) as usize]),
            region: Some(regions[next(5) as usize]),
        };
        b.push(&order).unwrap();
    }
    plan.orders = b.finish(OrderBatch {
        id: c.new_id(),
        imported_at: c.now(),
        sources: vec!["orders.csv".into()],
    });
    plan
}

fn meta(c: &FixedClock) -> PlanMeta {
    PlanMeta {
        document_id: c.new_id(),
        revision_id: c.new_id(),
        parent_revision: None,
        app_version: "bench".into(),
        saved_at: c.now(),
        author: "bench".into(),
    }
}

fn benches(cr: &mut Criterion) {
    let c = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 30, 8, 0, 0).unwrap());
    let plan = plan_with_orders(&c);
    let meta = meta(&c);
    let dir = tempfile::tempdir().unwrap();
    let (path, scratch) = (dir.path().join("big.salesplan"), dir.path().join("scratch"));
    store::write_plan_file(&path, &meta, &plan).unwrap();
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "plan file with {ORDERS} orders: {size} bytes ({:.1} MB)",
        size as f64 / 1e6
    );

    let mut g = cr.benchmark_group("evaluate");
    g.sample_size(10);
    g.bench_function("first", |b| {
        b.iter_batched(
            || Plan {
                orders: plan.orders.without_memo(),
                ..plan.clone()
            },
            |p| black_box(engine::evaluate(&p)),
            BatchSize::PerIteration,
        )
    });
    engine::evaluate(&plan);
    g.bench_function("cached", |b| b.iter(|| black_box(engine::evaluate(&plan))));
    let without = Plan {
        orders: Default::default(),
        ..plan.clone()
    };
    g.bench_function("no_orders", |b| b.iter(|| black_box(engine::evaluate(&without))));
    g.finish();

    let mut g = cr.benchmark_group("store");
    g.sample_size(10);
    g.bench_function("open", |b| {
        b.iter(|| black_box(store::read_plan_file(&path, &scratch).unwrap()))
    });
    let mut revision = meta.clone();
    g.bench_function("save", |b| {
        b.iter(|| {
            let next = PlanMeta {
                revision_id: c.new_id(),
                parent_revision: Some(revision.revision_id),
                ..revision.clone()
            };
            store::save_atomic(&path, &next, &plan, Some(revision.revision_id), &scratch).unwrap();
            revision = next;
        })
    });
    let wc = WorkingCopy::create(&dir.path().join("sessions"), c.new_id(), None, None).unwrap();
    wc.record(&meta, &plan, None, true, c.now()).unwrap();
    let mut edited = plan.clone();
    let mut n = 0;
    g.bench_function("record_edit", |b| {
        b.iter(|| {
            n += 1;
            edited.header.title = format!("Q4 {n}");
            wc.record(&meta, &edited, None, true, c.now()).unwrap();
        })
    });
    g.finish();
}

criterion_group!(orders, benches);
criterion_main!(orders);

//! Criterion benchmarks of the customer table's pages over 100,000 scored customers (400,000
//! orders): the goal is a page in a few milliseconds, whatever the sort, filter or search.
//! - `page/first_sort`: frequency descending with the sort orders not yet made (the first
//!   click on a column; the analysis is cloned beforehand, which empties its page index);
//! - `page/top` (revenue, largest first), `page/deep` (frequency descending, offset 50,000),
//!   `page/tier_b` (recency, tier B only), `page/search` ("c0012", any case): sorts made;
//! - `page/first_search`: a search with the lower-case ids not yet made.
//!
//! Measured on the shared 2-core machine: first_sort ≈ 5 ms, first_search ≈ 5 ms, top ≈ 11 µs,
//! deep ≈ 0.35 ms, tier_b ≈ 1 ms, search ≈ 1 ms.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use salesplan_core::engine::rfm::Tier;
use salesplan_core::engine::support::customer_page::{page_of, CustomerQuery, CustomerSort};
use salesplan_core::engine::support::customers::{analyse, OrdersAnalysis};
use salesplan_core::model::{Order, OrderBatch, OrderBookBuilder, RfmSettings};
use std::hint::black_box;

#[path = "common/random.rs"]
mod random;
use random::Random;

const CUSTOMERS: u64 = 100_000;
const ORDERS: usize = 400_000;

fn analysis() -> OrdersAnalysis {
    let names: Vec<String> = (0..CUSTOMERS).map(|i| format!("C{i:06}")).collect();
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut random = Random::new();
    let mut next = |n: u64| random.below(n);
    let mut b = OrderBookBuilder::new(2);
    for i in 0..ORDERS {
        // Every customer at least once, then skewed towards the first ones.
        let c = if (i as u64) < CUSTOMERS {
            i as u64
        } else {
            let bound = next(CUSTOMERS) + 1;
            next(bound)
        };
        let order = Order {
            customer: &names[c as usize],
            date: start + Days::new(next(365)),
            amount_units: 100 + next(9_999_900) as i64,
            order_id: None,
            product: None,
            channel: None,
            region: None,
        };
        b.push(&order).unwrap();
    }
    let orders = b.finish(OrderBatch {
        id: uuid::Uuid::from_u128(1),
        imported_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        sources: vec![],
    });
    analyse(&orders, &RfmSettings::default()).unwrap()
}

fn benches(cr: &mut Criterion) {
    let a = analysis();
    let scored = a.rfm.as_ref().unwrap().customers.len();
    println!("customers scored: {scored}");
    let q = |sort, desc, offset, tier, search: &str| CustomerQuery {
        tier,
        search: search.into(),
        sort,
        desc,
        offset,
        limit: 50,
    };
    let mut g = cr.benchmark_group("page");
    g.sample_size(20);
    let first = q(CustomerSort::Frequency, true, 0, None, "");
    g.bench_function("first_sort", |b| {
        b.iter_batched(
            || a.clone(),
            |a| {
                black_box(page_of(&a, &first));
                a // dropped after the timing
            },
            BatchSize::LargeInput,
        )
    });
    let search = q(CustomerSort::Monetary, true, 0, None, "c0012");
    let top = q(CustomerSort::Monetary, true, 0, None, "");
    // The revenue order is made by the report already (its top list): only the search is new.
    let with_top = || {
        let fresh = a.clone();
        page_of(&fresh, &top);
        fresh
    };
    g.bench_function("first_search", |b| {
        b.iter_batched(
            with_top,
            |a| {
                black_box(page_of(&a, &search));
                a
            },
            BatchSize::LargeInput,
        )
    });
    let cases = [
        ("top", top.clone()),
        ("deep", q(CustomerSort::Frequency, true, 50_000, None, "")),
        ("tier_b", q(CustomerSort::RecencyDays, false, 0, Some(Tier::B), "")),
        ("search", search.clone()),
    ];
    for (name, query) in &cases {
        black_box(page_of(&a, query));
        g.bench_function(*name, |b| b.iter(|| black_box(page_of(&a, query))));
    }
    g.finish();
}

criterion_group!(customer_pages, benches);
criterion_main!(customer_pages);

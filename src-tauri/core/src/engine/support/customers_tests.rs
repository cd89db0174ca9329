//! Worked examples of section 2's customers on small plans: RFM tiers from the stored orders,
//! the R×F grid, the customer table's pages, and the two-worker pass over the orders.

use super::tests::{blank, codes};
use super::*;
use crate::engine::rfm::{RfmCustomer, Tier, TierRule};
use crate::model::{Order, OrderBatch, OrderBookBuilder, Persona, RfmSettings};
use chrono::{NaiveDate, TimeZone, Utc};
use customer_page::{CustomerQuery, CustomerSort};
use rust_decimal::Decimal;
use std::sync::Arc;
use uuid::Uuid;

/// Five customers as in `engine::rfm`'s worked example (analysis date 2025-07-01).
fn five_customers(plan: &mut Plan) {
    let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
    let rows: [(&str, NaiveDate, i64); 11] = [
        ("a", d(6, 30), 300),
        ("a", d(5, 1), 300),
        ("a", d(4, 1), 300),
        ("b", d(6, 30), 50),
        ("b", d(6, 1), 50),
        ("c", d(6, 1), 75),
        ("c", d(5, 1), 75),
        ("c", d(4, 1), 75),
        ("c", d(3, 1), 75),
        ("d", d(4, 2), 200),
        ("e", d(1, 2), 50),
    ];
    let mut b = OrderBookBuilder::new(2);
    for (customer, date, yuan) in rows {
        let o = Order {
            customer,
            date,
            amount_units: yuan * 100,
            order_id: None,
            product: None,
            channel: None,
            region: None,
        };
        b.push(&o).unwrap();
    }
    plan.orders = b.finish(OrderBatch {
        id: Uuid::from_u128(77),
        imported_at: Utc.with_ymd_and_hms(2025, 7, 1, 0, 0, 0).unwrap(),
        sources: vec!["orders.csv".into()],
    });
}

#[test]
fn customers_are_tiered_from_the_stored_orders_with_playbooks_as_seeds() {
    let mut plan = blank();
    five_customers(&mut plan);
    plan.support.personas.push(Persona {
        id: Uuid::from_u128(5),
        name: "连锁门店采购经理".into(),
        description: String::new(),
        pains: vec![],
        channels: vec![],
        tier: Some(Tier::A),
    });
    let mut findings = vec![];
    let r = compute(&plan, &mut findings);
    let orders = r.customers.orders.as_ref().unwrap();
    assert_eq!(
        (orders.orders, orders.customers, orders.total),
        (11, 5, Decimal::from(1550))
    );
    let rfm = r.customers.rfm.as_ref().unwrap();
    assert_eq!(
        (rfm.as_of, rfm.as_of_default),
        (NaiveDate::from_ymd_opt(2025, 7, 1), true)
    );
    // a (445) and c (354) are A, b (432) B, d and e C — the worked example of engine::rfm.
    let tiers: Vec<_> = r
        .customers
        .seeds
        .iter()
        .map(|s| (s.summary.tier, s.summary.customers))
        .collect();
    assert_eq!(tiers, [(Tier::A, 2), (Tier::B, 1), (Tier::C, 2)]);
    assert_eq!(r.customers.seeds[0].persona_ids, [Uuid::from_u128(5)]);
    assert_eq!(rfm.top_customers[0].customer, "a");
    assert!(codes(&findings).contains(&"rfm.few_customers"), "{findings:?}");
    let tier_c = CustomerQuery {
        tier: Some(Tier::C),
        ..CustomerQuery::default()
    };
    assert_eq!(customer_page::customers_page(&plan, &tier_c).total, 2);
}

#[test]
fn the_rf_grid_counts_every_scored_customer_by_r_and_f_score() {
    let mut plan = blank();
    five_customers(&mut plan);
    let r = compute(&plan, &mut vec![]);
    let rfm = r.customers.rfm.unwrap();
    // Scores (engine::rfm's worked example): a R4 F4, b R4 F3, c R3 F5, d R2 F1, e R1 F1.
    assert_eq!(
        rfm.rf_grid,
        [
            [1, 0, 0, 0, 0],
            [1, 0, 0, 0, 0],
            [0, 0, 0, 0, 1],
            [0, 0, 1, 1, 0],
            [0, 0, 0, 0, 0],
        ]
    );
    assert_eq!(rfm.rf_grid.iter().flatten().sum::<u32>(), rfm.customers);
}

/// The ids of one page of the five customers.
fn ids(plan: &Plan, query: CustomerQuery) -> (u32, Vec<String>) {
    let page = customer_page::customers_page(plan, &query);
    (page.total, page.customers.into_iter().map(|c| c.customer).collect())
}

fn sorted(sort: CustomerSort, desc: bool) -> CustomerQuery {
    CustomerQuery {
        sort,
        desc,
        ..CustomerQuery::default()
    }
}

#[test]
fn customer_pages_sort_by_any_column_with_ties_by_id() {
    let mut plan = blank();
    five_customers(&mut plan);
    // a: last 06-30 R1 F3 M900 445 13 A · b: 06-30 R1 F2 M100 432 9 B · c: 06-01 R30 F4 M300 354
    // 12 A · d: 04-02 R90 F1 M200 213 6 C · e: 01-02 R180 F1 M50 111 3 C.
    use CustomerSort::*;
    let cases: [(CustomerSort, bool, &str); 16] = [
        (Customer, false, "abcde"),
        (Customer, true, "edcba"),
        (LastOrder, false, "edcab"),
        (LastOrder, true, "abcde"),
        (RecencyDays, false, "abcde"),
        (RecencyDays, true, "edcab"),
        (Frequency, false, "debac"),
        (Frequency, true, "cabde"),
        (Monetary, false, "ebdca"),
        (Monetary, true, "acdbe"),
        (Code, false, "edcba"),
        (Code, true, "abcde"),
        (Score, false, "edbca"),
        (Score, true, "acbde"),
        (Tier, false, "acbde"),
        (Tier, true, "debac"),
    ];
    for (sort, desc, expected) in cases {
        let (total, got) = ids(&plan, sorted(sort, desc));
        assert_eq!((total, got.concat()), (5, expected.to_string()), "{sort:?} desc {desc}");
    }
}

#[test]
fn customer_pages_filter_by_tier_and_search_and_stop_at_the_end() {
    let mut plan = blank();
    five_customers(&mut plan);
    let q = |tier, search: &str, offset, limit| CustomerQuery {
        tier,
        search: search.into(),
        offset,
        limit,
        ..CustomerQuery::default()
    };
    assert_eq!(
        ids(&plan, q(Some(Tier::A), "", 0, 50)),
        (2, vec!["a".into(), "c".into()])
    );
    assert_eq!(ids(&plan, q(Some(Tier::B), "", 0, 50)), (1, vec!["b".into()]));
    // Search: any case, trimmed; with a tier; nothing found.
    assert_eq!(ids(&plan, q(None, " C ", 0, 50)), (1, vec!["c".into()]));
    assert_eq!(ids(&plan, q(Some(Tier::B), "c", 0, 50)), (0, vec![]));
    assert_eq!(ids(&plan, q(None, "x", 0, 50)), (0, vec![]));
    assert_eq!(ids(&plan, q(None, "bc", 0, 50)), (0, vec![]), "no match across two ids");
    // Pages: by revenue a c d b e; the second page of two; past the end: empty with the total.
    assert_eq!(ids(&plan, q(None, "", 2, 2)), (5, vec!["d".into(), "b".into()]));
    assert_eq!(ids(&plan, q(None, "", 4, 2)), (5, vec!["e".into()]));
    assert_eq!(ids(&plan, q(None, "", 5, 2)), (5, vec![]));
    assert_eq!(ids(&plan, q(Some(Tier::C), "", 9, 2)), (2, vec![]));
    assert_eq!(ids(&plan, q(None, "", 0, 0)), (5, vec![]));
    assert_eq!(customer_page::customers_page(&blank(), &q(None, "", 3, 2)).total, 0);
    // Without an analysis (a blank plan) every page is empty.
    assert_eq!(
        customer_page::customers_page(&blank(), &q(None, "", 0, 50)).customers,
        vec![]
    );
}

/// 700 customers with many ties (see `random_orders`): every sort, direction, tier and search
/// paged through equals a plain sort of all the customers.
#[test]
fn customer_pages_equal_a_plain_sort_of_all_customers() {
    let mut plan = blank();
    plan.orders = random_orders(60_000).0;
    let analysis = customers::analysis(&plan).unwrap();
    let all = &analysis.rfm.as_ref().unwrap().customers;
    let big = CustomerQuery {
        limit: 1000,
        ..CustomerQuery::default()
    };
    assert_eq!(customer_page::page_of(&analysis, &big).customers.len(), 200, "capped");
    let long = "客".repeat(300);
    let q = CustomerQuery {
        search: long,
        ..CustomerQuery::default()
    };
    assert_eq!(
        customer_page::page_of(&analysis, &q).total,
        0,
        "an over-long search is cut, not an error"
    );
    for sort in CustomerSort::ALL {
        for desc in [false, true] {
            for tier in [None, Some(Tier::A), Some(Tier::B), Some(Tier::C)] {
                for search in ["", "户1", "客户69"] {
                    let mut expected: Vec<&RfmCustomer> = (all.iter())
                        .filter(|c| tier.is_none_or(|t| c.tier == t) && c.customer.contains(search))
                        .collect();
                    expected.sort_by(|a, b| {
                        let by = plain_order(sort, a, b);
                        (if desc { by.reverse() } else { by }).then_with(|| a.customer.cmp(&b.customer))
                    });
                    let mut got = vec![];
                    let mut offset = 0;
                    loop {
                        let q = CustomerQuery {
                            tier,
                            search: search.into(),
                            sort,
                            desc,
                            offset,
                            limit: 150,
                        };
                        let page = customer_page::page_of(&analysis, &q);
                        assert_eq!(page.total as usize, expected.len());
                        if page.customers.is_empty() {
                            break;
                        }
                        offset += page.customers.len() as u32;
                        got.extend(page.customers);
                    }
                    let expected: Vec<RfmCustomer> = expected.into_iter().cloned().collect();
                    assert!(got == expected, "{sort:?} desc {desc} tier {tier:?} search {search:?}");
                }
            }
        }
    }
}

fn plain_order(sort: CustomerSort, a: &RfmCustomer, b: &RfmCustomer) -> std::cmp::Ordering {
    match sort {
        CustomerSort::Customer => a.customer.cmp(&b.customer),
        CustomerSort::LastOrder => a.last_order.cmp(&b.last_order),
        CustomerSort::RecencyDays => a.recency_days.cmp(&b.recency_days),
        CustomerSort::Frequency => a.frequency.cmp(&b.frequency),
        CustomerSort::Monetary => a.monetary.cmp(&b.monetary),
        CustomerSort::Code => a.code.cmp(&b.code),
        CustomerSort::Score => a.score.cmp(&b.score),
        CustomerSort::Tier => a.tier.cmp(&b.tier),
    }
}

#[test]
fn the_analysis_runs_once_per_order_book_and_settings() {
    let mut plan = blank();
    five_customers(&mut plan);
    let first = customers::analysis(&plan).unwrap();
    let again = customers::analysis(&plan.clone()).unwrap();
    assert!(Arc::ptr_eq(&first, &again), "a clone shares the remembered analysis");
    plan.support.rfm.rule = TierRule::default_pareto();
    let pareto = customers::analysis(&plan).unwrap();
    assert!(!Arc::ptr_eq(&first, &pareto), "new settings run again");
    assert_ne!(first.rfm.as_ref().unwrap().rule, pareto.rfm.as_ref().unwrap().rule);
}

#[test]
fn an_analysis_date_before_the_last_order_is_an_error_finding() {
    let mut plan = blank();
    five_customers(&mut plan);
    plan.support.rfm = RfmSettings {
        as_of: NaiveDate::from_ymd_opt(2025, 6, 1),
        rule: TierRule::default_scores(),
    };
    let mut findings = vec![];
    let r = compute(&plan, &mut findings);
    assert!(r.customers.rfm.is_none() && r.customers.orders.is_some());
    let f = findings
        .iter()
        .find(|f| f.code == "rfm.as_of_before_last_order")
        .unwrap();
    assert_eq!(f.severity, crate::engine::findings::Severity::Error);
    assert_eq!(f.params.get("last_order").map(String::as_str), Some("2025-06-30"));
    assert_eq!(f.target.field.as_deref(), Some("as_of"));
}

/// `n` orders of 700 customers (客户0 … 客户699) with repeated order ids and refunds, and the
/// same rows fed one at a time to an accumulator.
fn random_orders(n: usize) -> (crate::model::OrderBook, crate::engine::rfm::RfmAccumulator) {
    let names: Vec<String> = (0..700).map(|i| format!("客户{i}")).collect();
    let ids: Vec<String> = (0..n / 3 + 1).map(|i| format!("SO{i}")).collect();
    let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
    let mut b = OrderBookBuilder::new(2);
    let mut plain = crate::engine::rfm::RfmAccumulator::new();
    let mut seed = 7u64;
    for i in 0..n {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        let customer = &names[(seed >> 33) as usize % 700];
        let amount_units = ((seed >> 20) % 100_000) as i64 - 5_000;
        let order_id = (i % 4 != 0).then_some(ids[i / 3].as_str());
        let date = start + chrono::Days::new((i / 200) as u64);
        let o = Order {
            customer,
            date,
            amount_units,
            order_id,
            product: None,
            channel: None,
            region: None,
        };
        b.push(&o).unwrap();
        plain.add(customer, date, order_id, Decimal::new(amount_units, 2));
    }
    let orders = b.finish(OrderBatch {
        id: Uuid::from_u128(1),
        imported_at: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        sources: vec![],
    });
    (orders, plain)
}

#[test]
fn the_two_worker_pass_gives_what_one_row_at_a_time_gives() {
    // 60,000 orders (above PARALLEL_FROM) of 700 customers, with repeated order ids and refunds.
    let (orders, plain) = random_orders(60_000);
    let settings = RfmSettings::default();
    let analysed = customers::analyse(&orders, &settings).unwrap();
    let expected = plain.finish(None, &settings.rule).unwrap();
    assert_eq!(analysed.rfm.as_ref().unwrap(), &expected);
    assert_eq!(analysed.summary.customers, 700);
    assert_eq!(analysed.rf_grid, expected.rf_grid());
}

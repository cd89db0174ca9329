//! Worked examples of the RFM rules, each computed by hand in the comments.

use super::*;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// Feeds `(customer, date, order id or "", amount)` rows.
fn feed(rows: &[(&str, &str, &str, &str)]) -> RfmAccumulator {
    let mut acc = RfmAccumulator::new();
    for &(c, d, o, a) in rows {
        acc.add(c, day(d), (!o.is_empty()).then_some(o), dec(a));
    }
    acc
}

fn row(result: &RfmResult, customer: &str) -> (u32, u32, Decimal, String, Tier) {
    let c = result.customers.iter().find(|c| c.customer == customer).unwrap();
    (c.recency_days, c.frequency, c.monetary, c.code.clone(), c.tier)
}

fn codes(result: &RfmResult) -> Vec<&str> {
    result.findings.iter().map(|f| f.code.as_str()).collect()
}

/// The worked example of the module doc, with order lines, so F counts orders, not rows.
#[test]
fn the_worked_example_of_the_module_doc() {
    let acc = feed(&[
        ("a", "2025-05-01", "a1", "300"),
        ("a", "2025-06-01", "a2", "200"),
        ("a", "2025-06-01", "a2", "100"), // second line of a2
        ("a", "2025-06-30", "a3", "300"),
        ("b", "2025-06-30", "b1", "60"),
        ("b", "2025-06-30", "b2", "40"), // same day, another order
        ("c", "2025-03-01", "", "75"),
        ("c", "2025-04-01", "", "75"),
        ("c", "2025-05-01", "", "75"),
        ("c", "2025-06-01", "", "75"),
        ("d", "2025-04-02", "d1", "200"),
        ("e", "2025-01-02", "e1", "50"),
    ]);
    let result = acc
        .finish(Some(day("2025-07-01")), &TierRule::default_scores())
        .unwrap();
    assert_eq!(row(&result, "a"), (1, 3, dec("900"), "445".into(), Tier::A));
    assert_eq!(row(&result, "b"), (1, 2, dec("100"), "432".into(), Tier::B));
    assert_eq!(row(&result, "c"), (30, 4, dec("300"), "354".into(), Tier::A));
    assert_eq!(row(&result, "d"), (90, 1, dec("200"), "213".into(), Tier::C));
    assert_eq!(row(&result, "e"), (180, 1, dec("50"), "111".into(), Tier::C));
    let ids: Vec<_> = result.customers.iter().map(|c| c.customer.as_str()).collect();
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(result.customers[0].score, 13);
    // R × F grid, [r − 1][f − 1]: e (1,1) and d (2,1) in column F1, c at (3,5), b (4,3), a (4,4).
    assert_eq!(
        result.rf_grid(),
        [
            [1, 0, 0, 0, 0],
            [1, 0, 0, 0, 0],
            [0, 0, 0, 0, 1],
            [0, 0, 1, 1, 0],
            [0, 0, 0, 0, 0],
        ]
    );
    // Tiers: A = a + c = 1,200 of 1,550 → 0.7742; B = b, 100 → 0.0645; C = d + e, 250 → 0.1613.
    let t = &result.tiers;
    assert_eq!(
        (t[0].customers, t[0].revenue, t[0].share),
        (2, dec("1200"), Some(dec("0.7742")))
    );
    assert_eq!(
        (t[1].customers, t[1].revenue, t[1].share),
        (1, dec("100"), Some(dec("0.0645")))
    );
    assert_eq!(
        (t[2].customers, t[2].revenue, t[2].share),
        (2, dec("250"), Some(dec("0.1613")))
    );
    assert_eq!(t[0].playbook, Playbook::Deepen);
    assert_eq!(t[2].actions, ["automated_outreach", "referral_campaigns"]);
    // Five customers: too few for quintiles; R uses only four levels (a and b tie).
    assert_eq!(
        codes(&result),
        ["rfm.few_customers", "rfm.tied_scores", "rfm.tied_scores"]
    );
    assert_eq!(result.findings[1].params["score"], "r");
    assert_eq!(result.findings[2].params["score"], "f");
}

#[test]
fn refunds_reduce_monetary_but_are_not_orders_and_do_not_move_recency() {
    // The module doc's example: o1 +100, o2 +50, refund of o2 −50 four days later.
    let acc = feed(&[
        ("x", "2025-03-01", "o1", "100"),
        ("x", "2025-03-05", "o2", "50"),
        ("x", "2025-03-09", "o2", "-50"),
        ("y", "2025-03-02", "r9", "-20"), // y has a refund only
    ]);
    assert_eq!(acc.last_order(), Some(day("2025-03-05")));
    let result = acc.finish(None, &TierRule::default_scores()).unwrap();
    // Default analysis date: the day after the last order (the refund on 03-09 does not count).
    assert_eq!(result.as_of, Some(day("2025-03-06")));
    assert_eq!(row(&result, "x").0, 1);
    assert_eq!(row(&result, "x").1, 2);
    assert_eq!(row(&result, "x").2, dec("100"));
    assert_eq!(result.customers.len(), 1);
    assert_eq!((result.rows, result.refund_rows), (4, 2));
    let f = result
        .findings
        .iter()
        .find(|f| f.code == "rfm.refund_only_customers")
        .unwrap();
    assert_eq!(
        (f.params["customers"].as_str(), f.params["amount"].as_str()),
        ("1", "-20")
    );
}

#[test]
fn zero_amounts_are_orders_and_a_negative_total_is_flagged() {
    let acc = feed(&[
        ("z", "2025-01-10", "", "0"),
        ("n", "2025-01-01", "n1", "10"),
        ("n", "2025-01-05", "", "-30"),
    ]);
    let result = acc.finish(None, &TierRule::default_pareto()).unwrap();
    // z: one order of 0 on 01-10 → R 1 (as of 01-11). n: one order, M = 10 − 30 = −20, R 10.
    // n = 2: R ranks n (below 0 → 1) and z (below 1 → 1 + ⌊5/2⌋ = 3); F ties at 1; M −20 < 0.
    assert_eq!(row(&result, "z"), (1, 1, dec("0"), "313".into(), Tier::C));
    assert_eq!(row(&result, "n"), (10, 1, dec("-20"), "111".into(), Tier::C));
    // Total revenue −20: no share can be given.
    assert!(result.tiers.iter().all(|t| t.share.is_none()));
    assert!(codes(&result).contains(&"rfm.negative_monetary"));
}

#[test]
fn merging_two_halves_gives_the_same_result_as_one_pass() {
    let rows = generated_rows(400, 37);
    let refs: Vec<(&str, &str, &str, &str)> = rows.iter().map(|r| (&*r.0, &*r.1, &*r.2, &*r.3)).collect();
    let whole = feed(&refs).finish(None, &TierRule::default_pareto()).unwrap();
    // Split inside orders (rows 111..221 are each customer's second order), as two readers would.
    let mut first = feed(&refs[..150]);
    first.merge(feed(&refs[150..]));
    assert_eq!(first.finish(None, &TierRule::default_pareto()).unwrap(), whole);
}

/// Rows of `customers` customers, some with order ids repeated across the file, some without,
/// refunds among them.
fn generated_rows(n: usize, customers: usize) -> Vec<(String, String, String, String)> {
    (0..n)
        .map(|i| {
            let customer = format!("c{}", i % customers);
            let date = format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28);
            let order = match i % 5 {
                0 => String::new(),
                _ => format!("o{}-{}", i % customers, i / (3 * customers)),
            };
            let amount = match i % 11 {
                0 => format!("-{}.5", i % 7),
                _ => format!("{}.25", i % 97),
            };
            (customer, date, order, amount)
        })
        .collect()
}

#[test]
fn parts_score_as_one_pass_whether_split_by_customer_or_not() {
    for (n, customers) in [(400, 37), (60_000, 24_000)] {
        let rows = generated_rows(n, customers);
        let refs: Vec<(&str, &str, &str, &str)> = rows.iter().map(|r| (&*r.0, &*r.1, &*r.2, &*r.3)).collect();
        let rule = TierRule::default_scores();
        let whole = feed(&refs).finish(None, &rule).unwrap();
        // By customer, as `salesplan rfm`'s two readers split them (each part settles alone;
        // with 24,000 customers, on two threads).
        let (even, odd): (Vec<_>, Vec<_>) = refs.iter().partition(|r| r.0.len() % 2 == 0);
        let by_customer = vec![feed(&even), feed(&odd)];
        assert!(settle::disjoint(&by_customer));
        assert_eq!(RfmAccumulator::finish_parts(by_customer, None, &rule).unwrap(), whole);
        // By position: customers in both parts, so the parts are merged first.
        let halves = vec![feed(&refs[..n / 3]), feed(&refs[n / 3..])];
        assert!(!settle::disjoint(&halves));
        assert_eq!(RfmAccumulator::finish_parts(halves, None, &rule).unwrap(), whole);
    }
}

#[test]
fn an_analysis_date_before_the_last_order_is_refused() {
    let acc = feed(&[("a", "2025-06-30", "", "1")]);
    let e = acc
        .finish(Some(day("2025-06-29")), &TierRule::default_scores())
        .unwrap_err();
    let reason = e.reason().unwrap();
    assert_eq!(reason.key, "rfm.as_of_before_last_order");
    assert_eq!(reason.params["last_order"], "2025-06-30");
    // The same day is fine: R = 0.
    let acc = feed(&[("a", "2025-06-30", "", "1")]);
    let result = acc
        .finish(Some(day("2025-06-30")), &TierRule::default_scores())
        .unwrap();
    assert_eq!(row(&result, "a").0, 0);
}

#[test]
fn no_orders_is_an_error_finding_not_a_failure() {
    let result = RfmAccumulator::new().finish(None, &TierRule::default_scores()).unwrap();
    assert_eq!(result.as_of, None);
    assert!(result.customers.is_empty());
    assert_eq!(codes(&result), ["rfm.no_orders"]);
    assert_eq!(result.tiers.len(), 3);
}

#[test]
fn twenty_five_distinct_customers_fill_every_quintile_without_findings() {
    let mut acc = RfmAccumulator::new();
    for i in 0..25u32 {
        // Customer i: i + 1 orders, the last on day i of 2025, each worth i + 1.
        for k in 0..=i {
            acc.add(
                &format!("c{i:02}"),
                day("2025-01-01") + Days::new(u64::from(k)),
                None,
                Decimal::from(i + 1),
            );
        }
    }
    let result = acc.finish(None, &TierRule::default_scores()).unwrap();
    assert!(result.findings.is_empty(), "{:?}", result.findings);
    // Five customers per level: c00..c04 score 1, …, c20..c24 score 5, on all three.
    for (i, c) in result.customers.iter().enumerate() {
        let s = 1 + (i / 5) as u8;
        assert_eq!((c.r, c.f, c.m), (s, s, s), "{}", c.customer);
    }
    assert_eq!(
        result.tiers.iter().map(|t| t.customers).collect::<Vec<_>>(),
        [10, 5, 10]
    );
}

#[test]
fn results_serialize_with_money_as_text() {
    let acc = feed(&[("客户甲", "2025-01-01", "", "12.50")]);
    let result = acc.finish(None, &TierRule::default_scores()).unwrap();
    let json = serde_json::to_value(&result).unwrap();
    assert_eq!(json["customers"][0]["monetary"], "12.5");
    assert_eq!(json["customers"][0]["tier"], "C");
    assert_eq!(json["rule"]["rule"], "scores");
    assert_eq!(json["tiers"][0]["playbook"], "deepen");
}

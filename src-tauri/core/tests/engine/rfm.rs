//! The streaming RFM engine against a reference written independently here: rows kept in a
//! `BTreeMap`, order ids in `BTreeSet`s, scores by counting (O(n²)) instead of sorting, Pareto
//! tiers by a plain running sum. Generated data has ties, single-order customers, same-day
//! orders, lines of one order spread over the file, rows without order id and refunds.

use chrono::{Days, NaiveDate};
use proptest::prelude::*;
use salesplan_core::engine::rfm::{RfmAccumulator, RfmResult, RunRow, Tier, TierRule};
use salesplan_core::rust_decimal::Decimal;
use std::collections::{BTreeMap, BTreeSet};

/// One generated order row.
#[derive(Debug, Clone)]
struct Row {
    customer: String,
    date: NaiveDate,
    order: Option<String>,
    amount: Decimal,
}

/// What the reference says about one customer.
#[derive(Debug, PartialEq)]
struct Expected {
    recency: u32,
    frequency: u32,
    monetary: Decimal,
    scores: (u8, u8, u8),
    tier: Tier,
}

fn reference(rows: &[Row], as_of: Option<NaiveDate>, rule: &TierRule) -> BTreeMap<String, Expected> {
    let mut by_customer: BTreeMap<&str, Vec<&Row>> = BTreeMap::new();
    for r in rows {
        by_customer.entry(&r.customer).or_default().push(r);
    }
    let is_order = |r: &&&Row| r.amount >= Decimal::ZERO;
    let last_order = rows.iter().filter(|r| r.amount >= Decimal::ZERO).map(|r| r.date).max();
    let Some(as_of) = as_of.or(last_order.map(|d| d + Days::new(1))) else {
        return BTreeMap::new();
    };
    // (customer, last order, frequency, monetary) of customers with at least one order.
    let mut values = Vec::new();
    for (customer, rows) in &by_customer {
        let Some(last) = rows.iter().filter(is_order).map(|r| r.date).max() else {
            continue;
        };
        let ids: BTreeSet<&str> = rows
            .iter()
            .filter(is_order)
            .filter_map(|r| r.order.as_deref())
            .collect();
        let unnamed = rows.iter().filter(is_order).filter(|r| r.order.is_none()).count();
        let monetary: Decimal = rows.iter().map(|r| r.amount).sum();
        values.push((customer.to_string(), last, (ids.len() + unnamed) as u32, monetary));
    }
    let n = values.len();
    let score = |below: usize| 1 + (5 * below / n) as u8;
    let r: Vec<u8> = values
        .iter()
        .map(|v| score(values.iter().filter(|w| w.1 < v.1).count()))
        .collect();
    let f: Vec<u8> = values
        .iter()
        .map(|v| score(values.iter().filter(|w| w.2 < v.2).count()))
        .collect();
    let m: Vec<u8> = values
        .iter()
        .map(|v| score(values.iter().filter(|w| w.3 < v.3).count()))
        .collect();
    let tiers: Vec<Tier> = match *rule {
        TierRule::Scores {
            a_min_score,
            b_min_score,
        } => (0..n)
            .map(|i| r[i] + f[i] + m[i])
            .map(|s| {
                if s >= a_min_score {
                    Tier::A
                } else if s >= b_min_score {
                    Tier::B
                } else {
                    Tier::C
                }
            })
            .collect(),
        TierRule::Pareto { a_share, b_share } => {
            let total: Decimal = values.iter().map(|v| v.3).filter(|m| *m > Decimal::ZERO).sum();
            let mut ranked: Vec<usize> = (0..n).collect();
            ranked.sort_by(|&x, &y| (values[y].3, &values[x].0).cmp(&(values[x].3, &values[y].0)));
            let mut tiers = vec![Tier::C; n];
            let mut before = Decimal::ZERO;
            for i in ranked.into_iter().filter(|&i| values[i].3 > Decimal::ZERO) {
                let share_before = before / total;
                tiers[i] = if share_before < a_share {
                    Tier::A
                } else if share_before < a_share + b_share {
                    Tier::B
                } else {
                    Tier::C
                };
                before += values[i].3;
            }
            tiers
        }
    };
    values
        .into_iter()
        .enumerate()
        .map(|(i, (customer, last, frequency, monetary))| {
            let expected = Expected {
                recency: (as_of - last).num_days() as u32,
                frequency,
                monetary,
                scores: (r[i], f[i], m[i]),
                tier: tiers[i],
            };
            (customer, expected)
        })
        .collect()
}

/// The rows up to `split` added one by one, the others as runs of one customer's consecutive
/// rows (`add_runs`), in another accumulator merged into the first.
fn engine(rows: &[Row], split: usize, as_of: Option<NaiveDate>, rule: &TierRule) -> RfmResult {
    let split = split.min(rows.len());
    let mut acc = RfmAccumulator::new();
    for r in &rows[..split] {
        acc.add(&r.customer, r.date, r.order.as_deref(), r.amount);
    }
    let tail: Vec<RunRow> = rows[split..]
        .iter()
        .map(|r| (r.date, r.order.as_deref(), r.amount))
        .collect();
    let mut runs: Vec<(&str, &[RunRow])> = Vec::new();
    let mut start = 0;
    for i in 1..=tail.len() {
        if i == tail.len() || rows[split + i].customer != rows[split + start].customer {
            runs.push((&rows[split + start].customer, &tail[start..i]));
            start = i;
        }
    }
    let mut other = RfmAccumulator::new();
    other.add_runs(&runs);
    acc.merge(other);
    acc.finish(as_of, rule).unwrap()
}

fn rows() -> impl Strategy<Value = Vec<Row>> {
    // Few customers, days and order ids, so ties, same-day orders and repeated ids are common.
    let row = (
        0..40u32,
        0..90u64,
        prop::option::weighted(0.8, 0..6u32),
        -3000i64..20000,
        0..10u8,
    );
    prop::collection::vec(row, 0..300).prop_map(|rows| {
        rows.into_iter()
            .map(|(c, d, o, cents, kind)| Row {
                customer: if c % 7 == 0 {
                    format!("客户{c}")
                } else {
                    format!("C{c:03}")
                },
                date: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap() + Days::new(d),
                order: o.map(|o| format!("{c}-{o}")),
                // One row in ten is a refund; whole amounts make ties in M likely.
                amount: match kind {
                    0 => Decimal::new(-cents.abs() - 1, 2),
                    1..=4 => Decimal::from(cents.abs() / 1000 * 10),
                    _ => Decimal::new(cents.abs(), 2),
                },
            })
            .collect()
    })
}

fn rule() -> impl Strategy<Value = TierRule> {
    prop_oneof![
        (3u8..=15, 0u8..=12).prop_map(|(b, extra)| TierRule::Scores {
            a_min_score: (b + extra).min(15),
            b_min_score: b,
        }),
        (0i64..=100, 0i64..=100).prop_map(|(a, b)| TierRule::Pareto {
            a_share: Decimal::new(a, 2),
            b_share: Decimal::new(b.min(100 - a), 2),
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_engine_agrees_with_the_reference(
        rows in rows(), split in 0usize..300, late in prop::option::of(0u64..30), rule in rule()
    ) {
        let last = rows.iter().filter(|r| r.amount >= Decimal::ZERO).map(|r| r.date).max();
        let as_of = late.and(last).map(|d| d + Days::new(late.unwrap()));
        let result = engine(&rows, split, as_of, &rule);
        let expected = reference(&rows, as_of, &rule);
        let got: BTreeMap<String, Expected> = result
            .customers
            .iter()
            .map(|c| {
                let e = Expected {
                    recency: c.recency_days,
                    frequency: c.frequency,
                    monetary: c.monetary,
                    scores: (c.r, c.f, c.m),
                    tier: c.tier,
                };
                (c.customer.clone(), e)
            })
            .collect();
        prop_assert_eq!(&got, &expected);
        // Tier counts and revenue add up to the customers'.
        let total: Decimal = result.customers.iter().map(|c| c.monetary).sum();
        prop_assert_eq!(result.tiers.iter().map(|t| t.revenue).sum::<Decimal>(), total);
        prop_assert_eq!(result.tiers.iter().map(|t| t.customers as usize).sum::<usize>(), result.customers.len());
        prop_assert_eq!(result.rows, rows.len() as u64);
        // The R × F grid counts every scored customer once, in the cell of its scores.
        let grid = result.rf_grid();
        prop_assert_eq!(grid.iter().flatten().sum::<u32>() as usize, result.customers.len());
        for (r, row) in grid.iter().enumerate() {
            for (f, &n) in row.iter().enumerate() {
                let count = expected.values().filter(|e| (e.scores.0, e.scores.1) == (r as u8 + 1, f as u8 + 1)).count();
                prop_assert_eq!(n as usize, count, "cell R{} F{}", r + 1, f + 1);
            }
        }
        for c in &result.customers {
            prop_assert_eq!(c.code.clone(), format!("{}{}{}", c.r, c.f, c.m));
            prop_assert_eq!(c.score, c.r + c.f + c.m);
        }
    }
}

//! From accumulators to scored customers: each part *settles* (counts its customers' distinct
//! orders and lists them), then all are scored together.
//!
//! Settling is most of the work after reading (sorting every customer's order fingerprints),
//! and parts whose customers are disjoint settle independently, so they do it on threads of
//! their own. Scoring needs every customer (quintiles are ranks over all of them).

use super::report::{self, RfmCustomer, RfmResult};
use super::{scores, tiers, RfmAccumulator, TierRule, MIN_CUSTOMERS};
use crate::engine::findings::{Finding, Severity};
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Below this many customers in all, threads cost more than they save.
const PARALLEL_FROM: usize = 20_000;

/// A scorable customer: id, last order, recency (days), frequency, monetary.
type Scored = (String, NaiveDate, u32, u32, Decimal);

/// One part, settled.
pub(super) struct Settled {
    scored: Vec<Scored>,
    /// Customers with refunds only (not scorable), and the sum of their refunds.
    refund_only: u32,
    refunds: Decimal,
}

/// True when no customer is in two of the parts.
pub(super) fn disjoint(parts: &[RfmAccumulator]) -> bool {
    parts.iter().enumerate().all(|(i, a)| {
        parts[i + 1..].iter().all(|b| {
            let (small, large) = if a.customers.len() <= b.customers.len() {
                (a, b)
            } else {
                (b, a)
            };
            small
                .customers
                .keys()
                .all(|k| !large.customers.contains_key(k.as_bytes()))
        })
    })
}

/// Settles every part, on threads when the parts are large.
pub(super) fn in_parallel(parts: Vec<RfmAccumulator>, as_of: Option<NaiveDate>) -> Vec<Settled> {
    let customers: usize = parts.iter().map(|p| p.customers.len()).sum();
    if parts.len() < 2 || customers < PARALLEL_FROM {
        return parts.into_iter().map(|p| settle(p, as_of)).collect();
    }
    std::thread::scope(|scope| {
        let mut parts = parts.into_iter();
        let here = parts.next().expect("two parts or more");
        let threads: Vec<_> = parts.map(|p| scope.spawn(move || settle(p, as_of))).collect();
        let mut settled = vec![settle(here, as_of)];
        for t in threads {
            settled.push(t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
        }
        settled
    })
}

/// Counts each customer's distinct orders and lists the scorable customers.
fn settle(acc: RfmAccumulator, as_of: Option<NaiveDate>) -> Settled {
    let distinct = acc.orders.distinct(acc.customers.len());
    let mut settled = Settled {
        scored: Vec::with_capacity(acc.customers.len()),
        refund_only: 0,
        refunds: Decimal::ZERO,
    };
    for (key, state) in acc.customers {
        match (state.last_order, as_of) {
            (Some(last), Some(as_of)) => {
                let frequency = state.unnamed.saturating_add(distinct[state.number as usize]);
                let recency = (as_of - last).num_days() as u32;
                settled
                    .scored
                    .push((key.into_string(), last, recency, frequency, state.monetary));
            }
            _ => {
                settled.refund_only += 1;
                settled.refunds += state.monetary;
            }
        }
    }
    settled
}

/// Scores and tiers the customers of all parts, by customer id.
pub(super) fn score(
    parts: Vec<Settled>,
    as_of: Option<NaiveDate>,
    rule: &TierRule,
    rows: u64,
    refund_rows: u64,
) -> RfmResult {
    let mut findings = Vec::new();
    let (mut refund_only, mut refunds) = (0u32, Decimal::ZERO);
    let mut scored: Vec<Scored> = Vec::with_capacity(parts.iter().map(|p| p.scored.len()).sum());
    for p in parts {
        refund_only += p.refund_only;
        refunds += p.refunds;
        scored.extend(p.scored);
    }
    scored.sort_unstable_by(|x, y| x.0.cmp(&y.0));
    let monetary: Vec<Decimal> = scored.iter().map(|c| c.4).collect();
    let (r, f, m) = quintiles(&scored, &monetary);
    let sums: Vec<u8> = (0..scored.len()).map(|i| r[i] + f[i] + m[i]).collect();
    let id_refs: Vec<&str> = scored.iter().map(|c| &*c.0).collect();
    let tiers = tiers::assign(rule, &sums, &monetary, &id_refs);
    check(&mut findings, scored.len(), [("r", &r), ("f", &f), ("m", &m)]);
    if refund_only > 0 {
        let f = finding("rfm.refund_only_customers", Severity::Warning);
        findings.push(f.with("customers", refund_only).with("amount", refunds.normalize()));
    }
    let negative = monetary.iter().filter(|m| **m < Decimal::ZERO).count();
    if negative > 0 {
        findings.push(finding("rfm.negative_monetary", Severity::Warning).with("customers", negative));
    }
    findings.sort_by_key(|f| f.severity);
    let customers: Vec<RfmCustomer> = scored
        .into_iter()
        .enumerate()
        .map(|(i, (id, last_order, recency_days, frequency, monetary))| RfmCustomer {
            customer: id,
            last_order,
            recency_days,
            frequency,
            monetary,
            r: r[i],
            f: f[i],
            m: m[i],
            code: [r[i], f[i], m[i]].iter().map(|&d| char::from(b'0' + d)).collect(),
            score: sums[i],
            tier: tiers[i],
        })
        .collect();
    RfmResult {
        as_of,
        rule: rule.clone(),
        tiers: report::summarise(&customers),
        customers,
        rows,
        refund_rows,
        findings,
    }
}

/// The R, F and M scores; with many customers, R and F are ranked on a second thread while
/// this one ranks M (the slowest: decimals).
fn quintiles(scored: &[Scored], monetary: &[Decimal]) -> (Vec<u8>, Vec<u8>, Vec<u8>) {
    let r_and_f = || {
        let last: Vec<NaiveDate> = scored.iter().map(|c| c.1).collect();
        let freq: Vec<u32> = scored.iter().map(|c| c.3).collect();
        (scores::quintiles(&last), scores::quintiles(&freq))
    };
    if scored.len() < PARALLEL_FROM {
        let (r, f) = r_and_f();
        return (r, f, scores::quintiles(monetary));
    }
    std::thread::scope(|scope| {
        let other = scope.spawn(r_and_f);
        let m = scores::quintiles(monetary);
        let (r, f) = other.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (r, f, m)
    })
}

/// A finding of the customers step.
fn finding(code: &str, severity: Severity) -> Finding {
    Finding::on_step(code, severity, "customers", Some("orders"))
}

/// Findings about how far the scores can be trusted.
fn check(findings: &mut Vec<Finding>, n: usize, scores: [(&str, &Vec<u8>); 3]) {
    if n == 0 {
        findings.push(finding("rfm.no_orders", Severity::Error));
        return;
    }
    if n < MIN_CUSTOMERS {
        let f = finding("rfm.few_customers", Severity::Warning);
        findings.push(f.with("customers", n).with("minimum", MIN_CUSTOMERS));
    }
    for (name, s) in scores {
        let levels = scores::levels(s);
        if n >= 5 && levels < 5 {
            findings.push(
                finding("rfm.tied_scores", Severity::Hint)
                    .with("score", name)
                    .with("levels", levels),
            );
        }
    }
}

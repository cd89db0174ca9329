//! Customers (客户分层运营): RFM on the orders stored in the plan, tiers A / B / C with their
//! playbooks as strategy seeds for section 3, and the personas.
//!
//! The rules of R, F, M, the scores and the tier rules are [`crate::engine::rfm`]'s; this
//! module feeds it the plan's [`OrderBook`] with the plan's [`RfmSettings`] (analysis date,
//! default the day after the last order; tier rule, default score sums A ≥ 12, B ≥ 8).
//!
//! **Cost.** One pass over the orders (`pass.rs`; a million take a few hundred
//! milliseconds), so the result is remembered by the order book itself ([`OrderBook`] is immutable: a new import is
//! a new book) together with the settings it ran with: edits of anything else, undo and redo
//! reuse it, and only an import or a change of the RFM settings runs the pass again.
//!
//! Findings (step `customers`): `customers.no_orders` (hint: import orders to tier customers),
//! the RFM engine's own (`rfm.few_customers` warning below 25 customers, `rfm.tied_scores`,
//! `rfm.refund_only_customers`, `rfm.negative_monetary`, `rfm.no_orders`), and
//! `rfm.as_of_before_last_order` (error, field `as_of`, params `as_of`, `last_order`),
//! `rfm.tier_rule_invalid` (error, field `rule`), `rfm.stale_orders` (hint: the last order is
//! more than [`STALE_DAYS`] days before the plan starts, params `last_order`, `period_start`),
//! `persona.none` (hint), `persona.unnamed` (warning, on the persona), `persona.empty_tier`
//! (hint, on the persona, param `tier`: no customer is in the persona's tier).

use crate::engine::findings::{Finding, Severity};
use crate::engine::rfm::{RfmCustomer, RfmResult, Tier, TierRule, TierSummary};
use crate::model::{OrderBook, Plan, RfmSettings};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;
use ts_rs::TS;
use uuid::Uuid;

/// How many customers the report lists (largest revenue first); [`customers_page`] gives all.
pub const TOP_CUSTOMERS: usize = 50;
/// A last order this many days before the plan starts makes the RFM picture stale.
pub const STALE_DAYS: i64 = 90;

/// What the stored orders are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrdersSummary {
    /// The import they came from.
    pub batch_id: Uuid,
    /// When.
    pub imported_at: DateTime<Utc>,
    /// The files read.
    pub sources: Vec<String>,
    /// Order rows.
    #[ts(type = "number")]
    pub orders: u64,
    /// Of them, refunds (negative amount).
    #[ts(type = "number")]
    pub refunds: u64,
    /// Distinct customers.
    pub customers: u32,
    /// The earliest order date.
    pub first_date: NaiveDate,
    /// The latest order date.
    pub last_date: NaiveDate,
    /// Sum of the amounts, refunds subtracted.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub total: Decimal,
}

/// One pass over the orders: the summary and the RFM outcome (an error is the finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrdersAnalysis {
    /// What the orders are.
    pub summary: OrdersSummary,
    /// RFM per customer, or the finding saying why it could not run.
    pub rfm: Result<RfmResult, Finding>,
    /// Indices into the scored customers, largest revenue first (ties by id): sorted once,
    /// so the report's top list and the pages cost no sort.
    pub by_revenue: Vec<u32>,
}

/// The RFM analysis as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RfmSummary {
    /// The analysis date used.
    pub as_of: Option<NaiveDate>,
    /// True when it is the default (the day after the last order).
    pub as_of_default: bool,
    /// The tier rule used.
    pub rule: TierRule,
    /// Customers scored.
    pub customers: u32,
    /// The [`TOP_CUSTOMERS`] customers with the most revenue (ties by id).
    pub top_customers: Vec<RfmCustomer>,
}

/// A tier and what to do with it: the seed of a section-3 strategy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct StrategySeed {
    /// The tier: customers, revenue, share, playbook (A deepen, B precision marketing, C
    /// low-cost activation) and its typical actions.
    pub summary: TierSummary,
    /// The personas linked to the tier.
    pub persona_ids: Vec<Uuid>,
}

/// Customers as computed from the orders, settings and personas.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct CustomersReport {
    /// The stored orders; none before an import.
    pub orders: Option<OrdersSummary>,
    /// The RFM analysis; none without orders or when it cannot run (an error finding says why).
    pub rfm: Option<RfmSummary>,
    /// Tiers A, B, C with their playbooks and personas (empty without an analysis).
    pub seeds: Vec<StrategySeed>,
}

/// One page of the scored customers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CustomerPage {
    /// Customers matching (all of the tier, or all).
    pub total: u32,
    /// The page, largest revenue first (ties by id).
    pub customers: Vec<RfmCustomer>,
}

/// Runs the pass over the orders (no memo).
pub fn analyse(orders: &OrderBook, settings: &RfmSettings) -> Option<OrdersAnalysis> {
    let batch = orders.batch()?;
    let super::pass::Pass {
        acc,
        first,
        last,
        total,
        refunds,
    } = super::pass::run(orders);
    let summary = OrdersSummary {
        batch_id: batch.id,
        imported_at: batch.imported_at,
        sources: batch.sources.clone(),
        orders: orders.len() as u64,
        refunds,
        customers: acc.customers() as u32,
        first_date: first,
        last_date: last,
        total: Decimal::try_from_i128_with_scale(total, orders.scale())
            .unwrap_or(Decimal::MAX)
            .normalize(),
    };
    let rfm = acc.finish(settings.as_of, &settings.rule).map_err(|e| {
        let (code, field) = match e.reason().map(|r| r.key.as_str()) {
            Some("rfm.as_of_before_last_order") => ("rfm.as_of_before_last_order", "as_of"),
            _ => ("rfm.tier_rule_invalid", "rule"),
        };
        let mut f = Finding::on_step(code, Severity::Error, "customers", Some(field));
        f.params = e.reason().map(|r| r.params.clone()).unwrap_or_default();
        f
    });
    let by_revenue = rfm.as_ref().map(revenue_order).unwrap_or_default();
    Some(OrdersAnalysis {
        summary,
        rfm,
        by_revenue,
    })
}

/// Customer indices by revenue, largest first, ties by id.
fn revenue_order(rfm: &RfmResult) -> Vec<u32> {
    let c = &rfm.customers;
    let mut order: Vec<u32> = (0..c.len() as u32).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&c[a as usize], &c[b as usize]);
        b.monetary.cmp(&a.monetary).then_with(|| a.customer.cmp(&b.customer))
    });
    order
}

/// The analysis of the plan's orders with its settings, remembered by the order book.
pub fn analysis(plan: &Plan) -> Option<Arc<OrdersAnalysis>> {
    let settings = &plan.support.rfm;
    if let Some(hit) = plan.orders.memo(settings) {
        return Some(hit);
    }
    let fresh = Arc::new(analyse(&plan.orders, settings)?);
    plan.orders.remember(settings, fresh.clone());
    Some(fresh)
}

/// The scored customers (of one tier, or all) by revenue, largest first, ties by id.
fn by_revenue(analysis: &OrdersAnalysis, tier: Option<Tier>) -> impl Iterator<Item = &RfmCustomer> {
    let customers = analysis
        .rfm
        .as_ref()
        .map(|r| r.customers.as_slice())
        .unwrap_or_default();
    (analysis.by_revenue.iter())
        .map(move |&i| &customers[i as usize])
        .filter(move |c| tier.is_none_or(|t| c.tier == t))
}

/// A page of the scored customers (of one tier, or all), largest revenue first.
pub fn customers_page(plan: &Plan, tier: Option<Tier>, offset: usize, limit: usize) -> CustomerPage {
    let Some(analysis) = analysis(plan) else {
        return CustomerPage {
            total: 0,
            customers: vec![],
        };
    };
    CustomerPage {
        total: by_revenue(&analysis, tier).count() as u32,
        customers: by_revenue(&analysis, tier).skip(offset).take(limit).cloned().collect(),
    }
}

/// The customers part of the report; findings go to `findings`.
pub fn compute(plan: &Plan, findings: &mut Vec<Finding>) -> CustomersReport {
    let personas = &plan.support.personas;
    let persona =
        |code: &str, severity, id| Finding::on_step(code, severity, "customers", Some("personas")).on_item(id);
    if personas.is_empty() {
        findings.push(Finding::on_step(
            "persona.none",
            Severity::Hint,
            "customers",
            Some("personas"),
        ));
    }
    for p in personas.iter().filter(|p| p.name.trim().is_empty()) {
        findings.push(persona("persona.unnamed", Severity::Warning, p.id));
    }
    let Some(analysis) = analysis(plan) else {
        let f = Finding::on_step("customers.no_orders", Severity::Hint, "customers", Some("orders"));
        findings.push(f);
        return CustomersReport::default();
    };
    let summary = analysis.summary.clone();
    let stale = (plan.header.period_start - summary.last_date).num_days() > STALE_DAYS;
    if stale {
        let f = Finding::on_step("rfm.stale_orders", Severity::Hint, "customers", Some("orders"));
        findings.push(
            f.with("last_order", summary.last_date)
                .with("period_start", plan.header.period_start),
        );
    }
    let rfm = match &analysis.rfm {
        Ok(rfm) => rfm,
        Err(finding) => {
            findings.push(finding.clone());
            return CustomersReport {
                orders: Some(summary),
                ..CustomersReport::default()
            };
        }
    };
    findings.extend(rfm.findings.iter().cloned());
    let seeds: Vec<StrategySeed> = (rfm.tiers.iter())
        .map(|t| StrategySeed {
            summary: t.clone(),
            persona_ids: personas
                .iter()
                .filter(|p| p.tier == Some(t.tier))
                .map(|p| p.id)
                .collect(),
        })
        .collect();
    for p in personas {
        if let Some(tier) = p
            .tier
            .filter(|&t| seeds.iter().any(|s| s.summary.tier == t && s.summary.customers == 0))
        {
            findings.push(persona("persona.empty_tier", Severity::Hint, p.id).with("tier", tier.as_str()));
        }
    }
    CustomersReport {
        orders: Some(summary),
        rfm: Some(RfmSummary {
            as_of: rfm.as_of,
            as_of_default: plan.support.rfm.as_of.is_none(),
            rule: rfm.rule.clone(),
            customers: rfm.customers.len() as u32,
            top_customers: by_revenue(&analysis, None).take(TOP_CUSTOMERS).cloned().collect(),
        }),
        seeds,
    }
}

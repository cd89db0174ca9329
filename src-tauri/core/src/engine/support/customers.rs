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
//! reuse it, and only an import or a change of the RFM settings runs the pass again. The
//! R × F grid of the report is counted once with it; the customer table's sort orders
//! (`customer_page.rs`) are made on first use and kept with it too.
//!
//! Findings (step `customers`): `customers.no_orders` (hint: import orders to tier customers),
//! the RFM engine's own (`rfm.few_customers` warning below 25 customers, `rfm.tied_scores`,
//! `rfm.refund_only_customers`, `rfm.negative_monetary`, `rfm.no_orders`), and
//! `rfm.as_of_before_last_order` (error, field `as_of`, params `as_of`, `last_order`),
//! `rfm.tier_rule_invalid` (error, field `rule`), `rfm.stale_orders` (hint: the last order is
//! more than [`STALE_DAYS`] days before the plan starts, params `last_order`, `period_start`),
//! `persona.none` (hint), `persona.unnamed` (warning, on the persona), `persona.empty_tier`
//! (hint, on the persona, param `tier`: no customer is in the persona's tier).

use super::customer_page::{ordered, CustomerSort, PageIndex};
use crate::engine::findings::{Finding, Severity};
use crate::engine::rfm::{RfmCustomer, RfmResult, TierRule, TierSummary};
use crate::model::{OrderBook, Plan, RfmSettings};
use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;
use serde::Serialize;
use std::sync::Arc;
use ts_rs::TS;
use uuid::Uuid;

/// How many customers the report lists (largest revenue first); the customer pages
/// ([`super::customer_page`]) give all.
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
    /// Scored customers per R score × F score, `[r − 1][f − 1]` (5 × 5; empty without RFM).
    pub rf_grid: Vec<Vec<u32>>,
    /// The customer table's sort orders, made on first use.
    pub(crate) index: PageIndex,
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
    /// Every scored customer counted per R score × F score: `rf_grid[r − 1][f − 1]` (5 × 5,
    /// 5 = most recent, most orders); the cells sum to `customers`.
    pub rf_grid: Vec<Vec<u32>>,
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
    let rf_grid = rfm.as_ref().map(RfmResult::rf_grid).unwrap_or_default();
    Some(OrdersAnalysis {
        summary,
        rfm,
        rf_grid,
        index: PageIndex::default(),
    })
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
            top_customers: ordered(&analysis.index, &rfm.customers, CustomerSort::Monetary, true)
                .take(TOP_CUSTOMERS)
                .map(|i| rfm.customers[i].clone())
                .collect(),
            rf_grid: analysis.rf_grid.clone(),
        }),
        seeds,
    }
}

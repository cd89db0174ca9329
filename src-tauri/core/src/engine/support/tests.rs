//! Worked examples of section 2 on small plans: the SWOT view and what a blank plan reports.
//! The customers (RFM, tiers, pages, the order pass) are in `customers_tests.rs`.

use super::*;
use crate::clock::FixedClock;
use crate::model::{FactorKind, Impact, InternalFactor, MarketCategory, MarketItem};
use crate::template::{self, Template};
use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;
use uuid::Uuid;

pub(super) fn blank() -> Plan {
    let c = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
    template::build(Template::Blank, "en", NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(), &c)
}

fn item(n: u128, impact: Impact, weight: i64) -> MarketItem {
    MarketItem {
        id: Uuid::from_u128(n),
        category: MarketCategory::IndustryTrend,
        impact,
        title: format!("item {n}"),
        description: String::new(),
        weight: Decimal::from(weight),
        goal_ids: vec![],
    }
}

pub(super) fn codes(findings: &[Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn swot_weighs_market_items_into_shares_and_a_balance() {
    let mut plan = blank();
    let s = &mut plan.support;
    s.market_items = vec![
        item(1, Impact::Opportunity, 4),
        item(2, Impact::Threat, 6),
        item(3, Impact::Opportunity, 8),
    ];
    s.factors = vec![InternalFactor {
        id: Uuid::from_u128(9),
        kind: FactorKind::Strength,
        statement: "设备+耗材".into(),
        weight: Decimal::from(3),
        attribute_id: None,
    }];
    let mut findings = vec![];
    let r = compute(&plan, &mut findings);
    let o = &r.swot.opportunities;
    assert_eq!(
        (o[0].id, o[1].id),
        (Uuid::from_u128(3), Uuid::from_u128(1)),
        "heaviest first"
    );
    assert_eq!(
        (o[0].share, o[1].share),
        (Some(Decimal::new(6667, 4)), Some(Decimal::new(3333, 4)))
    );
    assert_eq!(r.swot.threats[0].share, Some(Decimal::ONE));
    assert_eq!(r.swot.balance, Some(Decimal::new(33, 2)), "(12 − 6) / 18");
    assert_eq!(r.swot.strengths[0].share, Some(Decimal::ONE));
    let market: Vec<_> = codes(&findings)
        .into_iter()
        .filter(|c| c.starts_with("market") || c.starts_with("swot"))
        .collect();
    assert_eq!(
        market,
        [
            "market.no_goal",
            "market.no_goal",
            "market.no_goal",
            "swot.no_weaknesses"
        ]
    );
    let first = findings.iter().find(|f| f.code == "market.no_goal").unwrap();
    assert_eq!(first.target.item_id, Some(Uuid::from_u128(1)));
}

#[test]
fn swot_adds_matrix_leads_and_gaps_unless_a_typed_factor_names_them() {
    let mut plan = blank();
    let json = serde_json::json!({
        "attributes": [{"id": Uuid::from_u128(100), "name": "cost"}, {"id": Uuid::from_u128(101), "name": "brand"}],
        "competitors": [
            {"id": Uuid::from_u128(1), "name": "we", "own": true,
             "scores": [{"attribute_id": Uuid::from_u128(100), "score": "8"}, {"attribute_id": Uuid::from_u128(101), "score": "4"}]},
            {"id": Uuid::from_u128(2), "name": "them",
             "scores": [{"attribute_id": Uuid::from_u128(100), "score": "6"}, {"attribute_id": Uuid::from_u128(101), "score": "7"}]}
        ]
    });
    plan.support = serde_json::from_value(json).unwrap();
    let mut findings = vec![];
    let r = compute(&plan, &mut findings);
    assert_eq!(r.swot.strengths.len(), 1);
    assert_eq!(
        (r.swot.strengths[0].label.as_str(), r.swot.strengths[0].gap),
        ("cost", Some(Decimal::from(2)))
    );
    assert_eq!(r.swot.weaknesses[0].gap, Some(Decimal::from(-3)));
    // A typed weakness about the brand replaces the derived one.
    plan.support.factors.push(InternalFactor {
        id: Uuid::from_u128(9),
        kind: FactorKind::Weakness,
        statement: "品牌知名度低".into(),
        weight: Decimal::from(5),
        attribute_id: Some(Uuid::from_u128(101)),
    });
    let r = compute(&plan, &mut vec![]);
    assert_eq!(r.swot.weaknesses.len(), 1);
    assert_eq!(r.swot.weaknesses[0].label, "品牌知名度低");
}

#[test]
fn a_blank_plan_has_only_hints_in_section_two() {
    let mut findings = vec![];
    let r = compute(&blank(), &mut findings);
    assert!(r.nps.is_none() && r.customers.orders.is_none());
    assert_eq!(
        codes(&findings),
        [
            "nps.missing",
            "competition.none",
            "market.no_items",
            "swot.no_strengths",
            "swot.no_weaknesses",
            "persona.none",
            "customers.no_orders"
        ]
    );
}

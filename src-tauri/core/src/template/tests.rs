//! The template's section 2 holds together: the figures its module docs quote.

use super::{build, Template};
use crate::clock::FixedClock;
use crate::engine::support::competition::Position;
use crate::engine::{self, rfm::Tier};
use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

fn plan(locale: &str) -> crate::model::Plan {
    let c = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 30, 8, 0, 0).unwrap());
    build(
        Template::Q4Growth,
        locale,
        NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        &c,
    )
}

#[test]
fn section_two_of_the_template_agrees_with_itself_in_both_languages() {
    for locale in ["zh-CN", "en"] {
        let p = plan(locale);
        let r = engine::evaluate(&p);
        assert!(r.findings.is_empty(), "{locale}: {:?}", r.findings);
        let s = &r.support;
        assert_eq!(s.nps.as_ref().map(|n| n.score), Some(Decimal::from(30)));
        assert_eq!(s.swot.balance, Some(Decimal::new(42, 2)), "(27 − 11) / 38");
        let positions: Vec<_> = s.competition.attributes.iter().map(|a| a.position).collect();
        let expected = [Position::Lead, Position::Lead, Position::Trail, Position::Par].map(Some);
        assert_eq!(positions, expected);
        // The typed strengths and weakness name cost, service and brand: nothing is derived.
        assert_eq!((s.swot.strengths.len(), s.swot.weaknesses.len()), (2, 2));
        let orders = s.customers.orders.as_ref().unwrap();
        assert_eq!((orders.orders, orders.customers), (302, 40));
        assert_eq!(
            orders.total,
            Decimal::from(33_950_000),
            "the baseline's 2025-10 … 2026-09 bookings"
        );
        let rfm = s.customers.rfm.as_ref().unwrap();
        assert_eq!(rfm.as_of, NaiveDate::from_ymd_opt(2026, 9, 28));
        let tiers: Vec<_> = s
            .customers
            .seeds
            .iter()
            .map(|t| (t.summary.tier, t.summary.customers))
            .collect();
        assert_eq!(tiers, [(Tier::A, 12), (Tier::B, 11), (Tier::C, 17)]);
        assert_eq!(s.customers.seeds[0].summary.share, Some(Decimal::new(8415, 4)));
        assert!(s.customers.seeds.iter().all(|t| t.persona_ids.len() == 1));
    }
}

//! Funnel properties: counts never fall below the exact requirement, spreading by days neither
//! creates nor loses work, and no driver makes the engine panic.

use crate::common::{decimal, months, rate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::engine::funnel::{plan, FunnelInput, RepeatRevenue};

fn repeat() -> impl Strategy<Value = RepeatRevenue> {
    prop_oneof![
        rate().prop_map(|share| RepeatRevenue::Share { share }),
        (0u32..2_000, rate(), decimal(-1_000..=10_000_000, 2)).prop_map(
            |(existing_customers, repeat_rate, order_value)| {
                RepeatRevenue::Customers {
                    existing_customers,
                    repeat_rate,
                    order_value,
                }
            }
        ),
    ]
}

fn input() -> impl Strategy<Value = FunnelInput> {
    (
        months(14, decimal(-1_000_000..=5_000_000_000, 2)),
        repeat(),
        prop_oneof![4 => decimal(1..=100_000_000, 2), 1 => decimal(-1_000..=0, 2)],
        (rate(), rate()),
        (0u16..400, 0u16..120),
    )
        .prop_map(|(targets, repeat, deal_size, (lo, od), (cycle, lag))| FunnelInput {
            segment: "A".into(),
            targets,
            repeat,
            deal_size,
            lead_to_opportunity: lo,
            opportunity_to_deal: od,
            sales_cycle_days: cycle,
            lead_to_opportunity_days: lag,
            minor_units: None,
        })
}

/// Counts are at least the exact requirement and less than one above it (six-place display).
fn assert_rounded_up(count: Option<u64>, exact: Option<Decimal>) {
    if let (Some(c), Some(e)) = (count, exact) {
        let c = Decimal::from(c);
        let half_micro = Decimal::new(5, 7);
        assert!(
            c + half_micro >= e && c < e + Decimal::ONE + half_micro,
            "count {c} for exact {e}"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn counts_cover_the_exact_requirement_and_the_work_is_conserved(input in input()) {
        let p = plan(&input);
        for m in &p.months {
            assert_rounded_up(m.deals, m.deals_exact);
            assert_rounded_up(m.opportunities, m.opportunities_exact);
            assert_rounded_up(m.leads, m.leads_exact);
        }
        // The new revenue behind every opportunity: Σ exact opportunities = Σ new / (deal × rate).
        let exact = |f: fn(&salesplan_core::engine::funnel::FunnelMonth) -> Option<Decimal>| {
            p.months.iter().map(f).collect::<Option<Vec<_>>>().map(|v| v.into_iter().sum::<Decimal>())
        };
        let usable = input.deal_size > Decimal::ZERO && !p.months.is_empty();
        if let (Some(opps), Some(new), true) = (exact(|m| m.opportunities_exact), p.totals.new_revenue, usable) {
            let expected = new / (input.deal_size * input.opportunity_to_deal);
            let tolerance = Decimal::new(1, 6) * Decimal::from(p.months.len() as u64);
            prop_assert!((opps - expected).abs() <= tolerance, "{opps} vs {expected}");
            prop_assert!(Decimal::from(p.totals.opportunities.unwrap()) >= expected);
        }
        if let (Some(deals), Some(new), true) = (p.totals.deals, p.totals.new_revenue, usable) {
            prop_assert!(Decimal::from(deals) >= new / input.deal_size);
        }
        // New + repeat is the target wherever repeat does not exceed it.
        for m in p.months.iter().filter(|m| !m.before_period) {
            if let (Some(r), Some(n)) = (m.repeat_revenue, m.new_revenue) {
                prop_assert!(n >= Decimal::ZERO && (r > m.target || r + n == m.target));
            }
        }
    }

    #[test]
    fn bad_drivers_are_findings_not_panics(input in input()) {
        let p = plan(&input);
        let has = |code: &str| p.findings.iter().any(|f| f.code == code);
        for rate in [input.lead_to_opportunity, input.opportunity_to_deal] {
            if rate.is_zero() {
                prop_assert!(has("funnel.zero_rate"));
            }
            if rate < Decimal::ZERO || rate > Decimal::ONE {
                prop_assert!(has("funnel.rate_out_of_range"));
            }
        }
        if input.deal_size <= Decimal::ZERO {
            prop_assert!(has("funnel.zero_deal_size"));
            prop_assert!(p.months.iter().all(|m| m.deals.is_none() && m.opportunities.is_none()));
        }
        // Months run contiguously, and before-period months come first.
        for pair in p.months.windows(2) {
            prop_assert!(pair[0].month < pair[1].month);
            prop_assert!(pair[0].before_period || !pair[1].before_period);
        }
    }
}

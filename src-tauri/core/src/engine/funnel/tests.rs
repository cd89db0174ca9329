//! Golden worked examples of the funnel, computed by hand in the comments.

use super::*;

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn day(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

fn target(m: u32, amount: &str) -> MonthAmount {
    MonthAmount {
        month: day(2026, m),
        amount: dec(amount),
    }
}

/// The Q4 "+30 %" segment: deal size 50,000, opp→deal 25 %, lead→opp 20 %, repeat 30 %.
fn q4(targets: Vec<MonthAmount>, cycle: u16) -> FunnelInput {
    FunnelInput {
        segment: "A".into(),
        targets,
        repeat: RepeatRevenue::Share { share: dec("0.3") },
        deal_size: dec("50000"),
        lead_to_opportunity: dec("0.2"),
        opportunity_to_deal: dec("0.25"),
        sales_cycle_days: cycle,
        lead_to_opportunity_days: 0,
        minor_units: None,
    }
}

/// One row as (month, before_period, deals, opportunities, leads).
type Row = (NaiveDate, bool, Option<u64>, Option<u64>, Option<u64>);

fn rows(p: &FunnelPlan) -> Vec<Row> {
    p.months
        .iter()
        .map(|m| (m.month, m.before_period, m.deals, m.opportunities, m.leads))
        .collect()
}

fn codes(p: &FunnelPlan) -> Vec<&str> {
    p.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn october_without_a_cycle_is_the_plain_chain() {
    // 4,000,000 × 30 % = 1,200,000 repeat → 2,800,000 new; / 50,000 = 56 deals;
    // / 0.25 = 224 opportunities; / 0.2 = 1,120 leads, all in October.
    let p = plan(&q4(vec![target(10, "4000000")], 0));
    let oct = &p.months[0];
    assert_eq!(
        (oct.repeat_revenue, oct.new_revenue),
        (Some(dec("1200000")), Some(dec("2800000")))
    );
    assert_eq!(rows(&p), vec![(day(2026, 10), false, Some(56), Some(224), Some(1120))]);
    assert!(p.findings.is_empty());
}

#[test]
fn october_with_a_45_day_cycle_starts_in_august() {
    // Deals close Oct 1–31; minus 45 days the opportunities are created Aug 17–Sep 16:
    // 15 days in August, 16 in September.
    // August:    224 × 15/31 = 108.387097 → 109;  leads × 5 = 541.935484 → 542
    // September: 224 × 16/31 = 115.612903 → 116;  leads × 5 = 578.064516 → 579
    // Each month rounds up once, so 109 + 116 = 225 ≥ 224 and 542 + 579 = 1,121 ≥ 1,120.
    let p = plan(&q4(vec![target(10, "4000000")], 45));
    assert_eq!(
        rows(&p),
        vec![
            (day(2026, 8), true, Some(0), Some(109), Some(542)),
            (day(2026, 9), true, Some(0), Some(116), Some(579)),
            (day(2026, 10), false, Some(56), Some(0), Some(0)),
        ]
    );
    assert_eq!(p.months[0].opportunities_exact, Some(dec("108.387097")));
    assert_eq!(p.months[1].leads_exact, Some(dec("578.064516")));
    let t = &p.totals;
    assert_eq!((t.deals, t.opportunities, t.leads), (Some(56), Some(225), Some(1121)));
    assert_eq!(
        (t.opportunities_before_period, t.leads_before_period),
        (Some(225), Some(1121))
    );
}

#[test]
fn q4_months_that_share_a_creation_month_add_exactly_before_rounding() {
    // Targets Oct 4,000,000 · Nov 4,500,000 · Dec 5,500,000, 30 % repeat:
    //   new 2,800,000 · 3,150,000 · 3,850,000 → deals 56 · 63 · 77 → opps 224 · 252 · 308.
    // 45-day cycle: Oct → Aug 15/31, Sep 16/31; Nov (30 d) → Sep 14/30, Oct 16/30;
    //               Dec → Oct 15/31, Nov 16/31.
    // Aug: 224×15/31 = 108.387097                    → 109 opps; ×5 = 541.935484  → 542 leads
    // Sep: 224×16/31 + 252×14/30 = 115.612903 + 117.6 = 233.212903 → 234; 1,166.064516 → 1,167
    // Oct: 252×16/30 + 308×15/31 = 134.4 + 149.032258 = 283.432258 → 284; 1,417.161290 → 1,418
    // Nov: 308×16/31 = 158.967742                    → 159;            794.838710  → 795
    let targets = vec![target(10, "4000000"), target(11, "4500000"), target(12, "5500000")];
    let p = plan(&q4(targets, 45));
    assert_eq!(
        rows(&p),
        vec![
            (day(2026, 8), true, Some(0), Some(109), Some(542)),
            (day(2026, 9), true, Some(0), Some(234), Some(1167)),
            (day(2026, 10), false, Some(56), Some(284), Some(1418)),
            (day(2026, 11), false, Some(63), Some(159), Some(795)),
            (day(2026, 12), false, Some(77), Some(0), Some(0)),
        ]
    );
    let exact: Vec<_> = p.months.iter().map(|m| m.opportunities_exact.unwrap()).collect();
    let expected = ["108.387097", "233.212903", "283.432258", "158.967742", "0"];
    assert_eq!(exact, expected.map(dec).to_vec());
    let t = &p.totals;
    assert_eq!((t.target, t.new_revenue), (dec("14000000"), Some(dec("9800000"))));
    assert_eq!((t.deals, t.opportunities, t.leads), (Some(196), Some(786), Some(3922)));
    assert_eq!(
        (t.opportunities_before_period, t.leads_before_period),
        (Some(343), Some(1709))
    );
}

#[test]
fn counts_round_up_once_not_at_every_stage() {
    // New revenue 2,810,000 (no repeat), same month:
    //   once:    deals 56.2 → 57; opps 56.2/0.25 = 224.8 → 225; leads 224.8/0.2 = 1,124 → 1,124
    //   3×ceil:  ceil(56.2) = 57 → ceil(57/0.25) = 228 → ceil(228/0.2) = 1,140 (16 leads too many)
    let mut input = q4(vec![target(10, "2810000")], 0);
    input.repeat = RepeatRevenue::Share { share: Decimal::ZERO };
    let p = plan(&input);
    assert_eq!(rows(&p), vec![(day(2026, 10), false, Some(57), Some(225), Some(1124))]);
    let oct = &p.months[0];
    assert_eq!(
        (oct.deals_exact, oct.opportunities_exact, oct.leads_exact),
        (Some(dec("56.2")), Some(dec("224.8")), Some(dec("1124")))
    );
    let thrice = ceil_ratio(
        Decimal::from(ceil_ratio(Decimal::from(57), dec("0.25")).unwrap()),
        dec("0.2"),
    );
    assert_eq!(thrice, Some(1140));
}

#[test]
fn a_lead_lag_shifts_leads_again() {
    // 45-day cycle + 15-day lead lag: leads for October deals are created Oct 1–31 − 60 days
    // = Aug 2–Sep 1: 30/31 in August (1,120 × 30/31 = 1,083.870968 → 1,084), 1/31 in September
    // (36.129032 → 37). Opportunities stay at 109 (Aug) and 116 (Sep).
    let mut input = q4(vec![target(10, "4000000")], 45);
    input.lead_to_opportunity_days = 15;
    let p = plan(&input);
    assert_eq!(p.months[0].leads_exact, Some(dec("1083.870968")));
    assert_eq!(
        rows(&p),
        vec![
            (day(2026, 8), true, Some(0), Some(109), Some(1084)),
            (day(2026, 9), true, Some(0), Some(116), Some(37)),
            (day(2026, 10), false, Some(56), Some(0), Some(0)),
        ]
    );
}

#[test]
fn repeat_revenue_from_existing_customers() {
    // 400 customers × 5 % = 20 repeat orders × 60,000 = 1,200,000 → new 2,800,000 → 56 deals.
    let mut input = q4(vec![target(10, "4000000")], 0);
    input.repeat = RepeatRevenue::Customers {
        existing_customers: 400,
        repeat_rate: dec("0.05"),
        order_value: dec("60000"),
    };
    let p = plan(&input);
    let oct = &p.months[0];
    assert_eq!(
        (oct.repeat_revenue, oct.repeat_orders, oct.deals),
        (Some(dec("1200000")), Some(20), Some(56))
    );

    // 1,000 × 10 % × 50,000 = 5,000,000 > 4,000,000: a finding, and no new deals needed.
    input.repeat = RepeatRevenue::Customers {
        existing_customers: 1000,
        repeat_rate: dec("0.1"),
        order_value: dec("50000"),
    };
    let p = plan(&input);
    assert_eq!(codes(&p), vec!["funnel.repeat_exceeds_target"]);
    assert_eq!(p.findings[0].params["month"], "2026-10");
    assert_eq!(
        (p.months[0].new_revenue, p.months[0].deals),
        (Some(Decimal::ZERO), Some(0))
    );
}

#[test]
fn bad_drivers_are_findings_and_blank_counts() {
    type Case = (fn(&mut FunnelInput), &'static str, Row);
    let oct = day(2026, 10);
    let cases: [Case; 6] = [
        (
            |i| i.opportunity_to_deal = Decimal::ZERO,
            "funnel.zero_rate",
            (oct, false, Some(56), None, None),
        ),
        (
            |i| i.lead_to_opportunity = Decimal::ZERO,
            "funnel.zero_rate",
            (oct, false, Some(56), Some(224), None),
        ),
        (
            |i| i.lead_to_opportunity = dec("1.2"),
            "funnel.rate_out_of_range",
            (oct, false, Some(56), Some(224), None),
        ),
        (
            |i| i.opportunity_to_deal = dec("-0.1"),
            "funnel.rate_out_of_range",
            (oct, false, Some(56), None, None),
        ),
        (
            |i| i.deal_size = dec("-5"),
            "funnel.zero_deal_size",
            (oct, false, None, None, None),
        ),
        (
            |i| i.repeat = RepeatRevenue::Share { share: dec("2") },
            "funnel.rate_out_of_range",
            (oct, false, None, None, None),
        ),
    ];
    for (edit, code, row) in cases {
        let mut input = q4(vec![target(10, "4000000")], 0);
        edit(&mut input);
        let p = plan(&input);
        assert_eq!(codes(&p), vec![code], "{code}");
        assert_eq!(rows(&p), vec![row], "{code}");
        assert_eq!(p.findings[0].params["segment"], "A");
    }
}

#[test]
fn negative_and_missing_months_count_as_zero() {
    // September −100 is refused (a finding) and counts as 0; November is missing and counts as 0.
    let p = plan(&q4(vec![target(9, "-100"), target(10, "4000000"), target(12, "0")], 0));
    assert_eq!(codes(&p), vec!["funnel.negative_amount"]);
    let deals: Vec<_> = p.months.iter().map(|m| (m.month, m.deals)).collect();
    assert_eq!(
        deals,
        vec![
            (day(2026, 9), Some(0)),
            (day(2026, 10), Some(56)),
            (day(2026, 11), Some(0)),
            (day(2026, 12), Some(0))
        ]
    );
    assert!(plan(&q4(Vec::new(), 45)).months.is_empty());
}

#[test]
fn days_spread_over_the_months_they_land_in() {
    assert_eq!(
        spread_days(day(2026, 10), -45),
        vec![(day(2026, 8), 15), (day(2026, 9), 16)]
    );
    assert_eq!(
        spread_days(day(2026, 10), 30),
        vec![(day(2026, 10), 1), (day(2026, 11), 30)]
    );
    assert_eq!(spread_days(day(2028, 2), 0), vec![(day(2028, 2), 29)]);
    assert_eq!(spread_days(day(2026, 3), -400).iter().map(|b| b.1).sum::<u32>(), 31);
}

#[test]
fn ceil_ratio_is_exact() {
    // 2,810,000 / (50,000 × 0.25 × 0.2 = 2,500) = 1,124 exactly; one more unit is 1,124.0004 → 1,125.
    assert_eq!(ceil_ratio(dec("2810000"), dec("2500")), Some(1124));
    assert_eq!(ceil_ratio(dec("2810001"), dec("2500")), Some(1125));
    // 1/3 + 2/3 stays exact over a common denominator: (1 + 2) / 3 = 1, not 1.0000…1 → 2.
    assert_eq!(ceil_ratio(dec("3"), dec("3")), Some(1));
    assert_eq!(ceil_ratio(dec("1"), Decimal::ZERO), None);
    assert_eq!(ceil_ratio(dec("-1"), dec("3")), Some(0));
}

#[test]
fn repeat_revenue_is_money_at_the_minor_unit_when_asked() {
    // 1,950,000.01 × 30 % = 585,000.003 → 585,000.00 (half to even at fen); new revenue is the
    // rest, 1,365,000.01, so repeat + new is exactly the target.
    let mut input = q4(vec![target(10, "1950000.01")], 0);
    input.minor_units = Some(2);
    let p = plan(&input);
    let m = p.months.iter().find(|m| !m.before_period).unwrap();
    assert_eq!(m.repeat_revenue, Some(dec("585000.00")));
    assert_eq!(m.new_revenue, Some(dec("1365000.01")));
    // Without a minor unit the exact product is kept.
    input.minor_units = None;
    let exact = plan(&input);
    assert_eq!(
        exact.months.iter().find(|m| !m.before_period).unwrap().repeat_revenue,
        Some(dec("585000.003"))
    );
}

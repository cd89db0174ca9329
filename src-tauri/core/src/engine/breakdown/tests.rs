//! Golden worked examples of section 1 on the bundled template, each number computed by hand in
//! the comments, and the findings that replace a number the drivers cannot give.
//!
//! The template's 2025 history (the years its splits use): bookings 31,000,000, cash-in
//! 29,750,000; regions East 45 % / South 35 % / North 20 % of every month, tiers 50/30/20,
//! products 40/25/15/20. Targets: bookings 13,000,000 and cash-in 11,960,000 for Q4 2026,
//! phased by 2025's Q4 seasonality into 3,900,000 / 4,160,000 / 4,940,000.

use crate::engine::{evaluate, findings::Severity, PlanReport};
use crate::model::{DimensionKind, Plan};
use crate::money::to_text;
use rust_decimal::Decimal;

fn template_plan() -> Plan {
    crate::test_support::template_plan("zh-CN", &crate::test_support::clock())
}

fn texts(values: impl IntoIterator<Item = Option<Decimal>>) -> Vec<String> {
    values
        .into_iter()
        .map(|v| v.map_or("-".into(), |v| to_text(&v)))
        .collect()
}

fn codes(report: &PlanReport) -> Vec<(Severity, String)> {
    report.findings.iter().map(|f| (f.severity, f.code.clone())).collect()
}

#[test]
fn the_template_section_1_has_no_findings() {
    let report = evaluate(&template_plan());
    assert!(report.findings.is_empty(), "{:?}", codes(&report));
    let b = &report.breakdown;
    assert_eq!((b.splits.len(), b.funnels.len(), b.cash_in.len()), (4, 1, 1));
}

#[test]
fn bookings_by_region_follow_2025_shares_with_quotas_and_commitments() {
    // History: East 45 % of 31.0m = 13,950,000; South 10,850,000; North 6,200,000.
    // 13,000,000 × 45 / 35 / 20 % = 5,850,000 / 4,550,000 / 2,600,000.
    // Quotas +10 %: 6,435,000 / 5,005,000 / 2,860,000 = 14,300,000 (apart from the 13m).
    // Commitments 6.0m / 4.4m / 2.5m: gaps +150,000 / −150,000 / −100,000, total −100,000.
    let report = evaluate(&template_plan());
    let split = &report.breakdown.splits[0];
    assert_eq!(split.dimension, DimensionKind::Org);
    assert_eq!(
        texts(split.members.iter().map(|m| m.history)),
        ["13950000", "10850000", "6200000"]
    );
    let r = split.result.as_ref().unwrap();
    assert_eq!(
        texts(r.members.iter().map(|m| m.allocated)),
        ["5850000", "4550000", "2600000"]
    );
    assert_eq!(
        texts(r.members.iter().map(|m| m.quota)),
        ["6435000", "5005000", "2860000"]
    );
    assert_eq!(
        texts(r.members.iter().map(|m| m.commitment_gap)),
        ["150000", "-150000", "-100000"]
    );
    assert_eq!(to_text(&r.totals.total), "13000000");
    assert_eq!(r.totals.quota.map(|q| to_text(&q)).as_deref(), Some("14300000"));
    assert_eq!(to_text(&r.totals.commitment_gap), "-100000");
}

#[test]
fn the_region_split_crossed_with_products_sums_both_ways() {
    // East 5,850,000 × 40 / 25 / 15 / 20 % = 2,340,000 / 1,462,500 / 877,500 / 1,170,000.
    // Column totals: 13,000,000 × the same shares = 5,200,000 / 3,250,000 / 1,950,000 / 2,600,000.
    let report = evaluate(&template_plan());
    let crossed = report.breakdown.splits[0].crossed.as_ref().unwrap();
    assert!(crossed.by_history);
    assert_eq!(
        texts(crossed.cells[0].iter().map(|c| Some(*c))),
        ["2340000", "1462500", "877500", "1170000"]
    );
    assert_eq!(
        texts(crossed.column_totals.iter().map(|c| Some(*c))),
        ["5200000", "3250000", "1950000", "2600000"]
    );
    for (row, member) in crossed
        .cells
        .iter()
        .zip(&report.breakdown.splits[0].result.as_ref().unwrap().members)
    {
        assert_eq!(
            Some(row.iter().sum::<Decimal>()),
            member.allocated,
            "each row sums to its region"
        );
    }
}

#[test]
fn the_east_region_cascades_to_its_teams() {
    // East's 5,850,000 × 60 / 40 % = 3,510,000 / 2,340,000.
    let report = evaluate(&template_plan());
    let teams = &report.breakdown.splits[1];
    assert!(teams.org_parent.is_some());
    let r = teams.result.as_ref().unwrap();
    assert_eq!(to_text(&r.totals.total), "5850000");
    assert_eq!(texts(r.members.iter().map(|m| m.allocated)), ["3510000", "2340000"]);
}

#[test]
fn a_team_split_without_its_region_split_is_an_error_not_a_guess() {
    let mut plan = template_plan();
    plan.drivers.decompositions.remove(0);
    let report = evaluate(&plan);
    assert!(report.breakdown.splits[0].result.is_none());
    assert!(codes(&report).contains(&(Severity::Error, "split.parent_not_split".into())));
}

#[test]
fn a_history_split_without_history_says_so_once() {
    let mut plan = template_plan();
    plan.baseline_splits.retain(|s| s.dimension != DimensionKind::Tier);
    let report = evaluate(&plan);
    let found = codes(&report);
    assert!(
        found.contains(&(Severity::Error, "split.no_history".into())),
        "{found:?}"
    );
    assert!(
        !found.iter().any(|(_, c)| c == "allocation.missing_weight"),
        "one finding, not one per tier"
    );
    // The funnel by tier cannot split its months either, and says why.
    assert!(
        found.contains(&(Severity::Error, "funnel.not_split".into())),
        "{found:?}"
    );
}

#[test]
fn the_tier_funnel_works_from_the_phased_months_split_by_tier() {
    // Tier A: 50 % of 3,900,000 / 4,160,000 / 4,940,000 = 1,950,000 / 2,080,000 / 2,470,000
    // (6,500,000). Repeat 60 % = 3,900,000; new 40 %: 780,000 / 832,000 / 988,000 at 300,000
    // a deal = 2.6 / 2.77 / 3.29 deals → 3 / 3 / 4 = 10.
    let report = evaluate(&template_plan());
    let funnel = &report.breakdown.funnels[0];
    assert_eq!(funnel.split_id, Some(report.breakdown.splits[2].id));
    let a = &funnel.segments[0].plan;
    assert_eq!(to_text(&a.totals.target), "6500000");
    assert_eq!(a.totals.repeat_revenue.map(|v| to_text(&v)).as_deref(), Some("3900000"));
    let period: Vec<_> = a.months.iter().filter(|m| !m.before_period).map(|m| m.deals).collect();
    assert_eq!(period, [Some(3), Some(3), Some(4)]);
    assert_eq!(a.totals.deals, Some(10));
    let targets: Decimal = funnel.segments.iter().map(|s| s.plan.totals.target).sum();
    assert_eq!(to_text(&targets), "13000000", "the segments share the goal exactly");
}

#[test]
fn template_cash_in_covers_its_target() {
    // Bookings 3,900,000 / 4,160,000 / 4,940,000; 1 % bad debt 39,000 / 41,600 / 49,400.
    // 30 % on order: 1,158,300 / 1,235,520 / 1,467,180. 70 % after 30 days: 2,702,700 /
    // 2,882,880 / 3,423,420, landing Oct 31–Nov 30, Dec 1–30 and Dec 31–Jan 30 (1/31 of
    // October's in October = 87,183.87, 1/31 of December's in December = 110,432.90).
    // Opening receivables 2,500,000 all in October (longest term 30 days → one month).
    // Oct 1,158,300 + 87,183.87 + 2,500,000 = 3,745,483.87; Nov 1,235,520 + 2,615,516.13 =
    // 3,851,036.13; Dec 1,467,180 + 2,882,880 + 110,432.90 = 4,460,492.90.
    // Collections 12,057,012.90 − target 11,960,000 = +97,012.90.
    let report = evaluate(&template_plan());
    let cash = &report.breakdown.cash_in[0];
    let s = cash.schedule.as_ref().unwrap();
    let months: Vec<String> = s.months.iter().map(|m| to_text(&m.collections)).collect();
    assert_eq!(months, ["3745483.87", "3851036.13", "4460492.9"]);
    assert_eq!(to_text(&s.collections), "12057012.9");
    assert_eq!(cash.gap.map(|g| to_text(&g)).as_deref(), Some("97012.9"));
}

#[test]
fn collections_short_of_the_cash_in_target_are_a_warning_with_the_gap() {
    // Without the opening receivables: 12,057,012.90 − 2,500,000 = 9,557,012.90, short of
    // 11,960,000 by 2,402,987.10.
    let mut plan = template_plan();
    plan.drivers.cash_in[0].opening_receivables = Decimal::ZERO;
    let report = evaluate(&plan);
    let f = report
        .findings
        .iter()
        .find(|f| f.code == "cashin.below_target")
        .expect("a finding");
    assert_eq!(f.severity, Severity::Warning);
    assert_eq!(f.params["gap"], "2402987.1");
    assert_eq!(f.target.driver_id, Some(plan.drivers.cash_in[0].id));
}

#[test]
fn a_locked_region_keeps_its_amount_and_the_others_rebalance() {
    // Lock East at 6,000,000: South and North share 7,000,000 by 35 : 20 → 4,454,545.45 and
    // 2,545,454.55 (35/55 × 7,000,000 = 4,454,545.4545…, remainder to the larger fraction).
    let mut plan = template_plan();
    plan.drivers.decompositions[0].entries[0].locked = Some(Decimal::from(6_000_000));
    let report = evaluate(&plan);
    let r = report.breakdown.splits[0].result.as_ref().unwrap();
    assert_eq!(
        texts(r.members.iter().map(|m| m.allocated)),
        ["6000000", "4454545.45", "2545454.55"]
    );
    // The teams below East follow East's new amount: 60 / 40 % of 6,000,000.
    let teams = report.breakdown.splits[1].result.as_ref().unwrap();
    assert_eq!(texts(teams.members.iter().map(|m| m.allocated)), ["3600000", "2400000"]);
}

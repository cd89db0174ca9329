//! Worked examples of goal phasing, computed by hand.

use super::*;
use crate::clock::FixedClock;
use crate::engine::findings::Severity;
use crate::engine::phasing::full_years;
use crate::model::{GoalLayer, SeasonalityChoice};
use crate::template::{self, Template};
use chrono::Datelike;
use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

fn template_plan() -> Plan {
    let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap());
    let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    template::build(Template::Q4Growth, "en", today, &clock)
}

fn dec(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn texts<T>(items: &[T], f: impl Fn(&T) -> String) -> Vec<String> {
    items.iter().map(f).collect()
}

/// The template's HISTORY runs 2024-10 … 2026-09. phasing.rs counts a year as "full" when all
/// twelve calendar months are present and their total is positive (a share of a year needs the
/// whole year, or a missing month would read as a seasonal low). So 2024 (3 months) and 2026
/// (9 months) are not full; 2025 is the only full year, and the weights are its shares:
///
/// 2025 bookings, ¥m: 1.9 1.7 2.3 | 2.4 2.5 2.7 | 2.45 2.4 2.65 | 3.0 3.2 3.8 = 31.0.
/// Oct 3.0/31 = 0.0967741935, Nov 3.2/31 = 0.1032258065, Dec 3.8/31 = 0.1225806452 (ten places).
/// The period's months are Oct–Dec, so 13,000,000 splits 3.0 : 3.2 : 3.8 of 10.0:
/// Oct 3,900,000, Nov 4,160,000, Dec 4,940,000 (sum 13,000,000). The rounded weights put the
/// quotas at 3,899,999.9976 / 4,160,000.0015 / 4,940,000.0010; largest remainder gives the
/// spare fen to October, so the amounts are exact.
///
/// Working days (Mon–Fri; 10-01, 02, 05, 06, 07 National Day; Saturday 10-10 a make-up day):
/// Oct 22 weekdays − 5 + 1 = 18, Nov 21, Dec 23.
/// Days: Oct 390,000,000 fen / 18 = 21,666,666 rest 12 → the first twelve days 216,666.67;
/// Dec 494,000,000 / 23 = 21,478,260 rest 20 → the first twenty days 214,782.61, then .60.
/// Weeks: 2026-W41 holds Oct 8, 9, 10 → 3 × 216,666.67 = 650,000.01; 2026-W53 holds Dec 28
/// (day 20, .61) and Dec 29–31 (.60) → 859,130.41; W41 … W53 are 13 weeks.
#[test]
fn template_bookings_goal_follows_2025_seasonality() {
    let plan = template_plan();
    let mut findings = vec![];
    let phased = phase_goals(&plan, &mut findings);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(phased.len(), 2);
    let p = &phased[0];
    assert_eq!(p.goal_id, plan.goals[0].id);
    assert_eq!(p.basis, PhasingBasis::History);
    assert_eq!(p.years, vec![2025]);
    assert_eq!(
        texts(&p.months, |m| m.month.format("%Y-%m").to_string()),
        ["2026-10", "2026-11", "2026-12"]
    );
    assert_eq!(
        texts(&p.months, |m| m.weight.to_string()),
        ["0.0967741935", "0.1032258065", "0.1225806452"]
    );
    assert_eq!(
        texts(&p.months, |m| money::to_text(&m.amount)),
        ["3900000", "4160000", "4940000"]
    );
    assert_eq!(texts(&p.months, |m| m.working_days.to_string()), ["18", "21", "23"]);
    assert_eq!(p.months.iter().map(|m| m.amount).sum::<Decimal>(), dec("13000000"));
    assert_eq!(p.weeks.len(), 13);
    assert_eq!(
        (p.weeks[0].iso_year, p.weeks[0].week, p.weeks[0].amount),
        (2026, 41, dec("650000.01"))
    );
    assert_eq!(
        (p.weeks[12].iso_year, p.weeks[12].week, p.weeks[12].amount),
        (2026, 53, dec("859130.41"))
    );
    assert_eq!(p.weeks.iter().map(|w| w.amount).sum::<Decimal>(), dec("13000000"));
    // Weeks are sums of days, so they add up to the months exactly (ISO week 49 runs from
    // Monday Nov 30 to Dec 4 and carries days of both months).
    let months: Decimal = p.months.iter().map(|m| m.amount).sum();
    assert_eq!(p.weeks.iter().map(|w| w.amount).sum::<Decimal>(), months);
    let w49 = p.weeks.iter().find(|w| w.week == 49).unwrap();
    assert_eq!((w49.first_day.month(), w49.last_day.month(), w49.days), (11, 12, 5));
    // Cash-in: 2025 cash-in Oct/Nov/Dec 2.7m/3.0m/3.5m of 29.75m; 11,960,000 × 2.7/9.2 =
    // 3,510,000, × 3.0/9.2 = 3,900,000, × 3.5/9.2 = 4,550,000.
    let c = &phased[1];
    assert_eq!(c.basis, PhasingBasis::History);
    assert_eq!(
        texts(&c.months, |m| money::to_text(&m.amount)),
        ["3510000", "3900000", "4550000"]
    );
}

#[test]
fn no_full_year_is_flat_and_says_so() {
    let mut plan = template_plan();
    plan.baseline.retain(|m| m.month.year() != 2025);
    plan.drivers.phasing.clear(); // the template's rule names 2025 explicitly
    let mut findings = vec![];
    let phased = phase_goals(&plan, &mut findings);
    assert!(findings.is_empty(), "{findings:?}");
    assert_eq!(phased[0].basis, PhasingBasis::Flat);
    assert!(phased[0].years.is_empty());
    // 13,000,000 / 3 = 4,333,333.33 rest 1 fen → October.
    assert_eq!(
        texts(&phased[0].months, |m| money::to_text(&m.amount)),
        ["4333333.34", "4333333.33", "4333333.33"]
    );
}

#[test]
fn money_goals_of_any_layer_with_a_usable_target_are_phased() {
    let mut plan = template_plan();
    plan.goals[1].target = None;
    let mut unit = plan.goals[0].clone();
    unit.id = Uuid::from_u128(7);
    unit.layer = GoalLayer::Unit;
    plan.goals.push(unit.clone());
    plan.goals[0].target = Some(dec("-1"));
    let mut findings = vec![];
    let phased = phase_goals(&plan, &mut findings);
    assert_eq!(
        phased.iter().map(|p| p.goal_id).collect::<Vec<_>>(),
        [unit.id],
        "only the unit goal is usable"
    );
    assert!(findings.is_empty());
}

#[test]
fn findings_carry_the_goal() {
    let mut plan = template_plan();
    plan.header.period_end = NaiveDate::from_ymd_opt(2026, 12, 15).unwrap();
    let mut findings = vec![];
    let phased = phase_goals(&plan, &mut findings);
    let partial: Vec<_> = findings.iter().filter(|f| f.code == "phasing.partial_month").collect();
    assert_eq!(partial.len(), 2);
    assert_eq!(partial[0].severity, Severity::Warning);
    assert_eq!(partial[0].target.goal_id, Some(plan.goals[0].id));
    assert_eq!(partial[1].target.goal_id, Some(plan.goals[1].id));
    assert_eq!(
        phased[0].months.iter().map(|m| m.amount).sum::<Decimal>(),
        dec("13000000")
    );
}

#[test]
fn full_years_need_twelve_months_and_a_positive_total() {
    let m = |y, mo, a: &str| HistoryMonth {
        month: NaiveDate::from_ymd_opt(y, mo, 1).unwrap(),
        amount: dec(a),
    };
    let mut h: Vec<_> = (1..=12).map(|mo| m(2024, mo, "1")).collect();
    h.extend((1..=12).map(|mo| m(2025, mo, "0")));
    h.extend((1..=11).map(|mo| m(2026, mo, "5")));
    assert_eq!(full_years(&h), vec![2024]);
}

#[test]
fn a_manual_rule_uses_the_typed_weights() {
    // Oct/Nov/Dec weights 1/1/2 of 13,000,000 → 3,250,000 / 3,250,000 / 6,500,000.
    let mut plan = template_plan();
    let weights = (1..=12)
        .map(|m| Some(if m == 12 { dec("2") } else { dec("1") }))
        .collect();
    plan.drivers.phasing[0].seasonality = SeasonalityChoice::Manual { weights };
    let mut findings = vec![];
    let phased = phase_goals(&plan, &mut findings);
    assert_eq!(phased[0].basis, PhasingBasis::Manual);
    assert_eq!(phased[0].rule_id, Some(plan.drivers.phasing[0].id));
    assert_eq!(
        texts(&phased[0].months, |m| money::to_text(&m.amount)),
        ["3250000", "3250000", "6500000"]
    );
}

#[test]
fn a_flat_rule_ignores_history_and_chosen_years_are_kept() {
    let mut plan = template_plan();
    plan.drivers.phasing[0].seasonality = SeasonalityChoice::Flat;
    let mut findings = vec![];
    let phased = phase_goals(&plan, &mut findings);
    assert_eq!(phased[0].basis, PhasingBasis::Flat);
    assert_eq!(
        texts(&phased[0].months, |m| money::to_text(&m.amount)),
        ["4333333.34", "4333333.33", "4333333.33"]
    );
    // History of 2024 and 2025: Q4s 2.6/2.75/3.25 + 3.0/3.2/3.8 (sums 8.6, 9.0, 10.5 of the
    // two years' 55.4m …): the rule's years are reported as chosen.
    plan.drivers.phasing[0].seasonality = SeasonalityChoice::History { years: vec![2025] };
    let phased = phase_goals(&plan, &mut findings);
    assert_eq!(phased[0].years, [2025]);
    assert!(findings.is_empty(), "{findings:?}");
}

#[test]
fn days_sum_to_their_weeks_and_months() {
    let plan = template_plan();
    let phased = phase_goals(&plan, &mut vec![]);
    let total: Decimal = phased[0].days.iter().map(|d| d.amount).sum();
    assert_eq!(total, dec("13000000"));
    // October 2026: 18 working days (22 weekdays − 5 holidays on weekdays (Oct 1, 2, 5, 6, 7)
    // + the make-up Saturday Oct 10 = 18).
    let october = phased[0].days.iter().filter(|d| d.date.month() == 10).count();
    assert_eq!(october, 18);
}

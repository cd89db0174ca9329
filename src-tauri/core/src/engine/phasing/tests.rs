//! Worked examples of the phasing, computed by hand.

use super::*;
use crate::model::CalendarDay;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn mon_fri() -> WorkCalendar {
    WorkCalendar {
        weekdays: vec![1, 2, 3, 4, 5],
        holidays: vec![],
        extra_workdays: vec![],
    }
}

fn input(
    total: &str,
    start: NaiveDate,
    end: NaiveDate,
    seasonality: Seasonality,
    calendar: WorkCalendar,
) -> PhasingInput {
    PhasingInput {
        total: dec(total),
        minor_units: 2,
        period_start: start,
        period_end: end,
        seasonality,
        calendar,
    }
}

/// Phases and checks every level against its parent before returning.
fn run(i: &PhasingInput) -> Phasing {
    let p = phase(i);
    if p.months.is_empty() {
        return p;
    }
    assert_eq!(p.months.iter().map(|m| m.amount).sum::<Decimal>(), i.total);
    assert_eq!(p.weeks.iter().map(|w| w.amount).sum::<Decimal>(), i.total);
    for m in &p.months {
        let days = p.days.iter().filter(|x| x.date.with_day(1) == Some(m.month));
        assert_eq!(days.map(|x| x.amount).sum::<Decimal>(), m.amount, "{}", m.month);
    }
    p
}

fn amounts<T>(items: &[T], amount: impl Fn(&T) -> Decimal) -> Vec<String> {
    items.iter().map(|x| amount(x).to_string()).collect()
}

fn codes(p: &Phasing) -> Vec<&str> {
    p.findings.iter().map(|f| f.code.as_str()).collect()
}

#[test]
fn days_skip_holidays_and_include_make_up_days_weeks_sum_days() {
    // The module's worked example: October 2026, 10-01 … 10-07 off, Saturday 10-10 worked.
    let holidays = (1..=7)
        .map(|day| CalendarDay {
            date: d(2026, 10, day),
            name: "国庆节".into(),
        })
        .collect();
    let extra = vec![CalendarDay {
        date: d(2026, 10, 10),
        name: "调休".into(),
    }];
    let cal = WorkCalendar {
        weekdays: vec![1, 2, 3, 4, 5],
        holidays,
        extra_workdays: extra,
    };
    let p = run(&input(
        "1000.00",
        d(2026, 10, 1),
        d(2026, 10, 31),
        Seasonality::Flat,
        cal,
    ));
    assert_eq!(p.months[0].working_days, 18);
    assert_eq!(p.days[0].date, d(2026, 10, 8));
    assert_eq!(p.days[2].date, d(2026, 10, 10));
    // 100,000 fen / 18 = 5,555 rest 10: days 1–10 (to 10-20) get 55.56, the rest 55.55.
    assert_eq!((p.days[9].date, p.days[9].amount), (d(2026, 10, 20), dec("55.56")));
    assert_eq!((p.days[10].date, p.days[10].amount), (d(2026, 10, 21), dec("55.55")));
    let weeks: Vec<_> = p.weeks.iter().map(|w| (w.iso_year, w.week, w.days)).collect();
    assert_eq!(weeks, [(2026, 41, 3), (2026, 42, 5), (2026, 43, 5), (2026, 44, 5)]);
    assert_eq!(
        amounts(&p.weeks, |w| w.amount),
        ["166.68", "277.80", "277.77", "277.75"]
    );
    assert!(p.findings.is_empty());
}

#[test]
fn a_week_across_two_months_sums_its_days_from_both() {
    // Sep–Oct 2026 flat, Mon–Fri: 1,000.00 each; 22 working days in both months → 4,545 fen
    // rest 10 → the first ten days of each month 45.46, the others 45.45. ISO week 40 is
    // Mon 09-28 … Sun 10-04: 28, 29, 30 Sep (45.45 each, days 20–22) + 1, 2 Oct (45.46 each)
    // = 136.35 + 90.92 = 227.27.
    let p = run(&input(
        "2000.00",
        d(2026, 9, 1),
        d(2026, 10, 31),
        Seasonality::Flat,
        mon_fri(),
    ));
    assert_eq!(amounts(&p.months, |m| m.amount), ["1000.00", "1000.00"]);
    let w40 = p.weeks.iter().find(|w| w.week == 40).unwrap();
    assert_eq!(
        (w40.first_day, w40.last_day, w40.days),
        (d(2026, 9, 28), d(2026, 10, 2), 5)
    );
    assert_eq!(w40.amount, dec("227.27"));
}

fn year(y: i32, amounts: [u32; 12]) -> Vec<HistoryMonth> {
    (0..12)
        .map(|m| HistoryMonth {
            month: d(y, m + 1, 1),
            amount: Decimal::from(amounts[m as usize]),
        })
        .collect()
}

#[test]
fn seasonality_from_history_averages_the_shares_of_the_chosen_years() {
    // 2024: Jan–Nov 80, Dec 120 (total 1,000) → Oct .08, Nov .08, Dec .12.
    // 2025: Jan–Oct 80, Nov 100, Dec 100 (total 1,000) → Oct .08, Nov .10, Dec .10.
    // 2023: December only → skipped. Averages: Oct .08, Nov .09, Dec .11 (sum .28).
    // Q4 2026, 1,000.00: 100,000·8/28 = 28,571 rest 12; ·9/28 = 32,142 rest 24; ·11/28 =
    // 39,285 rest 20; two fen left → Nov and Dec: 285.71, 321.43, 392.86.
    let mut history = year(2024, [80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 120]);
    history.extend(year(2025, [80, 80, 80, 80, 80, 80, 80, 80, 80, 80, 100, 100]));
    history.push(HistoryMonth {
        month: d(2023, 12, 1),
        amount: dec("500"),
    });
    let s = Seasonality::History {
        history: history.clone(),
        years: vec![],
    };
    let p = run(&input("1000.00", d(2026, 10, 1), d(2026, 12, 31), s, mon_fri()));
    assert_eq!(amounts(&p.months, |m| m.weight), ["0.08", "0.09", "0.11"]);
    assert_eq!(amounts(&p.months, |m| m.amount), ["285.71", "321.43", "392.86"]);
    assert_eq!(codes(&p), ["phasing.history_year_skipped"]);
    assert_eq!(p.findings[0].params["year"], "2023");
    // Only 2025: .08 : .10 : .10 → 28,571 rest 12, 35,714 rest 8 twice → Oct gets the fen.
    let s = Seasonality::History {
        history: history.clone(),
        years: vec![2025],
    };
    let p = run(&input("1000.00", d(2026, 10, 1), d(2026, 12, 31), s, mon_fri()));
    assert_eq!(amounts(&p.months, |m| m.amount), ["285.72", "357.14", "357.14"]);
    // Only a year that is not there: no history to use, no silent flat split.
    let s = Seasonality::History {
        history,
        years: vec![2019],
    };
    let p = run(&input("1000.00", d(2026, 10, 1), d(2026, 12, 31), s, mon_fri()));
    assert!(p.months.is_empty());
    assert_eq!(codes(&p), ["phasing.history_year_skipped", "phasing.no_history"]);
    assert_eq!(history_total(&year(2024, [1; 12]), &[2024, 2025]), Some(dec("12")));
}

#[test]
fn manual_weights_and_their_problems() {
    // Q4 weights 1 : 1 : 2 of 1,000.00 → 250.00, 250.00, 500.00; other months are ignored.
    let mut w: Vec<Weight> = vec![None; 12];
    w[9] = Some(dec("1"));
    w[10] = Some(dec("1"));
    w[11] = Some(dec("2"));
    let q4 = |w: Vec<Weight>| {
        input(
            "1000.00",
            d(2026, 10, 1),
            d(2026, 12, 31),
            Seasonality::Manual { weights: w },
            mon_fri(),
        )
    };
    let p = run(&q4(w.clone()));
    assert_eq!(amounts(&p.months, |m| m.amount), ["250.00", "250.00", "500.00"]);
    w[10] = None;
    let p = run(&q4(w.clone()));
    assert_eq!(codes(&p), ["phasing.missing_weight"]);
    assert_eq!(p.findings[0].params["month"], "2026-11");
    let p = run(&q4(vec![Some(Decimal::ZERO); 12]));
    assert_eq!(codes(&p), ["phasing.zero_weights"]);
    let p = run(&q4(vec![Some(Decimal::ONE); 11]));
    assert_eq!(codes(&p), ["phasing.manual_weights_count"]);
}

#[test]
fn a_month_without_working_days_is_a_finding_and_spreads_over_calendar_days() {
    // Nobody works: February 2026's 28.00 goes 1.00 per calendar day, with an error finding.
    let cal = WorkCalendar {
        weekdays: vec![],
        holidays: vec![],
        extra_workdays: vec![],
    };
    let p = run(&input("28.00", d(2026, 2, 1), d(2026, 2, 28), Seasonality::Flat, cal));
    assert_eq!(codes(&p), ["phasing.no_workdays_in_month"]);
    assert_eq!(p.months[0].working_days, 0);
    assert_eq!(p.days.len(), 28);
    assert!(p.days.iter().all(|x| x.amount == dec("1")));
}

#[test]
fn period_edges_are_whole_months_and_bad_periods_are_findings() {
    // 2026-10-15 … 2026-12-20 is taken as October–December, with a warning.
    let p = run(&input(
        "300",
        d(2026, 10, 15),
        d(2026, 12, 20),
        Seasonality::Flat,
        mon_fri(),
    ));
    assert_eq!(amounts(&p.months, |m| m.amount), ["100.00", "100.00", "100.00"]);
    assert_eq!(codes(&p), ["phasing.partial_month"]);
    let p = run(&input(
        "300",
        d(2026, 12, 1),
        d(2026, 10, 1),
        Seasonality::Flat,
        mon_fri(),
    ));
    assert_eq!(codes(&p), ["phasing.empty_period"]);
    let p = run(&input(
        "300",
        d(2000, 1, 1),
        d(2026, 12, 31),
        Seasonality::Flat,
        mon_fri(),
    ));
    assert_eq!(codes(&p), ["phasing.period_too_long"]);
    let p = run(&input(
        "0.001",
        d(2026, 1, 1),
        d(2026, 1, 31),
        Seasonality::Flat,
        mon_fri(),
    ));
    assert_eq!(codes(&p), ["phasing.not_at_minor_unit"]);
}

#[test]
fn manual_weights_travel_as_text_or_null() {
    let s = Seasonality::Manual {
        weights: vec![Some(dec("1.5")), None],
    };
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(json, r#"{"kind":"manual","weights":["1.5",null]}"#);
    assert_eq!(serde_json::from_str::<Seasonality>(&json).unwrap(), s);
    assert!(serde_json::from_str::<Seasonality>(r#"{"kind":"manual","weights":["1e3"]}"#).is_err());
}

//! Properties of the phasing: months, weeks and days each sum exactly to their parent.

use chrono::{Datelike, Days, Months, NaiveDate};
use proptest::prelude::*;
use rust_decimal::Decimal;
use salesplan_core::engine::allocation::Weight;
use salesplan_core::engine::phasing::{calendar::WorkingDays, phase, HistoryMonth, PhasingInput, Seasonality};
use salesplan_core::model::{CalendarDay, WorkCalendar};
use std::collections::BTreeMap;

fn date() -> impl Strategy<Value = NaiveDate> {
    (0u64..=4_000).prop_map(|d| NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + Days::new(d))
}

fn days(max: usize) -> impl Strategy<Value = Vec<CalendarDay>> {
    prop::collection::vec(date().prop_map(|date| CalendarDay { date, name: "x".into() }), 0..max)
}

fn calendar() -> impl Strategy<Value = WorkCalendar> {
    (prop::collection::vec(0u8..=9, 0..8), days(60), days(10)).prop_map(|(weekdays, holidays, extra_workdays)| {
        WorkCalendar {
            weekdays,
            holidays,
            extra_workdays,
        }
    })
}

fn weight() -> impl Strategy<Value = Weight> {
    prop_oneof![
        8 => (0i64..=1_000_000, 0u32..=4).prop_map(|(m, s)| Some(Decimal::new(m, s))),
        1 => Just(None),
        1 => (-100i64..0).prop_map(|m| Some(Decimal::from(m))),
    ]
}

fn seasonality() -> impl Strategy<Value = Seasonality> {
    let history = prop::collection::vec(
        (date(), (-100i64..=1_000_000).prop_map(Decimal::from))
            .prop_map(|(d, amount)| HistoryMonth { month: d, amount }),
        0..80,
    );
    prop_oneof![
        Just(Seasonality::Flat),
        prop::collection::vec(weight(), 10..=13).prop_map(|weights| Seasonality::Manual { weights }),
        prop::collection::vec(Just(Some(Decimal::ONE)), 12).prop_map(|weights| Seasonality::Manual { weights }),
        (history, prop::collection::vec(2019i32..=2031, 0..3))
            .prop_map(|(history, years)| Seasonality::History { history, years }),
    ]
}

fn input() -> impl Strategy<Value = PhasingInput> {
    (
        prop_oneof![Just(0u32), Just(2), Just(3)],
        0i128..=10i128.pow(15),
        date(),
        0u32..30,
        0u64..31,
        seasonality(),
        calendar(),
    )
        .prop_map(|(minor, units, start, months, tail, seasonality, calendar)| {
            let end = start.checked_add_months(Months::new(months)).unwrap() + Days::new(tail);
            PhasingInput {
                total: Decimal::from_i128_with_scale(units, minor),
                minor_units: minor,
                period_start: start,
                period_end: end,
                seasonality,
                calendar,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_level_sums_exactly_to_its_parent(i in input()) {
        let p = phase(&i);
        prop_assert_eq!(&p, &phase(&i), "deterministic");
        if p.months.is_empty() {
            prop_assert!(!p.findings.is_empty(), "no phasing and no finding saying why");
            return Ok(());
        }
        prop_assert_eq!(p.months.iter().map(|m| m.amount).sum::<Decimal>(), i.total);
        prop_assert_eq!(p.days.iter().map(|d| d.amount).sum::<Decimal>(), i.total);
        prop_assert_eq!(p.weeks.iter().map(|w| w.amount).sum::<Decimal>(), i.total);
        // Days ascending, each at the minor unit, each a working day unless its month had none.
        prop_assert!(p.days.windows(2).all(|w| w[0].date < w[1].date));
        let calendar = WorkingDays::new(&i.calendar);
        let mut by_month: BTreeMap<NaiveDate, Decimal> = BTreeMap::new();
        for d in &p.days {
            prop_assert_eq!(d.amount.scale(), i.minor_units);
            *by_month.entry(d.date.with_day(1).unwrap()).or_default() += d.amount;
        }
        for m in &p.months {
            prop_assert_eq!(by_month.get(&m.month).copied().unwrap_or_default(), m.amount, "{}", m.month);
            if m.working_days > 0 {
                let month_days = p.days.iter().filter(|d| d.date.with_day(1) == Some(m.month));
                prop_assert!(month_days.clone().all(|d| calendar.is_working_day(d.date)));
                prop_assert_eq!(month_days.count() as u32, m.working_days);
            }
        }
        // Each week is exactly the sum of its days.
        let mut by_week: BTreeMap<(i32, u32), Decimal> = BTreeMap::new();
        for d in &p.days {
            *by_week.entry((d.date.iso_week().year(), d.date.iso_week().week())).or_default() += d.amount;
        }
        prop_assert_eq!(by_week.len(), p.weeks.len());
        for w in &p.weeks {
            prop_assert_eq!(by_week[&(w.iso_year, w.week)], w.amount);
        }
    }
}

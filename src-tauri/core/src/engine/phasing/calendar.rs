//! Working days from the plan's calendar: which dates the daily phasing spreads amounts over.
//!
//! A date is a working day when, in this order: its ISO weekday (1 = Monday … 7 = Sunday) is
//! one of the calendar's working weekdays; it is then removed if it is a holiday; and it is
//! added back if it is an extra make-up working day (调休). So a date listed both as a holiday
//! and as a make-up day is a working day: the make-up list is applied last.

use crate::model::WorkCalendar;
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeSet;

/// A calendar prepared for many look-ups.
#[derive(Debug, Clone)]
pub struct WorkingDays {
    weekdays: [bool; 8],
    holidays: BTreeSet<NaiveDate>,
    extra: BTreeSet<NaiveDate>,
}

impl WorkingDays {
    /// Prepares `calendar`. Weekday numbers outside 1–7 are ignored.
    pub fn new(calendar: &WorkCalendar) -> Self {
        let mut weekdays = [false; 8];
        for &d in &calendar.weekdays {
            if (1..=7).contains(&d) {
                weekdays[d as usize] = true;
            }
        }
        WorkingDays {
            weekdays,
            holidays: calendar.holidays.iter().map(|d| d.date).collect(),
            extra: calendar.extra_workdays.iter().map(|d| d.date).collect(),
        }
    }

    /// True when people work on `date`.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        if self.extra.contains(&date) {
            return true;
        }
        let weekday = date.weekday().number_from_monday() as usize;
        self.weekdays[weekday] && !self.holidays.contains(&date)
    }

    /// The working days from `from` to `to`, both included, ascending.
    pub fn between(&self, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working_day(*d))
            .collect()
    }
}

/// The working days from `from` to `to` (both included) in `calendar`.
pub fn working_days(calendar: &WorkCalendar, from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    WorkingDays::new(calendar).between(from, to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::CalendarDay;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn holidays_are_removed_and_make_up_days_added() {
        // 2026-09-28 (Mon) … 2026-10-11 (Sun): Mon–Fri working, 10-01 … 10-07 off for 国庆节,
        // Sunday 09-27 and Saturday 10-10 are make-up days.
        let holidays = (1..=7).map(|day| CalendarDay {
            date: d(2026, 10, day),
            name: "国庆节".into(),
        });
        let cal = WorkCalendar {
            weekdays: vec![1, 2, 3, 4, 5],
            holidays: holidays.collect(),
            extra_workdays: vec![
                CalendarDay {
                    date: d(2026, 9, 27),
                    name: "调休".into(),
                },
                CalendarDay {
                    date: d(2026, 10, 10),
                    name: "调休".into(),
                },
            ],
        };
        // Sep 27 (make-up), 28, 29, 30; Oct 8, 9 (Thu, Fri), 10 (make-up).
        let days = working_days(&cal, d(2026, 9, 27), d(2026, 10, 11));
        let expected = [
            d(2026, 9, 27),
            d(2026, 9, 28),
            d(2026, 9, 29),
            d(2026, 9, 30),
            d(2026, 10, 8),
            d(2026, 10, 9),
            d(2026, 10, 10),
        ];
        assert_eq!(days, expected);
    }

    #[test]
    fn bad_weekday_numbers_are_ignored() {
        let cal = WorkCalendar {
            weekdays: vec![0, 1, 8, 200],
            holidays: vec![],
            extra_workdays: vec![],
        };
        // 2026-10-05 is a Monday; only Mondays count.
        assert_eq!(
            working_days(&cal, d(2026, 10, 1), d(2026, 10, 14)),
            [d(2026, 10, 5), d(2026, 10, 12)]
        );
    }
}

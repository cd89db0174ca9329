//! Parsing of the text values edits carry: free text, dates, months and weekdays.

use crate::error::{field_id, Error, Result};
use crate::money::clip;
use chrono::{Datelike, NaiveDate};

use super::MAX_TEXT;

/// Checks free text: length cap, no control characters except newlines and tabs.
pub fn text(value: &str, what: &str) -> Result<String> {
    if value.chars().count() > MAX_TEXT {
        return Err(
            Error::invalid(format!("{what}: longer than {MAX_TEXT} characters")).because(
                "text.too_long",
                &[("field", &field_id(what)), ("max", &MAX_TEXT.to_string())],
            ),
        );
    }
    if value.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(Error::invalid(format!("{what}: contains control characters"))
            .because("text.control_chars", &[("field", &field_id(what))]));
    }
    Ok(value.to_string())
}

/// Parses YYYY-MM-DD.
pub fn parse_date(value: &str, what: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").map_err(|_| {
        let quoted = clip(value);
        Error::invalid(format!("{what}: \"{quoted}\" is not a date (YYYY-MM-DD)"))
            .because("date.invalid", &[("field", &field_id(what)), ("value", &quoted)])
    })
}

pub(super) fn parse_month(value: &str) -> Result<NaiveDate> {
    let v = value.trim();
    let date = if v.len() == 7 { format!("{v}-01") } else { v.to_string() };
    let d = parse_date(&date, "month")?;
    Ok(d.with_day(1).unwrap_or(d))
}

/// Parses "1,2,3,4,5" into sorted, unique ISO weekdays.
pub fn parse_weekdays(value: &str) -> Result<Vec<u8>> {
    let mut days = Vec::new();
    for part in value.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<u8>() {
            Ok(d @ 1..=7) => days.push(d),
            _ => {
                let quoted = clip(part);
                return Err(
                    Error::invalid(format!("weekdays: \"{quoted}\" is not a weekday number 1–7"))
                        .because("weekday.invalid", &[("field", "weekdays"), ("value", &quoted)]),
                );
            }
        }
    }
    days.sort_unstable();
    days.dedup();
    Ok(days)
}

/// Parses "2024, 2025" into sorted, unique years 1900–2999; empty text is no years.
pub(super) fn parse_years(value: &str) -> Result<Vec<i32>> {
    let mut years = Vec::new();
    for part in value.split([',', '，', ' ']).map(str::trim).filter(|p| !p.is_empty()) {
        match part.parse::<i32>() {
            Ok(y @ 1900..=2999) => years.push(y),
            _ => {
                let quoted = clip(part);
                return Err(Error::invalid(format!("years: \"{quoted}\" is not a year (e.g. 2025)"))
                    .because("year.invalid", &[("field", "years"), ("value", &quoted)]));
            }
        }
    }
    years.sort_unstable();
    years.dedup();
    Ok(years)
}

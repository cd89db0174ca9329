//! The text forms of ids, dates, instants, weekdays and enums in a plan file, both ways.
//!
//! Reading is strict: a value is accepted only in the exact form the writer produces (or, for
//! instants, any RFC 3339 form), so a hand-edited or hostile file cannot smuggle in a value
//! that means something different from what it looks like. Every error names the field.

use crate::error::{Error, Result};
use crate::model::{DimensionKind, GoalKind, GoalLayer, OrgLevel};
use crate::money::clip;
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use uuid::Uuid;

fn bad(what: &str, value: &str, why: &str) -> Error {
    Error::invalid(format!("{what}: \"{}\" {why}", clip(value)))
}

/// A UUID as stored: lowercase, hyphenated.
pub(super) fn uuid_text(id: Uuid) -> String {
    id.hyphenated().to_string()
}

/// Parses a stored UUID; only the lowercase hyphenated form is accepted.
pub(super) fn parse_uuid(text: &str, what: &str) -> Result<Uuid> {
    match Uuid::try_parse(text) {
        Ok(id) if uuid_text(id) == text => Ok(id),
        _ => Err(bad(what, text, "is not an id (a lowercase UUID like 0b5e…-…)")),
    }
}

/// A date as stored: `YYYY-MM-DD`.
pub(super) fn date_text(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Parses a stored date; it must be a real calendar date in the canonical form.
pub(super) fn parse_date(text: &str, what: &str) -> Result<NaiveDate> {
    match NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        Ok(d) if date_text(d) == text => Ok(d),
        _ => Err(bad(what, text, "is not a date (YYYY-MM-DD)")),
    }
}

/// An instant as stored: RFC 3339 in UTC, with as many fraction digits as needed.
pub(super) fn instant_text(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Parses a stored RFC 3339 instant.
pub(super) fn parse_instant(text: &str, what: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            bad(
                what,
                text,
                "is not a date and time (RFC 3339, e.g. 2026-09-30T08:00:00Z)",
            )
        })
}

/// Working weekdays as stored: "1,2,3,4,5" (order kept as in the plan).
pub(super) fn weekdays_text(days: &[u8]) -> String {
    days.iter().map(u8::to_string).collect::<Vec<_>>().join(",")
}

/// Parses stored weekdays: comma-separated numbers 1–7, or nothing.
pub(super) fn parse_weekdays(text: &str, what: &str) -> Result<Vec<u8>> {
    if text.is_empty() {
        return Ok(vec![]);
    }
    text.split(',')
        .map(|part| match part.as_bytes() {
            [d @ b'1'..=b'7'] => Ok(d - b'0'),
            _ => Err(bad(what, text, "is not a list of weekday numbers 1–7 (e.g. 1,2,3,4,5)")),
        })
        .collect()
}

/// A goal layer as stored (same words as the JSON form).
pub(super) fn layer_text(layer: GoalLayer) -> &'static str {
    match layer {
        GoalLayer::Company => "company",
        GoalLayer::Unit => "unit",
        GoalLayer::Individual => "individual",
    }
}

/// Parses a stored goal layer.
pub(super) fn parse_layer(text: &str, what: &str) -> Result<GoalLayer> {
    [GoalLayer::Company, GoalLayer::Unit, GoalLayer::Individual]
        .into_iter()
        .find(|l| layer_text(*l) == text)
        .ok_or_else(|| bad(what, text, "is not a goal layer (company, unit or individual)"))
}

/// A goal kind as stored (same words as the JSON form).
pub(super) fn kind_text(kind: GoalKind) -> &'static str {
    match kind {
        GoalKind::Bookings => "bookings",
        GoalKind::CashIn => "cash_in",
        GoalKind::MarketShare => "market_share",
        GoalKind::Margin => "margin",
        GoalKind::Other => "other",
    }
}

/// Parses a stored goal kind.
pub(super) fn parse_kind(text: &str, what: &str) -> Result<GoalKind> {
    [
        GoalKind::Bookings,
        GoalKind::CashIn,
        GoalKind::MarketShare,
        GoalKind::Margin,
        GoalKind::Other,
    ]
    .into_iter()
    .find(|k| kind_text(*k) == text)
    .ok_or_else(|| {
        bad(
            what,
            text,
            "is not a goal kind (bookings, cash_in, market_share, margin or other)",
        )
    })
}

/// Parses a stored dimension (the words of [`DimensionKind::as_str`]).
pub(super) fn parse_dimension(text: &str, what: &str) -> Result<DimensionKind> {
    DimensionKind::ALL
        .into_iter()
        .find(|k| k.as_str() == text)
        .ok_or_else(|| bad(what, text, "is not a dimension (org, tier, product or channel)"))
}

/// Parses a stored org level (the words of [`OrgLevel::as_str`]).
pub(super) fn parse_level(text: &str, what: &str) -> Result<OrgLevel> {
    [OrgLevel::Region, OrgLevel::Team, OrgLevel::Rep]
        .into_iter()
        .find(|l| l.as_str() == text)
        .ok_or_else(|| bad(what, text, "is not an org level (region, team or rep)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_must_be_canonical() {
        let id = Uuid::from_u128(0xabc);
        assert_eq!(parse_uuid(&uuid_text(id), "goal.id").unwrap(), id);
        for bad in [
            "",
            "abc",
            "00000000000000000000000000000abc",
            "{00000000-0000-0000-0000-000000000abc}",
            "00000000-0000-0000-0000-000000000ABC",
        ] {
            let err = parse_uuid(bad, "goal.id").unwrap_err();
            assert!(err.to_string().starts_with("goal.id:"), "{err}");
        }
    }

    #[test]
    fn dates_must_be_real_and_canonical() {
        let d = NaiveDate::from_ymd_opt(2026, 2, 28).unwrap();
        assert_eq!(parse_date("2026-02-28", "x").unwrap(), d);
        for bad in [
            "2026-02-30",
            "2026-2-28",
            "2026-02-28T00:00:00",
            " 2026-02-28",
            "28.02.2026",
            "",
        ] {
            assert!(parse_date(bad, "x").is_err(), "{bad}");
        }
    }

    #[test]
    fn instants_round_trip_to_the_nanosecond() {
        let t = DateTime::parse_from_rfc3339("2026-09-30T08:00:00.123456789Z")
            .unwrap()
            .with_timezone(&Utc);
        assert_eq!(parse_instant(&instant_text(t), "saved_at").unwrap(), t);
        assert!(parse_instant("yesterday", "saved_at").is_err());
    }

    #[test]
    fn weekdays_and_enums_are_strict() {
        assert_eq!(
            parse_weekdays(&weekdays_text(&[1, 2, 3, 4, 5]), "w").unwrap(),
            vec![1, 2, 3, 4, 5]
        );
        assert_eq!(parse_weekdays("", "w").unwrap(), Vec::<u8>::new());
        for bad in ["0", "8", "1,,2", "1, 2", "12", "1,"] {
            assert!(parse_weekdays(bad, "w").is_err(), "{bad}");
        }
        assert_eq!(parse_kind("cash_in", "k").unwrap(), GoalKind::CashIn);
        assert_eq!(parse_layer("unit", "l").unwrap(), GoalLayer::Unit);
        assert!(parse_kind("CashIn", "k").is_err());
        assert!(parse_layer("", "l").is_err());
        assert_eq!(parse_dimension("org", "d").unwrap(), DimensionKind::Org);
        assert_eq!(parse_level("rep", "l").unwrap(), OrgLevel::Rep);
        assert!(parse_dimension("Org", "d").is_err());
        assert!(parse_level("company", "l").is_err());
    }
}

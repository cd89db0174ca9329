//! Parsing the text values of section-2 edits. Every refusal carries a reason key and params
//! for the UI's sentence; the English message is the fallback.

use crate::edit::text;
use crate::engine::rfm::Tier;
use crate::error::{Error, Result};
use crate::money::{clip, parse_decimal};
use crate::validate::MAX_NPS_SCORES;
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;

/// The largest NPS count typed.
const MAX_COUNT: u32 = 1_000_000_000;

/// Parses pasted NPS answers: whole numbers 0–10 separated by white space (including
/// full-width spaces and new lines), commas (`,` `，` `、`) or semicolons. A bad token is
/// refused with `nps.bad_score` naming it and its position (1 = first answer).
///
/// `"9 10 7 3"` → `[9, 10, 7, 3]`; `"9，10、8\n6"` → `[9, 10, 8, 6]`; `"9 11"` → refused,
/// token "11", position 2; `"9 8.5"` → refused, "8.5", position 2.
pub fn parse_nps_scores(input: &str) -> Result<Vec<u8>> {
    let separators = |c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；');
    let mut scores = Vec::new();
    for (i, token) in input.split(separators).filter(|t| !t.is_empty()).enumerate() {
        if scores.len() == MAX_NPS_SCORES {
            let max = MAX_NPS_SCORES.to_string();
            return Err(Error::invalid(format!("NPS answers: more than {max}"))
                .because("nps.too_many_scores", &[("max", &max)]));
        }
        match token.parse::<u8>() {
            Ok(s) if s <= 10 && token.bytes().all(|b| b.is_ascii_digit()) => scores.push(s),
            _ => {
                let (value, position) = (clip(token), (i + 1).to_string());
                return Err(Error::invalid(format!(
                    "NPS answers: \"{value}\" (answer {position}) is not a whole number from 0 to 10"
                ))
                .because("nps.bad_score", &[("value", &value), ("position", &position)]));
            }
        }
    }
    Ok(scores)
}

/// An NPS count: a whole number 0 to 1,000,000,000.
pub(super) fn count(value: &str, field: &str) -> Result<u32> {
    let v = value.trim();
    match v.parse::<u32>() {
        Ok(n) if n <= MAX_COUNT && v.bytes().all(|b| b.is_ascii_digit()) => Ok(n),
        _ => Err(
            Error::invalid(format!("{field}: \"{}\" is not a whole number of answers", clip(v)))
                .because("nps.count_invalid", &[("field", field), ("value", &clip(v))]),
        ),
    }
}

/// A decimal from 0 to `max`; the reason key names the kind of number.
fn bounded(value: &str, field: &str, max: i64, key: &str) -> Result<Decimal> {
    let v = parse_decimal(value, field)?;
    if v < Decimal::ZERO || v > Decimal::from(max) {
        let (shown, max) = (v.to_string(), max.to_string());
        return Err(Error::invalid(format!("{field}: {shown} is not between 0 and {max}"))
            .because(key, &[("field", field), ("value", &shown), ("max", &max)]));
    }
    Ok(v.normalize())
}

/// A weight, 0–10.
pub(super) fn weight(value: &str) -> Result<Decimal> {
    bounded(value, "weight", crate::model::MAX_WEIGHT, "number.weight_range")
}

/// A score, 0–10; empty is none.
pub(super) fn score(value: &str) -> Result<Option<Decimal>> {
    if value.trim().is_empty() {
        return Ok(None);
    }
    bounded(value, "score", crate::model::MAX_SCORE, "number.score_range").map(Some)
}

/// One of the snake_case words of a choice (category, impact, kind).
pub(super) fn choice<T: DeserializeOwned>(value: &str, field: &str) -> Result<T> {
    serde_json::from_value(serde_json::Value::String(value.trim().to_string())).map_err(|_| {
        let quoted = clip(value);
        Error::invalid(format!("{field}: \"{quoted}\" is not one of the choices"))
            .because("choice.invalid", &[("field", field), ("value", &quoted)])
    })
}

/// A name: free text, trimmed, not empty.
pub(super) fn name(value: &str, field: &str) -> Result<String> {
    let name = text(value, field)?.trim().to_string();
    if name.is_empty() {
        return Err(Error::invalid(format!("{field}: enter a name")).because("support.name_empty", &[("field", field)]));
    }
    Ok(name)
}

/// A name not already used by another item of the list.
pub(super) fn unique_name<'a>(value: &str, field: &str, others: impl IntoIterator<Item = &'a str>) -> Result<String> {
    let name = name(value, field)?;
    if others.into_iter().any(|o| crate::model::same_name(o, &name)) {
        let quoted = clip(&name);
        return Err(Error::invalid(format!("{field}: \"{quoted}\" is already in the list"))
            .because("support.name_taken", &[("field", field), ("value", &quoted)]));
    }
    Ok(name)
}

/// One entry per non-empty line, trimmed; the whole text is capped like any field.
pub(super) fn lines(value: &str, field: &str) -> Result<Vec<String>> {
    text(value, field)?
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| text(l, field))
        .collect()
}

/// A tier letter, or empty for none.
pub(super) fn tier(value: &str) -> Result<Option<Tier>> {
    match value.trim() {
        "" => Ok(None),
        "A" | "a" => Ok(Some(Tier::A)),
        "B" | "b" => Ok(Some(Tier::B)),
        "C" | "c" => Ok(Some(Tier::C)),
        other => {
            let quoted = clip(other);
            Err(Error::invalid(format!("tier: \"{quoted}\" is not A, B or C"))
                .because("persona.tier_invalid", &[("value", &quoted)]))
        }
    }
}

/// A score-sum threshold, 3–15.
pub(super) fn threshold(value: &str, field: &str) -> Result<u8> {
    let v = value.trim();
    match v.parse::<u8>() {
        Ok(n @ 3..=15) => Ok(n),
        _ => Err(
            Error::invalid(format!("{field}: \"{}\" is not a score sum from 3 to 15", clip(v)))
                .because("rfm.score_threshold", &[("field", field), ("value", &clip(v))]),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pasted_answers_split_on_any_separator() {
        assert_eq!(parse_nps_scores("9 10 7 3").unwrap(), [9, 10, 7, 3]);
        assert_eq!(
            parse_nps_scores("9，10、8\n6;0\u{3000}10").unwrap(),
            [9, 10, 8, 6, 0, 10]
        );
        assert!(parse_nps_scores("  ").unwrap().is_empty());
    }

    #[test]
    fn a_bad_answer_is_named_with_its_position() {
        for (input, token, position) in [
            ("9 11", "11", "2"),
            ("9 8.5", "8.5", "2"),
            ("x", "x", "1"),
            ("7 +8", "+8", "2"),
        ] {
            let e = parse_nps_scores(input).unwrap_err();
            let r = e.reason().unwrap();
            assert_eq!(r.key, "nps.bad_score");
            assert_eq!(r.params["value"], token, "{input}");
            assert_eq!(r.params["position"], position, "{input}");
        }
    }
}

//! Exact numbers: strict decimal parsing, currencies and their minor units.
//!
//! Money and rates are `Decimal` everywhere. They are stored and sent over IPC as canonical
//! decimal text ("1234.50"), never as floating point. Parsing is strict on purpose: exponents,
//! `NaN`, infinities, thousands separators and more fraction digits than allowed are refused
//! with a message that quotes the value, because a silently reinterpreted number in a plan is
//! the worst kind of bug.

use crate::error::{Error, Result};
use rust_decimal::Decimal;
use std::str::FromStr;

/// The most fraction digits any stored number may carry (rates, weights).
pub const MAX_SCALE: u32 = 10;
/// The most integer digits any stored number may carry (1e18 is far above any plan amount).
pub const MAX_INTEGER_DIGITS: usize = 18;

/// Parses canonical decimal text: optional minus, digits, optional `.` and digits.
pub fn parse_decimal(text: &str, what: &str) -> Result<Decimal> {
    let t = text.trim();
    let bad = |why: &str| Error::invalid(format!("{what}: \"{}\" {why}", clip(text)));
    if t.is_empty() {
        return Err(bad("is empty"));
    }
    let digits = t.strip_prefix('-').unwrap_or(t);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(int) || frac.is_some_and(|f| !all_digits(f)) {
        return Err(bad(
            "is not a number (use digits and an optional decimal point, e.g. 1234.56)",
        ));
    }
    if int.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
        return Err(bad("is too large"));
    }
    if frac.is_some_and(|f| f.len() as u32 > MAX_SCALE) {
        return Err(bad(&format!("has more than {MAX_SCALE} decimal places")));
    }
    let value = Decimal::from_str(t).map_err(|_| bad("is not a number"))?;
    Ok(value.normalize())
}

/// Parses a money amount and checks it fits the currency's minor unit.
pub fn parse_money(text: &str, currency: &str, what: &str) -> Result<Decimal> {
    let value = parse_decimal(text, what)?;
    let minor = minor_units(currency).unwrap_or(2);
    if value.scale() > minor {
        return Err(Error::invalid(format!(
            "{what}: \"{}\" has more decimal places than {currency} allows ({minor})",
            clip(text)
        )));
    }
    Ok(value)
}

/// Canonical text of a decimal: no exponent, no trailing zeros.
pub fn to_text(value: &Decimal) -> String {
    value.normalize().to_string()
}

/// The number of minor-unit digits of an ISO 4217 currency, or `None` when unknown.
pub fn minor_units(code: &str) -> Option<u32> {
    let currency = iso_currency::Currency::from_code(code)?;
    Some(currency.exponent().map(u32::from).unwrap_or(0))
}

/// True when `code` is a known ISO 4217 currency.
pub fn is_known_currency(code: &str) -> bool {
    iso_currency::Currency::from_code(code).is_some()
}

/// Shortens user text quoted in messages so a hostile value cannot flood a dialog.
pub fn clip(text: &str) -> String {
    const MAX: usize = 40;
    if text.chars().count() <= MAX {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(MAX).collect::<String>())
    }
}

/// Serde for `Decimal` as canonical text, parsed strictly.
pub mod dec_text {
    use rust_decimal::Decimal;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    /// Serializes as canonical text.
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::to_text(value))
    }

    /// Deserializes from text, refusing exponents, NaN and excess precision.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        let text = String::deserialize(d)?;
        super::parse_decimal(&text, "number").map_err(|e| D::Error::custom(e.to_string()))
    }
}

/// Serde for `Option<Decimal>` as canonical text or null.
pub mod opt_dec_text {
    use rust_decimal::Decimal;
    use serde::{de::Error as _, Deserialize, Deserializer, Serializer};

    /// Serializes as canonical text or null.
    pub fn serialize<S: Serializer>(value: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(v) => s.serialize_str(&super::to_text(v)),
            None => s.serialize_none(),
        }
    }

    /// Deserializes from text or null, strictly.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
        match Option::<String>::deserialize(d)? {
            None => Ok(None),
            Some(text) => super::parse_decimal(&text, "number")
                .map(Some)
                .map_err(|e| D::Error::custom(e.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_canonical_text() {
        assert_eq!(parse_decimal("1234.50", "x").unwrap(), Decimal::new(12345, 1));
        assert_eq!(parse_decimal("-0.25", "x").unwrap(), Decimal::new(-25, 2));
        assert_eq!(parse_decimal(" 7 ", "x").unwrap(), Decimal::from(7));
    }

    #[test]
    fn refuses_malformed_numbers_with_the_value_quoted() {
        for bad in [
            "1e400", "NaN", "inf", "1,000", "", "1.", ".5", "--1", "0x10", "1.2.3", "¥100",
        ] {
            let err = parse_decimal(bad, "target").unwrap_err();
            assert!(err.to_string().starts_with("target:"), "{bad}: {err}");
        }
        let err = parse_decimal("0.12345678901", "rate").unwrap_err();
        assert!(err.to_string().contains("decimal places"), "{err}");
        assert!(parse_decimal("1234567890123456789", "x").is_err());
    }

    #[test]
    fn money_respects_the_currency_minor_unit() {
        assert!(parse_money("10.25", "CNY", "t").is_ok());
        assert!(parse_money("10.255", "CNY", "t")
            .unwrap_err()
            .to_string()
            .contains("CNY allows (2)"));
        assert!(parse_money("10.5", "JPY", "t").is_err());
        assert_eq!(minor_units("JPY"), Some(0));
        assert_eq!(minor_units("KWD"), Some(3));
        assert_eq!(minor_units("XYZ"), None);
    }
}

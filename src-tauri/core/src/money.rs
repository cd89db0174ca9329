//! Exact numbers: strict decimal parsing, currencies and their minor units.
//!
//! Money and rates are `Decimal` everywhere. They are stored and sent over IPC as canonical
//! decimal text ("1234.50"), never as floating point. Parsing is strict on purpose: exponents,
//! `NaN`, infinities, thousands separators and more fraction digits than allowed are refused
//! with a message that quotes the value, because a silently reinterpreted number in a plan is
//! the worst kind of bug.

use crate::error::{field_id, Error, Result};
use rust_decimal::Decimal;

/// The most fraction digits any stored number may carry (rates, weights).
pub const MAX_SCALE: u32 = 10;
/// The most integer digits any stored number may carry (1e18 is far above any plan amount).
pub const MAX_INTEGER_DIGITS: usize = 18;

/// Parses canonical decimal text: optional minus, digits, optional `.` and digits.
pub fn parse_decimal(text: &str, what: &str) -> Result<Decimal> {
    let t = text.trim();
    let field = field_id(what);
    let value = clip(text);
    let bad = |why: &str, key: &str, extra: &[(&str, &str)]| {
        let mut params = vec![("field", field.as_str()), ("value", value.as_str())];
        params.extend_from_slice(extra);
        Error::invalid(format!("{what}: \"{value}\" {why}")).because(key, &params)
    };
    if t.is_empty() {
        return Err(bad("is empty", "number.empty", &[]));
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
            "number.not_a_number",
            &[],
        ));
    }
    if int.trim_start_matches('0').len() > MAX_INTEGER_DIGITS {
        let max = MAX_INTEGER_DIGITS.to_string();
        return Err(bad("is too large", "number.too_large", &[("max", &max)]));
    }
    if frac.is_some_and(|f| f.len() as u32 > MAX_SCALE) {
        let max = MAX_SCALE.to_string();
        return Err(bad(
            &format!("has more than {MAX_SCALE} decimal places"),
            "number.too_many_decimals",
            &[("max", &max)],
        ));
    }
    let negative = t.starts_with('-');
    let parsed = from_digits(negative, int.as_bytes(), frac.unwrap_or("").as_bytes())
        .ok_or_else(|| bad("is not a number", "number.not_a_number", &[]))?;
    Ok(parsed.normalize())
}

/// Builds a decimal from runs of ASCII digits without allocating: the shared last step of
/// [`parse_decimal`] and of the import's amount parser (`tabular::parse_amount`), which both
/// check lengths first to say *why* a number is refused.
///
/// Returns `None` when a run holds anything but digits, the integer part has more than
/// [`MAX_INTEGER_DIGITS`] significant digits or the fraction more than [`MAX_SCALE`] digits.
/// The result keeps the fraction's scale (`"1.50"` → 1.50); callers normalize as they need.
pub fn from_digits(negative: bool, int: &[u8], frac: &[u8]) -> Option<Decimal> {
    let significant = int
        .iter()
        .position(|&b| b != b'0')
        .map_or(&int[int.len()..], |i| &int[i..]);
    if significant.len() > MAX_INTEGER_DIGITS || frac.len() > MAX_SCALE as usize {
        return None;
    }
    if !int.iter().chain(frac).all(u8::is_ascii_digit) {
        return None;
    }
    let scale = frac.len() as u32;
    let mut small: u64 = 0;
    if significant.len() + frac.len() <= 19 {
        // The common case: fits a u64 (below 10^19), so no 128-bit arithmetic.
        for &b in significant.iter().chain(frac) {
            small = small * 10 + u64::from(b - b'0');
        }
        let (lo, mid) = (small as u32, (small >> 32) as u32);
        return Some(Decimal::from_parts(lo, mid, 0, negative && small != 0, scale));
    }
    // At most 18 + 10 digits: below 10^28, inside both i128 and Decimal's 96-bit mantissa.
    let mut mantissa: i128 = 0;
    for &b in significant.iter().chain(frac) {
        mantissa = mantissa * 10 + i128::from(b - b'0');
    }
    if negative {
        mantissa = -mantissa;
    }
    Decimal::try_from_i128_with_scale(mantissa, scale).ok()
}

/// Parses a money amount and checks it fits the currency's minor unit.
pub fn parse_money(text: &str, currency: &str, what: &str) -> Result<Decimal> {
    let value = parse_decimal(text, what)?;
    let minor = minor_units(currency).unwrap_or(2);
    if value.scale() > minor {
        let (quoted, minor_text) = (clip(text), minor.to_string());
        return Err(Error::invalid(format!(
            "{what}: \"{quoted}\" has more decimal places than {currency} allows ({minor})"
        ))
        .because(
            "number.currency_decimals",
            &[
                ("field", &field_id(what)),
                ("value", &quoted),
                ("currency", currency),
                ("minor", &minor_text),
            ],
        ));
    }
    Ok(value)
}

/// Canonical text of a decimal: no exponent, no trailing zeros.
pub fn to_text(value: &Decimal) -> String {
    value.normalize().to_string()
}

/// A ratio as signed percent text for terminals and logs: 0.3 → "+30%", -0.125 → "-12.5%".
pub fn percent_text(ratio: &Decimal) -> String {
    let pct = (*ratio * Decimal::ONE_HUNDRED).normalize();
    if pct.is_sign_negative() {
        format!("{pct}%")
    } else {
        format!("+{pct}%")
    }
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
    fn from_digits_builds_exact_decimals_and_refuses_overflow() {
        assert_eq!(from_digits(false, b"1234", b"50"), Some(Decimal::new(123450, 2)));
        assert_eq!(from_digits(true, b"0", b"5"), Some(Decimal::new(-5, 1)));
        assert!(
            !from_digits(true, b"000", b"").unwrap().is_sign_negative(),
            "no negative zero"
        );
        let widest = from_digits(true, b"999999999999999999", b"9999999999").unwrap();
        assert_eq!(widest.to_string(), "-999999999999999999.9999999999");
        assert_eq!(from_digits(false, b"00000000000000000000001", b""), Some(Decimal::ONE));
        assert_eq!(from_digits(false, b"1234567890123456789", b""), None);
        assert_eq!(from_digits(false, b"1", b"12345678901"), None);
        assert_eq!(from_digits(false, b"1a", b""), None);
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
    fn percents_are_signed_and_exact() {
        assert_eq!(percent_text(&Decimal::new(3, 1)), "+30%");
        assert_eq!(percent_text(&Decimal::new(-125, 3)), "-12.5%");
        assert_eq!(percent_text(&Decimal::ZERO), "+0%");
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

    /// The reason key and params of a refused value.
    fn reason_of(r: Result<Decimal>) -> (String, Vec<(String, String)>) {
        let e = r.unwrap_err();
        let r = e.reason().expect("a reason");
        (r.key.clone(), r.params.clone().into_iter().collect())
    }

    #[test]
    fn refusals_carry_a_reason_key_and_params() {
        let check = |input: &str, key: &str| {
            let (k, params) = reason_of(parse_decimal(input, "target"));
            assert_eq!(k, key, "{input:?}");
            assert!(
                params.contains(&("field".into(), "target".into())),
                "{input:?}: {params:?}"
            );
            assert!(
                params.contains(&("value".into(), input.into())),
                "{input:?}: {params:?}"
            );
        };
        check("", "number.empty");
        check("  ", "number.empty");
        check("1e400", "number.not_a_number");
        check("1,000", "number.not_a_number");
        check("NaN", "number.not_a_number");
        check("1234567890123456789", "number.too_large");
        check("0.12345678901", "number.too_many_decimals");
        let (k, p) = reason_of(parse_decimal("0.12345678901", "target"));
        assert_eq!(k, "number.too_many_decimals");
        assert!(p.contains(&("max".into(), "10".into())));
        let (k, p) = reason_of(parse_money("10.255", "CNY", "period start"));
        assert_eq!(k, "number.currency_decimals");
        for kv in [
            ("field", "period_start"),
            ("currency", "CNY"),
            ("minor", "2"),
            ("value", "10.255"),
        ] {
            assert!(p.contains(&(kv.0.into(), kv.1.into())), "{p:?}");
        }
    }
}

use super::*;
use std::str::FromStr;

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// Each input parses (minor units 2) to the decimal.
fn check(cases: &[(&str, &str)]) {
    for (input, want) in cases {
        assert_eq!(parse_amount(input, 2), Ok(Some(dec(want))), "{input:?}");
    }
}

/// Each input is refused with the key and quotes the trimmed value.
fn check_refused(minor: u32, cases: &[(&str, &str)]) {
    for (input, key) in cases {
        let reason = parse_amount(input, minor).expect_err(input);
        assert_eq!(reason.key, *key, "{input:?}");
        assert_eq!(reason.params["value"], input.trim(), "{input:?}");
    }
}

#[test]
fn accepts_every_documented_amount_form() {
    check(&[
        ("1234.5", "1234.5"),
        ("1234", "1234"),
        ("-1234.50", "-1234.5"),
        ("0", "0"),
        ("-0", "0"),
        ("007.10", "7.1"),
        ("1,234.50", "1234.5"),
        ("-1,234.50", "-1234.5"),
        ("1,234,567", "1234567"),
        ("¥1,234.50", "1234.5"),
        ("￥1,234.50", "1234.5"),
        ("$1,234.50", "1234.5"),
        ("US$ 99", "99"),
        ("CNY 1234", "1234"),
        ("cny1234", "1234"),
        ("1234元", "1234"),
        ("1,234.50 RMB", "1234.5"),
        ("1234 人民币", "1234"),
        ("(1,234.50)", "-1234.5"),
        ("（1,234.50）", "-1234.5"),
        ("(¥1,234.50)", "-1234.5"),
        ("¥(1,234.50)", "-1234.5"),
        ("-¥1,234.50", "-1234.5"),
        ("¥-1,234.50", "-1234.5"),
        ("+12", "12"),
        ("１２３４．５", "1234.5"),
        ("１，２３４．５０", "1234.5"),
        ("－１２", "-12"),
        ("  1,234.50 \u{3000}", "1234.5"),
        ("123456789012345678", "123456789012345678"),
        ("999999999999999999.99", "999999999999999999.99"),
        ("10.250", "10.25"),
    ]);
}

#[test]
fn empty_cells_are_missing() {
    assert_eq!(parse_amount("", 2), Ok(None));
    assert_eq!(parse_amount(" \t", 2), Ok(None));
}

#[test]
fn refuses_grouping_that_is_not_by_three() {
    check_refused(
        2,
        &[
            ("1,23", "amount.decimal_comma"),
            ("1,5", "amount.decimal_comma"),
            ("-1,5", "amount.decimal_comma"),
            ("1.234,50", "amount.decimal_comma"),
            ("12,34,567", "amount.bad_grouping"),
            ("1,2345", "amount.bad_grouping"),
            ("1,23.45", "amount.bad_grouping"),
            ("1234,567", "amount.bad_grouping"),
            (",123", "amount.bad_grouping"),
            ("1,,234", "amount.bad_grouping"),
            ("1,234,56", "amount.bad_grouping"),
        ],
    );
}

#[test]
fn refuses_exponents_non_numbers_and_text() {
    check_refused(
        2,
        &[
            ("1e5", "amount.exponent"),
            ("1.2E+11", "amount.exponent"),
            ("-3e-2", "amount.exponent"),
            ("NaN", "amount.not_a_number"),
            ("nan", "amount.not_a_number"),
            ("inf", "amount.not_a_number"),
            ("-Infinity", "amount.not_a_number"),
            ("abc", "amount.not_a_number"),
            ("12%", "amount.not_a_number"),
            ("1 234", "amount.not_a_number"),
            (".5", "amount.not_a_number"),
            ("5.", "amount.not_a_number"),
            ("1.2.3", "amount.not_a_number"),
            ("--1", "amount.not_a_number"),
            ("-(5)", "amount.not_a_number"),
            ("(-5)", "amount.not_a_number"),
            ("1234-", "amount.not_a_number"),
            ("¥", "amount.not_a_number"),
            ("-", "amount.not_a_number"),
            ("¥1234元", "amount.not_a_number"),
            ("0x10", "amount.not_a_number"),
            ("e", "amount.not_a_number"),
            ("#N/A", "amount.not_a_number"),
        ],
    );
}

#[test]
fn refuses_too_many_digits_with_the_limit() {
    check_refused(
        2,
        &[
            ("10.255", "amount.too_many_decimals"),
            ("1,234.567", "amount.too_many_decimals"),
            ("1234567890123456789", "amount.too_large"),
            ("1,234,567,890,123,456,789", "amount.too_large"),
        ],
    );
    let r = parse_amount("10.5", 0).unwrap_err();
    assert_eq!(
        (r.key.as_str(), r.params["minor"].as_str()),
        ("amount.too_many_decimals", "0")
    );
    assert_eq!(parse_amount("100.00", 0), Ok(Some(dec("100"))));
    assert_eq!(parse_amount("1.125", 3), Ok(Some(dec("1.125"))));
    let r = parse_amount("1234567890123456789", 2).unwrap_err();
    assert_eq!(r.params["max"], "18");
    let long = parse_amount(&"9".repeat(80), 2).unwrap_err();
    assert_eq!(long.key, "amount.too_large");
    assert_eq!(
        long.params["value"],
        format!("{}…", "9".repeat(40)),
        "values are clipped"
    );
}

#[test]
fn the_fast_path_and_the_general_path_agree() {
    for text in ["0", "-0.5", "1234.56", "000123", "99999999999999999.99"] {
        let grouped = format!("¥{text}");
        assert_eq!(parse_amount(text, 2), parse_amount(&grouped, 2), "{text}");
    }
}

use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// Each input parses to the date.
fn check_dates(cases: &[(&str, NaiveDate)]) {
    for (input, want) in cases {
        assert_eq!(parse_date(input), Ok(Some(*want)), "{input:?}");
    }
}

/// Each input is refused with the key, and the reason quotes the trimmed value.
fn check_refused(parse: fn(&str) -> Result<Option<NaiveDate>, Reason>, cases: &[(&str, &str)]) {
    for (input, key) in cases {
        let reason = parse(input).expect_err(input);
        assert_eq!(reason.key, *key, "{input:?}");
        assert_eq!(reason.params["value"], input.trim(), "{input:?}");
    }
}

#[test]
fn accepts_every_documented_date_form() {
    let d = ymd(2024, 3, 5);
    check_dates(&[
        ("2024-03-05", d),
        ("2024/3/5", d),
        ("2024/03/05", d),
        ("2024.3.5", d),
        ("2024-3-5", d),
        ("20240305", d),
        ("2024-03-05 14:30", d),
        ("2024-03-05 14:30:00", d),
        ("2024/3/5 9:05:59.123", d),
        ("2024-03-05T14:30:00Z", d),
        ("2024/3/5 2:30 PM", d),
        ("2024年3月5日", d),
        ("2024年03月05日", d),
        ("2024年3月5号", d),
        ("2024年3月5", d),
        ("２０２４－０３－０５", d),
        ("  2024-03-05\t", d),
        ("45356", d),
        ("45356.604166666664", d),
        ("2024-02-29", ymd(2024, 2, 29)),
    ]);
}

#[test]
fn excel_serials_follow_the_1900_leap_year_bug() {
    check_dates(&[
        ("1", ymd(1900, 1, 1)),
        ("59", ymd(1900, 2, 28)),
        ("61", ymd(1900, 3, 1)),
        ("36526", ymd(2000, 1, 1)),
        ("45292", ymd(2024, 1, 1)),
    ]);
    check_refused(
        parse_date,
        &[("60", "date.excel_1900_02_29"), ("0", "date.out_of_range")],
    );
}

#[test]
fn empty_cells_are_missing_not_refused() {
    assert_eq!(parse_date(""), Ok(None));
    assert_eq!(parse_date("  \u{3000}"), Ok(None));
    assert_eq!(parse_month(" "), Ok(None));
}

#[test]
fn refuses_impossible_ambiguous_and_unknown_dates() {
    check_refused(
        parse_date,
        &[
            ("2024-02-30", "date.impossible"),
            ("2023-02-29", "date.impossible"),
            ("2024/13/01", "date.impossible"),
            ("20240230", "date.impossible"),
            ("2024年2月30日", "date.impossible"),
            ("1900-02-29", "date.impossible"),
            ("03/05/2024", "date.ambiguous_order"),
            ("5/3/2024", "date.ambiguous_order"),
            ("25/03/2024", "date.ambiguous_order"),
            ("03-05-24", "date.ambiguous_order"),
            ("24/3/5", "date.ambiguous_order"),
            ("1899-12-31", "date.out_of_range"),
            ("0001-01-01", "date.out_of_range"),
            ("2024-03/05", "date.unrecognized"),
            ("2024-03-05 25:00", "date.unrecognized"),
            ("2024-03-05 14:61", "date.unrecognized"),
            ("2024-03-05 tomorrow", "date.unrecognized"),
            ("5 Mar 2024", "date.unrecognized"),
            ("2024.3", "date.unrecognized"),
            ("202403", "date.unrecognized"),
            ("2024-03", "date.unrecognized"),
            ("-45356", "date.unrecognized"),
            ("45356.5.1", "date.unrecognized"),
            ("1234567890123456789012", "date.unrecognized"),
            ("2024-03-05+08:00", "date.unrecognized"),
            ("N/A", "date.unrecognized"),
        ],
    );
}

#[test]
fn months_are_the_first_day_of_the_month() {
    let march = Some(ymd(2024, 3, 1));
    for input in [
        "2024-03",
        "2024-3",
        "2024/3",
        "2024.3",
        "202403",
        "2024年3月",
        "2024年03月",
        "2024-03-01",
        "2024/3/1 00:00:00",
        "45352",
    ] {
        assert_eq!(parse_month(input), Ok(march), "{input:?}");
    }
    assert_eq!(parse_month("1999-12"), Ok(Some(ymd(1999, 12, 1))));
}

#[test]
fn refuses_months_that_are_not_a_whole_month() {
    check_refused(
        parse_month,
        &[
            ("2024-03-31", "month.not_first_day"),
            ("2024-13", "month.impossible"),
            ("202400", "month.impossible"),
            ("2024年0月", "month.impossible"),
            ("0999-01", "date.out_of_range"),
            ("03/2024", "month.unrecognized"),
            ("Mar-24", "month.unrecognized"),
            ("2024-Q1", "month.unrecognized"),
            ("2024-02-30", "date.impossible"),
            ("03/01/2024", "date.ambiguous_order"),
        ],
    );
}

#[test]
fn the_memo_reads_like_parse_date_and_reuses_only_the_same_text() {
    let mut memo = DateMemo::default();
    let cells = [
        "2024-03-05",
        "2024-03-05",
        "2024/3/5",
        "",
        "2024-02-30",
        "2024-03-05",
        "20240306",
        "45000",
    ];
    for cell in cells {
        assert_eq!(memo.parse(cell), parse_date(cell), "{cell:?}");
    }
}

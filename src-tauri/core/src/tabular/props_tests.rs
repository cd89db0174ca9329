//! Property tests: hostile input never panics; amounts and row numbers survive round trips.

use super::tests::Dir;
use super::*;
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Opens, reads every row and parses every cell every way; only errors, never a panic.
fn read_everything(bytes: &[u8]) {
    let d = Dir::new();
    let p = d.file("x.csv", bytes);
    let Ok(mut table) = open(&p) else {
        return;
    };
    let mut last = table.info().header_row;
    // Bounded: a row error does not end the table, but each call consumes a record.
    for _ in 0..100_000 {
        match table.next_row() {
            Ok(Some(row)) => {
                assert!(
                    row.number() > last,
                    "row numbers go down: {} after {last}",
                    row.number()
                );
                last = row.number();
                for cell in row.iter() {
                    let _ = parse_date(cell);
                    let _ = parse_month(cell);
                    let _ = parse_amount(cell, 2);
                }
            }
            Ok(None) => return,
            Err(e) => assert!(e.reason().is_some(), "{e}"),
        }
    }
}

const CSVISH: &[&str] = &[
    ",", ";", "\t", "\"", "\n", "\r", "\r\n", " ", "a", "1", "0", ".", "-", "¥", "客", "年", "月", "日", "/", ":", "e",
    "(", ")", "2024", "\u{3000}", "\u{FEFF}", "１",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        read_everything(&bytes);
    }

    #[test]
    fn csvish_text_never_panics(parts in proptest::collection::vec(proptest::sample::select(CSVISH), 0..400), gbk in any::<bool>()) {
        let text: String = parts.concat();
        let bytes = if gbk { encoding_rs::GB18030.encode(&text).0.into_owned() } else { text.into_bytes() };
        read_everything(&bytes);
    }

    #[test]
    fn random_cells_never_panic_the_parsers(text in "\\PC{0,30}") {
        let _ = parse_date(&text);
        let _ = parse_month(&text);
        let _ = parse_amount(&text, 2);
        let _ = parse_amount(&text, 0);
    }

    #[test]
    fn formatted_amounts_parse_back(
        mantissa in -10_000_000_000_000i64..10_000_000_000_000,
        scale in 0u32..=2,
        style in 0usize..8,
        parens in any::<bool>(),
        fullwidth in any::<bool>(),
    ) {
        let value = Decimal::new(mantissa, scale);
        let text = format_amount(value, style, parens, fullwidth);
        prop_assert_eq!(parse_amount(&text, 2), Ok(Some(value)), "{}", text);
    }

    #[test]
    fn dates_in_every_form_parse_back(days in 0i64..80_000, form in 0usize..6) {
        let date = chrono::NaiveDate::from_ymd_opt(1900, 3, 1).unwrap() + chrono::Days::new(days as u64);
        let text = match form {
            0 => date.format("%Y-%m-%d").to_string(),
            1 => date.format("%Y/%-m/%-d").to_string(),
            2 => date.format("%Y.%m.%d").to_string(),
            3 => date.format("%Y%m%d").to_string(),
            4 => format!("{} 09:15", date.format("%Y年%-m月%-d日")),
            _ => date.format("%Y-%m-%d 23:59:59").to_string(),
        };
        prop_assert_eq!(parse_date(&text), Ok(Some(date)), "{}", text);
    }

    #[test]
    fn row_numbers_are_the_spreadsheet_rows(
        lines in proptest::collection::vec(line(), 1..40),
        crlf in any::<bool>(),
        final_end in any::<bool>(),
    ) {
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = format!("h1,h2,h3{end}");
        let mut expected = Vec::new();
        for (i, l) in lines.iter().enumerate() {
            if let Some(cells) = l {
                expected.push((i as u64 + 2, cells.clone()));
                text.push_str(&cells.iter().map(|c| quote(c, end)).collect::<Vec<_>>().join(","));
            }
            if i + 1 < lines.len() || final_end {
                text.push_str(end);
            }
        }
        let d = Dir::new();
        let mut table = open(&d.file("rows.csv", text.as_bytes())).unwrap();
        let got = super::tests::all_rows(&mut table);
        let want: Vec<(u64, Vec<String>)> = expected
            .into_iter()
            .map(|(n, cells)| (n, cells.iter().map(|c| c.replace('\n', end).trim().to_string()).collect()))
            .collect();
        prop_assert_eq!(got, want, "{:?}", text);
    }
}

/// A blank line (`None`) or a record whose first cell is not blank.
fn line() -> impl Strategy<Value = Option<Vec<String>>> {
    let cell = "[a-c ,\"\n]{0,6}";
    prop_oneof![
        1 => Just(None),
        4 => ("r[0-9]{1,3}", proptest::collection::vec(cell, 0..3)).prop_map(|(first, rest)| {
            let mut cells = vec![first];
            cells.extend(rest);
            Some(cells)
        }),
    ]
}

/// A cell as CSV: quoted (quotes doubled) when it holds a delimiter, quote or line end.
fn quote(cell: &str, end: &str) -> String {
    if cell.contains([',', '"', '\n']) {
        format!("\"{}\"", cell.replace('"', "\"\"").replace('\n', end))
    } else {
        cell.to_string()
    }
}

/// An amount as people write it: thousands separators, a currency marker, a sign or
/// parentheses, optionally in full-width characters.
fn format_amount(value: Decimal, style: usize, parens: bool, fullwidth: bool) -> String {
    let abs = value.abs().to_string();
    let (int, frac) = abs.split_once('.').map_or((abs.as_str(), None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    if let Some(f) = frac {
        grouped = format!("{grouped}.{f}");
    }
    let body = match style {
        0 => grouped,
        1 => format!("¥{grouped}"),
        2 => format!("￥{grouped}"),
        3 => format!("${grouped}"),
        4 => format!("CNY {grouped}"),
        5 => format!("{grouped}元"),
        6 => format!("{grouped} RMB"),
        _ => abs.clone(),
    };
    let signed = match (value.is_sign_negative() && !value.is_zero(), parens) {
        (true, true) => format!("({body})"),
        (true, false) => format!("-{body}"),
        _ => body,
    };
    if !fullwidth {
        return signed;
    }
    signed
        .chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap(),
            ',' => '，',
            '.' => '．',
            _ => c,
        })
        .collect()
}

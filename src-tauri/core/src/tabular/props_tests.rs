//! Property tests: hostile input never panics; amounts and row numbers survive round trips.

use super::tests::Dir;
use super::text::{Paths, PATHS, TEST_BUFFER};
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
    fn the_fast_path_reads_csvish_text_as_csv_core_does(
        parts in proptest::collection::vec(proptest::sample::select(CSVISH), 0..400),
        gbk in any::<bool>(),
        buffer in prop_oneof![Just(16usize), 1usize..300, Just(1 << 16)],
    ) {
        TEST_BUFFER.set(buffer);
        let text: String = parts.concat();
        let bytes = if gbk { encoding_rs::GB18030.encode(&text).0.into_owned() } else { text.into_bytes() };
        let fast = reading(&bytes, Paths::All);
        prop_assert_eq!(&fast, &reading(&bytes, Paths::CsvOnly), "{:?}", String::from_utf8_lossy(&bytes));
        prop_assert_eq!(&fast, &reading(&bytes, Paths::NoRuns), "{:?}", String::from_utf8_lossy(&bytes));
        check_against_csv_crate(&bytes, &fast)?;
    }

    #[test]
    fn the_fast_path_reads_quoted_multi_line_csv_as_csv_core_does(
        lines in proptest::collection::vec(csv_line(), 0..60),
        ends in proptest::collection::vec(prop_oneof!["\n", "\r\n"], 60),
        final_end in any::<bool>(),
        bom in any::<bool>(),
        gbk in any::<bool>(),
        buffer in prop_oneof![Just(16usize), 1usize..300, Just(1 << 16)],
    ) {
        TEST_BUFFER.set(buffer);
        let mut text = String::from(if bom { "\u{FEFF}客户,\"金额\",note\r\n" } else { "客户,\"金额\",note\n" });
        for (i, l) in lines.iter().enumerate() {
            text.push_str(&l.replace('\n', &ends[i]));
            if i + 1 < lines.len() || final_end {
                text.push_str(&ends[i]);
            }
        }
        let bytes = if gbk && !bom { encoding_rs::GB18030.encode(&text).0.into_owned() } else { text.into_bytes() };
        let fast = reading(&bytes, Paths::All);
        prop_assert!(fast.is_ok(), "{:?}", fast);
        prop_assert_eq!(&fast, &reading(&bytes, Paths::CsvOnly), "{:?}", String::from_utf8_lossy(&bytes));
        prop_assert_eq!(&fast, &reading(&bytes, Paths::NoRuns), "{:?}", String::from_utf8_lossy(&bytes));
        check_against_csv_crate(&bytes, &fast)?;
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

/// A line of CSV: blank, white space, or cells that may be quoted (with doubled quotes,
/// delimiters and line ends inside), hold a stray quote, or open a quote never closed.
fn csv_line() -> impl Strategy<Value = String> {
    let plain = "[a-c1 ¥客\t]{0,5}";
    let quoted = "[a-c,;客\n\r ]{0,6}".prop_map(|c| format!("\"{}\"", c));
    let doubled = "[a-c]{0,3}".prop_map(|c| format!("\"{c}\"\"x\""));
    let stray = "[a-c]{1,3}".prop_map(|c| format!("{c}\"{c}"));
    let after = "[a-c]{1,3}".prop_map(|c| format!("\"{c}\" {c}"));
    let cell = prop_oneof![6 => plain, 2 => quoted, 1 => doubled, 1 => stray, 1 => after];
    prop_oneof![
        1 => Just(String::new()),
        1 => Just("  ".to_string()),
        1 => Just("\"unclosed, a\nb".to_string()),
        12 => proptest::collection::vec(cell, 1..5).prop_map(|cells| cells.join(",")),
    ]
}

/// What the table reader makes of a file: its header row and cells, every later row (number
/// and cells) or row error, and the encoding at the end; or the key of the refusal to open.
type Reading = Result<
    (
        u64,
        Vec<String>,
        Vec<Result<(u64, Vec<String>), String>>,
        Option<TextEncoding>,
    ),
    String,
>;

/// Reads a whole file, taking the given ways of reading lines.
fn reading(bytes: &[u8], paths: Paths) -> Reading {
    let d = Dir::new();
    let p = d.file("x.csv", bytes);
    PATHS.set(paths);
    let opened = open(&p);
    PATHS.set(Paths::All);
    let reason = |e: &Error| {
        e.reason()
            .map(|r| format!("{} {:?}", r.key, r.params))
            .unwrap_or(e.to_string())
    };
    let mut table = opened.map_err(|e| reason(&e))?;
    let mut rows = Vec::new();
    for _ in 0..100_000 {
        match table.next_row() {
            Ok(Some(row)) => rows.push(Ok((row.number(), row.iter().map(str::to_string).collect()))),
            Ok(None) => break,
            Err(e) => rows.push(Err(reason(&e))),
        }
    }
    let info = table.info();
    Ok((info.header_row, info.headers.clone(), rows, info.encoding))
}

/// Checks a reading of valid UTF-8 text against what the reader made of it before it had a
/// fast path: the `csv` crate's records, numbered from its line count.
fn check_against_csv_crate(bytes: &[u8], fast: &Reading) -> Result<(), TestCaseError> {
    if std::str::from_utf8(bytes).is_err() {
        return Ok(());
    }
    let sample = &bytes[..bytes.len().min(super::sniff::SAMPLE_SIZE)];
    let truncated = bytes.len() > sample.len();
    let Ok(super::sniff::Kind::Text { bom, .. }) = super::sniff::kind(sample, truncated, Path::new("x.csv")) else {
        return Ok(());
    };
    let (bytes, sample) = (&bytes[bom..], &sample[bom..]);
    let delimiter = super::sniff::delimiter(sample, truncated).byte();
    let mut data = bytes.to_vec();
    if super::sniff::cr_line_ends(sample) {
        data.iter_mut().filter(|b| **b == b'\r').for_each(|b| *b = b'\n');
    }
    let at_eof = std::rc::Rc::new(std::cell::Cell::new(false));
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(EofFlag(&data[..], at_eof.clone()));
    let (mut record, mut rows) = (csv::ByteRecord::new(), Vec::new());
    let mut embedded = 0u64;
    while reader.read_byte_record(&mut record).unwrap() {
        // The numbering of the reader before the fast path.
        let line_after = reader.position().line();
        let own_end = u64::from(!at_eof.get());
        let inner = record.as_slice().iter().filter(|&&b| b == b'\n').count() as u64;
        let first_line = line_after.saturating_sub(inner + own_end).max(1);
        let number = first_line.saturating_sub(embedded).max(1);
        embedded += inner;
        let cells: Vec<String> = record
            .iter()
            .map(|c| super::row::trim_cell(std::str::from_utf8(c).unwrap()).to_string())
            .collect();
        if cells.iter().any(|c| !c.is_empty()) {
            rows.push((number, cells));
        }
    }
    match fast {
        Ok((header_row, headers, fast_rows, _)) => {
            prop_assert_eq!(&rows[0], &(*header_row, headers.clone()));
            let rows: Vec<_> = rows[1..].iter().cloned().map(Ok).collect();
            prop_assert_eq!(&rows, fast_rows);
        }
        Err(key) if key.starts_with("table.empty") => prop_assert!(rows.is_empty(), "{:?}", rows),
        Err(_) => {}
    }
    Ok(())
}

/// A reader that notes when its input has ended (as the reader before the fast path did).
struct EofFlag<'a>(&'a [u8], std::rc::Rc<std::cell::Cell<bool>>);

impl std::io::Read for EofFlag<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.1.set(true);
        }
        Ok(n)
    }
}

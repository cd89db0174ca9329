//! Opening and reading delimited text: detection, row numbers, refusals.

use super::*;
use std::path::PathBuf;

pub(super) struct Dir(tempfile::TempDir);

impl Dir {
    pub(super) fn new() -> Self {
        Dir(tempfile::tempdir().unwrap())
    }

    pub(super) fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.0.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// Every remaining row as (number, cells).
pub(super) fn all_rows(table: &mut Table) -> Vec<(u64, Vec<String>)> {
    let mut out = Vec::new();
    while let Some(row) = table.next_row().unwrap() {
        out.push((row.number(), row.iter().map(str::to_string).collect()));
    }
    out
}

pub(super) fn cells(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|s| s.to_string()).collect()
}

/// The reason key of a refused open, after checking the error names the path.
pub(super) fn refusal(path: &Path) -> (ErrorCode, String, std::collections::BTreeMap<String, String>) {
    let e = open(path).err().expect("refused");
    assert_eq!(e.path(), Some(path), "{e}");
    let r = e.reason().expect("a reason").clone();
    (e.code(), r.key, r.params)
}

#[test]
fn reads_plain_utf8_csv_with_its_header() {
    let d = Dir::new();
    let p = d.file(
        "o.csv",
        "订单号,日期,客户,金额\nA1,2024-03-05,张三,1234.50\nA2,2024-03-06,李四,99\n".as_bytes(),
    );
    let mut t = open(&p).unwrap();
    let info = t.info().clone();
    assert_eq!(info.format, TableFormat::Text);
    assert_eq!(info.encoding, Some(TextEncoding::Utf8));
    assert_eq!(info.delimiter, Some(Delimiter::Comma));
    assert_eq!(
        (info.headers.clone(), info.header_row),
        (cells(&["订单号", "日期", "客户", "金额"]), 1)
    );
    assert_eq!(
        all_rows(&mut t),
        [
            (2, cells(&["A1", "2024-03-05", "张三", "1234.50"])),
            (3, cells(&["A2", "2024-03-06", "李四", "99"]))
        ]
    );
}

#[test]
fn bom_crlf_and_a_last_line_without_end() {
    let d = Dir::new();
    let p = d.file("o.csv", b"\xEF\xBB\xBFcustomer,amount\r\nA, 1 \r\n\r\nB,2");
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().encoding, Some(TextEncoding::Utf8Bom));
    assert_eq!(t.headers(), cells(&["customer", "amount"]));
    assert_eq!(all_rows(&mut t), [(2, cells(&["A", "1"])), (4, cells(&["B", "2"]))]);
}

#[test]
fn row_numbers_count_blank_lines_and_not_the_lines_inside_a_cell() {
    let d = Dir::new();
    let text =
        "\n\ncustomer,note,amount\na,\"two\nlines\",1\n\n,,\nb,\"three\r\nlines\r\nhere\",2\r\nc,x,3\n   \nd,y,4\n";
    let p = d.file("o.csv", text.as_bytes());
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().header_row, 3);
    let rows = all_rows(&mut t);
    let numbers: Vec<u64> = rows.iter().map(|r| r.0).collect();
    // A spreadsheet shows: 3 header, 4 a, 5 blank, 6 ",,", 7 b, 8 c, 9 blank, 10 d.
    assert_eq!(numbers, [4, 7, 8, 10]);
    assert_eq!(rows[0].1[1], "two\nlines");
    assert_eq!(rows[1].1[1], "three\r\nlines\r\nhere");
}

#[test]
fn lone_cr_line_ends_are_lines() {
    let d = Dir::new();
    let p = d.file("mac.csv", b"customer,amount\ra,1\r\rb,2\r");
    let mut t = open(&p).unwrap();
    assert_eq!(all_rows(&mut t), [(2, cells(&["a", "1"])), (4, cells(&["b", "2"]))]);
}

#[test]
fn sniffs_semicolon_and_tab_respecting_quotes() {
    let d = Dir::new();
    // Commas inside quoted cells and decimal commas must not make the comma win.
    let p = d.file(
        "eu.csv",
        "customer;amount;note\n\"Müller, Hans\";1,5;\"a;b\"\nX;2;c\n".as_bytes(),
    );
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().delimiter, Some(Delimiter::Semicolon));
    assert_eq!(all_rows(&mut t)[0].1, cells(&["Müller, Hans", "1,5", "a;b"]));
    let p = d.file("t.txt", b"customer\tamount\n\"a,b;c\"\t1,234.50\n");
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().delimiter, Some(Delimiter::Tab));
    assert_eq!(all_rows(&mut t)[0].1, cells(&["a,b;c", "1,234.50"]));
    // Quoted commas in the header itself do not count as columns.
    let p = d.file("q.csv", b"\"a,b\";c\n1;2\n3;4\n");
    assert_eq!(open(&p).unwrap().info().delimiter, Some(Delimiter::Semicolon));
    let p = d.file("c.csv", b"customer,amount\n\"x\",\"1,234.50\"\n");
    assert_eq!(open(&p).unwrap().info().delimiter, Some(Delimiter::Comma));
    // The data lines settle a header that two delimiters split.
    let p = d.file("both.csv", b"a,b;c,d\n1,2;3,4\n5,6;7,8\n");
    assert_eq!(open(&p).unwrap().info().delimiter, Some(Delimiter::Comma));
    let p = d.file("both2.csv", b"a,b;c,d\n1;2\n5;6\n");
    assert_eq!(open(&p).unwrap().info().delimiter, Some(Delimiter::Semicolon));
}

#[test]
fn options_override_the_delimiter_and_the_encoding() {
    let d = Dir::new();
    let p = d.file("o.csv", b"a;b,c\n1;2,3\n");
    let options = OpenOptions {
        delimiter: Some(Delimiter::Semicolon),
        ..OpenOptions::default()
    };
    let mut t = open_with(&p, &options).unwrap();
    assert_eq!(all_rows(&mut t)[0].1, cells(&["1", "2,3"]));
    let (gbk, _, _) = encoding_rs::GB18030.encode("客户,金额\n张三,1\n");
    let p = d.file("g.csv", &gbk);
    let options = OpenOptions {
        encoding: Some(TextEncoding::Utf8),
        ..OpenOptions::default()
    };
    let e = open_with(&p, &options).err().unwrap();
    assert_eq!(e.reason().unwrap().key, "table.bad_encoding");
}

#[test]
fn reads_gb18030_with_chinese_headers() {
    let d = Dir::new();
    let text = "订单编号,下单日期,客户名称,订单金额\r\nA1,2024/3/5,张三,\"1,234.50\"\r\nA2,2024/3/6,李四 ,88\r\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    assert!(std::str::from_utf8(&bytes).is_err(), "the fixture must not be UTF-8");
    let p = d.file("gbk.csv", &bytes);
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().encoding, Some(TextEncoding::Gb18030));
    assert_eq!(t.headers(), cells(&["订单编号", "下单日期", "客户名称", "订单金额"]));
    let rows = all_rows(&mut t);
    assert_eq!(rows[0], (2, cells(&["A1", "2024/3/5", "张三", "1,234.50"])));
    assert_eq!(rows[1], (3, cells(&["A2", "2024/3/6", "李四", "88"])));
    let m = guess_mapping(t.headers(), &[FieldSpec::required(Field::Customer)]).unwrap();
    assert_eq!(m.column(Field::Customer), Some(2));
}

#[test]
fn an_ascii_start_settles_on_the_first_non_ascii_row() {
    let d = Dir::new();
    let mut text = String::from("customer,amount\n");
    for i in 0..10_000 {
        text.push_str(&format!("C{i},{i}\n"));
    }
    assert!(text.len() > sniff::SAMPLE_SIZE);
    text.push_str("广州分公司,7\nD,8\n");
    let (bytes, _, _) = encoding_rs::GB18030.encode(&text);
    let p = d.file("late.csv", &bytes);
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().encoding, Some(TextEncoding::Utf8));
    let rows = all_rows(&mut t);
    // Every row intact, including those across the end of the sniffed sample.
    for (i, row) in rows[..10_000].iter().enumerate() {
        assert_eq!(*row, (i as u64 + 2, cells(&[&format!("C{i}"), &i.to_string()])));
    }
    assert_eq!(rows[10_000], (10_002, cells(&["广州分公司", "7"])));
    assert_eq!(rows[10_001].1, cells(&["D", "8"]));
    assert_eq!(t.info().encoding, Some(TextEncoding::Gb18030));
    // The same late start in UTF-8 stays UTF-8.
    let p = d.file("late8.csv", text.as_bytes());
    let mut t = open(&p).unwrap();
    assert_eq!(all_rows(&mut t)[10_000].1, cells(&["广州分公司", "7"]));
    assert_eq!(t.info().encoding, Some(TextEncoding::Utf8));
}

#[test]
fn a_row_that_does_not_decode_is_an_error_with_its_number_and_reading_goes_on() {
    let d = Dir::new();
    // Valid UTF-8 with Chinese text for more than the sample, then a row in GBK.
    let mut bytes = "客户,金额\n".as_bytes().to_vec();
    for i in 0..8_000 {
        bytes.extend_from_slice(format!("张三{i},1\n").as_bytes());
    }
    assert!(bytes.len() > sniff::SAMPLE_SIZE);
    bytes.extend_from_slice(b"\xB2\xE2\xCA\xD4,2\nok,3\n");
    let p = d.file("mixed.csv", &bytes);
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().encoding, Some(TextEncoding::Utf8));
    for _ in 0..8_000 {
        t.next_row().unwrap().unwrap();
    }
    let e = t.next_row().err().unwrap();
    let r = e.reason().unwrap();
    assert_eq!(
        (r.key.as_str(), r.params["row"].as_str(), r.params["encoding"].as_str()),
        ("table.bad_encoding", "8002", "UTF-8")
    );
    assert_eq!(e.path(), Some(p.as_path()));
    let row = t.next_row().unwrap().unwrap();
    assert_eq!((row.number(), row.cell(0)), (8003, "ok"));
    assert_eq!(t.info().encoding, Some(TextEncoding::Utf8));
}

#[test]
fn reads_utf16_unicode_text() {
    let d = Dir::new();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "客户\t金额\r\n张三\t1,234.50\r\n".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let p = d.file("u16.txt", &bytes);
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().encoding, Some(TextEncoding::Utf16Le));
    assert_eq!(t.info().delimiter, Some(Delimiter::Tab));
    assert_eq!(t.headers(), cells(&["客户", "金额"]));
    assert_eq!(all_rows(&mut t), [(2, cells(&["张三", "1,234.50"]))]);
}

#[test]
fn short_and_long_rows_keep_their_cells() {
    let d = Dir::new();
    let p = d.file("o.csv", b"a,b,c\n1\n1,2,3,4\n");
    let mut t = open(&p).unwrap();
    let row = t.next_row().unwrap().unwrap();
    assert_eq!((row.len(), row.get(1), row.cell(2)), (1, None, ""));
    let row = t.next_row().unwrap().unwrap();
    assert_eq!((row.len(), row.cell(3)), (4, "4"));
}

/// A file that is refused: its name and bytes, the error code and reason key, and the `kind`
/// parameter of the reason.
type RefusalCase = (&'static str, Vec<u8>, ErrorCode, &'static str, Option<&'static str>);

#[test]
fn refuses_files_that_are_not_tables() {
    let d = Dir::new();
    let cases: Vec<RefusalCase> = vec![
        ("empty.csv", vec![], ErrorCode::EmptyFile, "table.empty", None),
        (
            "blank.csv",
            b"\n \r\n\t\n,,\n".to_vec(),
            ErrorCode::EmptyFile,
            "table.empty",
            None,
        ),
        (
            "a.pdf",
            b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj".to_vec(),
            ErrorCode::InvalidValue,
            "table.not_a_table",
            Some("pdf"),
        ),
        (
            "a.png",
            b"\x89PNG\r\n\x1A\n\0\0".to_vec(),
            ErrorCode::InvalidValue,
            "table.not_a_table",
            Some("image"),
        ),
        (
            "a.bin",
            b"abc,def\n\0\x01\x02\x03".to_vec(),
            ErrorCode::InvalidValue,
            "table.not_a_table",
            Some("binary"),
        ),
        (
            "a.xls",
            b"<html><body><table><tr><td>1</td></tr></table>".to_vec(),
            ErrorCode::InvalidValue,
            "table.not_a_table",
            Some("html"),
        ),
        (
            "old.xls",
            vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
            ErrorCode::InvalidValue,
            "table.legacy_or_encrypted",
            None,
        ),
        (
            "latin.csv",
            b"name,amount\nJos\xE9 \xFF,1\n".to_vec(),
            ErrorCode::InvalidValue,
            "table.unknown_encoding",
            None,
        ),
        (
            "data.csv",
            b"2024-03-05,1234.50,7\n2024-03-06,1,8\n".to_vec(),
            ErrorCode::InvalidValue,
            "table.no_header",
            None,
        ),
    ];
    for (name, bytes, code, key, kind) in cases {
        let p = d.file(name, &bytes);
        let (c, k, params) = refusal(&p);
        assert_eq!((c, k.as_str()), (code, key), "{name}");
        assert_eq!(params.get("kind").map(String::as_str), kind, "{name}");
    }
}

#[test]
fn refuses_folders_and_missing_paths_naming_them() {
    let d = Dir::new();
    let (code, key, _) = refusal(d.0.path());
    assert_eq!((code, key.as_str()), (ErrorCode::IsDirectory, "table.folder"));
    let missing = d.0.path().join("nope.csv");
    let (code, key, _) = refusal(&missing);
    assert_eq!((code, key.as_str()), (ErrorCode::NotFound, "file.not_found"));
}

#[test]
fn a_header_only_file_has_no_rows() {
    let d = Dir::new();
    let p = d.file("h.csv", b"customer,amount\n");
    let mut t = open(&p).unwrap();
    assert!(t.next_row().unwrap().is_none());
    assert!(t.next_row().unwrap().is_none());
}

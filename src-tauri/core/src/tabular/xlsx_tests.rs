//! Reading XLSX workbooks written with rust_xlsxwriter in the test.

use super::tests::{all_rows, cells, refusal, Dir};
use super::*;
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

fn save(book: &mut Workbook, dir: &Dir, name: &str) -> PathBuf {
    let bytes = book.save_to_buffer().unwrap();
    dir.file(name, &bytes)
}

#[test]
fn reads_the_first_sheet_with_cells_as_the_sheet_shows_them() {
    let d = Dir::new();
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let s = book.add_worksheet().set_name("订单").unwrap();
    for (col, h) in ["订单号", "下单日期", "客户", "金额", "备注"].iter().enumerate() {
        s.write_string(0, col as u16, *h).unwrap();
    }
    s.write_number(1, 0, 1001).unwrap();
    s.write_datetime_with_format(1, 1, ExcelDateTime::from_ymd(2024, 3, 5).unwrap(), &date)
        .unwrap();
    s.write_string(1, 2, "张三").unwrap();
    s.write_number(1, 3, 1234.5).unwrap();
    s.write_boolean(1, 4, true).unwrap();
    let noon = ExcelDateTime::from_ymd(2024, 3, 6).unwrap().and_hms(14, 30, 0).unwrap();
    s.write_datetime_with_format(2, 1, noon, &stamp).unwrap();
    s.write_string(2, 2, "李四").unwrap();
    s.write_number(2, 3, 0.1 + 0.2).unwrap();
    s.write_number(3, 1, 45356).unwrap();
    s.write_string(3, 2, "王五").unwrap();
    s.write_number(3, 3, -7.25).unwrap();
    // Serial 60 formatted as a date: Excel's fictitious 1900-02-29.
    s.write_number_with_format(4, 1, 60, &date).unwrap();
    s.write_string(4, 2, "赵六").unwrap();
    s.write_number(4, 3, 1e15).unwrap();
    book.add_worksheet()
        .set_name("other")
        .unwrap()
        .write_string(0, 0, "x")
        .unwrap();
    let p = save(&mut book, &d, "o.xlsx");

    let mut t = open(&p).unwrap();
    let info = t.info().clone();
    assert_eq!(
        (info.format, info.encoding, info.delimiter),
        (TableFormat::Xlsx, None, None)
    );
    assert_eq!(info.sheet.as_deref(), Some("订单"));
    assert_eq!(info.headers, cells(&["订单号", "下单日期", "客户", "金额", "备注"]));
    let rows = all_rows(&mut t);
    assert_eq!(rows[0], (2, cells(&["1001", "2024-03-05", "张三", "1234.5", "TRUE"])));
    assert_eq!(rows[1], (3, cells(&["", "2024-03-06 14:30:00", "李四", "0.3", ""])));
    assert_eq!(rows[2], (4, cells(&["", "45356", "王五", "-7.25", ""])));
    assert_eq!(rows[3], (5, cells(&["", "1900-02-29", "赵六", "1000000000000000", ""])));
    let date_of = |i: usize| parse_date(&rows[i].1[1]);
    let march = |d| Ok(Some(chrono::NaiveDate::from_ymd_opt(2024, 3, d).unwrap()));
    assert_eq!((date_of(0), date_of(1), date_of(2)), (march(5), march(6), march(5)));
    assert_eq!(date_of(3).unwrap_err().key, "date.impossible");
    assert_eq!(parse_amount(&rows[1].1[3], 2).unwrap().unwrap().to_string(), "0.3");
}

#[test]
fn keeps_sheet_positions_when_the_table_starts_lower_right() {
    let d = Dir::new();
    let mut book = Workbook::new();
    let s = book.add_worksheet();
    s.write_string(2, 2, "客户").unwrap();
    s.write_string(2, 3, "金额").unwrap();
    s.write_string(3, 2, "A").unwrap();
    s.write_number(3, 3, 1).unwrap();
    s.write_string(5, 2, "B").unwrap();
    s.write_number(5, 3, 2).unwrap();
    let p = save(&mut book, &d, "offset.xlsx");
    let mut t = open(&p).unwrap();
    assert_eq!(t.info().header_row, 3);
    assert_eq!(t.headers(), cells(&["", "", "客户", "金额"]));
    let m = t.map_columns(&[FieldSpec::required(Field::Amount)], &[]).unwrap();
    assert_eq!(
        (m.column(Field::Amount), m.fields[0].header.as_str()),
        (Some(3), "金额")
    );
    let m = t.map_columns(
        &[FieldSpec::required(Field::Customer)],
        &[ColumnOverride::parse("C=customer").unwrap()],
    );
    assert_eq!(m.unwrap().column(Field::Customer), Some(2));
    assert_eq!(
        all_rows(&mut t),
        [(4, cells(&["", "", "A", "1"])), (6, cells(&["", "", "B", "2"]))]
    );
}

#[test]
fn refuses_empty_oversized_damaged_and_foreign_archives() {
    let d = Dir::new();
    let mut book = Workbook::new();
    book.add_worksheet().set_name("空").unwrap();
    let p = save(&mut book, &d, "empty.xlsx");
    let (code, key, params) = refusal(&p);
    assert_eq!(
        (code, key.as_str(), params["sheet"].as_str()),
        (ErrorCode::EmptyFile, "table.sheet_empty", "空")
    );

    let mut book = Workbook::new();
    book.add_worksheet().write_string(0, 0, "客户").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let p = d.file("big.xlsx", &bytes);
    let small = OpenOptions {
        max_xlsx_bytes: 100,
        ..OpenOptions::default()
    };
    let e = open_with(&p, &small).err().unwrap();
    let r = e.reason().unwrap();
    assert_eq!(
        (e.code(), r.key.as_str(), r.params["limit"].as_str()),
        (ErrorCode::TooLarge, "table.too_large", "1")
    );
    assert!(open(&p).is_ok(), "the default limit reads it");

    let p = d.file("cut.xlsx", &bytes[..bytes.len() / 2]);
    let (code, key, _) = refusal(&p);
    assert_eq!((code, key.as_str()), (ErrorCode::Corrupt, "table.damaged"));

    let p = d.file("notes.zip", &stored_zip("notes.txt", b"hello"));
    let (code, key, params) = refusal(&p);
    assert_eq!(
        (code, key.as_str(), params["kind"].as_str()),
        (ErrorCode::InvalidValue, "table.not_a_table", "zip")
    );
}

/// A ZIP archive holding one uncompressed file.
fn stored_zip(name: &str, data: &[u8]) -> Vec<u8> {
    let crc = crc32(data);
    let (n, len) = (name.len() as u16, data.len() as u32);
    let mut out = Vec::new();
    let common = |out: &mut Vec<u8>| {
        out.extend_from_slice(&[20, 0, 0, 0, 0, 0, 0, 0, 0, 0]); // version, flags, stored, time, date
        out.extend_from_slice(&crc.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&n.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes());
    };
    out.extend_from_slice(b"PK\x03\x04");
    common(&mut out);
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(data);
    let central = out.len() as u32;
    out.extend_from_slice(b"PK\x01\x02\x14\x00");
    common(&mut out);
    out.extend_from_slice(&[0; 12]); // comment length, disk, attributes, local header offset 0
    out.extend_from_slice(name.as_bytes());
    let size = out.len() as u32 - central;
    out.extend_from_slice(b"PK\x05\x06\0\0\0\0\x01\0\x01\0");
    out.extend_from_slice(&size.to_le_bytes());
    out.extend_from_slice(&central.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn numbers_show_at_most_fifteen_significant_digits() {
    let text = |f: f64| {
        let mut s = String::new();
        xlsx::write_number(&mut s, f).unwrap();
        s
    };
    for (f, want) in [
        (0.1 + 0.2, "0.3"),
        (1234.5, "1234.5"),
        (-0.0, "0"),
        (100.0, "100"),
        (1.0 / 3.0, "0.333333333333333"),
        (123456789.123, "123456789.123"),
        (45356.604166666664, "45356.6041666667"),
        (1e-7, "0.0000001"),
        (1e20, "100000000000000000000"),
    ] {
        assert_eq!(text(f), want, "{f}");
    }
}

//! Orders import: the worked example, GB18030 with Chinese headers, XLSX, several files
//! appended, overrides, and the all-or-nothing rule with every bad row named.

use super::*;
use crate::clock::FixedClock;
use crate::engine;
use crate::import::{ImportPreview, ImportTarget};
use crate::template::{self, Template};
use chrono::{TimeZone, Utc};
use std::path::PathBuf;

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Self {
        Dir(tempfile::tempdir().unwrap())
    }
    fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.0.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn setup() -> (Plan, FixedClock) {
    let c = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap());
    let p = template::build(
        Template::Blank,
        "zh-CN",
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        &c,
    );
    (p, c)
}

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn the_worked_example_imports_two_orders_in_fen() {
    let (mut plan, c) = setup();
    let dir = Dir::new();
    let path = dir.file(
        "orders.csv",
        "客户,订单日期,金额\n甲,2025-03-05,\"1,234.50\"\n乙,2025/3/6,¥99\n".as_bytes(),
    );
    let import = read(&plan, &[&path], &[], &c).unwrap();
    assert_eq!(import.rejected_total(), 0, "{:?}", import.files[0].rejected);
    assert_eq!((import.orders, import.customers), (2, 2));
    assert_eq!(
        (import.first_date, import.last_date),
        (Some(d(2025, 3, 5)), Some(d(2025, 3, 6)))
    );
    assert_eq!(import.total, "1333.5".parse().unwrap());
    assert_eq!(import.files[0].preview[1], ["乙", "2025/3/6", "¥99"]);
    let units: Vec<_> = import
        .book()
        .first(2)
        .iter()
        .map(|o| (o.customer.to_string(), o.amount_units))
        .collect();
    assert_eq!(units, [("甲".to_string(), 123_450), ("乙".to_string(), 9_900)]);
    assert_eq!(import.book().batch().unwrap().sources, ["orders.csv"]);
    import.check(&[&path]).unwrap();
    crate::edit::apply(&mut plan, &import.edit(), &c).unwrap();
    let report = engine::evaluate(&plan);
    let summary = report.support.customers.orders.unwrap();
    assert_eq!((summary.orders, summary.customers), (2, 2));
}

#[test]
fn gb18030_with_chinese_headers_and_every_optional_column() {
    let (plan, c) = setup();
    let dir = Dir::new();
    let text = "客户名称,订单日期,订单金额,订单编号,产品,渠道,区域\r\n\
                杭州云景酒店,2025年3月5日,\"12,000.00\",SO-001,智能设备,直销,华东区\r\n\
                杭州云景酒店,2025/3/5,3000,SO-001,耗材,直销,华东区\r\n\
                广州味道餐饮,2025-04-01,-500,,耗材,电商,\r\n";
    let bytes = encoding_rs::GB18030.encode(text).0;
    let path = dir.file("订单.csv", &bytes);
    let import = read(&plan, &[&path], &[], &c).unwrap();
    assert_eq!(import.files[0].table.encoding, Some(tabular::TextEncoding::Gb18030));
    assert_eq!(import.rejected_total(), 0, "{:?}", import.files[0].rejected);
    let rows = import.book().first(3);
    assert_eq!(rows[0].order_id, Some("SO-001"));
    assert_eq!((rows[1].product, rows[1].region), (Some("耗材"), Some("华东区")));
    assert_eq!(
        (rows[2].order_id, rows[2].region, rows[2].amount_units),
        (None, None, -50_000)
    );
    assert_eq!(import.customers, 2);
    assert_eq!(import.total, "14500".parse().unwrap());
}

#[test]
fn bad_rows_are_all_named_and_nothing_is_imported() {
    let (plan, c) = setup();
    let dir = Dir::new();
    let long = "长".repeat(101);
    let csv = format!(
        "customer,date,amount,product\n\
         A,2025-01-02,10,\n\
         ,2025-01-02,10,\n\
         B,2025-02-30,10,\n\
         C,2025-01-02,1e5,\n\
         D,2025-01-02,1.234,\n\
         E,2025-01-02,10,{long}\n\
         F,03/05/2025,10,\n"
    );
    let path = dir.file("bad.csv", csv.as_bytes());
    let import = read(&plan, &[&path], &[], &c).unwrap();
    let f = &import.files[0];
    let got: Vec<_> = f
        .rejected
        .rows
        .iter()
        .map(|r| (r.row, r.column.clone(), r.reason.key.clone()))
        .collect();
    let col = |c: &str| Some(c.to_string());
    assert_eq!(
        got,
        [
            (3, col("customer"), "cell.missing".to_string()),
            (4, col("date"), "date.impossible".to_string()),
            (5, col("amount"), "amount.exponent".to_string()),
            (6, col("amount"), "amount.too_many_decimals".to_string()),
            (7, col("product"), "orders.text_too_long".to_string()),
            (8, col("date"), "date.ambiguous_order".to_string()),
        ]
    );
    assert_eq!(f.rejected.rows[4].reason.params["max"], "100");
    assert!(import.book().is_empty(), "all or nothing");
    let err = import.check(&[&path]).unwrap_err();
    assert_eq!(err.reason().unwrap().key, "import.rows_rejected");
    assert_eq!(err.path(), Some(path.as_path()));
}

#[test]
fn several_files_are_appended_in_one_batch_with_overrides() {
    let (plan, c) = setup();
    let dir = Dir::new();
    let first = dir.file("q1.csv", b"buyer;when;paid\nA;2025-01-05;100\nB;2025-02-05;200\n");
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    for (col, h) in ["买家", "订单日期", "金额", "订单号"].iter().enumerate() {
        s.write_string(0, col as u16, *h).unwrap();
    }
    s.write_string(1, 0, "A").unwrap();
    s.write_string(1, 1, "2025-04-05").unwrap();
    s.write_number(1, 2, 50.25).unwrap();
    s.write_string(1, 3, "X1").unwrap();
    let second = dir.file("q2.xlsx", &book.save_to_buffer().unwrap());
    let overrides = ["when=date", "paid=amount"].map(|o| ColumnOverride::parse(o).unwrap());
    let import = read(&plan, &[&first, &second], &overrides, &c).unwrap();
    assert_eq!(import.rejected_total(), 0, "{:?}", import.files);
    assert_eq!((import.orders, import.customers), (3, 2));
    assert_eq!(import.book().batch().unwrap().sources, ["q1.csv", "q2.xlsx"]);
    assert_eq!(import.book().first(3)[2].amount_units, 5_025);
    assert_eq!(import.files[1].table.format, tabular::TableFormat::Xlsx);
    // An override that names a column of no file is refused.
    let typo = [ColumnOverride::parse("paidd=amount").unwrap()];
    let err = read(&plan, &[&first, &second], &typo, &c).unwrap_err();
    assert_eq!(err.reason().unwrap().key, "mapping.unknown_column");
}

#[test]
fn a_table_without_a_customer_column_opens_for_mapping_and_is_refused_until_mapped() {
    let (plan, c) = setup();
    let dir = Dir::new();
    let path = dir.file(
        "x.csv",
        "Kunde,date,amount\n甲,2025-01-01,1\n乙,2025-01-02,2\n".as_bytes(),
    );
    let import = read(&plan, &[&path], &[], &c).unwrap();
    let file = &import.files[0];
    assert_eq!(file.missing, [Field::Customer]);
    assert_eq!((file.rows, file.preview.len(), import.orders), (2, 2, 0));
    assert!(import.book().is_empty());
    let err = import.check(&[&path]).unwrap_err();
    assert_eq!(err.reason().unwrap().key, "mapping.required_missing");
    assert_eq!(err.reason().unwrap().params["field"], "customer");
    // Mapped by hand, the same table imports.
    let mapped = read(&plan, &[&path], &[ColumnOverride::parse("A=customer").unwrap()], &c).unwrap();
    assert!(mapped.files[0].missing.is_empty());
    mapped.check(&[&path]).unwrap();
    assert_eq!((mapped.orders, mapped.customers), (2, 2));
}

#[test]
fn the_watch_hears_how_far_reading_got_and_can_stop_it() {
    use crate::import::progress::{ImportProgress, TICK_ROWS};
    use std::sync::Mutex;
    let (plan, c) = setup();
    let dir = Dir::new();
    let mut csv = String::from("customer,date,amount\n");
    for i in 0..(3 * TICK_ROWS) {
        csv.push_str(&format!("c{},2025-01-{:02},{}\n", i % 97, 1 + i % 28, i));
    }
    let path = dir.file("big.csv", csv.as_bytes());
    let heard = Mutex::new(Vec::<ImportProgress>::new());
    let all = |p: ImportProgress| {
        heard.lock().unwrap().push(p);
        true
    };
    let import = read_watched(&plan, &[&path], &[], &c, &all).unwrap();
    assert_eq!(import.orders, 3 * TICK_ROWS);
    let ticks = heard.lock().unwrap().clone();
    assert_eq!(
        ticks.iter().map(|p| p.rows).collect::<Vec<_>>(),
        [TICK_ROWS - 1, 2 * TICK_ROWS - 1, 3 * TICK_ROWS - 1]
    );
    assert!(ticks.windows(2).all(|w| w[0].per_mille <= w[1].per_mille));
    assert!(ticks.iter().all(|p| p.per_mille <= 1000));
    // Stopping at the first tick: a cancellation, nothing imported.
    let stop = |_: ImportProgress| false;
    let err = read_watched(&plan, &[&path], &[], &c, &stop).unwrap_err();
    assert_eq!(err.code(), crate::ErrorCode::Cancelled);
    assert_eq!(err.reason().unwrap().key, "import.cancelled");
}

#[test]
fn the_app_reads_orders_from_several_tables_and_history_from_one() {
    let (plan, c) = setup();
    let dir = Dir::new();
    let jan = dir.file("jan.csv", "客户,订单日期,金额\nA,2026-01-05,100\n".as_bytes());
    let feb = dir.file("feb.csv", "客户,订单日期,金额\nB,2026-02-05,50.5\n".as_bytes());
    let unwatched = progress::unwatched();
    let read_as = |target, paths: &[&Path]| ImportPreview::read(&plan, target, paths, &[], &c, unwatched);

    let both: [&Path; 2] = [&jan, &feb];
    let Ok(ImportPreview::Orders(orders)) = read_as(ImportTarget::Orders, &both) else {
        panic!("two order tables read as one import");
    };
    assert_eq!((orders.orders, orders.total), (2, Decimal::new(1505, 1)));
    assert!(ImportPreview::Orders(orders).ready(&both).is_ok());

    // History and members come from one table; no table, or too many, is refused.
    let err = read_as(ImportTarget::Baseline, &both).unwrap_err();
    assert_eq!(err.reason().unwrap().key, "import.one_table");
    let err = read_as(ImportTarget::Orders, &[]).unwrap_err();
    assert_eq!(err.reason().unwrap().key, "import.file_count");
    let many = vec![jan.as_path(); crate::import::MAX_FILES + 1];
    let err = read_as(ImportTarget::Orders, &many).unwrap_err();
    assert_eq!(err.reason().unwrap().key, "import.file_count");

    // An error names the file it is about, not the first of the list.
    let empty = dir.file("mar.csv", b"");
    let err = read_as(ImportTarget::Orders, &[&jan, &empty]).unwrap_err();
    assert_eq!(err.path(), Some(empty.as_path()), "{err}");
}

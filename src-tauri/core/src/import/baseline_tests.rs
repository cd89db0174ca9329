//! Baseline import: the worked example, merging with the plan's months, the all-or-nothing
//! rule with rows named, Chinese encodings and XLSX.

use super::*;
use crate::clock::FixedClock;
use crate::import::progress::unwatched;
use crate::test_support::{clock, dec};

struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Self {
        Dir(tempfile::tempdir().unwrap())
    }
    fn file(&self, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = self.0.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

fn plan(c: &FixedClock) -> Plan {
    crate::test_support::template_plan("zh-CN", c)
}

fn month(y: i32, m: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, 1).unwrap()
}

#[test]
fn rows_add_up_to_company_months_and_member_history() {
    // The module's worked example, plus a product column: 2025-10 East 1,800,000 and South
    // 1,200,000 → company 3,000,000; East 1.8m, South 1.2m; devices 1.8m + 1.2m = 3.0m.
    let (c, d) = (clock(), Dir::new());
    let p = plan(&c);
    let csv = "月份,区域,产品,销售额\n2025-10,华东区,智能设备,\"1,800,000\"\n2025-10,SC,智能设备,1200000\n";
    let import = read(&p, &d.file("b.csv", csv.as_bytes()), &[], &c, unwatched()).unwrap();
    assert!(import.rejected.is_empty(), "{:?}", import.rejected);
    assert_eq!(import.rows, 2);
    assert_eq!(import.months.len(), 1);
    let oct = &import.months[0];
    assert_eq!((oct.month, oct.bookings), (month(2025, 10), dec("3000000")));
    let old = p.baseline.iter().find(|m| m.month == month(2025, 10)).unwrap();
    assert_eq!(oct.id, old.id, "an existing month keeps its id");
    assert_eq!(oct.cash_in, old.cash_in, "no cash-in column: the plan's cash-in stays");
    let east = p.dimensions.org[0].id;
    let device = p.dimensions.products[0].id;
    let of = |dimension, member| {
        import
            .splits
            .iter()
            .find(|s| s.dimension == dimension && s.member_id == member)
            .map(|s| s.bookings)
    };
    assert_eq!(of(DimensionKind::Org, east), Some(dec("1800000")));
    assert_eq!(of(DimensionKind::Product, device), Some(dec("3000000")));
    // Applying it is an ordinary edit.
    let mut after = p.clone();
    crate::edit::apply(&mut after, &import.edit(), &c).unwrap();
    assert_eq!(
        after
            .baseline
            .iter()
            .find(|m| m.month == month(2025, 10))
            .unwrap()
            .bookings,
        dec("3000000")
    );
}

#[test]
fn one_bad_row_imports_nothing_and_every_bad_row_is_named() {
    let (c, d) = (clock(), Dir::new());
    let p = plan(&c);
    // The zh-CN template's regions are 华东区 (EC), 华南区 (SC), 华北区 (NC): codes work too.
    let csv = "month,region,bookings,cash in\n2024-07,EC,100,90\n2024-08,ec,abc,1\n\
               2024/13,SC,1,1\n2024-09,Mars,5,5\n2024-09,华北区,,5\n2024-10,NC,1e5,1\n";
    let import = read(&p, &d.file("bad.csv", csv.as_bytes()), &[], &c, unwatched()).unwrap();
    let found: Vec<(u64, &str)> = import
        .rejected
        .rows
        .iter()
        .map(|r| (r.row, r.reason.key.as_str()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "amount.not_a_number"),
            (4, "month.impossible"),
            (5, "import.unknown_member"),
            (6, "cell.missing"),
            (7, "amount.exponent"),
        ]
    );
    assert_eq!(import.rejected.rows[2].column.as_deref(), Some("region"));
    let err = import.rejected.check().unwrap_err();
    assert_eq!(err.reason().unwrap().params["total"], "5");
}

#[test]
fn a_table_without_month_or_amounts_is_refused_by_name() {
    let (c, d) = (clock(), Dir::new());
    let p = plan(&c);
    let path = d.file("a.csv", b"region,bookings\nEast China,1\n");
    let no_month = read(&p, &path, &[], &c, unwatched()).unwrap();
    assert_eq!(no_month.missing, [Field::Month]);
    assert!(
        no_month.months.is_empty() && no_month.rejected.is_empty(),
        "no row is read"
    );
    assert_eq!(no_month.preview.len(), 1, "but the preview shows the rows to map");
    let err = no_month.ready(&path).unwrap_err();
    assert_eq!(err.reason().unwrap().params["field"], "month");
    let no_amount = read(
        &p,
        &d.file("b.csv", b"month,region\n2024-01,East China\n"),
        &[],
        &c,
        unwatched(),
    )
    .unwrap();
    assert_eq!(no_amount.missing, [Field::Bookings]);
}

#[test]
fn gb18030_tab_separated_with_dates_and_an_override() {
    // Daily rows count for their month: 2024-06-05 ¥1,000.00 + 2024/6/20 500 = 1,500 in June.
    let (c, d) = (clock(), Dir::new());
    let p = plan(&c);
    let text = "日期\t大区\t合同金额\n2024-06-05\t华东区\t¥1,000.00\n2024/6/20\t华东区\t500\n";
    let bytes = encoding_rs::GB18030.encode(text).0;
    let over = [ColumnOverride::parse("合同金额=bookings").unwrap()];
    let import = read(&p, &d.file("g.csv", &bytes), &over, &c, unwatched()).unwrap();
    assert!(import.rejected.is_empty(), "{:?}", import.rejected);
    assert_eq!(import.table.encoding, Some(tabular::TextEncoding::Gb18030));
    assert_eq!(import.months[0].month, month(2024, 6));
    assert_eq!(import.months[0].bookings, dec("1500"));
    assert_eq!(
        import.months[0].cash_in,
        Decimal::ZERO,
        "a new month without cash-in starts at zero"
    );
}

#[test]
fn an_xlsx_sheet_imports_like_text() {
    let (c, d) = (clock(), Dir::new());
    let p = plan(&c);
    let mut book = rust_xlsxwriter::Workbook::new();
    let s = book.add_worksheet();
    for (col, h) in ["Month", "Tier", "Bookings", "Cash-in"].iter().enumerate() {
        s.write_string(0, col as u16, *h).unwrap();
    }
    s.write_string(1, 0, "2024-05").unwrap();
    s.write_string(1, 1, "A").unwrap();
    s.write_number(1, 2, 2500.5).unwrap();
    s.write_number(1, 3, 2400).unwrap();
    let path = d.file("x.xlsx", &book.save_to_buffer().unwrap());
    let import = read(&p, &path, &[], &c, unwatched()).unwrap();
    assert!(import.rejected.is_empty(), "{:?}", import.rejected);
    assert_eq!(import.splits.len(), 1);
    assert_eq!(
        import.splits[0].member_id, p.dimensions.tiers[0].id,
        "tier A by its code"
    );
    assert_eq!(
        (import.splits[0].bookings, import.splits[0].cash_in),
        (dec("2500.5"), dec("2400"))
    );
}

#[test]
fn a_name_shared_by_two_org_members_must_be_given_by_code() {
    let (c, d) = (clock(), Dir::new());
    let mut p = plan(&c);
    p.dimensions.org[2].name = p.dimensions.org[1].name.clone(); // two teams, one name
    let name = p.dimensions.org[1].name.clone();
    let csv = format!("month,region,bookings\n2024-01,{name},1\n");
    let import = read(&p, &d.file("a.csv", csv.as_bytes()), &[], &c, unwatched()).unwrap();
    assert_eq!(import.rejected.rows[0].reason.key, "import.ambiguous_member");
}

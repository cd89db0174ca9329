//! Criterion benchmarks of the tabular reader on order files of the size `salesplan rfm` must
//! handle: open, map columns, stream every row, parse every date and amount.
//!
//! `orders_utf8` is 3 million rows of plain UTF-8 (ISO dates, plain amounts: the fast paths);
//! `orders_gbk` is 1 million rows of GB18030 with Chinese names, `2024/3/5` dates and
//! `¥1,234.50` amounts (the decoding and general paths). The files are generated once in a
//! temporary folder. Run with `cargo bench -p salesplan-core --bench tabular`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rust_decimal::Decimal;
use salesplan_core::tabular::{self, Field, FieldSpec};
use std::hint::black_box;
use std::io::Write;
use std::path::Path;
use std::time::Duration;

const FIELDS: [FieldSpec; 6] = [
    FieldSpec::required(Field::OrderId),
    FieldSpec::required(Field::Date),
    FieldSpec::required(Field::Customer),
    FieldSpec::optional(Field::Product),
    FieldSpec::required(Field::Amount),
    FieldSpec::optional(Field::Channel),
];

/// Writes `rows` orders; `chinese` switches to GB18030 with Chinese text and decorated values.
fn write_orders(path: &Path, rows: u64, chinese: bool) {
    let file = std::fs::File::create(path).unwrap();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, file);
    let products = ["Widget", "Gadget", "Service", "Support"];
    let channels = ["direct", "partner", "online"];
    let mut text = String::new();
    if chinese {
        text.push_str("订单编号,下单日期,客户名称,产品线,订单金额,渠道\r\n");
    } else {
        text.push_str("order_id,date,customer,product,amount,channel\n");
    }
    for i in 0..rows {
        let (month, day) = (1 + i % 12, 1 + i % 28);
        let cents = (i * 7919) % 10_000_000;
        let customer = (i * 2_654_435_761) % 200_000;
        let (product, channel) = (products[(i % 4) as usize], channels[(i % 3) as usize]);
        let line = if chinese {
            let yuan = cents / 100;
            format!(
                "SO{i:08},2024/{month}/{day},客户{customer}有限公司,{product},\"¥{},{:03}.{:02}\",{channel}\r\n",
                yuan / 1000,
                yuan % 1000,
                cents % 100
            )
        } else {
            format!(
                "SO{i:08},2024-{month:02}-{day:02},C{customer:06},{product},{}.{:02},{channel}\n",
                cents / 100,
                cents % 100
            )
        };
        text.push_str(&line);
        if text.len() > 1 << 20 {
            write_text(&mut out, &text, chinese);
            text.clear();
        }
    }
    write_text(&mut out, &text, chinese);
    out.flush().unwrap();
}

fn write_text(out: &mut impl Write, text: &str, chinese: bool) {
    if chinese {
        out.write_all(&encoding_rs::GB18030.encode(text).0).unwrap();
    } else {
        out.write_all(text.as_bytes()).unwrap();
    }
}

/// One full import pass; returns (rows, sum of amounts, sum of day ordinals) so nothing is
/// optimized away.
fn import(path: &Path) -> (u64, Decimal, i64) {
    let mut table = tabular::open(path).unwrap();
    let m = table.map_columns(&FIELDS, &[]).unwrap();
    let (date, amount, customer) = (
        m.column(Field::Date).unwrap(),
        m.column(Field::Amount).unwrap(),
        m.column(Field::Customer).unwrap(),
    );
    let (mut rows, mut total, mut days) = (0u64, Decimal::ZERO, 0i64);
    while let Some(row) = table.next_row().unwrap() {
        let d = tabular::parse_date(row.cell(date)).unwrap().unwrap();
        let a = tabular::parse_amount(row.cell(amount), 2).unwrap().unwrap();
        black_box(row.cell(customer));
        rows += 1;
        total += a;
        days += i64::from(chrono::Datelike::ordinal(&d));
    }
    (rows, total, days)
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut group = c.benchmark_group("tabular");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for (name, rows, chinese) in [("orders_utf8", 3_000_000u64, false), ("orders_gbk", 1_000_000, true)] {
        let path = dir.path().join(format!("{name}.csv"));
        write_orders(&path, rows, chinese);
        let size = std::fs::metadata(&path).unwrap().len();
        eprintln!("{name}: {rows} rows, {:.0} MiB", size as f64 / 1048576.0);
        assert_eq!(import(&path).0, rows);
        group.throughput(Throughput::Elements(rows));
        group.bench_function(name, |b| b.iter(|| black_box(import(&path))));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

//! `salesplan rfm`: RFM per customer from orders files with Chinese headers, in UTF-8 and in
//! GB18030, the output forms, the tier rules, rejected rows and unusable input.

use super::*;

/// The worked example of the core's `engine::rfm` doc, with Chinese names, mixed date and
/// amount notations, the lines of one order apart, and a refund (丁 −50).
const ORDERS: &str = "\
客户,订单日期,金额,订单号
甲,2025-05-01,300.00,a1
甲,2025/6/1,200,a2
乙,2025-06-30,60,b1
甲,2025年6月30日,\"1,300.00\",a3
丙,2025-03-01,75,
丙,2025-04-01,75,
甲,2025-06-01,¥100,a2
丙,2025-05-01,75,
丙,2025-06-01,75,
丁,2025-04-02,200,d1
乙,2025-06-30,40,b2
戊,2025-01-02,50,e1
丁,2025-05-01,-50,d1
";

/// What the example gives, by hand (see the core's module doc): as of 2025-07-01, R ranks
/// 戊 < 丁 < 丙 < 甲 = 乙, F 丁 = 戊 < 乙 < 甲 < 丙, M 戊 < 乙 < 丁 < 丙 < 甲; sorted by the
/// ids' bytes (丁 U+4E01, 丙 U+4E19, 乙 U+4E59, 戊 U+620A, 甲 U+7532).
const EXPECTED_CSV: &str = "\
customer,last_order,recency_days,frequency,monetary,r,f,m,code,score,tier
丁,2025-04-02,90,1,150,2,1,3,213,6,C
丙,2025-06-01,30,4,300,3,5,4,354,12,A
乙,2025-06-30,1,2,100,4,3,2,432,9,B
戊,2025-01-02,180,1,50,1,1,1,111,3,C
甲,2025-06-30,1,3,1900,4,4,5,445,13,A
";

fn write(sb: &Sandbox, name: &str, bytes: &[u8]) -> PathBuf {
    let path = sb.path(name);
    fs::write(&path, bytes).unwrap();
    path
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

#[test]
fn utf8_and_gb18030_files_give_the_worked_example() {
    let sb = Sandbox::new();
    for (name, bytes) in [("utf8.csv", ORDERS.as_bytes().to_vec()), ("gbk.csv", gb18030(ORDERS))] {
        let file = write(&sb, name, &bytes);
        let run = sb.expect(0, &[os("rfm"), os("--csv"), file.as_os_str()]);
        assert_eq!(run.stdout, EXPECTED_CSV, "{name}");
        // Five customers: the findings go to standard error, as notes.
        assert!(
            run.stderr.contains("note: warning  customers  rfm.few_customers"),
            "{}",
            run.stderr
        );
        // The same analysis date, given explicitly, gives the same table.
        let run = sb.expect(
            0,
            &[
                os("rfm"),
                os("--csv"),
                os("--as-of"),
                os("2025-07-01"),
                file.as_os_str(),
            ],
        );
        assert_eq!(run.stdout, EXPECTED_CSV, "{name}");
    }
    assert!(
        gb18030(ORDERS) != ORDERS.as_bytes(),
        "the GB18030 file really is another encoding"
    );
}

#[test]
fn the_default_table_lists_customers_tiers_and_findings() {
    let sb = Sandbox::new();
    let file = write(&sb, "orders.csv", ORDERS.as_bytes());
    let run = sb.expect(0, &[os("rfm"), file.as_os_str()]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "Tier  Score  Code  Recency  Frequency  Monetary  Last order  Customer"
    );
    assert_eq!(
        lines[5],
        "A        13  445         1          3      1900  2025-06-30  甲"
    );
    assert!(
        lines.contains(&"A             2     2200      88%  deepen (joint_development, exclusive_agency)"),
        "{}",
        run.stdout
    );
    assert!(run
        .stdout
        .contains("As of 2025-07-01: 5 customers from 13 rows (1 refund rows)."));
    assert!(run
        .stdout
        .contains("warning  customers  rfm.few_customers  field orders  customers=5 minimum=25"));
}

#[test]
fn pareto_tiers_and_json() {
    let sb = Sandbox::new();
    let file = write(&sb, "orders.csv", ORDERS.as_bytes());
    let run = sb.expect(
        0,
        &[os("rfm"), os("--json"), os("--tiers"), os("pareto"), file.as_os_str()],
    );
    let json: Value = serde_json::from_str(&run.stdout).expect("rfm --json prints JSON");
    assert_eq!(json["as_of"], "2025-07-01");
    assert_eq!(json["rule"]["rule"], "pareto");
    // M 1900, 300, 150, 100, 50 of 2,500; before-shares 0, 76 %, 88 %, 94 %, 98 %: A, A, B, B, C.
    let tiers: Vec<(&str, &str)> = json["customers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["customer"].as_str().unwrap(), c["tier"].as_str().unwrap()))
        .collect();
    assert_eq!(tiers, [("丁", "B"), ("丙", "A"), ("乙", "B"), ("戊", "C"), ("甲", "A")]);
    assert_eq!(json["tiers"][0]["share"], "0.88");
    assert_eq!(json["tiers"][1]["playbook"], "precision_marketing");
    assert_eq!(json["refund_rows"], 1);
}

#[test]
fn rejected_rows_are_listed_and_exit_1_while_the_rest_is_analysed() {
    let sb = Sandbox::new();
    let bad = format!("{ORDERS}己,2025-02-30,10,x1\n,2025-03-01,10,x2\n庚,2025-03-01,1e5,x3\n");
    let file = write(&sb, "bad.csv", bad.as_bytes());
    let run = sb.expect(1, &[os("rfm"), os("--csv"), file.as_os_str()]);
    assert_eq!(run.stdout, EXPECTED_CSV);
    let path = file.display().to_string();
    for line in [
        format!("salesplan: {path}: row 15, column \"订单日期\": \"2025-02-30\": is not a date of the calendar"),
        format!("salesplan: {path}: row 16, column \"客户\": \"\": is empty, and the customer is required"),
        format!("salesplan: {path}: row 17, column \"金额\": \"1e5\": uses an exponent; write the amount in full"),
        format!("salesplan: {path}: 3 rows rejected; the analysis leaves them out"),
    ] {
        assert!(
            run.stderr.lines().any(|l| l == line),
            "no line {line:?} in:\n{}",
            run.stderr
        );
    }
}

#[test]
fn columns_can_be_mapped_by_hand() {
    let sb = Sandbox::new();
    let file = write(&sb, "odd.csv", b"who,when,how much\nx,2025-01-01,5\ny,2025-01-03,7\n");
    let run = sb.expect(2, &[os("rfm"), file.as_os_str()]);
    assert!(
        run.stderr.starts_with(&format!("salesplan: {}: ", file.display())),
        "{}",
        run.stderr
    );
    let run = sb.expect(
        0,
        &[
            os("rfm"),
            os("--csv"),
            os("--map"),
            os("who=customer"),
            os("--map"),
            os("when=date"),
            os("--map"),
            os("C=amount"),
            file.as_os_str(),
        ],
    );
    // No order ids: each row is an order. As of 2025-01-04: x R 3, y R 1.
    assert_eq!(
        run.stdout.lines().skip(1).collect::<Vec<_>>(),
        ["x,2025-01-01,3,1,5,1,1,1,111,3,C", "y,2025-01-03,1,1,7,3,1,3,313,7,C"]
    );
}

#[test]
fn unusable_input_is_status_2() {
    let sb = Sandbox::new();
    let file = write(&sb, "orders.csv", ORDERS.as_bytes());
    let run = sb.expect(2, &[os("rfm"), os("--as-of"), os("2025-06-01"), file.as_os_str()]);
    assert_eq!(
        run.stderr.trim_end(),
        format!(
            "salesplan: {}: the analysis date 2025-06-01 is before the last order in the data (2025-06-30); \
             choose 2025-06-30 or later",
            file.display()
        )
    );
    let missing = sb.path("missing.csv");
    let run = sb.expect(2, &[os("rfm"), missing.as_os_str()]);
    assert_eq!(
        run.stderr.trim_end(),
        format!("salesplan: {}: no such file", missing.display())
    );
    sb.expect(2, &[os("rfm"), os("--as-of"), os("2025-13-01"), file.as_os_str()]);
    sb.expect(2, &[os("rfm"), os("--json"), os("--csv"), file.as_os_str()]);
    sb.expect(2, &[os("rfm"), os("--map"), os("nonsense"), file.as_os_str()]);
    // A header and no rows: nothing to score is an error finding (status 1), not a crash.
    let empty = write(&sb, "empty.csv", "客户,订单日期,金额\n".as_bytes());
    let run = sb.expect(1, &[os("rfm"), empty.as_os_str()]);
    assert!(run.stdout.contains("error  customers  rfm.no_orders"), "{}", run.stdout);
}

/// A file of several hundred KiB (beyond the reader's 64 KiB sample and over many batches),
/// seeded, in UTF-8 and GB18030: the command agrees with the core's engine fed the same rows
/// in memory (the engine itself is checked against a reference in the core's tests).
#[test]
fn a_large_generated_file_gives_what_the_engine_computes_in_memory() {
    use salesplan_core::engine::rfm::{RfmAccumulator, TierRule};
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut text = String::from("客户,订单日期,金额,订单号\n");
    let mut acc = RfmAccumulator::new();
    for _ in 0..12_000 {
        let c = next(700);
        let customer = if c % 3 == 0 {
            format!("客户{c}")
        } else {
            format!("C{c:04}")
        };
        let date = start + chrono::Days::new(next(400));
        let order = if next(20) == 0 {
            String::new()
        } else {
            format!("SO{}", next(9000))
        };
        let cents = next(100_000) as i64 - if next(12) == 0 { 100_000 } else { 0 };
        let amount = salesplan_core::rust_decimal::Decimal::new(cents, 2);
        text.push_str(&format!("{customer},{date},{amount},{order}\n"));
        acc.add(&customer, date, (!order.is_empty()).then_some(order.as_str()), amount);
    }
    let expected = acc.finish(None, &TierRule::default_scores()).unwrap();
    let sb = Sandbox::new();
    for (name, bytes) in [
        ("big-utf8.csv", text.as_bytes().to_vec()),
        ("big-gbk.csv", gb18030(&text)),
    ] {
        assert!(bytes.len() > 256 * 1024);
        let file = write(&sb, name, &bytes);
        let run = sb.expect(0, &[os("rfm"), os("--json"), file.as_os_str()]);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            json["customers"],
            serde_json::to_value(&expected.customers).unwrap(),
            "{name}"
        );
        assert_eq!(json["tiers"], serde_json::to_value(&expected.tiers).unwrap(), "{name}");
        assert_eq!(json["rows"], 12_000);
    }
}

/// A file over 4 MiB is cut in two and read on two threads: the result is what the engine
/// computes from the same rows in memory, and rejected rows on both sides of the cut keep their
/// row numbers, in file order. With a quote before the cut (the cut is not trusted), or a file
/// that is not cut (UTF-16), one thread reads it all and the output is the same.
#[test]
fn a_file_read_in_two_halves_gives_what_one_pass_gives() {
    use salesplan_core::engine::rfm::{RfmAccumulator, TierRule};
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut lines = vec!["customer,date,amount,order_id".to_string()];
    let mut acc = RfmAccumulator::new();
    for i in 0..160_000u64 {
        let customer = format!("C{:05}", (i * 7919) % 20_011);
        let date = start + chrono::Days::new(i % 500);
        let order = format!("SO{}", i / 2);
        let cents = (i * 104_729) % 1_000_000;
        let amount = salesplan_core::rust_decimal::Decimal::new(cents as i64, 2);
        lines.push(format!("{customer},{date},{amount},{order}"));
        acc.add(&customer, date, Some(&order), amount);
    }
    // Bad rows early, late, and past the middle (rows are 1-based, the header is row 1).
    for (row, bad) in [
        (10, "X,2024-02-30,1,b1"),
        (80_000, "Y,2024-01-01,1e5,b2"),
        (150_000, ",2024-01-01,1,b3"),
    ] {
        lines.insert(row - 1, bad.to_string());
    }
    let text = lines.join("\n") + "\n";
    assert!(text.len() > 4 << 20);
    let expected = acc.finish(None, &TierRule::default_scores()).unwrap();
    let sb = Sandbox::new();
    let quoted = text.replacen("C00000,", "\"C00000\",", 1);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    for (name, bytes) in [
        ("plain.csv", text.into_bytes()),
        ("quoted.csv", quoted.into_bytes()),
        ("utf16.txt", utf16),
    ] {
        let file = write(&sb, name, &bytes);
        let run = sb.expect(1, &[os("rfm"), os("--json"), file.as_os_str()]);
        let json: Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(
            json["customers"],
            serde_json::to_value(&expected.customers).unwrap(),
            "{name}"
        );
        assert_eq!(json["rows"], 160_000, "{name}");
        let rejected: Vec<&str> = run.stderr.lines().filter(|l| l.contains(": row ")).collect();
        let path = file.display();
        assert_eq!(
            rejected,
            [
                format!("salesplan: {path}: row 10, column \"date\": \"2024-02-30\": is not a date of the calendar"),
                format!("salesplan: {path}: row 80000, column \"amount\": \"1e5\": uses an exponent; write the amount in full"),
                format!("salesplan: {path}: row 150000, column \"customer\": \"\": is empty, and the customer is required"),
            ],
            "{name}"
        );
    }
}

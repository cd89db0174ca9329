//! `import-orders`: order tables into a plan file, all or nothing, replacing the orders held;
//! the plan then tiers its customers (compute shows it).

use super::*;

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

#[test]
fn gb18030_and_utf8_files_are_appended_and_replace_the_templates_orders() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4", "q4-growth", "zh-CN");
    let before = sb.export_json(&file);
    assert_eq!(
        before["orders"]["rows"].as_array().unwrap().len(),
        302,
        "the template's orders"
    );
    let first = sb.path("一季度订单.csv");
    let gbk = "客户名称,订单日期,订单金额,订单编号,产品\r\n甲公司,2026年1月5日,\"12,000.00\",SO-1,耗材\r\n乙公司,2026/2/6,¥800,SO-2,设备\r\n";
    fs::write(&first, gb18030(gbk)).unwrap();
    let second = sb.path("q2.csv");
    fs::write(
        &second,
        "customer;date;amount\n甲公司;2026-04-01;-200\n丙公司;2026-05-02;1500.5\n",
    )
    .unwrap();
    let run = sb.expect(
        0,
        &[
            os("import-orders"),
            file.as_os_str(),
            first.as_os_str(),
            second.as_os_str(),
        ],
    );
    assert!(
        run.stdout.contains("imported 4 orders of 3 customers from 2 files, 2026-01-05 to 2026-05-02, total 14100.5 CNY; they replace the 302 orders the plan held"),
        "{}",
        run.stdout
    );
    let after = sb.export_json(&file);
    assert_eq!(after["meta"]["parent_revision"], before["meta"]["revision_id"]);
    let orders = &after["orders"];
    assert_eq!(
        orders["batch"]["sources"],
        serde_json::json!(["一季度订单.csv", "q2.csv"])
    );
    assert_eq!(orders["rows"][0]["amount"], "12000");
    assert_eq!(orders["rows"][0]["product"], "耗材");
    assert_eq!(orders["rows"][2]["amount"], "-200");
    let compute = sb.expect(0, &[os("compute"), os("--json"), file.as_os_str()]);
    let doc: Value = serde_json::from_str(&compute.stdout).unwrap();
    let summary = &doc["report"]["support"]["customers"]["orders"];
    assert_eq!(
        (&summary["orders"], &summary["customers"]),
        (&Value::from(4), &Value::from(3))
    );
    let codes: Vec<_> = doc["report"]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].clone())
        .collect();
    assert!(codes.contains(&Value::from("rfm.few_customers")), "{codes:?}");
    assert!(
        codes.contains(&Value::from("rfm.stale_orders")),
        "May is long before October: {codes:?}"
    );
    sb.assert_clean();
}

#[test]
fn bad_rows_of_every_file_are_listed_and_the_plan_file_is_untouched() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4", "q4-growth", "en");
    let bytes = fs::read(&file).unwrap();
    let good = sb.path("good.csv");
    fs::write(&good, "customer,date,amount\nA,2026-01-05,10\n").unwrap();
    let bad = sb.path("bad.csv");
    fs::write(
        &bad,
        "customer,date,amount\nA,2026-02-30,10\n,2026-01-05,10\nB,2026-01-05,1.234\n",
    )
    .unwrap();
    let run = sb.expect(
        2,
        &[os("import-orders"), file.as_os_str(), good.as_os_str(), bad.as_os_str()],
    );
    for line in [
        "bad.csv: row 2, column \"date\": \"2026-02-30\": is not a date of the calendar",
        "bad.csv: row 3, column \"customer\": \"\": is empty, and the customer is required",
        "bad.csv: row 4, column \"amount\": \"1.234\": has more than 2 decimal places",
        "3 row(s) could not be imported, so nothing was imported",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    assert!(!run.stderr.contains("good.csv: row"), "{}", run.stderr);
    assert_eq!(fs::read(&file).unwrap(), bytes, "nothing half-imported");
    sb.assert_clean();
}

#[test]
fn mappings_apply_to_the_files_that_have_the_column() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4", "q4-growth", "en");
    let a = sb.path("a.csv");
    fs::write(&a, "buyer,when,paid\nA,2026-01-05,10\n").unwrap();
    let b = sb.path("b.csv");
    fs::write(&b, "customer,date,amount\nB,2026-01-06,20\n").unwrap();
    let args = |extra: &str| {
        vec![
            os("import-orders").to_owned(),
            os("--map").to_owned(),
            os("when=date").to_owned(),
            os("--map").to_owned(),
            os(extra).to_owned(),
            file.as_os_str().to_owned(),
            a.as_os_str().to_owned(),
            b.as_os_str().to_owned(),
        ]
    };
    let run = sb.expect(0, &args("paid=amount"));
    assert!(
        run.stdout.contains("imported 2 orders of 2 customers"),
        "{}",
        run.stdout
    );
    let run = sb.expect(2, &args("payd=amount"));
    assert!(run.stderr.contains("there is no column \"payd\""), "{}", run.stderr);
    let missing = sb.path("missing.csv");
    let run = sb.expect(2, &[os("import-orders"), file.as_os_str(), missing.as_os_str()]);
    assert!(run.stderr.contains("missing.csv"), "{}", run.stderr);
    sb.expect(2, &[os("import-orders"), file.as_os_str()]);
}

#[test]
fn a_file_without_a_recognised_amount_column_imports_nothing_and_says_how_to_map_it() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4", "q4-growth", "en");
    let bytes = fs::read(&file).unwrap();
    let odd = sb.path("odd.csv");
    fs::write(&odd, "customer,date,Betrag\nA,2026-01-05,10\n").unwrap();
    let run = sb.expect(2, &[os("import-orders"), file.as_os_str(), odd.as_os_str()]);
    assert!(run.stderr.contains("odd.csv"), "{}", run.stderr);
    assert!(run.stderr.contains("--map COLUMN=amount"), "{}", run.stderr);
    assert_eq!(fs::read(&file).unwrap(), bytes, "the plan keeps its orders");
    let mapped = [
        os("import-orders"),
        os("--map"),
        os("Betrag=amount"),
        file.as_os_str(),
        odd.as_os_str(),
    ];
    let run = sb.expect(0, &mapped);
    assert!(run.stdout.contains("imported 1 order of 1 customer"), "{}", run.stdout);
    sb.assert_clean();
}

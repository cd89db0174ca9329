//! `import-baseline`: history from a table into a plan file, all or nothing.

use super::*;

#[test]
fn a_clean_table_is_saved_as_a_new_revision_and_computes() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4", "q4-growth", "zh-CN");
    let before = sb.export_json(&file);
    // 2024-07: East 1,200,000 + South 800,000 = 2,000,000 bookings (a new month).
    let data = sb.path("history.csv");
    fs::write(
        &data,
        "月份,区域,销售额,回款额\n2024-07,华东区,\"1,200,000\",1100000\n2024-07,SC,800000,750000\n",
    )
    .unwrap();
    let run = sb.expect(0, &[os("import-baseline"), file.as_os_str(), data.as_os_str()]);
    assert!(run.stdout.contains("imported 2 rows"), "{}", run.stdout);
    let after = sb.export_json(&file);
    assert_ne!(after["meta"]["revision_id"], before["meta"]["revision_id"]);
    assert_eq!(after["meta"]["parent_revision"], before["meta"]["revision_id"]);
    let months = after["plan"]["baseline"].as_array().unwrap();
    let july = months
        .iter()
        .find(|m| m["month"] == "2024-07-01")
        .expect("the new month");
    assert_eq!(
        (&july["bookings"], &july["cash_in"]),
        (&Value::from("2000000"), &Value::from("1850000"))
    );
    assert_eq!(months.len(), before["plan"]["baseline"].as_array().unwrap().len() + 1);
    sb.assert_clean();
}

#[test]
fn bad_rows_are_listed_and_the_plan_file_is_untouched() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4", "q4-growth", "en");
    let bytes = fs::read(&file).unwrap();
    let data = sb.path("bad.csv");
    fs::write(
        &data,
        "month,region,bookings\n2024-07,EC,100\n2024-08,Mars,5\n2024-09,SC,12.345\n",
    )
    .unwrap();
    let run = sb.expect(2, &[os("import-baseline"), file.as_os_str(), data.as_os_str()]);
    assert!(
        run.stderr.contains("row 3, column \"region\": \"Mars\": no org member"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("row 4, column \"bookings\": \"12.345\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("2 row(s) could not be imported, so nothing was imported"),
        "{}",
        run.stderr
    );
    assert_eq!(fs::read(&file).unwrap(), bytes, "nothing half-imported");
    sb.assert_clean();
}

#[test]
fn mapping_mistakes_and_unreadable_tables_exit_2() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4", "q4-growth", "en");
    let data = sb.path("h.csv");
    fs::write(&data, "Period,Sales\n2024-07,100\n").unwrap();
    let run = sb.expect(
        2,
        &[
            os("import-baseline"),
            os("--map"),
            os("Sales=revenue"),
            file.as_os_str(),
            data.as_os_str(),
        ],
    );
    assert!(run.stderr.contains("revenue"), "{}", run.stderr);
    let run = sb.expect(
        2,
        &[
            os("import-baseline"),
            os("--map"),
            os("Z=bookings"),
            file.as_os_str(),
            data.as_os_str(),
        ],
    );
    assert!(run.stderr.contains("Z"), "{}", run.stderr);
    // Mapped explicitly it imports: Period is a month synonym, Sales → bookings by override.
    sb.expect(
        0,
        &[
            os("import-baseline"),
            os("--map"),
            os("B=bookings"),
            file.as_os_str(),
            data.as_os_str(),
        ],
    );
    let pdf = sb.path("x.pdf");
    fs::write(&pdf, b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n").unwrap();
    let run = sb.expect(2, &[os("import-baseline"), file.as_os_str(), pdf.as_os_str()]);
    assert!(
        run.stderr.starts_with(&format!("salesplan: {}", pdf.display())),
        "{}",
        run.stderr
    );
}

#[test]
fn members_import_into_the_org_tree_and_refuse_a_taken_code() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4", "q4-growth", "zh-CN");
    let data = sb.path("org.csv");
    fs::write(
        &data,
        "区域,团队,销售,编码\n西南区,成都团队,李雷,\n华东区,上海团队,新人,\n",
    )
    .unwrap();
    let run = sb.expect(
        0,
        &[os("import-members"), file.as_os_str(), os("org"), data.as_os_str()],
    );
    assert!(
        run.stdout.contains("imported 2 members") && run.stdout.contains("4 added"),
        "{}",
        run.stdout
    );
    let plan = sb.export_json(&file);
    let org = plan["plan"]["dimensions"]["org"].as_array().unwrap();
    assert!(org.iter().any(|m| m["name"] == "李雷" && m["level"] == "rep"));
    // A product whose code belongs to another product: the row is named, nothing changes.
    let bytes = fs::read(&file).unwrap();
    let products = sb.path("p.csv");
    fs::write(&products, "产品,编码\n配件,DEV\n").unwrap();
    let run = sb.expect(
        2,
        &[
            os("import-members"),
            file.as_os_str(),
            os("product"),
            products.as_os_str(),
        ],
    );
    assert!(run.stderr.contains("row 2"), "{}", run.stderr);
    assert_eq!(fs::read(&file).unwrap(), bytes);
}

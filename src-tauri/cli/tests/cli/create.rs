//! Exit 0: `new`, `info` and `check` on the templates; `new` refusing what it must not touch.

use super::*;

#[test]
fn q4_growth_template_is_created_described_and_checks_clean() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4.salesplan", "q4-growth", "en");
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    let schema = format!("Schema version  {}", salesplan_core::store::SCHEMA_VERSION);
    for expected in [
        "Q4 sales +30 %",
        "Starlight Smart Devices Ltd.",
        "CNY",
        "2026-10-01 to 2026-12-31",
        "Goals           2",
        "Baseline months 24",
        "Orders          302",
        &schema,
        "App version     ",
        "Health          0 errors",
    ] {
        assert!(info.contains(expected), "info lacks {expected:?}:\n{info}");
    }
    assert!(
        !info.contains("Read-only"),
        "a file of this version is not read-only:\n{info}"
    );
    let check = sb.expect(0, &[os("check"), file.as_os_str()]).stdout;
    // The template promises no errors; warnings and hints may come with new checks.
    assert!(
        check
            .lines()
            .last()
            .unwrap()
            .starts_with(&format!("{}: 0 errors, ", file.display())),
        "{check}"
    );
    assert!(!check.lines().any(|l| l.starts_with("error")), "{check}");
    sb.assert_clean();
}

#[test]
fn chinese_template_keeps_its_text() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4-zh.salesplan", "q4-growth", "zh-CN");
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    assert!(
        info.contains("Q4销售额增长30%") && info.contains("星辰智能设备有限公司"),
        "{info}"
    );
    sb.expect(0, &[os("check"), file.as_os_str()]);
}

#[test]
fn blank_template_is_the_default_and_has_only_warnings() {
    let sb = Sandbox::new();
    let file = sb.path("blank.salesplan");
    sb.expect(0, &[os("new"), file.as_os_str()]);
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    assert!(
        info.contains("Title           (none)") && info.contains("Goals           0") && info.contains("USD"),
        "{info}"
    );
    let check = sb.expect(0, &[os("check"), file.as_os_str()]).stdout;
    assert!(
        check.contains("warning  header  header.title_missing  field title"),
        "{check}"
    );
    assert!(check.contains("warning  targets  targets.no_bookings_goal"), "{check}");
}

#[test]
fn new_refuses_an_existing_file_unless_forced() {
    let sb = Sandbox::new();
    let file = sb.new_plan("plan.salesplan", "blank", "en");
    let before = fs::read(&file).unwrap();
    let run = sb.expect(2, &[os("new"), os("--template"), os("q4-growth"), file.as_os_str()]);
    assert!(
        run.stderr.starts_with(&format!("salesplan: {}: ", file.display())) && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "a refused `new` must not touch the file"
    );
    sb.expect(
        0,
        &[
            os("new"),
            os("--force"),
            os("--template"),
            os("q4-growth"),
            file.as_os_str(),
        ],
    );
    assert!(sb
        .expect(0, &[os("info"), file.as_os_str()])
        .stdout
        .contains("Q4 sales +30 %"));
    sb.assert_clean();
}

#[test]
fn new_refuses_a_folder_or_a_missing_folder_and_creates_nothing() {
    let sb = Sandbox::new();
    let folder = sb.path("plans");
    fs::create_dir(&folder).unwrap();
    for args in [vec![folder.as_os_str()], vec![os("--force"), folder.as_os_str()]] {
        let run = sb.expect(2, &[&[os("new")], &args[..]].concat());
        assert!(
            run.stderr.contains(&folder.display().to_string()) && run.stderr.contains("folder"),
            "{}",
            run.stderr
        );
    }
    assert!(folder.is_dir());
    let nested = sb.path("missing/plan.salesplan");
    let run = sb.expect(2, &[os("new"), nested.as_os_str()]);
    assert!(
        run.stderr.contains(&nested.display().to_string()) && run.stderr.contains("does not exist"),
        "{}",
        run.stderr
    );
    assert!(!sb.path("missing").exists());
}

//! Importing baseline history from a Chinese Excel export (GB18030, Chinese headers) in the
//! real window: a file with a bad row shows every rejected row and imports nothing; a file with
//! an unknown header asks for the mapping; a clean file imports as one undoable edit, and the
//! saved plan read back by the core has the months.

use crate::harness::{gb18030, number_in, tid, App, TestCtx, K, UI_TIMEOUT};
use fantoccini::Locator;
use rust_decimal::Decimal;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn baseline_import_from_a_chinese_excel_export() {
    let ctx = TestCtx::new("baseline_import_from_a_chinese_excel_export").await;
    let app = ctx.start(&ctx.launch()).await;
    app.new_from_template().await;
    app.nav("header").await;
    let dir = ctx.dir("tables");
    let bad = dir.join("历史-有错.csv");
    std::fs::write(
        &bad,
        gb18030("月份,区域,销售额,回款额\n2024-07,EC,\"1,200,000\",1100000\n2024-08,火星区,5,5\n2024-09,SC,abc,1\n"),
    )
    .unwrap();
    let unmapped = dir.join("历史-表头.csv");
    std::fs::write(&unmapped, gb18030("期次,合同额\n2024-07,100\n")).unwrap();
    let good = dir.join("历史.csv");
    std::fs::write(
        &good,
        gb18030("月份,区域,销售额,回款额\n2024-07,ec,\"1,200,000\",1100000\n2024-07,SC,800000,750000\n"),
    )
    .unwrap();

    // 1. Bad rows: listed with their row numbers; Import stays disabled.
    app.answer_next_dialog(&bad);
    app.click("baseline-import-open").await;
    app.wait_dialog("table-import").await;
    app.wait_for("import-rejected").await;
    let format = app.text("import-format").await;
    assert!(format.contains("GB18030"), "the dialog names the encoding: {format}");
    let rows = app.attrs_of("import-rejected-row", "data-row").await;
    assert_eq!(
        rows,
        ["3", "4"],
        "rows 3 (unknown region) and 4 (not an amount) are rejected"
    );
    let apply = app.wait_for("import-apply").await;
    assert_eq!(apply.prop("disabled").await.ok().flatten().as_deref(), Some("true"));
    app.shot("rejected-rows").await;
    app.click("import-cancel").await;
    app.wait_gone("table-import").await;

    // 2. An unknown header: the dialog asks for the columns, then reads the rows.
    app.answer_next_dialog(&unmapped);
    app.click("baseline-import-open").await;
    app.wait_dialog("table-import").await;
    app.wait_for("import-problem").await;
    for (field, column) in [("bookings", "1"), ("month", "0")] {
        let select = app.wait_for(&format!("import-map-{field}")).await;
        if let Err(e) = select.select_by_value(column).await {
            app.fail(format!("cannot choose the {field} column: {e}")).await;
        }
        app.pause_between_repeats().await;
    }
    app.wait_for("import-summary").await;
    app.shot("mapped-by-hand").await;
    app.click("import-cancel").await;
    app.wait_gone("table-import").await;

    // 3. A clean file imports; the new month shows 2,000,000 (East 1.2m + South 0.8m).
    app.answer_next_dialog(&good);
    app.click("baseline-import-open").await;
    app.wait_dialog("table-import").await;
    app.wait_for("import-summary").await;
    app.shot("preview").await;
    app.click("import-apply").await;
    app.wait_gone("table-import").await;
    let july = "[data-testid=\"baseline-row\"][data-month=\"2024-07-01\"]";
    let row = app.wait_for_css(july).await;
    let cell = match row.find(Locator::Css(&tid("baseline-bookings"))).await {
        Ok(el) => el,
        Err(e) => app.fail(format!("no bookings cell in the imported month: {e}")).await,
    };
    let shown = App::value_of(&cell).await;
    assert_eq!(number_in(&shown), Some(Decimal::from(2_000_000)), "shown: {shown}");
    app.shot("imported").await;

    // 4. One undo removes the whole import.
    app.shortcut(&[K::Control], "z").await;
    app.wait_until("the imported month to go", UI_TIMEOUT, || async {
        app.client().find(Locator::Css(july)).await.is_err().then_some(())
    })
    .await;
    app.stop().await;
}

/// The org tree from a region / team / rep table: new members appear in the tree.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn org_members_import_from_a_table() {
    let ctx = TestCtx::new("org_members_import_from_a_table").await;
    let app = ctx.start(&ctx.launch()).await;
    app.new_from_template().await;
    app.nav("targets").await;
    app.click("targets-tab-split").await;
    let table = ctx.dir("org").join("组织.csv");
    std::fs::write(&table, "区域,团队,销售\n西南区,成都团队,李雷\n西南区,成都团队,韩梅梅\n").unwrap();
    let before = app.all(&tid("org-tree")).await.len();
    assert_eq!(before, 1);
    app.answer_next_dialog(&table);
    app.click("import-org").await;
    app.wait_dialog("table-import").await;
    let summary = app
        .wait_text("import-summary", "the members summary", |s| !s.is_empty())
        .await;
    assert!(
        summary.contains('2') && summary.contains('4'),
        "2 members in the table, 4 new: {summary}"
    );
    app.shot("members-preview").await;
    app.click("import-apply").await;
    app.wait_gone("table-import").await;
    app.wait_until("the new rep in the tree", UI_TIMEOUT, || async {
        let tree = app.text("org-tree").await;
        (tree.contains("韩梅梅") && tree.contains("成都团队")).then_some(())
    })
    .await;
    app.shot("members-imported").await;
    app.stop().await;
}

//! Orders from several files at once (monthly exports, each laid out a little differently): the
//! dialog lists the files with their state, shows the one that needs work (rejected rows, an
//! unknown column), a mapping chosen on one file applies wherever its column is (two files with
//! two different unknown headers are mapped one after the other), and Import takes every file
//! or none. `salesplan compute` on the saved plan agrees.

use super::{save_and_compute, start_on_customers, switch_language};
use crate::harness::{gb18030, number_in, tid, App, TestCtx, UI_TIMEOUT};
use std::path::Path;

async fn choose(app: &App, paths: &[&Path]) {
    app.answer_next_dialog_with_files(paths);
    app.click("import-orders").await;
    app.wait_dialog("table-import").await;
    app.wait_for("import-files").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_orders_from_several_files() {
    let ctx = TestCtx::new("support_orders_from_several_files").await;
    let (app, first) = start_on_customers(&ctx).await;
    app.wait_for("orders-summary").await;
    let dir = ctx.dir("orders");
    // January: UTF-8 with order ids. February: a Chinese Excel export (GB18030), other column
    // order, no order ids. March: an amount column the app does not know ("Betrag").
    let jan = dir.join("2026-01.csv");
    std::fs::write(
        &jan,
        "客户,订单日期,金额,订单号\n华联超市,2026-01-05,1200.00,SO-1\n星光便利,2026-01-09,800.00,SO-2\n",
    )
    .unwrap();
    let feb_bad = dir.join("2026-02-有错.csv");
    std::fs::write(
        &feb_bad,
        gb18030(
            "金额,客户,订单日期\n\"1,500.00\",华联超市,2026/2/3\n300,新街口店,2026-02-14\nabc,星光便利,2026-02-20\n",
        ),
    )
    .unwrap();
    let feb = dir.join("2026-02.csv");
    std::fs::write(
        &feb,
        gb18030("金额,客户,订单日期\n\"1,500.00\",华联超市,2026/2/3\n300,新街口店,2026-02-14\n"),
    )
    .unwrap();
    let mar = dir.join("2026-03.csv");
    std::fs::write(
        &mar,
        "客户,日期,Betrag\n新街口店,2026-03-01,450.5\n星光便利,20260310,99.5\n",
    )
    .unwrap();
    let apr = dir.join("2026-04.csv");
    std::fs::write(&apr, "Summe,客户,日期\n150,华联超市,2026-04-02\n").unwrap();

    // 1. A bad row in one file: that file is shown, its row listed; nothing can be imported.
    choose(&app, &[&jan, &feb_bad, &mar]).await;
    assert_eq!(
        app.attrs_of("import-file", "data-state").await,
        ["ok", "rejected", "unmapped"]
    );
    app.wait_for("import-rejected").await;
    let rows = app.attrs_of("import-rejected-row", "data-row").await;
    assert_eq!(rows, ["4"], "February's row 4 (amount abc) is rejected");
    let format = app.text("import-format").await;
    assert!(format.contains("GB18030"), "February is shown first: {format}");
    let apply = app.wait_for("import-apply").await;
    assert_eq!(apply.prop("disabled").await.ok().flatten().as_deref(), Some("true"));
    app.shot(&format!("{first}-files-rejected")).await;
    app.click("import-cancel").await;
    app.wait_gone("table-import").await;

    // 2. In the other language, clean February: March and April each need their amount column,
    // under different headers; mapping one, then the other, imports all four.
    let first = if first == "zh-CN" { "en" } else { "zh-CN" };
    switch_language(&app, first).await;
    choose(&app, &[&jan, &feb, &mar, &apr]).await;
    let states = app.attrs_of("import-file", "data-state").await;
    assert_eq!(states, ["ok", "ok", "unmapped", "unmapped"]);
    app.wait_for("import-map-first").await;
    let problem = app.text("import-problem").await;
    assert!(problem.contains("2026-03.csv"), "the problem names the file: {problem}");
    app.shot(&format!("{first}-files-unmapped")).await;
    let select = app.wait_for("import-map-amount").await;
    if let Err(e) = select.select_by_value("2").await {
        app.fail(format!("cannot choose March's amount column: {e}")).await;
    }
    // March is fine now, so the dialog moves on to April, whose amount is column A.
    app.wait_until("April shown, still unmapped", UI_TIMEOUT, || async {
        let states = app.attrs_of("import-file", "data-state").await;
        let problem = app.try_text("import-problem").await.unwrap_or_default();
        (states == ["ok", "ok", "ok", "unmapped"] && problem.contains("2026-04.csv")).then_some(())
    })
    .await;
    app.pause_between_repeats().await;
    let select = app.wait_for("import-map-amount").await;
    if let Err(e) = select.select_by_value("0").await {
        app.fail(format!("cannot choose April's amount column: {e}")).await;
    }
    app.wait_for("import-summary").await;
    let states = app.attrs_of("import-file", "data-state").await;
    assert_eq!(states, ["ok", "ok", "ok", "ok"], "March's mapping still holds");
    let summary = app.text("import-summary").await;
    assert!(
        summary.contains("4,500.00"),
        "the preview totals all four files: {summary}"
    );
    // The chips switch the file shown.
    let chips = app.all(&tid("import-file")).await;
    app.click_el(&chips[1], "February's chip").await;
    app.wait_text("import-format", "February's encoding", |t| t.contains("GB18030"))
        .await;
    app.shot(&format!("{first}-files-ready")).await;
    app.click("import-apply").await;
    app.wait_gone("table-import").await;
    app.wait_text("orders-count", "seven orders", |t| number_in(t) == Some(7.into()))
        .await;
    let sources = app.text("orders-sources").await;
    let names = ["2026-01.csv", "2026-02.csv", "2026-03.csv", "2026-04.csv"];
    assert!(
        names.iter().all(|f| sources.contains(f)),
        "the card names the four files: {sources}"
    );
    let separator = if first == "zh-CN" { "、" } else { ", " };
    assert!(sources.contains(separator), "names set apart in {first}: {sources}");
    let _ = app.js("document.getElementById('canvas').scrollBy({top: 300});").await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    app.shot(&format!("{first}-files-imported")).await;

    let doc = save_and_compute(&app, &ctx.dir("plans").join("four-months.salesplan")).await;
    let orders = &doc["report"]["support"]["customers"]["orders"];
    let counts = (orders["orders"].as_u64(), orders["customers"].as_u64());
    assert_eq!(counts, (Some(7), Some(3)));
    assert_eq!(orders["total"].as_str(), Some("4500"));
    app.stop().await;
}

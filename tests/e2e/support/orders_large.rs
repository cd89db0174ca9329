//! Orders the app did not recognise, and orders by the hundred thousand. A table whose headers
//! name no customer, date or amount opens for mapping by hand, then imports. A 600,000-row
//! table shows the progress bar with Cancel while it is read: Cancel stops it and changes
//! nothing; read to the end, it previews and imports every order, and `salesplan compute`
//! on the saved file agrees.

use super::{save_and_compute, start_on_customers};
use crate::harness::{number_in, App, TestCtx};
use rust_decimal::Decimal;
use std::path::Path;
use std::time::Duration;

/// Reading 600,000 rows in the debug build takes seconds, far more than the UI's usual wait.
const LONG: Duration = Duration::from_secs(120);

/// `rows` orders of 20,000 customers with Chinese headers (about 40 bytes a row).
fn write_large(path: &Path, rows: u32) {
    let mut s = String::with_capacity(rows as usize * 44);
    s.push_str("客户,订单日期,金额,订单号\n");
    for i in 0..rows {
        let (month, day, cents) = (1 + i % 9, 1 + i % 28, (i * 37) % 5000 + 10);
        s.push_str(&format!(
            "客户{:05},2026-{month:02}-{day:02},{cents}.50,SO-{i}\n",
            i % 20_000
        ));
    }
    std::fs::write(path, s).unwrap();
}

async fn orders_count(app: &App) -> Option<Decimal> {
    number_in(&app.text("orders-count").await)
}

async fn choose(app: &App, path: &Path) {
    app.answer_next_dialog(path);
    app.click("import-orders").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_orders_mapping_and_large_import() {
    let ctx = TestCtx::new("support_orders_mapping_and_large_import").await;
    let (app, first) = start_on_customers(&ctx).await;
    app.wait_for("orders-summary").await;
    let template_orders = orders_count(&app).await;
    assert_eq!(template_orders, Some(302.into()));
    let dir = ctx.dir("orders");

    // 1. Headers the app does not know: nothing is read until the columns are chosen.
    let odd = dir.join("export.csv");
    std::fs::write(
        &odd,
        "Kunde;Datum;Betrag\nNordwind;2026-03-02;1200\nSüdstern;2026-03-09;800\nNordwind;2026-04-11;450\n",
    )
    .unwrap();
    choose(&app, &odd).await;
    app.wait_dialog("table-import").await;
    app.wait_for("import-map-first").await;
    let problem = app.text("import-problem").await;
    assert!(!problem.is_empty(), "the dialog says which column is missing");
    let apply = app.wait_for("import-apply").await;
    assert_eq!(apply.prop("disabled").await.ok().flatten().as_deref(), Some("true"));
    app.shot(&format!("{first}-orders-unmapped")).await;
    for (field, column) in [("customer", "0"), ("date", "1"), ("amount", "2")] {
        let select = app.wait_for(&format!("import-map-{field}")).await;
        if let Err(e) = select.select_by_value(column).await {
            app.fail(format!("cannot choose the {field} column: {e}")).await;
        }
        app.pause_between_repeats().await;
    }
    app.wait_for("import-summary").await;
    let summary = app.text("import-summary").await;
    assert!(summary.contains("2,450.00"), "the preview shows the total: {summary}");
    app.shot(&format!("{first}-orders-mapped")).await;
    app.click("import-apply").await;
    app.wait_gone("table-import").await;
    app.wait_text("orders-count", "the three mapped orders", |t| {
        number_in(t) == Some(3.into())
    })
    .await;
    let doc = save_and_compute(&app, &ctx.dir("plans").join("mapped.salesplan")).await;
    let summary = &doc["report"]["support"]["customers"]["orders"];
    assert_eq!(
        (summary["orders"].as_u64(), summary["customers"].as_u64()),
        (Some(3), Some(2))
    );
    assert_eq!(summary["total"].as_str(), Some("2450"));

    // 2. A large table: the progress bar shows while it is read, and Cancel stops it.
    let large = dir.join("全年订单.csv");
    let rows = 600_000;
    write_large(&large, rows);
    choose(&app, &large).await;
    app.wait_dialog("import-progress").await;
    app.wait_until("a progress report with rows read", LONG, || async {
        let text = app.try_text("import-progress-text").await?;
        number_in(&text).filter(|n| *n > Decimal::ZERO).map(|_| ())
    })
    .await;
    app.shot(&format!("{first}-orders-progress")).await;
    app.click("import-progress-cancel").await;
    app.wait_gone("import-progress").await;
    app.wait_for("toast").await;
    assert!(!app.exists("table-import").await, "a cancelled reading opens no dialog");
    assert_eq!(orders_count(&app).await, Some(3.into()), "cancelling changed nothing");
    app.shot(&format!("{first}-orders-cancelled")).await;

    // 3. Read to the end, it previews every row and imports them all.
    choose(&app, &large).await;
    app.wait_dialog("import-progress").await;
    app.wait_until("the preview of the large table", LONG, || async {
        app.try_find("import-summary").await.map(|_| ())
    })
    .await;
    app.wait_dialog("table-import").await;
    app.shot(&format!("{first}-orders-large-preview")).await;
    app.click("import-apply").await;
    app.wait_until("the 600,000 orders in the plan", LONG, || async {
        (!app.exists("table-import").await && orders_count(&app).await == Some(rows.into())).then_some(())
    })
    .await;
    app.wait_for("tiers-table").await;
    let doc = save_and_compute(&app, &ctx.dir("plans").join("large.salesplan")).await;
    let summary = &doc["report"]["support"]["customers"]["orders"];
    assert_eq!(summary["orders"].as_u64(), Some(u64::from(rows)));
    assert_eq!(summary["customers"].as_u64(), Some(20_000));
    app.shot(&format!("{first}-orders-large")).await;
    app.stop().await;
}

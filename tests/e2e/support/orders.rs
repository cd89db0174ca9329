//! Customers and RFM: the template's orders give tiers A / B / C with their playbooks, the
//! chart and the heatmap, as `salesplan compute --json` says; switching the tier rule to Pareto
//! re-tiers them. Orders with Chinese headers (客户,订单日期,金额,订单号) through the import
//! dialog: a file with a bad row lists it and imports nothing; a clean file replaces the
//! template's orders and the tiers follow.

use super::{open_tab, save_and_compute, start_on_customers, switch_language, tour};
use crate::harness::{tid, TestCtx};
use fantoccini::Locator;

/// 30 customers; customer k orders (k mod 5) + 1 times, k × 1,000 each, in 2026.
fn orders_csv() -> String {
    let mut s = String::from("客户,订单日期,金额,订单号\n");
    let mut n = 0;
    for k in 1..=30u32 {
        for j in 0..=(k % 5) {
            n += 1;
            let month = 1 + (k + j) % 9;
            let day = 1 + (k * 3 + j) % 28;
            s.push_str(&format!(
                "客户{k:02},2026-{month:02}-{day:02},{}.00,SO-{n:04}\n",
                k * 1000
            ));
        }
    }
    s
}

/// The tiers rows against the compute document's seeds.
async fn check_tiers(app: &crate::harness::App, doc: &serde_json::Value) {
    let seeds = doc["report"]["support"]["customers"]["seeds"]
        .as_array()
        .expect("seeds");
    assert_eq!(seeds.len(), 3);
    let shown = app.all(&tid("tier-row")).await;
    assert_eq!(shown.len(), 3);
    for (seed, row) in seeds.iter().zip(&shown) {
        let s = &seed["summary"];
        let tier = s["tier"].as_str().unwrap();
        assert_eq!(row.attr("data-tier").await.ok().flatten().as_deref(), Some(tier));
        assert_eq!(
            row.attr("data-playbook").await.ok().flatten().as_deref(),
            s["playbook"].as_str()
        );
        let count = row
            .find(Locator::Css(&tid("tier-customers")))
            .await
            .expect("count cell");
        let count = count.text().await.unwrap_or_default();
        assert_eq!(
            crate::harness::number_in(&count),
            Some(s["customers"].as_u64().unwrap().into()),
            "tier {tier}"
        );
        let share = row.find(Locator::Css(&tid("tier-share"))).await.expect("share cell");
        let share = share.attr("data-value").await.ok().flatten().unwrap_or_default();
        assert_eq!(share, s["share"].as_str().unwrap_or(""), "tier {tier}: share");
    }
    let playbooks: Vec<&str> = seeds
        .iter()
        .map(|s| s["summary"]["playbook"].as_str().unwrap())
        .collect();
    assert_eq!(playbooks, ["deepen", "precision_marketing", "low_cost_activation"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_customers_rfm_tiers() {
    let ctx = TestCtx::new("support_customers_rfm_tiers").await;
    let (app, first) = start_on_customers(&ctx).await;
    app.wait_for("orders-summary").await;
    app.wait_for("tiers-table").await;
    app.wait_for("tier-chart").await;
    app.wait_for("rfm-heatmap").await;
    app.wait_for("customer-table").await;
    let doc = save_and_compute(&app, &ctx.dir("plans").join("scores.salesplan")).await;
    let orders = &doc["report"]["support"]["customers"]["orders"];
    let count = app.text("orders-count").await;
    assert_eq!(
        crate::harness::number_in(&count),
        Some(orders["orders"].as_u64().unwrap().into()),
        "{count}"
    );
    check_tiers(&app, &doc).await;
    app.shot(&format!("{first}-scores")).await;

    // Pareto: A reaches 80 % of revenue, B the next 15 %.
    let rule = app.wait_for("rfm-rule").await;
    if let Err(e) = rule.select_by_value("pareto").await {
        app.fail(format!("cannot choose the Pareto rule: {e}")).await;
    }
    app.wait_attr("rfm-settings", "data-rule", "the Pareto rule", |v| v == "pareto")
        .await;
    app.wait_for("rfm-a-share").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let doc = save_and_compute(&app, &ctx.dir("plans").join("pareto.salesplan")).await;
    // compute reads the saved rule: its tiers are the Pareto ones the window shows.
    check_tiers(&app, &doc).await;
    app.shot(&format!("{first}-pareto")).await;
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_orders_import_and_rfm() {
    let ctx = TestCtx::new("support_orders_import_and_rfm").await;
    let (app, first) = start_on_customers(&ctx).await;
    let other = if first == "zh-CN" { "en" } else { "zh-CN" };
    app.shot(&format!("{first}-template-customers")).await;

    let dir = ctx.dir("orders");
    let bad = dir.join("订单-有错.csv");
    std::fs::write(
        &bad,
        "客户,订单日期,金额,订单号\n华联超市,2026-05-12,12800.00,SO-1\n星光便利,2026-05-13,abc,SO-2\n",
    )
    .unwrap();
    let good = dir.join("订单.csv");
    let csv = orders_csv();
    let rows = csv.lines().count() - 1;
    std::fs::write(&good, &csv).unwrap();

    // 1. A bad row is listed; Import stays disabled.
    app.answer_next_dialog(&bad);
    app.click("import-orders").await;
    app.wait_dialog("table-import").await;
    app.wait_for("import-rejected").await;
    let rejected = app.attrs_of("import-rejected-row", "data-row").await;
    assert_eq!(rejected, ["3"], "row 3 (amount abc) is rejected");
    let apply = app.wait_for("import-apply").await;
    assert_eq!(apply.prop("disabled").await.ok().flatten().as_deref(), Some("true"));
    app.shot(&format!("{first}-orders-rejected")).await;
    app.click("import-cancel").await;
    app.wait_gone("table-import").await;

    // 2. The clean file replaces the orders.
    app.answer_next_dialog(&good);
    app.click("import-orders").await;
    app.wait_dialog("table-import").await;
    app.wait_for("import-summary").await;
    app.shot(&format!("{first}-orders-preview")).await;
    app.click("import-apply").await;
    app.wait_gone("table-import").await;
    app.wait_text("orders-count", "the imported orders", |t| {
        crate::harness::number_in(t) == Some(rust_decimal::Decimal::from(rows as u64))
    })
    .await;
    app.wait_for("tiers-table").await;
    app.wait_for("tier-chart").await;
    app.wait_for("rfm-heatmap").await;
    let customers = app.text("orders-customers").await;
    assert_eq!(crate::harness::number_in(&customers), Some(30.into()), "{customers}");

    // 3. Tiers, shares and playbooks are the core's.
    let doc = save_and_compute(&app, &ctx.dir("plans").join("orders.salesplan")).await;
    let report = &doc["report"]["support"]["customers"];
    assert_eq!(report["orders"]["orders"], rows);
    check_tiers(&app, &doc).await;

    tour(&app, &format!("{first}-orders")).await;
    switch_language(&app, other).await;
    open_tab(&app, "customers").await;
    tour(&app, &format!("{other}-orders")).await;
    app.stop().await;
}

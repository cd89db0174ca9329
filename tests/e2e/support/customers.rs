//! The Customers & RFM tab over every customer, not only the top 50: 130 customers imported
//! through the dialog; the heatmap draws the core's R × F grid of all of them, and the table
//! pages, sorts, filters and searches in the core. Each view is compared with the customers of
//! `salesplan compute --json` on the saved plan, sorted here independently (equal values by
//! customer id). Screenshots in both languages and in the dark theme.

use super::{open_tab, save_and_compute, start_on_customers, switch_language};
use crate::harness::{tid, App, TestCtx, UI_TIMEOUT};
use rust_decimal::Decimal;
use serde_json::Value;
use std::time::Duration;

const CUSTOMERS: u32 = 130;

/// Customer k (1–130) orders (k mod 7) + 1 times; amounts repeat every 40 customers, so equal
/// revenues are common. Every third customer has a Chinese name, the others "Shop-NNN".
fn orders_csv() -> String {
    let mut s = String::from("客户,订单日期,金额,订单号\n");
    let mut n = 0;
    for k in 1..=CUSTOMERS {
        let name = if k % 3 == 0 {
            format!("华东门店{k:03}")
        } else {
            format!("Shop-{k:03}")
        };
        for j in 0..=(k % 7) {
            n += 1;
            let month = 1 + (k * 5 + j) % 12;
            let day = 1 + (k * 3 + j) % 28;
            let amount = (k % 40 + 1) * 500;
            s.push_str(&format!("{name},2025-{month:02}-{day:02},{amount}.00,SO-{n:05}\n"));
        }
    }
    s
}

/// The ids shown in the customer table, top to bottom.
async fn shown(app: &App) -> Vec<String> {
    let mut ids = vec![];
    for row in app.all(&tid("customer-row")).await {
        ids.push(row.attr("data-customer").await.ok().flatten().unwrap_or_default());
    }
    ids
}

/// Waits until the table lists exactly `expected` (the page is fetched asynchronously).
async fn wait_rows(app: &App, what: &str, expected: &[String]) {
    let found = app
        .wait_until(what, UI_TIMEOUT, || async {
            let ids = shown(app).await;
            (ids == expected).then_some(ids)
        })
        .await;
    assert_eq!(found, expected, "{what}");
}

/// The compute document's customers, filtered and sorted the way the table is asked to.
fn expected(doc: &Value, key: &str, desc: bool, keep: impl Fn(&Value) -> bool) -> Vec<String> {
    let mut all: Vec<&Value> = doc["customers"]
        .as_array()
        .expect("customers")
        .iter()
        .filter(|c| keep(c))
        .collect();
    let value = |c: &Value| -> Decimal {
        match &c[key] {
            // Tiers sort A, B, C.
            Value::String(t) if key == "tier" => Decimal::from(u32::from(t.as_bytes()[0])),
            Value::String(s) => s.parse().expect("a decimal"),
            v => Decimal::from(v.as_u64().expect("a number")),
        }
    };
    all.sort_by(|a, b| {
        let by = value(a).cmp(&value(b));
        let by = if desc { by.reverse() } else { by };
        by.then_with(|| a["customer"].as_str().cmp(&b["customer"].as_str()))
    });
    all.iter()
        .map(|c| c["customer"].as_str().unwrap().to_string())
        .collect()
}

fn page(ids: &[String], offset: usize) -> Vec<String> {
    ids.iter().skip(offset).take(50).cloned().collect()
}

async fn range(app: &App) -> (String, String, String) {
    let a = |n: &'static str| async move { app.attr("customer-range", n).await.unwrap_or_default() };
    (a("data-from").await, a("data-to").await, a("data-total").await)
}

/// Imports the orders file through the dialog.
async fn import(app: &App, ctx: &TestCtx) {
    let file = ctx.dir("orders").join("客户订单.csv");
    let csv = orders_csv();
    std::fs::write(&file, &csv).unwrap();
    app.answer_next_dialog(&file);
    app.click("import-orders").await;
    app.wait_dialog("table-import").await;
    app.wait_for("import-summary").await;
    app.click("import-apply").await;
    app.wait_gone("table-import").await;
    app.wait_text("orders-customers", "the imported customers", |t| {
        crate::harness::number_in(t) == Some(Decimal::from(CUSTOMERS))
    })
    .await;
}

async fn scroll_to(app: &App, id: &str, block: &str) {
    let script = format!(
        "document.querySelector('{}')?.scrollIntoView({{block: '{block}'}});",
        tid(id)
    );
    let _ = app.js(&script).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
}

/// Clicks a control after bringing it to the middle of the canvas (the sticky sub-step tabs
/// would cover it at the top).
async fn click_shown(app: &App, id: &str) {
    scroll_to(app, id, "center").await;
    app.click(id).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_customer_table_pages() {
    let ctx = TestCtx::new("support_customer_table_pages").await;
    let (app, first) = start_on_customers(&ctx).await;
    let other = if first == "zh-CN" { "en" } else { "zh-CN" };
    import(&app, &ctx).await;
    let doc = save_and_compute(&app, &ctx.dir("plans").join("customers.salesplan")).await;
    let rfm = &doc["report"]["support"]["customers"]["rfm"];
    assert_eq!(rfm["customers"], CUSTOMERS);

    // 1. The heatmap draws the core's grid of all 130 customers.
    let grid: Value = serde_json::from_str(&app.attr("rfm-heatmap-data", "data-grid").await.unwrap_or_default())
        .expect("the heatmap's grid");
    assert_eq!(grid, rfm["rf_grid"], "heatmap grid = compute's rf_grid");
    let sum: u64 = grid
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|r| r.as_array().unwrap())
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(sum, u64::from(CUSTOMERS));
    // Its subtitle counts the customers it covers (ECharts draws it; the count rides along).
    let covers = app.attr("rfm-heatmap-data", "data-customers").await.unwrap_or_default();
    assert_eq!(covers, CUSTOMERS.to_string());
    // Its accessible name is ours, in the UI's language (not ECharts' own Chinese description).
    let name = app.attr("rfm-heatmap", "aria-label").await.unwrap_or_default();
    let ours = match first.as_str() {
        "zh-CN" => format!("全部 {CUSTOMERS} 位已评分客户按最近购买与购买频率得分统计的热力图"),
        _ => format!("Heatmap of all {CUSTOMERS} scored customers by recency and frequency score"),
    };
    assert_eq!(name, ours);

    // 2. The first page: revenue, largest first; 1–50 of 130.
    let by_revenue = expected(&doc, "monetary", true, |_| true);
    wait_rows(&app, "the top 50 by revenue", &page(&by_revenue, 0)).await;
    assert_eq!(range(&app).await, ("1".into(), "50".into(), "130".into()));
    scroll_to(&app, "rfm-heatmap-data", "center").await;
    app.shot(&format!("{first}-heatmap")).await;

    // 3. Sort by frequency (largest first), then page to 51–100.
    click_shown(&app, "sort-frequency").await;
    let by_frequency = expected(&doc, "frequency", true, |_| true);
    wait_rows(&app, "sorted by frequency", &page(&by_frequency, 0)).await;
    click_shown(&app, "customer-next").await;
    wait_rows(&app, "the second page by frequency", &page(&by_frequency, 50)).await;
    assert_eq!(range(&app).await, ("51".into(), "100".into(), "130".into()));
    scroll_to(&app, "customer-range", "end").await;
    app.shot(&format!("{first}-by-frequency-page-2")).await;

    // 4. Tier B only (back to the first page), still by frequency.
    click_shown(&app, "customer-tier-B").await;
    let tier_b = expected(&doc, "frequency", true, |c| c["tier"] == "B");
    assert!(!tier_b.is_empty() && tier_b.len() < CUSTOMERS as usize);
    wait_rows(&app, "tier B by frequency", &page(&tier_b, 0)).await;
    assert_eq!(range(&app).await.2, tier_b.len().to_string());

    // 5. Search, any case, within all tiers: "shop-01" finds Shop-010 … Shop-019 but not the
    //    Chinese names among them.
    click_shown(&app, "customer-tier-all").await;
    scroll_to(&app, "customer-search", "center").await;
    app.set_input("customer-search", "shop-01").await;
    let found = expected(&doc, "frequency", true, |c| {
        c["customer"].as_str().unwrap().to_lowercase().contains("shop-01")
    });
    assert_eq!(found.len(), 7, "{found:?}");
    wait_rows(&app, "the search for shop-01", &found).await;
    app.shot(&format!("{first}-search")).await;
    app.set_input("customer-search", "华东门店12").await;
    let found = expected(&doc, "frequency", true, |c| {
        c["customer"].as_str().unwrap().contains("华东门店12")
    });
    wait_rows(&app, "the search for 华东门店12", &found).await;

    // 6. Nothing found: the empty state, and clearing the search brings all back.
    app.set_input("customer-search", "没有这个客户").await;
    app.wait_for("customer-empty").await;
    assert!(shown(&app).await.is_empty());
    app.shot(&format!("{first}-no-match")).await;
    click_shown(&app, "customer-clear").await;
    wait_rows(&app, "all customers again", &page(&by_frequency, 0)).await;

    // 7. The other language and the dark theme: same rows, same grid.
    switch_language(&app, other).await;
    open_tab(&app, "customers").await;
    click_shown(&app, "sort-tier").await;
    let by_tier = expected(&doc, "tier", false, |_| true);
    wait_rows(&app, "sorted by tier", &page(&by_tier, 0)).await;
    scroll_to(&app, "rfm-heatmap-data", "center").await;
    app.shot(&format!("{other}-heatmap")).await;
    scroll_to(&app, "customer-range", "end").await;
    app.shot(&format!("{other}-by-tier")).await;
    app.switch_to_dark().await;
    click_shown(&app, "customer-tier-A").await;
    let tier_a = expected(&doc, "tier", false, |c| c["tier"] == "A");
    wait_rows(&app, "tier A", &page(&tier_a, 0)).await;
    scroll_to(&app, "rfm-heatmap-data", "center").await;
    app.shot(&format!("{other}-dark-heatmap")).await;
    scroll_to(&app, "customer-range", "end").await;
    app.shot(&format!("{other}-dark-tier-a")).await;
    app.stop().await;
}

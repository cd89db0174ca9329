//! Step 2 (目标支撑体系) in the real window, from the template plan: an NPS count, a competitor
//! score and a new market item typed in place update the NPS, the gap row and the SWOT view;
//! orders with Chinese headers import through the dialog (a bad row is reported, a clean file
//! gives tiers, the chart and the playbooks). The saved file read by `salesplan compute --json`
//! must give the figures the window shows. Screenshots of every sub-step in both languages.

mod customers;
mod orders;
mod orders_files;
mod orders_large;

use crate::harness::{run_cli, tid, App, TestCtx};
use fantoccini::Locator;
use serde_json::Value;
use std::path::Path;
use std::time::Duration;

pub const TABS: [&str; 4] = ["market", "competition", "customers", "personas"];

/// Starts the app on a new plan from the template, on step 2's Customers & RFM sub-step;
/// returns the app and the language it started in.
pub async fn start_on_customers(ctx: &TestCtx) -> (App, String) {
    let app = ctx.start(&ctx.launch()).await;
    app.new_from_template().await;
    let first = app.attr("app", "data-locale").await.unwrap_or_default();
    app.nav("support").await;
    open_tab(&app, "customers").await;
    (app, first)
}

/// Opens a support sub-step by its tab.
pub async fn open_tab(app: &App, tab: &str) {
    app.click(&format!("support-tab-{tab}")).await;
    app.wait_for(&format!("support-panel-{tab}")).await;
}

/// Every sub-step once, top and lower half, with screenshots named `<label>-<tab>`.
pub async fn tour(app: &App, label: &str) {
    for tab in TABS {
        open_tab(app, tab).await;
        let _ = app.js("document.getElementById('canvas').scrollTo({top: 0});").await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        app.shot(&format!("{label}-{tab}")).await;
        let _ = app
            .js("const c = document.getElementById('canvas'); c.scrollTo({top: c.scrollHeight * 0.5});")
            .await;
        tokio::time::sleep(Duration::from_millis(200)).await;
        app.shot(&format!("{label}-{tab}-lower")).await;
    }
}

pub async fn switch_language(app: &App, to: &str) {
    app.click("lang-switch").await;
    app.wait_attr("app", "data-locale", &format!("becomes {to}"), |v| v == to)
        .await;
}

/// Saves the plan under `path` and returns `salesplan compute --json` on it.
pub async fn save_and_compute(app: &App, path: &Path) -> Value {
    app.answer_next_dialog(path);
    app.click("btn-save-as").await;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default()
        .to_string();
    app.wait_text("file-name", "names the saved plan", |t| t.contains(&stem))
        .await;
    app.wait_gone("dirty-indicator").await;
    let out = run_cli(&["compute".as_ref(), path.as_os_str(), "--json".as_ref()]);
    serde_json::from_str(&out).expect("compute --json prints JSON")
}

/// An attribute of the first element matching `css` (polled until present).
pub async fn attr_css(app: &App, css: &str, name: &str) -> String {
    let el = app.wait_for_css(css).await;
    el.attr(name).await.ok().flatten().unwrap_or_default()
}

/// Waits until `attr` of `css` satisfies `pred`; returns it.
pub async fn wait_attr_css(app: &App, css: &str, attr: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let pred = &pred;
    app.wait_until(what, crate::harness::UI_TIMEOUT, || async move {
        let el = app.client().find(Locator::Css(css)).await.ok()?;
        let v = el.attr(attr).await.ok().flatten()?;
        pred(&v).then_some(v)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn support_market_nps_competition() {
    let ctx = TestCtx::new("support_market_nps_competition").await;
    let app = ctx.start(&ctx.launch()).await;
    app.new_from_template().await;
    let first = app.attr("app", "data-locale").await.unwrap_or_default();
    let other = if first == "zh-CN" { "en" } else { "zh-CN" };
    app.nav("support").await;
    open_tab(&app, "market").await;

    // NPS: the template's 50 / 30 / 20 is +30; 60 promoters make it 40/110 → +36.4.
    let before = app.attr("nps-score", "data-value").await.unwrap_or_default();
    app.set_input("nps-promoters", "60").await;
    let after = app
        .wait_attr("nps-score", "data-value", "the NPS to change", |v| v != before)
        .await;
    app.shot(&format!("{first}-nps-edited")).await;

    // A new threat, weight 9: the threat weight grows by 9 and SWOT lists it.
    let swot_threats = format!("{} {}", tid("swot-threats"), tid("swot-entry"));
    open_tab(&app, "competition").await;
    app.wait_for("swot").await;
    let threats_before = app.all(&swot_threats).await.len();
    open_tab(&app, "market").await;
    let items_before = app.all(&tid("market-item")).await.len();
    app.click("add-market-threat").await;
    app.wait_until("a new market item", crate::harness::UI_TIMEOUT, || async {
        (app.all(&tid("market-item")).await.len() == items_before + 1).then_some(())
    })
    .await;
    let items = app.all(&tid("market-item")).await;
    let new_item = items.last().expect("the new item");
    let title = new_item
        .find(Locator::Css(&tid("market-title")))
        .await
        .expect("title input");
    app.type_into(&title, "新竞品进入华东市场").await;
    let weight = new_item
        .find(Locator::Css(&tid("market-weight")))
        .await
        .expect("weight input");
    app.type_into(&weight, "9").await;
    // Linking it to the first goal clears its "no goal" hint.
    let goal = new_item
        .find(Locator::Css(&tid("market-goal")))
        .await
        .expect("a goal chip");
    app.click_el(&goal, "market-goal").await;
    app.wait_until("the goal link", crate::harness::UI_TIMEOUT, || async {
        let items = app.all(&tid("market-item")).await;
        let item = items.last()?;
        let chip = item.find(Locator::Css(&tid("market-goal"))).await.ok()?;
        (chip.attr("aria-pressed").await.ok().flatten().as_deref() == Some("true")).then_some(())
    })
    .await;
    app.shot(&format!("{first}-market-added")).await;
    open_tab(&app, "competition").await;
    app.wait_until("SWOT to list the new threat", crate::harness::UI_TIMEOUT, || async {
        (app.all(&swot_threats).await.len() == threats_before + 1).then_some(())
    })
    .await;

    // Competition: the own company's first score drops to 3 → that attribute now trails.
    app.wait_for("competition-radar").await;
    let own = app
        .wait_for_css("[data-testid=\"competitor-row\"][data-own=\"true\"]")
        .await;
    let cell = own
        .find(Locator::Css(&tid("competitor-score")))
        .await
        .expect("a score cell");
    app.type_into(&cell, "3").await;
    wait_attr_css(
        &app,
        &tid("attribute-gap"),
        "data-position",
        "the first attribute to trail",
        |v| v == "trail",
    )
    .await;
    app.shot(&format!("{first}-competition-edited")).await;

    // The saved file computes to what the window shows.
    let doc = save_and_compute(&app, &ctx.dir("plans").join("support.salesplan")).await;
    let support = &doc["report"]["support"];
    assert_eq!(
        support["nps"]["score"].as_str(),
        Some(after.as_str()),
        "NPS: window {after}"
    );
    assert_eq!(support["nps"]["promoters"], 60);
    let threats = support["swot"]["threats"].as_array().expect("threats");
    assert_eq!(threats.len(), threats_before + 1);
    assert!(
        threats.iter().any(|t| t["label"] == "新竞品进入华东市场"),
        "{threats:?}"
    );
    let weights = app.text("swot-weights").await;
    let tw = support["swot"]["threat_weight"].as_str().expect("threat weight");
    assert!(
        weights.contains(tw),
        "SWOT weights {weights:?} show the threat weight {tw}"
    );
    let first_attr = &support["competition"]["attributes"][0];
    assert_eq!(first_attr["own"], "3");
    assert_eq!(first_attr["position"], "trail");
    let gap = attr_css(&app, &tid("attribute-gap"), "data-position").await;
    assert_eq!(gap, "trail");

    tour(&app, &first).await;
    switch_language(&app, other).await;
    tour(&app, other).await;
    app.switch_to_dark().await;
    tour(&app, &format!("{other}-dark")).await;
    app.stop().await;
}

//! A blank plan: every sub-step says what to do first, and following its buttons builds the
//! chain goal → split by tier → funnel by tier → cash-in plan.

use super::ui::*;
use crate::harness::{tid, App, TestCtx};

async fn disabled(app: &App, id: &str) -> bool {
    app.attr(id, "disabled").await.is_some()
}

async fn teaches(app: &App, tab: &str, id: &str, shot: &str) {
    open_tab(app, tab).await;
    app.wait_attr("page-targets", "data-tab", &format!("is {tab}"), |v| v == tab)
        .await;
    let el = app.wait_for(id).await;
    let text = app.inner_text(&el).await.unwrap_or_default();
    assert!(
        text.trim().len() > 20,
        "{id} on {tab} does not explain anything: {text:?}"
    );
    scroll_to(app, &el).await;
    tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(
        app.attr("page-targets", "data-tab").await.as_deref(),
        Some(tab),
        "the sub-step moved"
    );
    app.shot(shot).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn section1_blank_plan_teaches() {
    let ctx = TestCtx::new("section1_blank_plan_teaches").await;
    let app = ctx.start(&ctx.launch()).await;
    let locale = app.attr("app", "data-locale").await.unwrap_or_default();
    app.new_blank_plan().await;
    app.nav("targets").await;

    // No goal yet: each sub-step sends the user back to the goals.
    teaches(&app, "split", "split-empty-goals", &format!("{locale}-split-no-goal")).await;
    teaches(&app, "phasing", "phasing-empty", &format!("{locale}-phasing-no-goal")).await;
    teaches(&app, "funnel", "funnel-no-goal", &format!("{locale}-funnel-no-goal")).await;
    teaches(&app, "cashin", "cashin-no-goal", &format!("{locale}-cashin-no-goal")).await;

    // A bookings goal with a target.
    open_tab(&app, "goals").await;
    app.click("add-goal-bookings").await;
    app.set_input("goal-target", "1000000").await;

    // The split teaches and offers only the dimensions that have members (tiers, not regions).
    teaches(&app, "split", "split-empty", &format!("{locale}-split-empty")).await;
    assert!(
        disabled(&app, "split-add-org").await,
        "no regions yet: a split by region is refused"
    );
    assert!(
        !disabled(&app, "split-add-tier").await,
        "the blank plan's tiers can be split across"
    );

    // A funnel by tier before the split by tier: the card says to split first, and does it.
    teaches(&app, "funnel", "funnel-start", &format!("{locale}-funnel-start")).await;
    app.click("funnel-add-tier").await;
    teaches(
        &app,
        "funnel",
        "funnel-needs-split",
        &format!("{locale}-funnel-needs-split"),
    )
    .await;
    app.click("funnel-split-now").await;
    let summary = app.wait_for("funnel-summary").await;
    let rows = all_inside(&summary, &tid("funnel-summary-row")).await;
    assert_eq!(rows.len(), 3, "one funnel segment per tier");
    // Deal sizes are not set yet: the findings say so under the funnel.
    app.wait_for_css(&format!(
        "{}[data-code=\"funnel.zero_deal_size\"]",
        tid("funnel-finding")
    ))
    .await;
    app.shot(&format!("{locale}-funnel-deal-size")).await;

    // Cash-in: one click gives a plan with 100 % at 30 days; no cash-in goal to check against.
    teaches(&app, "cashin", "cashin-start", &format!("{locale}-cashin-start")).await;
    app.click("cashin-add").await;
    app.wait_for("cashin-card").await;
    app.wait_for("cashin-k-collections").await;
    app.shot(&format!("{locale}-cashin-added")).await;

    // No history in a blank plan: the month weights fall back to flat.
    open_tab(&app, "phasing").await;
    app.wait_for_css("[data-testid^=\"phasing-\"][data-basis=\"flat\"]")
        .await;
    app.shot(&format!("{locale}-phasing-flat")).await;
    app.stop().await;
}

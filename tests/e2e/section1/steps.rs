//! The edits of the test, sub-step by sub-step, as a user makes them.

use super::ui::*;
use super::Seen;
use crate::harness::{tid, App};
use rust_decimal::Decimal;
use std::time::Duration;

async fn attr(app: &App, el: &fantoccini::elements::Element, name: &str) -> String {
    match el.attr(name).await {
        Ok(Some(v)) => v,
        other => app.fail(format!("attribute {name}: {other:?}")).await,
    }
}

async fn member_ids(app: &App, card: &fantoccini::elements::Element) -> Vec<String> {
    let mut ids = vec![];
    for row in all_inside(card, &tid("split-row")).await {
        ids.push(attr(app, &row, "data-member-id").await);
    }
    ids
}

/// Split: lock a region, type a commitment, switch the tier split to percents typed with the
/// keyboard (Enter moves down; Esc reverts), add a split by channel, drill a region to teams.
pub async fn split(app: &App, locale: &str, seen: &mut Seen) {
    open_tab(app, "split").await;
    let region_css = format!("{}[data-dimension=\"org\"][data-parent=\"\"]", tid("split-card"));
    let region = app.wait_for_css(&region_css).await;
    seen.region_split = attr(app, &region, "data-split-id").await;
    seen.regions = member_ids(app, &region).await;
    assert_eq!(seen.regions.len(), 3, "the template splits bookings over three regions");
    let crossed = app
        .wait_for_css(&format!("{region_css} {}", tid("crossed-table")))
        .await;
    scroll_to(app, &crossed).await;
    app.shot(&format!("{locale}-split-crossed")).await;
    scroll_start(app, &region).await;
    app.wait_for_css(&format!("{region_css} {}", tid("split-chart"))).await;
    app.shot(&format!("{locale}-split")).await;
    let rid = seen.region_split.clone();

    // Lock the third region at 3,000,000: the other two rebalance by their history.
    let third = seen.regions[2].clone();
    click_centered(
        app,
        &app.wait_for_css(&split_cell(&rid, &third, "split-lock")).await,
        "lock",
    )
    .await;
    let locked = app.wait_for_css(&split_cell(&rid, &third, "split-locked")).await;
    app.type_into(&locked, "3000000").await;
    let total_locked = format!("{} {}", split_card(&rid), tid("split-t-locked"));
    wait_number(app, &total_locked, Decimal::from(3_000_000)).await;

    // A bottom-up commitment for the first region.
    let first = seen.regions[0].clone();
    let commit = app.wait_for_css(&split_cell(&rid, &first, "split-commitment")).await;
    app.type_into(&commit, "6100000").await;
    app.wait_until("the commitment to be taken", crate::harness::UI_TIMEOUT, || async {
        let v = attr_of(app, &split_cell(&rid, &first, "split-gap"), "data-value").await;
        (v == "475000").then_some(())
    })
    .await;

    // The tier split by percent, typed down the column with Enter.
    let tier_css = format!("{}[data-dimension=\"tier\"]", tid("split-card"));
    let tier = app.wait_for_css(&tier_css).await;
    seen.tier_split = attr(app, &tier, "data-split-id").await;
    seen.tiers = member_ids(app, &tier).await;
    let tid_ = seen.tier_split.clone();
    let method = inside(app, &tier, &tid("split-method")).await;
    choose(app, &method, "manual_percent").await;
    let cell = |i: usize| split_cell(&tid_, &seen.tiers[i], "split-input");
    let c0 = app.wait_for_css(&cell(0)).await;
    app.type_into(&c0, "50").await;
    let key = |i: usize| format!("split:{tid_}:{}:input", seen.tiers[i]);
    app.wait_until(
        "Enter to move down the percent column",
        crate::harness::UI_TIMEOUT,
        || async { (focused_key(app).await == key(1)).then_some(()) },
    )
    .await;
    type_into_focused(app, "30").await;
    app.wait_until("Enter to move to the third row", crate::harness::UI_TIMEOUT, || async {
        (focused_key(app).await == key(2)).then_some(())
    })
    .await;
    type_into_focused(app, "20").await;
    let alloc0 = split_cell(&tid_, &seen.tiers[0], "split-allocated");
    wait_number(app, &alloc0, Decimal::from(6_500_000)).await;
    // Escape reverts a cell before its edit is sent.
    let c0 = app.wait_for_css(&cell(0)).await;
    type_then_escape(app, &c0, "77").await;
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(App::value_of(&c0).await, "50", "Escape did not revert the cell");
    wait_number(app, &alloc0, Decimal::from(6_500_000)).await;
    scroll_start(app, &tier).await;
    app.shot(&format!("{locale}-split-tier-percent")).await;

    // A new split of the same goal by channel (no channel history: equal shares).
    app.click("split-add-channel").await;
    let channel = app
        .wait_for_css(&format!("{}[data-dimension=\"channel\"]", tid("split-card")))
        .await;
    seen.channel_split = attr(app, &channel, "data-split-id").await;
    // Percents pasted as a column from a spreadsheet into the first cell.
    choose(
        app,
        &inside(app, &channel, &tid("split-method")).await,
        "manual_percent",
    )
    .await;
    let first_cell = format!("{} {}", split_card(&seen.channel_split), tid("split-input"));
    let cell = app.wait_for_css(&first_cell).await;
    paste_text(app, &cell, "50%\n30%\n20%\n").await;
    let alloc = format!("{} {}", split_card(&seen.channel_split), tid("split-allocated"));
    wait_number(app, &alloc, Decimal::from(6_500_000)).await;
    scroll_start(app, &channel).await;
    app.shot(&format!("{locale}-split-channel")).await;

    // Drill the second region down to its teams.
    let second = seen.regions[1].clone();
    click_centered(
        app,
        &app.wait_for_css(&split_cell(&rid, &second, "split-drill")).await,
        "drill",
    )
    .await;
    let teams = app
        .wait_for_css(&format!("{}[data-parent=\"{second}\"]", tid("split-card")))
        .await;
    seen.south_teams_split = attr(app, &teams, "data-split-id").await;
    // The teams have no history of their own: their split starts equal, with no history error.
    let method = inside(app, &teams, &tid("split-method")).await;
    assert_eq!(
        App::value_of(&method).await,
        "equal",
        "a drilled split without history starts equal"
    );
    assert!(
        teams
            .find(fantoccini::Locator::Css(&tid("split-no-history")))
            .await
            .is_err(),
        "no history error on a split that does not use history"
    );
    let team_alloc = format!("{} {}", split_card(&seen.south_teams_split), tid("split-allocated"));
    app.wait_for_css(&team_alloc).await;
    app.wait_until("the teams to be split", crate::harness::UI_TIMEOUT, || async {
        let v = attr_of(app, &team_alloc, "data-value").await;
        (!v.is_empty()).then_some(())
    })
    .await;
    scroll_start(app, &teams).await;
    app.shot(&format!("{locale}-split-drill")).await;
}

/// Phasing: the bookings goal by manual weights, December raised; weeks and days views.
pub async fn phasing(app: &App, locale: &str, seen: &mut Seen) {
    open_tab(app, "phasing").await;
    let card_css = "[data-testid^=\"phasing-\"][data-kind=\"bookings\"]";
    let card = app.wait_for_css(card_css).await;
    let testid = attr(app, &card, "data-testid").await;
    seen.bookings_goal = testid.trim_start_matches("phasing-").to_string();
    app.shot(&format!("{locale}-phasing")).await;
    click_centered(app, &inside(app, &card, &tid("season-manual")).await, "manual").await;
    app.wait_attr(&testid, "data-basis", "becomes manual", |b| b == "manual")
        .await;
    let dec = app
        .wait_for_css(&format!("{card_css} {}", tid("season-weight-12")))
        .await;
    app.type_into(&dec, "4500000").await;
    app.wait_until("December's weight to be taken", crate::harness::UI_TIMEOUT, || async {
        let rule = app
            .js("return document.querySelector('[data-testid=\"season-weight-12\"]').value;")
            .await
            .ok()?;
        rule.as_str()
            .filter(|v| v.contains("4500000") || v.contains("4,500,000"))
            .map(|_| ())
    })
    .await;
    app.shot(&format!("{locale}-phasing-manual")).await;
    click_centered(app, &inside(app, &card, &tid("phasing-view-weeks")).await, "weeks").await;
    app.wait_for("phasing-table-weeks").await;
    app.shot(&format!("{locale}-phasing-weeks")).await;
    click_centered(app, &inside(app, &card, &tid("phasing-view-days")).await, "days").await;
    app.wait_for("phasing-table-days").await;
    app.shot(&format!("{locale}-phasing-days")).await;
    click_centered(app, &inside(app, &card, &tid("phasing-view-months")).await, "months").await;
    app.wait_for("phasing-table-months").await;
}

/// Funnel: the second tier's deal size and lead → opportunity rate.
pub async fn funnel(app: &App, locale: &str, seen: &mut Seen) {
    open_tab(app, "funnel").await;
    let card = app.wait_for("funnel-card").await;
    app.wait_for("funnel-chart").await;
    app.shot(&format!("{locale}-funnel")).await;
    let picks = all_inside(&card, &tid("funnel-segment-pick")).await;
    assert!(picks.len() >= 2, "the template's funnel has a segment per tier");
    click_centered(app, &picks[1], "second segment").await;
    app.wait_for_css(&format!("{}[data-index=\"1\"]", tid("funnel-drivers")))
        .await;
    let row = app
        .wait_for_css(&format!("{}[data-index=\"1\"]", tid("funnel-summary-row")))
        .await;
    seen.funnel_member = attr(app, &row, "data-member-id").await;
    app.set_input("funnel-deal_size", "50000").await;
    app.set_input("funnel-lead_to_opportunity", "35").await;
    app.blur().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.shot(&format!("{locale}-funnel-edited")).await;
    let months = app.wait_for("funnel-months").await;
    scroll_to(app, &months).await;
    app.shot(&format!("{locale}-funnel-months")).await;
}

/// Cash-in: terms 20 % on order, 70 % at 45 days, 10 % at 75 days; bad debt 1.5 %.
pub async fn cash_in(app: &App, locale: &str) {
    open_tab(app, "cashin").await;
    app.wait_for("cashin-card").await;
    app.wait_for("cashin-chart").await;
    app.shot(&format!("{locale}-cashin")).await;
    let term = |i: usize, f: &str| format!("{}[data-index=\"{i}\"] {}", tid("cashin-term"), tid(f));
    app.type_into(&app.wait_for_css(&term(1, "cashin-term-days")).await, "45")
        .await;
    app.click("cashin-term-add").await;
    let p2 = app.wait_for_css(&term(2, "cashin-term-percent")).await;
    // The new term's percent takes the focus, ready to type over.
    app.wait_until("the new term to take the focus", crate::harness::UI_TIMEOUT, || async {
        (focused_key(app).await.ends_with(":term:2:percent")).then_some(())
    })
    .await;
    app.type_into(&p2, "10").await;
    app.type_into(&app.wait_for_css(&term(0, "cashin-term-percent")).await, "20")
        .await;
    app.set_input("cashin-bad_debt", "1.5").await;
    app.wait_until("the terms to add up to 100 %", crate::harness::UI_TIMEOUT, || async {
        let bad = app
            .all(&format!(
                "{}[data-code=\"cashin.terms_not_100\"]",
                tid("cashin-finding")
            ))
            .await;
        let days = app.try_find("cashin-term").await.is_some();
        (bad.is_empty() && days).then_some(())
    })
    .await;
    app.blur().await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    app.shot(&format!("{locale}-cashin-edited")).await;
    let months = app.wait_for("cashin-months").await;
    scroll_to(app, &months).await;
    app.shot(&format!("{locale}-cashin-months")).await;
}

/// A finding in the plan-health panel jumps to the sub-step and the card it is about.
pub async fn finding_jumps(app: &App, code: &str, tab: &str) {
    open_tab(app, "goals").await;
    app.click("health-badge").await;
    let css = format!("{}[data-code=\"{code}\"]", tid("finding"));
    app.click_el(&app.wait_for_css(&css).await, code).await;
    app.wait_attr("page-targets", "data-tab", &format!("is {tab}"), |v| v == tab)
        .await;
    app.wait_until(
        "the card of the finding to take the focus",
        crate::harness::UI_TIMEOUT,
        || async { (focused_key(app).await.starts_with(&format!("{tab}:"))).then_some(()) },
    )
    .await;
    app.shot(&format!("finding-{code}")).await;
}

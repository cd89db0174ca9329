//! What the window shows against `salesplan compute --json` on the saved file.

use super::ui::*;
use super::Seen;
use crate::harness::{number_in, tid, App};
use rust_decimal::Decimal;
use serde_json::Value;

fn dec(v: &Value) -> Decimal {
    v.as_str()
        .unwrap_or_else(|| panic!("{v} is not decimal text"))
        .parse()
        .unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn find<'a>(list: &'a Value, key: &str, id: &str) -> &'a Value {
    list.as_array()
        .and_then(|l| l.iter().find(|x| x[key] == id))
        .unwrap_or_else(|| panic!("no {key} = {id} in the compute document"))
}

/// Every member's allocation, quota and gap, and the totals, of the four splits touched.
pub async fn splits(app: &App, doc: &Value, seen: &Seen) {
    open_tab(app, "split").await;
    let splits = &doc["report"]["breakdown"]["splits"];
    for id in [
        &seen.region_split,
        &seen.tier_split,
        &seen.channel_split,
        &seen.south_teams_split,
    ] {
        let split = find(splits, "id", id);
        let result = &split["result"];
        assert!(result.is_object(), "split {id} has no result: {split}");
        for m in result["members"].as_array().expect("members") {
            let member = m["id"].as_str().expect("member id");
            let want = dec(&m["allocated"]);
            let shown = if m["locked"] == true {
                let el = app.wait_for_css(&split_cell(id, member, "split-locked")).await;
                number_in(&App::value_of(&el).await).expect("locked amount")
            } else {
                shown_number(app, &split_cell(id, member, "split-allocated")).await
            };
            assert_eq!(shown, want, "split {id}, member {member}: allocated");
            if !m["quota"].is_null() {
                let quota = shown_number(app, &split_cell(id, member, "split-quota")).await;
                assert_eq!(quota, dec(&m["quota"]), "split {id}, member {member}: quota");
            }
            let gap = attr_of(app, &split_cell(id, member, "split-gap"), "data-value").await;
            assert_eq!(gap, m["commitment_gap"].as_str().unwrap_or(""), "member {member}: gap");
        }
        let totals = &result["totals"];
        let css = format!("{} {}", split_card(id), tid("split-total-allocated"));
        assert_eq!(
            shown_number(app, &css).await,
            dec(&totals["allocated"]),
            "split {id}: total"
        );
        let css = format!("{} {}", split_card(id), tid("split-t-unassigned"));
        assert_eq!(
            shown_number(app, &css).await,
            dec(&totals["unassigned"]),
            "split {id}: unassigned"
        );
        if !totals["quota"].is_null() {
            let css = format!("{} {}", split_card(id), tid("split-t-quota"));
            assert_eq!(
                shown_number(app, &css).await,
                dec(&totals["quota"]),
                "split {id}: quotas"
            );
        }
    }
    // The region split: 3,000,000 locked, the rest by history; quotas 10 % over the plan.
    let region = find(splits, "id", &seen.region_split);
    assert_eq!(region["result"]["totals"]["locked"], "3000000");
    assert_eq!(region["result"]["totals"]["total"], "13000000");
    assert_eq!(region["result"]["totals"]["quota"], "14300000");
    let tier = find(splits, "id", &seen.tier_split);
    let shares: Vec<&str> = (tier["result"]["members"].as_array().expect("tiers").iter())
        .map(|m| m["allocated"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(shares, ["6500000", "3900000", "2600000"], "tiers at 50/30/20 %");
    let channel = find(splits, "id", &seen.channel_split);
    assert_eq!(channel["dimension"], "channel");
    let teams = find(splits, "id", &seen.south_teams_split);
    assert_eq!(teams["org_parent"], seen.regions[1].as_str());
}

/// The bookings goal's months, now by manual weights.
pub async fn phasing(app: &App, doc: &Value, seen: &Seen) {
    open_tab(app, "phasing").await;
    let goal = find(&doc["report"]["phasing"], "goal_id", &seen.bookings_goal);
    assert_eq!(goal["basis"], "manual", "the bookings goal is phased by manual weights");
    let months = goal["months"].as_array().expect("months");
    assert_eq!(months.len(), 3, "Q4 has three months");
    let card = format!("{}", tid(&format!("phasing-{}", seen.bookings_goal)));
    let mut sum = Decimal::ZERO;
    for m in months {
        let month = &m["month"].as_str().expect("month")[..7];
        let css = format!(
            "{card} {}[data-month=\"{month}\"] {}",
            tid("phasing-month"),
            tid("phasing-amount")
        );
        let shown = shown_number(app, &css).await;
        assert_eq!(shown, dec(&m["amount"]), "phasing {month}");
        sum += shown;
    }
    assert_eq!(sum, Decimal::from(13_000_000), "the months add up to the target");
}

/// The edited funnel segment: its totals and every month's counts.
pub async fn funnel(app: &App, doc: &Value, seen: &Seen) {
    open_tab(app, "funnel").await;
    let funnel = &doc["report"]["breakdown"]["funnels"][0];
    let segment = find(&funnel["segments"], "member_id", &seen.funnel_member);
    let plan = &segment["plan"];
    let row = format!(
        "{}[data-member-id=\"{}\"]",
        tid("funnel-summary-row"),
        seen.funnel_member
    );
    click_centered(
        app,
        &app.wait_for_css(&format!("{row} {}", tid("funnel-segment-pick"))).await,
        "segment",
    )
    .await;
    for (cell, key) in [
        ("deals", "deals"),
        ("opportunities", "opportunities"),
        ("leads", "leads"),
    ] {
        let want = Decimal::from(plan["totals"][key].as_u64().expect("count"));
        let css = format!("{row} {}", tid(&format!("funnel-s-{cell}")));
        assert_eq!(shown_number(app, &css).await, want, "funnel summary {cell}");
        let css = tid(&format!("funnel-total-{cell}"));
        assert_eq!(shown_number(app, &css).await, want, "funnel total {cell}");
    }
    for m in plan["months"].as_array().expect("months") {
        let month = &m["month"].as_str().expect("month")[..7];
        let tr = format!("{}[data-month=\"{month}\"]", tid("funnel-month"));
        for key in ["deals", "opportunities", "leads"] {
            let want = Decimal::from(m[key].as_u64().expect("count"));
            let shown = shown_number(app, &format!("{tr} {}", tid(&format!("funnel-m-{key}")))).await;
            assert_eq!(shown, want, "funnel {month} {key}");
        }
        let before = attr_of(app, &tr, "data-before").await;
        assert_eq!(
            before,
            m["before_period"].to_string(),
            "funnel {month} marked before the period"
        );
    }
}

/// Collections by month, the headline figures and the gap to the cash-in target.
pub async fn cash_in(app: &App, doc: &Value, _seen: &Seen) {
    open_tab(app, "cashin").await;
    let cash = &doc["report"]["breakdown"]["cash_in"][0];
    let s = &cash["schedule"];
    for m in s["months"].as_array().expect("months") {
        let month = &m["month"].as_str().expect("month")[..7];
        let tr = format!("{}[data-month=\"{month}\"]", tid("cashin-month"));
        for (cell, key) in [
            ("collections", "collections"),
            ("bookings", "bookings"),
            ("closing", "closing_receivables"),
        ] {
            let shown = shown_number(app, &format!("{tr} {}", tid(&format!("cashin-m-{cell}")))).await;
            assert_eq!(shown, dec(&m[key]), "cash-in {month} {key}");
        }
    }
    let collections = shown_number(app, &tid("cashin-k-collections")).await;
    assert_eq!(collections, dec(&s["collections"]), "collections in the period");
    let total = shown_number(app, &tid("cashin-total-collections")).await;
    assert_eq!(total, dec(&s["collections"]), "collections total row");
    assert_eq!(
        attr_of(app, &tid("cashin-k-dso"), "data-value").await,
        s["dso_days"].as_str().unwrap_or("")
    );
    assert_eq!(
        attr_of(app, &tid("cashin-k-rate"), "data-value").await,
        s["collection_rate"].as_str().unwrap_or("")
    );
    assert_eq!(
        attr_of(app, &tid("cashin-k-gap"), "data-value").await,
        cash["gap"].as_str().unwrap_or("")
    );
    let terms = s["by_booking_month"].as_array().expect("by booking month");
    assert!(
        terms
            .iter()
            .all(|b| b["collections"].as_array().is_some_and(|c| c.len() >= 3)),
        "three terms land in three months or more"
    );
}

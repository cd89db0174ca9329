//! A plan from the template: change a goal, see the engine's verdict, save it, read it back.

use crate::harness::{number_in, run_cli, tid, App, TestCtx};
use rust_decimal::Decimal;
use salesplan_core::model::GoalKind;
use std::path::Path;

/// Titles of the bundled Q4 template in its two languages.
pub const TEMPLATE_TITLES: [&str; 2] = ["Q4销售额增长30%", "Q4 sales +30 %"];

const BOOKINGS_CARD: &str = "[data-testid=\"goal-card\"][data-kind=\"bookings\"]";

/// The value of an input inside the bookings goal card.
async fn bookings_input(app: &App, field: &str) -> String {
    let card = app.wait_for_css(BOOKINGS_CARD).await;
    let input = match card.find(fantoccini::Locator::Css(&tid(field))).await {
        Ok(el) => el,
        Err(e) => {
            app.fail(format!("{field} missing in the bookings goal card: {e}"))
                .await
        }
    };
    App::value_of(&input).await
}

/// Text or attribute of a computed element inside the bookings goal card, polled until `pred`.
async fn wait_bookings(app: &App, field: &str, attr: Option<&str>, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let pred = &pred;
    app.wait_until(
        &format!("bookings card {field} {what}"),
        crate::harness::UI_TIMEOUT,
        || async move {
            let card = app.client().find(fantoccini::Locator::Css(BOOKINGS_CARD)).await.ok()?;
            let el = card.find(fantoccini::Locator::Css(&tid(field))).await.ok()?;
            let v = match attr {
                Some(a) => el.attr(a).await.ok()??,
                None => app.inner_text(&el).await?,
            };
            pred(&v).then_some(v)
        },
    )
    .await
}

fn is_number(text: &str, n: i64) -> bool {
    number_in(text) == Some(Decimal::from(n))
}

/// Files in a folder, sorted.
pub fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The bookings goal's monthly phasing (纵向拆解) on the targets page equals the compute
/// document of the same plan (saved through the dialog seam, `salesplan compute FILE --json`),
/// and its three months sum to the 13,000,000 target.
async fn check_phasing(ctx: &TestCtx, app: &App) {
    let path = ctx.dir("phasing").join("q4-template.salesplan");
    app.answer_next_dialog(&path);
    app.click("btn-save-as").await;
    app.wait_text("file-name", "names the saved template", |t| t.contains("q4-template"))
        .await;
    let out = run_cli(&["compute".as_ref(), path.as_os_str(), "--json".as_ref()]);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("compute --json prints JSON");
    let goals = doc["goals"].as_array().expect("goals");
    let id = goals
        .iter()
        .find(|g| g["kind"] == "bookings")
        .and_then(|g| g["id"].as_str())
        .expect("a bookings goal in the compute document");
    let phasing = doc["report"]["phasing"].as_array().expect("report.phasing");
    let goal = phasing
        .iter()
        .find(|p| p["goal_id"] == id)
        .expect("the bookings goal is phased");
    assert_eq!(goal["basis"], "history", "the template has a full year of history");
    let expected: Vec<(String, Decimal)> = goal["months"]
        .as_array()
        .expect("months")
        .iter()
        .map(|m| {
            let month = m["month"].as_str().expect("month")[..7].to_string();
            (
                month,
                m["amount"].as_str().expect("amount").parse().expect("decimal amount"),
            )
        })
        .collect();
    assert_eq!(expected.len(), 3, "Q4 has three months: {expected:?}");

    // The phasing is the third sub-step of the targets step (纵向拆解).
    app.click("targets-tab-phasing").await;
    let block = app.wait_for_css(&tid(&format!("phasing-{id}"))).await;
    let mut shown = vec![];
    for (month, _) in &expected {
        let row = format!(
            "{}[data-month=\"{month}\"] {}",
            tid("phasing-month"),
            tid("phasing-amount")
        );
        let cell = match block.find(fantoccini::Locator::Css(&row)).await {
            Ok(el) => el,
            Err(e) => app.fail(format!("phasing row {month} missing: {e}")).await,
        };
        let text = app.inner_text(&cell).await.unwrap_or_default();
        let value = number_in(&text).unwrap_or_else(|| panic!("phasing amount {month} is {text:?}"));
        shown.push((month.clone(), value));
    }
    // Bring the block into view for the screenshot.
    if let Ok(arg) = serde_json::to_value(&block) {
        let js = "arguments[0].scrollIntoView({block: 'center'});";
        let _ = app.client().execute(js, vec![arg]).await;
    }
    app.shot("targets-phasing").await;
    assert_eq!(shown, expected, "the phasing shown differs from `salesplan compute`");
    let total: Decimal = shown.iter().map(|(_, v)| *v).sum();
    assert_eq!(total, Decimal::from(13_000_000), "the months do not sum to the target");
    app.click("targets-tab-goals").await;
    app.wait_for_css(BOOKINGS_CARD).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_plan_goals_save_reopen() {
    let ctx = TestCtx::new("new_plan_goals_save_reopen").await;
    let app = ctx.start(&ctx.launch()).await;
    app.shot("start").await;

    // Without a file the app starts on the Q4 template (state.rs), unsaved but not dirty.
    let start_title = app.text("plan-title").await;
    assert!(
        TEMPLATE_TITLES.iter().any(|t| start_title.contains(t)),
        "without a file the app should start on the Q4 template; plan-title is {start_title:?}"
    );
    assert!(
        !app.exists("dirty-indicator").await,
        "a freshly started app shows unsaved changes"
    );
    assert!(
        !app.exists("error-banner").await,
        "a freshly started app shows an error"
    );
    app.nav("targets").await;
    app.shot("start-targets").await;
    assert_eq!(
        app.all(&tid("goal-card")).await.len(),
        2,
        "the start plan lacks the template's two company goals"
    );

    // New plan from the template.
    app.new_from_template().await;
    let title = app.text("plan-title").await;
    assert!(
        TEMPLATE_TITLES.iter().any(|t| title.contains(t)),
        "template plan title is {title:?}"
    );
    app.nav("targets").await;
    app.shot("targets-template").await;
    assert!(
        is_number(&bookings_input(&app, "goal-baseline").await, 10_000_000),
        "template bookings baseline"
    );
    assert!(
        is_number(&bookings_input(&app, "goal-target").await, 13_000_000),
        "template bookings target"
    );
    wait_bookings(&app, "goal-growth", None, "shows 30 %", |t| {
        is_number(t, 30) && t.contains('%')
    })
    .await;
    wait_bookings(&app, "goal-band", Some("data-band"), "is stretch", |b| b == "stretch").await;
    check_phasing(&ctx, &app).await;

    // Target 14,000,000 on a 10,000,000 baseline: +40 %, the aggressive threshold (≥ 40 %).
    let card = app.wait_for_css(BOOKINGS_CARD).await;
    let target = card
        .find(fantoccini::Locator::Css(&tid("goal-target")))
        .await
        .expect("goal-target");
    app.type_into(&target, "14000000").await;
    let growth = wait_bookings(&app, "goal-growth", None, "shows 40 %", |t| {
        is_number(t, 40) && t.contains('%')
    })
    .await;
    wait_bookings(&app, "goal-band", Some("data-band"), "is aggressive", |b| {
        b == "aggressive"
    })
    .await;
    app.wait_for("dirty-indicator").await;
    eprintln!("growth shown: {growth:?}");
    app.shot("targets-aggressive").await;

    // Save as, through the dialog seam.
    let plans = ctx.dir("plans");
    let path = plans.join("q4-aggressive.salesplan");
    app.answer_next_dialog(&path);
    app.click("btn-save-as").await;
    app.wait_gone("dirty-indicator").await;
    app.wait_text("file-name", "names the saved file", |t| t.contains("q4-aggressive"))
        .await;
    app.shot("saved").await;
    assert!(
        app.pending_dialog_answers().is_empty(),
        "the save dialog did not take its answer"
    );
    assert!(
        path.is_file(),
        "save-as reported success but {} does not exist",
        path.display()
    );
    assert_eq!(
        listing(&plans),
        vec!["q4-aggressive.salesplan"],
        "save left other files beside the plan"
    );

    // The file holds what the UI showed.
    let scratch = ctx.dir("scratch");
    let loaded = salesplan_core::store::read_plan_file(&path, &scratch).expect("the saved file reads back");
    let bookings = loaded
        .plan
        .goals
        .iter()
        .find(|g| g.kind == GoalKind::Bookings)
        .expect("bookings goal saved");
    assert_eq!(
        bookings.target,
        Some(Decimal::from(14_000_000)),
        "saved bookings target"
    );
    assert_eq!(
        bookings.baseline,
        Some(Decimal::from(10_000_000)),
        "saved bookings baseline"
    );
    assert!(
        TEMPLATE_TITLES.contains(&loaded.plan.header.title.as_str()),
        "saved title {:?}",
        loaded.plan.header.title
    );
    assert!(!loaded.newer_version);
    app.stop().await;

    // Open it again through btn-open (seam) in a fresh app.
    let app = ctx.start(&ctx.launch()).await;
    app.answer_next_dialog(&path);
    app.click("btn-open").await;
    app.wait_text("file-name", "names the opened file", |t| t.contains("q4-aggressive"))
        .await;
    app.nav("targets").await;
    assert!(
        is_number(&bookings_input(&app, "goal-target").await, 14_000_000),
        "reopened target (btn-open)"
    );
    wait_bookings(&app, "goal-band", Some("data-band"), "is aggressive", |b| {
        b == "aggressive"
    })
    .await;
    assert!(
        !app.exists("dirty-indicator").await,
        "a plan just opened shows unsaved changes"
    );
    app.shot("reopened-btn-open").await;
    app.stop().await;

    // And by passing the file on the command line.
    let mut launch = ctx.launch();
    launch.args = vec![path.display().to_string()];
    let app = ctx.start(&launch).await;
    app.wait_text("file-name", "names the file given on the command line", |t| {
        t.contains("q4-aggressive")
    })
    .await;
    app.shot("reopened-arg").await;
    app.nav("targets").await;
    let shown = bookings_input(&app, "goal-target").await;
    assert!(
        is_number(&shown, 14_000_000),
        "reopened target shows {shown:?}, want 14,000,000"
    );
    wait_bookings(&app, "goal-growth", None, "shows 40 %", |t| is_number(t, 40)).await;
    assert!(
        !app.exists("dirty-indicator").await,
        "a plan just opened shows unsaved changes"
    );
    app.shot("reopened-arg-targets").await;
    app.stop().await;

    // Opening and viewing must not have touched the file.
    let again = salesplan_core::store::read_plan_file(&path, &scratch).expect("reads back");
    assert_eq!(
        again.meta.revision_id, loaded.meta.revision_id,
        "viewing the plan rewrote the file"
    );
}

//! The dimensions panel on the Targets page: grow the template's org tree by a region, a team
//! and a rep, rename the rep, see the core refuse removing a region that still has a team,
//! save, and find the new members in the file with the right levels and parents.

use crate::harness::{tid, App, TestCtx, K, UI_TIMEOUT};
use fantoccini::elements::Element;
use fantoccini::Locator;
use salesplan_core::model::OrgLevel;

/// Names typed in the test, by the language the plan was created in.
struct Names {
    region: &'static str,
    team: &'static str,
    rep: &'static str,
    rep_renamed: &'static str,
    /// What the refusal to remove a region with teams says to do, in the UI language.
    remove_or_move: &'static str,
}

const ZH: Names = Names {
    region: "西部区",
    team: "成都团队",
    rep: "赵敏",
    rep_renamed: "赵明",
    remove_or_move: "删除或移走",
};
const EN: Names = Names {
    region: "West China",
    team: "Chengdu team",
    rep: "Zhao Min",
    rep_renamed: "Zhao Ming",
    remove_or_move: "remove or move",
};

fn org_row_css(level: &str) -> String {
    format!("{}[data-level=\"{level}\"]", tid("org-member"))
}

/// The org row of this level whose name input holds `name`, with its member id.
async fn find_row(app: &App, level: &str, name: &str) -> Option<(Element, String)> {
    for row in app.all(&org_row_css(level)).await {
        let Ok(input) = row.find(Locator::Css(&tid("member-name"))).await else {
            continue;
        };
        if App::value_of(&input).await == name {
            let id = row.attr("data-member-id").await.ok()??;
            return Some((row, id));
        }
    }
    None
}

async fn wait_row(app: &App, level: &str, name: &str) -> (Element, String) {
    app.wait_until(&format!("{level} row named {name:?}"), UI_TIMEOUT, || {
        find_row(app, level, name)
    })
    .await
}

/// A control inside a row.
async fn in_row(app: &App, row: &Element, id: &str) -> Element {
    match row.find(Locator::Css(&tid(id))).await {
        Ok(el) => el,
        Err(e) => app.fail(format!("{id} missing in the row: {e}")).await,
    }
}

/// Types a new member's name into the open "new member" row and presses Enter.
async fn add_named(app: &App, name: &str) {
    let input = app.wait_for("new-member-name").await;
    app.type_into(&input, name).await;
}

async fn scroll_to(app: &App, id: &str) {
    let _ = app
        .js(&format!(
            "document.querySelector('{}')?.scrollIntoView({{block: 'start'}});",
            tid(id).replace('\'', "\\'")
        ))
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn dimensions_org_tree() {
    let ctx = TestCtx::new("dimensions").await;
    let app = ctx.start(&ctx.launch()).await;
    let locale = app.attr("app", "data-locale").await.unwrap_or_default();
    let names = if locale == "zh-CN" { &ZH } else { &EN };

    app.nav("targets").await;
    // The dimensions are edited where they are used: under the splits (横向拆解).
    app.click("targets-tab-split").await;
    app.wait_for("dimensions-panel").await;
    app.wait_for("org-tree").await;
    let regions = app.all(&org_row_css("region")).await.len();
    assert_eq!(regions, 3, "the Q4 template has three regions");
    for list in ["dim-list-tier", "dim-list-product", "dim-list-channel"] {
        app.wait_for(list).await;
    }
    let counts = app.text("org-counts").await;
    assert!(counts.contains('3'), "org counts {counts:?} should say 3 regions");
    scroll_to(&app, "dimensions-panel").await;
    app.shot(&format!("{locale}-template")).await;

    // A region, added from the top of the tree; Esc closes the "new" row.
    app.click("add-region").await;
    add_named(&app, names.region).await;
    let (_, region_id) = wait_row(&app, "region", names.region).await;
    app.wait_text("org-counts", "counts four regions", |t| t.contains('4'))
        .await;
    let input = app.wait_for("new-member-name").await;
    if let Err(e) = input.send_keys(&char::from(K::Escape).to_string()).await {
        app.fail(format!("Esc in the new-member row failed: {e}")).await;
    }
    app.wait_gone("new-member").await;

    // A region with a sibling's name is refused inline, in the row being typed.
    let first_region = {
        let rows = app.all(&org_row_css("region")).await;
        let input = rows[0]
            .find(Locator::Css(&tid("member-name")))
            .await
            .expect("member-name");
        App::value_of(&input).await
    };
    app.click("add-region").await;
    add_named(&app, &first_region).await;
    let err = app
        .wait_until("field-error in the new-member row", UI_TIMEOUT, || async {
            let row = app.try_find("new-member").await?;
            let e = row.find(Locator::Css(&tid("field-error"))).await.ok()?;
            app.inner_text(&e).await.filter(|t| !t.trim().is_empty())
        })
        .await;
    eprintln!("duplicate region refused: {err:?}");
    assert_eq!(
        app.all(&org_row_css("region")).await.len(),
        4,
        "a duplicate region was added"
    );
    app.shot(&format!("{locale}-duplicate-refused")).await;
    let input = app.wait_for("new-member-name").await;
    let _ = input.send_keys(&char::from(K::Escape).to_string()).await;
    app.wait_gone("new-member").await;

    // A team under the new region, a rep under the team.
    let (region_row, _) = wait_row(&app, "region", names.region).await;
    let add_team = in_row(&app, &region_row, "add-team").await;
    app.click_el(&add_team, "add-team").await;
    add_named(&app, names.team).await;
    let (team_row, team_id) = wait_row(&app, "team", names.team).await;
    let add_rep = in_row(&app, &team_row, "add-rep").await;
    app.click_el(&add_rep, "add-rep").await;
    add_named(&app, names.rep).await;
    let (rep_row, rep_id) = wait_row(&app, "rep", names.rep).await;
    app.shot(&format!("{locale}-added")).await;

    // Rename the rep inline (Enter commits).
    let rep_name = in_row(&app, &rep_row, "member-name").await;
    app.type_into(&rep_name, names.rep_renamed).await;
    let (_, renamed_id) = wait_row(&app, "rep", names.rep_renamed).await;
    assert_eq!(renamed_id, rep_id, "renaming changed the member id");

    // The core refuses to remove a region that still has a team; the row says why.
    let (region_row, _) = wait_row(&app, "region", names.region).await;
    let remove = in_row(&app, &region_row, "member-remove").await;
    app.click_el(&remove, "member-remove on the new region").await;
    let (refusal, reason) = app
        .wait_until("field-error in the region row", UI_TIMEOUT, || async {
            let (row, _) = find_row(&app, "region", names.region).await?;
            let e = row.find(Locator::Css(&tid("field-error"))).await.ok()?;
            let text = app.inner_text(&e).await.filter(|t| !t.trim().is_empty())?;
            Some((text, e.attr("data-reason").await.ok().flatten()))
        })
        .await;
    assert_eq!(
        reason.as_deref(),
        Some("member.has_children"),
        "the refusal carries the core's reason: {refusal:?}"
    );
    assert!(
        refusal.contains(names.remove_or_move),
        "the refusal should say, in {locale}, to remove or move the children first: {refusal:?}"
    );
    assert!(
        find_row(&app, "region", names.region).await.is_some(),
        "the region was removed although it has a team"
    );
    assert!(
        !app.exists("error-banner").await,
        "the refusal went to the banner, not the row"
    );
    app.shot(&format!("{locale}-remove-refused")).await;

    // Save as, through the dialog seam.
    let plans = ctx.dir("plans");
    let path = plans.join("q4-dimensions.salesplan");
    app.answer_next_dialog(&path);
    app.click("btn-save-as").await;
    app.wait_text("file-name", "names the saved file", |t| t.contains("q4-dimensions"))
        .await;
    app.wait_gone("dirty-indicator").await;
    assert!(path.is_file(), "save-as did not write {}", path.display());

    let scratch = ctx.dir("scratch");
    let loaded = salesplan_core::store::read_plan_file(&path, &scratch).expect("the saved file reads back");
    let org = &loaded.plan.dimensions.org;
    let region = org
        .iter()
        .find(|m| m.id.to_string() == region_id)
        .unwrap_or_else(|| panic!("new region {region_id} not in the file: {org:?}"));
    assert_eq!(region.name, names.region);
    assert_eq!(region.level, OrgLevel::Region);
    assert_eq!(region.parent_id, None, "a region sits under the company");
    let team = org
        .iter()
        .find(|m| m.id.to_string() == team_id)
        .expect("new team in the file");
    assert_eq!(team.name, names.team);
    assert_eq!(team.level, OrgLevel::Team);
    assert_eq!(team.parent_id, Some(region.id), "the team's parent");
    let rep = org
        .iter()
        .find(|m| m.id.to_string() == rep_id)
        .expect("new rep in the file");
    assert_eq!(rep.name, names.rep_renamed, "the rep's saved name");
    assert_eq!(rep.level, OrgLevel::Rep);
    assert_eq!(rep.parent_id, Some(team.id), "the rep's parent");
    assert_eq!(
        org.iter().filter(|m| m.level == OrgLevel::Region).count(),
        4,
        "regions in the file"
    );

    // The other language and the dark theme.
    app.click("lang-switch").await;
    let other = if locale == "zh-CN" { "en" } else { "zh-CN" };
    app.wait_attr("app", "data-locale", &format!("becomes {other}"), |v| v == other)
        .await;
    scroll_to(&app, "dimensions-panel").await;
    app.shot(&format!("{other}-dimensions")).await;
    scroll_to(&app, "dim-list-tier").await;
    app.shot(&format!("{other}-lists")).await;
    app.switch_to_dark().await;
    scroll_to(&app, "dimensions-panel").await;
    app.shot(&format!("{other}-dark")).await;
    app.click("lang-switch").await;
    app.wait_attr("app", "data-locale", &format!("back to {locale}"), |v| v == locale)
        .await;
    scroll_to(&app, "dim-list-tier").await;
    app.shot(&format!("{locale}-dark-lists")).await;

    // A blank plan has the default A/B/C tiers and no org: the tree teaches instead.
    app.new_blank_plan().await;
    app.nav("targets").await;
    app.click("targets-tab-split").await;
    app.wait_for("org-empty").await;
    assert_eq!(
        app.all(&tid("org-member")).await.len(),
        0,
        "a blank plan has no org tree"
    );
    let tiers = app.wait_for("dim-list-tier").await;
    let tier_rows = tiers
        .find_all(Locator::Css(&tid("dim-member")))
        .await
        .unwrap_or_default();
    assert_eq!(tier_rows.len(), 3, "a blank plan has the A/B/C tiers");
    // navigate() scrolls the canvas to the top on the next frame; scroll after it.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    scroll_to(&app, "dimensions-panel").await;
    app.shot(&format!("{locale}-dark-blank")).await;
    app.click("theme-switch").await;
    app.click("org-start").await;
    app.wait_for("new-member-name").await;
    app.shot(&format!("{locale}-blank-first-region")).await;
    app.stop().await;
}

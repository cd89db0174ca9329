//! Replacing a plan with unsaved changes asks first; cancel keeps everything.

use crate::harness::{App, TestCtx, K};

const EDITED: &str = "Unsaved edit 未保存";

async fn assert_plan_kept(app: &App, after: &str) {
    assert!(
        !app.exists("new-plan-dialog").await,
        "{after}: the new-plan chooser opened anyway"
    );
    let shown = app.text("plan-title").await;
    assert!(
        shown.contains(EDITED),
        "{after}: plan-title is {shown:?}, the edit is gone"
    );
    assert!(
        app.exists("dirty-indicator").await,
        "{after}: the plan no longer shows unsaved changes"
    );
    assert_eq!(app.value("header-title").await, EDITED, "{after}: title input changed");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unsaved_changes_prompt() {
    let ctx = TestCtx::new("unsaved_changes_prompt").await;
    let app = ctx.start(&ctx.launch()).await;
    app.template_with_edited_title(EDITED).await;

    app.click("btn-new").await;
    app.wait_dialog("unsaved-dialog").await;
    app.wait_for("unsaved-save").await;
    app.wait_for("unsaved-discard").await;
    app.shot("unsaved-dialog").await;
    assert!(
        !app.exists("new-plan-dialog").await,
        "the new-plan chooser shows together with the unsaved prompt"
    );
    app.click("unsaved-cancel").await;
    app.wait_gone("unsaved-dialog").await;
    assert_plan_kept(&app, "cancel after btn-new").await;
    app.shot("after-cancel").await;

    // The keyboard route asks too.
    app.pause_between_repeats().await;
    app.shortcut(&[K::Control], "n").await;
    app.wait_dialog("unsaved-dialog").await;
    app.shot("unsaved-dialog-ctrl-n").await;
    app.click("unsaved-cancel").await;
    app.wait_gone("unsaved-dialog").await;
    assert_plan_kept(&app, "cancel after Ctrl+N").await;
    app.shot("after-cancel-ctrl-n").await;
    app.stop().await;
}

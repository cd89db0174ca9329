//! Undo and redo of edits, by keyboard and by button.

use crate::harness::{App, TestCtx, K, UI_TIMEOUT};
use std::time::Duration;

/// Waits until the title input and the plan title both show `want`.
async fn wait_title(app: &App, want: &str, after: &str) {
    app.wait_until(
        &format!("title to be {want:?} after {after}"),
        UI_TIMEOUT,
        || async move {
            let value = App::value_of(&app.try_find("header-title").await?).await;
            let shown = app.try_text("plan-title").await?;
            (value == want && shown.contains(want)).then_some(())
        },
    )
    .await;
}

async fn enabled(app: &App, id: &str) -> bool {
    app.wait_for(id).await.is_enabled().await.unwrap_or(true)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_redo() {
    let ctx = TestCtx::new("undo_redo").await;
    let app = ctx.start(&ctx.launch()).await;
    app.new_from_template().await;
    app.nav("header").await;
    let original = app.value("header-title").await;
    assert!(!original.is_empty(), "the template's title input is empty");
    app.shot("original").await;
    assert!(
        !enabled(&app, "btn-undo").await,
        "btn-undo is enabled on a plan with no edits"
    );

    app.set_input("header-title", "Undo test A").await;
    wait_title(&app, "Undo test A", "the first edit").await;
    app.shot("edit-a").await;
    // Edits of one field within 2 s merge into one undo step (document.rs COALESCE_SECONDS).
    tokio::time::sleep(Duration::from_millis(2500)).await;
    app.set_input("header-title", "Undo test B").await;
    wait_title(&app, "Undo test B", "the second edit").await;
    app.wait_for("dirty-indicator").await;
    app.shot("edit-b").await;

    app.shortcut(&[K::Control], "z").await;
    wait_title(&app, "Undo test A", "Ctrl+Z").await;
    app.shot("after-ctrl-z").await;

    app.pause_between_repeats().await;
    app.click("btn-undo").await;
    wait_title(&app, &original, "btn-undo").await;
    app.shot("after-btn-undo").await;
    assert!(
        !enabled(&app, "btn-undo").await,
        "btn-undo is still enabled with nothing left to undo"
    );
    assert!(enabled(&app, "btn-redo").await, "btn-redo is disabled after two undos");

    app.shortcut(&[K::Control, K::Shift], "Z").await;
    wait_title(&app, "Undo test A", "Ctrl+Shift+Z").await;
    app.pause_between_repeats().await;
    app.shortcut(&[K::Control, K::Shift], "Z").await;
    wait_title(&app, "Undo test B", "a second Ctrl+Shift+Z").await;
    app.shot("after-redo").await;
    assert!(
        !enabled(&app, "btn-redo").await,
        "btn-redo is still enabled with nothing left to redo"
    );

    app.pause_between_repeats().await;
    app.click("btn-undo").await;
    wait_title(&app, "Undo test A", "btn-undo").await;
    app.pause_between_repeats().await;
    app.click("btn-redo").await;
    wait_title(&app, "Undo test B", "btn-redo").await;
    app.shot("final").await;
    app.stop().await;
}

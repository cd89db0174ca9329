//! A crash while editing loses nothing: the next start offers the work back.

use crate::harness::TestCtx;
use std::time::Duration;

const EDITED: &str = "Recovered title 恢复测试";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn recovery_after_kill() {
    let ctx = TestCtx::new("recovery_after_kill").await;
    let launch = ctx.launch();
    let app = ctx.start(&launch).await;
    app.template_with_edited_title(EDITED).await;
    // Every edit is committed to the working copy at once; give it a moment anyway.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    let pids = app.crash().await;
    assert!(
        !pids.is_empty(),
        "found no salesplan-studio process with SALESPLAN_DATA_DIR={}",
        launch.data_dir.display()
    );
    eprintln!("killed app pid(s) {pids:?} with SIGKILL");

    let app = ctx.start(&launch).await;
    let dialog = app.wait_dialog("recovery-dialog").await;
    app.wait_for("recovery-restore").await;
    app.wait_for("recovery-discard").await;
    app.shot("recovery-dialog").await;
    let text = app.inner_text(&dialog).await.unwrap_or_default();
    assert!(
        text.contains(EDITED),
        "the recovery dialog does not name the plan ({EDITED:?}): {text:?}"
    );

    app.click("recovery-restore").await;
    app.wait_gone("recovery-dialog").await;
    app.wait_text("plan-title", "shows the restored title", |t| t.contains(EDITED))
        .await;
    app.shot("restored").await;
    app.nav("header").await;
    app.shot("restored-header").await;
    assert_eq!(app.value("header-title").await, EDITED, "restored title input");
    assert!(
        app.exists("dirty-indicator").await,
        "restored work was never saved, yet the plan is not marked dirty"
    );
    app.stop().await;
}

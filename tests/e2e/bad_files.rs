//! Opening files that are not plans: a clear error, the open plan kept, the files untouched.

use crate::goals::listing;
use crate::harness::TestCtx;

/// The start of a real PDF, renamed to `.salesplan`.
const PDF: &[u8] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_file_keeps_previous_plan() {
    let ctx = TestCtx::new("bad_file_keeps_previous_plan").await;
    let app = ctx.start(&ctx.launch()).await;
    app.new_from_template().await;
    app.nav("overview").await;
    let title = app.text("plan-title").await;
    let file_name = app.try_text("file-name").await;
    app.shot("template").await;

    let dir = ctx.dir("bad");
    let files: [(&str, &[u8]); 3] = [
        ("empty.salesplan", b""),
        ("report.salesplan", PDF),
        ("notes.salesplan", "Q4 plan notes\n目标：销售额增长30%\n".as_bytes()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.join(name), bytes).expect("write bad file");
    }
    let before = listing(&dir);
    let zh = app.attr("app", "data-locale").await.as_deref() == Some("zh-CN");
    let reasons = ["file.empty", "file.not_a_plan", "file.not_a_plan"];

    let mut messages = Vec::new();
    for ((name, bytes), reason) in files.iter().zip(reasons) {
        let path = dir.join(name);
        app.pause_between_repeats().await;
        app.answer_next_dialog(&path);
        app.click("btn-open").await;
        app.wait_for("error-banner").await;
        let message = app.text("error-message").await;
        let heading = app.text("error-title").await;
        app.shot(&format!("error-{}", name.trim_end_matches(".salesplan")))
            .await;
        eprintln!("{name}: [{heading}] {message}");
        assert!(!message.trim().is_empty(), "{name}: the error banner has no message");
        assert_eq!(
            app.attr("error-message", "data-reason").await.as_deref(),
            Some(reason),
            "{name}: the banner shows the core's reason"
        );
        assert_eq!(
            zh,
            message.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{name}: the detail is not in the UI language: {message}"
        );
        assert!(
            !message.contains("panicked") && !message.contains("todo"),
            "{name}: message leaks a crash: {message}"
        );
        assert_eq!(
            app.text("plan-title").await,
            title,
            "{name}: opening a bad file replaced the open plan"
        );
        assert_eq!(
            app.try_text("file-name").await,
            file_name,
            "{name}: opening a bad file changed the file name shown"
        );
        assert!(
            !app.exists("dirty-indicator").await,
            "{name}: opening a bad file made the plan dirty"
        );
        assert_eq!(
            std::fs::read(&path).expect("bad file still there"),
            *bytes,
            "{name}: the app changed the file"
        );
        assert_eq!(
            listing(&dir),
            before,
            "{name}: the app created or removed files beside it"
        );
        assert!(
            app.pending_dialog_answers().is_empty(),
            "{name}: the open dialog did not take its answer"
        );
        app.click("error-dismiss").await;
        app.wait_gone("error-banner").await;
        messages.push(message);
    }
    // Cancelling the open dialog changes nothing and shows no error.
    app.pause_between_repeats().await;
    app.cancel_next_dialog();
    app.click("btn-open").await;
    app.wait_until("the cancel answer to be taken", crate::harness::UI_TIMEOUT, || async {
        app.pending_dialog_answers().is_empty().then_some(())
    })
    .await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert!(
        !app.exists("error-banner").await,
        "cancelling the open dialog showed an error"
    );
    assert_eq!(
        app.text("plan-title").await,
        title,
        "cancelling the open dialog replaced the plan"
    );
    app.shot("open-cancelled").await;

    // file-format.md: a zero-byte file gets a message of its own.
    assert_ne!(
        messages[0], messages[1],
        "the zero-byte file and the PDF got the same message"
    );

    // The plan is still the template and still editable after all that.
    app.nav("targets").await;
    assert_eq!(
        app.all("[data-testid=\"goal-card\"]").await.len(),
        2,
        "goal cards after the failed opens"
    );
    app.shot("after").await;
    app.stop().await;
}

/// A broken file given on the command line (a double-click in the file manager) must say so,
/// not open silently on something else.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_file_on_command_line() {
    let ctx = TestCtx::new("bad_file_on_command_line").await;
    let dir = ctx.dir("bad");
    let path = dir.join("empty.salesplan");
    std::fs::write(&path, b"").expect("write bad file");
    let mut launch = ctx.launch();
    launch.args = vec![path.display().to_string()];
    let app = ctx.start(&launch).await;
    app.shot("start").await;
    app.wait_for("error-banner").await;
    let message = app.text("error-message").await;
    app.shot("error").await;
    assert!(!message.trim().is_empty(), "the error banner has no message");
    let file_name = app.try_text("file-name").await.unwrap_or_default();
    assert!(
        !file_name.contains("empty"),
        "the broken file is shown as the open file: {file_name:?}"
    );
    assert_eq!(
        std::fs::read(&path).expect("still there"),
        b"",
        "the app changed the broken file"
    );
    assert_eq!(
        listing(&dir),
        vec!["empty.salesplan"],
        "the app created files beside the broken file"
    );
    app.stop().await;
}

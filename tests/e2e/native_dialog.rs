//! The real GTK file chooser (no dialog seam), driven with xdotool.

use crate::harness::{run_cli, App, TestCtx, UI_TIMEOUT};
use std::collections::BTreeSet;
use std::process::Command;
use std::time::Duration;

fn xdotool(args: &[&str]) -> String {
    let out = Command::new("xdotool")
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run xdotool: {e}"));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Visible top-level windows that have a name.
fn visible_windows() -> BTreeSet<String> {
    xdotool(&["search", "--onlyvisible", "--name", "."])
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

async fn wait_new_window(app: &App, before: &BTreeSet<String>) -> String {
    app.wait_until("a native file chooser window", UI_TIMEOUT, || async move {
        visible_windows().difference(before).next().cloned()
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn native_gtk_dialog() {
    let ctx = TestCtx::new("native_gtk_dialog").await;
    let dir = ctx.dir("native");
    let path = dir.join("native-open.salesplan");
    run_cli(&[
        "new".as_ref(),
        "--template".as_ref(),
        "q4-growth".as_ref(),
        path.as_os_str(),
    ]);
    assert!(path.is_file(), "`salesplan new` did not create {}", path.display());
    let bytes = std::fs::read(&path).expect("read plan");

    let mut launch = ctx.launch();
    launch.dialog_script = None;
    let app = ctx.start(&launch).await;
    app.shot("start").await;
    let before = visible_windows();

    app.click("btn-open").await;
    let window = wait_new_window(&app, &before).await;
    let name = xdotool(&["getwindowname", &window]);
    eprintln!("file chooser window {window}: {:?}", name.trim());
    assert!(
        name.contains("Open") || name.contains("打开"),
        "the new window is not the Open dialog: {:?}",
        name.trim()
    );
    tokio::time::sleep(Duration::from_millis(700)).await; // let GTK draw it
    ctx.screen_shot("gtk-open-dialog");

    xdotool(&["windowactivate", "--sync", &window]);
    xdotool(&["key", "--clearmodifiers", "ctrl+l"]);
    tokio::time::sleep(Duration::from_millis(400)).await;
    xdotool(&["type", "--delay", "20", path.to_str().expect("utf-8 path")]);
    tokio::time::sleep(Duration::from_millis(600)).await;
    ctx.screen_shot("gtk-open-dialog-path-typed");
    xdotool(&["key", "Return"]);

    // GTK's location bar may take the first Return to accept its completion.
    let mut closed = false;
    for _ in 0..50 {
        if !visible_windows().contains(&window) {
            closed = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    if !closed {
        ctx.screen_shot("gtk-open-dialog-still-open");
        xdotool(&["key", "Return"]);
    }
    app.wait_text("file-name", "names the file chosen in the GTK dialog", |t| {
        t.contains("native-open")
    })
    .await;
    let title = app.text("plan-title").await;
    assert!(
        crate::goals::TEMPLATE_TITLES.iter().any(|t| title.contains(t)),
        "opened plan's title is {title:?}"
    );
    assert!(
        !app.exists("error-banner").await,
        "opening through the native dialog showed an error"
    );
    assert!(!visible_windows().contains(&window), "the file chooser is still open");
    app.shot("opened").await;
    ctx.screen_shot("opened");
    assert_eq!(
        std::fs::read(&path).expect("plan still there"),
        bytes,
        "opening the plan changed its file"
    );
    app.stop().await;
}

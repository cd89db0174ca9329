//! A running app and its WebDriver session: finding, reading, typing, clicking, screenshots.

mod input;
mod query;

use super::process::{app_binary, app_pids, kill_app_hard, signal, warn_if_stale, Driver};
use super::{tid, Launch, Shots, TestCtx, K, START_TIMEOUT, UI_TIMEOUT};
use fantoccini::{Client, ClientBuilder, Locator};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A running app and its WebDriver session.
pub struct App {
    client: Option<Client>,
    driver: Option<Driver>,
    shots: Arc<Shots>,
    /// Its data folder.
    pub data_dir: PathBuf,
    dialog_script: Option<PathBuf>,
}

impl App {
    pub(super) async fn start(ctx: &TestCtx, launch: &Launch) -> App {
        let app_bin = app_binary();
        warn_if_stale(&app_bin);
        if let Some(script) = &launch.dialog_script {
            if !script.exists() {
                std::fs::write(script, "").expect("create dialog script");
            }
        }
        let log = ctx
            .shots
            .dir
            .join(format!("driver-{:02}.log", ctx.shots.next.load(Ordering::SeqCst)));
        let driver = Driver::start(
            &[
                ("SALESPLAN_DATA_DIR", Some(&launch.data_dir)),
                ("SALESPLAN_DIALOG_SCRIPT", launch.dialog_script.as_deref()),
            ],
            &log,
        );
        let mut caps = serde_json::Map::new();
        caps.insert("browserName".into(), "wry".into());
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app_bin.display().to_string(), "args": launch.args }),
        );
        let url = format!("http://127.0.0.1:{}", driver.port);
        let mut attempt = 0;
        let client = loop {
            attempt += 1;
            match ClientBuilder::native().capabilities(caps.clone()).connect(&url).await {
                Ok(c) => break c,
                Err(e) if attempt < 3 => {
                    eprintln!("WebDriver session attempt {attempt} failed: {e}; retrying");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => panic!(
                    "cannot start a WebDriver session for {}: {e}; see {}",
                    app_bin.display(),
                    log.display()
                ),
            }
        };
        let app = App {
            client: Some(client),
            driver: Some(driver),
            shots: ctx.shots.clone(),
            data_dir: launch.data_dir.clone(),
            dialog_script: launch.dialog_script.clone(),
        };
        app.wait_for_timeout("app", START_TIMEOUT).await;
        // The root shows before the plan has loaded; a page shows only with a plan.
        app.wait_until("the first page (a plan loaded)", START_TIMEOUT, || async {
            app.client()
                .find_all(Locator::Css("[data-testid^=\"page-\"]"))
                .await
                .ok()
                .filter(|v| !v.is_empty())
        })
        .await;
        app
    }

    /// The UI runs an action only once if it arrives twice within 300 ms (a menu accelerator
    /// and its keydown); tests repeating an action wait this long between the two.
    pub async fn pause_between_repeats(&self) {
        tokio::time::sleep(Duration::from_millis(400)).await;
    }

    /// The WebDriver client.
    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("session is open")
    }

    /// Ends the session (closing the app) and stops the driver.
    pub async fn stop(mut self) {
        if let Some(client) = self.client.take() {
            if tokio::time::timeout(Duration::from_secs(15), client.close())
                .await
                .is_err()
            {
                eprintln!("closing the WebDriver session timed out");
            }
        }
        self.driver.take();
        self.reap_app().await;
    }

    /// Kills the app with SIGKILL (a crash), then drops the session and the driver.
    pub async fn crash(mut self) -> Vec<u32> {
        let pids = kill_app_hard(&self.data_dir).await;
        // The session's browser is gone: do not ask the driver to close it.
        self.client.take();
        self.driver.take();
        pids
    }

    async fn reap_app(&self) {
        // After the session ends the app should be gone; make sure no app of ours lingers.
        let deadline = Instant::now() + Duration::from_secs(5);
        while !app_pids(&self.data_dir).is_empty() && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        for pid in app_pids(&self.data_dir) {
            eprintln!("app pid {pid} still running after the session ended; sending SIGTERM");
            signal(pid, libc::SIGTERM);
        }
    }

    // ----- dialogs ---------------------------------------------------------------------------

    /// Makes the next native Open/Save dialog answer `path`.
    pub fn answer_next_dialog(&self, path: &Path) {
        let line = path.to_str().expect("utf-8 path");
        assert!(
            !line.contains('\n'),
            "path with a newline cannot go through the dialog script"
        );
        self.push_dialog_line(line);
    }

    /// Makes the next native dialog answer with several files (a multiple-choice open dialog).
    pub fn answer_next_dialog_with_files(&self, paths: &[&Path]) {
        let names: Vec<&str> = paths.iter().map(|p| p.to_str().expect("utf-8 path")).collect();
        assert!(
            names.iter().all(|n| !n.contains(['\n', '\t'])),
            "a path with a newline or tab cannot go through the dialog script"
        );
        self.push_dialog_line(&names.join("\t"));
    }

    /// Makes the next native dialog be cancelled.
    pub fn cancel_next_dialog(&self) {
        self.push_dialog_line("CANCEL");
    }

    fn push_dialog_line(&self, line: &str) {
        let script = self
            .dialog_script
            .as_ref()
            .expect("app started without SALESPLAN_DIALOG_SCRIPT");
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(script)
            .expect("open dialog script");
        writeln!(f, "{line}").expect("write dialog script");
    }

    /// Lines not yet consumed by the app.
    pub fn pending_dialog_answers(&self) -> Vec<String> {
        let script = self
            .dialog_script
            .as_ref()
            .expect("app started without SALESPLAN_DIALOG_SCRIPT");
        std::fs::read_to_string(script)
            .unwrap_or_default()
            .lines()
            .map(String::from)
            .collect()
    }

    // ----- screenshots -----------------------------------------------------------------------

    /// Saves a WebDriver screenshot of the window as `<nn>-<name>.png`.
    pub async fn shot(&self, name: &str) -> PathBuf {
        let path = self.shots.path(name);
        match self.client().screenshot().await {
            Ok(png) => std::fs::write(&path, png).expect("write screenshot"),
            Err(e) => eprintln!("screenshot {name} failed: {e}"),
        }
        path
    }

    /// Screenshot, then panic with `msg` (so every failure leaves a picture behind).
    pub async fn fail(&self, msg: String) -> ! {
        let path = self.shot("FAILED").await;
        if let Ok(html) = self.client().source().await {
            let _ = std::fs::write(path.with_extension("html"), html);
        }
        let screen = self.shots.path("FAILED");
        let _ = Command::new("import").args(["-window", "root"]).arg(&screen).status();
        let focus = self
            .js(FOCUS_REPORT)
            .await
            .map(|v| v.to_string())
            .unwrap_or_else(|e| format!("unknown ({e})"));
        panic!("{msg}\n  focus: {focus}\n  screenshot: {}", path.display());
    }

    // ----- finding things ----------------------------------------------------------------------
}

/// Where the keyboard focus was when a test failed: many flakes are focus that went elsewhere.
const FOCUS_REPORT: &str = "const a = document.activeElement; \
    return { window_focused: document.hasFocus(), tag: a?.tagName ?? null, \
    testid: a?.getAttribute('data-testid') ?? null, focus_key: a?.getAttribute('data-focus') ?? null };";

impl Drop for App {
    fn drop(&mut self) {
        // Reached on a panic (the normal path is `stop`): stop the driver, then make sure the
        // app this test launched (named exactly by its data folder) is gone too.
        self.client.take();
        self.driver.take();
        let deadline = Instant::now() + Duration::from_secs(5);
        while !app_pids(&self.data_dir).is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(100));
        }
        for pid in app_pids(&self.data_dir) {
            signal(pid, libc::SIGTERM);
        }
    }
}

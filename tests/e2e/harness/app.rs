//! A running app and its WebDriver session: finding, reading, typing, clicking, screenshots.

use super::process::{app_binary, app_pids, kill_app_hard, signal, warn_if_stale, Driver};
use super::{tid, Launch, Shots, TestCtx, K, START_TIMEOUT, UI_TIMEOUT};
use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};
use std::future::Future;
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
        panic!("{msg}\n  screenshot: {}", path.display());
    }

    // ----- finding things ----------------------------------------------------------------------

    /// The first element with this `data-testid`, if present now.
    pub async fn try_find(&self, id: &str) -> Option<Element> {
        self.client()
            .find_all(Locator::Css(&tid(id)))
            .await
            .ok()
            .and_then(|v| v.into_iter().next())
    }

    /// Whether an element with this `data-testid` is present now.
    pub async fn exists(&self, id: &str) -> bool {
        self.try_find(id).await.is_some()
    }

    /// All elements matching a CSS selector.
    pub async fn all(&self, css: &str) -> Vec<Element> {
        self.client().find_all(Locator::Css(css)).await.unwrap_or_default()
    }

    /// Polls `probe` until it yields `Some`, or fails (with a screenshot) after `timeout`.
    pub async fn wait_until<T, F, Fut>(&self, what: &str, timeout: Duration, mut probe: F) -> T
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Option<T>>,
    {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(v) = probe().await {
                return v;
            }
            if Instant::now() > deadline {
                self.fail(format!("timed out after {timeout:?} waiting for: {what}"))
                    .await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for an element with this `data-testid`.
    pub async fn wait_for(&self, id: &str) -> Element {
        self.wait_for_timeout(id, UI_TIMEOUT).await
    }

    async fn wait_for_timeout(&self, id: &str, timeout: Duration) -> Element {
        self.wait_until(&format!("element [data-testid={id}]"), timeout, || self.try_find(id))
            .await
    }

    /// Waits for a modal `<dialog>` with this `data-testid` to be shown (`open`), so that a
    /// screenshot shows it: the element exists a moment before `showModal()` runs.
    pub async fn wait_dialog(&self, id: &str) -> Element {
        self.wait_until(
            &format!("dialog [data-testid={id}] to open"),
            UI_TIMEOUT,
            || async move {
                let el = self.try_find(id).await?;
                let open = el.prop("open").await.ok().flatten();
                (open.as_deref() == Some("true")).then_some(el)
            },
        )
        .await
    }

    /// Waits for a CSS selector.
    pub async fn wait_for_css(&self, css: &str) -> Element {
        let client = self.client();
        self.wait_until(&format!("element {css}"), UI_TIMEOUT, || async move {
            client
                .find_all(Locator::Css(css))
                .await
                .ok()
                .and_then(|v| v.into_iter().next())
        })
        .await
    }

    /// Waits until no element has this `data-testid`.
    pub async fn wait_gone(&self, id: &str) {
        self.wait_until(&format!("[data-testid={id}] to disappear"), UI_TIMEOUT, || async move {
            (!self.exists(id).await).then_some(())
        })
        .await
    }

    /// The rendered text of an element (`innerText`).
    ///
    /// Not WebDriver's Get Element Text: WebKitWebDriver's visibility atom calls visible
    /// elements hidden when they sit in an `overflow: hidden` + ellipsis box (the plan title,
    /// the rail labels) and returns "" for them.
    pub async fn inner_text(&self, el: &Element) -> Option<String> {
        let arg = serde_json::to_value(el).ok()?;
        let v = self
            .client()
            .execute("return arguments[0].innerText;", vec![arg])
            .await
            .ok()?;
        v.as_str().map(String::from)
    }

    /// Visible text of the element with this `data-testid` (waits for it).
    pub async fn text(&self, id: &str) -> String {
        let el = self.wait_for(id).await;
        match self.inner_text(&el).await {
            Some(t) => t,
            None => self.fail(format!("cannot read the text of {id}")).await,
        }
    }

    /// Visible text of the element with this `data-testid`, if it is present now.
    pub async fn try_text(&self, id: &str) -> Option<String> {
        let el = self.try_find(id).await?;
        self.inner_text(&el).await
    }

    /// An attribute of the element with this `data-testid` (waits for it).
    pub async fn attr(&self, id: &str, name: &str) -> Option<String> {
        let el = self.wait_for(id).await;
        el.attr(name)
            .await
            .unwrap_or_else(|e| panic!("attribute {name} of {id}: {e}"))
    }

    /// The current `value` of an input.
    pub async fn value_of(el: &Element) -> String {
        el.prop("value").await.ok().flatten().unwrap_or_default()
    }

    /// The current `value` of the input with this `data-testid`.
    pub async fn value(&self, id: &str) -> String {
        Self::value_of(&self.wait_for(id).await).await
    }

    /// Waits until the text of `id` satisfies `pred`; returns it.
    pub async fn wait_text(&self, id: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let pred = &pred;
        self.wait_until(&format!("text of {id} {what}"), UI_TIMEOUT, || async move {
            let el = self.try_find(id).await?;
            let t = self.inner_text(&el).await?;
            pred(&t).then_some(t)
        })
        .await
    }

    /// Waits until attribute `name` of `id` satisfies `pred`; returns it.
    pub async fn wait_attr(&self, id: &str, name: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
        let pred = &pred;
        self.wait_until(&format!("attribute {name} of {id} {what}"), UI_TIMEOUT, || async move {
            let el = self.try_find(id).await?;
            let v = el.attr(name).await.ok()??;
            pred(&v).then_some(v)
        })
        .await
    }

    // ----- acting --------------------------------------------------------------------------

    /// Clicks the element with this `data-testid` (waits for it).
    pub async fn click(&self, id: &str) {
        let el = self.wait_for(id).await;
        self.click_el(&el, id).await;
    }

    /// Clicks an element, failing with a screenshot.
    pub async fn click_el(&self, el: &Element, what: &str) {
        if let Err(e) = el.click().await {
            self.fail(format!("click on {what} failed: {e}")).await;
        }
    }

    /// Goes to a page through its rail link and waits for the page.
    pub async fn nav(&self, page: &str) {
        self.click(&format!("nav-{page}")).await;
        self.wait_for(&format!("page-{page}")).await;
    }

    /// Replaces the text of an input the way a user does: select all, type, press Enter.
    /// (WebDriver's Clear would commit an empty value on blur: an extra, unwanted edit.)
    pub async fn type_into(&self, el: &Element, value: &str) {
        // Ctrl down, a, Ctrl up. WebKitWebDriver ignores the Null key that should release
        // modifiers, so a modifier is released by sending it a second time (it toggles).
        let ctrl = char::from(K::Control);
        let keys = format!("{ctrl}a{ctrl}{value}");
        if let Err(e) = el.send_keys(&keys).await {
            self.fail(format!("typing {value:?} failed: {e}")).await;
        }
        let typed = Self::value_of(el).await;
        if typed != value {
            self.fail(format!("typed {value:?} but the input holds {typed:?}"))
                .await;
        }
        if let Err(e) = el.send_keys(&char::from(K::Enter).to_string()).await {
            self.fail(format!("Enter after {value:?} failed: {e}")).await;
        }
    }

    /// `type_into` on the input with this `data-testid`.
    pub async fn set_input(&self, id: &str, value: &str) {
        let el = self.wait_for(id).await;
        self.type_into(&el, value).await;
    }

    /// Moves focus off any input (so a shortcut goes to the app, not to a text field's own undo).
    pub async fn blur(&self) {
        let _ = self
            .client()
            .execute("if (document.activeElement) document.activeElement.blur();", vec![])
            .await;
    }

    /// Presses a keyboard shortcut on the page body: `modifiers` then `key`.
    pub async fn shortcut(&self, modifiers: &[K], key: &str) {
        self.blur().await;
        // Modifiers toggle: press them, the key, then each modifier again to release it
        // (WebKitWebDriver ignores the Null key).
        let mut keys: String = modifiers.iter().map(|&m| char::from(m)).collect();
        keys.push_str(key);
        keys.extend(modifiers.iter().rev().map(|&m| char::from(m)));
        let body = match self.client().find(Locator::Css("body")).await {
            Ok(b) => b,
            Err(e) => self.fail(format!("no body: {e}")).await,
        };
        if let Err(e) = body.send_keys(&keys).await {
            self.fail(format!("shortcut {modifiers:?}+{key} failed: {e}")).await;
        }
    }

    /// Runs a script in the page.
    pub async fn js(&self, script: &str) -> Result<serde_json::Value, CmdError> {
        self.client().execute(script, vec![]).await
    }

    /// Creates a new plan from the Q4 template (btn-new → new-template). If the app asks
    /// about unsaved changes first, discards them (the caller's plan was a throwaway).
    ///
    /// The chooser closes before the new plan arrives; the app then shows the overview. So we
    /// leave the overview first and wait for it to come back: only then is the new plan in place.
    pub async fn new_from_template(&self) {
        self.nav("header").await;
        self.click("btn-new").await;
        let which = self
            .wait_until("new-plan-dialog or unsaved-dialog", UI_TIMEOUT, || async move {
                if self.exists("new-plan-dialog").await {
                    Some("new")
                } else if self.exists("unsaved-dialog").await {
                    Some("unsaved")
                } else {
                    None
                }
            })
            .await;
        if which == "unsaved" {
            eprintln!("note: btn-new asked about unsaved changes; discarding");
            self.click("unsaved-discard").await;
        }
        self.wait_dialog("new-plan-dialog").await;
        self.shot("new-plan-dialog").await;
        self.click("new-template").await;
        self.wait_gone("new-plan-dialog").await;
        self.wait_for("page-overview").await;
        self.wait_text("plan-title", "to be the template title", |t| !t.trim().is_empty())
            .await;
    }
}

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

//! Starts the real desktop app under tauri-driver and drives it through WebDriver.
//!
//! One test = one [`TestCtx`] (a global lock, a temp folder, a screenshot folder) and one or
//! more [`App`] launches (each its own tauri-driver, which passes its environment on to the
//! app: that is how the data folder and the dialog script reach the app).
//!
//! Tests run one at a time: two apps would fight over the X display, the keyboard focus of a
//! native dialog and the process-wide `pgrep`-style lookups below. The lock in [`TestCtx::new`]
//! enforces it even without `--test-threads=1`.

use fantoccini::elements::Element;
use fantoccini::error::CmdError;
use fantoccini::{Client, ClientBuilder, Locator};
use std::future::Future;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a UI element may take to appear or change.
pub const UI_TIMEOUT: Duration = Duration::from_secs(15);
/// How long the app may take to show its first screen.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);

static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// The repository root (this crate lives in `<repo>/tests`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() { dir } else { repo_root().join(dir) }
        }
        None => repo_root().join("target"),
    }
}

/// Finds a binary: the env override, else `<target>/debug/<name>`. Panics with what to do.
fn find_binary(env_var: &str, name: &str, build_hint: &str) -> PathBuf {
    if let Some(path) = std::env::var_os(env_var) {
        let path = PathBuf::from(path);
        assert!(path.is_file(), "{env_var}={} does not name a file", path.display());
        return path.canonicalize().expect("canonical binary path");
    }
    let candidates = [target_dir().join("debug").join(name), repo_root().join("target/debug").join(name)];
    for path in &candidates {
        if path.is_file() {
            return path.canonicalize().expect("canonical binary path");
        }
    }
    panic!(
        "cannot find the `{name}` binary (looked at ${env_var}, {}). Build it first: {build_hint} \
         — or run scripts/test-e2e.sh, which builds everything.",
        candidates.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
    );
}

/// The desktop app binary (`SALESPLAN_APP_BIN`, else `target/debug/salesplan-studio`).
pub fn app_binary() -> PathBuf {
    find_binary(
        "SALESPLAN_APP_BIN",
        "salesplan-studio",
        "`(cd ui && npm run build) && cargo build -p salesplan-studio --features custom-protocol`",
    )
}

/// The `salesplan` CLI binary (`SALESPLAN_CLI_BIN`, else `target/debug/salesplan`).
pub fn cli_binary() -> PathBuf {
    find_binary("SALESPLAN_CLI_BIN", "salesplan", "`cargo build -p salesplan-cli`")
}

fn tauri_driver_binary() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER_BIN") {
        return PathBuf::from(path);
    }
    if let Some(paths) = std::env::var_os("PATH") {
        for dir in std::env::split_paths(&paths) {
            let candidate = dir.join("tauri-driver");
            if candidate.is_file() {
                return candidate;
            }
        }
    }
    let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
    let candidate = home.join(".cargo/bin/tauri-driver");
    assert!(candidate.is_file(), "tauri-driver not found on PATH or at {}: cargo install tauri-driver --locked", candidate.display());
    candidate
}

fn native_driver() -> PathBuf {
    std::env::var_os("WEBKIT_WEBDRIVER").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("/usr/bin/WebKitWebDriver"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind a free port").local_addr().expect("local addr").port()
}

/// Sends `signal` to `pid`.
fn signal(pid: u32, signal: libc::c_int) {
    // SAFETY: kill(2) has no memory effects; a stale pid at worst returns ESRCH.
    unsafe {
        libc::kill(pid as libc::pid_t, signal);
    }
}

fn alive(pid: u32) -> bool {
    // A zombie still has a /proc entry; treat state Z as gone.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat.rsplit_once(')').is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

/// Processes of the app binary started with `SALESPLAN_DATA_DIR=<data_dir>`. Every test has
/// its own data folder, so this names exactly the app this test launched.
pub fn app_pids(data_dir: &Path) -> Vec<u32> {
    let needle = format!("SALESPLAN_DATA_DIR={}", data_dir.display());
    let mut pids = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else { return pids };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else { continue };
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        let is_app = exe.file_name().is_some_and(|n| n.to_string_lossy().starts_with("salesplan-studio"));
        if !is_app {
            continue;
        }
        let environ = std::fs::read(format!("/proc/{pid}/environ")).unwrap_or_default();
        if environ.split(|&b| b == 0).any(|var| var == needle.as_bytes()) && alive(pid) {
            pids.push(pid);
        }
    }
    pids
}

/// Kills the app processes of `data_dir` hard (SIGKILL), as a crash would, and waits for them
/// to go. Returns the pids killed.
pub async fn kill_app_hard(data_dir: &Path) -> Vec<u32> {
    let pids = app_pids(data_dir);
    for &pid in &pids {
        signal(pid, libc::SIGKILL);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while pids.iter().any(|&p| alive(p)) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    pids
}

/// A running tauri-driver. Dropping it stops it with SIGTERM (never SIGKILL: that orphans
/// WebKitWebDriver, which keeps the test's pipes open and hangs the run).
struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    fn start(env: &[(&str, Option<&Path>)], log: &Path) -> Driver {
        let port = free_port();
        let native_port = loop {
            let p = free_port();
            if p != port {
                break p;
            }
        };
        let log_file = std::fs::File::create(log).expect("create driver log");
        let mut cmd = Command::new(tauri_driver_binary());
        cmd.arg("--port")
            .arg(port.to_string())
            .arg("--native-port")
            .arg(native_port.to_string())
            .arg("--native-driver")
            .arg(native_driver())
            .stdin(Stdio::null())
            // Logs go to a file, not to our pipes: nothing the driver leaves behind can hold
            // the test run's stdout open.
            .stdout(log_file.try_clone().expect("clone log"))
            .stderr(log_file);
        for (key, value) in env {
            match value {
                Some(v) => cmd.env(key, v),
                None => cmd.env_remove(key),
            };
        }
        let child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start tauri-driver: {e}"));
        let deadline = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "tauri-driver did not listen on port {port} within 10 s; see {}", log.display());
            std::thread::sleep(Duration::from_millis(50));
        }
        Driver { child, port }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        signal(self.child.id(), libc::SIGTERM);
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => return,
                Ok(None) if Instant::now() > deadline => {
                    eprintln!("tauri-driver (pid {}) ignored SIGTERM for 10 s; leaving it", self.child.id());
                    return;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }
}

/// Numbered screenshots of one test in `artifacts/e2e/<test>/`.
pub struct Shots {
    dir: PathBuf,
    next: AtomicUsize,
}

impl Shots {
    fn path(&self, name: &str) -> PathBuf {
        let n = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        self.dir.join(format!("{n:02}-{name}.png"))
    }
}

/// One test: holds the serial lock, a temp folder and the screenshot folder.
pub struct TestCtx {
    /// Scratch folder for files the test makes; deleted at the end.
    pub tmp: tempfile::TempDir,
    shots: Arc<Shots>,
    launches: AtomicUsize,
    _serial: tokio::sync::MutexGuard<'static, ()>,
}

impl TestCtx {
    /// Waits for the previous test to finish, then prepares folders for `name`.
    pub async fn new(name: &str) -> TestCtx {
        let serial = SERIAL.lock().await;
        let dir = repo_root().join("artifacts/e2e").join(name);
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create screenshot folder");
        TestCtx {
            tmp: tempfile::Builder::new().prefix(&format!("salesplan-e2e-{name}-")).tempdir().expect("temp dir"),
            shots: Arc::new(Shots { dir, next: AtomicUsize::new(0) }),
            launches: AtomicUsize::new(0),
            _serial: serial,
        }
    }

    /// A new empty folder inside the test's temp folder.
    pub fn dir(&self, name: &str) -> PathBuf {
        let dir = self.tmp.path().join(name);
        std::fs::create_dir_all(&dir).expect("create dir");
        dir
    }

    /// Launch options with a fresh data folder and a dialog script.
    pub fn launch(&self) -> Launch {
        let n = self.launches.fetch_add(1, Ordering::SeqCst) + 1;
        let data_dir = self.dir(&format!("data-{n}"));
        let script = self.tmp.path().join(format!("dialog-script-{n}.txt"));
        Launch { data_dir, dialog_script: Some(script), args: vec![] }
    }

    /// A screenshot of the whole X screen (shows native dialogs, which WebDriver cannot see).
    pub fn screen_shot(&self, name: &str) -> PathBuf {
        let path = self.shots.path(&format!("{name}-screen"));
        let status = Command::new("import").args(["-window", "root"]).arg(&path).status();
        match status {
            Ok(s) if s.success() => {}
            other => panic!("`import -window root {}` failed: {other:?}", path.display()),
        }
        path
    }

    /// Starts the app with `launch`, waiting for its first screen.
    pub async fn start(&self, launch: &Launch) -> App {
        App::start(self, launch).await
    }
}

/// How to start the app.
#[derive(Clone, Debug)]
pub struct Launch {
    /// `SALESPLAN_DATA_DIR` (prefs, working copies).
    pub data_dir: PathBuf,
    /// `SALESPLAN_DIALOG_SCRIPT`; `None` means real native dialogs.
    pub dialog_script: Option<PathBuf>,
    /// Command-line arguments (a plan file path).
    pub args: Vec<String>,
}

/// The CSS selector of a `data-testid`.
pub fn tid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

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
    async fn start(ctx: &TestCtx, launch: &Launch) -> App {
        let app_bin = app_binary();
        if let Some(script) = &launch.dialog_script {
            if !script.exists() {
                std::fs::write(script, "").expect("create dialog script");
            }
        }
        let log = ctx.shots.dir.join(format!("driver-{:02}.log", ctx.shots.next.load(Ordering::SeqCst)));
        let driver = Driver::start(
            &[("SALESPLAN_DATA_DIR", Some(&launch.data_dir)), ("SALESPLAN_DIALOG_SCRIPT", launch.dialog_script.as_deref())],
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
                Err(e) => panic!("cannot start a WebDriver session for {}: {e}; see {}", app_bin.display(), log.display()),
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
            app.client().find_all(Locator::Css("[data-testid^=\"page-\"]")).await.ok().filter(|v| !v.is_empty())
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
            if tokio::time::timeout(Duration::from_secs(15), client.close()).await.is_err() {
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
        assert!(!line.contains('\n'), "path with a newline cannot go through the dialog script");
        self.push_dialog_line(line);
    }

    /// Makes the next native dialog be cancelled.
    pub fn cancel_next_dialog(&self) {
        self.push_dialog_line("CANCEL");
    }

    fn push_dialog_line(&self, line: &str) {
        let script = self.dialog_script.as_ref().expect("app started without SALESPLAN_DIALOG_SCRIPT");
        let mut f = std::fs::OpenOptions::new().create(true).append(true).open(script).expect("open dialog script");
        writeln!(f, "{line}").expect("write dialog script");
    }

    /// Lines not yet consumed by the app.
    pub fn pending_dialog_answers(&self) -> Vec<String> {
        let script = self.dialog_script.as_ref().expect("app started without SALESPLAN_DIALOG_SCRIPT");
        std::fs::read_to_string(script).unwrap_or_default().lines().map(String::from).collect()
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
        self.client().find_all(Locator::Css(&tid(id))).await.ok().and_then(|v| v.into_iter().next())
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
                self.fail(format!("timed out after {timeout:?} waiting for: {what}")).await;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for an element with this `data-testid`.
    pub async fn wait_for(&self, id: &str) -> Element {
        self.wait_for_timeout(id, UI_TIMEOUT).await
    }

    async fn wait_for_timeout(&self, id: &str, timeout: Duration) -> Element {
        self.wait_until(&format!("element [data-testid={id}]"), timeout, || self.try_find(id)).await
    }

    /// Waits for a CSS selector.
    pub async fn wait_for_css(&self, css: &str) -> Element {
        let client = self.client();
        self.wait_until(&format!("element {css}"), UI_TIMEOUT, || async move {
            client.find_all(Locator::Css(css)).await.ok().and_then(|v| v.into_iter().next())
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

    /// Visible text of the element with this `data-testid` (waits for it).
    pub async fn text(&self, id: &str) -> String {
        let el = self.wait_for(id).await;
        el.text().await.unwrap_or_else(|e| panic!("text of {id}: {e}"))
    }

    /// Visible text of the element with this `data-testid`, if it is present now.
    pub async fn try_text(&self, id: &str) -> Option<String> {
        self.try_find(id).await?.text().await.ok()
    }

    /// An attribute of the element with this `data-testid` (waits for it).
    pub async fn attr(&self, id: &str, name: &str) -> Option<String> {
        let el = self.wait_for(id).await;
        el.attr(name).await.unwrap_or_else(|e| panic!("attribute {name} of {id}: {e}"))
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
            let t = el.text().await.ok()?;
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
        let keys = format!("{}a{}{}{}", char::from(K::Control), char::from(K::Null), value, char::from(K::Enter));
        if let Err(e) = el.send_keys(&keys).await {
            self.fail(format!("typing {value:?} failed: {e}")).await;
        }
    }

    /// `type_into` on the input with this `data-testid`.
    pub async fn set_input(&self, id: &str, value: &str) {
        let el = self.wait_for(id).await;
        self.type_into(&el, value).await;
    }

    /// Moves focus off any input (so a shortcut goes to the app, not to a text field's own undo).
    pub async fn blur(&self) {
        let _ = self.client().execute("if (document.activeElement) document.activeElement.blur();", vec![]).await;
    }

    /// Presses a keyboard shortcut on the page body: `modifiers` then `key`.
    pub async fn shortcut(&self, modifiers: &[K], key: &str) {
        self.blur().await;
        let mut keys: String = modifiers.iter().map(|&m| char::from(m)).collect();
        keys.push_str(key);
        keys.push(char::from(K::Null));
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
    pub async fn new_from_template(&self) {
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
            eprintln!("note: btn-new on a fresh app asked about unsaved changes; discarding");
            self.click("unsaved-discard").await;
            self.wait_for("new-plan-dialog").await;
        }
        self.shot("new-plan-dialog").await;
        self.click("new-template").await;
        self.wait_gone("new-plan-dialog").await;
        // The template's bookings goal is the anchor of several tests.
        self.wait_text("plan-title", "to be the template title", |t| !t.trim().is_empty()).await;
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

/// WebDriver key codes.
pub use fantoccini::key::Key as K;

/// Digits, sign and decimal point of a displayed number ("14,000,000" → "14000000";
/// "+40.0 %" → "40.0"), parsed exactly.
pub fn number_in(text: &str) -> Option<rust_decimal::Decimal> {
    let cleaned: String = text.chars().filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-').collect();
    cleaned.parse::<rust_decimal::Decimal>().ok()
}

/// Runs `salesplan <args>` and asserts it succeeds.
pub fn run_cli(args: &[&std::ffi::OsStr]) -> String {
    let bin = cli_binary();
    let out = Command::new(&bin).args(args).output().unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
    assert!(
        out.status.success(),
        "{} {:?} failed ({}):\n{}\n{}",
        bin.display(),
        args,
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

//! Starts the real desktop app under tauri-driver and drives it through WebDriver.
//!
//! One test = one [`TestCtx`] (a global lock, a temp folder, a screenshot folder) and one or
//! more [`App`] launches (each its own tauri-driver, which passes its environment on to the
//! app: that is how the data folder and the dialog script reach the app).
//!
//! Tests run one at a time: two apps would fight over the X display, the keyboard focus of a
//! native dialog and the process-wide `pgrep`-style lookups below. The lock in [`TestCtx::new`]
//! enforces it even without `--test-threads=1`.

mod app;
mod process;

pub use app::App;
pub use process::{cli_binary, repo_root};

use std::path::PathBuf;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How long a UI element may take to appear or change.
pub const UI_TIMEOUT: Duration = Duration::from_secs(15);
/// How long the app may take to show its first screen.
pub const START_TIMEOUT: Duration = Duration::from_secs(30);

static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// Numbered screenshots of one test in `artifacts/e2e/<test>/`.
pub struct Shots {
    pub(super) dir: PathBuf,
    pub(super) next: AtomicUsize,
}

impl Shots {
    pub(super) fn path(&self, name: &str) -> PathBuf {
        let n = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        self.dir.join(format!("{n:02}-{name}.png"))
    }
}

/// One test: holds the serial lock, a temp folder and the screenshot folder.
pub struct TestCtx {
    /// Scratch folder for files the test makes; deleted at the end.
    pub tmp: tempfile::TempDir,
    pub(super) shots: Arc<Shots>,
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
            tmp: tempfile::Builder::new()
                .prefix(&format!("salesplan-e2e-{name}-"))
                .tempdir()
                .expect("temp dir"),
            shots: Arc::new(Shots {
                dir,
                next: AtomicUsize::new(0),
            }),
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
        Launch {
            data_dir,
            dialog_script: Some(script),
            args: vec![],
        }
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

/// WebDriver key codes.
pub use fantoccini::key::Key as K;

/// `text` encoded as GB18030, as Chinese Excel saves "CSV".
pub fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

/// Digits, sign and decimal point of a displayed number ("14,000,000" → "14000000";
/// "+40.0 %" → "40.0"), parsed exactly.
pub fn number_in(text: &str) -> Option<rust_decimal::Decimal> {
    let cleaned: String = text
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    cleaned.parse::<rust_decimal::Decimal>().ok()
}

/// Runs `salesplan <args>` and asserts it succeeds.
pub fn run_cli(args: &[&std::ffi::OsStr]) -> String {
    let bin = cli_binary();
    let out = Command::new(&bin)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", bin.display()));
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

//! Processes: finding the binaries, tauri-driver, and the app's own processes.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The repository root (this crate lives in `<repo>/tests`).
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ has a parent")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => {
            let dir = PathBuf::from(dir);
            if dir.is_absolute() {
                dir
            } else {
                repo_root().join(dir)
            }
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
    let candidates = [
        target_dir().join("debug").join(name),
        repo_root().join("target/debug").join(name),
    ];
    for path in &candidates {
        if path.is_file() {
            return path.canonicalize().expect("canonical binary path");
        }
    }
    panic!(
        "cannot find the `{name}` binary (looked at ${env_var}, {}). Build it first: {build_hint} \
         — or run scripts/test-e2e.sh, which builds everything.",
        candidates
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
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

/// Warns when the app binary is older than the built UI: the UI is embedded at compile time,
/// so such a binary shows an older UI (or none, if it was built while `ui/dist` was rewritten).
pub(super) fn warn_if_stale(app: &Path) {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let dist = repo_root().join("ui/dist/index.html");
    if let (Some(bin), Some(ui)) = (modified(app), modified(&dist)) {
        if bin < ui {
            eprintln!(
                "warning: {} is older than {}: rebuild the app (scripts/test-e2e.sh does) or it shows a stale UI",
                app.display(),
                dist.display()
            );
        }
    }
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
    assert!(
        candidate.is_file(),
        "tauri-driver not found on PATH or at {}: cargo install tauri-driver --locked",
        candidate.display()
    );
    candidate
}

fn native_driver() -> PathBuf {
    std::env::var_os("WEBKIT_WEBDRIVER")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/WebKitWebDriver"))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind a free port")
        .local_addr()
        .expect("local addr")
        .port()
}

/// Sends `signal` to `pid`.
pub(super) fn signal(pid: u32, signal: libc::c_int) {
    // SAFETY: kill(2) has no memory effects; a stale pid at worst returns ESRCH.
    unsafe {
        libc::kill(pid as libc::pid_t, signal);
    }
}

fn alive(pid: u32) -> bool {
    // A zombie still has a /proc entry; treat state Z as gone.
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => !stat
            .rsplit_once(')')
            .is_some_and(|(_, rest)| rest.trim_start().starts_with('Z')),
        Err(_) => false,
    }
}

/// Processes of the app binary started with `SALESPLAN_DATA_DIR=<data_dir>`. Every test has
/// its own data folder, so this names exactly the app this test launched.
pub fn app_pids(data_dir: &Path) -> Vec<u32> {
    let needle = format!("SALESPLAN_DATA_DIR={}", data_dir.display());
    let mut pids = Vec::new();
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return pids;
    };
    for entry in entries.flatten() {
        let Some(pid) = entry.file_name().to_str().and_then(|s| s.parse::<u32>().ok()) else {
            continue;
        };
        let exe = std::fs::read_link(format!("/proc/{pid}/exe")).unwrap_or_default();
        let is_app = exe
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("salesplan-studio"));
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
pub(super) struct Driver {
    child: Child,
    pub(super) port: u16,
}

impl Driver {
    pub(super) fn start(env: &[(&str, Option<&Path>)], log: &Path) -> Driver {
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
            assert!(
                Instant::now() < deadline,
                "tauri-driver did not listen on port {port} within 10 s; see {}",
                log.display()
            );
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
                    eprintln!(
                        "tauri-driver (pid {}) ignored SIGTERM for 10 s; leaving it",
                        self.child.id()
                    );
                    return;
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            }
        }
    }
}

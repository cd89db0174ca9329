//! Shared helpers: a realistic plan, a temporary folder, tampering with a file, and running a
//! child copy of this test binary.

#![allow(dead_code)]

use chrono::{NaiveDate, TimeZone, Utc};
use salesplan_core::clock::{Clock, FixedClock};
use salesplan_core::error::{Error, ErrorCode};
use salesplan_core::model::{Plan, PlanMeta};
use salesplan_core::store;
use salesplan_core::template::{self, Template};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

/// The fixed start of every test clock.
pub fn clock() -> FixedClock {
    FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 30, 8, 0, 0).unwrap())
}

/// The Q4 template plan in Chinese and its metadata, deterministic (the latest fixture's content).
pub fn template_plan() -> (PlanMeta, Plan) {
    let clock = clock();
    let plan = template::build(
        Template::Q4Growth,
        "zh-CN",
        NaiveDate::from_ymd_opt(2026, 9, 30).unwrap(),
        &clock,
    );
    let meta = PlanMeta {
        document_id: clock.new_id(),
        revision_id: clock.new_id(),
        parent_revision: None,
        app_version: "0.1.0".into(),
        saved_at: clock.now(),
        author: "王磊".into(),
    };
    (meta, plan)
}

/// The template plan saved as another revision with a different title.
pub fn other_revision(meta: &PlanMeta, plan: &Plan, title: &str) -> (PlanMeta, Plan) {
    let mut plan = plan.clone();
    plan.header.title = title.into();
    let meta = PlanMeta {
        // Derived from the title, so every process that builds this revision agrees on it.
        revision_id: uuid::Uuid::from_u128(title.bytes().fold(0xcbf2_9ce4_8422_2325u128, |h, b| {
            (h ^ u128::from(b)).wrapping_mul(0x1_0000_0000_01b3)
        })),
        parent_revision: Some(meta.revision_id),
        saved_at: meta.saved_at + chrono::Duration::seconds(60),
        ..meta.clone()
    };
    (meta, plan)
}

/// A temporary folder with a scratch folder inside.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Self {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
    pub fn scratch(&self) -> PathBuf {
        self.path("scratch")
    }
    /// Writes the template plan to `name` and returns its path.
    pub fn valid_file(&self, name: &str) -> PathBuf {
        let path = self.path(name);
        let (meta, plan) = template_plan();
        store::write_plan_file(&path, &meta, &plan).unwrap();
        path
    }
    /// Reads `path`, expecting an error with `code` that names `path`.
    pub fn expect_err(&self, path: &Path, code: ErrorCode) -> Error {
        let err = store::read_plan_file(path, &self.scratch()).expect_err("the file must be refused");
        assert_eq!(err.code(), code, "{err}");
        assert_eq!(err.path(), Some(path), "every error names the file: {err}");
        assert_no_private_copies(&self.scratch());
        err
    }
    /// Names of the files in the folder (sorted), except the scratch folder.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != "scratch")
            .collect();
        names.sort();
        names
    }
}

/// The reader deletes its private copies, on success and on failure.
pub fn assert_no_private_copies(scratch: &Path) {
    if let Ok(entries) = std::fs::read_dir(scratch) {
        let left: Vec<_> = entries.map(|e| e.unwrap().file_name()).collect();
        assert!(left.is_empty(), "private copies left behind: {left:?}");
    }
}

/// Changes a plan file with plain SQLite, as a hostile or careless sender could.
pub fn tamper(path: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
    conn.close().unwrap();
}

/// Starts this test binary running only `test` (an ignored child test), with `envs` set.
pub fn spawn_child(test: &str, envs: &[(&str, &str)], configure: impl FnOnce(&mut Command)) -> std::io::Result<Child> {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", test, "--ignored", "--nocapture", "--test-threads=1"]);
    cmd.envs(envs.iter().copied())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit());
    configure(&mut cmd);
    cmd.spawn()
}

/// Reads the child's stdout until a line containing `marker` (false when it ended first).
/// "Containing": the test harness prints `test name ... ` on the same line before it.
pub fn wait_for_line(child: &mut Child, marker: &str) -> bool {
    use std::io::BufRead;
    let out = child.stdout.as_mut().unwrap();
    let mut reader = std::io::BufReader::new(out);
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) if line.contains(marker) => return true,
            Ok(_) => {}
        }
    }
}

/// True when the tests run as root (permission bits do not stop root).
pub fn is_root() -> bool {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions and cannot fail.
        unsafe { libc::geteuid() == 0 }
    }
    #[cfg(not(unix))]
    false
}

/// A tiny xorshift generator: reproducible "random" numbers without a dependency.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

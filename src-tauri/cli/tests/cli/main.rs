//! End-to-end tests of the `salesplan` binary: every command, every exit status, and the
//! bad inputs file-format.md lists, run as a user would run them.
//!
//! Each test works in its own temporary folder and points TMPDIR at a folder inside it, so
//! it can also check that the CLI leaves no private copies of plans behind.

pub use serde_json::Value;
pub use std::ffi::OsStr;
pub use std::fs;
pub use std::path::{Path, PathBuf};
use std::process::Command;

/// One finished run of the binary.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// A temporary folder to run the CLI in, with its own TMPDIR.
pub struct Sandbox {
    dir: tempfile::TempDir,
}

impl Default for Sandbox {
    fn default() -> Self {
        Self::new()
    }
}

impl Sandbox {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("tmp")).unwrap();
        Sandbox { dir }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_salesplan"))
            .args(args)
            .env("TMPDIR", self.path("tmp"))
            .current_dir(self.dir.path())
            .output()
            .unwrap();
        let run = Run {
            code: out.status.code().expect("exited, not killed by a signal"),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "the CLI panicked on {:?}:\n{}",
            args.iter().map(|a| a.as_ref().to_owned()).collect::<Vec<_>>(),
            run.stderr
        );
        run
    }

    /// Runs and asserts the exit status, showing the output when it differs.
    pub fn expect<S: AsRef<OsStr>>(&self, code: i32, args: &[S]) -> Run {
        let run = self.run(args);
        assert_eq!(
            run.code,
            code,
            "args {:?}\nstdout:\n{}\nstderr:\n{}",
            args.iter().map(|a| a.as_ref().to_owned()).collect::<Vec<_>>(),
            run.stdout,
            run.stderr
        );
        run
    }

    /// Creates a plan file from a template and returns its path.
    pub fn new_plan(&self, name: &str, template: &str, locale: &str) -> PathBuf {
        let file = self.path(name);
        self.expect(
            0,
            &[
                os("new"),
                os("--template"),
                os(template),
                os("--locale"),
                os(locale),
                file.as_os_str(),
            ],
        );
        file
    }

    /// The JSON form of a plan file, parsed.
    pub fn export_json(&self, file: &Path) -> Value {
        let run = self.expect(0, &[os("export"), os("--format"), os("json"), file.as_os_str()]);
        serde_json::from_str(&run.stdout).expect("export prints JSON")
    }

    /// Writes `json` to `<name>.json` and imports it into `<name>.salesplan`.
    pub fn import_json(&self, name: &str, json: &Value) -> PathBuf {
        let (src, out) = (
            self.path(&format!("{name}.json")),
            self.path(&format!("{name}.salesplan")),
        );
        fs::write(&src, serde_json::to_string_pretty(json).unwrap()).unwrap();
        self.expect(0, &[os("import"), src.as_os_str(), os("-o"), out.as_os_str()]);
        out
    }

    /// Asserts that no scratch folder or temporary file was left behind.
    pub fn assert_clean(&self) {
        let left: Vec<_> = fs::read_dir(self.path("tmp"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(left.is_empty(), "scratch left behind in TMPDIR: {left:?}");
        let temps: Vec<_> = fs::read_dir(self.dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".tmp"))
            .collect();
        assert!(temps.is_empty(), "temporary files left beside the plans: {temps:?}");
    }
}

pub fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

pub fn q4_json(sb: &Sandbox) -> Value {
    let file = sb.new_plan("source.salesplan", "q4-growth", "en");
    sb.export_json(&file)
}

mod compute;
mod convert;
mod create;
mod findings;
mod import_baseline;
mod import_orders;
mod rfm;
mod safety;
mod unusable;

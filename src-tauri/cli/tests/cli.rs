//! End-to-end tests of the `salesplan` binary: every command, every exit status, and the
//! bad inputs file-format.md lists, run as a user would run them.
//!
//! Each test works in its own temporary folder and points TMPDIR at a folder inside it, so
//! it can also check that the CLI leaves no private copies of plans behind.

use serde_json::Value;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One finished run of the binary.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// A temporary folder to run the CLI in, with its own TMPDIR.
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("tmp")).unwrap();
        Sandbox { dir }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    fn run<S: AsRef<OsStr>>(&self, args: &[S]) -> Run {
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
    fn expect<S: AsRef<OsStr>>(&self, code: i32, args: &[S]) -> Run {
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
    fn new_plan(&self, name: &str, template: &str, locale: &str) -> PathBuf {
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
    fn export_json(&self, file: &Path) -> Value {
        let run = self.expect(0, &[os("export"), os("--format"), os("json"), file.as_os_str()]);
        serde_json::from_str(&run.stdout).expect("export prints JSON")
    }

    /// Writes `json` to `<name>.json` and imports it into `<name>.salesplan`.
    fn import_json(&self, name: &str, json: &Value) -> PathBuf {
        let (src, out) = (
            self.path(&format!("{name}.json")),
            self.path(&format!("{name}.salesplan")),
        );
        fs::write(&src, serde_json::to_string_pretty(json).unwrap()).unwrap();
        self.expect(0, &[os("import"), src.as_os_str(), os("-o"), out.as_os_str()]);
        out
    }

    /// Asserts that no scratch folder or temporary file was left behind.
    fn assert_clean(&self) {
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

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn q4_json(sb: &Sandbox) -> Value {
    let file = sb.new_plan("source.salesplan", "q4-growth", "en");
    sb.export_json(&file)
}

// ---- exit 0: new, info, check on the templates -------------------------------------------

#[test]
fn q4_growth_template_is_created_described_and_checks_clean() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4.salesplan", "q4-growth", "en");
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    let schema = format!("Schema version  {}", salesplan_core::store::SCHEMA_VERSION);
    for expected in [
        "Q4 sales +30 %",
        "Starlight Smart Devices Ltd.",
        "CNY",
        "2026-10-01 to 2026-12-31",
        "Goals           2",
        "Baseline months 24",
        &schema,
        "App version     ",
        "Health          0 errors",
    ] {
        assert!(info.contains(expected), "info lacks {expected:?}:\n{info}");
    }
    assert!(
        !info.contains("Read-only"),
        "a file of this version is not read-only:\n{info}"
    );
    let check = sb.expect(0, &[os("check"), file.as_os_str()]).stdout;
    // The template promises no errors; warnings and hints may come with new checks.
    assert!(
        check
            .lines()
            .last()
            .unwrap()
            .starts_with(&format!("{}: 0 errors, ", file.display())),
        "{check}"
    );
    assert!(!check.lines().any(|l| l.starts_with("error")), "{check}");
    sb.assert_clean();
}

#[test]
fn chinese_template_keeps_its_text() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4-zh.salesplan", "q4-growth", "zh-CN");
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    assert!(
        info.contains("Q4销售额增长30%") && info.contains("星辰智能设备有限公司"),
        "{info}"
    );
    sb.expect(0, &[os("check"), file.as_os_str()]);
}

#[test]
fn blank_template_is_the_default_and_has_only_warnings() {
    let sb = Sandbox::new();
    let file = sb.path("blank.salesplan");
    sb.expect(0, &[os("new"), file.as_os_str()]);
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    assert!(
        info.contains("Title           (none)") && info.contains("Goals           0") && info.contains("USD"),
        "{info}"
    );
    let check = sb.expect(0, &[os("check"), file.as_os_str()]).stdout;
    assert!(
        check.contains("warning  header  header.title_missing  field title"),
        "{check}"
    );
    assert!(check.contains("warning  targets  targets.no_bookings_goal"), "{check}");
}

#[test]
fn new_refuses_an_existing_file_unless_forced() {
    let sb = Sandbox::new();
    let file = sb.new_plan("plan.salesplan", "blank", "en");
    let before = fs::read(&file).unwrap();
    let run = sb.expect(2, &[os("new"), os("--template"), os("q4-growth"), file.as_os_str()]);
    assert!(
        run.stderr.starts_with(&format!("salesplan: {}: ", file.display())) && run.stderr.contains("--force"),
        "{}",
        run.stderr
    );
    assert_eq!(
        fs::read(&file).unwrap(),
        before,
        "a refused `new` must not touch the file"
    );
    sb.expect(
        0,
        &[
            os("new"),
            os("--force"),
            os("--template"),
            os("q4-growth"),
            file.as_os_str(),
        ],
    );
    assert!(sb
        .expect(0, &[os("info"), file.as_os_str()])
        .stdout
        .contains("Q4 sales +30 %"));
    sb.assert_clean();
}

#[test]
fn new_refuses_a_folder_or_a_missing_folder_and_creates_nothing() {
    let sb = Sandbox::new();
    let folder = sb.path("plans");
    fs::create_dir(&folder).unwrap();
    for args in [vec![folder.as_os_str()], vec![os("--force"), folder.as_os_str()]] {
        let run = sb.expect(2, &[&[os("new")], &args[..]].concat());
        assert!(
            run.stderr.contains(&folder.display().to_string()) && run.stderr.contains("folder"),
            "{}",
            run.stderr
        );
    }
    assert!(folder.is_dir());
    let nested = sb.path("missing/plan.salesplan");
    let run = sb.expect(2, &[os("new"), nested.as_os_str()]);
    assert!(
        run.stderr.contains(&nested.display().to_string()) && run.stderr.contains("does not exist"),
        "{}",
        run.stderr
    );
    assert!(!sb.path("missing").exists());
}

// ---- exit 1: error findings -------------------------------------------------------------

#[test]
fn a_reversed_period_is_an_error_finding() {
    let sb = Sandbox::new();
    let mut json = q4_json(&sb);
    json["plan"]["header"]["period_end"] = "2026-09-30".into();
    let file = sb.import_json("reversed", &json);
    let run = sb.expect(1, &[os("check"), file.as_os_str()]);
    assert!(
        run.stdout
            .lines()
            .next()
            .unwrap()
            .starts_with("error  header  header.period_reversed  field period_end  "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .lines()
            .last()
            .unwrap()
            .starts_with(&format!("{}: 1 error, ", file.display())),
        "{}",
        run.stdout
    );
    // info describes the plan; only check turns findings into an exit status.
    assert!(sb
        .expect(0, &[os("info"), file.as_os_str()])
        .stdout
        .contains("Health          1 error"));
}

#[test]
fn a_dangling_parent_goal_is_an_error_finding() {
    let sb = Sandbox::new();
    let mut json = q4_json(&sb);
    let goal = json["plan"]["goals"][1]["id"].as_str().unwrap().to_string();
    json["plan"]["goals"][1]["parent_id"] = "0f0f0f0f-0000-4000-8000-000000000000".into();
    let file = sb.import_json("dangling", &json);
    let run = sb.expect(1, &[os("check"), file.as_os_str()]);
    let expected = format!("error  targets  goal.parent_missing  goal {goal} field parent_id");
    assert!(
        run.stdout.lines().any(|l| l == expected),
        "no line {expected:?} in:\n{}",
        run.stdout
    );
}

#[test]
fn check_json_has_findings_and_health_counts() {
    let sb = Sandbox::new();
    let file = sb.new_plan("blank.salesplan", "blank", "en");
    let run = sb.expect(0, &[os("check"), os("--json"), file.as_os_str()]);
    let report: Value = serde_json::from_str(&run.stdout).expect("check --json prints JSON");
    assert_eq!(report["health"]["errors"], 0);
    let warnings = report["health"]["warnings"].as_u64().unwrap();
    assert!(warnings >= 1 && report["health"]["hints"].is_u64());
    let findings = report["findings"].as_array().unwrap();
    assert_eq!(
        findings.len() as u64,
        warnings + report["health"]["hints"].as_u64().unwrap()
    );
    assert!(findings
        .iter()
        .any(|f| f["code"] == "header.title_missing" && f["severity"] == "warning" && f["target"]["step"] == "header"));

    let mut json = q4_json(&sb);
    json["plan"]["header"]["period_end"] = "2020-01-01".into();
    let bad = sb.import_json("bad", &json);
    let run = sb.expect(1, &[os("check"), os("--json"), bad.as_os_str()]);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["health"]["errors"], 1);
    assert_eq!(report["findings"][0]["code"], "header.period_reversed");
}

// ---- exit 2: unusable files -------------------------------------------------------------

#[test]
fn unusable_files_are_refused_naming_the_path() {
    let sb = Sandbox::new();
    let empty = sb.path("empty.salesplan");
    fs::write(&empty, b"").unwrap();
    let text = sb.path("notes.salesplan");
    fs::write(&text, "Meeting notes: call the distributor on Monday.\n").unwrap();
    let missing = sb.path("missing.salesplan");
    let folder = sb.path("folder.salesplan");
    fs::create_dir(&folder).unwrap();
    for file in [&empty, &text, &missing, &folder] {
        for command in [&["info"][..], &["check"], &["check", "--json"], &["export"]] {
            let args: Vec<&OsStr> = command.iter().map(|c| os(c)).chain([file.as_os_str()]).collect();
            let run = sb.expect(2, &args);
            let prefix = format!("salesplan: {}: ", file.display());
            assert!(
                run.stderr.starts_with(&prefix) && run.stderr.trim_end().len() > prefix.len(),
                "{command:?} {file:?}: {}",
                run.stderr
            );
            assert!(
                run.stdout.is_empty(),
                "nothing on stdout for an unusable file: {}",
                run.stdout
            );
        }
    }
    assert!(!missing.exists(), "reading must never create the file");
    assert_eq!(fs::read(&empty).unwrap(), b"");
    sb.assert_clean();
}

#[test]
fn bad_arguments_exit_2() {
    let sb = Sandbox::new();
    let cases: [&[&str]; 9] = [
        &[],
        &["frobnicate"],
        &["new"],
        &["new", "--template", "q1-miracle", "x.salesplan"],
        &["new", "--locale", "fr", "x.salesplan"],
        &["check", "--yaml", "x.salesplan"],
        &["export", "--format", "xml", "x.salesplan"],
        &["import", "plan.json"],
        &["info", "a.salesplan", "b.salesplan"],
    ];
    for args in cases {
        let run = sb.expect(2, args);
        assert!(!run.stderr.is_empty(), "{args:?} says why");
    }
    assert!(
        sb.run(&["new", "--template", "q1-miracle", "x.salesplan"])
            .stderr
            .contains("q4-growth"),
        "lists the templates"
    );
    assert!(!sb.path("x.salesplan").exists());
    sb.expect(0, &["--help"]);
    sb.expect(0, &["--version"]);
}

// ---- export and import ------------------------------------------------------------------

#[test]
fn export_then_import_gives_the_same_plan() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4.salesplan", "q4-growth", "zh-CN");
    let first = sb.expect(0, &[os("export"), file.as_os_str()]).stdout;
    let out = sb.path("q4.json");
    sb.expect(
        0,
        &[
            os("export"),
            os("--format"),
            os("json"),
            os("-o"),
            out.as_os_str(),
            file.as_os_str(),
        ],
    );
    assert_eq!(fs::read_to_string(&out).unwrap(), first, "-o writes what stdout shows");
    let copy = sb.path("copy.salesplan");
    sb.expect(0, &[os("import"), out.as_os_str(), os("-o"), copy.as_os_str()]);
    let second = sb.expect(0, &[os("export"), copy.as_os_str()]).stdout;
    assert_eq!(first, second, "export → import → export is lossless");
    // Exporting again over the same OUT replaces it.
    sb.expect(0, &[os("export"), os("-o"), out.as_os_str(), copy.as_os_str()]);
    assert_eq!(fs::read_to_string(&out).unwrap(), first);
    sb.assert_clean();
}

#[test]
fn import_replaces_an_existing_plan_file() {
    let sb = Sandbox::new();
    let json = q4_json(&sb);
    let target = sb.new_plan("target.salesplan", "blank", "en");
    let src = sb.path("q4.json");
    fs::write(&src, serde_json::to_string(&json).unwrap()).unwrap();
    sb.expect(0, &[os("import"), src.as_os_str(), os("-o"), target.as_os_str()]);
    let info = sb.expect(0, &[os("info"), target.as_os_str()]).stdout;
    assert!(
        info.contains("Q4 sales +30 %") && info.contains(json["meta"]["revision_id"].as_str().unwrap()),
        "{info}"
    );
    sb.assert_clean();
}

#[test]
fn import_refuses_bad_json_and_leaves_the_target_alone() {
    let sb = Sandbox::new();
    let json = q4_json(&sb);
    let mut newer = json.clone();
    newer["format_version"] = 99.into();
    let mut unknown_field = json;
    unknown_field["plan"]["header"]["mood"] = "optimistic".into();
    let target = sb.new_plan("target.salesplan", "blank", "en");
    let before = fs::read(&target).unwrap();
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "malformed.json",
            b"{\"format\": \"salesplan\", ".to_vec(),
            "not a plan JSON document",
        ),
        (
            "other.json",
            b"{\"name\": \"left-pad\"}".to_vec(),
            "not a plan JSON document",
        ),
        ("empty.json", Vec::new(), "not a plan JSON document"),
        ("latin1.json", b"{\"format\": \"salesplan\xe9\"}".to_vec(), "not UTF-8"),
        ("newer.json", serde_json::to_vec(&newer).unwrap(), "newer version"),
        ("unknown.json", serde_json::to_vec(&unknown_field).unwrap(), "mood"),
    ];
    for (name, bytes, message) in cases {
        let src = sb.path(name);
        fs::write(&src, bytes).unwrap();
        let run = sb.expect(2, &[os("import"), src.as_os_str(), os("-o"), target.as_os_str()]);
        assert!(
            run.stderr.starts_with(&format!("salesplan: {}: ", src.display())) && run.stderr.contains(message),
            "{name}: {}",
            run.stderr
        );
    }
    let missing = sb.path("missing.json");
    let run = sb.expect(2, &[os("import"), missing.as_os_str(), os("-o"), target.as_os_str()]);
    assert!(run.stderr.contains(&missing.display().to_string()), "{}", run.stderr);
    assert_eq!(
        fs::read(&target).unwrap(),
        before,
        "a failed import must not touch the target"
    );
    sb.assert_clean();
}

#[test]
fn export_and_import_refuse_folders_as_output() {
    let sb = Sandbox::new();
    let file = sb.new_plan("q4.salesplan", "q4-growth", "en");
    let folder = sb.path("out");
    fs::create_dir(&folder).unwrap();
    let run = sb.expect(2, &[os("export"), os("-o"), folder.as_os_str(), file.as_os_str()]);
    assert!(
        run.stderr.starts_with(&format!("salesplan: {}: ", folder.display())),
        "{}",
        run.stderr
    );
    let src = sb.path("q4.json");
    sb.expect(0, &[os("export"), os("-o"), src.as_os_str(), file.as_os_str()]);
    let run = sb.expect(2, &[os("import"), src.as_os_str(), os("-o"), folder.as_os_str()]);
    assert!(
        run.stderr.starts_with(&format!("salesplan: {}: ", folder.display())),
        "{}",
        run.stderr
    );
    assert!(folder.is_dir() && fs::read_dir(&folder).unwrap().next().is_none());
    sb.assert_clean();
}

#[test]
fn plan_text_reaches_the_terminal_as_text() {
    let sb = Sandbox::new();
    let mut json = q4_json(&sb);
    json["plan"]["header"]["title"] = "\u{1b}]0;pwned\u{7}\u{1b}[2J Q4 \u{202e}gnp.exe".into();
    json["plan"]["header"]["currency"] = "\u{1b}[31mXXX".into();
    let file = sb.import_json("evil", &json);
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    let check = sb.expect(1, &[os("check"), file.as_os_str()]).stdout; // unknown currency is an error
    for out in [&info, &check] {
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}') && !out.contains('\u{202e}'),
            "raw control characters reached stdout:\n{out:?}"
        );
    }
    assert!(info.contains("\\u{1b}[2J Q4"), "{info}");
}

#[test]
fn a_file_from_a_newer_app_is_described_as_read_only() {
    let sb = Sandbox::new();
    let file = sb.new_plan("newer.salesplan", "q4-growth", "en");
    // A plan file is SQLite: `PRAGMA user_version` (the schema version) is the big-endian
    // integer at offset 60 of the header. A newer app would have written a higher one.
    let mut bytes = fs::read(&file).unwrap();
    bytes[60..64].copy_from_slice(&99i32.to_be_bytes());
    fs::write(&file, bytes).unwrap();
    let info = sb.expect(0, &[os("info"), file.as_os_str()]).stdout;
    assert!(
        info.contains("Schema version  99") && info.contains("Read-only") && info.contains("newer version"),
        "{info}"
    );
    let check = sb.expect(0, &[os("check"), file.as_os_str()]);
    assert!(check.stderr.contains("newer version"), "{}", check.stderr);
    sb.assert_clean();
}

#[test]
fn compute_prints_the_worked_example_and_exits_by_health() {
    let sb = Sandbox::new();
    let mut json = q4_json(&sb);
    let file = sb.import_json("q4", &json);
    let run = sb.expect(0, &[os("compute"), os("--json"), file.as_os_str()]);
    let doc: Value = serde_json::from_str(&run.stdout).expect("compute --json prints JSON");
    assert_eq!(doc["format"], "salesplan-compute");
    assert_eq!(doc["format_version"], 1);
    // Worked example: 13,000,000 / 10,000,000 − 1 = 0.3, a stretch; cash-in 11,960,000 / 9,200,000 − 1 = 0.3.
    assert_eq!(doc["goals"][0]["analysis"]["growth"], "0.3");
    assert_eq!(doc["goals"][0]["analysis"]["band"], "stretch");
    assert_eq!(doc["goals"][1]["analysis"]["growth"], "0.3");
    assert_eq!(doc["report"]["baseline"]["same_period_bookings"], "10000000");
    let table = sb.expect(0, &[os("compute"), file.as_os_str()]).stdout;
    assert!(
        table.contains("10000000 → 13000000 CNY  growth +30%  stretch"),
        "{table}"
    );

    json["plan"]["header"]["period_end"] = "2026-09-30".into();
    let reversed = sb.import_json("reversed", &json);
    let run = sb.expect(1, &[os("compute"), os("--json"), reversed.as_os_str()]);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["report"]["health"]["errors"], 1);
    sb.expect(2, &[os("compute"), sb.path("missing.salesplan").as_os_str()]);
}

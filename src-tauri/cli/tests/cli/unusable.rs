//! Exit 2: unusable files and bad arguments, each named on stderr.

use super::*;

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

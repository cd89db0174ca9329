//! `export` and `import`: lossless round trips, atomic replacement, refusals.

use super::*;

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

//! Exit 1: plans whose health check finds errors, in text and JSON.

use super::*;

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

//! `compute`: the worked example and the exit status by plan health.

use super::*;

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
    // Section 1 (docs/compute.md): regions 45 / 35 / 20 % of 13m with +10 % quotas; the
    // collections of the quarter beat the 11.96m cash-in target by 97,012.90.
    let regions = &doc["report"]["breakdown"]["splits"][0]["result"];
    let allocated: Vec<&Value> = regions["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| &m["allocated"])
        .collect();
    assert_eq!(allocated, ["5850000", "4550000", "2600000"]);
    assert_eq!(regions["totals"]["quota"], "14300000");
    assert_eq!(doc["report"]["breakdown"]["cash_in"][0]["gap"], "97012.9");
    assert_eq!(doc["report"]["phasing"][0]["months"][2]["amount"], "4940000");
    let table = sb.expect(0, &[os("compute"), file.as_os_str()]).stdout;
    assert!(
        table.contains("10000000 → 13000000 CNY  growth +30%  stretch"),
        "{table}"
    );
    assert!(
        table.contains("collections 12057012.9  gap to target 97012.9"),
        "{table}"
    );
    assert!(table.contains("2026-12 4940000"), "{table}");

    json["plan"]["header"]["period_end"] = "2026-09-30".into();
    let reversed = sb.import_json("reversed", &json);
    let run = sb.expect(1, &[os("compute"), os("--json"), reversed.as_os_str()]);
    let doc: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(doc["report"]["health"]["errors"], 1);
    sb.expect(2, &[os("compute"), sb.path("missing.salesplan").as_os_str()]);
}

//! Dimension rows of a plan file (schema v2) are input from a stranger too: a row that changes
//! what kind of member it is, or a tree that does not hold together, is refused with the row or
//! the member named. Blank or duplicate names are not refused (they are findings).

use crate::common::{tamper, template_plan, Env};
use salesplan_core::error::ErrorCode;
use salesplan_core::store;

#[test]
fn the_dimensions_of_a_file_survive_a_round_trip() {
    let env = Env::new();
    let path = env.valid_file("dims.salesplan");
    let loaded = store::read_plan_file(&path, &env.scratch()).unwrap();
    assert_eq!(loaded.plan.dimensions, template_plan().1.dimensions);
    assert_eq!(loaded.plan.dimensions.org.len(), 3 + 5 + 10);
}

#[test]
fn a_tier_with_an_org_level_is_refused_naming_the_row() {
    let env = Env::new();
    let path = env.valid_file("tier.salesplan");
    tamper(
        &path,
        "UPDATE dimension_member SET level = 'rep' WHERE dimension = 'tier' AND position = 0",
    );
    let err = env.expect_err(&path, ErrorCode::InvalidValue);
    assert!(
        err.detail().contains("dimension_member row") && err.detail().contains("level"),
        "{err}"
    );
}

#[test]
fn a_rep_filed_under_a_region_is_refused_naming_the_member() {
    let env = Env::new();
    let path = env.valid_file("tree.salesplan");
    tamper(
        &path,
        "UPDATE dimension_member SET parent_id = (SELECT id FROM dimension_member WHERE level = 'region' LIMIT 1)
         WHERE id = (SELECT id FROM dimension_member WHERE level = 'rep' ORDER BY position LIMIT 1)",
    );
    let err = env.expect_err(&path, ErrorCode::InvalidValue);
    assert!(err.detail().contains("org member \"张伟\""), "{err}");
    assert!(err.detail().contains("must sit under a team"), "{err}");
}

#[test]
fn duplicate_names_from_a_file_open_and_are_reported_as_findings() {
    let env = Env::new();
    let path = env.valid_file("dupes.salesplan");
    tamper(
        &path,
        "UPDATE dimension_member SET name = 'a类客户' WHERE dimension = 'tier' AND position = 1",
    );
    let loaded = store::read_plan_file(&path, &env.scratch()).unwrap();
    let report = salesplan_core::engine::evaluate(&loaded.plan);
    assert!(report.findings.iter().any(|f| f.code == "dimensions.duplicate_name"));
}

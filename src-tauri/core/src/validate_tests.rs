//! Structural validation of the dimensions: what a file or JSON document may not contain.

use super::plan;
use crate::clock::FixedClock;
use crate::error::ErrorCode;
use crate::model::{OrgLevel, Plan};
use crate::template::{self, Template};
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

fn template_plan() -> Plan {
    let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
    template::build(
        Template::Q4Growth,
        "zh-CN",
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        &clock,
    )
}

/// Validates `p`, expecting an InvalidValue error whose message contains every word of `words`.
fn check_refused(p: &Plan, words: &[&str]) {
    let err = plan(p).expect_err("the plan should be refused");
    assert_eq!(err.code(), ErrorCode::InvalidValue);
    for w in words {
        assert!(err.detail().contains(w), "{err} should mention {w}");
    }
}

fn index(p: &Plan, level: OrgLevel) -> usize {
    p.dimensions.org.iter().position(|m| m.level == level).unwrap()
}

#[test]
fn the_template_is_valid() {
    plan(&template_plan()).unwrap();
}

#[test]
fn member_ids_are_unique_across_the_whole_plan() {
    let mut p = template_plan();
    p.dimensions.channels[0].id = p.goals[0].id;
    check_refused(&p, &["used twice"]);
    let mut p = template_plan();
    p.dimensions.tiers[1].id = p.dimensions.org[0].id;
    check_refused(&p, &["used twice"]);
}

#[test]
fn a_parent_must_exist_and_be_one_level_up() {
    let mut p = template_plan();
    let rep = index(&p, OrgLevel::Rep);
    p.dimensions.org[rep].parent_id = Some(Uuid::from_u128(42));
    check_refused(&p, &[&p.dimensions.org[rep].name, "does not exist"]);

    let mut p = template_plan();
    let (region, rep) = (index(&p, OrgLevel::Region), index(&p, OrgLevel::Rep));
    p.dimensions.org[rep].parent_id = Some(p.dimensions.org[region].id);
    check_refused(&p, &["a rep must sit under a team, not under a region"]);

    let mut p = template_plan();
    let team = index(&p, OrgLevel::Team);
    p.dimensions.org[team].parent_id = None;
    check_refused(&p, &["a team needs a region"]);

    let mut p = template_plan();
    let (region, team) = (index(&p, OrgLevel::Region), index(&p, OrgLevel::Team));
    p.dimensions.org[region].parent_id = Some(p.dimensions.org[team].id);
    check_refused(&p, &["a region sits directly under the company"]);
}

#[test]
fn a_cycle_is_refused_naming_a_member() {
    // Two teams that are each other's parent: neither is under a region.
    let mut p = template_plan();
    let teams: Vec<usize> = (0..p.dimensions.org.len())
        .filter(|&i| p.dimensions.org[i].level == OrgLevel::Team)
        .take(2)
        .collect();
    let (a, b) = (p.dimensions.org[teams[0]].id, p.dimensions.org[teams[1]].id);
    p.dimensions.org[teams[0]].parent_id = Some(b);
    p.dimensions.org[teams[1]].parent_id = Some(a);
    check_refused(&p, &["org member", "must sit under a region, not under a team"]);
}

#[test]
fn member_texts_are_capped() {
    let mut p = template_plan();
    p.dimensions.products[0].code = Some("x".repeat(crate::edit::MAX_TEXT + 1));
    check_refused(&p, &["longer than"]);
}

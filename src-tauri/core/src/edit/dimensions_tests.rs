//! Dimension edits: one test per rule, each refused edit checked to leave the plan unchanged.

use crate::clock::FixedClock;
use crate::edit::{apply, PlanEdit};
use crate::error::ErrorCode;
use crate::model::{DimensionKind, OrgLevel, Plan};
use crate::template::{self, Template};
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

use DimensionKind::{Channel, Org, Product, Tier};

fn setup() -> (Plan, FixedClock) {
    let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
    let mut plan = template::build(
        Template::Blank,
        "en",
        NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        &clock,
    );
    plan.dimensions = Default::default();
    (plan, clock)
}

fn ok(plan: &mut Plan, clock: &FixedClock, edit: PlanEdit) {
    apply(plan, &edit, clock).unwrap_or_else(|e| panic!("{edit:?} refused: {e}"));
}

/// Applies an edit that must be refused, checks the plan did not change, returns the message.
fn refused(plan: &mut Plan, clock: &FixedClock, edit: PlanEdit) -> String {
    let before = plan.clone();
    let err = apply(plan, &edit, clock).expect_err("the edit should be refused");
    assert_eq!(*plan, before, "a refused edit changed the plan");
    assert!(matches!(
        err.code(),
        ErrorCode::InvalidValue | ErrorCode::InvalidArgument
    ));
    err.to_string()
}

fn add(dimension: DimensionKind, name: &str, parent_id: Option<Uuid>) -> PlanEdit {
    PlanEdit::AddMember {
        dimension,
        name: name.into(),
        parent_id,
    }
}

fn org_id(plan: &Plan, name: &str) -> Uuid {
    plan.dimensions.org.iter().find(|m| m.name == name).unwrap().id
}

fn org_names(plan: &Plan, parent: Option<Uuid>) -> Vec<&str> {
    let org = &plan.dimensions.org;
    org.iter()
        .filter(|m| m.parent_id == parent)
        .map(|m| m.name.as_str())
        .collect()
}

/// East (teams E1 with reps a, b; E2) and South (team S1).
fn org_plan() -> (Plan, FixedClock) {
    let (mut p, c) = setup();
    ok(&mut p, &c, add(Org, "East", None));
    ok(&mut p, &c, add(Org, "South", None));
    let east = org_id(&p, "East");
    ok(&mut p, &c, add(Org, "E1", Some(east)));
    ok(&mut p, &c, add(Org, "E2", Some(east)));
    let south = org_id(&p, "South");
    ok(&mut p, &c, add(Org, "S1", Some(south)));
    let e1 = org_id(&p, "E1");
    ok(&mut p, &c, add(Org, "a", Some(e1)));
    ok(&mut p, &c, add(Org, "b", Some(e1)));
    (p, c)
}

#[test]
fn an_org_members_level_follows_from_its_parent() {
    let (p, _) = org_plan();
    let level = |n: &str| p.dimensions.org.iter().find(|m| m.name == n).unwrap().level;
    assert_eq!(
        [level("East"), level("E1"), level("a")],
        [OrgLevel::Region, OrgLevel::Team, OrgLevel::Rep]
    );
    assert_eq!(org_names(&p, Some(org_id(&p, "East"))), ["E1", "E2"]);
    // The list stays in tree order: children right after their parent.
    let names: Vec<_> = p.dimensions.org.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["East", "E1", "a", "b", "E2", "South", "S1"]);
}

#[test]
fn a_rep_cannot_have_members_and_flat_dimensions_have_no_parents() {
    let (mut p, c) = org_plan();
    let a = org_id(&p, "a");
    assert!(refused(&mut p, &c, add(Org, "x", Some(a))).contains("last level"));
    let ghost = Uuid::from_u128(7);
    assert!(refused(&mut p, &c, add(Org, "x", Some(ghost))).contains("no parent with id"));
    let east = org_id(&p, "East");
    assert!(refused(&mut p, &c, add(Tier, "A", Some(east))).contains("no parent"));
}

#[test]
fn names_are_trimmed_non_empty_one_line_and_capped() {
    let (mut p, c) = setup();
    ok(&mut p, &c, add(Tier, "  A类客户  ", None));
    assert_eq!(p.dimensions.tiers[0].name, "A类客户");
    assert!(refused(&mut p, &c, add(Tier, "   ", None)).contains("needs a name"));
    assert!(refused(&mut p, &c, add(Tier, "two\nlines", None)).contains("one line"));
    assert!(refused(&mut p, &c, add(Tier, &"x".repeat(crate::edit::MAX_TEXT + 1), None)).contains("longer"));
    assert!(refused(&mut p, &c, add(Tier, "bell\u{7}", None)).contains("control"));
    let id = p.dimensions.tiers[0].id;
    let rename = |name: &str| PlanEdit::RenameMember {
        dimension: Tier,
        id,
        name: name.into(),
    };
    assert!(refused(&mut p, &c, rename("")).contains("needs a name"));
    ok(&mut p, &c, rename(" Key accounts "));
    assert_eq!(p.dimensions.tiers[0].name, "Key accounts");
}

#[test]
fn names_are_unique_among_siblings_ignoring_case() {
    let (mut p, c) = org_plan();
    assert!(refused(&mut p, &c, add(Org, "east", None)).contains("already taken"));
    // The same name under another parent is fine (two reps may share a name).
    let e2 = org_id(&p, "E2");
    ok(&mut p, &c, add(Org, "A", Some(e2)));
    for kind in [Tier, Product, Channel] {
        ok(&mut p, &c, add(kind, "Direct", None));
        assert!(refused(&mut p, &c, add(kind, "DIRECT", None)).contains("already taken"));
    }
    // Renaming to one's own name (in another case) is not a clash; to a sibling's is.
    let b = org_id(&p, "b");
    let rename = |id, name: &str| PlanEdit::RenameMember {
        dimension: Org,
        id,
        name: name.into(),
    };
    ok(&mut p, &c, rename(b, "B"));
    assert!(refused(&mut p, &c, rename(b, "a")).contains("already taken"));
}

#[test]
fn codes_are_optional_and_unique_in_their_dimension() {
    let (mut p, c) = setup();
    ok(&mut p, &c, add(Product, "Devices", None));
    ok(&mut p, &c, add(Product, "Consumables", None));
    let [d, k] = [0, 1].map(|i| p.dimensions.products[i].id);
    let code = |id, code: &str| PlanEdit::SetMemberCode {
        dimension: Product,
        id,
        code: code.into(),
    };
    ok(&mut p, &c, code(d, " DEV "));
    assert_eq!(p.dimensions.products[0].code.as_deref(), Some("DEV"));
    assert!(refused(&mut p, &c, code(k, "dev")).contains("already used"));
    ok(&mut p, &c, code(d, ""));
    assert_eq!(p.dimensions.products[0].code, None);
    ok(&mut p, &c, code(k, "DEV"));
    assert!(refused(&mut p, &c, code(Uuid::from_u128(9), "X")).contains("no member"));
}

#[test]
fn moves_keep_the_levels_and_refuse_cycles() {
    let (mut p, c) = org_plan();
    let [east, south, e1, s1, a] = ["East", "South", "E1", "S1", "a"].map(|n| org_id(&p, n));
    let mv = |id, parent_id| PlanEdit::MoveOrgMember { id, parent_id };
    ok(&mut p, &c, mv(e1, south));
    assert_eq!(org_names(&p, Some(south)), ["S1", "E1"]);
    assert_eq!(org_names(&p, Some(e1)), ["a", "b"], "children move with their team");
    ok(&mut p, &c, mv(a, s1));
    assert_eq!(org_names(&p, Some(s1)), ["a"]);
    assert!(refused(&mut p, &c, mv(a, south)).contains("a rep must sit under a team"));
    assert!(refused(&mut p, &c, mv(e1, s1)).contains("a team must sit under a region"));
    assert!(refused(&mut p, &c, mv(east, south)).contains("directly under the company"));
    assert!(refused(&mut p, &c, mv(e1, e1)).contains("must sit under a region"));
    // A move onto a parent that has a child of the same name is a clash.
    ok(&mut p, &c, add(Org, "S1", Some(east)));
    let east_s1 = org_id(&p, "S1");
    assert_eq!(p.dimensions.org_member(east_s1).unwrap().parent_id, Some(east));
    assert!(refused(&mut p, &c, mv(east_s1, south)).contains("already taken"));
}

#[test]
fn reorder_moves_among_siblings_only() {
    let (mut p, c) = org_plan();
    let east = org_id(&p, "East");
    let e2 = org_id(&p, "E2");
    let reorder = |dimension, id, index| PlanEdit::ReorderMember { dimension, id, index };
    ok(&mut p, &c, reorder(Org, e2, 0));
    assert_eq!(org_names(&p, Some(east)), ["E2", "E1"]);
    ok(&mut p, &c, reorder(Org, e2, 99));
    assert_eq!(org_names(&p, Some(east)), ["E1", "E2"]);
    assert_eq!(org_names(&p, None), ["East", "South"], "other levels are untouched");
    for n in ["A", "B", "C"] {
        ok(&mut p, &c, add(Channel, n, None));
    }
    let cid = p.dimensions.channels[2].id;
    ok(&mut p, &c, reorder(Channel, cid, 1));
    let names: Vec<_> = p.dimensions.channels.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["A", "C", "B"]);
    assert!(refused(&mut p, &c, reorder(Tier, cid, 0)).contains("no member"));
}

#[test]
fn removing_an_org_member_with_children_is_refused() {
    let (mut p, c) = org_plan();
    let remove = |dimension, id| PlanEdit::RemoveMember { dimension, id };
    let e1 = org_id(&p, "E1");
    assert!(refused(&mut p, &c, remove(Org, e1)).contains("2 member(s) under it"));
    for rep in ["a", "b"] {
        let id = org_id(&p, rep);
        ok(&mut p, &c, remove(Org, id));
    }
    ok(&mut p, &c, remove(Org, e1));
    assert_eq!(org_names(&p, Some(org_id(&p, "East"))), ["E2"]);
    assert!(refused(&mut p, &c, remove(Org, e1)).contains("no member"));
}

#[test]
fn renames_and_codes_coalesce_per_member() {
    let id = Uuid::from_u128(1);
    let rename = PlanEdit::RenameMember {
        dimension: Tier,
        id,
        name: "x".into(),
    };
    assert_eq!(
        rename.coalesce_key().as_deref(),
        Some(format!("member:{id}:name").as_str())
    );
    assert_eq!(add(Tier, "x", None).coalesce_key(), None);
}

#[test]
fn dimension_edits_arrive_as_json() {
    let edit: PlanEdit =
        serde_json::from_str(r#"{"op":"add_member","dimension":"org","name":"华东","parent_id":null}"#).unwrap();
    assert_eq!(edit, add(Org, "华东", None));
    let bad = serde_json::from_str::<PlanEdit>(r#"{"op":"add_member","dimension":"org","name":"x","level":"rep"}"#);
    assert!(bad.is_err(), "unknown fields are refused");
}

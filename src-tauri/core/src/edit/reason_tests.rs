//! Every refused edit carries a reason key and params the UI translates (the English
//! message stays as the fallback): one table row per source.

use super::{apply, BaselineField, GoalField, HeaderField, PlanEdit, SettingField};
use crate::clock::FixedClock;
use crate::model::{DimensionKind, OrgLevel, Plan};
use crate::template::{self, Template};
use chrono::{NaiveDate, TimeZone, Utc};
use uuid::Uuid;

fn fixture() -> (Plan, FixedClock) {
    let c = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
    let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    (template::build(Template::Q4Growth, "en", today, &c), c)
}

/// Applies `edit` to a fresh template plan; it must be refused with `key` and `params`.
fn check(edit: PlanEdit, key: &str, params: &[(&str, &str)]) {
    let (mut plan, clock) = fixture();
    let err = apply(&mut plan, &edit, &clock).expect_err("the edit should be refused");
    let reason = err.reason().unwrap_or_else(|| panic!("{edit:?}: no reason on {err}"));
    assert_eq!(reason.key, key, "{edit:?}: {err}");
    for (name, value) in params {
        assert_eq!(
            reason.params.get(*name).map(String::as_str),
            Some(*value),
            "{edit:?}: param {name} of {reason:?}"
        );
    }
}

fn header(field: HeaderField, value: &str) -> PlanEdit {
    PlanEdit::SetHeader {
        field,
        value: value.into(),
    }
}

fn goal(field: GoalField, value: &str) -> PlanEdit {
    let (plan, _) = fixture();
    PlanEdit::UpdateGoal {
        id: plan.goals[0].id,
        field,
        value: value.into(),
    }
}

fn org(level: OrgLevel) -> Uuid {
    let (plan, _) = fixture();
    plan.dimensions
        .org
        .iter()
        .find(|m| m.level == level)
        .expect("template org")
        .id
}

#[test]
fn header_and_goal_fields_name_the_field() {
    check(
        header(HeaderField::Title, "a\u{7}b"),
        "text.control_chars",
        &[("field", "title")],
    );
    let long = "x".repeat(super::MAX_TEXT + 1);
    check(
        header(HeaderField::Company, &long),
        "text.too_long",
        &[("field", "company"), ("max", "4000")],
    );
    check(
        header(HeaderField::PeriodStart, "2026-13-01"),
        "date.invalid",
        &[("field", "period_start"), ("value", "2026-13-01")],
    );
    check(
        header(HeaderField::PeriodEnd, "soon"),
        "date.invalid",
        &[("field", "period_end")],
    );
    check(
        header(HeaderField::Weekdays, "1,8"),
        "weekday.invalid",
        &[("field", "weekdays"), ("value", "8")],
    );
    check(
        header(HeaderField::Currency, "RMB"),
        "currency.unknown",
        &[("value", "RMB")],
    );
    check(header(HeaderField::Locale, "fr"), "locale.unknown", &[("value", "fr")]);
    check(
        goal(GoalField::Target, "1e400"),
        "number.not_a_number",
        &[("field", "target"), ("value", "1e400")],
    );
    check(
        goal(GoalField::Baseline, "12.345"),
        "number.currency_decimals",
        &[("field", "baseline"), ("currency", "CNY")],
    );
    check(
        goal(GoalField::Deadline, "31/12/2026"),
        "date.invalid",
        &[("field", "deadline")],
    );
    check(
        goal(GoalField::Statement, "\u{1b}[2J"),
        "text.control_chars",
        &[("field", "statement")],
    );
    check(goal(GoalField::ParentId, "not-an-id"), "goal.parent_invalid", &[]);
    check(
        goal(GoalField::ParentId, &Uuid::nil().to_string()),
        "goal.parent_missing",
        &[],
    );
    let (plan, _) = fixture();
    check(
        goal(GoalField::ParentId, &plan.goals[0].id.to_string()),
        "goal.parent_self",
        &[],
    );
    check(
        goal(GoalField::Layer, "galaxy"),
        "goal.bad_layer",
        &[("value", "galaxy")],
    );
}

#[test]
fn settings_and_baseline_name_the_field() {
    let set = |field, value: &str| PlanEdit::SetSetting {
        field,
        value: value.into(),
    };
    check(
        set(SettingField::StretchFrom, "abc"),
        "number.not_a_number",
        &[("field", "stretch_from")],
    );
    check(
        set(SettingField::StretchFrom, "0.99"),
        "threshold.band_order",
        &[("field", "stretch_from")],
    );
    check(
        set(SettingField::AchievableMin, "5"),
        "threshold.achievable_order",
        &[("field", "achievable_min")],
    );
    let (plan, _) = fixture();
    let month = PlanEdit::UpdateBaseline {
        id: plan.baseline[0].id,
        field: BaselineField::Bookings,
        value: String::new(),
    };
    check(month, "number.empty", &[("field", "amount")]);
}

#[test]
fn dimension_refusals_say_why() {
    use DimensionKind::{Org, Tier};
    let (plan, _) = fixture();
    let region = plan
        .dimensions
        .org
        .iter()
        .find(|m| m.level == OrgLevel::Region)
        .unwrap();
    let add = |dimension, name: &str, parent_id| PlanEdit::AddMember {
        dimension,
        name: name.into(),
        parent_id,
    };
    check(add(Org, "  ", None), "member.name_empty", &[]);
    check(add(Org, "a\nb", None), "text.one_line", &[("field", "name")]);
    check(
        add(Org, &region.name.to_uppercase(), None),
        "member.name_taken",
        &[("value", &region.name.to_uppercase())],
    );
    check(
        add(Tier, "D", Some(region.id)),
        "member.flat_no_parent",
        &[("dimension", "tier")],
    );
    check(
        add(Org, "Someone", Some(org(OrgLevel::Rep))),
        "member.rep_no_children",
        &[],
    );
    let other = plan
        .dimensions
        .org
        .iter()
        .find(|m| m.level == OrgLevel::Team && m.code.is_some())
        .unwrap();
    let code = PlanEdit::SetMemberCode {
        dimension: Org,
        id: region.id,
        code: other.code.clone().unwrap().to_lowercase(),
    };
    check(code, "member.code_taken", &[("field", "code")]);
    let mv = |id, parent_id| PlanEdit::MoveOrgMember { id, parent_id };
    check(mv(region.id, org(OrgLevel::Team)), "member.region_fixed", &[]);
    check(
        mv(org(OrgLevel::Rep), region.id),
        "member.wrong_level",
        &[("level", "rep"), ("parent_level", "team"), ("target_level", "region")],
    );
    let remove = PlanEdit::RemoveMember {
        dimension: Org,
        id: region.id,
    };
    let teams = plan
        .dimensions
        .org
        .iter()
        .filter(|m| m.parent_id == Some(region.id))
        .count();
    check(remove, "member.has_children", &[("count", &teams.to_string())]);
}

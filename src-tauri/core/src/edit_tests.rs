//! Edits: parsing of text values and the structural rules each edit keeps.

use super::*;
use crate::clock::FixedClock;
use crate::engine;
use crate::template::{self, Template};
use chrono::{NaiveDate, TimeZone};

fn fixture() -> (Plan, FixedClock) {
    let c = FixedClock::new(chrono::Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
    let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    (template::build(Template::Q4Growth, "en", today, &c), c)
}

fn codes(plan: &Plan) -> Vec<String> {
    engine::evaluate(plan).findings.into_iter().map(|f| f.code).collect()
}

#[test]
fn changing_currency_relabels_money_goals() {
    let (mut p, c) = fixture();
    apply(
        &mut p,
        &PlanEdit::SetHeader {
            field: HeaderField::Currency,
            value: "usd".into(),
        },
        &c,
    )
    .unwrap();
    assert_eq!(p.header.currency, "USD");
    assert!(p.goals.iter().all(|g| g.unit == "USD"));
    let err = apply(
        &mut p,
        &PlanEdit::SetHeader {
            field: HeaderField::Currency,
            value: "XXQ".into(),
        },
        &c,
    )
    .unwrap_err();
    assert!(err.to_string().contains("ISO 4217"), "{err}");
}

#[test]
fn a_currency_with_fewer_minor_units_flags_amounts_that_no_longer_fit() {
    let (mut p, c) = fixture();
    let id = p.goals[0].id;
    apply(
        &mut p,
        &PlanEdit::UpdateGoal {
            id,
            field: GoalField::Target,
            value: "13000000.50".into(),
        },
        &c,
    )
    .unwrap();
    apply(
        &mut p,
        &PlanEdit::SetHeader {
            field: HeaderField::Currency,
            value: "JPY".into(),
        },
        &c,
    )
    .unwrap();
    assert!(codes(&p).contains(&"goal.precision".to_string()));
    // And new JPY amounts with decimals are refused at the door.
    let err = apply(
        &mut p,
        &PlanEdit::UpdateGoal {
            id,
            field: GoalField::Target,
            value: "1.5".into(),
        },
        &c,
    )
    .unwrap_err();
    assert!(err.to_string().contains("JPY allows (0)"), "{err}");
}

#[test]
fn weekdays_parse_sorted_and_unique() {
    assert_eq!(parse_weekdays("5, 1,3,3").unwrap(), vec![1, 3, 5]);
    assert!(parse_weekdays("0").is_err());
    assert!(parse_weekdays("mon").is_err());
    assert_eq!(parse_weekdays("").unwrap(), Vec::<u8>::new());
}

#[test]
fn calendar_days_stay_sorted_and_unique() {
    let (mut p, c) = fixture();
    let set = |date: &str, name: &str| PlanEdit::SetDay {
        list: DayList::Holidays,
        date: date.into(),
        name: name.into(),
    };
    apply(&mut p, &set("2026-12-25", "Christmas"), &c).unwrap();
    apply(&mut p, &set("2026-11-26", "Thanksgiving"), &c).unwrap();
    apply(&mut p, &set("2026-12-25", "Xmas"), &c).unwrap();
    let days: Vec<_> = p
        .header
        .calendar
        .holidays
        .iter()
        .map(|d| (d.date.to_string(), d.name.clone()))
        .collect();
    assert_eq!(days.last().unwrap(), &("2026-12-25".to_string(), "Xmas".to_string()));
    assert!(days.windows(2).all(|w| w[0].0 < w[1].0));
    apply(
        &mut p,
        &PlanEdit::RemoveDay {
            list: DayList::Holidays,
            date: "2026-12-25".into(),
        },
        &c,
    )
    .unwrap();
    assert!(!p
        .header
        .calendar
        .holidays
        .iter()
        .any(|d| d.date.to_string() == "2026-12-25"));
}

#[test]
fn removing_a_goal_unlinks_its_children() {
    let (mut p, c) = fixture();
    let parent = p.goals[0].id;
    apply(
        &mut p,
        &PlanEdit::AddGoal {
            layer: GoalLayer::Unit,
            kind: GoalKind::Bookings,
        },
        &c,
    )
    .unwrap();
    let child = p.goals.last().unwrap().id;
    apply(
        &mut p,
        &PlanEdit::UpdateGoal {
            id: child,
            field: GoalField::ParentId,
            value: parent.to_string(),
        },
        &c,
    )
    .unwrap();
    apply(&mut p, &PlanEdit::RemoveGoal { id: parent }, &c).unwrap();
    assert_eq!(p.goal(child).unwrap().parent_id, None);
    assert!(codes(&p).contains(&"smart.relevant.no_parent".to_string()));
}

#[test]
fn a_goal_cannot_be_its_own_parent_or_link_to_nothing() {
    let (mut p, c) = fixture();
    let id = p.goals[0].id;
    let link = |v: String| PlanEdit::UpdateGoal {
        id,
        field: GoalField::ParentId,
        value: v,
    };
    assert!(apply(&mut p, &link(id.to_string()), &c).is_err());
    assert!(apply(&mut p, &link(uuid::Uuid::nil().to_string()), &c).is_err());
    assert!(apply(&mut p, &link("not-an-id".into()), &c).is_err());
}

#[test]
fn smart_findings_follow_the_fields() {
    let (mut p, c) = fixture();
    let id = p.goals[0].id;
    let set = |f, v: &str| PlanEdit::UpdateGoal {
        id,
        field: f,
        value: v.into(),
    };
    apply(&mut p, &set(GoalField::Deadline, "2027-03-31"), &c).unwrap();
    assert!(codes(&p).contains(&"smart.time_bound.outside_period".to_string()));
    apply(&mut p, &set(GoalField::Deadline, ""), &c).unwrap();
    assert!(codes(&p).contains(&"smart.time_bound.no_deadline".to_string()));
    apply(&mut p, &set(GoalField::Target, "17000000"), &c).unwrap(); // +70 % > 60 % band
    assert!(codes(&p).contains(&"smart.achievable.above_band".to_string()));
    apply(&mut p, &set(GoalField::Statement, ""), &c).unwrap();
    assert!(codes(&p).contains(&"smart.specific.no_statement".to_string()));
    apply(&mut p, &set(GoalField::Target, ""), &c).unwrap();
    assert!(codes(&p).contains(&"smart.measurable.no_target".to_string()));
}

#[test]
fn thresholds_must_stay_ordered() {
    let (mut p, c) = fixture();
    let set = |f, v: &str| PlanEdit::SetSetting {
        field: f,
        value: v.into(),
    };
    apply(&mut p, &set(SettingField::AggressiveFrom, "0.5"), &c).unwrap();
    assert!(apply(&mut p, &set(SettingField::StretchFrom, "0.6"), &c).is_err());
    assert_eq!(
        p.settings.stretch_from,
        rust_decimal::Decimal::new(5, 2),
        "refused edit leaves the plan as it was"
    );
}

#[test]
fn free_text_is_capped_and_free_of_control_characters() {
    assert!(text(&"x".repeat(MAX_TEXT + 1), "title").is_err());
    assert!(text("a\u{0007}b", "title").is_err());
    assert_eq!(
        text("<script>alert(1)</script>\n第二行", "t").unwrap(),
        "<script>alert(1)</script>\n第二行"
    );
}

#[test]
fn unknown_fields_in_an_edit_are_refused() {
    let bad = r#"{"op":"set_header","field":"title","value":"x","extra":1}"#;
    assert!(serde_json::from_str::<PlanEdit>(bad).is_err());
    let good = r#"{"op":"set_header","field":"title","value":"x"}"#;
    assert!(serde_json::from_str::<PlanEdit>(good).is_ok());
}

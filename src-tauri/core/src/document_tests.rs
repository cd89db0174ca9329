//! Undo/redo, coalescing, dirty state and read-only behaviour of the open plan.

use super::*;
use crate::clock::FixedClock;
use crate::edit::{GoalField, HeaderField};
use crate::model::{GoalKind, GoalLayer};
use crate::template::{self, Template};
use chrono::{NaiveDate, TimeZone};

fn clock() -> FixedClock {
    FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 9, 0, 0).unwrap())
}

fn doc(clock: &FixedClock) -> Document {
    let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    Document::new(template::build(Template::Q4Growth, "en", today, clock), clock, "tester")
}

fn set_title(value: &str) -> PlanEdit {
    PlanEdit::SetHeader {
        field: HeaderField::Title,
        value: value.into(),
    }
}

#[test]
fn undo_and_redo_restore_every_edit() {
    let c = clock();
    let mut d = doc(&c);
    let original = d.plan().clone();
    d.apply(&set_title("A"), &c).unwrap();
    d.apply(
        &PlanEdit::AddGoal {
            layer: GoalLayer::Company,
            kind: GoalKind::Other,
        },
        &c,
    )
    .unwrap();
    assert_eq!(d.plan().goals.len(), 3);
    assert!(d.undo(&c).unwrap());
    assert_eq!(d.plan().goals.len(), 2);
    assert_eq!(d.plan().header.title, "A");
    assert!(d.undo(&c).unwrap());
    assert_eq!(d.plan(), &original);
    assert!(!d.undo(&c).unwrap(), "nothing left to undo");
    assert!(d.redo(&c).unwrap());
    assert!(d.redo(&c).unwrap());
    assert_eq!(d.plan().goals.len(), 3);
    assert!(!d.redo(&c).unwrap());
}

#[test]
fn a_new_edit_clears_redo() {
    let c = clock();
    let mut d = doc(&c);
    d.apply(&set_title("A"), &c).unwrap();
    d.undo(&c).unwrap();
    assert!(d.view().can_redo);
    d.apply(
        &PlanEdit::AddGoal {
            layer: GoalLayer::Unit,
            kind: GoalKind::Bookings,
        },
        &c,
    )
    .unwrap();
    assert!(!d.view().can_redo);
}

#[test]
fn typing_in_one_field_is_one_undo_step() {
    let c = clock();
    let mut d = doc(&c);
    let before = d.plan().header.title.clone();
    // The fixed clock advances one second per call, inside the two-second window.
    for value in ["Q", "Q1", "Q1 p", "Q1 plan"] {
        d.apply(&set_title(value), &c).unwrap();
    }
    assert_eq!(d.plan().header.title, "Q1 plan");
    d.undo(&c).unwrap();
    assert_eq!(d.plan().header.title, before);
}

#[test]
fn edits_of_different_fields_are_separate_steps() {
    let c = clock();
    let mut d = doc(&c);
    let id = d.plan().goals[0].id;
    d.apply(&set_title("A"), &c).unwrap();
    d.apply(
        &PlanEdit::UpdateGoal {
            id,
            field: GoalField::Target,
            value: "14000000".into(),
        },
        &c,
    )
    .unwrap();
    d.undo(&c).unwrap();
    assert_eq!(d.plan().header.title, "A");
    assert_eq!(d.plan().goals[0].target, Some(Decimal::from(13_000_000)));
}

#[test]
fn a_refused_edit_changes_nothing_and_adds_no_undo_step() {
    let c = clock();
    let mut d = doc(&c);
    let before = d.plan().clone();
    let id = d.plan().goals[0].id;
    let err = d
        .apply(
            &PlanEdit::UpdateGoal {
                id,
                field: GoalField::Target,
                value: "1e400".into(),
            },
            &c,
        )
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::InvalidValue);
    assert!(err.to_string().contains("target"), "{err}");
    assert_eq!(d.plan(), &before);
    assert!(!d.view().can_undo);
}

#[test]
fn an_untouched_new_plan_is_not_dirty_but_an_edited_one_is() {
    let c = clock();
    let mut d = doc(&c);
    assert!(!d.view().dirty);
    d.apply(&set_title("A"), &c).unwrap();
    assert!(d.view().dirty);
}

#[test]
fn a_newer_version_plan_is_read_only() {
    let c = clock();
    let d0 = doc(&c);
    let loaded = Loaded {
        meta: d0.meta().clone(),
        plan: d0.plan().clone(),
        schema_version: 99,
        newer_version: true,
    };
    let mut d = Document::opened(loaded, Path::new("/tmp/x.salesplan"));
    let err = d.apply(&set_title("A"), &c).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReadOnly);
    assert!(d.view().read_only_reason.unwrap().contains("newer version"));
    assert!(!d.view().dirty);
}

use rust_decimal::Decimal;

#[test]
fn the_template_has_no_error_findings_in_either_language() {
    let c = clock();
    for locale in ["en", "zh-CN"] {
        let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        let plan = template::build(Template::Q4Growth, locale, today, &c);
        let report = engine::evaluate(&plan);
        assert_eq!(report.health.errors, 0, "{locale}: {:?}", report.findings);
        assert_eq!(report.health.warnings, 0, "{locale}: {:?}", report.findings);
        // Worked example: last Q4 booked 10,000,000 (3.0m + 3.2m + 3.8m); the target 13,000,000
        // is +30 %, a stretch with the default bands 5 % / 40 %.
        assert_eq!(report.baseline.same_period_bookings, Decimal::from(10_000_000));
        assert_eq!(report.baseline.same_period_cash_in, Decimal::from(9_200_000));
        assert_eq!(report.goals[0].growth, Some("0.3".parse().unwrap()));
        assert_eq!(
            report.goals[0].band,
            Some(crate::engine::targets::ChallengeBand::Stretch)
        );
        assert_eq!(report.goals[1].growth, Some("0.3".parse().unwrap()));
    }
}

#[test]
fn a_restored_plan_counts_as_unsaved_work() {
    let c = clock();
    let d0 = doc(&c);
    let d = Document::restored(d0.plan().clone(), d0.meta().clone(), None);
    assert!(!d.is_pristine());
    assert!(d.view().dirty, "restored work must be saved or discarded explicitly");
    let from_file = Document::restored(d0.plan().clone(), d0.meta().clone(), Some("/tmp/p.salesplan".into()));
    assert!(from_file.view().dirty);
}

#[test]
fn orders_stay_out_of_the_view_and_an_import_is_undone_like_any_edit() {
    use crate::edit::SupportEdit;
    let c = clock();
    let mut d = doc(&c);
    let template_orders = d.plan().orders.clone();
    assert_eq!(template_orders.len(), 302);
    // The view carries the plan without its orders; the report summarises them.
    let view = serde_json::to_value(d.view()).unwrap();
    assert!(view["plan"].get("orders").is_none(), "bulk data never crosses IPC");
    assert_eq!(view["report"]["support"]["customers"]["orders"]["orders"], 302);
    // Clearing and undoing brings back the very same order data (no copy).
    d.apply(
        &PlanEdit::Support {
            edit: SupportEdit::ClearOrders,
        },
        &c,
    )
    .unwrap();
    assert!(d.plan().orders.is_empty());
    assert!(d.view().report.support.customers.orders.is_none());
    assert!(d.undo(&c).unwrap());
    assert!(d.plan().orders.is(&template_orders.mark()));
    let rfm = d.view().report.support.customers.rfm.unwrap();
    assert_eq!(rfm.customers, 40);
}

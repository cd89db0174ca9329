//! Section-2 edits: each changes what it says, and each refusal carries its reason.

use super::*;
use crate::clock::FixedClock;
use crate::edit::{apply as apply_edit, PlanEdit};
use crate::engine::rfm::{Tier, TierRule};
use crate::model::{NpsInput, Plan};
use crate::template::{self, Template};
use chrono::{NaiveDate, TimeZone, Utc};
use rust_decimal::Decimal;

fn fixture() -> (Plan, FixedClock) {
    let c = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
    let today = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
    (template::build(Template::Blank, "zh-CN", today, &c), c)
}

fn run(plan: &mut Plan, clock: &FixedClock, edit: SupportEdit) -> crate::Result<()> {
    apply_edit(plan, &PlanEdit::Support { edit }, clock)
}

/// The edit must be refused with `key` (and the plan left as it was).
fn refused(plan: &mut Plan, clock: &FixedClock, edit: SupportEdit, key: &str) {
    let before = plan.clone();
    let err = run(plan, clock, edit).expect_err("refused");
    assert_eq!(err.reason().map(|r| r.key.as_str()), Some(key), "{err}");
    assert_eq!(*plan, before);
}

#[test]
fn market_items_are_added_edited_linked_and_removed() {
    let (mut plan, c) = fixture();
    let (category, impact) = (MarketCategory::Policy, Impact::Opportunity);
    run(&mut plan, &c, SupportEdit::AddMarketItem { category, impact }).unwrap();
    let id = plan.support.market_items[0].id;
    let set = |field, value: &str| SupportEdit::UpdateMarketItem {
        id,
        field,
        value: value.into(),
    };
    run(&mut plan, &c, set(MarketItemField::Title, "新能源补贴政策")).unwrap();
    run(&mut plan, &c, set(MarketItemField::Impact, "threat")).unwrap();
    run(&mut plan, &c, set(MarketItemField::Weight, "7.5")).unwrap();
    let m = &plan.support.market_items[0];
    assert_eq!(
        (m.title.as_str(), m.impact, m.weight),
        ("新能源补贴政策", Impact::Threat, Decimal::new(75, 1))
    );
    refused(&mut plan, &c, set(MarketItemField::Weight, "11"), "number.weight_range");
    refused(
        &mut plan,
        &c,
        set(MarketItemField::Category, "weather"),
        "choice.invalid",
    );
    // Link to a goal of the plan (the blank plan has none: add one).
    run_plan(
        &mut plan,
        &c,
        PlanEdit::AddGoal {
            layer: crate::model::GoalLayer::Company,
            kind: crate::model::GoalKind::Bookings,
        },
    );
    let goal_id = plan.goals[0].id;
    let link = |linked| SupportEdit::LinkMarketItemGoal { id, goal_id, linked };
    run(&mut plan, &c, link(true)).unwrap();
    run(&mut plan, &c, link(true)).unwrap();
    assert_eq!(plan.support.market_items[0].goal_ids, [goal_id], "linked once");
    run(&mut plan, &c, link(false)).unwrap();
    assert!(plan.support.market_items[0].goal_ids.is_empty());
    run(&mut plan, &c, SupportEdit::RemoveMarketItem { id }).unwrap();
    assert!(plan.support.market_items.is_empty());
}

fn run_plan(plan: &mut Plan, c: &FixedClock, edit: PlanEdit) {
    apply_edit(plan, &edit, c).unwrap();
}

#[test]
fn nps_switches_between_counts_and_pasted_answers() {
    let (mut plan, c) = fixture();
    let count = |group, value: &str| SupportEdit::SetNpsCount {
        group,
        value: value.into(),
    };
    run(&mut plan, &c, count(NpsGroup::Promoters, "50")).unwrap();
    run(&mut plan, &c, count(NpsGroup::Passives, "30")).unwrap();
    run(&mut plan, &c, count(NpsGroup::Detractors, "20")).unwrap();
    let counts = NpsInput::Counts {
        promoters: 50,
        passives: 30,
        detractors: 20,
    };
    assert_eq!(plan.support.nps.as_ref().unwrap().input, counts);
    refused(&mut plan, &c, count(NpsGroup::Passives, "-3"), "nps.count_invalid");
    let scores = |text: &str| SupportEdit::SetNpsScores { text: text.into() };
    run(&mut plan, &c, scores("9 10 7 3")).unwrap();
    let input = &plan.support.nps.as_ref().unwrap().input;
    assert_eq!(
        *input,
        NpsInput::Scores {
            scores: vec![9, 10, 7, 3]
        }
    );
    refused(&mut plan, &c, scores("9 10 12"), "nps.bad_score");
    // A count typed after pasting keeps what the answers counted.
    run(&mut plan, &c, count(NpsGroup::Detractors, "5")).unwrap();
    let expected = NpsInput::Counts {
        promoters: 2,
        passives: 1,
        detractors: 5,
    };
    assert_eq!(plan.support.nps.as_ref().unwrap().input, expected);
    run(&mut plan, &c, SupportEdit::ClearNps).unwrap();
    assert!(plan.support.nps.is_none());
}

#[test]
fn the_competitor_matrix_keeps_one_own_company_and_scores_in_attribute_order() {
    let (mut plan, c) = fixture();
    plan.header.company = "星辰智能".into();
    for name in ["成本", "服务"] {
        run(&mut plan, &c, SupportEdit::AddAttribute { name: name.into() }).unwrap();
    }
    refused(
        &mut plan,
        &c,
        SupportEdit::AddAttribute {
            name: " 成本 ".into()
        },
        "support.name_taken",
    );
    refused(
        &mut plan,
        &c,
        SupportEdit::AddAttribute { name: "  ".into() },
        "support.name_empty",
    );
    let add = |name: &str, own| SupportEdit::AddCompetitor { name: name.into(), own };
    run(&mut plan, &c, add("", true)).unwrap();
    run(&mut plan, &c, add("竞品甲", false)).unwrap();
    refused(&mut plan, &c, add("我们", true), "competitor.own_exists");
    let own = plan.support.competitors[0].clone();
    assert_eq!((own.name.as_str(), own.own), ("星辰智能", true));
    let [cost, service] = [0, 1].map(|i| plan.support.attributes[i].id);
    let score = |attribute_id, value: &str| SupportEdit::SetScore {
        competitor_id: own.id,
        attribute_id,
        value: value.into(),
    };
    run(&mut plan, &c, score(service, "6")).unwrap();
    run(&mut plan, &c, score(cost, "8.5")).unwrap();
    let order: Vec<_> = plan.support.competitors[0]
        .scores
        .iter()
        .map(|s| s.attribute_id)
        .collect();
    assert_eq!(order, [cost, service], "scores follow the attributes");
    refused(&mut plan, &c, score(cost, "10.5"), "number.score_range");
    run(&mut plan, &c, score(cost, "")).unwrap();
    assert_eq!(plan.support.competitors[0].scores.len(), 1);
    run(&mut plan, &c, SupportEdit::RemoveAttribute { id: service }).unwrap();
    assert!(
        plan.support.competitors[0].scores.is_empty(),
        "scores of a removed attribute go with it"
    );
}

#[test]
fn personas_take_lines_and_a_tier() {
    let (mut plan, c) = fixture();
    run(
        &mut plan,
        &c,
        SupportEdit::AddPersona {
            name: "连锁门店采购经理".into(),
        },
    )
    .unwrap();
    let id = plan.support.personas[0].id;
    let set = |field, value: &str| SupportEdit::UpdatePersona {
        id,
        field,
        value: value.into(),
    };
    run(&mut plan, &c, set(PersonaField::Pains, "耗材断货\n\n  设备停机  ")).unwrap();
    run(&mut plan, &c, set(PersonaField::Tier, "A")).unwrap();
    let p = &plan.support.personas[0];
    assert_eq!(
        (p.pains.clone(), p.tier),
        (vec!["耗材断货".to_string(), "设备停机".to_string()], Some(Tier::A))
    );
    refused(&mut plan, &c, set(PersonaField::Tier, "D"), "persona.tier_invalid");
}

#[test]
fn rfm_settings_switch_rules_and_refuse_impossible_thresholds() {
    let (mut plan, c) = fixture();
    let set = |field, value: &str| SupportEdit::SetRfm {
        field,
        value: value.into(),
    };
    run(&mut plan, &c, set(RfmField::AsOf, "2026-09-30")).unwrap();
    assert_eq!(plan.support.rfm.as_of, NaiveDate::from_ymd_opt(2026, 9, 30));
    run(&mut plan, &c, set(RfmField::AsOf, "")).unwrap();
    assert_eq!(plan.support.rfm.as_of, None);
    refused(&mut plan, &c, set(RfmField::AsOf, "30/09/2026"), "date.invalid");
    run(&mut plan, &c, set(RfmField::AMinScore, "13")).unwrap();
    refused(&mut plan, &c, set(RfmField::BMinScore, "14"), "rfm.tier_rule_invalid");
    refused(&mut plan, &c, set(RfmField::BMinScore, "2"), "rfm.score_threshold");
    refused(&mut plan, &c, set(RfmField::AShare, "70"), "rfm.wrong_rule");
    run(&mut plan, &c, set(RfmField::Rule, "pareto")).unwrap();
    run(&mut plan, &c, set(RfmField::AShare, "70")).unwrap();
    let expected = TierRule::Pareto {
        a_share: Decimal::new(7, 1),
        b_share: Decimal::new(15, 2),
    };
    assert_eq!(plan.support.rfm.rule, expected);
    refused(&mut plan, &c, set(RfmField::BShare, "40"), "rfm.tier_rule_invalid");
    refused(&mut plan, &c, set(RfmField::Rule, "abc"), "rfm.rule_unknown");
}

#[test]
fn imported_orders_replace_the_stored_ones_and_can_be_cleared() {
    let (mut plan, c) = fixture();
    let mut b = crate::model::OrderBookBuilder::new(2);
    let order = crate::model::Order {
        customer: "甲",
        date: NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        amount_units: 100,
        order_id: None,
        product: None,
        channel: None,
        region: None,
    };
    b.push(&order).unwrap();
    let orders = b.finish(crate::model::OrderBatch {
        id: uuid::Uuid::from_u128(1),
        imported_at: Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap(),
        sources: vec![],
    });
    run(&mut plan, &c, SupportEdit::ImportOrders { orders: orders.clone() }).unwrap();
    assert_eq!(plan.orders, orders);
    run(&mut plan, &c, SupportEdit::ClearOrders).unwrap();
    assert!(plan.orders.is_empty());
    // An import never arrives over IPC.
    let json = r#"{"op":"support","edit":{"op":"import_orders","orders":null}}"#;
    assert!(serde_json::from_str::<PlanEdit>(json).is_err());
}

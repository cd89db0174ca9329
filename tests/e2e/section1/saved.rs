//! The saved file holds what was typed (read back with the core, not through the app).

use super::Seen;
use crate::harness::TestCtx;
use rust_decimal::Decimal;
use salesplan_core::model::SeasonalityChoice;
use std::path::Path;

fn d(text: &str) -> Decimal {
    text.parse().expect("decimal")
}

pub fn check(ctx: &TestCtx, path: &Path, seen: &Seen) {
    let loaded = salesplan_core::store::read_plan_file(path, &ctx.dir("read-back")).expect("the saved plan reads back");
    let drivers = &loaded.plan.drivers;
    let split = |id: &str| {
        (drivers.decompositions.iter())
            .find(|s| s.id.to_string() == id)
            .unwrap_or_else(|| panic!("split {id} saved"))
    };
    let entry = |id: &str, member: &str| {
        (split(id).entries.iter())
            .find(|e| e.member_id.to_string() == member)
            .cloned()
            .unwrap_or_else(|| panic!("entry {member} of {id}"))
    };
    assert_eq!(entry(&seen.region_split, &seen.regions[2]).locked, Some(d("3000000")));
    assert_eq!(
        entry(&seen.region_split, &seen.regions[0]).commitment,
        Some(d("6100000"))
    );
    let percents: Vec<Option<Decimal>> = (seen.tiers.iter())
        .map(|m| entry(&seen.tier_split, m).manual_percent)
        .collect();
    assert_eq!(percents, [Some(d("50")), Some(d("30")), Some(d("20"))], "tier percents");
    let channel = split(&seen.channel_split);
    let pasted: Vec<Option<Decimal>> = channel.entries.iter().map(|e| e.manual_percent).collect();
    assert_eq!(
        pasted,
        [Some(d("50")), Some(d("30")), Some(d("20"))],
        "channel percents pasted"
    );
    assert_eq!(
        split(&seen.south_teams_split)
            .org_parent
            .map(|p| p.to_string())
            .as_deref(),
        Some(seen.regions[1].as_str())
    );
    let rule = (drivers.phasing.iter())
        .find(|r| r.goal_id.to_string() == seen.bookings_goal)
        .expect("the bookings goal's phasing rule");
    match &rule.seasonality {
        SeasonalityChoice::Manual { weights } => assert_eq!(weights[11], Some(d("4500000")), "December's weight"),
        other => panic!("bookings phasing saved as {other:?}, want manual"),
    }
    let segment = (drivers.funnels[0].segments.iter())
        .find(|s| s.member_id.map(|m| m.to_string()).as_deref() == Some(seen.funnel_member.as_str()))
        .expect("the edited funnel segment");
    assert_eq!(segment.deal_size, d("50000"));
    assert_eq!(
        segment.lead_to_opportunity,
        d("0.35"),
        "35 % typed, stored as a fraction"
    );
    let cash = &drivers.cash_in[0];
    let terms: Vec<(Decimal, u16)> = cash.terms.iter().map(|t| (t.share, t.days)).collect();
    assert_eq!(terms, [(d("0.2"), 0), (d("0.7"), 45), (d("0.1"), 75)], "payment terms");
    assert_eq!(cash.bad_debt_share, d("0.015"));
}

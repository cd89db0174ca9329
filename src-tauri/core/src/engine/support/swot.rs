//! The SWOT view, derived: strengths and weaknesses from what the user wrote about the own
//! company and from the competitor matrix, opportunities and threats from the market items.
//!
//! Rules:
//! - **Opportunities / threats** are the market items by impact, heaviest first (ties in plan
//!   order). Each carries its `share` of its quadrant's total weight (four places); items of
//!   weight 0 are listed with share 0.
//! - **Strengths / weaknesses** are the typed ones, heaviest first with their share, then the
//!   attributes of the competitor matrix where the own company leads (strengths) or trails
//!   (weaknesses) the competitors' average, largest gap first, unless a typed entry of the same
//!   kind already names that attribute. Derived entries carry the `gap`, not a weight.
//! - **Balance** = (opportunity weight − threat weight) / (their sum), two places, from −1 (all
//!   threat) to 1 (all opportunity); none when both are zero.
//!
//! Worked example: opportunities weighted 8 and 4, a threat weighted 6 → shares 0.6667 and
//! 0.3333, threat share 1, balance (12 − 6) / 18 = 0.33.
//!
//! Findings (step `market`): `market.no_items` (hint), `market.untitled` (warning, on the item),
//! `market.unknown_goal` (warning, on the item, param `goal_id`), `market.no_goal` (hint, on the
//! item: which goal does it bear on?), `market.threats_outweigh` (hint, params `opportunities`,
//! `threats`: the plan should answer them), `swot.factor_empty` (warning, on the factor),
//! `swot.unknown_attribute` (warning, on the factor), `swot.no_strengths` and
//! `swot.no_weaknesses` (hints: an honest SWOT has both).

use super::competition::{CompetitionReport, Position};
use crate::engine::findings::{Finding, Severity};
use crate::model::{FactorKind, Impact, MarketCategory, Plan};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;
use uuid::Uuid;

/// What a SWOT entry comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SwotSource {
    /// A strength or weakness the user wrote.
    Factor,
    /// An attribute of the competitor matrix.
    Attribute,
    /// A market item.
    MarketItem,
}

/// One entry of a SWOT quadrant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct SwotEntry {
    /// Where it comes from.
    pub source: SwotSource,
    /// The factor, attribute or market item.
    pub id: Uuid,
    /// Its text (statement, attribute name or item title).
    pub label: String,
    /// Market items only: the category.
    pub category: Option<MarketCategory>,
    /// Typed entries: the weight.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub weight: Option<Decimal>,
    /// Typed entries: weight / the quadrant's typed total (four places).
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub share: Option<Decimal>,
    /// Attributes only: own score − competitors' average.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub gap: Option<Decimal>,
    /// Market items only: the goals it bears on.
    pub goal_ids: Vec<Uuid>,
}

/// The four quadrants.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct Swot {
    /// Strengths (优势).
    pub strengths: Vec<SwotEntry>,
    /// Weaknesses (短板).
    pub weaknesses: Vec<SwotEntry>,
    /// Opportunities (机会).
    pub opportunities: Vec<SwotEntry>,
    /// Threats (威胁).
    pub threats: Vec<SwotEntry>,
    /// Total weight of the opportunities.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub opportunity_weight: Decimal,
    /// Total weight of the threats.
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub threat_weight: Decimal,
    /// (opportunities − threats) / (opportunities + threats), −1 to 1.
    #[ts(type = "string | null")]
    #[serde(with = "crate::money::opt_dec_text")]
    pub balance: Option<Decimal>,
}

fn entry(source: SwotSource, id: Uuid, label: &str, weight: Decimal) -> SwotEntry {
    SwotEntry {
        source,
        id,
        label: label.to_string(),
        category: None,
        weight: Some(weight),
        share: None,
        gap: None,
        goal_ids: vec![],
    }
}

/// Sorts typed entries heaviest first (stable: ties keep plan order) and sets their shares.
fn weigh(entries: &mut [SwotEntry]) -> Decimal {
    entries.sort_by_key(|e| std::cmp::Reverse(e.weight));
    let total: Decimal = entries.iter().filter_map(|e| e.weight).sum();
    for e in entries.iter_mut() {
        e.share = (total > Decimal::ZERO).then(|| (e.weight.unwrap_or_default() / total).round_dp(4).normalize());
    }
    total
}

/// Derives the SWOT view; findings go to `findings`.
pub fn compute(plan: &Plan, competition: &CompetitionReport, findings: &mut Vec<Finding>) -> Swot {
    let s = &plan.support;
    let market =
        |code: &str, severity, id| Finding::on_step(code, severity, "market", Some("market_items")).on_item(id);
    let mut swot = Swot::default();
    for item in &s.market_items {
        if item.title.trim().is_empty() {
            findings.push(market("market.untitled", Severity::Warning, item.id));
        }
        if item.goal_ids.is_empty() {
            findings.push(market("market.no_goal", Severity::Hint, item.id));
        }
        for g in item.goal_ids.iter().filter(|g| plan.goal(**g).is_none()) {
            findings.push(market("market.unknown_goal", Severity::Warning, item.id).with("goal_id", g));
        }
        let mut e = entry(SwotSource::MarketItem, item.id, &item.title, item.weight);
        e.category = Some(item.category);
        e.goal_ids = item.goal_ids.clone();
        match item.impact {
            Impact::Opportunity => swot.opportunities.push(e),
            Impact::Threat => swot.threats.push(e),
        }
    }
    swot.opportunity_weight = weigh(&mut swot.opportunities);
    swot.threat_weight = weigh(&mut swot.threats);
    let both = swot.opportunity_weight + swot.threat_weight;
    swot.balance = (both > Decimal::ZERO).then(|| {
        ((swot.opportunity_weight - swot.threat_weight) / both)
            .round_dp(2)
            .normalize()
    });
    let step = |code: &str, severity| Finding::on_step(code, severity, "market", Some("swot"));
    if s.market_items.is_empty() {
        findings.push(step("market.no_items", Severity::Hint));
    } else if swot.threat_weight > swot.opportunity_weight {
        let f = step("market.threats_outweigh", Severity::Hint);
        findings.push(
            f.with("opportunities", swot.opportunity_weight)
                .with("threats", swot.threat_weight),
        );
    }
    for f in &s.factors {
        if f.statement.trim().is_empty() {
            findings.push(step("swot.factor_empty", Severity::Warning).on_item(f.id));
        }
        if f.attribute_id.is_some_and(|a| !s.attributes.iter().any(|x| x.id == a)) {
            findings.push(step("swot.unknown_attribute", Severity::Warning).on_item(f.id));
        }
        let e = entry(SwotSource::Factor, f.id, &f.statement, f.weight);
        match f.kind {
            FactorKind::Strength => swot.strengths.push(e),
            FactorKind::Weakness => swot.weaknesses.push(e),
        }
    }
    weigh(&mut swot.strengths);
    weigh(&mut swot.weaknesses);
    for (kind, position) in [
        (FactorKind::Strength, Position::Lead),
        (FactorKind::Weakness, Position::Trail),
    ] {
        let named = |a: Uuid| s.factors.iter().any(|f| f.kind == kind && f.attribute_id == Some(a));
        let mut derived: Vec<SwotEntry> = (competition.attributes.iter())
            .filter(|a| a.position == Some(position) && !named(a.attribute_id))
            .map(|a| SwotEntry {
                weight: None,
                gap: a.gap,
                ..entry(SwotSource::Attribute, a.attribute_id, &a.name, Decimal::ZERO)
            })
            .collect();
        derived.sort_by_key(|e| std::cmp::Reverse(e.gap.map(|g| g.abs())));
        let quadrant = match kind {
            FactorKind::Strength => &mut swot.strengths,
            FactorKind::Weakness => &mut swot.weaknesses,
        };
        quadrant.extend(derived);
        if quadrant.is_empty() {
            let code = match kind {
                FactorKind::Strength => "swot.no_strengths",
                FactorKind::Weakness => "swot.no_weaknesses",
            };
            findings.push(step(code, Severity::Hint));
        }
    }
    swot
}

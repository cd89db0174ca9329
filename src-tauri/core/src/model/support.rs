//! Section 2 of the plan: what supports the target (目标支撑体系 · 市场&客户, domain.md §2).
//!
//! - **Market analysis** (市场分析): items for industry trends, policy changes (政策变化),
//!   technology shifts (技术革新), competitor moves (竞品动态) and customer needs (客户需求), each
//!   an opportunity or a threat with a weight and the goals it bears on.
//! - **Own strengths and weaknesses** (优势/短板): the internal half of the SWOT view that the
//!   engine derives together with the market items and the competitor matrix.
//! - **NPS** from counts or from raw 0–10 scores.
//! - **Competition** (竞争壁垒): competitors, the own company among them (`own`), scored 0–10 on
//!   attributes such as cost, service, brand and technology.
//! - **Personas** (客户画像) and the **RFM settings** (analysis date, tier rule) that the engine
//!   applies to the orders stored with the plan ([`crate::model::OrderBook`]).
//!
//! Every list item has a stable id, so a co-founder's copy can be compared and merged item by
//! item. Weights and scores are `Decimal` carried as text; the engine computes the views.

use crate::engine::rfm::{Tier, TierRule};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// The highest weight of a market item or an own strength or weakness.
pub const MAX_WEIGHT: i64 = 10;
/// The highest score of a competitor on an attribute (scores run 0–10).
pub const MAX_SCORE: i64 = 10;

/// What a market item is about (市场分析 · 行业趋势).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MarketCategory {
    /// An industry trend (行业趋势).
    IndustryTrend,
    /// A policy change (政策变化).
    Policy,
    /// A technology shift (技术革新).
    Technology,
    /// A competitor's move (竞品动态).
    CompetitorMove,
    /// A customer need (客户需求).
    CustomerNeed,
}

/// Whether an item helps or hurts the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Impact {
    /// An opportunity (机会).
    Opportunity,
    /// A threat (威胁).
    Threat,
}

/// One finding of the market analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct MarketItem {
    /// Stable id.
    pub id: Uuid,
    /// What it is about.
    pub category: MarketCategory,
    /// Opportunity or threat.
    pub impact: Impact,
    /// One line, e.g. "AI对销售流程的影响".
    pub title: String,
    /// Evidence and detail.
    #[serde(default)]
    pub description: String,
    /// Importance, 0–10 (0 leaves the item out of the weighted totals).
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub weight: Decimal,
    /// The goals the item bears on.
    #[serde(default)]
    pub goal_ids: Vec<Uuid>,
}

/// Strength or weakness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FactorKind {
    /// An own strength (优势).
    Strength,
    /// An own weakness (短板).
    Weakness,
}

/// An own strength or weakness: the internal half of SWOT.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct InternalFactor {
    /// Stable id.
    pub id: Uuid,
    /// Strength or weakness.
    pub kind: FactorKind,
    /// What it is, e.g. "设备+耗材一体化方案".
    pub statement: String,
    /// Importance, 0–10.
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub weight: Decimal,
    /// The competitive attribute it is about, if any: SWOT then does not list that
    /// attribute's derived lead or gap a second time.
    #[serde(default)]
    pub attribute_id: Option<Uuid>,
}

/// What an NPS was computed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "basis", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum NpsInput {
    /// Counts of promoters (9–10), passives (7–8) and detractors (0–6).
    Counts {
        /// Answers 9 or 10.
        promoters: u32,
        /// Answers 7 or 8.
        passives: u32,
        /// Answers 0 to 6.
        detractors: u32,
    },
    /// The raw answers, each 0–10, in the order they were pasted.
    Scores {
        /// The answers.
        scores: Vec<u8>,
    },
}

/// The Net Promoter Score survey (NPS评分).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Nps {
    /// The answers.
    pub input: NpsInput,
    /// Where they come from, e.g. "2026年Q3客户回访".
    #[serde(default)]
    pub source: String,
}

/// An attribute companies are compared on (成本, 服务, 品牌, 技术 …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct CompetitiveAttribute {
    /// Stable id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
}

/// One score of a company on an attribute.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct AttributeScore {
    /// The attribute.
    pub attribute_id: Uuid,
    /// 0–10, higher is better for the customer (a low-cost company scores high on cost).
    #[serde(with = "crate::money::dec_text")]
    #[ts(type = "string")]
    pub score: Decimal,
}

/// A company in the competitor matrix: a competitor, or the own company (`own`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Competitor {
    /// Stable id.
    pub id: Uuid,
    /// Its name.
    pub name: String,
    /// True for the own company (at most one).
    #[serde(default)]
    pub own: bool,
    /// Notes, e.g. its latest move.
    #[serde(default)]
    pub note: String,
    /// Its scores; an attribute without a score is not rated yet.
    #[serde(default)]
    pub scores: Vec<AttributeScore>,
}

impl Competitor {
    /// The score on an attribute, if rated.
    pub fn score(&self, attribute_id: Uuid) -> Option<Decimal> {
        self.scores
            .iter()
            .find(|s| s.attribute_id == attribute_id)
            .map(|s| s.score)
    }
}

/// A customer persona (客户画像).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Persona {
    /// Stable id.
    pub id: Uuid,
    /// Its name, e.g. "连锁门店采购经理".
    pub name: String,
    /// Who they are.
    #[serde(default)]
    pub description: String,
    /// Their pains (痛点), one per entry.
    #[serde(default)]
    pub pains: Vec<String>,
    /// Where they buy (展会, 电商平台 …), one per entry.
    #[serde(default)]
    pub channels: Vec<String>,
    /// The customer tier they typically fall in.
    #[serde(default)]
    pub tier: Option<Tier>,
}

/// How RFM is run on the plan's orders.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct RfmSettings {
    /// The analysis date; none: the day after the last order.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// How customers are put into tiers A/B/C.
    #[serde(default = "TierRule::default_scores")]
    pub rule: TierRule,
}

impl Default for RfmSettings {
    fn default() -> Self {
        RfmSettings {
            as_of: None,
            rule: TierRule::default_scores(),
        }
    }
}

/// Section 2 as the user wrote it (the orders are [`crate::model::OrderBook`], kept apart).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Support {
    /// Market analysis items, in display order.
    #[serde(default)]
    pub market_items: Vec<MarketItem>,
    /// Own strengths and weaknesses, in display order.
    #[serde(default)]
    pub factors: Vec<InternalFactor>,
    /// The NPS survey, if any.
    #[serde(default)]
    pub nps: Option<Nps>,
    /// Attributes of the competitor matrix, in display order.
    #[serde(default)]
    pub attributes: Vec<CompetitiveAttribute>,
    /// Companies of the competitor matrix (the own company among them), in display order.
    #[serde(default)]
    pub competitors: Vec<Competitor>,
    /// Customer personas.
    #[serde(default)]
    pub personas: Vec<Persona>,
    /// Analysis date and tier rule of the RFM analysis.
    #[serde(default)]
    pub rfm: RfmSettings,
}

impl Support {
    /// Ids of every item (for the plan-wide uniqueness check).
    pub fn ids(&self) -> impl Iterator<Item = Uuid> + '_ {
        (self.market_items.iter().map(|x| x.id))
            .chain(self.factors.iter().map(|x| x.id))
            .chain(self.attributes.iter().map(|x| x.id))
            .chain(self.competitors.iter().map(|x| x.id))
            .chain(self.personas.iter().map(|x| x.id))
    }

    /// Every free text, for the length check.
    pub fn texts(&self) -> impl Iterator<Item = &String> + '_ {
        let market = self.market_items.iter().flat_map(|m| [&m.title, &m.description]);
        let factors = self.factors.iter().map(|f| &f.statement);
        let nps = self.nps.iter().map(|n| &n.source);
        let attributes = self.attributes.iter().map(|a| &a.name);
        let competitors = self.competitors.iter().flat_map(|c| [&c.name, &c.note]);
        let personas = (self.personas.iter())
            .flat_map(|p| [&p.name, &p.description].into_iter().chain(&p.pains).chain(&p.channels));
        market
            .chain(factors)
            .chain(nps)
            .chain(attributes)
            .chain(competitors)
            .chain(personas)
    }

    /// The own company's row of the competitor matrix, if there is one.
    pub fn own_company(&self) -> Option<&Competitor> {
        self.competitors.iter().find(|c| c.own)
    }
}

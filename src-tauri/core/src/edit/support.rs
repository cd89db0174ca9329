//! Edits of section 2: market items, own strengths and weaknesses, the NPS survey, the
//! competitor matrix, personas, the RFM settings and the stored orders.
//!
//! Values arrive as text and are parsed strictly (`support/parse.rs`): weights and scores are
//! decimals 0–10, NPS counts whole numbers, pasted NPS answers a list of whole numbers 0–10
//! separated by spaces, commas or new lines (a bad answer is refused naming the token and its
//! position), Pareto shares percent (80 means 80 %, stored as 0.8), the analysis date
//! `YYYY-MM-DD` or empty for the default. Orders are replaced whole by an import
//! ([`SupportEdit::ImportOrders`], built by `import::orders`; it never comes over IPC).

use crate::model::{FactorKind, Impact, MarketCategory, OrderBook};
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

mod apply;
mod parse;
pub(super) use apply::apply;
pub use parse::parse_nps_scores;

/// A field of a market item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum MarketItemField {
    /// industry_trend | policy | technology | competitor_move | customer_need.
    Category,
    /// opportunity | threat.
    Impact,
    /// Free text.
    Title,
    /// Free text.
    Description,
    /// 0–10.
    Weight,
}

/// A field of an own strength or weakness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FactorField {
    /// strength | weakness.
    Kind,
    /// Free text.
    Statement,
    /// 0–10.
    Weight,
    /// A competitive attribute's id, or empty.
    Attribute,
}

/// A group of NPS answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum NpsGroup {
    /// Answers 9–10.
    Promoters,
    /// Answers 7–8.
    Passives,
    /// Answers 0–6.
    Detractors,
}

/// A field of a company of the competitor matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CompetitorField {
    /// Free text, not empty, unique in the matrix.
    Name,
    /// Free text.
    Note,
}

/// A field of a persona.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PersonaField {
    /// Free text.
    Name,
    /// Free text.
    Description,
    /// One pain per line.
    Pains,
    /// One buying channel per line.
    Channels,
    /// A, B, C or empty.
    Tier,
}

/// A setting of the RFM analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RfmField {
    /// `YYYY-MM-DD`, or empty for the day after the last order.
    AsOf,
    /// `scores` (by RFM score sums) or `pareto` (by share of revenue); switching starts from
    /// the rule's defaults (A ≥ 12, B ≥ 8; 80 % / 15 %).
    Rule,
    /// Score rule: lowest score sum of tier A, 3–15.
    AMinScore,
    /// Score rule: lowest score sum of tier B, 3–15, at most A's.
    BMinScore,
    /// Pareto rule: percent of revenue tier A reaches.
    AShare,
    /// Pareto rule: percent of revenue tier B adds.
    BShare,
}

/// One change to section 2.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum SupportEdit {
    /// Adds an empty market item (weight 1) at the end.
    AddMarketItem {
        /// What it is about.
        category: MarketCategory,
        /// Opportunity or threat.
        impact: Impact,
    },
    /// Sets a field of a market item.
    UpdateMarketItem {
        /// The item.
        id: Uuid,
        /// Which field.
        field: MarketItemField,
        /// New value as text.
        value: String,
    },
    /// Links a market item to a goal, or unlinks it.
    LinkMarketItemGoal {
        /// The item.
        id: Uuid,
        /// The goal (must exist to link).
        goal_id: Uuid,
        /// True to link, false to unlink.
        linked: bool,
    },
    /// Removes a market item.
    RemoveMarketItem {
        /// The item.
        id: Uuid,
    },
    /// Adds an empty strength or weakness (weight 1) at the end.
    AddFactor {
        /// Strength or weakness.
        kind: FactorKind,
    },
    /// Sets a field of a strength or weakness.
    UpdateFactor {
        /// The factor.
        id: Uuid,
        /// Which field.
        field: FactorField,
        /// New value as text.
        value: String,
    },
    /// Removes a strength or weakness.
    RemoveFactor {
        /// The factor.
        id: Uuid,
    },
    /// Sets one count of the survey (the survey becomes counts, keeping the other counts).
    SetNpsCount {
        /// Which group.
        group: NpsGroup,
        /// A whole number, 0 to 1,000,000,000.
        value: String,
    },
    /// Replaces the survey's answers with pasted raw scores ("9 10 7 3 …").
    SetNpsScores {
        /// Whole numbers 0–10 separated by spaces, commas, semicolons or new lines.
        text: String,
    },
    /// Sets where the survey comes from.
    SetNpsSource {
        /// Free text.
        value: String,
    },
    /// Removes the survey.
    ClearNps,
    /// Adds an attribute of the competitor matrix at the end.
    AddAttribute {
        /// Its name (not empty, unique).
        name: String,
    },
    /// Renames an attribute.
    RenameAttribute {
        /// The attribute.
        id: Uuid,
        /// New name (not empty, unique).
        name: String,
    },
    /// Removes an attribute with its scores (strengths and weaknesses naming it lose the link).
    RemoveAttribute {
        /// The attribute.
        id: Uuid,
    },
    /// Adds a company to the matrix at the end (`own`: the own company, at most one; an empty
    /// name takes the plan's company name).
    AddCompetitor {
        /// Its name.
        name: String,
        /// True for the own company.
        own: bool,
    },
    /// Sets a field of a company.
    UpdateCompetitor {
        /// The company.
        id: Uuid,
        /// Which field.
        field: CompetitorField,
        /// New value as text.
        value: String,
    },
    /// Removes a company from the matrix.
    RemoveCompetitor {
        /// The company.
        id: Uuid,
    },
    /// Sets a company's score on an attribute (0–10); empty clears it.
    SetScore {
        /// The company.
        competitor_id: Uuid,
        /// The attribute.
        attribute_id: Uuid,
        /// Decimal text 0–10, or empty.
        value: String,
    },
    /// Adds a persona at the end.
    AddPersona {
        /// Its name.
        name: String,
    },
    /// Sets a field of a persona.
    UpdatePersona {
        /// The persona.
        id: Uuid,
        /// Which field.
        field: PersonaField,
        /// New value as text.
        value: String,
    },
    /// Removes a persona.
    RemovePersona {
        /// The persona.
        id: Uuid,
    },
    /// Sets a setting of the RFM analysis.
    SetRfm {
        /// Which setting.
        field: RfmField,
        /// New value as text.
        value: String,
    },
    /// Replaces the stored orders with an import (built by `import::orders` in the core;
    /// never deserialized, so bulk data cannot arrive over IPC).
    #[serde(skip_deserializing)]
    #[ts(skip)]
    ImportOrders {
        /// The imported orders.
        orders: OrderBook,
    },
    /// Removes the stored orders.
    ClearOrders,
}

impl SupportEdit {
    /// Edits that set the same value merge into one undo step while typing.
    pub fn coalesce_key(&self) -> Option<String> {
        match self {
            SupportEdit::UpdateMarketItem { id, field, .. } => Some(format!("market:{id}:{field:?}")),
            SupportEdit::UpdateFactor { id, field, .. } => Some(format!("factor:{id}:{field:?}")),
            SupportEdit::SetNpsCount { group, .. } => Some(format!("nps:{group:?}")),
            SupportEdit::SetNpsScores { .. } => Some("nps:scores".into()),
            SupportEdit::SetNpsSource { .. } => Some("nps:source".into()),
            SupportEdit::RenameAttribute { id, .. } => Some(format!("attribute:{id}:name")),
            SupportEdit::UpdateCompetitor { id, field, .. } => Some(format!("competitor:{id}:{field:?}")),
            SupportEdit::SetScore {
                competitor_id,
                attribute_id,
                ..
            } => Some(format!("score:{competitor_id}:{attribute_id}")),
            SupportEdit::UpdatePersona { id, field, .. } => Some(format!("persona:{id}:{field:?}")),
            SupportEdit::SetRfm { field, .. } => Some(format!("rfm:{field:?}")),
            _ => None,
        }
    }
}

#[cfg(test)]
#[path = "support_tests.rs"]
mod tests;

//! The dimensions a target is split across (domain.md §1, "Horizontal decomposition"): the org
//! tree (company → region → team → rep), customer tiers, product lines and channels.
//!
//! They live in the plan, not in settings, because allocations, goals and (later) actuals refer
//! to their members by id: a member keeps its id when it is renamed or moved, so a split made
//! last week still points at the right region. The company is the implicit root of the org tree
//! and has no member of its own; the plan header already names it.
//!
//! Order is the order of the lists. In the org list, siblings appear in their display order;
//! members of different parents may interleave (only the relative order of siblings counts).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use uuid::Uuid;

/// True when two member names (or codes) are the same for a user: equal ignoring case.
pub fn same_name(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// Which dimension a member belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DimensionKind {
    /// The org tree: regions, teams, reps (组织架构).
    Org,
    /// Customer tiers, A/B/C by default (客户分级).
    Tier,
    /// Product lines (产品线).
    Product,
    /// Sales channels (渠道).
    Channel,
}

impl DimensionKind {
    /// Every dimension, in display order.
    pub const ALL: [DimensionKind; 4] = [
        DimensionKind::Org,
        DimensionKind::Tier,
        DimensionKind::Product,
        DimensionKind::Channel,
    ];

    /// The word used in the file, the JSON form and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            DimensionKind::Org => "org",
            DimensionKind::Tier => "tier",
            DimensionKind::Product => "product",
            DimensionKind::Channel => "channel",
        }
    }
}

/// The level of an org member. A region sits under the company, a team under a region and a
/// rep under a team; nothing else is allowed, which also makes a cycle impossible.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OrgLevel {
    /// A sales region (区域), directly under the company.
    Region,
    /// A team (团队), under a region.
    Team,
    /// A sales rep (销售代表), under a team.
    Rep,
}

impl OrgLevel {
    /// The word used in the file, the JSON form and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            OrgLevel::Region => "region",
            OrgLevel::Team => "team",
            OrgLevel::Rep => "rep",
        }
    }

    /// The level a parent of this level must have (`None`: the company, i.e. no parent).
    pub fn parent_level(self) -> Option<OrgLevel> {
        match self {
            OrgLevel::Region => None,
            OrgLevel::Team => Some(OrgLevel::Region),
            OrgLevel::Rep => Some(OrgLevel::Team),
        }
    }

    /// The level of a child of this level (`None` for a rep, which has no children).
    pub fn child_level(self) -> Option<OrgLevel> {
        match self {
            OrgLevel::Region => Some(OrgLevel::Team),
            OrgLevel::Team => Some(OrgLevel::Rep),
            OrgLevel::Rep => None,
        }
    }
}

/// A member of a flat dimension: a tier, a product line or a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Member {
    /// Stable id.
    pub id: Uuid,
    /// Display name, e.g. "A类客户".
    pub name: String,
    /// Optional short code used by imports and exports, e.g. "A" or "SKU-DEV".
    pub code: Option<String>,
}

/// A member of the org tree: a region, a team or a rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct OrgMember {
    /// Stable id.
    pub id: Uuid,
    /// Display name, e.g. "华东区" or a rep's name.
    pub name: String,
    /// Optional short code used by imports and exports, e.g. "EC".
    pub code: Option<String>,
    /// Region, team or rep.
    pub level: OrgLevel,
    /// The region of a team, the team of a rep; `None` for a region.
    pub parent_id: Option<Uuid>,
}

/// The four dimensions of a plan.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(deny_unknown_fields)]
#[ts(export)]
pub struct Dimensions {
    /// The org tree under the company, siblings in display order.
    pub org: Vec<OrgMember>,
    /// Customer tiers, in display order.
    pub tiers: Vec<Member>,
    /// Product lines, in display order.
    pub products: Vec<Member>,
    /// Sales channels, in display order.
    pub channels: Vec<Member>,
}

impl Dimensions {
    /// True when no dimension has a member.
    pub fn is_empty(&self) -> bool {
        self.org.is_empty() && self.tiers.is_empty() && self.products.is_empty() && self.channels.is_empty()
    }

    /// The members of a flat dimension (`None` for the org tree, which has its own type).
    pub fn flat(&self, kind: DimensionKind) -> Option<&Vec<Member>> {
        match kind {
            DimensionKind::Org => None,
            DimensionKind::Tier => Some(&self.tiers),
            DimensionKind::Product => Some(&self.products),
            DimensionKind::Channel => Some(&self.channels),
        }
    }

    /// The members of a flat dimension, mutably (`None` for the org tree).
    pub fn flat_mut(&mut self, kind: DimensionKind) -> Option<&mut Vec<Member>> {
        match kind {
            DimensionKind::Org => None,
            DimensionKind::Tier => Some(&mut self.tiers),
            DimensionKind::Product => Some(&mut self.products),
            DimensionKind::Channel => Some(&mut self.channels),
        }
    }

    /// The org member with this id.
    pub fn org_member(&self, id: Uuid) -> Option<&OrgMember> {
        self.org.iter().find(|m| m.id == id)
    }

    /// Every member id of every dimension.
    pub fn ids(&self) -> impl Iterator<Item = Uuid> + '_ {
        let flat = self.tiers.iter().chain(&self.products).chain(&self.channels);
        self.org.iter().map(|m| m.id).chain(flat.map(|m| m.id))
    }

    /// Every member's name and code, for text checks.
    pub fn texts(&self) -> impl Iterator<Item = (&String, Option<&String>)> + '_ {
        let flat = self.tiers.iter().chain(&self.products).chain(&self.channels);
        let org = self.org.iter().map(|m| (&m.name, m.code.as_ref()));
        org.chain(flat.map(|m| (&m.name, m.code.as_ref())))
    }
}

//! Edits: every change a user can make to a plan, as data.
//!
//! The UI sends a [`PlanEdit`]; the core validates and applies it. Values arrive as text and
//! are parsed here, so a malformed number is refused with a message naming the field and the
//! plan stays as it was. Keeping edits as data makes undo/redo, the working-copy journal and
//! the IPC validation one mechanism.

mod dimensions;
mod drivers;
mod fields;
pub(crate) mod members;
mod parse;
mod support;

pub use drivers::{CashInField, DriverEdit, FunnelField, SeasonalityBasis, SplitEntryField, SplitField};
pub use members::{ImportedMember, MAX_IMPORTED_MEMBERS};
pub use parse::{parse_date, parse_weekdays, text};
pub use support::{
    parse_nps_scores, CompetitorField, FactorField, MarketItemField, NpsGroup, PersonaField, RfmField, SupportEdit,
};

use crate::clock::Clock;
use crate::error::{Error, ErrorCode, Result};
use crate::model::{BaselineMonth, CalendarDay, DimensionKind, Goal, GoalKind, GoalLayer, Plan};
use crate::money;
use fields::{day_list, set_header, set_setting, update_goal};
pub use fields::{BaselineField, DayList, GoalField, HeaderField, SettingField};
use parse::parse_month;
use serde::Deserialize;
use ts_rs::TS;
use uuid::Uuid;

/// Longest text a field accepts.
pub const MAX_TEXT: usize = 4000;

/// One change to a plan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(tag = "op", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum PlanEdit {
    /// Sets a header field.
    SetHeader {
        /// Which field.
        field: HeaderField,
        /// New value as text.
        value: String,
    },
    /// Adds or renames a calendar day.
    SetDay {
        /// Which list.
        list: DayList,
        /// YYYY-MM-DD.
        date: String,
        /// Name of the day.
        name: String,
    },
    /// Removes a calendar day.
    RemoveDay {
        /// Which list.
        list: DayList,
        /// YYYY-MM-DD.
        date: String,
    },
    /// Sets a threshold.
    SetSetting {
        /// Which threshold.
        field: SettingField,
        /// Decimal text.
        value: String,
    },
    /// Adds an empty goal at the end.
    AddGoal {
        /// Its layer.
        layer: GoalLayer,
        /// What it measures.
        kind: GoalKind,
    },
    /// Sets a goal field.
    UpdateGoal {
        /// The goal.
        id: Uuid,
        /// Which field.
        field: GoalField,
        /// New value as text.
        value: String,
    },
    /// Removes a goal; goals linked to it lose the link.
    RemoveGoal {
        /// The goal.
        id: Uuid,
    },
    /// Adds a baseline month (zero amounts) if it is not there yet.
    AddBaselineMonth {
        /// YYYY-MM or YYYY-MM-DD (the day is ignored).
        month: String,
    },
    /// Sets an amount of a baseline month.
    UpdateBaseline {
        /// The month's id.
        id: Uuid,
        /// Which amount.
        field: BaselineField,
        /// Decimal text.
        value: String,
    },
    /// Removes a baseline month.
    RemoveBaselineMonth {
        /// The month's id.
        id: Uuid,
    },
    /// Adds a member last in a dimension (in the org tree: last under its parent). An org
    /// member's level follows from its parent: none → region, a region → team, a team → rep.
    AddMember {
        /// Which dimension.
        dimension: DimensionKind,
        /// Its name (trimmed; must not be empty or taken by a sibling).
        name: String,
        /// Org tree only: the region of a new team or the team of a new rep.
        parent_id: Option<Uuid>,
    },
    /// Renames a member.
    RenameMember {
        /// Which dimension.
        dimension: DimensionKind,
        /// The member.
        id: Uuid,
        /// New name (trimmed; must not be empty or taken by a sibling).
        name: String,
    },
    /// Sets a member's code; empty text clears it.
    SetMemberCode {
        /// Which dimension.
        dimension: DimensionKind,
        /// The member.
        id: Uuid,
        /// New code (trimmed; unique in its dimension).
        code: String,
    },
    /// Moves a team to another region or a rep to another team (last among its new siblings).
    MoveOrgMember {
        /// The team or rep.
        id: Uuid,
        /// Its new parent: a region for a team, a team for a rep.
        parent_id: Uuid,
    },
    /// Moves a member to `index` among its siblings (0 is first; past the end means last).
    ReorderMember {
        /// Which dimension.
        dimension: DimensionKind,
        /// The member.
        id: Uuid,
        /// Its new place among its siblings.
        index: u32,
    },
    /// Removes a member. An org member with children is refused: remove or move them first.
    RemoveMember {
        /// Which dimension.
        dimension: DimensionKind,
        /// The member.
        id: Uuid,
    },
    /// Finds or adds imported members (one undo step; the first refusal undoes all).
    ImportMembers {
        /// Which dimension.
        dimension: DimensionKind,
        /// The members, in file order.
        members: Vec<ImportedMember>,
    },
    /// Changes a section-1 driver (split, seasonality, funnel, cash-in, imported history).
    Driver {
        /// The change.
        edit: DriverEdit,
    },
    /// Changes section 2 (market, competition, NPS, personas, RFM settings, orders).
    Support {
        /// The change.
        edit: SupportEdit,
    },
}

impl PlanEdit {
    /// Edits that set the same field of the same item merge into one undo step while typing.
    pub fn coalesce_key(&self) -> Option<String> {
        match self {
            PlanEdit::SetHeader { field, .. } => Some(format!("header:{field:?}")),
            PlanEdit::SetSetting { field, .. } => Some(format!("setting:{field:?}")),
            PlanEdit::UpdateGoal { id, field, .. } => Some(format!("goal:{id}:{field:?}")),
            PlanEdit::UpdateBaseline { id, field, .. } => Some(format!("baseline:{id}:{field:?}")),
            PlanEdit::RenameMember { id, .. } => Some(format!("member:{id}:name")),
            PlanEdit::SetMemberCode { id, .. } => Some(format!("member:{id}:code")),
            PlanEdit::Driver { edit } => edit.coalesce_key(),
            PlanEdit::Support { edit } => edit.coalesce_key(),
            _ => None,
        }
    }
}

/// Applies an edit to a plan. On error the plan is unchanged.
pub fn apply(plan: &mut Plan, edit: &PlanEdit, clock: &dyn Clock) -> Result<()> {
    let mut next = plan.clone();
    apply_in_place(&mut next, edit, clock)?;
    *plan = next;
    Ok(())
}

fn apply_in_place(plan: &mut Plan, edit: &PlanEdit, clock: &dyn Clock) -> Result<()> {
    match edit {
        PlanEdit::SetHeader { field, value } => set_header(plan, *field, value),
        PlanEdit::SetDay { list, date, name } => {
            let date = parse_date(date, "date")?;
            let name = text(name, "name")?;
            let days = day_list(plan, *list);
            days.retain(|d| d.date != date);
            days.push(CalendarDay { date, name });
            days.sort_by_key(|d| d.date);
            Ok(())
        }
        PlanEdit::RemoveDay { list, date } => {
            let date = parse_date(date, "date")?;
            day_list(plan, *list).retain(|d| d.date != date);
            Ok(())
        }
        PlanEdit::SetSetting { field, value } => set_setting(plan, *field, value),
        PlanEdit::AddGoal { layer, kind } => {
            let unit = if kind.is_money() {
                plan.header.currency.clone()
            } else {
                String::new()
            };
            plan.goals.push(Goal {
                id: clock.new_id(),
                layer: *layer,
                kind: *kind,
                statement: String::new(),
                metric: String::new(),
                unit,
                baseline: None,
                target: None,
                deadline: None,
                owner: String::new(),
                rationale: String::new(),
                parent_id: None,
            });
            Ok(())
        }
        PlanEdit::UpdateGoal { id, field, value } => update_goal(plan, *id, *field, value),
        PlanEdit::RemoveGoal { id } => {
            let before = plan.goals.len();
            plan.goals.retain(|g| g.id != *id);
            if plan.goals.len() == before {
                return Err(unknown("goal", *id));
            }
            for g in &mut plan.goals {
                if g.parent_id == Some(*id) {
                    g.parent_id = None;
                }
            }
            Ok(())
        }
        PlanEdit::AddBaselineMonth { month } => {
            let month = parse_month(month)?;
            if !plan.baseline.iter().any(|m| m.month == month) {
                let z = rust_decimal::Decimal::ZERO;
                plan.baseline.push(BaselineMonth {
                    id: clock.new_id(),
                    month,
                    bookings: z,
                    cash_in: z,
                });
                plan.baseline.sort_by_key(|m| m.month);
            }
            Ok(())
        }
        PlanEdit::UpdateBaseline { id, field, value } => {
            let currency = plan.header.currency.clone();
            let m = plan
                .baseline
                .iter_mut()
                .find(|m| m.id == *id)
                .ok_or_else(|| unknown("baseline month", *id))?;
            let v = money::parse_money(value, &currency, "amount")?;
            match field {
                BaselineField::Bookings => m.bookings = v,
                BaselineField::CashIn => m.cash_in = v,
            }
            Ok(())
        }
        PlanEdit::RemoveBaselineMonth { id } => {
            let before = plan.baseline.len();
            plan.baseline.retain(|m| m.id != *id);
            if plan.baseline.len() == before {
                return Err(unknown("baseline month", *id));
            }
            Ok(())
        }
        PlanEdit::AddMember {
            dimension,
            name,
            parent_id,
        } => dimensions::add(&mut plan.dimensions, *dimension, name, *parent_id, clock),
        PlanEdit::RenameMember { dimension, id, name } => {
            dimensions::rename(&mut plan.dimensions, *dimension, *id, name)
        }
        PlanEdit::SetMemberCode { dimension, id, code } => {
            dimensions::set_code(&mut plan.dimensions, *dimension, *id, code)
        }
        PlanEdit::MoveOrgMember { id, parent_id } => dimensions::move_org(&mut plan.dimensions, *id, *parent_id),
        PlanEdit::ReorderMember { dimension, id, index } => {
            dimensions::reorder(&mut plan.dimensions, *dimension, *id, *index as usize)
        }
        PlanEdit::RemoveMember { dimension, id } => dimensions::remove(&mut plan.dimensions, *dimension, *id),
        PlanEdit::ImportMembers { dimension, members } => {
            members::import(&mut plan.dimensions, *dimension, members, clock)
        }
        PlanEdit::Driver { edit } => drivers::apply(plan, edit, clock),
        PlanEdit::Support { edit } => support::apply(plan, edit, clock),
    }
}

fn unknown(what: &str, id: Uuid) -> Error {
    Error::plain(ErrorCode::InvalidArgument, format!("no {what} with id {id}"))
}

#[cfg(test)]
#[path = "edit_tests.rs"]
mod tests;

#[cfg(test)]
mod reason_tests;

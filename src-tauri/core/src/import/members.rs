//! Dimension members from a table (CSV or XLSX): product lines, channels, tiers by name and
//! code, or the org tree as region / team / rep columns. Read against the plan as a dry run,
//! row by row, so a row the member rules refuse (a code taken by another member, a blank
//! region with a team) is reported with its row number; one rejected row imports nothing.
//!
//! Columns: flat dimensions — `name` (or the dimension's own header: 产品, 渠道, 客户等级) and
//! optional `code`; org — `region` and optional `team`, `rep`, `code` (the code of the last
//! member on the row). Existing members are found by name (ignoring case) and kept; new ones
//! are added in file order.

use super::progress::{Ticker, Watch};
use crate::clock::Clock;
use crate::edit::{members, ImportedMember, PlanEdit};
use crate::error::{Reason, Result};
use crate::model::{DimensionKind, Plan};
use crate::tabular::{self, missing_value, ColumnOverride, Field, FieldSpec, Mapping, Rejections, TableInfo};
use serde::Serialize;
use std::path::Path;
use ts_rs::TS;

/// A members table read against a plan: what would be imported, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MembersImport {
    /// The dimension imported into.
    pub dimension: DimensionKind,
    /// Format, encoding, delimiter, headers.
    pub table: TableInfo,
    /// Which column each field is read from.
    pub mapping: Mapping,
    /// Data rows read.
    #[ts(type = "number")]
    pub rows: u64,
    /// The first rows' cells, for the preview.
    pub preview: Vec<Vec<String>>,
    /// The members, in file order.
    pub members: Vec<ImportedMember>,
    /// How many members the import adds (the others exist already).
    pub added: u32,
    /// Rejected rows; when not empty nothing is imported.
    pub rejected: Rejections,
    /// Required fields without a column; while one is missing no row is read.
    pub missing: Vec<Field>,
}

impl MembersImport {
    /// The edit that applies the import.
    pub fn edit(&self) -> PlanEdit {
        PlanEdit::ImportMembers {
            dimension: self.dimension,
            members: self.members.clone(),
        }
    }

    /// `Ok` when the import can be applied.
    pub fn ready(&self, path: &Path) -> Result<()> {
        super::ready(&self.missing, &self.rejected, path)
    }
}

/// The name column of a flat dimension: `name`, or the dimension's own field.
fn name_fields(dimension: DimensionKind) -> (Field, Option<Field>) {
    match dimension {
        DimensionKind::Org => (Field::Region, None),
        DimensionKind::Tier => (Field::Name, Some(Field::Tier)),
        DimensionKind::Product => (Field::Name, Some(Field::Product)),
        DimensionKind::Channel => (Field::Name, Some(Field::Channel)),
    }
}

/// Reads `path` as members of `dimension` (see the module docs for the rules); `watch` is told
/// how far the reading got and may stop it.
pub fn read(
    plan: &Plan,
    dimension: DimensionKind,
    path: &Path,
    overrides: &[ColumnOverride],
    clock: &dyn Clock,
    watch: &dyn Watch,
) -> Result<MembersImport> {
    let mut table = tabular::open(path)?;
    let (name, alias) = name_fields(dimension);
    let mut fields = vec![FieldSpec::optional(name), FieldSpec::optional(Field::Code)];
    fields.extend(alias.map(FieldSpec::optional));
    if dimension == DimensionKind::Org {
        fields.extend([FieldSpec::optional(Field::Team), FieldSpec::optional(Field::Rep)]);
    }
    let mapping = table.map_columns(&fields, overrides)?;
    let name_column = mapping.column(name).or_else(|| alias.and_then(|a| mapping.column(a)));
    let missing = if name_column.is_none() { vec![name] } else { vec![] };
    let levels: Vec<Option<usize>> = match dimension {
        DimensionKind::Org => vec![name_column, mapping.column(Field::Team), mapping.column(Field::Rep)],
        _ => vec![name_column],
    };
    let mut dims = plan.dimensions.clone();
    let before = dims.ids().count();
    let mut out = MembersImport {
        dimension,
        table: table.info().clone(),
        mapping: mapping.clone(),
        rows: 0,
        preview: vec![],
        members: vec![],
        added: 0,
        rejected: Rejections::default(),
        missing,
    };
    let mut ticker = Ticker::new(watch, 1);
    loop {
        ticker.tick(&table)?;
        let Some(row) = table.next_row()? else { break };
        out.rows += 1;
        if out.preview.len() < super::baseline::PREVIEW_ROWS {
            out.preview.push(row.iter().map(str::to_string).collect());
        }
        if !out.missing.is_empty() {
            continue;
        }
        let path: Vec<String> = levels
            .iter()
            .map_while(|c| c.map(|c| row.cell(c).to_string()))
            .collect();
        let path: Vec<String> = path.into_iter().take_while(|n| !n.trim().is_empty()).collect();
        let reject_at = |field: Field| mapping.header(field).or(mapping.header(alias.unwrap_or(field)));
        if path.is_empty() {
            out.rejected
                .reject(row.number(), reject_at(name), "", missing_value(name.id()));
            continue;
        }
        let code = mapping
            .column(Field::Code)
            .map(|c| row.cell(c).to_string())
            .filter(|c| !c.is_empty());
        let member = ImportedMember { path, code };
        // Dry run on the copy: the same rules the edit applies, reported against this row.
        if let Err(e) = members::import(&mut dims, dimension, std::slice::from_ref(&member), clock) {
            let reason = e
                .reason()
                .cloned()
                .unwrap_or_else(|| Reason::new("import.member_refused", &[]));
            out.rejected
                .reject(row.number(), reject_at(name), &member.path.join(" / "), reason);
            continue;
        }
        out.members.push(member);
    }
    out.added = (dims.ids().count() - before) as u32;
    Ok(out)
}

#[cfg(test)]
#[path = "members_tests.rs"]
mod tests;

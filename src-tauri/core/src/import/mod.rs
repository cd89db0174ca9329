//! Imports of data users bring from Excel or a CRM, read through [`crate::tabular`]: each
//! import turns a table into an edit of the plan (undoable), or into a report of the rows it
//! refused. Nothing is half-imported.

pub mod baseline;
pub mod members;
pub mod orders;
pub mod progress;

use crate::error::Result;
use crate::tabular::{Field, Rejections};
use std::path::Path;

/// `Ok` when an import can be applied: every required column mapped, no row rejected.
fn ready(missing: &[Field], rejected: &Rejections, path: &Path) -> Result<()> {
    if let Some(field) = missing.first() {
        let field = field.id();
        return Err(crate::Error::file(
            crate::ErrorCode::InvalidValue,
            path,
            format!("no column holds the {field}; map one with --map COLUMN={field}"),
        )
        .because("mapping.required_missing", &[("field", field)]));
    }
    rejected.check().map_err(|e| e.at(path))
}

/// What an import brings into the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[ts(export)]
pub enum ImportTarget {
    /// Monthly history (and history per member).
    Baseline,
    /// Members of one dimension.
    Members {
        /// The dimension.
        dimension: crate::model::DimensionKind,
    },
    /// Customer orders (replacing the orders the plan holds).
    Orders,
}

/// An import read against the plan, as the app previews it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ImportPreview {
    /// Baseline history.
    Baseline(baseline::BaselineImport),
    /// Dimension members.
    Members(members::MembersImport),
    /// Customer orders, from one table or several.
    Orders(orders::OrdersImport),
}

/// Most tables one import reads (orders only; history and members come from one table).
pub const MAX_FILES: usize = 64;

impl ImportPreview {
    /// Reads `paths` for `target` against `plan` with the user's column overrides; `watch` is
    /// told how far the reading got and may stop it (`ErrorCode::Cancelled`). Orders may come
    /// from several tables (monthly exports, one per store …), read as one import; history and
    /// members from exactly one. Errors name the file they are about.
    pub fn read(
        plan: &crate::model::Plan,
        target: ImportTarget,
        paths: &[&Path],
        overrides: &[crate::tabular::ColumnOverride],
        clock: &dyn crate::clock::Clock,
        watch: &dyn progress::Watch,
    ) -> Result<Self> {
        if paths.is_empty() || paths.len() > MAX_FILES {
            let max = MAX_FILES.to_string();
            return Err(crate::Error::plain(
                crate::ErrorCode::InvalidArgument,
                format!("choose between 1 and {max} tables to import"),
            )
            .because("import.file_count", &[("max", &max)]));
        }
        let one = || match paths {
            [path] => Ok(*path),
            _ => Err(crate::Error::plain(
                crate::ErrorCode::InvalidArgument,
                "history and members are imported from one table at a time",
            )
            .because("import.one_table", &[])),
        };
        Ok(match target {
            ImportTarget::Baseline => {
                let path = one()?;
                ImportPreview::Baseline(baseline::read(plan, path, overrides, clock, watch).map_err(|e| e.at(path))?)
            }
            ImportTarget::Members { dimension } => {
                let path = one()?;
                let members = members::read(plan, dimension, path, overrides, clock, watch).map_err(|e| e.at(path))?;
                ImportPreview::Members(members)
            }
            ImportTarget::Orders => ImportPreview::Orders(orders::read_watched(plan, paths, overrides, clock, watch)?),
        })
    }

    /// `Ok` when the import can be applied (`paths` as read).
    pub fn ready(&self, paths: &[&Path]) -> Result<()> {
        match (self, paths) {
            (ImportPreview::Baseline(b), [path]) => b.ready(path),
            (ImportPreview::Members(m), [path]) => m.ready(path),
            (ImportPreview::Orders(o), paths) => o.check(paths),
            _ => Err(crate::Error::invalid("the tables are not the ones that were read")),
        }
    }

    /// The edit that applies it.
    pub fn edit(&self) -> crate::edit::PlanEdit {
        match self {
            ImportPreview::Baseline(b) => b.edit(),
            ImportPreview::Members(m) => m.edit(),
            ImportPreview::Orders(o) => o.edit(),
        }
    }
}

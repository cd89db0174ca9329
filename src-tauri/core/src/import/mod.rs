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
    /// Customer orders (one table in the app; the CLI takes several).
    Orders(orders::OrdersImport),
}

impl ImportPreview {
    /// Reads `path` for `target` against `plan` with the user's column overrides; `watch` is
    /// told how far the reading got and may stop it (`ErrorCode::Cancelled`).
    pub fn read(
        plan: &crate::model::Plan,
        target: ImportTarget,
        path: &Path,
        overrides: &[crate::tabular::ColumnOverride],
        clock: &dyn crate::clock::Clock,
        watch: &dyn progress::Watch,
    ) -> Result<Self> {
        Ok(match target {
            ImportTarget::Baseline => ImportPreview::Baseline(baseline::read(plan, path, overrides, clock, watch)?),
            ImportTarget::Members { dimension } => {
                ImportPreview::Members(members::read(plan, dimension, path, overrides, clock, watch)?)
            }
            ImportTarget::Orders => {
                ImportPreview::Orders(orders::read_watched(plan, &[path], overrides, clock, watch)?)
            }
        })
    }

    /// `Ok` when the import can be applied.
    pub fn ready(&self, path: &Path) -> Result<()> {
        match self {
            ImportPreview::Baseline(b) => b.ready(path),
            ImportPreview::Members(m) => m.ready(path),
            ImportPreview::Orders(o) => o.check(&[path]),
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

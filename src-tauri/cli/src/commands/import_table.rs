//! `salesplan import-baseline`: monthly history from a CSV or XLSX table into a plan file,
//! all or nothing, through the core's baseline import (the same reading as the app's dialog).

use crate::args::ImportBaselineArgs;
use crate::files;
use crate::rejected;
use crate::{output, Status};
use salesplan_core::clock::{Clock, SystemClock};
use salesplan_core::import::baseline;
use salesplan_core::model::PlanMeta;
use salesplan_core::tabular::ColumnOverride;
use salesplan_core::{edit, Result};

/// Reads the table against the plan; on any rejected row prints them all and writes nothing
/// (exit 2), else applies the import and saves the plan as a new revision (atomically, refusing
/// if the file changed meanwhile).
pub fn run(args: &ImportBaselineArgs) -> Result<Status> {
    let overrides = args
        .map
        .iter()
        .map(|m| ColumnOverride::parse(m))
        .collect::<Result<Vec<_>>>()?;
    let loaded = files::read_plan(&args.file)?;
    if loaded.newer_version {
        return Err(files::read_only(&args.file));
    }
    let clock = SystemClock;
    let import = baseline::read(&loaded.plan, &args.data, &overrides, &clock).map_err(|e| e.at(&args.data))?;
    if !import.rejected.is_empty() {
        rejected::print(&args.data, &import.rejected);
    }
    import.ready(&args.data)?;
    let mut plan = loaded.plan.clone();
    edit::apply(&mut plan, &import.edit(), &clock).map_err(|e| e.at(&args.data))?;
    let meta = PlanMeta {
        revision_id: clock.new_id(),
        parent_revision: Some(loaded.meta.revision_id),
        saved_at: clock.now(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        ..loaded.meta.clone()
    };
    files::save_plan(&args.file, &meta, &plan, loaded.meta.revision_id)?;
    let new_months = import
        .months
        .iter()
        .filter(|m| !loaded.plan.baseline.iter().any(|b| b.id == m.id))
        .count();
    output::print(&format!(
        "imported {} from {}: {} ({} new), {}\n",
        output::count(import.rows as u32, "row", "rows"),
        output::safe(&args.data.display().to_string()),
        output::count(import.months.len() as u32, "month", "months"),
        new_months,
        output::count(
            import.splits.len() as u32,
            "history row per member",
            "history rows per member"
        ),
    ))?;
    Ok(Status::Fine)
}

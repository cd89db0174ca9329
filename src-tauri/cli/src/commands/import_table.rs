//! `salesplan import-baseline` and `salesplan import-members`: a CSV or XLSX table into a plan
//! file, all or nothing, through the core's imports (the same reading as the app's dialog).

use crate::args::{ImportBaselineArgs, ImportMembersArgs};
use crate::files;
use crate::rejected;
use crate::{output, Status};
use salesplan_core::clock::SystemClock;
use salesplan_core::import::progress::unwatched;
use salesplan_core::import::{ImportPreview, ImportTarget};
use salesplan_core::tabular::ColumnOverride;
use salesplan_core::{edit, Result};
use std::path::Path;

/// `import-baseline`.
pub fn baseline(args: &ImportBaselineArgs) -> Result<Status> {
    run(&args.file, &args.data, &args.map, ImportTarget::Baseline)
}

/// `import-members`.
pub fn members(args: &ImportMembersArgs) -> Result<Status> {
    let target = ImportTarget::Members {
        dimension: args.dimension.into(),
    };
    run(&args.file, &args.data, &args.map, target)
}

/// Reads the table against the plan; on any rejected row prints them all and writes nothing
/// (exit 2), else applies the import and saves the plan as a new revision (atomically, refusing
/// if the file changed meanwhile).
fn run(file: &Path, data: &Path, map: &[String], target: ImportTarget) -> Result<Status> {
    let overrides = map
        .iter()
        .map(|m| ColumnOverride::parse(m))
        .collect::<Result<Vec<_>>>()?;
    let loaded = files::read_plan(file)?;
    if loaded.newer_version {
        return Err(files::read_only(file));
    }
    let clock = SystemClock;
    let import = ImportPreview::read(&loaded.plan, target, &[data], &overrides, &clock, unwatched())?;
    match &import {
        ImportPreview::Baseline(b) => rejected::print(data, &b.rejected),
        ImportPreview::Members(m) => rejected::print(data, &m.rejected),
        ImportPreview::Orders(o) => o.files.iter().for_each(|f| rejected::print(data, &f.rejected)),
    }
    import.ready(&[data])?;
    let mut plan = loaded.plan.clone();
    edit::apply(&mut plan, &import.edit(), &clock).map_err(|e| e.at(data))?;
    files::save_new_revision(file, &loaded, &plan)?;
    let from = output::safe(&data.display().to_string()).into_owned();
    let summary = match &import {
        ImportPreview::Baseline(b) => {
            let new_months = (b.months.iter())
                .filter(|m| !loaded.plan.baseline.iter().any(|x| x.id == m.id))
                .count();
            format!(
                "imported {} from {from}: {} ({new_months} new), {}",
                output::count(b.rows as u32, "row", "rows"),
                output::count(b.months.len() as u32, "month", "months"),
                output::count(b.splits.len() as u32, "member history row", "member history rows"),
            )
        }
        ImportPreview::Members(m) => format!(
            "imported {} from {from}: {} added, the others already there",
            output::count(m.members.len() as u32, "member", "members"),
            m.added
        ),
        // `import-orders` has its own command (several files); this path is not taken.
        ImportPreview::Orders(o) => format!("imported {} orders from {from}", o.orders),
    };
    output::print(&format!("{summary}\n"))?;
    Ok(Status::Fine)
}

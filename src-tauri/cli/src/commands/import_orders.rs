//! `salesplan import-orders`: customer orders from CSV or XLSX tables into a plan file,
//! replacing the orders it holds, all or nothing, through the core's orders import (the same
//! reading as the app's dialog).

use crate::args::ImportOrdersArgs;
use crate::files;
use crate::rejected;
use crate::{output, Status};
use salesplan_core::clock::SystemClock;
use salesplan_core::import::orders;
use salesplan_core::money::to_text;
use salesplan_core::tabular::ColumnOverride;
use salesplan_core::{edit, Result};
use std::path::Path;

/// Reads every table against the plan; on any rejected row prints them all (per file) and
/// writes nothing (exit 2), else replaces the plan's orders and saves it as a new revision
/// (atomically, refusing if the file changed meanwhile).
pub fn run(args: &ImportOrdersArgs) -> Result<Status> {
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
    let paths: Vec<&Path> = args.orders.iter().map(|p| p.as_path()).collect();
    let import = orders::read(&loaded.plan, &paths, &overrides, &clock)?;
    if import.rejected_total() > 0 {
        for (file, path) in import.files.iter().zip(&paths) {
            rejected::print(path, &file.rejected);
        }
    }
    // A file missing a required column, or any rejected row: nothing is imported.
    import.check(&paths)?;
    let mut plan = loaded.plan.clone();
    edit::apply(&mut plan, &import.edit(), &clock)?;
    files::save_new_revision(&args.file, &loaded, &plan)?;
    let span = match (import.first_date, import.last_date) {
        (Some(first), Some(last)) => format!(", {first} to {last}"),
        _ => String::new(),
    };
    output::print(&format!(
        "imported {} of {} from {}{span}, total {} {}; they replace the {} the plan held\n",
        output::count(import.orders as u32, "order", "orders"),
        output::count(import.customers, "customer", "customers"),
        output::count(import.files.len() as u32, "file", "files"),
        to_text(&import.total),
        output::safe(&plan.header.currency),
        output::count(loaded.plan.orders.len() as u32, "order", "orders"),
    ))?;
    Ok(Status::Fine)
}

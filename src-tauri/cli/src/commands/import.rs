//! `salesplan import`: a plan from its JSON form, written as a plan file.

use crate::args::ImportArgs;
use crate::files::{self, Existing};
use crate::{output, Status};
use salesplan_core::{json, Result};

/// Reads and validates the JSON, then writes the plan file (an existing one is replaced
/// atomically). The file metadata (document and revision ids) is kept as the JSON has it,
/// so export → import → export gives the same text.
pub fn run(args: &ImportArgs) -> Result<Status> {
    let text = files::read_text(&args.input)?;
    let (meta, plan) = json::import(&text).map_err(|e| e.at(&args.input))?;
    files::write_plan(&args.output, &meta, &plan, Existing::Replace)?;
    output::print(&format!(
        "imported {}\n",
        output::safe(&args.output.display().to_string())
    ))?;
    Ok(Status::Fine)
}

//! `salesplan export`: the plan as JSON, to standard output or to a file.

use crate::args::{ExportArgs, ExportFormat};
use crate::{files, output, Status};
use salesplan_core::{json, Result};

/// Reads the plan file and writes its JSON form (replacing `-o OUT` atomically).
pub fn run(args: &ExportArgs) -> Result<Status> {
    let loaded = files::read_plan(&args.file)?;
    if loaded.newer_version {
        output::note(
            &args.file,
            "saved by a newer version of Sales Plan Studio; parts this version does not know are not exported",
        );
    }
    let text = match args.format {
        ExportFormat::Json => json::export(&loaded.meta, &loaded.plan) + "\n",
    };
    match &args.output {
        Some(out) => files::write_text_atomically(out, &text)?,
        None => output::print(&text)?,
    }
    Ok(Status::Fine)
}

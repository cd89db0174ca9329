//! `salesplan new`: a plan from a bundled template, written as a new plan file.

use crate::args::NewArgs;
use crate::files::{self, Existing};
use crate::{output, Status};
use salesplan_core::clock::SystemClock;
use salesplan_core::document::Document;
use salesplan_core::template::{self, Template};
use salesplan_core::{Error, ErrorCode, Result};

/// Builds the template plan and writes it; refuses an existing file unless `--force`.
pub fn run(args: &NewArgs) -> Result<Status> {
    // clap only lets through the names it lists, but the core owns the mapping.
    let template = Template::from_cli(&args.template).ok_or_else(|| {
        Error::plain(
            ErrorCode::InvalidArgument,
            format!("unknown template \"{}\"", args.template),
        )
    })?;
    let clock = SystemClock;
    let today = chrono::Local::now().date_naive();
    let plan = template::build(template, &args.locale, today, &clock);
    // The CLI has no user profile to take an author name from; the app fills it in on save.
    let document = Document::new(plan, &clock, "");
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse
    };
    files::write_plan(&args.file, document.meta(), document.plan(), existing)?;
    output::print(&format!(
        "created {} (template {}, locale {})\n",
        output::safe(&args.file.display().to_string()),
        args.template,
        args.locale
    ))?;
    Ok(Status::Fine)
}

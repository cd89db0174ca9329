//! `salesplan info`: what a plan file is, in a few human-readable lines.

use crate::args::InfoArgs;
use crate::{files, output, Status};
use salesplan_core::document::Document;
use salesplan_core::Result;

/// Prints title, company, currency, period, ids, versions, sizes and health of a plan file.
///
/// Error findings do not change the exit status here; `salesplan check` is for that.
pub fn run(args: &InfoArgs) -> Result<Status> {
    let loaded = files::read_plan(&args.file)?;
    let schema_version = loaded.schema_version;
    // The document gives the engine's report and, for a newer file, the core's own
    // read-only explanation, so the CLI says exactly what the app says.
    let view = Document::opened(loaded, &args.file).view();
    let h = &view.plan.header;
    let m = &view.meta;
    let or_none = |s: &str| {
        if s.trim().is_empty() {
            "(none)".to_string()
        } else {
            output::safe(s).into_owned()
        }
    };
    let rows = [
        ("File", output::safe(&args.file.display().to_string()).into_owned()),
        ("Title", or_none(&h.title)),
        ("Company", or_none(&h.company)),
        ("Currency", or_none(&h.currency)),
        ("Period", format!("{} to {}", h.period_start, h.period_end)),
        ("Document id", m.document_id.to_string()),
        ("Revision", m.revision_id.to_string()),
        ("Saved at", m.saved_at.format("%Y-%m-%d %H:%M:%S UTC").to_string()),
        ("App version", or_none(&m.app_version)),
        ("Schema version", schema_version.to_string()),
        ("Goals", view.plan.goals.len().to_string()),
        ("Baseline months", view.report.baseline.months.to_string()),
        ("Orders", view.plan.orders.len().to_string()),
        ("Health", output::health(&view.report.health)),
    ];
    let mut text: String = rows
        .iter()
        .map(|(label, value)| format!("{label:<16}{value}\n"))
        .collect();
    if let Some(reason) = &view.read_only_reason {
        text.push_str(&format!("Read-only       {}\n", output::safe(reason)));
    }
    output::print(&text)?;
    Ok(Status::Fine)
}

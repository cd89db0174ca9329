//! `salesplan compute`: every computed number of the plan, as the stable compute document
//! (docs/compute.md) or as a short table.

use crate::args::ComputeArgs;
use crate::{files, output, Status};
use salesplan_core::compute::{self, ComputeDocument};
use salesplan_core::money;
use salesplan_core::rust_decimal::Decimal;
use salesplan_core::{Error, ErrorCode, Result};

/// Reads the plan, computes it, prints; exit 1 when the plan has error findings.
pub fn run(args: &ComputeArgs) -> Result<Status> {
    let loaded = files::read_plan(&args.file)?;
    let doc = compute::compute(&loaded.plan);
    let text = if args.json { json(&doc)? } else { table(&doc) };
    output::print(&text)?;
    Ok(if doc.report.health.errors > 0 {
        Status::ErrorFindings
    } else {
        Status::Fine
    })
}

fn json(doc: &ComputeDocument) -> Result<String> {
    serde_json::to_string_pretty(doc)
        .map(|s| s + "\n")
        .map_err(|e| Error::plain(ErrorCode::Io, format!("cannot write the compute document: {e}")))
}

/// One line per goal: baseline → target, growth, band; then the health summary.
fn table(doc: &ComputeDocument) -> String {
    let mut out = String::new();
    for g in &doc.goals {
        let text = |v: Option<Decimal>| v.map(|d| money::to_text(&d)).unwrap_or_else(|| "—".into());
        let growth = g.analysis.growth.as_ref().map(money::percent_text);
        let band = g.analysis.band.map(|b| format!("{b:?}").to_lowercase());
        out.push_str(&format!(
            "{}  {} → {} {}  growth {}  {}\n",
            output::safe(&g.statement),
            text(g.baseline),
            text(g.target),
            output::safe(&g.unit),
            growth.unwrap_or_else(|| "—".into()),
            band.unwrap_or_default()
        ));
    }
    out.push_str(&output::health(&doc.report.health));
    out.push('\n');
    out
}

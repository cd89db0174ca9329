//! `salesplan rfm`: RFM per customer and tiers A/B/C from an orders file (CSV or XLSX).
//!
//! The rules (refunds, ties, tiers) are the core's, `engine::rfm`; reading is the core's
//! `tabular`. This command wires them: map the columns, stream the rows into the accumulator
//! (`read.rs`), score, print (`print.rs`), and report rejected rows on standard error.

mod print;
mod read;

use crate::args::{RfmArgs, TierChoice};
use crate::{output, Status};
use salesplan_core::engine::findings::Severity;
use salesplan_core::engine::rfm::{RfmAccumulator, TierRule};
use salesplan_core::tabular::{self, ColumnOverride, FieldSpec, Rejections};
use salesplan_core::Result;
use std::path::Path;

/// Reads the orders, computes RFM, prints; exit 1 when rows were rejected or nothing could be
/// scored, 2 when the file or the arguments are unusable.
pub fn run(args: &RfmArgs) -> Result<Status> {
    let overrides = args
        .map
        .iter()
        .map(|m| ColumnOverride::parse(m))
        .collect::<Result<Vec<_>>>()?;
    let mut table = tabular::open(&args.file)?;
    let fields = read::FIELDS.map(|f| match f {
        tabular::Field::OrderId => FieldSpec::optional(f),
        _ => FieldSpec::required(f),
    });
    let mapping = table.map_columns(&fields, &overrides)?;
    let (parts, rejected) = read::orders(&mut table, &mapping).map_err(|e| e.at(&args.file))?;
    let rule = match args.tiers {
        TierChoice::Rfm => TierRule::default_scores(),
        TierChoice::Pareto => TierRule::default_pareto(),
    };
    let result = RfmAccumulator::finish_parts(parts, args.as_of, &rule).map_err(|e| e.at(&args.file))?;
    if args.json {
        print::json(&result)?;
    } else if args.csv {
        print::csv(&result)?;
        for f in &result.findings {
            output::note(&args.file, &super::check::line(f));
        }
    } else {
        print::table(&result)?;
    }
    report_rejections(&args.file, &rejected);
    let errors = result.findings.iter().any(|f| f.severity == Severity::Error);
    // The process ends right after: freeing 100,000 customers one by one would only add
    // ~20 ms to a large run. (Nothing to flush or close: the output is written.)
    std::mem::forget(result);
    Ok(if !rejected.is_empty() {
        Status::RowsRejected
    } else if errors {
        Status::ErrorFindings
    } else {
        Status::Fine
    })
}

/// One line per rejected row on standard error, then the count.
fn report_rejections(file: &Path, rejected: &Rejections) {
    if rejected.is_empty() {
        return;
    }
    crate::rejected::print(file, rejected);
    let path = output::safe(&file.display().to_string()).into_owned();
    let shown = if rejected.is_truncated() {
        format!(" (the first {} are listed)", rejected.rows.len())
    } else {
        String::new()
    };
    eprintln!(
        "salesplan: {path}: {} rejected{shown}; the analysis leaves them out",
        output::count(rejected.total as u32, "row", "rows")
    );
}

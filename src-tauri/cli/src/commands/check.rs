//! `salesplan check`: is the file usable, and what does the plan-health check find?

use crate::args::CheckArgs;
use crate::{files, output, Status};
use salesplan_core::engine::findings::{Finding, Severity};
use salesplan_core::engine::{self, PlanReport};
use salesplan_core::{Error, ErrorCode, Result};

/// Reads the plan, evaluates it, prints the findings; exit 1 when any finding is an error.
pub fn run(args: &CheckArgs) -> Result<Status> {
    let loaded = files::read_plan(&args.file)?;
    if loaded.newer_version {
        output::note(
            &args.file,
            "saved by a newer version of Sales Plan Studio; checked with this version's rules",
        );
    }
    let report = engine::evaluate(&loaded.plan);
    let text = if args.json {
        json(&report)?
    } else {
        text(&args.file, &report)
    };
    output::print(&text)?;
    Ok(if report.health.errors > 0 {
        Status::ErrorFindings
    } else {
        Status::Fine
    })
}

/// `{"findings": [...], "health": {...}}`, the core types as serde writes them.
fn json(report: &PlanReport) -> Result<String> {
    let value = serde_json::json!({ "findings": report.findings, "health": report.health });
    serde_json::to_string_pretty(&value)
        .map(|s| s + "\n")
        .map_err(|e| Error::plain(ErrorCode::Io, format!("cannot write the report as JSON: {e}")))
}

/// One line per finding, then a summary line naming the file.
fn text(file: &std::path::Path, report: &PlanReport) -> String {
    let mut out: String = report.findings.iter().map(|f| line(f) + "\n").collect();
    let file = output::safe(&file.display().to_string()).into_owned();
    out.push_str(&format!("{file}: {}\n", output::health(&report.health)));
    out
}

/// `error  targets  goal.parent_missing  goal <id> field parent_id  key=value …`
pub(crate) fn line(f: &Finding) -> String {
    let severity = match f.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Hint => "hint",
    };
    let mut parts = vec![severity.to_string(), f.target.step.clone(), f.code.clone()];
    let mut place = Vec::new();
    if let Some(goal) = f.target.goal_id {
        place.push(format!("goal {goal}"));
    }
    if let Some(field) = &f.target.field {
        place.push(format!("field {field}"));
    }
    if !place.is_empty() {
        parts.push(place.join(" "));
    }
    if !f.params.is_empty() {
        parts.push(
            f.params
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
    }
    output::safe(&parts.join("  ")).into_owned()
}

//! Checks of the plan header (domain.md §0).

use super::findings::{Finding, Severity};
use crate::model::Plan;
use crate::money;

/// Findings about the header: period, currency, calendar.
pub fn check(plan: &Plan) -> Vec<Finding> {
    let h = &plan.header;
    let mut out = Vec::new();
    if h.title.trim().is_empty() {
        out.push(Finding::on_step(
            "header.title_missing",
            Severity::Warning,
            "header",
            Some("title"),
        ));
    }
    if !money::is_known_currency(&h.currency) {
        out.push(
            Finding::on_step("header.currency_unknown", Severity::Error, "header", Some("currency"))
                .with("currency", money::clip(&h.currency)),
        );
    }
    if h.period_end < h.period_start {
        out.push(
            Finding::on_step("header.period_reversed", Severity::Error, "header", Some("period_end"))
                .with("start", h.period_start)
                .with("end", h.period_end),
        );
    }
    if h.calendar.weekdays.is_empty() {
        out.push(Finding::on_step(
            "header.no_workdays",
            Severity::Error,
            "header",
            Some("weekdays"),
        ));
    }
    out
}

//! Structural validation shared by every way a plan enters the app (file, JSON, IPC).
//!
//! Anything that would make the plan unusable is an error here; anything the user can fix in
//! the app (a dangling link, an unknown currency) is left to the health check as a finding.

use crate::edit::MAX_TEXT;
use crate::error::{Error, Result};
use crate::model::Plan;
use std::collections::HashSet;

/// Checks ids are unique, texts are capped and the calendar is well-formed.
pub fn plan(plan: &Plan) -> Result<()> {
    let mut ids = HashSet::new();
    let goal_ids = plan.goals.iter().map(|g| g.id);
    let month_ids = plan.baseline.iter().map(|m| m.id);
    for id in goal_ids.chain(month_ids) {
        if !ids.insert(id) {
            return Err(Error::invalid(format!("id {id} is used twice")));
        }
    }
    let h = &plan.header;
    let texts = [&h.title, &h.company, &h.authors, &h.locale, &h.currency];
    let goal_texts = plan
        .goals
        .iter()
        .flat_map(|g| [&g.statement, &g.metric, &g.unit, &g.owner, &g.rationale]);
    let day_names = h
        .calendar
        .holidays
        .iter()
        .chain(&h.calendar.extra_workdays)
        .map(|d| &d.name);
    if texts
        .into_iter()
        .chain(goal_texts)
        .chain(day_names)
        .any(|t| t.chars().count() > MAX_TEXT)
    {
        return Err(Error::invalid(format!(
            "a text field is longer than {MAX_TEXT} characters"
        )));
    }
    if h.calendar.weekdays.iter().any(|d| !(1..=7).contains(d)) {
        return Err(Error::invalid("calendar: a weekday is not a number 1–7"));
    }
    let mut months = HashSet::new();
    if plan.baseline.iter().any(|m| !months.insert(m.month)) {
        return Err(Error::invalid("baseline: a month appears twice"));
    }
    Ok(())
}

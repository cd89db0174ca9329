//! Structural validation shared by every way a plan enters the app (file, JSON, IPC).
//!
//! Anything that would make the plan unusable is an error here; anything the user can fix in
//! the app (a dangling link, an unknown currency) is left to the health check as a finding.
//! The org tree is structure, not content: a team whose region is missing, or a rep filed
//! directly under a region, cannot be shown or allocated to, so a file with such a tree is
//! refused with the member named. Blank or duplicate member names are findings instead.

use crate::edit::MAX_TEXT;
use crate::error::{Error, Result};
use crate::model::{Nps, NpsInput, Plan, SeasonalityChoice, MAX_SCORE, MAX_WEIGHT};
use rust_decimal::Decimal;

/// The most raw NPS answers a survey holds.
pub const MAX_NPS_SCORES: usize = 100_000;

/// Longest list of funnel segments, payment terms or opening-receivable shares.
const MAX_LIST: usize = 1000;
use std::collections::{HashMap, HashSet};

/// Checks ids are unique, texts are capped and the calendar is well-formed.
pub fn plan(plan: &Plan) -> Result<()> {
    let mut ids = HashSet::new();
    let goal_ids = plan.goals.iter().map(|g| g.id);
    let month_ids = plan.baseline.iter().map(|m| m.id);
    let d = &plan.drivers;
    let driver_ids = (d.decompositions.iter().map(|x| x.id))
        .chain(d.phasing.iter().map(|x| x.id))
        .chain(d.funnels.iter().map(|x| x.id))
        .chain(d.cash_in.iter().map(|x| x.id))
        .chain(plan.baseline_splits.iter().map(|x| x.id));
    let all = goal_ids.chain(month_ids).chain(plan.dimensions.ids()).chain(driver_ids);
    for id in all.chain(plan.support.ids()) {
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
        .chain(
            plan.dimensions
                .texts()
                .flat_map(|(name, code)| std::iter::once(name).chain(code)),
        )
        .chain(plan.support.texts())
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
    org_tree(plan)?;
    drivers(plan)?;
    support(plan)
}

/// Section 2: weights and scores in range, raw NPS answers 0–10, one own company, one score
/// per attribute and company, bounded lists.
fn support(plan: &Plan) -> Result<()> {
    let s = &plan.support;
    let in_range = |d: &Decimal, max: i64| *d >= Decimal::ZERO && *d <= Decimal::from(max);
    let weights = (s.market_items.iter().map(|m| &m.weight)).chain(s.factors.iter().map(|f| &f.weight));
    if weights.into_iter().any(|w| !in_range(w, MAX_WEIGHT)) {
        return Err(Error::invalid(format!(
            "section 2: a weight is not between 0 and {MAX_WEIGHT}"
        )));
    }
    for c in &s.competitors {
        let mut attributes = HashSet::new();
        if c.scores
            .iter()
            .any(|x| !attributes.insert(x.attribute_id) || !in_range(&x.score, MAX_SCORE))
        {
            return Err(Error::invalid(format!(
                "competitor {}: a score is not between 0 and {MAX_SCORE} or an attribute is scored twice",
                c.id
            )));
        }
    }
    if s.competitors.iter().filter(|c| c.own).count() > 1 {
        return Err(Error::invalid(
            "section 2: more than one company is marked as the own company",
        ));
    }
    if let Some(Nps {
        input: NpsInput::Scores { scores },
        ..
    }) = &s.nps
    {
        if scores.len() > MAX_NPS_SCORES || scores.iter().any(|&x| x > 10) {
            return Err(Error::invalid(format!(
                "NPS: answers must be 0–10, at most {MAX_NPS_SCORES} of them"
            )));
        }
    }
    let lists = [
        s.market_items.len(),
        s.factors.len(),
        s.attributes.len(),
        s.competitors.len(),
        s.personas.len(),
    ];
    let nested = (s.market_items.iter().map(|m| m.goal_ids.len()))
        .chain(s.competitors.iter().map(|c| c.scores.len()))
        .chain(s.personas.iter().flat_map(|p| [p.pains.len(), p.channels.len()]));
    if lists.into_iter().chain(nested).any(|n| n > MAX_LIST) {
        return Err(Error::invalid(format!(
            "section 2: a list is longer than {MAX_LIST} items"
        )));
    }
    // A persona's pains and channels are typed as one text each: together they fit one field.
    let chars = |lines: &[String]| lines.iter().map(|l| l.chars().count() + 1).sum::<usize>();
    if (s.personas.iter()).any(|p| chars(&p.pains) > MAX_TEXT + 1 || chars(&p.channels) > MAX_TEXT + 1) {
        return Err(Error::invalid(format!(
            "persona: the pains or channels are longer than {MAX_TEXT} characters"
        )));
    }
    Ok(())
}

/// Shapes the drivers' editors rely on: one split row per (month, member), one entry per
/// member of a split, one phasing rule per goal, twelve manual weights, and bounded lists.
fn drivers(plan: &Plan) -> Result<()> {
    let mut cells = HashSet::new();
    if (plan.baseline_splits.iter()).any(|s| !cells.insert((s.month, s.dimension, s.member_id))) {
        return Err(Error::invalid("baseline splits: a member's month appears twice"));
    }
    let d = &plan.drivers;
    for split in &d.decompositions {
        let mut members = HashSet::new();
        if split.entries.iter().any(|e| !members.insert(e.member_id)) {
            return Err(Error::invalid(format!("split {}: a member has two entries", split.id)));
        }
    }
    let mut goals = HashSet::new();
    for rule in &d.phasing {
        if !goals.insert(rule.goal_id) {
            return Err(Error::invalid(format!("goal {} has two phasing rules", rule.goal_id)));
        }
        if let SeasonalityChoice::Manual { weights } = &rule.seasonality {
            if weights.len() != 12 {
                return Err(Error::invalid(format!(
                    "phasing rule {}: needs twelve month weights",
                    rule.id
                )));
            }
        }
    }
    let too_long = d.funnels.iter().any(|f| f.segments.len() > MAX_LIST)
        || d.cash_in
            .iter()
            .any(|c| c.terms.len() > MAX_LIST || c.opening_profile.len() > MAX_LIST);
    if too_long {
        return Err(Error::invalid(format!(
            "a funnel or cash-in list is longer than {MAX_LIST} items"
        )));
    }
    Ok(())
}

/// Each org member's parent exists and is exactly one level up (none for a region). Since a
/// parent's level is always strictly higher, this also rules out every cycle.
fn org_tree(plan: &Plan) -> Result<()> {
    let org = &plan.dimensions.org;
    let levels: HashMap<_, _> = org.iter().map(|m| (m.id, m.level)).collect();
    for m in org {
        let problem = match (m.level.parent_level(), m.parent_id) {
            (None, None) => None,
            (None, Some(_)) => Some("a region sits directly under the company and cannot have a parent".to_string()),
            (Some(want), None) => Some(format!(
                "a {} needs a {} as its parent",
                m.level.as_str(),
                want.as_str()
            )),
            (Some(want), Some(p)) => match levels.get(&p) {
                None => Some(format!("its parent {p} does not exist")),
                Some(&got) if got != want => Some(format!(
                    "a {} must sit under a {}, not under a {}",
                    m.level.as_str(),
                    want.as_str(),
                    got.as_str()
                )),
                Some(_) => None,
            },
        };
        if let Some(problem) = problem {
            let name = crate::money::clip(&m.name);
            return Err(Error::invalid(format!("org member \"{name}\" ({}): {problem}", m.id)));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "validate_tests.rs"]
mod tests;

//! Findings: what the plan-health check says, as codes with parameters.
//!
//! A finding carries a stable `code` and named `params`; the UI turns them into a sentence in
//! the user's language, and `target` says where to jump to fix it.

use serde::Serialize;
use std::collections::BTreeMap;
use ts_rs::TS;
use uuid::Uuid;

/// How serious a finding is. Ordered: errors sort first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Severity {
    /// The plan's numbers do not hold together.
    Error,
    /// Likely a mistake.
    Warning,
    /// A way to make the plan stronger.
    Hint,
}

/// Where a finding points: a section step, and optionally a goal and field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FindingTarget {
    /// The wizard step ("header", "targets", ...).
    pub step: String,
    /// The goal concerned, if any.
    pub goal_id: Option<Uuid>,
    /// The field to focus, e.g. "target".
    pub field: Option<String>,
    /// The driver concerned (a split, phasing rule, funnel or cash-in plan), if any.
    pub driver_id: Option<Uuid>,
    /// The section-2 item concerned (a market item, strength or weakness, competitor,
    /// attribute or persona), if any.
    pub item_id: Option<Uuid>,
}

/// One finding of the plan-health check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Finding {
    /// Stable code, e.g. "smart.time_bound.outside_period".
    pub code: String,
    /// How serious.
    pub severity: Severity,
    /// Named values the message uses.
    pub params: BTreeMap<String, String>,
    /// Where to fix it.
    pub target: FindingTarget,
}

impl Finding {
    /// A finding on a step, with no goal.
    pub fn on_step(code: &str, severity: Severity, step: &str, field: Option<&str>) -> Self {
        Finding {
            code: code.to_string(),
            severity,
            params: BTreeMap::new(),
            target: FindingTarget {
                step: step.into(),
                goal_id: None,
                field: field.map(Into::into),
                driver_id: None,
                item_id: None,
            },
        }
    }

    /// A finding on one field of a goal.
    pub fn on_goal(code: &str, severity: Severity, goal: Uuid, field: &str) -> Self {
        let mut f = Self::on_step(code, severity, "targets", Some(field));
        f.target.goal_id = Some(goal);
        f
    }

    /// Points the finding at a driver of a goal (keeps the step and field).
    pub fn on_driver(mut self, goal: Uuid, driver: Uuid) -> Self {
        self.target.goal_id = Some(goal);
        self.target.driver_id = Some(driver);
        self
    }

    /// Points the finding at a section-2 item (keeps the step and field).
    pub fn on_item(mut self, item: Uuid) -> Self {
        self.target.item_id = Some(item);
        self
    }

    /// Adds a parameter.
    pub fn with(mut self, key: &str, value: impl ToString) -> Self {
        self.params.insert(key.to_string(), value.to_string());
        self
    }
}

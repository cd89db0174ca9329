//! The JSON form of a plan, for people who keep plans in git and for scripts.
//!
//! ```json
//! { "format": "salesplan", "format_version": 1, "meta": { … }, "plan": { … } }
//! ```
//! Numbers are canonical decimal strings; dates are YYYY-MM-DD; ids are UUIDs. Unknown fields
//! are refused. A `format_version` above [`FORMAT_VERSION`] is refused with its own code.
//!
//! Changes within version 1 are additive only, so every version-1 document ever written still
//! imports: `plan.dimensions` (org tree, customer tiers, product lines, channels) was added
//! after the first release and may be absent, which reads as four empty dimensions; so may
//! `plan.baseline_splits`, `plan.drivers` and `plan.support` (section 2), and the top-level
//! `orders` (the customer orders, `{ "batch", "scale", "rows" }` as `model/orders/json.rs`
//! documents; absent when the plan has none). Orders sit beside the plan rather than in it
//! because the plan object is also what the app's UI receives, and bulk data never travels
//! there. A change that an older build could not read (a renamed or repurposed field) needs
//! version 2.

use crate::error::{Error, ErrorCode, Result};
use crate::model::{OrderBook, Plan, PlanMeta};
use crate::validate;
use serde::{Deserialize, Serialize};

/// The value of the `format` field.
pub const FORMAT: &str = "salesplan";
/// The JSON format version this build writes and the newest it reads.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Envelope {
    format: String,
    format_version: u32,
    meta: PlanMeta,
    plan: Plan,
    #[serde(default, skip_serializing_if = "OrderBook::is_empty")]
    orders: OrderBook,
}

#[derive(Deserialize)]
struct Header {
    format: Option<String>,
    format_version: Option<u32>,
}

/// The plan as pretty-printed JSON.
pub fn export(meta: &PlanMeta, plan: &Plan) -> String {
    let env = Envelope {
        format: FORMAT.into(),
        format_version: FORMAT_VERSION,
        meta: meta.clone(),
        plan: plan.clone(),
        orders: plan.orders.clone(),
    };
    serde_json::to_string_pretty(&env).expect("plan serializes")
}

/// Reads a plan from JSON text, validating it like a plan file.
pub fn import(text: &str) -> Result<(PlanMeta, Plan)> {
    let head: Header = serde_json::from_str(text)
        .map_err(|e| Error::plain(ErrorCode::NotAPlan, format!("not a plan JSON document ({e})")))?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(Error::plain(
            ErrorCode::NotAPlan,
            "not a plan JSON document (\"format\" is not \"salesplan\")",
        ));
    }
    match head.format_version {
        Some(v) if v > FORMAT_VERSION => {
            return Err(Error::plain(
                ErrorCode::NewerVersion,
                format!("written by a newer version of Sales Plan Studio (JSON format {v}; this app reads up to {FORMAT_VERSION})"),
            ))
        }
        Some(_) => {}
        None => return Err(Error::plain(ErrorCode::NotAPlan, "not a plan JSON document (no \"format_version\")")),
    }
    let mut env: Envelope =
        serde_json::from_str(text).map_err(|e| Error::invalid(format!("invalid plan JSON: {e}")))?;
    env.plan.orders = env.orders;
    validate::plan(&env.plan)?;
    Ok((env.meta, env.plan))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::{Clock, FixedClock};
    use crate::template::{self, Template};
    use chrono::{NaiveDate, TimeZone, Utc};

    fn template_doc() -> (PlanMeta, Plan) {
        let clock = FixedClock::new(Utc.with_ymd_and_hms(2026, 9, 1, 0, 0, 0).unwrap());
        let plan = template::build(
            Template::Q4Growth,
            "en",
            NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
            &clock,
        );
        let meta = PlanMeta {
            document_id: clock.new_id(),
            revision_id: clock.new_id(),
            parent_revision: None,
            app_version: "0.1.0".into(),
            saved_at: clock.now(),
            author: "Wang Lei".into(),
        };
        (meta, plan)
    }

    #[test]
    fn a_version_1_document_without_dimensions_still_imports() {
        let (meta, plan) = template_doc();
        let mut doc: serde_json::Value = serde_json::from_str(&export(&meta, &plan)).unwrap();
        doc["plan"].as_object_mut().unwrap().remove("dimensions").unwrap();
        let (_, read) = import(&doc.to_string()).unwrap();
        assert!(read.dimensions.is_empty());
        assert_eq!(
            Plan {
                dimensions: plan.dimensions.clone(),
                ..read
            },
            plan
        );
    }

    #[test]
    fn members_refuse_unknown_fields_and_broken_trees() {
        let (meta, plan) = template_doc();
        let text = export(&meta, &plan);
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc["plan"]["dimensions"]["tiers"][0]["colour"] = "red".into();
        assert_eq!(import(&doc.to_string()).unwrap_err().code(), ErrorCode::InvalidValue);
        let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
        doc["plan"]["dimensions"]["org"][0]["parent_id"] = doc["plan"]["goals"][0]["id"].clone();
        let err = import(&doc.to_string()).unwrap_err();
        assert!(err.detail().contains("org member"), "{err}");
    }
}

//! The JSON form of a plan, for people who keep plans in git and for scripts.
//!
//! ```json
//! { "format": "salesplan", "format_version": 1, "meta": { … }, "plan": { … } }
//! ```
//! Numbers are canonical decimal strings; dates are YYYY-MM-DD; ids are UUIDs. Unknown fields
//! are refused. A `format_version` above [`FORMAT_VERSION`] is refused with its own code.

use crate::error::{Error, ErrorCode, Result};
use crate::model::{Plan, PlanMeta};
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
    let env: Envelope = serde_json::from_str(text).map_err(|e| Error::invalid(format!("invalid plan JSON: {e}")))?;
    validate::plan(&env.plan)?;
    Ok((env.meta, env.plan))
}

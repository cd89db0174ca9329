//! JSON bodies of rows (`driver`, `support_item`, `support_settings`): small nested records
//! stored as their JSON form and read back with the same strict serde as the plan's JSON form
//! (unknown fields refused, decimals through `money::parse_decimal`), so a file cannot hold a
//! value the JSON import would refuse.

use super::rows::At;
use crate::error::{Error, Result};
use serde::{de::DeserializeOwned, Serialize};
use uuid::Uuid;

/// An item's body as stored.
pub(super) fn to_body<T: Serialize>(item: &T) -> rusqlite::Result<String> {
    serde_json::to_string(item).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

/// Reads a body strictly; errors name the table, the row and the field.
pub(super) fn from_body<T: DeserializeOwned>(body: &str, at: &At, field: &str) -> Result<T> {
    serde_json::from_str(body)
        .map_err(|e| Error::invalid(format!("{}: {e}", at.field(field))).because("file.damaged", &[]))
}

/// Refuses a body whose ids differ from its row's columns (the columns are what a merge
/// compares, the body what the engine uses: they must say the same).
pub(super) fn same_ids(at: &At, body: &[Uuid], columns: &[Uuid]) -> Result<()> {
    if body == columns {
        return Ok(());
    }
    Err(Error::invalid(format!(
        "{}: the ids in the body differ from the row's",
        at.field("body")
    ))
    .because("file.damaged", &[]))
}

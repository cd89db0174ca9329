//! The rejected-rows report: what was wrong, where, and how many.
//!
//! Imports are all-or-nothing: a file with one bad row imports nothing, so the user fixes the
//! source instead of ending up with a plan that silently lacks rows. To make that bearable,
//! every bad cell is reported with its spreadsheet row, its column's header and the value
//! (clipped to 40 characters), and a [`Reason`] the UI turns into a sentence. Only the first
//! [`REJECT_LIMIT`] rows are kept (a file where everything is wrong would otherwise produce
//! millions of entries); the total is always exact.

use crate::error::{Error, ErrorCode, Reason};
use crate::money::clip;
use serde::Serialize;
use ts_rs::TS;

/// How many rejected rows a report keeps by default.
pub const REJECT_LIMIT: usize = 1_000;

/// One refused cell (or row) of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct RejectedRow {
    /// The row as a spreadsheet shows it (the header is usually row 1).
    #[ts(type = "number")]
    pub row: u64,
    /// The header of the column concerned; `None` when the whole row is concerned.
    pub column: Option<String>,
    /// The cell's text, clipped to 40 characters.
    pub value: String,
    /// Why it was refused (key and params for the UI's sentence).
    pub reason: Reason,
}

/// The first rejected rows of an import and the exact total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Rejections {
    /// The kept rows, in the order they were found.
    pub rows: Vec<RejectedRow>,
    /// How many rows were rejected in all (at least `rows.len()`).
    #[ts(type = "number")]
    pub total: u64,
    /// How many rows are kept at most.
    #[serde(skip)]
    limit: usize,
}

impl Default for Rejections {
    fn default() -> Self {
        Self::new(REJECT_LIMIT)
    }
}

impl Rejections {
    /// An empty report keeping at most `limit` rows.
    pub fn new(limit: usize) -> Self {
        Rejections {
            rows: Vec::new(),
            total: 0,
            limit,
        }
    }

    /// Records a refused cell: row number, header of its column, its text and the reason.
    pub fn reject(&mut self, row: u64, column: Option<&str>, value: &str, reason: Reason) {
        self.total += 1;
        if self.rows.len() < self.limit {
            self.rows.push(RejectedRow {
                row,
                column: column.map(str::to_string),
                value: clip(value),
                reason,
            });
        }
    }

    /// True when nothing was rejected.
    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// True when more rows were rejected than kept.
    pub fn is_truncated(&self) -> bool {
        self.total > self.rows.len() as u64
    }

    /// `Ok(())` when nothing was rejected, else an error for the CLI and the IPC boundary:
    /// key `import.rows_rejected` with the `total` and the first rejected `row`, and an
    /// English message that quotes the first problem. The full list stays in `self`.
    pub fn check(&self) -> Result<(), Error> {
        let Some(first) = self.rows.first() else {
            return Ok(());
        };
        let (total, row) = (self.total.to_string(), first.row.to_string());
        let column = first
            .column
            .as_deref()
            .map(|c| format!(", column \"{c}\""))
            .unwrap_or_default();
        let message = format!(
            "{total} row(s) could not be imported, so nothing was imported; the first is row {row}{column}: \"{}\" ({})",
            first.value, first.reason.key
        );
        Err(Error::plain(ErrorCode::InvalidValue, message)
            .because("import.rows_rejected", &[("total", &total), ("row", &row)]))
    }
}

/// A reason about a cell value: `key` with the clipped `value` as its only parameter.
pub(crate) fn value_reason(key: &str, text: &str) -> Reason {
    Reason::new(key, &[("value", &clip(text.trim()))])
}

/// The reason for a required cell left empty: key `cell.missing` with the `field` id.
pub fn missing_value(field: &str) -> Reason {
    Reason::new("cell.missing", &[("field", field)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_first_rows_and_counts_all() {
        let mut r = Rejections::new(2);
        assert!(r.is_empty() && r.check().is_ok());
        for row in 2..7 {
            r.reject(row, Some("金额"), "abc", value_reason("amount.not_a_number", "abc"));
        }
        assert_eq!(r.total, 5);
        assert_eq!(r.rows.len(), 2);
        assert!(r.is_truncated());
        assert_eq!(r.rows[1].row, 3);
        let e = r.check().unwrap_err();
        let reason = e.reason().unwrap();
        assert_eq!(reason.key, "import.rows_rejected");
        assert_eq!(reason.params["total"], "5");
        assert_eq!(reason.params["row"], "2");
        assert!(e.to_string().contains("row 2, column \"金额\""), "{e}");
    }

    #[test]
    fn clips_long_values_and_keeps_whole_row_problems() {
        let mut r = Rejections::default();
        let long = "x".repeat(100);
        r.reject(9, None, &long, missing_value("customer"));
        assert_eq!(r.rows[0].value.chars().count(), 41);
        assert_eq!(r.rows[0].column, None);
        assert_eq!(r.rows[0].reason.params["field"], "customer");
        assert!(!r.is_truncated());
    }
}

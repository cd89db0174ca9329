//! Imports of data users bring from Excel or a CRM, read through [`crate::tabular`]: each
//! import turns a table into an edit of the plan (undoable), or into a report of the rows it
//! refused. Nothing is half-imported.

pub mod baseline;
pub mod orders;

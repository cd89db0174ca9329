//! How far a long import has read, and a way to stop it: the app shows a progress bar with a
//! Cancel button while a large orders table is read (a million rows take a second or two).
//!
//! The reading calls [`Ticker::tick`] before each row; every [`TICK_ROWS`] rows it asks the
//! table how far it got and tells the [`Watch`], which answers whether to go on. A stopped
//! import returns `ErrorCode::Cancelled` (`import.cancelled`) and changes nothing.

use crate::error::{Error, ErrorCode, Result};
use crate::tabular::Table;
use serde::Serialize;
use ts_rs::TS;

/// How many rows are read between two ticks of the watch.
pub const TICK_ROWS: u64 = 8192;

/// How far an import has read, over all its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct ImportProgress {
    /// Rows read so far (data rows, blank ones included).
    #[ts(type = "number")]
    pub rows: u64,
    /// How much of the files is read, in thousandths (0–1000).
    pub per_mille: u32,
}

/// Told how far an import got; answers `false` to stop it.
pub trait Watch: Sync {
    /// Called every [`TICK_ROWS`] rows.
    fn tick(&self, progress: ImportProgress) -> bool;
}

impl<F: Fn(ImportProgress) -> bool + Sync> Watch for F {
    fn tick(&self, progress: ImportProgress) -> bool {
        self(progress)
    }
}

/// A watch that never stops anything (the CLI and tests).
pub fn unwatched() -> &'static dyn Watch {
    &|_: ImportProgress| true
}

/// The error of a stopped import.
pub fn cancelled() -> Error {
    Error::plain(ErrorCode::Cancelled, "the import was cancelled; nothing was changed").because("import.cancelled", &[])
}

/// Counts the rows of one import over its files and ticks the watch.
pub struct Ticker<'a> {
    watch: &'a dyn Watch,
    rows: u64,
    file: u64,
    files: u64,
}

impl<'a> Ticker<'a> {
    /// A ticker for an import of `files` tables.
    pub fn new(watch: &'a dyn Watch, files: usize) -> Self {
        Ticker {
            watch,
            rows: 0,
            file: 0,
            files: files.max(1) as u64,
        }
    }

    /// Moves on to the next file.
    pub fn next_file(&mut self) {
        self.file = (self.file + 1).min(self.files - 1);
    }

    /// Called before reading a row of `table`; the cancellation error when the watch says stop.
    pub fn tick(&mut self, table: &Table) -> Result<()> {
        self.rows += 1;
        if !self.rows.is_multiple_of(TICK_ROWS) {
            return Ok(());
        }
        let (done, total) = table.progress();
        let within = (done * 1000).checked_div(total).unwrap_or(0);
        let per_mille = ((self.file * 1000 + within) / self.files).min(1000) as u32;
        let progress = ImportProgress {
            rows: self.rows - 1,
            per_mille,
        };
        match self.watch.tick(progress) {
            true => Ok(()),
            false => Err(cancelled()),
        }
    }
}

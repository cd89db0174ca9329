//! Reading tables users bring: CSV and other delimited text, and XLSX workbooks.
//!
//! This is the layer the imports share (baseline history, customer orders): open a file, learn
//! its header, map columns to fields, stream its rows and parse cells, and report every refused
//! cell with its row and column so an import can be all-or-nothing and still say what to fix.
//!
//! ```no_run
//! use salesplan_core::tabular::{self, Field, FieldSpec, Rejections};
//! # fn main() -> salesplan_core::Result<()> {
//! let mut table = tabular::open(std::path::Path::new("orders.csv"))?;
//! let fields = [FieldSpec::required(Field::Customer), FieldSpec::required(Field::Amount)];
//! let mapping = table.map_columns(&fields, &[])?;
//! let (customer, amount) = (mapping.column(Field::Customer).unwrap(), mapping.column(Field::Amount).unwrap());
//! let mut rejected = Rejections::default();
//! while let Some(row) = table.next_row()? {
//!     match tabular::parse_amount(row.cell(amount), 2) {
//!         Ok(Some(value)) => { let _ = (row.cell(customer), value); }
//!         Ok(None) => rejected.reject(row.number(), mapping.header(Field::Amount), "", tabular::missing_value("amount")),
//!         Err(reason) => rejected.reject(row.number(), mapping.header(Field::Amount), row.cell(amount), reason),
//!     }
//! }
//! rejected.check()?;
//! # Ok(()) }
//! ```
//!
//! Opening. The first 64 KiB decide what the file is: a ZIP archive is read as an XLSX workbook
//! (its first sheet); an old `.xls` or a password-protected workbook, a PDF, an image, an
//! archive, a database, an HTML page or other binary data is refused (`table.legacy_or_encrypted`,
//! `table.not_a_table` with a `kind`); anything else is delimited text. Text is UTF-8 (with or
//! without BOM), UTF-16 with a BOM (Excel's "Unicode text"), or, when it is not valid UTF-8,
//! GB18030, the superset of the GBK that Chinese Excel writes; text that is none of these is
//! refused (`table.unknown_encoding`). The delimiter (comma, semicolon or tab) is the one that
//! splits the header into the most columns that the next lines confirm; quoted cells count as
//! one. A zero-byte file or one with only blank lines is `table.empty`; a first row that holds
//! only numbers and dates is `table.no_header`; an XLSX file over the size limit is
//! `table.too_large` (text is streamed, so any size is fine). Errors name the path.
//!
//! Rows. The header is the first non-blank row. [`Table::next_row`] yields the rows after it,
//! skipping rows whose cells are all blank, with the row number a spreadsheet shows: rows count
//! from 1 at the top of the file (or sheet), blank rows count, and a quoted cell spanning lines
//! is one row. The reader reuses one row, so cells are `&str` borrowed from it.
//!
//! Two threads. [`Table::split_off`] cuts the rest of a large text table in two at a line near
//! its middle; the returned [`TablePart`] reads the rows after the cut with a file handle of its
//! own, on another thread, numbered as one pass would number them. Before its first row the
//! text before the cut is checked (no quotes, and ASCII while the encoding is unsettled); if it
//! does not qualify, the part has no rows and the table reads on past the cut.
//!
//! Files: this one holds [`Table`] and its reading; `open.rs` opening and detection,
//! `split.rs` [`Table::split_off`] and [`TablePart`], `types.rs` the public types of what was
//! detected and of the options, `text.rs` (with `text/`) and `xlsx.rs` the two row sources.

mod amount;
mod date;
mod mapping;
mod open;
mod rejects;
mod row;
mod sniff;
mod split;
mod synonyms;
mod text;
mod types;
mod xlsx;

pub use amount::parse_amount;
pub use date::{parse_date, parse_month, DateMemo};
pub use mapping::{
    column_letter, column_ref, guess_mapping, map_columns, names_column, ColumnOverride, Field, FieldSpec, MappedField,
    Mapping,
};
pub use open::{open, open_with};
pub use rejects::{missing_value, RejectedRow, Rejections, REJECT_LIMIT};
pub use row::Row;
pub use split::{TablePart, MIN_SPLIT_BYTES};
pub use types::{Delimiter, OpenOptions, TableFormat, TableInfo, TextEncoding, MAX_XLSX_BYTES};

use crate::error::{Error, ErrorCode};
use split::{cut_verdict, CutCheck};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// An open table: what it is, its header, and a cursor over its rows.
pub struct Table {
    info: TableInfo,
    path: PathBuf,
    source: Source,
    row: Row,
    /// The file offset text is read from (after a BOM), when the text is the file's bytes
    /// (not UTF-16, which is transcoded), so a part of it can be read from an offset.
    text_origin: Option<u64>,
    /// The check of a cut (see [`Table::split_off`]), once the table was cut.
    cut: Option<Arc<Mutex<CutCheck>>>,
    /// The file's length in bytes when it was opened.
    size: u64,
}

/// Where a table's rows come from.
enum Source {
    Text(Box<text::TextRows>),
    Xlsx(xlsx::XlsxRows),
}

impl Table {
    /// What was detected on opening, and the header.
    pub fn info(&self) -> &TableInfo {
        &self.info
    }

    /// The header cells, trimmed (column 0 is column A).
    pub fn headers(&self) -> &[String] {
        &self.info.headers
    }

    /// Maps `fields` to this table's columns (see [`map_columns`]); errors name the path.
    pub fn map_columns(&self, fields: &[FieldSpec], overrides: &[ColumnOverride]) -> Result<Mapping, Error> {
        map_columns(&self.info.headers, fields, overrides).map_err(|e| e.at(&self.path))
    }

    /// How far reading has got, as `(done, total)` for a progress bar: bytes of the file for
    /// text (estimated from the text read for UTF-16, which is transcoded), rows of the sheet
    /// for XLSX. `done` never exceeds `total`.
    pub fn progress(&self) -> (u64, u64) {
        match &self.source {
            Source::Text(rows) => {
                let read = match self.text_origin {
                    Some(origin) => origin + rows.position(),
                    // UTF-8 text of a UTF-16 file: about as many bytes as the file's.
                    None => rows.position(),
                };
                (read.min(self.size), self.size)
            }
            Source::Xlsx(rows) => rows.progress(),
        }
    }

    /// The next non-blank row, `None` at the end. A text row that is not valid in the file's
    /// encoding is an error (`table.bad_encoding`, with its row); reading may go on after it.
    pub fn next_row(&mut self) -> Result<Option<&Row>, Error> {
        loop {
            let more = match &mut self.source {
                Source::Text(rows) => {
                    let more = rows.read(&mut self.row)?;
                    if rows.settled_gb18030() {
                        self.info.encoding = Some(TextEncoding::Gb18030);
                    }
                    if !more && rows.at_limit() {
                        let check = self.cut.as_ref().expect("a limit comes with a cut");
                        if cut_verdict(check, &self.path)?.is_none() {
                            // The part after the cut was refused: read its rows here.
                            rows.clear_limit();
                            continue;
                        }
                    }
                    more
                }
                Source::Xlsx(rows) => rows.read(&mut self.row),
            };
            if !more {
                return Ok(None);
            }
            if !self.row.is_blank() {
                return Ok(Some(&self.row));
            }
        }
    }
}

/// The error for a table without any non-blank row.
pub(crate) fn empty_error(path: &Path, sheet: Option<&str>) -> Error {
    let e = Error::file(ErrorCode::EmptyFile, path, "the table has no rows");
    match sheet {
        Some(sheet) => e.because("table.sheet_empty", &[("sheet", sheet)]),
        None => e.because("table.empty", &[]),
    }
}

#[cfg(test)]
mod props_tests;
#[cfg(test)]
mod split_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod xlsx_tests;

//! Rows of the first sheet of an XLSX workbook, read with calamine.
//!
//! The sheet is loaded whole (XLSX is a compressed archive that cannot be streamed row by row
//! cheaply), so the file size is capped by [`super::OpenOptions::max_xlsx_bytes`]. Columns and
//! rows keep their sheet positions: column index 0 is column A and a row's number is the one
//! Excel shows, even when the data starts further down or right.
//!
//! Every cell reaches callers as text, the way the sheet shows it, so one set of cell parsers
//! serves CSV and XLSX:
//! - numbers with at most 15 significant digits, as Excel displays them (a sum stored as
//!   0.30000000000000004 reads `0.3`), integers without a fraction;
//! - date cells as `YYYY-MM-DD`, with ` HH:MM:SS` when they carry a time, converted by calamine
//!   in the workbook's date system (1900 or 1904). Excel's fictitious 1900-02-29 (serial 60)
//!   comes out as that impossible date and is refused by the date parser;
//! - booleans as `TRUE`/`FALSE`, error cells as their code (`#N/A`), text as is.

use super::row::Row;
use crate::error::{Error, ErrorCode};
use calamine::{Data, Range, Reader, Xlsx, XlsxError};
use std::fmt::Write;
use std::path::Path;

/// The rows of one sheet.
pub(super) struct XlsxRows {
    range: Range<Data>,
    /// The next row, relative to the range's start.
    next: usize,
}

/// Opens the first sheet of the workbook at `path`; returns its rows and its name.
pub(super) fn open(path: &Path) -> Result<(XlsxRows, String), Error> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    let mut book: Xlsx<_> = Xlsx::new(std::io::BufReader::new(file)).map_err(|e| workbook_error(path, e))?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err(super::empty_error(path, None));
    };
    let range = book.worksheet_range(&name).map_err(|e| workbook_error(path, e))?;
    Ok((XlsxRows { range, next: 0 }, name))
}

impl XlsxRows {
    /// Rows handed out and rows in the sheet (blank ones included).
    pub(super) fn progress(&self) -> (u64, u64) {
        (self.next as u64, self.range.height() as u64)
    }

    /// Reads the next row into `row` (blank ones included); `false` at the end.
    pub(super) fn read(&mut self, row: &mut Row) -> bool {
        let Some((top, left)) = self.range.start() else {
            return false;
        };
        let width = self.range.width();
        if self.next >= self.range.height() {
            return false;
        }
        let cells = &mut row.cells;
        cells.clear();
        // Columns left of the range are empty cells, so index 0 is column A.
        for _ in 0..left {
            cells.end_cell();
        }
        for col in 0..width {
            if let Some(cell) = self.range.get((self.next, col)) {
                write_cell(&mut cells.text, cell);
            }
            cells.end_cell();
        }
        row.use_cells();
        row.number = u64::from(top) + self.next as u64 + 1;
        self.next += 1;
        true
    }
}

/// Appends the text of a cell as the sheet shows it (see the module docs).
fn write_cell(out: &mut String, cell: &Data) {
    // Writing to a String cannot fail.
    let _ = match cell {
        Data::Empty => Ok(()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
            out.push_str(s);
            Ok(())
        }
        Data::Int(i) => write!(out, "{i}"),
        Data::Float(f) => write_number(out, *f),
        Data::Bool(b) => write!(out, "{}", if *b { "TRUE" } else { "FALSE" }),
        Data::Error(e) => write!(out, "{e}"),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                write!(out, "{y:04}-{mo:02}-{d:02}")
            } else {
                write!(out, "{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => write_number(out, dt.as_f64()),
    };
}

/// A float with at most 15 significant digits, without exponent or trailing zeros.
pub(super) fn write_number(out: &mut String, f: f64) -> std::fmt::Result {
    if !f.is_finite() {
        return write!(out, "{f}");
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        return write!(out, "{}", f as i64);
    }
    let magnitude = if f == 0.0 { 0 } else { f.abs().log10().floor() as i32 };
    let decimals = (14 - magnitude).clamp(0, 30) as usize;
    let start = out.len();
    write!(out, "{f:.decimals$}")?;
    if out[start..].contains('.') {
        let trimmed = out.trim_end_matches('0').trim_end_matches('.').len();
        out.truncate(trimmed);
    }
    if &out[start..] == "-0" {
        out.truncate(start);
        out.push('0');
    }
    Ok(())
}

/// A calamine error as the user should hear it: no workbook inside, or a damaged one.
fn workbook_error(path: &Path, e: XlsxError) -> Error {
    match e {
        XlsxError::Io(io) => Error::io(path, &io),
        XlsxError::FileNotFound(_) => super::sniff::not_a_workbook(path),
        other => Error::file(
            ErrorCode::Corrupt,
            path,
            format!("the workbook is damaged and cannot be read ({other})"),
        )
        .because("table.damaged", &[]),
    }
}

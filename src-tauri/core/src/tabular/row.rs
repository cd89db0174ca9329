//! One row of a table, its cells borrowed as `&str`.

use csv::StringRecord;

/// One non-blank row of a table: its spreadsheet row number and its cells.
///
/// The row is reused for the next one (no allocation per row or per cell), so cells are
/// borrowed: copy what must outlive the next [`super::Table::next_row`] call. Cells come
/// trimmed of surrounding whitespace (spaces, tabs, the `\r` of Windows line ends, full-width
/// spaces): padding is never part of a customer name or a number.
#[derive(Debug, Default)]
pub struct Row {
    /// The row as a spreadsheet shows it.
    pub(super) number: u64,
    /// The cells, when they are valid UTF-8 in the CSV record (the fast path).
    pub(super) record: Option<StringRecord>,
    /// The cells otherwise (decoded from GB18030, or read from XLSX).
    pub(super) owned: OwnedCells,
    /// Which of the two holds this row's cells.
    pub(super) use_owned: bool,
}

/// Cells stored as one string and the end offset of each cell.
#[derive(Debug, Default)]
pub(super) struct OwnedCells {
    pub(super) text: String,
    pub(super) ends: Vec<usize>,
}

impl OwnedCells {
    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Ends the cell whose text was appended to `text` since the last call.
    pub(super) fn end_cell(&mut self) {
        self.ends.push(self.text.len());
    }

    fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        Some(&self.text[start..end])
    }
}

impl Row {
    /// The row number as a spreadsheet shows it: the header is row 1 unless blank rows come
    /// before it; blank rows count; a cell spanning several lines is one row.
    pub fn number(&self) -> u64 {
        self.number
    }

    /// How many cells the row has (a short row has fewer than the header).
    pub fn len(&self) -> usize {
        if self.use_owned {
            self.owned.ends.len()
        } else {
            self.record.as_ref().map_or(0, StringRecord::len)
        }
    }

    /// True when the row has no cells at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The trimmed cell in column `column` (0-based), `None` past the end of a short row.
    #[inline]
    pub fn get(&self, column: usize) -> Option<&str> {
        let raw = if self.use_owned {
            self.owned.get(column)
        } else {
            self.record.as_ref().and_then(|r| r.get(column))
        };
        raw.map(str::trim)
    }

    /// The trimmed cell in column `column`, empty past the end of a short row.
    #[inline]
    pub fn cell(&self, column: usize) -> &str {
        self.get(column).unwrap_or("")
    }

    /// The trimmed cells in order.
    pub fn iter(&self) -> impl Iterator<Item = &str> + '_ {
        (0..self.len()).map(|i| self.cell(i))
    }

    /// True when every cell is empty after trimming.
    pub fn is_blank(&self) -> bool {
        self.iter().all(str::is_empty)
    }
}

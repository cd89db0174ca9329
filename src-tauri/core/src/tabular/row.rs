//! One row of a table, its cells borrowed as `&str`.

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
    /// The row's own cells (a quoted or decoded text row, an XLSX row).
    pub(super) cells: Cells,
    /// A run of plain text lines the row is one of (see `text.rs`), their cells in order.
    pub(super) run: Cells,
    /// The cells are `count` cells of `run` from its cell `first`, not `cells`.
    pub(super) in_run: bool,
    pub(super) first: usize,
    pub(super) count: usize,
    /// Which run of lines `run` holds, for the reader that filled it.
    pub(super) generation: u64,
}

/// Cells stored as one string, each followed by one separator byte, and the end offset of
/// each cell: cell `k` is `text[ends[k - 1] + 1..ends[k]]`. Lines of delimited text without
/// quotes are stored as they are, their delimiters and line ends being the separators.
#[derive(Debug, Default)]
pub(super) struct Cells {
    pub(super) text: String,
    pub(super) ends: Vec<usize>,
}

impl Cells {
    pub(super) fn clear(&mut self) {
        self.text.clear();
        self.ends.clear();
    }

    /// Ends the cell whose text was appended to `text` since the last call.
    pub(super) fn end_cell(&mut self) {
        self.ends.push(self.text.len());
        self.text.push('\u{1F}');
    }

    #[inline]
    fn get(&self, k: usize) -> Option<&str> {
        let end = *self.ends.get(k)?;
        let start = if k == 0 { 0 } else { self.ends[k - 1] + 1 };
        self.text.get(start..end)
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
        self.count
    }

    /// True when the row has no cells at all.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The trimmed cell in column `column` (0-based), `None` past the end of a short row.
    #[inline]
    pub fn get(&self, column: usize) -> Option<&str> {
        if column >= self.count {
            return None;
        }
        let cells = if self.in_run { &self.run } else { &self.cells };
        cells.get(self.first + column).map(trim_cell)
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

    /// Makes `cells` the row's cells (after they were filled).
    pub(super) fn use_cells(&mut self) {
        (self.in_run, self.first, self.count) = (false, 0, self.cells.ends.len());
    }

    /// True when every cell is empty after trimming.
    pub fn is_blank(&self) -> bool {
        // Most rows start with a visible character: no cell needs trimming to tell.
        let cells = if self.in_run { &self.run } else { &self.cells };
        let first = (self.count > 0).then(|| cells.get(self.first)).flatten();
        if first.is_some_and(|c| c.as_bytes().first().is_some_and(u8::is_ascii_graphic)) {
            return false;
        }
        self.iter().all(str::is_empty)
    }
}

/// `str::trim`, skipping the Unicode-aware scan when both ends are visible ASCII (the common
/// case in millions of cells).
#[inline]
pub(super) fn trim_cell(s: &str) -> &str {
    let visible = |b: &u8| (b'!'..=b'~').contains(b);
    match (s.as_bytes().first(), s.as_bytes().last()) {
        (Some(first), Some(last)) if visible(first) && visible(last) => s,
        _ => s.trim(),
    }
}

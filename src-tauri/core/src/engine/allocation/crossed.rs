//! Two crossed dimensions (region × product): a matrix of parts that sums exactly.
//!
//! Rounding a matrix so that every row *and* every column sums to its own largest-remainder
//! total needs a controlled-rounding search; the plan needs something simpler and predictable:
//!
//! 1. the row totals are the total split over the row sums of the weights ([`allocate`]);
//! 2. each row is its row total split over that row's weights ([`allocate`] again).
//!
//! So every row sums exactly to its row total and the rows to the grand total; the column
//! totals are the sums of the cells, so they also add up to the grand total exactly. A column
//! total may differ by a few minor units from splitting the grand total over the column sums
//! on its own, because ties inside each row go to the earlier column. Worked example: 0.02
//! over a 2 × 2 matrix of ones → rows 0.01 / 0.01, each row 0.01 / 0.00, so the columns are
//! 0.02 / 0.00 where an independent column split would give 0.01 / 0.01.

use super::{allocate, AllocationIssue, Weight};
use rust_decimal::Decimal;
use serde::Serialize;
use ts_rs::TS;

/// A crossed split: `cells[row][column]`, with the totals of both dimensions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct CrossedAllocation {
    /// The amounts, row by row (rows are the outer dimension, e.g. regions).
    #[ts(type = "Array<Array<string>>")]
    #[serde(serialize_with = "crate::money::dec_matrix::serialize")]
    pub cells: Vec<Vec<Decimal>>,
    /// Each row's total (exactly the sum of its cells).
    #[ts(type = "Array<string>")]
    #[serde(serialize_with = "crate::money::dec_list::serialize")]
    pub row_totals: Vec<Decimal>,
    /// Each column's total: the sum of its cells (see the module docs on consistency).
    #[ts(type = "Array<string>")]
    #[serde(serialize_with = "crate::money::dec_list::serialize")]
    pub column_totals: Vec<Decimal>,
}

/// Where a crossed split failed. The inner [`AllocationIssue`]'s `index` is a row (`rows`), a
/// column of the given row (`cell`) or a column (`columns`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "on", rename_all = "snake_case")]
#[ts(export)]
pub enum CrossedIssue {
    /// The row totals could not be made (also: no rows, all weights zero, total too precise).
    Rows {
        /// What went wrong.
        issue: AllocationIssue,
    },
    /// A cell of a row is missing or negative.
    Cell {
        /// The row.
        row: usize,
        /// What went wrong; its index is the column.
        issue: AllocationIssue,
    },
    /// The inner shares of [`allocate_outer_inner`] are unusable.
    Columns {
        /// What went wrong; its index is the column.
        issue: AllocationIssue,
    },
}

/// Splits `total` over a matrix of weights (e.g. history by region × product); rows may differ
/// in length. Every row sums exactly to its row total and the rows to `total`.
pub fn allocate_crossed(
    total: Decimal,
    weights: &[Vec<Weight>],
    minor_units: u32,
) -> Result<CrossedAllocation, CrossedIssue> {
    let rows = |issue| CrossedIssue::Rows { issue };
    let mut row_sums = Vec::with_capacity(weights.len());
    for (row, cells) in weights.iter().enumerate() {
        let mut sum = Decimal::ZERO;
        for (index, w) in cells.iter().enumerate() {
            let cell = |issue| CrossedIssue::Cell { row, issue };
            let w = w.ok_or(cell(AllocationIssue::MissingWeight { index }))?;
            if w.is_sign_negative() && !w.is_zero() {
                return Err(cell(AllocationIssue::NegativeWeight { index }));
            }
            sum = sum.checked_add(w).ok_or(rows(AllocationIssue::OutOfRange))?;
        }
        row_sums.push(Some(sum));
    }
    let row_totals = allocate(total, &row_sums, minor_units).map_err(rows)?;
    let mut cells = Vec::with_capacity(weights.len());
    for ((row, w), row_total) in weights.iter().enumerate().zip(&row_totals) {
        let split = if row_sums[row] == Some(Decimal::ZERO) {
            // A row without weight received nothing (its share was exactly zero).
            vec![*row_total; w.len()]
        } else {
            allocate(*row_total, w, minor_units).map_err(|issue| CrossedIssue::Cell { row, issue })?
        };
        cells.push(split);
    }
    Ok(finish(cells, row_totals))
}

/// Splits `total` over outer shares (rows, e.g. regions) and, inside each row, over inner
/// shares (columns, e.g. products): the crossed split of the weights `outer[r] × inner[c]`.
pub fn allocate_outer_inner(
    total: Decimal,
    outer: &[Weight],
    inner: &[Weight],
    minor_units: u32,
) -> Result<CrossedAllocation, CrossedIssue> {
    let row_totals = allocate(total, outer, minor_units).map_err(|issue| CrossedIssue::Rows { issue })?;
    // Check the inner shares once, on a zero total, so their issues name a column.
    let zeros = allocate(Decimal::ZERO, inner, minor_units).map_err(|issue| CrossedIssue::Columns { issue })?;
    let mut cells = Vec::with_capacity(outer.len());
    for row_total in &row_totals {
        let split = if row_total.is_zero() {
            zeros.clone()
        } else {
            allocate(*row_total, inner, minor_units).map_err(|issue| CrossedIssue::Columns { issue })?
        };
        cells.push(split);
    }
    Ok(finish(cells, row_totals))
}

fn finish(cells: Vec<Vec<Decimal>>, row_totals: Vec<Decimal>) -> CrossedAllocation {
    let columns = cells.iter().map(Vec::len).max().unwrap_or(0);
    let mut column_totals = vec![Decimal::ZERO; columns];
    for row in &cells {
        for (total, cell) in column_totals.iter_mut().zip(row) {
            // Cells are parts of a total that fitted, so their sums fit too.
            *total += *cell;
        }
    }
    CrossedAllocation {
        cells,
        row_totals,
        column_totals,
    }
}

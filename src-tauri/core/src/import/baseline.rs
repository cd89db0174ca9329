//! Baseline history from a table (CSV or XLSX): `salesplan import-baseline` and the app's
//! import dialog share this reading, so both accept and refuse exactly the same rows.
//!
//! Columns (mapped from English or Chinese headers, or `col=field` overrides):
//! - `month` (2024-03, 2024/3, 202403, 2024年3月) or `date` (any day: the row counts for its
//!   month) — one of them is required;
//! - `bookings` and/or `cash_in` — at least one is required; a column the file lacks leaves the
//!   plan's value of that month as it is;
//! - optionally `region` (any org member: region, team or rep, by name or code), `tier`,
//!   `product`, `channel` (by name or code).
//!
//! Rules. Every row is a slice of the company's business in its month: the company month is
//! the sum of its rows, and each dimension column adds the row to that member's history (so a
//! file with region and product columns gives both splits). A row with an empty amount, an
//! unknown or ambiguous member, or a cell that does not parse is rejected with its row number
//! and reason; one rejected row means nothing is imported (all or nothing). Imported months
//! replace the plan's months of the same date (keeping their ids); new months are added.
//!
//! Worked example: rows `2025-10, 华东区, 1,800,000` and `2025-10, 华南区, 1,200,000` give the
//! company month 2025-10 bookings 3,000,000 and history East 1,800,000 / South 1,200,000.

use super::progress::{Ticker, Watch};
use crate::clock::Clock;
use crate::edit::{DriverEdit, PlanEdit};
use crate::error::{Reason, Result};
use crate::model::{same_name, BaselineMonth, BaselineSplit, DimensionKind, Plan};
use crate::money;
use crate::tabular::{self, missing_value, ColumnOverride, Field, FieldSpec, Mapping, Rejections, Row, TableInfo};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;
use ts_rs::TS;
use uuid::Uuid;

/// How many data rows the preview shows.
pub const PREVIEW_ROWS: usize = 20;

/// The fields a baseline table may hold.
const FIELDS: [FieldSpec; 8] = [
    FieldSpec::optional(Field::Month),
    FieldSpec::optional(Field::Date),
    FieldSpec::optional(Field::Bookings),
    FieldSpec::optional(Field::CashIn),
    FieldSpec::optional(Field::Region),
    FieldSpec::optional(Field::Tier),
    FieldSpec::optional(Field::Product),
    FieldSpec::optional(Field::Channel),
];

/// The dimension columns and the dimension each one names members of.
const DIMENSIONS: [(Field, DimensionKind); 4] = [
    (Field::Region, DimensionKind::Org),
    (Field::Tier, DimensionKind::Tier),
    (Field::Product, DimensionKind::Product),
    (Field::Channel, DimensionKind::Channel),
];

/// A baseline table read against a plan: what would be imported, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct BaselineImport {
    /// Format, encoding, delimiter, headers.
    pub table: TableInfo,
    /// Which column each field is read from.
    pub mapping: Mapping,
    /// Data rows read (blank rows skipped).
    #[ts(type = "number")]
    pub rows: u64,
    /// The first rows' cells, for the preview.
    pub preview: Vec<Vec<String>>,
    /// The months as they will be after the import.
    pub months: Vec<BaselineMonth>,
    /// The history per member as it will be after the import.
    pub splits: Vec<BaselineSplit>,
    /// Rejected rows; when not empty nothing is imported.
    pub rejected: Rejections,
    /// Fields that must be mapped before anything can be read (`month`, `bookings`); while
    /// one is missing no row is read.
    pub missing: Vec<Field>,
}

impl BaselineImport {
    /// `Ok` when the import can be applied: every required column mapped, no row rejected.
    pub fn ready(&self, path: &Path) -> Result<()> {
        super::ready(&self.missing, &self.rejected, path)
    }

    /// The edit that applies the import (undoable like any other edit).
    pub fn edit(&self) -> PlanEdit {
        PlanEdit::Driver {
            edit: DriverEdit::ImportBaseline {
                months: self.months.clone(),
                splits: self.splits.clone(),
            },
        }
    }
}

/// Sums of one month (or one member's month); `None`: the file has no such column.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    bookings: Option<Decimal>,
    cash_in: Option<Decimal>,
}

/// Reads `path` as baseline history for `plan` (see the module docs for the rules).
/// `watch` is told how far the reading got and may stop it.
pub fn read(
    plan: &Plan,
    path: &Path,
    overrides: &[ColumnOverride],
    clock: &dyn Clock,
    watch: &dyn Watch,
) -> Result<BaselineImport> {
    let mut table = tabular::open(path)?;
    let mapping = table.map_columns(&FIELDS, overrides)?;
    let missing = missing_columns(&mapping);
    let members = MemberIndex::new(plan);
    let minor = money::minor_units(&plan.header.currency).unwrap_or(2);
    let mut out = Collected::default();
    let mut ticker = Ticker::new(watch, 1);
    loop {
        ticker.tick(&table)?;
        let Some(row) = table.next_row()? else { break };
        out.rows += 1;
        if out.preview.len() < PREVIEW_ROWS {
            out.preview.push(row.iter().map(str::to_string).collect());
        }
        if missing.is_empty() {
            read_row(row, &mapping, &members, minor, &mut out);
        }
    }
    let info = table.info().clone();
    Ok(BaselineImport {
        missing,
        ..finish(plan, info, mapping, out, clock)
    })
}

/// The required fields without a column: a month (or date) and at least one amount.
fn missing_columns(mapping: &Mapping) -> Vec<Field> {
    let mut missing = vec![];
    if mapping.column(Field::Month).is_none() && mapping.column(Field::Date).is_none() {
        missing.push(Field::Month);
    }
    if mapping.column(Field::Bookings).is_none() && mapping.column(Field::CashIn).is_none() {
        missing.push(Field::Bookings);
    }
    missing
}

#[derive(Default)]
struct Collected {
    rows: u64,
    preview: Vec<Vec<String>>,
    months: BTreeMap<NaiveDate, Sums>,
    splits: BTreeMap<(NaiveDate, DimensionKind, Uuid), Sums>,
    rejected: Rejections,
}

fn read_row(row: &Row, mapping: &Mapping, members: &MemberIndex, minor: u32, out: &mut Collected) {
    let reject = |out: &mut Collected, field: Field, reason: Reason| {
        let column = mapping.column(field).map(|c| row.cell(c)).unwrap_or_default();
        out.rejected.reject(row.number(), mapping.header(field), column, reason);
    };
    let month = match (mapping.column(Field::Month), mapping.column(Field::Date)) {
        (Some(c), _) => (Field::Month, tabular::parse_month(row.cell(c))),
        (None, Some(c)) => (Field::Date, tabular::parse_date(row.cell(c))),
        (None, None) => return,
    };
    let month = match month {
        (_, Ok(Some(d))) => first_of_month(d),
        (field, Ok(None)) => return reject(out, field, missing_value(field.id())),
        (field, Err(reason)) => return reject(out, field, reason),
    };
    let mut sums = Sums::default();
    for field in [Field::Bookings, Field::CashIn] {
        let Some(c) = mapping.column(field) else { continue };
        let value = match tabular::parse_amount(row.cell(c), minor) {
            Ok(Some(v)) => v,
            Ok(None) => return reject(out, field, missing_value(field.id())),
            Err(reason) => return reject(out, field, reason),
        };
        *if field == Field::Bookings {
            &mut sums.bookings
        } else {
            &mut sums.cash_in
        } = Some(value);
    }
    let mut cells = vec![];
    for (field, dimension) in DIMENSIONS {
        let Some(c) = mapping.column(field) else { continue };
        match members.find(dimension, row.cell(c)) {
            Lookup::Blank => {}
            Lookup::Found(id) => cells.push((dimension, id)),
            Lookup::Unknown => return reject(out, field, unknown_member(dimension, row.cell(c))),
            Lookup::Ambiguous => return reject(out, field, ambiguous_member(dimension, row.cell(c))),
        }
    }
    let fits = add(out.months.entry(month).or_default(), sums)
        && cells
            .iter()
            .all(|&(d, id)| add(out.splits.entry((month, d, id)).or_default(), sums));
    if !fits {
        reject(
            out,
            Field::Bookings,
            Reason::new("amount.too_large", &[("max", "10^18")]),
        );
    }
}

/// Adds `sums` into `into`; false when a total would overflow.
fn add(into: &mut Sums, sums: Sums) -> bool {
    let plus = |a: Option<Decimal>, b: Option<Decimal>| match (a, b) {
        (a, None) => Some(a),
        (None, Some(b)) => Some(Some(b)),
        (Some(a), Some(b)) => a.checked_add(b).map(Some),
    };
    match (plus(into.bookings, sums.bookings), plus(into.cash_in, sums.cash_in)) {
        (Some(b), Some(c)) => {
            (into.bookings, into.cash_in) = (b, c);
            true
        }
        _ => false,
    }
}

fn first_of_month(d: NaiveDate) -> NaiveDate {
    use chrono::Datelike;
    d.with_day(1).unwrap_or(d)
}

fn unknown_member(dimension: DimensionKind, value: &str) -> Reason {
    Reason::new(
        "import.unknown_member",
        &[("dimension", dimension.as_str()), ("value", &money::clip(value))],
    )
}

fn ambiguous_member(dimension: DimensionKind, value: &str) -> Reason {
    Reason::new(
        "import.ambiguous_member",
        &[("dimension", dimension.as_str()), ("value", &money::clip(value))],
    )
}

/// The months and splits after the import: file values over the plan's, ids kept.
fn finish(plan: &Plan, table: TableInfo, mapping: Mapping, c: Collected, clock: &dyn Clock) -> BaselineImport {
    let months = (c.months.iter())
        .map(|(&month, s)| {
            let old = plan.baseline.iter().find(|m| m.month == month);
            BaselineMonth {
                id: old.map_or_else(|| clock.new_id(), |m| m.id),
                month,
                bookings: s.bookings.or(old.map(|m| m.bookings)).unwrap_or_default(),
                cash_in: s.cash_in.or(old.map(|m| m.cash_in)).unwrap_or_default(),
            }
        })
        .collect();
    let splits = (c.splits.iter())
        .map(|(&(month, dimension, member_id), s)| {
            let same = |x: &&BaselineSplit| x.month == month && x.dimension == dimension && x.member_id == member_id;
            let old = plan.baseline_splits.iter().find(same);
            BaselineSplit {
                id: old.map_or_else(|| clock.new_id(), |x| x.id),
                month,
                dimension,
                member_id,
                bookings: s.bookings.or(old.map(|x| x.bookings)).unwrap_or_default(),
                cash_in: s.cash_in.or(old.map(|x| x.cash_in)).unwrap_or_default(),
            }
        })
        .collect();
    BaselineImport {
        table,
        mapping,
        rows: c.rows,
        preview: c.preview,
        months,
        splits,
        rejected: c.rejected,
        missing: vec![],
    }
}

/// What a member cell names.
enum Lookup {
    Blank,
    Found(Uuid),
    Unknown,
    Ambiguous,
}

/// Members of every dimension by name and code (case-insensitive, trimmed).
struct MemberIndex {
    entries: Vec<(DimensionKind, Uuid, String, Option<String>)>,
}

impl MemberIndex {
    fn new(plan: &Plan) -> Self {
        let d = &plan.dimensions;
        let mut entries: Vec<_> = (d.org.iter())
            .map(|m| (DimensionKind::Org, m.id, m.name.clone(), m.code.clone()))
            .collect();
        for kind in [DimensionKind::Tier, DimensionKind::Product, DimensionKind::Channel] {
            let list = d.flat(kind).into_iter().flatten();
            entries.extend(list.map(|m| (kind, m.id, m.name.clone(), m.code.clone())));
        }
        MemberIndex { entries }
    }

    fn find(&self, dimension: DimensionKind, text: &str) -> Lookup {
        if text.trim().is_empty() {
            return Lookup::Blank;
        }
        let mut found = (self.entries.iter()).filter(|(d, _, name, code)| {
            *d == dimension && (same_name(name, text) || code.as_deref().is_some_and(|c| same_name(c, text)))
        });
        match (found.next(), found.next()) {
            (Some(&(_, id, ..)), None) => Lookup::Found(id),
            (Some(_), Some(_)) => Lookup::Ambiguous,
            (None, _) => Lookup::Unknown,
        }
    }
}

#[cfg(test)]
#[path = "baseline_tests.rs"]
mod tests;

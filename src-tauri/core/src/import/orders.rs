//! Customer orders from one or more tables (CSV or XLSX): `salesplan import-orders` and the
//! app's import share this reading, so both accept and refuse exactly the same rows.
//!
//! Columns (mapped from English or Chinese headers, or `col=field` overrides, per file):
//! `customer` (客户), `date` (订单日期) and `amount` (金额) are required; `order_id` (订单号),
//! `product` (产品), `channel` (渠道) and `region` (区域) are optional and kept as text. A file
//! whose required columns are not all recognised still opens (its `missing` fields listed and
//! no row read as an order), so the app can show it for mapping by hand.
//!
//! Rules. Every row is one order line: the customer as written (trimmed; up to 100
//! characters), the date (year first, as `tabular::parse_date` reads it, 1900–9999), the amount
//! with at most the plan currency's decimals (negative: a refund), and the optional texts (an
//! empty cell is none). The files are read in order and appended into one batch that
//! **replaces** the plan's orders. One rejected row in any file means nothing is imported (all
//! or nothing); every file still reads to the end, so the report names every bad row (the
//! first 1,000 per file, with exact totals). More than [`MAX_ORDERS`] orders is an error.
//!
//! Worked example: `客户,订单日期,金额` / `甲,2025-03-05,"1,234.50"` / `乙,2025/3/6,¥99` gives two
//! orders, 1,234.50 and 99 (in fen: 123450 and 9900 at scale 2 for CNY), customers 甲 and 乙.

use super::progress::{self, Ticker, Watch};
use crate::clock::Clock;
use crate::edit::{PlanEdit, SupportEdit};
use crate::error::{Error, ErrorCode, Reason, Result};
use crate::model::{
    check_order_text, Order, OrderBatch, OrderBook, OrderBookBuilder, Plan, MAX_ORDERS, MAX_ORDER_TEXT,
};
use crate::money;
use crate::tabular::{
    self, missing_value, ColumnOverride, Field, FieldSpec, Mapping, Rejections, Row, Table, TableInfo,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashSet;
use serde::Serialize;
use std::hash::Hasher;
use std::path::Path;
use ts_rs::TS;

/// How many data rows of each file the preview shows.
pub const PREVIEW_ROWS: usize = 20;

/// The fields an orders table may hold, in the order a row is read. The first three are
/// required; they are mapped like optional ones so that a table missing one still previews.
const FIELDS: [FieldSpec; 7] = [
    FieldSpec::optional(Field::Customer),
    FieldSpec::optional(Field::Date),
    FieldSpec::optional(Field::Amount),
    FieldSpec::optional(Field::OrderId),
    FieldSpec::optional(Field::Product),
    FieldSpec::optional(Field::Channel),
    FieldSpec::optional(Field::Region),
];

/// One file of an orders import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrdersFile {
    /// The file's name (never its folder).
    pub name: String,
    /// Format, encoding, delimiter, headers.
    pub table: TableInfo,
    /// Which column each field is read from.
    pub mapping: Mapping,
    /// Required fields without a column (customer, date, amount); while one is missing no
    /// row is read as an order.
    pub missing: Vec<Field>,
    /// Data rows read (blank rows skipped).
    #[ts(type = "number")]
    pub rows: u64,
    /// The first rows' cells, for the preview.
    pub preview: Vec<Vec<String>>,
    /// Rejected rows of this file; when any file has some, nothing is imported.
    pub rejected: Rejections,
}

/// Order tables read against a plan: what would be imported, or why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct OrdersImport {
    /// The files, in the order they were read.
    pub files: Vec<OrdersFile>,
    /// Orders accepted (all rows, when nothing was rejected).
    #[ts(type = "number")]
    pub orders: u64,
    /// Distinct customers among them.
    pub customers: u32,
    /// The earliest order date.
    pub first_date: Option<NaiveDate>,
    /// The latest order date.
    pub last_date: Option<NaiveDate>,
    /// Sum of the amounts (refunds subtracted).
    #[ts(type = "string")]
    #[serde(with = "crate::money::dec_text")]
    pub total: Decimal,
    /// The orders (empty when rows were rejected); never sent to the UI.
    #[serde(skip)]
    #[ts(skip)]
    book: OrderBook,
}

impl OrdersImport {
    /// Rows rejected over all files.
    pub fn rejected_total(&self) -> u64 {
        self.files.iter().map(|f| f.rejected.total).sum()
    }

    /// `Ok` when every file has its required columns and every row was accepted; else the
    /// error naming the first file without (`mapping.required_missing`) or with rejected rows
    /// (`import.rows_rejected`).
    pub fn check(&self, paths: &[&Path]) -> Result<()> {
        for (file, path) in self.files.iter().zip(paths) {
            super::ready(&file.missing, &file.rejected, path)?;
        }
        Ok(())
    }

    /// The imported orders (empty when rows were rejected).
    pub fn book(&self) -> &OrderBook {
        &self.book
    }

    /// The edit that replaces the plan's orders with these (undoable like any other edit).
    pub fn edit(&self) -> PlanEdit {
        PlanEdit::Support {
            edit: SupportEdit::ImportOrders {
                orders: self.book.clone(),
            },
        }
    }
}

/// What the reading of all files collects.
struct Collected {
    builder: OrderBookBuilder,
    /// Hashes of the customers seen (for the preview's count; a 64-bit collision among a
    /// plan's customers would miscount by one, never change an order).
    customers: FxHashSet<u64>,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    total: i128,
    dates: tabular::DateMemo,
}

/// Reads the order tables at `paths` for `plan` (see the module docs for the rules).
pub fn read(plan: &Plan, paths: &[&Path], overrides: &[ColumnOverride], clock: &dyn Clock) -> Result<OrdersImport> {
    read_watched(plan, paths, overrides, clock, progress::unwatched())
}

/// [`read`], telling `watch` how far it got; stops with `ErrorCode::Cancelled` when it says so.
pub fn read_watched(
    plan: &Plan,
    paths: &[&Path],
    overrides: &[ColumnOverride],
    clock: &dyn Clock,
    watch: &dyn Watch,
) -> Result<OrdersImport> {
    let minor = money::minor_units(&plan.header.currency).unwrap_or(2);
    let mut c = Collected {
        builder: OrderBookBuilder::new(minor),
        customers: FxHashSet::default(),
        first: None,
        last: None,
        total: 0,
        dates: Default::default(),
    };
    let tables = (paths.iter())
        .map(|p| tabular::open(p).map_err(|e| e.at(p)))
        .collect::<Result<Vec<_>>>()?;
    // An override applies to the files that have its column (their layouts may differ), and
    // must apply to one at least (else the first file's error says which column is unknown).
    for o in overrides {
        if !tables.iter().any(|t| tabular::names_column(t.headers(), &o.column)) {
            let first = tables.first().ok_or_else(|| Error::invalid("no table to import"))?;
            first
                .map_columns(&FIELDS, std::slice::from_ref(o))
                .map_err(|e| e.at(paths[0]))?;
        }
    }
    let mut files = Vec::with_capacity(paths.len());
    let mut ticker = Ticker::new(watch, paths.len());
    for (path, table) in paths.iter().zip(tables) {
        let own: Vec<ColumnOverride> = (overrides.iter())
            .filter(|o| tabular::names_column(table.headers(), &o.column))
            .cloned()
            .collect();
        let mapping = table.map_columns(&FIELDS, &own).map_err(|e| e.at(path))?;
        files.push(read_file(path, table, mapping, minor, &mut c, &mut ticker).map_err(|e| e.at(path))?);
        ticker.next_file();
    }
    let rejected = files.iter().any(|f| !f.rejected.is_empty() || !f.missing.is_empty());
    let orders = c.builder.len() as u64;
    let book = match rejected {
        true => OrderBook::default(),
        false => c.builder.finish(OrderBatch {
            id: clock.new_id(),
            imported_at: clock.now(),
            sources: files.iter().map(|f| f.name.clone()).collect(),
        }),
    };
    Ok(OrdersImport {
        files,
        orders,
        customers: c.customers.len() as u32,
        first_date: c.first,
        last_date: c.last,
        total: Decimal::try_from_i128_with_scale(c.total, minor)
            .unwrap_or(Decimal::MAX)
            .normalize(),
        book,
    })
}

fn read_file(
    path: &Path,
    mut table: Table,
    mapping: Mapping,
    minor: u32,
    c: &mut Collected,
    ticker: &mut Ticker,
) -> Result<OrdersFile> {
    let columns = FIELDS.map(|f| mapping.column(f.field));
    let headers = FIELDS.map(|f| mapping.header(f.field).map(str::to_string));
    let missing: Vec<Field> = FIELDS[..3]
        .iter()
        .map(|f| f.field)
        .filter(|&f| mapping.column(f).is_none())
        .collect();
    let (mut rows, mut preview, mut rejected) = (0u64, Vec::new(), Rejections::default());
    loop {
        ticker.tick(&table)?;
        let row = match table.next_row() {
            Ok(Some(row)) => row,
            Ok(None) => break,
            Err(e) => match e.reason().filter(|r| r.key == "table.bad_encoding").cloned() {
                Some(reason) => {
                    let row = reason.params.get("row").and_then(|r| r.parse().ok()).unwrap_or(0);
                    rejected.reject(row, None, "", reason);
                    continue;
                }
                None => return Err(e),
            },
        };
        rows += 1;
        if c.builder.len() == MAX_ORDERS {
            let max = MAX_ORDERS.to_string();
            return Err(Error::file(
                ErrorCode::TooLarge,
                path,
                format!("the tables hold more than {max} orders, more than a plan keeps"),
            )
            .because("orders.too_many", &[("max", &max)]));
        }
        if preview.len() < PREVIEW_ROWS {
            preview.push(row.iter().map(str::to_string).collect());
        }
        if !missing.is_empty() {
            continue;
        }
        if let Err((k, value, reason)) = read_row(row, &columns, minor, c) {
            rejected.reject(row.number(), headers[k].as_deref(), &value, reason);
        }
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(OrdersFile {
        name,
        table: table.info().clone(),
        mapping,
        missing,
        rows,
        preview,
        rejected,
    })
}

/// A refused cell: the field's index in [`FIELDS`], the cell's text and why.
type Refusal = (usize, String, Reason);

/// Reads one row into the builder; the first refused cell otherwise.
fn read_row(row: &Row, columns: &[Option<usize>; 7], minor: u32, c: &mut Collected) -> Result<(), Refusal> {
    let cell = |k: usize| columns[k].map_or("", |col| row.cell(col));
    let refuse = |k: usize, key: &str| -> Refusal {
        let value = cell(k).to_string();
        let mut params = vec![("value", money::clip(&value))];
        if key == "orders.text_too_long" {
            params.push(("max", MAX_ORDER_TEXT.to_string()));
        }
        let params: Vec<(&str, &str)> = params.iter().map(|(k, v)| (*k, v.as_str())).collect();
        (k, value.clone(), Reason::new(key, &params))
    };
    let text = |k: usize| Some(cell(k)).filter(|t| !t.is_empty());
    let customer = text(0).ok_or_else(|| (0, String::new(), missing_value(Field::Customer.id())))?;
    let date = match c.dates.parse(cell(1)) {
        Ok(Some(d)) => d,
        Ok(None) => return Err((1, String::new(), missing_value(Field::Date.id()))),
        Err(reason) => return Err((1, cell(1).to_string(), reason)),
    };
    let amount = match tabular::parse_amount(cell(2), minor) {
        Ok(Some(a)) => a,
        Ok(None) => return Err((2, String::new(), missing_value(Field::Amount.id()))),
        Err(reason) => return Err((2, cell(2).to_string(), reason)),
    };
    let amount_units = c.builder.units(amount).map_err(|key| refuse(2, key))?;
    let order = Order {
        customer,
        date,
        amount_units,
        order_id: text(3),
        product: text(4),
        channel: text(5),
        region: text(6),
    };
    // The builder checks the texts; only a refusal looks for the column to name.
    c.builder.push(&order).map_err(|key| {
        let mut texts = [0, 3, 4, 5, 6].into_iter().filter(|&k| !cell(k).is_empty());
        let k = texts.find(|&k| check_order_text(cell(k)) == Err(key)).unwrap_or(1);
        refuse(k, key)
    })?;
    let mut h = rustc_hash::FxHasher::default();
    h.write(customer.as_bytes());
    c.customers.insert(h.finish());
    c.first = Some(c.first.map_or(date, |d| d.min(date)));
    c.last = Some(c.last.map_or(date, |d| d.max(date)));
    c.total += i128::from(amount_units);
    Ok(())
}

#[cfg(test)]
#[path = "orders_tests.rs"]
mod tests;

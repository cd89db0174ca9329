//! Which column holds which field: guessed from the headers, corrected by the user.
//!
//! Guessing compares each header, normalized (case, spaces, `_`, `-`, `.`, `*`, `#` and
//! full-width forms ignored; a trailing unit in brackets such as `金额（元）` or `Amount (CNY)`
//! dropped), with a list of English and Chinese synonyms per field (`synonyms.rs`). A header
//! matches a whole synonym, never part of one, so `优惠金额` (discount) is not an amount.
//! Some words mean different fields in different imports: `销售额`, `sales` and `revenue` are
//! the bookings when the import has a bookings field (the baseline), else the amount (orders).
//!
//! Overrides have the CLI form `col=field`: `col` is a header name, a 1-based column number or
//! a column letter (A, B, …, AA), tried in that order; `field` is a field id. Overrides win over
//! guesses, and a column or field taken by an override is not guessed.
//!
//! Refused, each with a reason: a malformed override (`mapping.bad_override`), an unknown column
//! (`mapping.unknown_column`) or field (`mapping.unknown_field`, with the `known` ids of this
//! import), a header name that two columns share (`mapping.duplicate_header`), one column given
//! two fields (`mapping.column_twice`), two columns for one field (`mapping.duplicate_field`
//! from overrides, `mapping.ambiguous` from guesses, naming both so the user can pick one with
//! an override), and a required field left without a column (`mapping.required_missing`).

use super::synonyms;
use crate::error::{Error, ErrorCode};
use serde::Serialize;
use ts_rs::TS;

/// A field an import reads from a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Field {
    /// The customer (name, id or code).
    Customer,
    /// The order or transaction date.
    Date,
    /// The order amount.
    Amount,
    /// The order id, to tell orders apart.
    OrderId,
    /// The product or product line.
    Product,
    /// The sales channel.
    Channel,
    /// The region.
    Region,
    /// The customer tier (A/B/C).
    Tier,
    /// A team of the org tree.
    Team,
    /// A sales rep of the org tree.
    Rep,
    /// A member's name (dimension member imports).
    Name,
    /// A member's code (dimension member imports).
    Code,
    /// The month of a monthly figure (baseline history).
    Month,
    /// Bookings (orders signed) in a month.
    Bookings,
    /// Cash collected in a month.
    CashIn,
}

impl Field {
    /// Every field, in the order their synonyms are tried.
    pub const ALL: [Field; 15] = [
        Field::Customer,
        Field::Date,
        Field::OrderId,
        Field::Product,
        Field::Channel,
        Field::Region,
        Field::Team,
        Field::Rep,
        Field::Name,
        Field::Code,
        Field::Tier,
        Field::Month,
        Field::Bookings,
        Field::CashIn,
        Field::Amount,
    ];

    /// The stable id used in overrides, reasons and JSON (`order_id`).
    pub fn id(self) -> &'static str {
        match self {
            Field::Customer => "customer",
            Field::Date => "date",
            Field::Amount => "amount",
            Field::OrderId => "order_id",
            Field::Product => "product",
            Field::Channel => "channel",
            Field::Region => "region",
            Field::Tier => "tier",
            Field::Team => "team",
            Field::Rep => "rep",
            Field::Name => "name",
            Field::Code => "code",
            Field::Month => "month",
            Field::Bookings => "bookings",
            Field::CashIn => "cash_in",
        }
    }

    /// The field with this id (any case, `-` for `_`).
    pub fn from_id(text: &str) -> Option<Field> {
        let id = text.trim().to_ascii_lowercase().replace('-', "_");
        Field::ALL.into_iter().find(|f| f.id() == id)
    }
}

/// A field an import wants, and whether a file without it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldSpec {
    /// The field.
    pub field: Field,
    /// True when a column must hold it.
    pub required: bool,
}

impl FieldSpec {
    /// A field the file must have.
    pub const fn required(field: Field) -> Self {
        FieldSpec { field, required: true }
    }

    /// A field the file may have.
    pub const fn optional(field: Field) -> Self {
        FieldSpec { field, required: false }
    }
}

/// One `col=field` override, parsed but not yet resolved against the headers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnOverride {
    /// The column as the user wrote it: header name, 1-based number or letter.
    pub column: String,
    /// The field it holds.
    pub field: Field,
}

impl ColumnOverride {
    /// Parses `col=field` (split at the last `=`, so a header may contain one).
    pub fn parse(text: &str) -> Result<Self, Error> {
        let Some((column, field)) = text.rsplit_once('=').filter(|(c, _)| !c.trim().is_empty()) else {
            return Err(argument(
                format!("\"{text}\" is not a column mapping; write column=field, e.g. C=amount or 金额=amount"),
                "mapping.bad_override",
                &[("value", text)],
            ));
        };
        let field = Field::from_id(field).ok_or_else(|| unknown_field(field.trim(), &Field::ALL))?;
        Ok(ColumnOverride {
            column: column.trim().to_string(),
            field,
        })
    }
}

/// A field and the column it is read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct MappedField {
    /// The field.
    pub field: Field,
    /// The column, 0-based (column A is 0).
    pub column: u32,
    /// The column's header, or its letter when the header is empty (for reports).
    pub header: String,
    /// True when guessed from the header, false when set by an override.
    pub guessed: bool,
}

/// Where each mapped field is read from; fields without a column are absent.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, TS)]
#[ts(export)]
pub struct Mapping {
    /// The mapped fields, in the order of the field list given.
    pub fields: Vec<MappedField>,
}

impl Mapping {
    /// The 0-based column of `field`, if mapped.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.get(field).map(|m| m.column as usize)
    }

    /// The header (or letter) of `field`'s column, if mapped.
    pub fn header(&self, field: Field) -> Option<&str> {
        self.get(field).map(|m| m.header.as_str())
    }

    fn get(&self, field: Field) -> Option<&MappedField> {
        self.fields.iter().find(|m| m.field == field)
    }
}

/// Guesses the columns of `fields` from `headers` alone (see the module docs).
pub fn guess_mapping(headers: &[String], fields: &[FieldSpec]) -> Result<Mapping, Error> {
    map_columns(headers, fields, &[])
}

/// Maps `fields` to columns: `overrides` first, then guesses from `headers`, then checks.
pub fn map_columns(headers: &[String], fields: &[FieldSpec], overrides: &[ColumnOverride]) -> Result<Mapping, Error> {
    let wanted: Vec<Field> = fields.iter().map(|s| s.field).collect();
    let mut chosen: Vec<(Field, usize, bool)> = Vec::new();
    for o in overrides {
        if !wanted.contains(&o.field) {
            return Err(unknown_field(o.field.id(), &wanted));
        }
        let column = resolve_column(headers, &o.column)?;
        if let Some(&(_, first, _)) = chosen.iter().find(|(f, _, _)| *f == o.field) {
            return Err(two_columns(headers, o.field, first, column, "mapping.duplicate_field"));
        }
        if chosen.iter().any(|&(_, c, _)| c == column) {
            let name = display(headers, column);
            return Err(argument(
                format!("column {name} is mapped to two fields"),
                "mapping.column_twice",
                &[("column", &name)],
            ));
        }
        chosen.push((o.field, column, false));
    }
    let open: Vec<Field> = wanted
        .iter()
        .copied()
        .filter(|f| !chosen.iter().any(|c| c.0 == *f))
        .collect();
    let mut guessed: Vec<(Field, usize, bool)> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        if chosen.iter().any(|c| c.1 == column) {
            continue;
        }
        let Some(field) = synonyms::field_of(header, &open) else {
            continue;
        };
        if let Some(&(_, first, _)) = guessed.iter().find(|g| g.0 == field) {
            return Err(two_columns(headers, field, first, column, "mapping.ambiguous"));
        }
        guessed.push((field, column, true));
    }
    chosen.extend(guessed);
    if let Some(spec) = fields
        .iter()
        .find(|s| s.required && !chosen.iter().any(|c| c.0 == s.field))
    {
        let id = spec.field.id();
        return Err(Error::plain(
            ErrorCode::InvalidValue,
            format!("no column holds the {id} (add a column=field mapping, e.g. C={id})"),
        )
        .because("mapping.required_missing", &[("field", id)]));
    }
    let fields = wanted
        .iter()
        .filter_map(|f| chosen.iter().find(|c| c.0 == *f))
        .map(|&(field, column, guessed)| MappedField {
            field,
            column: column as u32,
            header: display(headers, column),
            guessed,
        })
        .collect();
    Ok(Mapping { fields })
}

/// The spreadsheet letter of a 0-based column: 0 → `A`, 26 → `AA`.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// How a column mapping names column `index`: by its header when that names this column and
/// nothing else could read it as another column (a letter like "B" or a number like "2"
/// would be a different column in a table without that header), else by its letter, or by its
/// number when a header reads like that letter. A mapping by header fits every table with that
/// header, wherever the column sits; that is how one mapping serves several files whose
/// columns are laid out differently.
pub fn column_ref(headers: &[String], index: usize) -> String {
    let header = headers.get(index).map_or("", |h| h.trim());
    let reads_as_position = header.bytes().all(|b| b.is_ascii_digit())
        || ((1..=3).contains(&header.len()) && header.bytes().all(|b| b.is_ascii_alphabetic()));
    let by_header =
        (!header.is_empty() && header.chars().count() <= 100 && !reads_as_position).then(|| header.to_string());
    let letter = column_letter(index);
    let mut candidates = by_header.into_iter().chain([letter.clone(), (index + 1).to_string()]);
    candidates
        .find(|c| matches!(resolve_column(headers, c), Ok(i) if i == index))
        .unwrap_or(letter)
}

/// True when `text` names a column of `headers` (a header name, a 1-based number or a
/// letter), as an override's column must.
pub fn names_column(headers: &[String], text: &str) -> bool {
    resolve_column(headers, text).is_ok()
}

/// The 0-based index of a column written as a header name, a 1-based number or a letter.
fn resolve_column(headers: &[String], text: &str) -> Result<usize, Error> {
    let t = text.trim();
    let by = |same: &dyn Fn(&str) -> bool| -> Result<Option<usize>, Error> {
        let hits: Vec<usize> = (0..headers.len()).filter(|&i| same(&headers[i])).collect();
        match hits.as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(*one)),
            _ => Err(argument(
                format!("two columns are named \"{t}\"; use the column letter instead"),
                "mapping.duplicate_header",
                &[("column", t)],
            )),
        }
    };
    if let Some(i) = by(&|h| h.trim() == t)? {
        return Ok(i);
    }
    let normal = synonyms::normalize(t);
    if let Some(i) = by(&|h| !normal.is_empty() && synonyms::normalize(h) == normal)? {
        return Ok(i);
    }
    let index = if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse::<usize>().ok().and_then(|n| n.checked_sub(1))
    } else if (1..=3).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_alphabetic()) {
        let n = t
            .bytes()
            .fold(0usize, |n, b| n * 26 + usize::from(b.to_ascii_uppercase() - b'A' + 1));
        Some(n - 1)
    } else {
        None
    };
    index.filter(|&i| i < headers.len()).ok_or_else(|| {
        argument(
            format!("there is no column \"{t}\" (use a header name, a column number or a letter)"),
            "mapping.unknown_column",
            &[("column", t)],
        )
    })
}

/// A column for messages: its header, or its letter when the header is empty.
fn display(headers: &[String], column: usize) -> String {
    match headers.get(column).map(|h| h.trim()) {
        Some(h) if !h.is_empty() => h.to_string(),
        _ => column_letter(column),
    }
}

fn two_columns(headers: &[String], field: Field, first: usize, second: usize, key: &str) -> Error {
    let (a, b) = (display(headers, first), display(headers, second));
    let id = field.id();
    let message = format!(
        "columns {a} ({}) and {b} ({}) both hold the {id}; choose one with a mapping such as {}={id}",
        column_letter(first),
        column_letter(second),
        column_letter(first)
    );
    let code = if key == "mapping.ambiguous" {
        ErrorCode::InvalidValue
    } else {
        ErrorCode::InvalidArgument
    };
    Error::plain(code, message).because(key, &[("field", id), ("first", &a), ("second", &b)])
}

fn unknown_field(text: &str, known: &[Field]) -> Error {
    let known = known.iter().map(|f| f.id()).collect::<Vec<_>>().join(", ");
    argument(
        format!("\"{text}\" is not a field of this import (fields: {known})"),
        "mapping.unknown_field",
        &[("field", text), ("known", &known)],
    )
}

fn argument(message: String, key: &str, params: &[(&str, &str)]) -> Error {
    Error::plain(ErrorCode::InvalidArgument, message).because(key, params)
}

#[cfg(test)]
#[path = "mapping_tests.rs"]
mod tests;

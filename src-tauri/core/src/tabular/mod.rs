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
//! is one row. The reader reuses one row and one record, so cells are `&str` borrowed from it.

mod amount;
mod date;
mod mapping;
mod rejects;
mod row;
mod sniff;
mod synonyms;
mod text;
mod xlsx;

pub use amount::parse_amount;
pub use date::{parse_date, parse_month};
pub use mapping::{
    column_letter, guess_mapping, map_columns, names_column, ColumnOverride, Field, FieldSpec, MappedField, Mapping,
};
pub use rejects::{missing_value, RejectedRow, Rejections, REJECT_LIMIT};
pub use row::Row;

use crate::error::{Error, ErrorCode};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// The largest XLSX file read by default (it is loaded whole): 64 MiB.
pub const MAX_XLSX_BYTES: u64 = 64 * 1024 * 1024;

/// What kind of file a table came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TableFormat {
    /// Delimited text (CSV, semicolon- or tab-separated).
    Text,
    /// An Excel workbook (first sheet).
    Xlsx,
}

/// The encoding of a text table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TextEncoding {
    /// UTF-8 without BOM (plain ASCII reads as this).
    Utf8,
    /// UTF-8 with a byte-order mark (Excel's "CSV UTF-8").
    Utf8Bom,
    /// GB18030, which includes GBK and GB2312 (Chinese Excel's plain "CSV").
    Gb18030,
    /// UTF-16 little-endian with BOM (Excel's "Unicode text").
    Utf16Le,
    /// UTF-16 big-endian with BOM.
    Utf16Be,
}

impl TextEncoding {
    /// The name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (BOM)",
            TextEncoding::Gb18030 => "GB18030",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
        }
    }
}

/// The cell delimiter of a text table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Delimiter {
    /// `,`
    Comma,
    /// `;` (Excel in locales with a decimal comma)
    Semicolon,
    /// A tab (Excel's "Text (Tab delimited)" and "Unicode text")
    Tab,
}

impl Delimiter {
    /// The delimiter's byte.
    pub fn byte(self) -> u8 {
        match self {
            Delimiter::Comma => b',',
            Delimiter::Semicolon => b';',
            Delimiter::Tab => b'\t',
        }
    }
}

/// What was learnt on opening a table, for the import preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TableInfo {
    /// Text or XLSX.
    pub format: TableFormat,
    /// The text encoding (text only). An all-ASCII start reads as UTF-8 and may turn out to be
    /// GB18030 further down; [`Table::info`] then says so.
    pub encoding: Option<TextEncoding>,
    /// The delimiter (text only).
    pub delimiter: Option<Delimiter>,
    /// The sheet read (XLSX only: the first).
    pub sheet: Option<String>,
    /// The header cells, trimmed; column 0 is column A.
    pub headers: Vec<String>,
    /// The header's row number (1 unless blank rows come first).
    #[ts(type = "number")]
    pub header_row: u64,
}

/// Choices that override detection, for a user who corrects the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenOptions {
    /// Read text in this encoding instead of detecting it.
    pub encoding: Option<TextEncoding>,
    /// Split text at this delimiter instead of sniffing it.
    pub delimiter: Option<Delimiter>,
    /// The largest XLSX file read, in bytes.
    pub max_xlsx_bytes: u64,
}

impl Default for OpenOptions {
    fn default() -> Self {
        OpenOptions {
            encoding: None,
            delimiter: None,
            max_xlsx_bytes: MAX_XLSX_BYTES,
        }
    }
}

/// An open table: what it is, its header, and a cursor over its rows.
pub struct Table {
    info: TableInfo,
    path: PathBuf,
    source: Source,
    row: Row,
}

enum Source {
    Text(Box<text::TextRows>),
    Xlsx(xlsx::XlsxRows),
}

/// Opens a table with detection of format, encoding and delimiter.
pub fn open(path: &Path) -> Result<Table, Error> {
    open_with(path, &OpenOptions::default())
}

/// Opens a table with `options` overriding detection.
pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Table, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.is_dir() {
        return Err(
            Error::file(ErrorCode::IsDirectory, path, "this is a folder, not a table").because("table.folder", &[]),
        );
    }
    if !meta.is_file() {
        return Err(
            Error::file(ErrorCode::InvalidValue, path, "this is not a regular file").because("table.not_regular", &[])
        );
    }
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    // One byte more than the sample tells whether the file goes on; all of it is read again
    // from `head` below, so nothing between the sample and the rest of the file is lost.
    let mut head = Vec::with_capacity(sniff::SAMPLE_SIZE + 1);
    (&mut file)
        .take(sniff::SAMPLE_SIZE as u64 + 1)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, &e))?;
    let truncated = head.len() > sniff::SAMPLE_SIZE;
    let sample = &head[..head.len().min(sniff::SAMPLE_SIZE)];
    if sample.is_empty() {
        return Err(Error::file(ErrorCode::EmptyFile, path, "the file is empty (0 bytes)").because("table.empty", &[]));
    }
    let (source, mut info) = match sniff::kind(sample, truncated, path)? {
        sniff::Kind::Xlsx => {
            if meta.len() > options.max_xlsx_bytes {
                return Err(too_large(path, meta.len(), options.max_xlsx_bytes));
            }
            let (rows, sheet) = xlsx::open(path)?;
            (Source::Xlsx(rows), info(TableFormat::Xlsx, None, None, Some(sheet)))
        }
        sniff::Kind::Text { encoding, settled, bom } => {
            let (encoding, settled) = options.encoding.map_or((encoding, settled), |e| (e, true));
            let sniffed = sniff::ascii_compatible(&sample[bom..], encoding);
            let delimiter = options
                .delimiter
                .unwrap_or_else(|| sniff::delimiter(&sniffed, truncated));
            let cr = sniff::cr_line_ends(&sniffed);
            let mut head = std::io::Cursor::new(head);
            head.set_position(bom as u64);
            let bytes: Box<dyn Read + Send> = Box::new(head.chain(file));
            let stream: Box<dyn Read + Send> = match encoding {
                TextEncoding::Utf16Le | TextEncoding::Utf16Be => Box::new(
                    encoding_rs_io::DecodeReaderBytesBuilder::new()
                        .encoding(Some(if encoding == TextEncoding::Utf16Le {
                            encoding_rs::UTF_16LE
                        } else {
                            encoding_rs::UTF_16BE
                        }))
                        .build(bytes),
                ),
                _ => bytes,
            };
            let rows = text::TextRows::new(text::Input::new(stream, cr), delimiter.byte(), encoding, settled, path);
            let info = info(TableFormat::Text, Some(encoding), Some(delimiter), None);
            (Source::Text(Box::new(rows)), info)
        }
    };
    let mut table = Table {
        info: info.clone(),
        path: path.to_path_buf(),
        source,
        row: Row::default(),
    };
    let Some(header) = table.next_row()? else {
        return Err(empty_error(path, info.sheet.as_deref()));
    };
    info.header_row = header.number();
    info.headers = header.iter().map(str::to_string).collect();
    if looks_like_data(&info.headers) {
        let first = crate::money::clip(info.headers.iter().find(|h| !h.is_empty()).map_or("", String::as_str));
        return Err(Error::file(
            ErrorCode::InvalidValue,
            path,
            format!("the first row (\"{first}\", …) holds values, not column names; add a header row"),
        )
        .because("table.no_header", &[("value", &first)]));
    }
    info.encoding = table.info.encoding;
    table.info = info;
    Ok(table)
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

fn info(
    format: TableFormat,
    encoding: Option<TextEncoding>,
    delimiter: Option<Delimiter>,
    sheet: Option<String>,
) -> TableInfo {
    TableInfo {
        format,
        encoding,
        delimiter,
        sheet,
        headers: Vec::new(),
        header_row: 0,
    }
}

/// True when every non-empty header cell reads as an amount or a date.
fn looks_like_data(headers: &[String]) -> bool {
    let mut cells = headers.iter().filter(|h| !h.is_empty()).peekable();
    cells.peek().is_some()
        && cells.all(|h| matches!(parse_amount(h, 10), Ok(Some(_))) || matches!(parse_date(h), Ok(Some(_))))
}

/// The error for a table without any non-blank row.
pub(crate) fn empty_error(path: &Path, sheet: Option<&str>) -> Error {
    let e = Error::file(ErrorCode::EmptyFile, path, "the table has no rows");
    match sheet {
        Some(sheet) => e.because("table.sheet_empty", &[("sheet", sheet)]),
        None => e.because("table.empty", &[]),
    }
}

fn too_large(path: &Path, size: u64, limit: u64) -> Error {
    let mib = |n: u64| n.div_ceil(1024 * 1024).to_string();
    let (size, limit) = (mib(size), mib(limit));
    Error::file(
        ErrorCode::TooLarge,
        path,
        format!("the workbook is {size} MiB, over the {limit} MiB limit for .xlsx; save it as CSV, which has no limit"),
    )
    .because("table.too_large", &[("size", &size), ("limit", &limit)])
}

#[cfg(test)]
mod props_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod xlsx_tests;

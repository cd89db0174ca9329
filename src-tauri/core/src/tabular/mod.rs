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
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
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
    /// The file offset text is read from (after a BOM), when the text is the file's bytes
    /// (not UTF-16, which is transcoded), so a part of it can be read from an offset.
    text_origin: Option<u64>,
    /// The check of a cut (see [`Table::split_off`]), once the table was cut.
    cut: Option<Arc<Mutex<CutCheck>>>,
    /// The file's length in bytes when it was opened.
    size: u64,
}

/// The smallest rest of a text table [`Table::split_off`] cuts in two: 4 MiB.
pub const MIN_SPLIT_BYTES: u64 = 4 * 1024 * 1024;

/// How far past the middle [`Table::split_off`] looks for a line end.
const SPLIT_SEARCH: usize = 64 * 1024;

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
    let mut text_origin = None;
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
            if !matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be) {
                text_origin = Some(bom as u64);
            }
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
        text_origin,
        cut: None,
        size: meta.len(),
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

impl Table {
    /// Cuts the rest of a large text table in two, so that two threads can read it: this
    /// table then ends at the cut, and the returned part holds the rows after it, read from
    /// the file with a handle of its own, numbered as this table would number them. `None`
    /// when the table is not cut: XLSX, UTF-16 (transcoded as a stream), less than
    /// [`MIN_SPLIT_BYTES`] left, or no line end within 64 KiB past the middle.
    ///
    /// The cut is the start of a line near the middle of what is left. It is a row boundary
    /// for sure only if no quoted cell spans it, and the rows after it read the same as in
    /// one pass only if the encoding is settled by then; nothing short of reading the text
    /// before the cut tells. So before the part gives its first row, the bytes before the cut
    /// are scanned once (one read and a `memchr` pass, a few percent of reading them as rows):
    /// they must hold no `"` at all, and be plain ASCII if the encoding is not settled yet
    /// (an ASCII start, see `text.rs`); their line ends give the part's first row number. If
    /// they do not qualify, the part has no rows and this table reads on past the cut, as if
    /// it had not been cut. (Whichever of the two gets there first does the scan.) A table is
    /// cut once at most.
    pub fn split_off(&mut self) -> Result<Option<TablePart>, Error> {
        let (Source::Text(rows), Some(origin), None) = (&mut self.source, self.text_origin, &self.cut) else {
            return Ok(None);
        };
        let io = |e: std::io::Error| Error::io(&self.path, &e);
        let len = std::fs::metadata(&self.path).map_err(io)?.len();
        let from = origin + rows.position();
        if len < from || len - from < MIN_SPLIT_BYTES {
            return Ok(None);
        }
        let middle = from + (len - from) / 2;
        let mut file = std::fs::File::open(&self.path).map_err(io)?;
        file.seek(SeekFrom::Start(middle)).map_err(io)?;
        let mut near = Vec::with_capacity(SPLIT_SEARCH);
        (&mut file)
            .take(SPLIT_SEARCH as u64)
            .read_to_end(&mut near)
            .map_err(io)?;
        let end = if rows.folds_cr() {
            memchr::memchr2(b'\r', b'\n', &near)
        } else {
            memchr::memchr(b'\n', &near)
        };
        let Some(end) = end else {
            return Ok(None);
        };
        self.split_at(middle + end as u64 + 1).map(Some)
    }

    /// Cuts the rest of a text table at file offset `cut`, the start of a line at or after
    /// the table's position (see [`Table::split_off`]).
    fn split_at(&mut self, cut: u64) -> Result<TablePart, Error> {
        let (Source::Text(rows), Some(origin)) = (&mut self.source, self.text_origin) else {
            unreachable!("only text tables are cut");
        };
        let io = |e: std::io::Error| Error::io(&self.path, &e);
        let from = origin + rows.position();
        let mut file = std::fs::File::open(&self.path).map_err(io)?;
        file.seek(SeekFrom::Start(cut)).map_err(io)?;
        let part = rows.part(Box::new(file), cut - origin);
        let (line, embedded) = rows.lines();
        let check = Arc::new(Mutex::new(CutCheck::Pending {
            from,
            cut,
            ascii: rows.unsettled(),
            folds_cr: rows.folds_cr(),
        }));
        self.cut = Some(check.clone());
        Ok(TablePart {
            rows: Box::new(part),
            row: Row::default(),
            path: self.path.clone(),
            check,
            start: Some((line, embedded)),
        })
    }
}

/// Whether the text before a cut lets the part after it be read on its own (see
/// [`Table::split_off`]).
#[derive(Clone, Copy)]
enum CutCheck {
    /// Not scanned yet: the file offsets of the text before the cut, whether it must be plain
    /// ASCII, and whether lone `\r` line ends are folded.
    Pending {
        from: u64,
        cut: u64,
        ascii: bool,
        folds_cr: bool,
    },
    /// Scanned: the number of line ends before the cut, `None` when the part is refused.
    Done(Option<u64>),
}

/// Scans the text before the cut once, whoever asks first; the number of its line ends, or
/// `None` when the part after the cut is refused.
fn cut_verdict(check: &Mutex<CutCheck>, path: &Path) -> Result<Option<u64>, Error> {
    let mut check = check.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match *check {
        CutCheck::Done(verdict) => Ok(verdict),
        CutCheck::Pending {
            from,
            cut,
            ascii,
            folds_cr,
        } => {
            // Refused unless the scan completes.
            *check = CutCheck::Done(None);
            let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
            let verdict = scan_before_cut(&mut file, from, cut, ascii, folds_cr).map_err(|e| Error::io(path, &e))?;
            *check = CutCheck::Done(verdict);
            Ok(verdict)
        }
    }
}

/// Reads `from..cut` of `file`: `None` if it holds a `"` (or, when `ascii`, a byte that is
/// not ASCII), else its number of line ends.
fn scan_before_cut(
    file: &mut std::fs::File,
    from: u64,
    cut: u64,
    ascii: bool,
    folds_cr: bool,
) -> std::io::Result<Option<u64>> {
    file.seek(SeekFrom::Start(from))?;
    let mut left = cut - from;
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 0u64;
    while left > 0 {
        let n = file.read(&mut buf[..(left as usize).min(1 << 20)])?;
        if n == 0 {
            return Ok(None);
        }
        let bytes = &buf[..n];
        if memchr::memchr(b'"', bytes).is_some() || (ascii && !bytes.is_ascii()) {
            return Ok(None);
        }
        lines += if folds_cr {
            memchr::memchr2_iter(b'\r', b'\n', bytes).count()
        } else {
            memchr::memchr_iter(b'\n', bytes).count()
        } as u64;
        left -= n as u64;
    }
    Ok(Some(lines))
}

/// The rows of a text table after a cut (see [`Table::split_off`]), to read on another thread.
pub struct TablePart {
    rows: Box<text::TextRows>,
    row: Row,
    path: PathBuf,
    check: Arc<Mutex<CutCheck>>,
    /// The table's line and extra lines of multi-line cells at the split, until the scan.
    start: Option<(u64, u64)>,
}

impl TablePart {
    /// The next non-blank row after the cut, `None` at the end of the file, or at once when
    /// the text before the cut did not qualify (the table then reads these rows itself). The
    /// first call scans the text before the cut (see [`Table::split_off`]).
    pub fn next_row(&mut self) -> Result<Option<&Row>, Error> {
        if let Some((line, embedded)) = self.start.take() {
            let verdict = cut_verdict(&self.check, &self.path);
            match verdict {
                Ok(Some(lines)) => self.rows.number_from(line + lines, embedded),
                _ => self.rows = Box::new(text::TextRows::empty(&self.path)),
            }
            verdict?;
        }
        loop {
            if !self.rows.read(&mut self.row)? {
                return Ok(None);
            }
            if !self.row.is_blank() {
                return Ok(Some(&self.row));
            }
        }
    }

    /// True when the part's rows settled an encoding that was not settled at the cut on
    /// GB18030 (what [`TableInfo::encoding`] says of a table that read them itself).
    pub fn settled_gb18030(&self) -> bool {
        self.rows.settled_gb18030()
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
mod split_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod xlsx_tests;

//! Streaming rows of delimited text (CSV, semicolon- or tab-separated).
//!
//! The file is never loaded whole: the `csv` crate parses it through a buffer into one reused
//! `ByteRecord`. Delimiters, quotes and line ends are ASCII, and GB18030 (like UTF-8) never
//! uses an ASCII byte inside a multi-byte character, so the raw bytes are parsed and only the
//! cells of rows that are not plain ASCII are decoded. UTF-16 (Excel's "Unicode text") is the
//! exception: it is transcoded to UTF-8 as a stream first.
//!
//! Encoding. A file whose first 64 KiB are plain ASCII is read as UTF-8 until a row says
//! otherwise: the first row that is not ASCII settles it, as UTF-8 if it is valid UTF-8, else as
//! GB18030 (everything before was ASCII, which both encodings read the same). Once settled, a
//! row that does not decode is an error for that row (`table.bad_encoding`); reading can go on.
//!
//! Row numbers. Only `\n` ends a line for the parser (a `\r` before it is trimmed with the
//! cell), files with lone `\r` line ends have them turned into `\n` as they are read, and a row
//! is numbered as a spreadsheet shows it: its first line, minus the extra lines of the cells
//! spanning several lines above it. Blank lines count as rows.

use super::row::Row;
use super::TextEncoding;
use crate::error::{Error, ErrorCode};
use csv::{ByteRecord, StringRecord};
use encoding_rs::GB18030;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The parser's buffer: large enough that a read call moves a useful amount of data.
const BUFFER: usize = 256 * 1024;

/// The byte source under the parser: notes the end of input and folds lone `\r` line ends.
pub(super) struct Input {
    inner: Box<dyn Read + Send>,
    at_eof: bool,
    cr_to_lf: bool,
}

impl Input {
    pub(super) fn new(inner: Box<dyn Read + Send>, cr_to_lf: bool) -> Self {
        Input {
            inner,
            at_eof: false,
            cr_to_lf,
        }
    }
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 && !buf.is_empty() {
            self.at_eof = true;
        }
        if self.cr_to_lf {
            buf[..n].iter_mut().filter(|b| **b == b'\r').for_each(|b| *b = b'\n');
        }
        Ok(n)
    }
}

/// How the bytes of a row become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decode {
    /// UTF-8 (or UTF-16 already transcoded): invalid bytes are an error.
    Utf8,
    /// Only ASCII so far: the first non-ASCII row decides between UTF-8 and GB18030.
    Unsettled,
    /// GB18030 (a superset of GBK and GB2312).
    Gb18030,
}

/// Rows of a delimited text file.
pub(super) struct TextRows {
    reader: csv::Reader<Input>,
    /// The record to read into when the row's own record was handed back as bytes.
    spare: Option<ByteRecord>,
    decode: Decode,
    /// Extra lines of multi-line cells read so far (they do not make rows).
    embedded_lines: u64,
    path: PathBuf,
}

impl TextRows {
    /// Rows of `input`, split at `delimiter`, decoded from `encoding`.
    pub(super) fn new(input: Input, delimiter: u8, encoding: TextEncoding, settled: bool, path: &Path) -> Self {
        let reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .terminator(csv::Terminator::Any(b'\n'))
            .buffer_capacity(BUFFER)
            .from_reader(input);
        let decode = match encoding {
            TextEncoding::Gb18030 => Decode::Gb18030,
            _ if !settled => Decode::Unsettled,
            _ => Decode::Utf8,
        };
        TextRows {
            reader,
            spare: Some(ByteRecord::new()),
            decode,
            embedded_lines: 0,
            path: path.to_path_buf(),
        }
    }

    /// The encoding rows are decoded with now, when it differs from the one first detected.
    pub(super) fn settled_gb18030(&self) -> bool {
        self.decode == Decode::Gb18030
    }

    /// Reads the next record into `row` (blank ones included); `false` at the end.
    pub(super) fn read(&mut self, row: &mut Row) -> Result<bool, Error> {
        let mut raw = match (row.record.take(), self.spare.take()) {
            (Some(record), spare) => {
                self.spare = spare;
                record.into_byte_record()
            }
            (None, Some(spare)) => spare,
            (None, None) => ByteRecord::new(),
        };
        let more = match self.reader.read_byte_record(&mut raw) {
            Ok(more) => more,
            Err(e) => {
                self.spare = Some(raw);
                return Err(self.read_error(e));
            }
        };
        if !more {
            self.spare = Some(raw);
            return Ok(false);
        }
        row.number = self.number_of(&raw);
        // Plain ASCII rows need no decoding in any encoding (checked only when it matters).
        let ascii = self.decode != Decode::Utf8 && raw.as_slice().is_ascii();
        if self.decode != Decode::Gb18030 || ascii {
            match StringRecord::from_byte_record(raw) {
                Ok(record) => {
                    if self.decode == Decode::Unsettled && !ascii {
                        self.decode = Decode::Utf8;
                    }
                    row.record = Some(record);
                    row.use_owned = false;
                    return Ok(true);
                }
                Err(e) => raw = e.into_byte_record(),
            }
        }
        let decoded = self.decode != Decode::Utf8 && decode_gb18030(&raw, row);
        self.spare = Some(raw);
        if !decoded {
            return Err(self.encoding_error(row.number));
        }
        self.decode = Decode::Gb18030;
        row.use_owned = true;
        Ok(true)
    }

    /// The spreadsheet row of the record just read (see the module docs).
    fn number_of(&mut self, raw: &ByteRecord) -> u64 {
        let line_after = self.reader.position().line();
        let bytes = raw.as_slice();
        let inner = if bytes.contains(&b'\n') {
            bytes.iter().filter(|&&b| b == b'\n').count() as u64
        } else {
            0
        };
        // The record's own line end was read unless the input ended right after it.
        let own_end = u64::from(!self.reader.get_ref().at_eof);
        let first_line = line_after.saturating_sub(inner + own_end).max(1);
        let number = first_line.saturating_sub(self.embedded_lines).max(1);
        self.embedded_lines += inner;
        number
    }

    fn read_error(&self, e: csv::Error) -> Error {
        match e.into_kind() {
            csv::ErrorKind::Io(io) => Error::io(&self.path, &io),
            other => Error::file(ErrorCode::Io, &self.path, format!("{other:?}")),
        }
    }

    fn encoding_error(&self, row: u64) -> Error {
        let (row_text, encoding) = (row.to_string(), self.encoding_label());
        Error::file(
            ErrorCode::InvalidValue,
            &self.path,
            format!("row {row} is not valid {encoding} text"),
        )
        .because("table.bad_encoding", &[("row", &row_text), ("encoding", encoding)])
    }

    fn encoding_label(&self) -> &'static str {
        match self.decode {
            Decode::Gb18030 => TextEncoding::Gb18030.label(),
            _ => TextEncoding::Utf8.label(),
        }
    }
}

/// Decodes every cell of `raw` from GB18030 into `row`'s own storage; `false` on a malformed
/// sequence.
fn decode_gb18030(raw: &ByteRecord, row: &mut Row) -> bool {
    let cells = &mut row.owned;
    cells.clear();
    for field in raw.iter() {
        let mut decoder = GB18030.new_decoder_without_bom_handling();
        let Some(max) = decoder.max_utf8_buffer_length_without_replacement(field.len()) else {
            return false;
        };
        cells.text.reserve(max);
        let (result, _) = decoder.decode_to_string_without_replacement(field, &mut cells.text, true);
        if result != encoding_rs::DecoderResult::InputEmpty {
            return false;
        }
        cells.end_cell();
    }
    true
}

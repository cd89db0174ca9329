//! Streaming rows of delimited text (CSV, semicolon- or tab-separated).
//!
//! The file is never loaded whole: it is read through one buffer of 256 KiB (larger only for a
//! line that does not fit) into one reused [`Row`]. Delimiters, quotes and line ends are ASCII,
//! and GB18030 (like UTF-8) never uses an ASCII byte inside a multi-byte character, so the raw
//! bytes are split and only the cells of rows that are not plain ASCII are decoded. UTF-16
//! (Excel's "Unicode text") is the exception: it is transcoded to UTF-8 as a stream first.
//!
//! Splitting. Most lines of real files have no quote at all, and such a line is a row exactly
//! as CSV reads it: its cells are the text between delimiters. So the reader takes the longest
//! run of whole lines in the buffer that holds no `"` (found with `memchr`) and reads the same
//! in any encoding state (plain ASCII; or valid UTF-8 once the file is settled on UTF-8),
//! copies it into the row once, finds every delimiter and line end in one pass that compares
//! eight bytes at a time, and hands its lines out one by one by moving the row's window over
//! them. A line that cannot start a run (one to decode or to settle the encoding, one that is
//! not valid) is split on its own with `memchr`. A line with a quote anywhere goes, from its
//! first byte, through the `csv_core` parser (RFC 4180: quoted cells, doubled quotes, line ends
//! inside quotes), which reads on across as many lines as its record spans; the other paths
//! resume after it. All three give the same rows: property tests compare them on random
//! CSV-ish text, and with what the `csv` crate's reader (used before) gave. Empty lines make no
//! record, as in CSV.
//!
//! Encoding. A file whose first 64 KiB are plain ASCII is read as UTF-8 until a row says
//! otherwise: the first row that is not ASCII settles it, as UTF-8 if it is valid UTF-8, else as
//! GB18030 (everything before was ASCII, which both encodings read the same). Once settled, a
//! row that does not decode is an error for that row (`table.bad_encoding`); reading can go on.
//! A UTF-8 byte-order mark at the very start is skipped.
//!
//! Row numbers. Only `\n` ends a line (a `\r` before it stays in the last cell, which trimming
//! removes), files with lone `\r` line ends have them turned into `\n` as they are read, and the
//! reader counts lines itself: a row is numbered as a spreadsheet shows it, its first line
//! minus the extra lines of the cells spanning several lines above it. Blank lines count as
//! rows.

use super::row::{Cells, Row};
use super::TextEncoding;
use crate::error::{Error, ErrorCode};
use csv_core::ReadRecordResult;
use encoding_rs::GB18030;
use std::io::Read;
use std::path::{Path, PathBuf};

/// The read buffer: a read call moves a useful amount of data, and what it moved is still in
/// the processor's cache when it is split. Tests mostly use a tiny one (`TEST_BUFFER`), so
/// that lines and quoted records cross its end all the time.
#[cfg(not(test))]
fn buffer_size() -> usize {
    256 * 1024
}

/// The byte source under the reader: folds lone `\r` line ends.
pub(super) struct Input {
    inner: Box<dyn Read + Send>,
    cr_to_lf: bool,
}

impl Input {
    pub(super) fn new(inner: Box<dyn Read + Send>, cr_to_lf: bool) -> Self {
        Input { inner, cr_to_lf }
    }

    /// Reads into `buf`; 0 at the end of the input.
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = loop {
            match self.inner.read(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                other => break other?,
            }
        };
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
    input: Input,
    /// Bytes read and not yet consumed are `buf[pos..end]`; `buf[0]` is byte `base` of the
    /// input.
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    base: u64,
    /// Where another reader takes over (see [`TextRows::part`]); `u64::MAX` when none.
    limit: u64,
    /// The input has ended (`buf[pos..end]` is all that is left).
    eof: bool,
    /// The first read was made (a BOM is only looked for there).
    started: bool,
    delimiter: u8,
    /// The parser of records with a quote, and its output: the cells' bytes and their ends.
    csv: csv_core::Reader,
    fields: Vec<u8>,
    field_ends: Vec<usize>,
    /// A quoted record's cells joined by one separator byte, as a line without quotes is.
    joined: Vec<u8>,
    /// Cell ends of the raw bytes while a GB18030 row is decoded.
    raw_ends: Vec<usize>,
    decode: Decode,
    /// The current run of plain lines (see [`TextRows::start_run`]): where its text starts in
    /// `buf`, for each line the index of its line end among the run's cell ends (which the
    /// row holds), the next line to hand out, and which run it is.
    run_start: usize,
    lines: Vec<usize>,
    next_line: usize,
    generation: u64,
    /// The input offset of the first `"` at or after the last place looked at, `u64::MAX`
    /// when there is none up to `quotes_seen`.
    next_quote: u64,
    quotes_seen: u64,
    /// The line `buf[pos]` is on (1 for the first).
    line: u64,
    /// Extra lines of multi-line cells read so far (they do not make rows).
    embedded_lines: u64,
    path: PathBuf,
    /// The ways of reading tests allow.
    #[cfg(test)]
    paths: Paths,
}

/// Which ways of reading a line the readers created on a test thread use, to compare them.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Paths {
    /// Runs of plain lines, single lines split with `memchr`, `csv_core` for quoted ones.
    All,
    /// No runs of lines.
    NoRuns,
    /// Every line through `csv_core`.
    CsvOnly,
}

#[cfg(test)]
thread_local! {
    pub(super) static PATHS: std::cell::Cell<Paths> = const { std::cell::Cell::new(Paths::All) };
    pub(super) static TEST_BUFFER: std::cell::Cell<usize> = const { std::cell::Cell::new(16) };
}

#[cfg(test)]
fn buffer_size() -> usize {
    TEST_BUFFER.get()
}

impl TextRows {
    /// Rows of `input`, split at `delimiter`, decoded from `encoding`.
    pub(super) fn new(input: Input, delimiter: u8, encoding: TextEncoding, settled: bool, path: &Path) -> Self {
        let mut csv = csv_core::ReaderBuilder::new()
            .delimiter(delimiter)
            .terminator(csv_core::Terminator::Any(b'\n'))
            .build();
        // csv_core skips a BOM in the first input it is given; this reader does that itself at
        // the start of the file, so a first call with an empty line (which makes no record)
        // stops csv_core from taking a BOM off a later quoted line.
        let _ = csv.read_record(b"\n", &mut [0u8; 1], &mut [0usize; 1]);
        let decode = match encoding {
            TextEncoding::Gb18030 => Decode::Gb18030,
            _ if !settled => Decode::Unsettled,
            _ => Decode::Utf8,
        };
        TextRows {
            input,
            buf: vec![0; buffer_size()],
            pos: 0,
            end: 0,
            base: 0,
            limit: u64::MAX,
            eof: false,
            started: false,
            delimiter,
            csv,
            fields: vec![0; 1024],
            field_ends: vec![0; 64],
            joined: Vec::new(),
            raw_ends: Vec::new(),
            decode,
            run_start: 0,
            lines: Vec::new(),
            next_line: 0,
            generation: 0,
            next_quote: u64::MAX,
            quotes_seen: 0,
            line: 1,
            embedded_lines: 0,
            path: path.to_path_buf(),
            #[cfg(test)]
            paths: PATHS.get(),
        }
    }

    #[cfg(test)]
    fn csv_only(&self) -> bool {
        self.paths == Paths::CsvOnly
    }

    #[cfg(not(test))]
    #[inline(always)]
    fn csv_only(&self) -> bool {
        false
    }

    #[cfg(test)]
    fn runs(&self) -> bool {
        self.paths == Paths::All
    }

    #[cfg(not(test))]
    #[inline(always)]
    fn runs(&self) -> bool {
        true
    }

    /// The encoding rows are decoded with now, when it differs from the one first detected.
    pub(super) fn settled_gb18030(&self) -> bool {
        self.decode == Decode::Gb18030
    }

    /// The input offset of the next byte to be read.
    pub(super) fn position(&self) -> u64 {
        self.base + self.pos as u64
    }

    /// Hands the text from input offset `cut`, the start of a line ahead, to another reader
    /// that reads it from `input`, with the same delimiter, line-end folding and encoding
    /// state as this reader now; [`number_from`](Self::number_from) must set its line numbers.
    /// This reader stops at the cut ([`at_limit`](Self::at_limit)) unless a record runs
    /// across it; [`clear_limit`](Self::clear_limit) lets it read on.
    pub(super) fn part(&mut self, input: Box<dyn Read + Send>, cut: u64) -> TextRows {
        self.limit = cut;
        let input = Input::new(input, self.input.cr_to_lf);
        let mut part = TextRows::new(input, self.delimiter, TextEncoding::Utf8, true, &self.path);
        part.decode = self.decode;
        // A BOM is looked for at the start of the file only.
        part.started = true;
        #[cfg(test)]
        {
            part.paths = self.paths;
        }
        part
    }

    /// A reader without rows.
    pub(super) fn empty(path: &Path) -> TextRows {
        TextRows::new(
            Input::new(Box::new(std::io::empty()), false),
            b',',
            TextEncoding::Utf8,
            true,
            path,
        )
    }

    /// True when the encoding is not settled yet (only plain ASCII rows so far).
    pub(super) fn unsettled(&self) -> bool {
        self.decode == Decode::Unsettled
    }

    /// True when lone `\r` line ends are folded into `\n`.
    pub(super) fn folds_cr(&self) -> bool {
        self.input.cr_to_lf
    }

    /// The line the next byte is on, and the extra lines of multi-line cells so far.
    pub(super) fn lines(&self) -> (u64, u64) {
        (self.line, self.embedded_lines)
    }

    /// Numbers this reader's lines from `line`, with `embedded` extra lines of multi-line
    /// cells above it (for the part after a cut).
    pub(super) fn number_from(&mut self, line: u64, embedded: u64) {
        (self.line, self.embedded_lines) = (line, embedded);
    }

    /// True when this reader stopped at the cut of [`part`](Self::part).
    pub(super) fn at_limit(&self) -> bool {
        self.position() == self.limit
    }

    /// Lets this reader read on past the cut.
    pub(super) fn clear_limit(&mut self) {
        self.limit = u64::MAX;
    }

    /// Reads the next record into `row` (blank ones included, empty lines skipped); `false`
    /// at the end.
    pub(super) fn read(&mut self, row: &mut Row) -> Result<bool, Error> {
        loop {
            if self.position() >= self.limit {
                if self.position() == self.limit {
                    return Ok(false);
                }
                // A record ran across the cut: the part after it is refused (it has quotes
                // before the cut, see `Table::split_off`), and this reader reads on.
                self.limit = u64::MAX;
            }
            if self.next_line < self.lines.len() {
                if row.generation == self.generation {
                    let j = self.next_line;
                    self.next_line += 1;
                    let last = self.lines[j];
                    let first = if j == 0 { 0 } else { self.lines[j - 1] + 1 };
                    let ends = &row.run.ends;
                    let (start, end) = (if first == 0 { 0 } else { ends[first - 1] + 1 }, ends[last]);
                    self.pos = self.run_start + end + 1;
                    let number = self.line - self.embedded_lines;
                    self.line += 1;
                    if start == end {
                        continue; // an empty line: no record, but a line
                    }
                    (row.number, row.in_run, row.first, row.count) = (number, true, first, last - first + 1);
                    return Ok(true);
                }
                // Another row than the one that holds the run: start a new run here.
                self.lines.clear();
            }
            if self.runs() && self.start_run(row) {
                continue;
            }
            let data = &self.buf[self.pos..self.end];
            let len = match memchr::memchr(b'\n', data) {
                Some(len) => len,
                None if self.eof => data.len(),
                None => {
                    self.fill()?;
                    continue;
                }
            };
            if len == 0 {
                if data.is_empty() {
                    return Ok(false);
                }
                // An empty line: no record, but a line.
                self.pos += 1;
                self.line += 1;
                continue;
            }
            let line = &data[..len];
            if memchr::memchr(b'"', line).is_some() || self.csv_only() {
                return self.read_quoted(row);
            }
            row.number = self.line - self.embedded_lines;
            let cells = &mut row.cells;
            cells.ends.clear();
            cells.ends.extend(memchr::memchr_iter(self.delimiter, line));
            cells.ends.push(len);
            let decoded = store(&mut self.decode, line, cells, &mut self.raw_ends);
            row.use_cells();
            let terminated = len < data.len();
            self.pos += len + usize::from(terminated);
            self.line += u64::from(terminated);
            return if decoded {
                Ok(true)
            } else {
                Err(self.encoding_error(row.number))
            };
        }
    }

    /// Starts a run of lines at `pos`: the longest stretch of whole lines in the buffer with
    /// no `"` that reads the same in every encoding state (plain ASCII; or valid UTF-8 once
    /// settled on UTF-8). Its text is copied into the row at once and split at every delimiter
    /// and line end in one pass; its lines are then handed out one by one without copying.
    /// `false` when the line at `pos` does not qualify (or is not whole in the buffer): it is
    /// read on its own.
    fn start_run(&mut self, row: &mut Row) -> bool {
        let quote = self.first_quote() - self.pos;
        let data = &self.buf[self.pos..self.end];
        let Some(last) = memchr::memrchr(b'\n', data) else {
            return false;
        };
        // Whole lines before the first quote and the first byte that would need decoding.
        let whole = (last + 1).min(quote);
        let valid = match self.decode {
            Decode::Utf8 => std::str::from_utf8(&data[..whole]).map_or_else(|e| e.valid_up_to(), |_| whole),
            _ if data[..whole].is_ascii() => whole,
            _ => data[..whole].iter().position(|b| !b.is_ascii()).unwrap_or(whole),
        };
        let len = if valid > last {
            last + 1
        } else {
            memchr::memrchr(b'\n', &data[..valid]).map_or(0, |i| i + 1)
        };
        let Ok(text) = std::str::from_utf8(&data[..len]) else {
            return false;
        };
        if text.is_empty() {
            return false;
        }
        row.run.text.clear();
        row.run.text.push_str(text);
        row.run.ends.clear();
        self.lines.clear();
        split_lines(text.as_bytes(), self.delimiter, &mut row.run.ends, &mut self.lines);
        self.run_start = self.pos;
        self.next_line = 0;
        self.generation += 1;
        row.generation = self.generation;
        true
    }

    /// Where the first `"` at or after `pos` is in the buffer (`end` if none).
    fn first_quote(&mut self) -> usize {
        let (at, end) = (self.position(), self.base + self.end as u64);
        let stale = if self.next_quote == u64::MAX {
            self.quotes_seen < end
        } else {
            self.next_quote < at
        };
        if stale {
            let from = if self.next_quote == u64::MAX {
                self.quotes_seen.max(at)
            } else {
                at
            };
            let i = (from - self.base) as usize;
            match memchr::memchr(b'"', &self.buf[i..self.end]) {
                Some(q) => self.next_quote = from + q as u64,
                None => (self.next_quote, self.quotes_seen) = (u64::MAX, end),
            }
        }
        if self.next_quote == u64::MAX {
            self.end
        } else {
            (self.next_quote - self.base) as usize
        }
    }

    /// Reads the record starting at `buf[pos]` (a line with a quote) through `csv_core`.
    fn read_quoted(&mut self, row: &mut Row) -> Result<bool, Error> {
        row.number = self.line - self.embedded_lines;
        let (mut nout, mut nend, mut newlines) = (0, 0, 0u64);
        let terminated = loop {
            let input = &self.buf[self.pos..self.end];
            if input.is_empty() && !self.eof {
                self.fill()?;
                continue;
            }
            let (result, nin, o, e) =
                self.csv
                    .read_record(input, &mut self.fields[nout..], &mut self.field_ends[nend..]);
            newlines += memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
            self.pos += nin;
            (nout, nend) = (nout + o, nend + e);
            match result {
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.fields.resize(self.fields.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.field_ends.resize(self.field_ends.len() * 2, 0),
                // With input left, a record ends with its line end; without, at the file's end.
                ReadRecordResult::Record => break !input.is_empty(),
                ReadRecordResult::End => return Ok(false),
            }
        };
        self.line += newlines;
        self.embedded_lines += newlines - u64::from(terminated);
        let cells = &mut row.cells;
        cells.ends.clear();
        self.joined.clear();
        let mut start = 0;
        for (i, &end) in self.field_ends[..nend].iter().enumerate() {
            if i > 0 {
                self.joined.push(self.delimiter);
            }
            self.joined.extend_from_slice(&self.fields[start..end]);
            cells.ends.push(self.joined.len());
            start = end;
        }
        let decoded = store(&mut self.decode, &self.joined, cells, &mut self.raw_ends);
        row.use_cells();
        if decoded {
            Ok(true)
        } else {
            Err(self.encoding_error(row.number))
        }
    }

    /// Moves what is left to the front of the buffer and reads more after it (growing the
    /// buffer when a line fills it). At the end of the input, notes it.
    fn fill(&mut self) -> Result<(), Error> {
        self.lines.clear();
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.base += self.pos as u64;
            self.end -= self.pos;
            self.pos = 0;
        }
        loop {
            if self.end == self.buf.len() {
                self.buf.resize(self.buf.len() * 2, 0);
            }
            let n = self
                .input
                .read(&mut self.buf[self.end..])
                .map_err(|e| Error::io(&self.path, &e))?;
            self.end += n;
            self.eof = n == 0;
            // A BOM is looked for in the first three bytes of the file only.
            if self.started || self.eof || self.end >= 3 {
                break;
            }
        }
        if !self.started {
            self.started = true;
            if self.buf[..self.end].starts_with(b"\xEF\xBB\xBF") {
                self.pos = 3;
            }
        }
        Ok(())
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

/// Finds every delimiter and `\n` of `text` (whole lines) in one pass, pushing their offsets
/// to `ends` (the cell ends) and, for each `\n`, its index in `ends` to `lines`. Eight bytes
/// are compared at a time (SWAR): short lines cost about one step per cell.
fn split_lines(text: &[u8], delimiter: u8, ends: &mut Vec<usize>, lines: &mut Vec<usize>) {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    /// The high bit of every byte of `word` equal to the byte repeated in `pattern` (exact:
    /// no carry crosses bytes).
    #[inline(always)]
    fn equal(word: u64, pattern: u64) -> u64 {
        let x = word ^ pattern;
        !(((x & !HIGH) + !HIGH) | x) & HIGH
    }
    let (delimiters, newlines) = (ONES * u64::from(delimiter), ONES * u64::from(b'\n'));
    let mut chunks = text.chunks_exact(8);
    let mut at = 0;
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let line_ends = equal(word, newlines);
        let mut found = equal(word, delimiters) | line_ends;
        while found != 0 {
            let bit = found.trailing_zeros();
            ends.push(at + (bit / 8) as usize);
            if line_ends >> bit & 1 != 0 {
                lines.push(ends.len() - 1);
            }
            found &= found - 1;
        }
        at += 8;
    }
    for (i, &b) in chunks.remainder().iter().enumerate() {
        if b == delimiter || b == b'\n' {
            ends.push(at + i);
            if b == b'\n' {
                lines.push(ends.len() - 1);
            }
        }
    }
}

/// Stores the cells of `raw` (separated by one byte, their ends already in `cells.ends`) in
/// `cells` as text, settling the encoding on the first row that is not ASCII; `false` when the
/// row is not valid text in the encoding.
#[inline]
fn store(decode: &mut Decode, raw: &[u8], cells: &mut Cells, raw_ends: &mut Vec<usize>) -> bool {
    // Plain ASCII rows need no decoding in any encoding (checked only when it matters).
    let ascii = *decode != Decode::Utf8 && raw.is_ascii();
    if *decode != Decode::Gb18030 || ascii {
        if let Ok(text) = std::str::from_utf8(raw) {
            if *decode == Decode::Unsettled && !ascii {
                *decode = Decode::Utf8;
            }
            cells.text.clear();
            cells.text.push_str(text);
            return true;
        }
    }
    if *decode == Decode::Utf8 {
        return false;
    }
    std::mem::swap(&mut cells.ends, raw_ends);
    if !decode_gb18030(raw, raw_ends, cells) {
        return false;
    }
    *decode = Decode::Gb18030;
    true
}

/// Decodes every cell of `raw` (ending at `ends`, each followed by a separator byte) from
/// GB18030 into `cells`; `false` on a malformed sequence.
fn decode_gb18030(raw: &[u8], ends: &[usize], cells: &mut Cells) -> bool {
    cells.clear();
    let mut start = 0;
    for &end in ends {
        let field = &raw[start..end];
        start = end + 1;
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

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
//!
//! This file holds the reader itself: its buffer, line counting and single lines split with
//! `memchr`. The byte source and the hand-over to another reader at a cut are in
//! `text/part.rs`, the runs of plain lines in `text/runs.rs`, records with a quote in
//! `text/quoted.rs`, and decoding and settling the encoding in `text/decode.rs`.

mod decode;
mod part;
mod quoted;
mod runs;

use super::row::Row;
use super::TextEncoding;
use crate::error::Error;
use decode::{store, Decode};
pub(super) use part::Input;
use std::path::{Path, PathBuf};

/// The read buffer: a read call moves a useful amount of data, and what it moved is still in
/// the processor's cache when it is split. Tests mostly use a tiny one (`TEST_BUFFER`), so
/// that lines and quoted records cross its end all the time.
#[cfg(not(test))]
fn buffer_size() -> usize {
    256 * 1024
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
}

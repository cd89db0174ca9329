//! Records with a quote: from a line's first byte, the text reader hands such a record to the
//! `csv_core` parser (RFC 4180: quoted cells, doubled quotes, line ends inside quotes), which
//! reads on across as many lines as the record spans.

use super::decode::store;
use super::TextRows;
use crate::error::Error;
use crate::tabular::row::Row;
use csv_core::ReadRecordResult;

impl TextRows {
    /// Reads the record starting at `buf[pos]` (a line with a quote) through `csv_core`.
    pub(super) fn read_quoted(&mut self, row: &mut Row) -> Result<bool, Error> {
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
}

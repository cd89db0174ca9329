//! Runs of plain lines: the fast path of the text reader. The longest stretch of whole lines
//! in the buffer without a `"` (found with `memchr`) that reads the same in every encoding state
//! is copied into the row once and split at every delimiter and line end in one pass that
//! compares eight bytes at a time; the reader then hands its lines out one by one.

use super::{Decode, TextRows};
use crate::tabular::row::Row;

impl TextRows {
    /// Starts a run of lines at `pos`: the longest stretch of whole lines in the buffer with
    /// no `"` that reads the same in every encoding state (plain ASCII; or valid UTF-8 once
    /// settled on UTF-8). Its text is copied into the row at once and split at every delimiter
    /// and line end in one pass; its lines are then handed out one by one without copying.
    /// `false` when the line at `pos` does not qualify (or is not whole in the buffer): it is
    /// read on its own.
    pub(super) fn start_run(&mut self, row: &mut Row) -> bool {
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
}

/// Finds every delimiter and `\n` of `text` (whole lines) in one pass, pushing their offsets
/// to `ends` (the cell ends) and, for each `\n`, its index in `ends` to `lines`. Eight bytes
/// are compared at a time (SWAR): short lines cost about one step per cell.
#[inline]
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

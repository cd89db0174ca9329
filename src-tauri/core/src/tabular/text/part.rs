//! The byte source under the text reader (folding lone `\r` line ends), and handing the text
//! after a cut to another reader: its line numbering, and where this reader stops.

use super::{Decode, TextEncoding, TextRows};
use std::io::Read;
use std::path::Path;

/// The byte source under the reader: folds lone `\r` line ends.
pub(in crate::tabular) struct Input {
    inner: Box<dyn Read + Send>,
    cr_to_lf: bool,
}

impl Input {
    #[inline]
    pub(in crate::tabular) fn new(inner: Box<dyn Read + Send>, cr_to_lf: bool) -> Self {
        Input { inner, cr_to_lf }
    }

    /// Reads into `buf`; 0 at the end of the input.
    #[inline]
    pub(super) fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
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

impl TextRows {
    /// Hands the text from input offset `cut`, the start of a line ahead, to another reader
    /// that reads it from `input`, with the same delimiter, line-end folding and encoding
    /// state as this reader now; [`number_from`](Self::number_from) must set its line numbers.
    /// This reader stops at the cut ([`at_limit`](Self::at_limit)) unless a record runs
    /// across it; [`clear_limit`](Self::clear_limit) lets it read on.
    #[inline]
    pub(in crate::tabular) fn part(&mut self, input: Box<dyn Read + Send>, cut: u64) -> TextRows {
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
    #[inline]
    pub(in crate::tabular) fn empty(path: &Path) -> TextRows {
        TextRows::new(
            Input::new(Box::new(std::io::empty()), false),
            b',',
            TextEncoding::Utf8,
            true,
            path,
        )
    }

    /// True when the encoding is not settled yet (only plain ASCII rows so far).
    #[inline]
    pub(in crate::tabular) fn unsettled(&self) -> bool {
        self.decode == Decode::Unsettled
    }

    /// True when lone `\r` line ends are folded into `\n`.
    #[inline]
    pub(in crate::tabular) fn folds_cr(&self) -> bool {
        self.input.cr_to_lf
    }

    /// The line the next byte is on, and the extra lines of multi-line cells so far.
    #[inline]
    pub(in crate::tabular) fn lines(&self) -> (u64, u64) {
        (self.line, self.embedded_lines)
    }

    /// Numbers this reader's lines from `line`, with `embedded` extra lines of multi-line
    /// cells above it (for the part after a cut).
    #[inline]
    pub(in crate::tabular) fn number_from(&mut self, line: u64, embedded: u64) {
        (self.line, self.embedded_lines) = (line, embedded);
    }

    /// True when this reader stopped at the cut of [`part`](Self::part).
    #[inline]
    pub(in crate::tabular) fn at_limit(&self) -> bool {
        self.position() == self.limit
    }

    /// Lets this reader read on past the cut.
    #[inline]
    pub(in crate::tabular) fn clear_limit(&mut self) {
        self.limit = u64::MAX;
    }
}

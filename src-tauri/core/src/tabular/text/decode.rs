//! Decoding the text reader's rows: how the bytes of a row become text, settling an unsettled
//! encoding on the first row that is not ASCII (UTF-8 if it is valid UTF-8, else GB18030), and
//! the error for a row that does not decode (`table.bad_encoding`).

use super::TextRows;
use crate::error::{Error, ErrorCode};
use crate::tabular::row::Cells;
use crate::tabular::TextEncoding;
use encoding_rs::GB18030;

/// How the bytes of a row become text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Decode {
    /// UTF-8 (or UTF-16 already transcoded): invalid bytes are an error.
    Utf8,
    /// Only ASCII so far: the first non-ASCII row decides between UTF-8 and GB18030.
    Unsettled,
    /// GB18030 (a superset of GBK and GB2312).
    Gb18030,
}

impl TextRows {
    pub(super) fn encoding_error(&self, row: u64) -> Error {
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

/// Stores the cells of `raw` (separated by one byte, their ends already in `cells.ends`) in
/// `cells` as text, settling the encoding on the first row that is not ASCII; `false` when the
/// row is not valid text in the encoding.
#[inline]
pub(super) fn store(decode: &mut Decode, raw: &[u8], cells: &mut Cells, raw_ends: &mut Vec<usize>) -> bool {
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
#[inline]
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

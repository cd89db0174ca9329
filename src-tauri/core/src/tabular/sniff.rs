//! What a file is, from its first bytes: XLSX, text in which encoding, or something refused;
//! and which delimiter a text table uses.

use super::{Delimiter, TextEncoding};
use crate::error::{Error, ErrorCode};
use encoding_rs::{GB18030, UTF_16BE, UTF_16LE};
use std::borrow::Cow;
use std::path::Path;

/// How many bytes are read to decide the kind, the encoding and the delimiter.
pub(super) const SAMPLE_SIZE: usize = 64 * 1024;
/// How many data lines after the header confirm a delimiter.
const CONFIRM_LINES: usize = 20;

/// What the first bytes say a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// A ZIP archive, read as an XLSX workbook.
    Xlsx,
    /// Delimited text: the encoding, whether it is known for the whole file (`false` while
    /// the sample is plain ASCII, see `text.rs`), and how many BOM bytes to skip.
    Text {
        encoding: TextEncoding,
        settled: bool,
        bom: usize,
    },
}

/// Classifies a file from its sample (`truncated` when the file is longer than the sample).
pub(super) fn kind(sample: &[u8], truncated: bool, path: &Path) -> Result<Kind, Error> {
    if sample.starts_with(b"PK\x03\x04") || sample.starts_with(b"PK\x05\x06") {
        return Ok(Kind::Xlsx);
    }
    if sample.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Err(Error::file(
            ErrorCode::InvalidValue,
            path,
            "this is an old-format Excel file (.xls) or a password-protected workbook; save it as .xlsx without a password, or as CSV UTF-8",
        )
        .because("table.legacy_or_encrypted", &[]));
    }
    if let Some(kind) = foreign_kind(sample) {
        return Err(not_a_table(path, kind));
    }
    for (bom, encoding) in [
        (&b"\xEF\xBB\xBF"[..], TextEncoding::Utf8Bom),
        (b"\xFF\xFE", TextEncoding::Utf16Le),
        (b"\xFE\xFF", TextEncoding::Utf16Be),
    ] {
        if sample.starts_with(bom) {
            let bom = if encoding == TextEncoding::Utf8Bom { 3 } else { 0 };
            return Ok(Kind::Text {
                encoding,
                settled: true,
                bom,
            });
        }
    }
    if looks_binary(sample) {
        return Err(not_a_table(path, "binary"));
    }
    let text = |encoding, settled| Kind::Text {
        encoding,
        settled,
        bom: 0,
    };
    if sample.is_ascii() {
        return Ok(text(TextEncoding::Utf8, false));
    }
    match std::str::from_utf8(sample) {
        Ok(_) => return Ok(text(TextEncoding::Utf8, true)),
        // Cut in the middle of a character by the end of the sample: still UTF-8.
        Err(e) if truncated && e.error_len().is_none() => return Ok(text(TextEncoding::Utf8, true)),
        Err(_) => {}
    }
    if valid_gb18030(sample, truncated) {
        return Ok(text(TextEncoding::Gb18030, true));
    }
    Err(Error::file(
        ErrorCode::InvalidValue,
        path,
        "the text is neither UTF-8 nor GB18030/GBK; save it as CSV UTF-8",
    )
    .because("table.unknown_encoding", &[]))
}

/// The sample as UTF-8-compatible bytes for delimiter sniffing (UTF-16 is decoded; GB18030
/// needs nothing, since its multi-byte characters never contain a delimiter, quote or line end).
pub(super) fn ascii_compatible(sample: &[u8], encoding: TextEncoding) -> Cow<'_, [u8]> {
    let decoded = match encoding {
        TextEncoding::Utf16Le => UTF_16LE.decode_with_bom_removal(sample).0,
        TextEncoding::Utf16Be => UTF_16BE.decode_with_bom_removal(sample).0,
        _ => return Cow::Borrowed(sample),
    };
    Cow::Owned(decoded.into_owned().into_bytes())
}

/// True when lines end with a lone `\r` (classic Mac Excel "CSV (Macintosh)").
pub(super) fn cr_line_ends(sample: &[u8]) -> bool {
    sample.contains(&b'\r') && !sample.contains(&b'\n')
}

/// The delimiter that splits the header into the most columns the next lines agree with.
///
/// Each candidate (comma, semicolon, tab) parses the sample as CSV, so quoted fields that
/// contain another candidate do not count. A candidate needs at least two header columns;
/// among those, the one whose data lines most often have the header's column count wins, then
/// the one with more columns. A file with a single column reads as comma-separated.
pub(super) fn delimiter(sample: &[u8], truncated: bool) -> Delimiter {
    let mut best = (Delimiter::Comma, 0usize, 0usize);
    for candidate in [Delimiter::Comma, Delimiter::Semicolon, Delimiter::Tab] {
        let counts = field_counts(sample, candidate.byte(), truncated);
        let Some((&header, data)) = counts.split_first() else {
            continue;
        };
        let agreeing = data.iter().filter(|&&n| n == header).count();
        if header >= 2 && (agreeing, header) > (best.1, best.2) {
            best = (candidate, agreeing, header);
        }
    }
    best.0
}

/// Field counts of the first non-blank records of the sample (its cut-off last line left out).
fn field_counts(sample: &[u8], delimiter: u8, truncated: bool) -> Vec<usize> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(sample);
    let mut record = csv::ByteRecord::new();
    let mut counts = Vec::new();
    while counts.len() <= CONFIRM_LINES {
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            _ => break,
        }
        if truncated && reader.position().byte() as usize >= sample.len() {
            break;
        }
        if record.iter().any(|f| !f.trim_ascii().is_empty()) {
            counts.push(record.len());
        }
    }
    counts
}

/// The kind of a well-known non-table file, from its magic bytes or markup.
fn foreign_kind(sample: &[u8]) -> Option<&'static str> {
    const MAGIC: [(&[u8], &str); 9] = [
        (b"%PDF-", "pdf"),
        (b"\x89PNG", "image"),
        (b"\xFF\xD8\xFF", "image"),
        (b"GIF8", "image"),
        (b"\x1F\x8B", "archive"),
        (b"7z\xBC\xAF", "archive"),
        (b"Rar!", "archive"),
        (b"SQLite format 3\0", "database"),
        (b"{\\rtf", "rtf"),
    ];
    if let Some((_, kind)) = MAGIC.iter().find(|(m, _)| sample.starts_with(m)) {
        return Some(kind);
    }
    let start = sample
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(sample)
        .trim_ascii_start();
    let head = &start[..start.len().min(16)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") || lower.starts_with(b"<table") {
        // Many systems export an HTML table named .xls.
        return Some("html");
    }
    lower.starts_with(b"<?xml").then_some("xml")
}

/// NUL bytes, or more than 1 % control characters other than tab, line ends and form feed.
fn looks_binary(sample: &[u8]) -> bool {
    if sample.contains(&0) {
        return true;
    }
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    controls * 100 > sample.len()
}

/// True when the sample decodes as GB18030 without a malformed sequence.
fn valid_gb18030(sample: &[u8], truncated: bool) -> bool {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let Some(max) = decoder.max_utf8_buffer_length_without_replacement(sample.len()) else {
        return false;
    };
    let mut out = vec![0u8; max];
    let (result, _, _) = decoder.decode_to_utf8_without_replacement(sample, &mut out, !truncated);
    matches!(result, encoding_rs::DecoderResult::InputEmpty)
}

/// The error for a file that is not a table; `kind` is a stable id the UI names.
fn not_a_table(path: &Path, kind: &str) -> Error {
    let what = match kind {
        "html" => "a web page (HTML), perhaps an export named .xls; open it in Excel and save it as .xlsx",
        "xml" => "an XML file, not a table; save it from Excel as .xlsx or CSV",
        "zip" => "a ZIP archive that is not an Excel workbook",
        _ => "not a table (CSV, tab-separated text or .xlsx)",
    };
    Error::file(ErrorCode::InvalidValue, path, format!("this is {what}"))
        .because("table.not_a_table", &[("kind", kind)])
}

/// The error for a ZIP archive without a workbook in it.
pub(super) fn not_a_workbook(path: &Path) -> Error {
    not_a_table(path, "zip")
}

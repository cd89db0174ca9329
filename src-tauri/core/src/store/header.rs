//! Byte-level checks of a file's first 100 bytes, done before SQLite parses anything.
//!
//! These give each kind of wrong file a message of its own ("this is a PDF", "another
//! program's database", "written by a newer app", "truncated") instead of SQLite's generic
//! "file is not a database", and they keep files we would refuse anyway away from the SQL
//! engine altogether. Offsets are those of the SQLite file format
//! (<https://www.sqlite.org/fileformat.html#the_database_header>).

use super::APPLICATION_ID;
use crate::error::{Error, ErrorCode, Result};

/// Every SQLite database starts with these 16 bytes.
pub(super) const MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// Size of the SQLite database header.
pub(super) const HEADER_LEN: usize = 100;

/// What the header says about a file that passed the checks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct HeaderInfo {
    /// `PRAGMA user_version`: the plan schema version.
    pub user_version: i32,
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn not_a_plan(detail: &str, key: &str, params: &[(&str, &str)]) -> Error {
    Error::plain(ErrorCode::NotAPlan, format!("not a Sales Plan Studio plan; {detail}")).because(key, params)
}

fn damaged(detail: String) -> Error {
    Error::plain(ErrorCode::Corrupt, format!("the plan file is damaged: {detail}")).because("file.damaged", &[])
}

fn truncated(detail: String) -> Error {
    Error::plain(ErrorCode::Corrupt, format!("the plan file is damaged: {detail}")).because("file.truncated", &[])
}

/// Checks the header of a whole file read into memory.
pub(super) fn check(bytes: &[u8]) -> Result<HeaderInfo> {
    if bytes.is_empty() {
        return Err(
            Error::plain(ErrorCode::EmptyFile, "the file is empty (0 bytes); it holds no plan")
                .because("file.empty", &[]),
        );
    }
    if !bytes.starts_with(MAGIC) {
        let (kind, looks_like) = sniff(bytes);
        return Err(not_a_plan(
            &format!("it looks like {looks_like}"),
            "file.not_a_plan",
            &[("type", kind)],
        ));
    }
    if bytes.len() < HEADER_LEN {
        return Err(truncated(format!(
            "it ends after {} bytes, inside the file header",
            bytes.len()
        )));
    }
    let app_id = be_u32(bytes, 68) as i32;
    if app_id != APPLICATION_ID {
        return Err(not_a_plan(
            &format!("it is another program's SQLite database (application id {app_id:#010x})"),
            "file.other_sqlite",
            &[],
        ));
    }
    let user_version = be_u32(bytes, 60) as i32;
    if user_version <= 0 {
        return Err(not_a_plan(
            "it carries our application id but no plan schema version",
            "file.no_version",
            &[],
        ));
    }
    let page_size = match u16::from_be_bytes([bytes[16], bytes[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u32::from(n),
        n => return Err(damaged(format!("the header gives an impossible page size ({n})"))),
    };
    if bytes[18] != 1 || bytes[19] != 1 {
        // 2 means WAL: its committed data may live in a `-wal` file that did not travel with it.
        return Err(damaged(
            "it was not written in rollback-journal mode (its data may be in a separate -wal file)".into(),
        ));
    }
    check_length(bytes, page_size)?;
    // Versions above ours pass: the reader opens them read-only when it can.
    Ok(HeaderInfo { user_version })
}

/// The file must hold whole pages, exactly as many as the header says (when that count is
/// valid, i.e. the change counter matches "version valid for").
fn check_length(bytes: &[u8], page_size: u32) -> Result<()> {
    let len = bytes.len() as u64;
    let page = u64::from(page_size);
    let pages_in_header = u64::from(be_u32(bytes, 28));
    let count_valid = pages_in_header > 0 && be_u32(bytes, 24) == be_u32(bytes, 92);
    if count_valid {
        let expected = pages_in_header * page;
        if len < expected {
            return Err(truncated(format!(
                "it is truncated: {len} bytes, but its header says {pages_in_header} pages of {page_size} bytes ({expected} bytes)"
            )));
        }
        if len > expected {
            return Err(damaged(format!("it has {} bytes after its last page", len - expected)));
        }
    } else if !len.is_multiple_of(page) {
        return Err(truncated(format!(
            "it is truncated: {len} bytes is not a whole number of {page_size}-byte pages"
        )));
    }
    Ok(())
}

/// Names common file types by their first bytes, for "it looks like …": a stable id (the
/// `type` parameter of the `file.not_a_plan` reason) and the English phrase.
pub(super) fn sniff(bytes: &[u8]) -> (&'static str, &'static str) {
    const KNOWN: [(&[u8], &str, &str); 14] = [
        (b"%PDF", "pdf", "a PDF document"),
        (
            b"PK\x03\x04",
            "zip",
            "a ZIP archive (or an Excel/Word/PowerPoint file, which are ZIP archives)",
        ),
        (b"PK\x05\x06", "zip_empty", "an empty ZIP archive"),
        (
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
            "office_old",
            "an old Microsoft Office document (.xls/.doc/.ppt)",
        ),
        (b"\x89PNG", "png", "a PNG image"),
        (b"\xFF\xD8\xFF", "jpeg", "a JPEG image"),
        (b"GIF8", "gif", "a GIF image"),
        (b"\x1F\x8B", "gzip", "a gzip-compressed file"),
        (b"7z\xBC\xAF\x27\x1C", "7z", "a 7-Zip archive"),
        (b"Rar!", "rar", "a RAR archive"),
        (b"{\\rtf", "rtf", "an RTF document"),
        (b"\x7FELF", "elf", "a program (ELF executable)"),
        (b"MZ", "exe", "a Windows program"),
        (b"SQLite format 3", "sqlite_damaged", "a damaged SQLite database"),
    ];
    if let Some((_, id, name)) = KNOWN.iter().find(|(magic, _, _)| bytes.starts_with(magic)) {
        return (id, name);
    }
    let head = &bytes[..bytes.len().min(512)];
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let first = text.iter().find(|b| !b.is_ascii_whitespace()).copied();
    match (first, std::str::from_utf8(text).is_ok() || utf8_cut_short(text)) {
        (Some(b'{'), true) => ("json", "a JSON document (use Import to open a plan saved as JSON)"),
        (Some(b'<'), true) => ("html", "an HTML or XML document"),
        (_, true) => ("text", "a text file"),
        _ => ("other", "some other kind of file"),
    }
}

/// True when `text` is valid UTF-8 except for a character cut by the 512-byte window.
fn utf8_cut_short(text: &[u8]) -> bool {
    matches!(std::str::from_utf8(text), Err(e) if e.error_len().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::SCHEMA_VERSION;

    /// A minimal header that passes every check: one 4096-byte page.
    fn header() -> Vec<u8> {
        let mut b = vec![0u8; 4096];
        b[..16].copy_from_slice(MAGIC);
        b[16..18].copy_from_slice(&4096u16.to_be_bytes());
        b[18] = 1;
        b[19] = 1;
        b[24..28].copy_from_slice(&7u32.to_be_bytes());
        b[28..32].copy_from_slice(&1u32.to_be_bytes());
        b[92..96].copy_from_slice(&7u32.to_be_bytes());
        b[60..64].copy_from_slice(&(SCHEMA_VERSION as u32).to_be_bytes());
        b[68..72].copy_from_slice(&(APPLICATION_ID as u32).to_be_bytes());
        b
    }

    fn code(bytes: &[u8]) -> ErrorCode {
        check(bytes).unwrap_err().code()
    }

    #[test]
    fn a_good_header_passes() {
        assert_eq!(
            check(&header()).unwrap(),
            HeaderInfo {
                user_version: SCHEMA_VERSION
            }
        );
    }

    #[test]
    fn empty_and_foreign_files_are_named() {
        assert_eq!(code(b""), ErrorCode::EmptyFile);
        let pdf = check(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n").unwrap_err();
        assert_eq!(pdf.code(), ErrorCode::NotAPlan);
        assert!(pdf.detail().contains("PDF"), "{pdf}");
        assert!(check(b"PK\x03\x04\x14\x00").unwrap_err().detail().contains("Excel"));
        assert!(check(b"{\"format\": \"salesplan\"}")
            .unwrap_err()
            .detail()
            .contains("JSON"));
        assert!(check("季度计划".as_bytes()).unwrap_err().detail().contains("text file"));
        assert!(check(&[0x00, 0xFF, 0x13, 0x37])
            .unwrap_err()
            .detail()
            .contains("other kind"));
    }

    #[test]
    fn another_apps_database_is_not_a_plan() {
        let mut b = header();
        b[68..72].copy_from_slice(&[0, 0, 0, 0]);
        let err = check(&b).unwrap_err();
        assert_eq!(err.code(), ErrorCode::NotAPlan);
        assert!(err.detail().contains("another program's SQLite database"), "{err}");
    }

    #[test]
    fn version_zero_is_refused_and_newer_versions_pass_to_the_reader() {
        let mut b = header();
        b[60..64].copy_from_slice(&0u32.to_be_bytes());
        assert_eq!(code(&b), ErrorCode::NotAPlan);
        b[60..64].copy_from_slice(&u32::MAX.to_be_bytes());
        assert_eq!(code(&b), ErrorCode::NotAPlan, "negative versions are nonsense");
        b[60..64].copy_from_slice(&7u32.to_be_bytes());
        assert_eq!(check(&b).unwrap().user_version, 7);
    }

    #[test]
    fn truncation_and_trailing_bytes_are_damage() {
        let b = header();
        assert_eq!(code(&b[..50]), ErrorCode::Corrupt);
        assert_eq!(code(&b[..2048]), ErrorCode::Corrupt);
        let mut longer = b.clone();
        longer.extend_from_slice(&[0; 4096]);
        assert_eq!(code(&longer), ErrorCode::Corrupt, "header says 1 page, file has 2");
        // An invalid in-header page count falls back to "whole pages".
        let mut legacy = longer.clone();
        legacy[92..96].copy_from_slice(&8u32.to_be_bytes());
        assert!(check(&legacy).is_ok());
        legacy.pop();
        assert_eq!(code(&legacy), ErrorCode::Corrupt);
    }

    #[test]
    fn odd_page_sizes_and_wal_mode_are_damage() {
        let mut b = header();
        b[16..18].copy_from_slice(&1000u16.to_be_bytes());
        assert_eq!(code(&b), ErrorCode::Corrupt);
        let mut wal = header();
        wal[18] = 2;
        wal[19] = 2;
        assert_eq!(code(&wal), ErrorCode::Corrupt);
        let mut big = header();
        big[16..18].copy_from_slice(&1u16.to_be_bytes());
        assert_eq!(code(&big), ErrorCode::Corrupt, "65536-byte pages, file too short");
    }
}

//! The public types of opening a table: what was detected ([`TableInfo`], [`TableFormat`],
//! [`TextEncoding`], [`Delimiter`]) and the choices that override detection ([`OpenOptions`]).

#[cfg(doc)]
use super::Table;
use serde::Serialize;
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
    /// How a column mapping (`column=field`) names each column: see [`column_ref`](super::column_ref).
    pub refs: Vec<String>,
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

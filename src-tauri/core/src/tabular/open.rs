//! Opening a table: the file's kind, encoding and delimiter detected from its first 64 KiB
//! (see `sniff.rs`), overridden by [`OpenOptions`], the row source set up, and the header read
//! and checked.

use super::row::Row;
use super::{
    empty_error, parse_amount, parse_date, sniff, text, xlsx, Delimiter, OpenOptions, Source, Table, TableFormat,
    TableInfo, TextEncoding,
};
use crate::error::{Error, ErrorCode};
use std::io::Read;
use std::path::Path;

/// Opens a table with detection of format, encoding and delimiter.
pub fn open(path: &Path) -> Result<Table, Error> {
    open_with(path, &OpenOptions::default())
}

/// Opens a table with `options` overriding detection.
pub fn open_with(path: &Path, options: &OpenOptions) -> Result<Table, Error> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?;
    if meta.is_dir() {
        return Err(
            Error::file(ErrorCode::IsDirectory, path, "this is a folder, not a table").because("table.folder", &[]),
        );
    }
    if !meta.is_file() {
        return Err(
            Error::file(ErrorCode::InvalidValue, path, "this is not a regular file").because("table.not_regular", &[])
        );
    }
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
    // One byte more than the sample tells whether the file goes on; all of it is read again
    // from `head` below, so nothing between the sample and the rest of the file is lost.
    let mut head = Vec::with_capacity(sniff::SAMPLE_SIZE + 1);
    (&mut file)
        .take(sniff::SAMPLE_SIZE as u64 + 1)
        .read_to_end(&mut head)
        .map_err(|e| Error::io(path, &e))?;
    let truncated = head.len() > sniff::SAMPLE_SIZE;
    let sample = &head[..head.len().min(sniff::SAMPLE_SIZE)];
    if sample.is_empty() {
        return Err(Error::file(ErrorCode::EmptyFile, path, "the file is empty (0 bytes)").because("table.empty", &[]));
    }
    let mut text_origin = None;
    let (source, mut info) = match sniff::kind(sample, truncated, path)? {
        sniff::Kind::Xlsx => {
            if meta.len() > options.max_xlsx_bytes {
                return Err(too_large(path, meta.len(), options.max_xlsx_bytes));
            }
            let (rows, sheet) = xlsx::open(path)?;
            (Source::Xlsx(rows), info(TableFormat::Xlsx, None, None, Some(sheet)))
        }
        sniff::Kind::Text { encoding, settled, bom } => {
            let (encoding, settled) = options.encoding.map_or((encoding, settled), |e| (e, true));
            let sniffed = sniff::ascii_compatible(&sample[bom..], encoding);
            let delimiter = options
                .delimiter
                .unwrap_or_else(|| sniff::delimiter(&sniffed, truncated));
            let cr = sniff::cr_line_ends(&sniffed);
            if !matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be) {
                text_origin = Some(bom as u64);
            }
            let mut head = std::io::Cursor::new(head);
            head.set_position(bom as u64);
            let bytes: Box<dyn Read + Send> = Box::new(head.chain(file));
            let stream: Box<dyn Read + Send> = match encoding {
                TextEncoding::Utf16Le | TextEncoding::Utf16Be => Box::new(
                    encoding_rs_io::DecodeReaderBytesBuilder::new()
                        .encoding(Some(if encoding == TextEncoding::Utf16Le {
                            encoding_rs::UTF_16LE
                        } else {
                            encoding_rs::UTF_16BE
                        }))
                        .build(bytes),
                ),
                _ => bytes,
            };
            let rows = text::TextRows::new(text::Input::new(stream, cr), delimiter.byte(), encoding, settled, path);
            let info = info(TableFormat::Text, Some(encoding), Some(delimiter), None);
            (Source::Text(Box::new(rows)), info)
        }
    };
    let mut table = Table {
        info: info.clone(),
        path: path.to_path_buf(),
        source,
        row: Row::default(),
        text_origin,
        cut: None,
        size: meta.len(),
    };
    let Some(header) = table.next_row()? else {
        return Err(empty_error(path, info.sheet.as_deref()));
    };
    info.header_row = header.number();
    info.headers = header.iter().map(str::to_string).collect();
    info.refs = (0..info.headers.len())
        .map(|i| super::column_ref(&info.headers, i))
        .collect();
    if looks_like_data(&info.headers) {
        let first = crate::money::clip(info.headers.iter().find(|h| !h.is_empty()).map_or("", String::as_str));
        return Err(Error::file(
            ErrorCode::InvalidValue,
            path,
            format!("the first row (\"{first}\", …) holds values, not column names; add a header row"),
        )
        .because("table.no_header", &[("value", &first)]));
    }
    info.encoding = table.info.encoding;
    table.info = info;
    Ok(table)
}

fn info(
    format: TableFormat,
    encoding: Option<TextEncoding>,
    delimiter: Option<Delimiter>,
    sheet: Option<String>,
) -> TableInfo {
    TableInfo {
        format,
        encoding,
        delimiter,
        sheet,
        headers: Vec::new(),
        refs: Vec::new(),
        header_row: 0,
    }
}

/// True when every non-empty header cell reads as an amount or a date.
fn looks_like_data(headers: &[String]) -> bool {
    let mut cells = headers.iter().filter(|h| !h.is_empty()).peekable();
    cells.peek().is_some()
        && cells.all(|h| matches!(parse_amount(h, 10), Ok(Some(_))) || matches!(parse_date(h), Ok(Some(_))))
}

fn too_large(path: &Path, size: u64, limit: u64) -> Error {
    let mib = |n: u64| n.div_ceil(1024 * 1024).to_string();
    let (size, limit) = (mib(size), mib(limit));
    Error::file(
        ErrorCode::TooLarge,
        path,
        format!("the workbook is {size} MiB, over the {limit} MiB limit for .xlsx; save it as CSV, which has no limit"),
    )
    .because("table.too_large", &[("size", &size), ("limit", &limit)])
}

//! Cutting a text table in two for two threads: [`Table::split_off`], the [`TablePart`] that
//! reads the rows after the cut, and the check of the text before the cut that both share.

use super::row::Row;
#[cfg(doc)]
use super::TableInfo;
use super::{text, Source, Table};
use crate::error::Error;
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The smallest rest of a text table [`Table::split_off`] cuts in two: 4 MiB.
pub const MIN_SPLIT_BYTES: u64 = 4 * 1024 * 1024;

/// How far past the middle [`Table::split_off`] looks for a line end.
const SPLIT_SEARCH: usize = 64 * 1024;

impl Table {
    /// Cuts the rest of a large text table in two, so that two threads can read it: this
    /// table then ends at the cut, and the returned part holds the rows after it, read from
    /// the file with a handle of its own, numbered as this table would number them. `None`
    /// when the table is not cut: XLSX, UTF-16 (transcoded as a stream), less than
    /// [`MIN_SPLIT_BYTES`] left, or no line end within 64 KiB past the middle.
    ///
    /// The cut is the start of a line near the middle of what is left. It is a row boundary
    /// for sure only if no quoted cell spans it, and the rows after it read the same as in
    /// one pass only if the encoding is settled by then; nothing short of reading the text
    /// before the cut tells. So before the part gives its first row, the bytes before the cut
    /// are scanned once (one read and a `memchr` pass, a few percent of reading them as rows):
    /// they must hold no `"` at all, and be plain ASCII if the encoding is not settled yet
    /// (an ASCII start, see `text.rs`); their line ends give the part's first row number. If
    /// they do not qualify, the part has no rows and this table reads on past the cut, as if
    /// it had not been cut. (Whichever of the two gets there first does the scan.) A table is
    /// cut once at most.
    pub fn split_off(&mut self) -> Result<Option<TablePart>, Error> {
        let (Source::Text(rows), Some(origin), None) = (&mut self.source, self.text_origin, &self.cut) else {
            return Ok(None);
        };
        let io = |e: std::io::Error| Error::io(&self.path, &e);
        let len = std::fs::metadata(&self.path).map_err(io)?.len();
        let from = origin + rows.position();
        if len < from || len - from < MIN_SPLIT_BYTES {
            return Ok(None);
        }
        let middle = from + (len - from) / 2;
        let mut file = std::fs::File::open(&self.path).map_err(io)?;
        file.seek(SeekFrom::Start(middle)).map_err(io)?;
        let mut near = Vec::with_capacity(SPLIT_SEARCH);
        (&mut file)
            .take(SPLIT_SEARCH as u64)
            .read_to_end(&mut near)
            .map_err(io)?;
        let end = if rows.folds_cr() {
            memchr::memchr2(b'\r', b'\n', &near)
        } else {
            memchr::memchr(b'\n', &near)
        };
        let Some(end) = end else {
            return Ok(None);
        };
        self.split_at(middle + end as u64 + 1).map(Some)
    }

    /// Cuts the rest of a text table at file offset `cut`, the start of a line at or after
    /// the table's position (see [`Table::split_off`]).
    pub(super) fn split_at(&mut self, cut: u64) -> Result<TablePart, Error> {
        let (Source::Text(rows), Some(origin)) = (&mut self.source, self.text_origin) else {
            unreachable!("only text tables are cut");
        };
        let io = |e: std::io::Error| Error::io(&self.path, &e);
        let from = origin + rows.position();
        let mut file = std::fs::File::open(&self.path).map_err(io)?;
        file.seek(SeekFrom::Start(cut)).map_err(io)?;
        let part = rows.part(Box::new(file), cut - origin);
        let (line, embedded) = rows.lines();
        let check = Arc::new(Mutex::new(CutCheck::Pending {
            from,
            cut,
            ascii: rows.unsettled(),
            folds_cr: rows.folds_cr(),
        }));
        self.cut = Some(check.clone());
        Ok(TablePart {
            rows: Box::new(part),
            row: Row::default(),
            path: self.path.clone(),
            check,
            start: Some((line, embedded)),
        })
    }
}

/// Whether the text before a cut lets the part after it be read on its own (see
/// [`Table::split_off`]).
#[derive(Clone, Copy)]
pub(super) enum CutCheck {
    /// Not scanned yet: the file offsets of the text before the cut, whether it must be plain
    /// ASCII, and whether lone `\r` line ends are folded.
    Pending {
        from: u64,
        cut: u64,
        ascii: bool,
        folds_cr: bool,
    },
    /// Scanned: the number of line ends before the cut, `None` when the part is refused.
    Done(Option<u64>),
}

/// Scans the text before the cut once, whoever asks first; the number of its line ends, or
/// `None` when the part after the cut is refused.
pub(super) fn cut_verdict(check: &Mutex<CutCheck>, path: &Path) -> Result<Option<u64>, Error> {
    let mut check = check.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    match *check {
        CutCheck::Done(verdict) => Ok(verdict),
        CutCheck::Pending {
            from,
            cut,
            ascii,
            folds_cr,
        } => {
            // Refused unless the scan completes.
            *check = CutCheck::Done(None);
            let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, &e))?;
            let verdict = scan_before_cut(&mut file, from, cut, ascii, folds_cr).map_err(|e| Error::io(path, &e))?;
            *check = CutCheck::Done(verdict);
            Ok(verdict)
        }
    }
}

/// Reads `from..cut` of `file`: `None` if it holds a `"` (or, when `ascii`, a byte that is
/// not ASCII), else its number of line ends.
fn scan_before_cut(
    file: &mut std::fs::File,
    from: u64,
    cut: u64,
    ascii: bool,
    folds_cr: bool,
) -> std::io::Result<Option<u64>> {
    file.seek(SeekFrom::Start(from))?;
    let mut left = cut - from;
    let mut buf = vec![0u8; 1 << 20];
    let mut lines = 0u64;
    while left > 0 {
        let n = file.read(&mut buf[..(left as usize).min(1 << 20)])?;
        if n == 0 {
            return Ok(None);
        }
        let bytes = &buf[..n];
        if memchr::memchr(b'"', bytes).is_some() || (ascii && !bytes.is_ascii()) {
            return Ok(None);
        }
        lines += if folds_cr {
            memchr::memchr2_iter(b'\r', b'\n', bytes).count()
        } else {
            memchr::memchr_iter(b'\n', bytes).count()
        } as u64;
        left -= n as u64;
    }
    Ok(Some(lines))
}

/// The rows of a text table after a cut (see [`Table::split_off`]), to read on another thread.
pub struct TablePart {
    rows: Box<text::TextRows>,
    row: Row,
    path: PathBuf,
    check: Arc<Mutex<CutCheck>>,
    /// The table's line and extra lines of multi-line cells at the split, until the scan.
    start: Option<(u64, u64)>,
}

impl TablePart {
    /// The next non-blank row after the cut, `None` at the end of the file, or at once when
    /// the text before the cut did not qualify (the table then reads these rows itself). The
    /// first call scans the text before the cut (see [`Table::split_off`]).
    pub fn next_row(&mut self) -> Result<Option<&Row>, Error> {
        if let Some((line, embedded)) = self.start.take() {
            let verdict = cut_verdict(&self.check, &self.path);
            match verdict {
                Ok(Some(lines)) => self.rows.number_from(line + lines, embedded),
                _ => *self.rows = text::TextRows::empty(&self.path),
            }
            verdict?;
        }
        loop {
            if !self.rows.read(&mut self.row)? {
                return Ok(None);
            }
            if !self.row.is_blank() {
                return Ok(Some(&self.row));
            }
        }
    }

    /// True when the part's rows settled an encoding that was not settled at the cut on
    /// GB18030 (what [`TableInfo::encoding`] says of a table that read them itself).
    pub fn settled_gb18030(&self) -> bool {
        self.rows.settled_gb18030()
    }
}

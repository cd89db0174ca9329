//! The encoded columns of an order chunk, both ways, read strictly.
//!
//! A chunk holds up to [`super::CHUNK_ROWS`] orders as seven byte strings, one per column. All
//! numbers are LEB128 varints (7 bits a byte, low bits first); signed ones are zigzag-coded
//! (0, −1, 1, −2 … → 0, 1, 2, 3 …) so small magnitudes take one byte.
//!
//! - **Text columns** (customer, order id, product, channel, region): the chunk's distinct
//!   values, then one index per row. `D`, then `D` × (byte length, UTF-8 bytes), then per row
//!   the value's index (customer: `0..D`; optional columns: `0` = none, `k` = value `k − 1`).
//!   Values are listed in the order of their first row, so each new index is exactly the next.
//! - **Dates**: per row the difference in days from the previous row's date (the first row's
//!   from day 0 of the common era, `NaiveDate::num_days_from_ce`). Rows sorted by date cost a
//!   byte each.
//! - **Amounts**: per row the amount in units of 10^−scale (the book's scale), e.g. 1234.5 at
//!   scale 2 is 123450.
//!
//! Worked example, two rows (客户A, 2025-03-05, 10.50) and (客户A, 2025-03-06, −2) at scale 2:
//! customer `01 07 e5 ae a2 e6 88 b7 41 00 00` (one value of 7 bytes, indices 0 and 0); dates
//! `zigzag(739315) = 1478630` then `zigzag(1) = 2`; amounts `zigzag(1050) = 2100` →
//! `b4 10` and `zigzag(−200) = 399` → `8f 03`.
//!
//! Reading refuses anything the writer would not produce: an overlong varint, a value past the
//! row count, an index out of order, a duplicate or unused value, a text that is empty, too
//! long, untrimmed or holds control characters, a date outside 1900–9999, trailing bytes. So
//! two chunks are equal exactly when their bytes are, and no file can smuggle in a value the
//! app would not have written.

use chrono::{Datelike, NaiveDate};
use rustc_hash::FxHashSet;

/// Longest text of an order cell, in characters.
pub const MAX_ORDER_TEXT: usize = 100;
/// Amounts are below 10^18 units in magnitude (18 digits, as `money::parse_decimal` reads).
pub const MAX_UNITS: i64 = 999_999_999_999_999_999;

/// Appends `v` as a LEB128 varint.
pub(super) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends `v` zigzag-coded.
pub(super) fn put_signed(out: &mut Vec<u8>, v: i64) {
    put_varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// A cursor over an encoded column.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    /// The next varint; refuses truncated and overlong encodings.
    pub(super) fn varint(&mut self) -> Result<u64, String> {
        let mut value = 0u64;
        for shift in (0..70).step_by(7) {
            let Some(&b) = self.bytes.get(self.at) else {
                return Err("ends inside a number".into());
            };
            self.at += 1;
            if shift == 63 && b > 1 {
                return Err("holds a number too large".into());
            }
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                if b == 0 && shift > 0 {
                    return Err("holds a number in a longer form than needed".into());
                }
                return Ok(value);
            }
        }
        Err("holds a number too large".into())
    }

    fn signed(&mut self) -> Result<i64, String> {
        let z = self.varint()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }

    fn bytes(&mut self, len: usize) -> Result<&'a [u8], String> {
        let end = self.at.checked_add(len).filter(|&e| e <= self.bytes.len());
        let end = end.ok_or("ends inside a text")?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }

    /// Refuses bytes after the last value.
    fn finish(self) -> Result<(), String> {
        if self.at == self.bytes.len() {
            Ok(())
        } else {
            Err("has bytes after its last value".into())
        }
    }
}

/// Why an order text is refused, as a reason key: empty, too long, padded, control characters.
pub fn check_text(text: &str) -> Result<(), &'static str> {
    // Most cells are short ASCII codes: checked byte by byte, without decoding characters.
    let ascii = text.is_ascii();
    if text.is_empty() {
        Err("orders.text_empty")
    } else if text.len() > MAX_ORDER_TEXT && (ascii || text.chars().count() > MAX_ORDER_TEXT) {
        Err("orders.text_too_long")
    } else if text.starts_with(char::is_whitespace) || text.ends_with(char::is_whitespace) {
        Err("orders.text_untrimmed")
    } else if has_control(text.as_bytes(), ascii) {
        Err("text.control_chars")
    } else {
        Ok(())
    }
}

/// True when the UTF-8 `bytes` hold a control character (`char::is_control`: C0, DEL and the
/// C1 range U+0080–U+009F, which UTF-8 writes as `C2 80` … `C2 9F`), found without decoding.
fn has_control(bytes: &[u8], ascii: bool) -> bool {
    let c0 = |b: &u8| *b < 0x20 || *b == 0x7f;
    bytes.iter().any(c0) || (!ascii && bytes.windows(2).any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1])))
}

/// A decoded text column: the chunk's values and one index per row (as stored).
pub(super) struct TextColumn<'a> {
    pub values: Vec<&'a str>,
    pub indices: Vec<u32>,
}

impl<'a> TextColumn<'a> {
    /// A column of empty cells (an optional column not decoded).
    pub(super) fn empty(rows: usize) -> Self {
        TextColumn {
            values: vec![],
            indices: vec![0; rows],
        }
    }

    /// The text of row `i` (`None` for an optional column's empty cell).
    pub(super) fn get(&self, i: usize, optional: bool) -> Option<&'a str> {
        match (self.indices[i] as usize, optional) {
            (0, true) => None,
            (k, true) => Some(self.values[k - 1]),
            (k, false) => Some(self.values[k]),
        }
    }
}

/// Encodes a text column from its values (in order of first use) and per-row indices.
pub(super) fn encode_text(values: &[&str], indices: &[u32]) -> Vec<u8> {
    let text: usize = values.iter().map(|v| v.len() + 2).sum();
    let mut out = Vec::with_capacity(text + indices.len() + 4);
    put_varint(&mut out, values.len() as u64);
    for v in values {
        put_varint(&mut out, v.len() as u64);
        out.extend_from_slice(v.as_bytes());
    }
    for &i in indices {
        put_varint(&mut out, u64::from(i));
    }
    out
}

/// How much a decoder checks: everything (bytes from a file or a JSON import), or only what
/// keeps it from misreading (bytes this process checked fully before: iteration).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Check {
    /// Every rule of the module docs.
    Full,
    /// Bounds only; the bytes were checked with `Full` when the book was built.
    Trusted,
}

/// Decodes a text column of `rows` rows.
pub(super) fn decode_text(bytes: &[u8], rows: usize, optional: bool, check: Check) -> Result<TextColumn<'_>, String> {
    let full = check == Check::Full;
    let mut r = Reader::new(bytes);
    let count = r.varint()?;
    if count > rows as u64 {
        return Err(format!("lists {count} values for {rows} rows"));
    }
    let mut values = Vec::with_capacity(count as usize);
    let mut seen = FxHashSet::with_capacity_and_hasher(if full { count as usize } else { 0 }, Default::default());
    for _ in 0..count {
        let len = r.varint()?;
        let raw = r.bytes(usize::try_from(len).map_err(|_| "holds a text too long")?)?;
        let text = std::str::from_utf8(raw).map_err(|_| "holds a text that is not UTF-8".to_string())?;
        if full {
            check_text(text).map_err(|key| format!("holds a value refused as {key}"))?;
            if !seen.insert(text) {
                return Err("lists a value twice".into());
            }
        }
        values.push(text);
    }
    let first = u64::from(optional);
    let mut next_new = first;
    let mut indices = Vec::with_capacity(rows);
    for _ in 0..rows {
        let i = r.varint()?;
        if i >= count + first || (full && i > next_new) {
            return Err("refers to a value out of order or past the list".into());
        }
        if i == next_new {
            next_new += 1;
        }
        indices.push(i as u32);
    }
    if full && next_new != count + first {
        return Err("lists a value no row uses".into());
    }
    r.finish()?;
    Ok(TextColumn { values, indices })
}

/// The first and last date an order may carry (as the tabular date parser accepts).
fn date_range() -> (i32, i32) {
    let first = NaiveDate::from_ymd_opt(1900, 1, 1).expect("valid date");
    let last = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
    (first.num_days_from_ce(), last.num_days_from_ce())
}

/// True when an order may carry this date.
pub fn date_in_range(date: NaiveDate) -> bool {
    let (first, last) = date_range();
    (first..=last).contains(&date.num_days_from_ce())
}

/// Encodes dates as differences from the previous row.
pub(super) fn encode_dates(dates: &[NaiveDate]) -> Vec<u8> {
    let mut out = Vec::with_capacity(dates.len() + 4);
    let mut previous = 0i64;
    for d in dates {
        let days = i64::from(d.num_days_from_ce());
        put_signed(&mut out, days - previous);
        previous = days;
    }
    out
}

/// Decodes and checks a date column of `rows` rows.
pub(super) fn decode_dates(bytes: &[u8], rows: usize) -> Result<Vec<NaiveDate>, String> {
    let (first, last) = date_range();
    let mut r = Reader::new(bytes);
    let mut out = Vec::with_capacity(rows);
    let mut days = 0i64;
    for _ in 0..rows {
        days = days.checked_add(r.signed()?).ok_or("holds a date out of range")?;
        let date = i32::try_from(days)
            .ok()
            .filter(|d| (first..=last).contains(d))
            .and_then(NaiveDate::from_num_days_from_ce_opt)
            .ok_or("holds a date outside 1900–9999")?;
        out.push(date);
    }
    r.finish()?;
    Ok(out)
}

/// Encodes amounts (units of 10^−scale).
pub(super) fn encode_amounts(amounts: &[i64]) -> Vec<u8> {
    let mut out = Vec::with_capacity(amounts.len() * 3);
    for &a in amounts {
        put_signed(&mut out, a);
    }
    out
}

/// Decodes an amount column of `rows` rows.
pub(super) fn decode_amounts(bytes: &[u8], rows: usize) -> Result<Vec<i64>, String> {
    let mut r = Reader::new(bytes);
    let out = (0..rows).map(|_| r.signed()).collect::<Result<Vec<_>, _>>()?;
    r.finish()?;
    if out.iter().any(|a| a.unsigned_abs() > MAX_UNITS as u64) {
        return Err("holds an amount of more than 18 digits".into());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_worked_example_encodes_as_documented() {
        let values = ["客户A"];
        assert_eq!(
            encode_text(&values, &[0, 0]),
            [1, 7, 0xe5, 0xae, 0xa2, 0xe6, 0x88, 0xb7, 0x41, 0, 0]
        );
        let d = |day| NaiveDate::from_ymd_opt(2025, 3, day).unwrap();
        let dates = encode_dates(&[d(5), d(6)]);
        assert_eq!(d(5).num_days_from_ce(), 739_315);
        assert_eq!(decode_dates(&dates, 2).unwrap(), vec![d(5), d(6)]);
        assert_eq!(*dates.last().unwrap(), 2, "one day later is zigzag 2");
        assert_eq!(encode_amounts(&[1050, -200]), [0xb4, 0x10, 0x8f, 0x03]);
        assert_eq!(decode_amounts(&[0xb4, 0x10, 0x8f, 0x03], 2).unwrap(), vec![1050, -200]);
    }

    #[test]
    fn extreme_numbers_round_trip_and_overlong_ones_are_refused() {
        for v in [0, 1, -1, 63, -64, MAX_UNITS, -MAX_UNITS] {
            let bytes = encode_amounts(&[v]);
            assert_eq!(decode_amounts(&bytes, 1).unwrap(), vec![v], "{v}");
        }
        for v in [MAX_UNITS + 1, i64::MAX, i64::MIN] {
            assert!(decode_amounts(&encode_amounts(&[v]), 1).is_err(), "{v}");
        }
        assert!(decode_amounts(&[0x80, 0x00], 1).is_err(), "zero in two bytes");
        assert!(decode_amounts(&[0xff; 11], 1).is_err(), "eleven bytes");
        assert!(decode_amounts(&[0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02], 1).is_err());
        assert!(decode_amounts(&[0x02, 0x02], 1).is_err(), "trailing bytes");
        assert!(decode_amounts(&[0x82], 1).is_err(), "truncated");
    }

    #[test]
    fn text_columns_must_be_in_first_use_order_with_every_value_used() {
        let values = ["a", "b"];
        let ok = encode_text(&values, &[0, 1, 0]);
        let col = decode_text(&ok, 3, false, Check::Full).unwrap();
        assert_eq!((col.values, col.indices), (vec!["a", "b"], vec![0, 1, 0]));
        assert!(
            decode_text(&encode_text(&values, &[1, 0, 0]), 3, false, Check::Full).is_err(),
            "b before a"
        );
        assert!(
            decode_text(&encode_text(&values, &[0, 0, 0]), 3, false, Check::Full).is_err(),
            "b unused"
        );
        let twice = ["a", "a"];
        assert!(
            decode_text(&encode_text(&twice, &[0, 1]), 2, false, Check::Full).is_err(),
            "duplicate"
        );
        // Optional: 0 is empty, values count from 1.
        let opt = encode_text(&values, &[0, 1, 0, 2]);
        let col = decode_text(&opt, 4, true, Check::Full).unwrap();
        assert_eq!(
            (0..4).map(|i| col.get(i, true)).collect::<Vec<_>>(),
            [None, Some("a"), None, Some("b")]
        );
        assert!(
            decode_text(&opt, 4, false, Check::Full).is_err(),
            "index 2 is past a required list"
        );
    }

    #[test]
    fn bad_texts_and_dates_are_refused() {
        for text in ["a\u{7}b", "长\u{85}长", "\u{9f}x", "x\u{7f}"] {
            assert_eq!(check_text(text), Err("text.control_chars"), "{text:?}");
        }
        assert_eq!(check_text("长\u{a0}长"), Ok(()), "a no-break space inside is text");
        for bad in ["", " a", "a\u{3000}", "a\u{7}", &"长".repeat(MAX_ORDER_TEXT + 1)] {
            let values = [bad];
            assert!(
                decode_text(&encode_text(&values, &[0]), 1, false, Check::Full).is_err(),
                "{bad:?}"
            );
        }
        let invalid_utf8 = [1, 1, 0xff, 0];
        assert!(decode_text(&invalid_utf8, 1, false, Check::Full).is_err());
        let too_early = NaiveDate::from_ymd_opt(1899, 12, 31).unwrap();
        assert!(!date_in_range(too_early));
        assert!(decode_dates(&encode_dates(&[too_early]), 1).is_err());
    }
}

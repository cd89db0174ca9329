//! Dates and months in imported cells.
//!
//! Accepted dates (the year always first, so nothing is guessed):
//! `2024-03-05`, `2024/3/5`, `2024.3.5`, `20240305`, `2024年3月5日` (日 or 号 optional), each
//! optionally followed by a time (`14:30`, `14:30:00`, `14:30:00.123`, `T14:30:00Z`, `2:30 PM`)
//! that is checked and then ignored, and Excel serial numbers written as text.
//!
//! Excel serial numbers count days in the 1900 date system, which pretends 1900 was a leap
//! year: serial 60 is the fictitious 1900-02-29 and is refused; serials 1–59 are 1900-01-01 to
//! 1900-02-28, and from 61 on every serial is one day later than a plain count from 1899-12-31
//! would say. A serial in text is one to five digits; a fraction (a time of day) is allowed
//! only on a five-digit serial, so `2024.3` (a month written with a dot) is never read as a
//! 1905 date. XLSX date cells do not come through here as serials: the reader turns them into
//! `YYYY-MM-DD` text with calamine's own conversion (which knows the 1904 date system), so a
//! date cell holding serial 60 arrives as `1900-02-29` and is refused as impossible.
//!
//! Refused, with a reason key: impossible dates (`2024-02-30`, `date.impossible`), dates with
//! the year last or a two-digit year (`03/05/2024`, `24-3-5`: day-first or month-first cannot
//! be told apart, `date.ambiguous_order`), years outside 1900–9999 and serial 0
//! (`date.out_of_range`), serial 60 (`date.excel_1900_02_29`) and anything else
//! (`date.unrecognized`). Every reason carries the clipped `value`.
//!
//! Months (baseline history) accept `2024-03`, `2024/3`, `2024.3`, `202403`, `2024年3月`, and any
//! date above that falls on the first of a month (Excel stores a typed "2024-03" as the date
//! 2024-03-01). A month is returned as the first day of that month. A date on another day is
//! refused (`month.not_first_day`) rather than rounded, and a month 0 or 13+ is
//! `month.impossible`; anything else is `month.unrecognized`.
//!
//! Both parsers treat an empty cell as missing (`Ok(None)`): the caller decides whether that is
//! allowed. Parsing never allocates unless it fails.

use super::rejects::value_reason;
use crate::error::Reason;
use chrono::{Datelike, NaiveDate};

/// The most digits in one run (fits a `u64`); longer runs are no date.
const MAX_DIGITS: u8 = 18;
/// The most tokens a date cell can have (`2024 - 03 - 05 ␠ 14 : 30 : 00 . 123 PM`).
const MAX_TOKENS: usize = 16;

/// Remembers the last date cell read and its date, for [`DateMemo::parse`]: order files are
/// mostly sorted by date, so most date cells repeat the one before and need no parsing.
#[derive(Debug, Default)]
pub struct DateMemo {
    text: String,
    date: Option<NaiveDate>,
}

impl DateMemo {
    /// [`parse_date`] of `text`, reusing the last date when the cell is the same text.
    pub fn parse(&mut self, text: &str) -> Result<Option<NaiveDate>, Reason> {
        if let Some(date) = self.date.filter(|_| self.text == text) {
            return Ok(Some(date));
        }
        let parsed = parse_date(text)?;
        if let Some(date) = parsed {
            self.text.clear();
            self.text.push_str(text);
            self.date = Some(date);
        }
        Ok(parsed)
    }
}

/// Parses a date cell; an empty cell is `Ok(None)`.
pub fn parse_date(text: &str) -> Result<Option<NaiveDate>, Reason> {
    let t = super::row::trim_cell(text);
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(date) = iso_fast(t.as_bytes()) {
        return date.map(Some).map_err(|key| value_reason(key, text));
    }
    let tokens = Tokens::of(t).ok_or_else(|| value_reason("date.unrecognized", text))?;
    date_of(&tokens).map(Some).map_err(|key| value_reason(key, text))
}

/// Parses a month cell to the first day of that month; an empty cell is `Ok(None)`.
pub fn parse_month(text: &str) -> Result<Option<NaiveDate>, Reason> {
    let t = super::row::trim_cell(text);
    if t.is_empty() {
        return Ok(None);
    }
    let tokens = Tokens::of(t).ok_or_else(|| value_reason("month.unrecognized", text))?;
    let month = match tokens.as_slice() {
        [Num(y, 4), Sep('-' | '/' | '.'), Num(m, 1..=2)] => Some((*y, *m)),
        [Num(y, 4), Sep('年'), Num(m, 1..=2), Sep('月')] => Some((*y, *m)),
        [Num(ym, 6)] => Some((ym / 100, ym % 100)),
        _ => None,
    };
    if let Some((y, m)) = month {
        check_year(y).map_err(|key| value_reason(key, text))?;
        return match NaiveDate::from_ymd_opt(y as i32, m as u32, 1) {
            Some(d) => Ok(Some(d)),
            None => Err(value_reason("month.impossible", text)),
        };
    }
    match date_of(&tokens) {
        Ok(d) if d.day() == 1 => Ok(Some(d)),
        Ok(_) => Err(value_reason("month.not_first_day", text)),
        Err("date.unrecognized") => Err(value_reason("month.unrecognized", text)),
        Err(key) => Err(value_reason(key, text)),
    }
}

/// The date of an Excel serial day number in the 1900 date system (see the module docs).
fn excel_serial_date(serial: i64) -> Result<NaiveDate, &'static str> {
    let base = match serial {
        1..=59 => NaiveDate::from_ymd_opt(1899, 12, 31),
        60 => return Err("date.excel_1900_02_29"),
        61..=2_958_465 => NaiveDate::from_ymd_opt(1899, 12, 30),
        _ => return Err("date.out_of_range"),
    };
    base.and_then(|b| b.checked_add_days(chrono::Days::new(serial as u64)))
        .ok_or("date.out_of_range")
}

/// `YYYY-MM-DD` exactly, the common case of millions of rows: `None` when it is another form.
fn iso_fast(b: &[u8]) -> Option<Result<NaiveDate, &'static str>> {
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    Some(ymd(u64::from(y), u64::from(m), u64::from(d)))
}

/// A date from tokens, or the reason key it is refused with.
fn date_of(tokens: &Tokens) -> Result<NaiveDate, &'static str> {
    let all = tokens.as_slice();
    let (date, time) = split_time(all);
    if !time_ok(time) {
        return Err("date.unrecognized");
    }
    match date {
        [Num(y, 4), Sep(a), Num(m, 1..=2), Sep(b), Num(d, 1..=2)] if a == b && matches!(a, '-' | '/' | '.') => {
            ymd(*y, *m, *d)
        }
        [Num(y, 4), Sep('年'), Num(m, 1..=2), Sep('月'), Num(d, 1..=2)]
        | [Num(y, 4), Sep('年'), Num(m, 1..=2), Sep('月'), Num(d, 1..=2), Sep('日' | '号')] => ymd(*y, *m, *d),
        [Num(n, 8)] => ymd(n / 10_000, n / 100 % 100, n % 100),
        [Num(n, 1..=5)] if time.is_empty() => excel_serial_date(*n as i64),
        [Num(n, 5), Sep('.'), Num(_, _)] if time.is_empty() => excel_serial_date(*n as i64),
        [Num(_, 1..=2), Sep(a), Num(_, 1..=2), Sep(b), Num(_, 2 | 4)] if a == b && matches!(a, '-' | '/' | '.') => {
            Err("date.ambiguous_order")
        }
        [Num(_, 2), Sep(a), Num(_, 1..=2), Sep(b), Num(_, 1..=2)] if a == b && matches!(a, '-' | '/' | '.') => {
            Err("date.ambiguous_order")
        }
        _ => Err("date.unrecognized"),
    }
}

/// Splits `date [sep] time` into the date tokens and the time tokens (empty when none).
fn split_time(all: &[Token]) -> (&[Token], &[Token]) {
    match all.iter().position(|t| matches!(t, Space | Sep('T'))) {
        Some(i) => (&all[..i], &all[i + 1..]),
        None => (all, &[]),
    }
}

/// True when the tokens are empty or a plausible time of day (checked, then ignored).
fn time_ok(time: &[Token]) -> bool {
    let (hm, rest) = match time {
        [] => return true,
        [Num(h, 1..=2), Sep(':'), Num(m, 2), rest @ ..] => ((*h, *m), rest),
        _ => return false,
    };
    let rest = match rest {
        [Sep(':'), Num(s, 2), Sep('.'), Num(_, _), r @ ..] | [Sep(':'), Num(s, 2), r @ ..] if *s < 60 => r,
        [Sep(':'), ..] => return false,
        r => r,
    };
    let suffix_ok = matches!(rest, [] | [Sep('Z')] | [Space, Word] | [Word]);
    hm.0 < 24 && hm.1 < 60 && suffix_ok
}

/// A checked calendar date, or the key of why it is refused.
fn ymd(y: u64, m: u64, d: u64) -> Result<NaiveDate, &'static str> {
    check_year(y)?;
    NaiveDate::from_ymd_opt(y as i32, m as u32, d as u32).ok_or("date.impossible")
}

/// Plan data lives between Excel's first year and the last four-digit year.
fn check_year(y: u64) -> Result<(), &'static str> {
    if (1900..=9999).contains(&y) {
        Ok(())
    } else {
        Err("date.out_of_range")
    }
}

/// One piece of a date cell.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Token {
    /// A run of digits: its value and how many digits it has.
    Num(u64, u8),
    /// One separator character (`-`, `/`, `.`, `:`, `年`, `月`, `日`, `号`, `T`, `Z`).
    Sep(char),
    /// A run of whitespace.
    Space,
    /// `AM` or `PM` (after a time only).
    Word,
}
use Token::*;

/// The tokens of a date cell on the stack (no allocation).
struct Tokens {
    items: [Token; MAX_TOKENS],
    len: usize,
}

impl Tokens {
    /// Tokenizes trimmed text; `None` when it has a character no date has, or too many parts.
    fn of(t: &str) -> Option<Tokens> {
        let mut out = Tokens {
            items: [Space; MAX_TOKENS],
            len: 0,
        };
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            let token = if let Some(d) = digit(c) {
                let (mut value, mut count) = (u64::from(d), 1u8);
                while let Some(d) = chars.peek().copied().and_then(digit) {
                    chars.next();
                    count += 1;
                    if count > MAX_DIGITS {
                        return None;
                    }
                    value = value * 10 + u64::from(d);
                }
                Num(value, count)
            } else if c.is_whitespace() {
                while chars.peek().is_some_and(|c| c.is_whitespace()) {
                    chars.next();
                }
                Space
            } else if matches!(c, 'A' | 'a' | 'P' | 'p') && chars.next_if(|c| matches!(c, 'M' | 'm')).is_some() {
                Word
            } else {
                Sep(separator(c)?)
            };
            if out.len == MAX_TOKENS {
                return None;
            }
            out.items[out.len] = token;
            out.len += 1;
        }
        Some(out)
    }

    fn as_slice(&self) -> &[Token] {
        &self.items[..self.len]
    }
}

/// The value of an ASCII or full-width digit.
fn digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '０'..='９' => Some((c as u32 - '０' as u32) as u8),
        _ => None,
    }
}

/// A separator a date may contain, full-width forms folded to ASCII.
fn separator(c: char) -> Option<char> {
    match c {
        '-' | '/' | '.' | ':' | '年' | '月' | '日' | '号' | 'T' | 'Z' => Some(c),
        '－' => Some('-'),
        '／' => Some('/'),
        '．' => Some('.'),
        '：' => Some(':'),
        _ => None,
    }
}

#[cfg(test)]
#[path = "date_tests.rs"]
mod tests;

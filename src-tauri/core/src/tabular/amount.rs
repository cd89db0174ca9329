//! Money amounts in imported cells, parsed exactly into `Decimal`.
//!
//! Accepted: `1234.5`, `1,234.50`, `-1,234.50`, `+12`, full-width digits and punctuation
//! (`１，２３４．５０`), surrounding spaces, a negative amount in parentheses (`(1,234.50)`, the
//! accountants' form), and one currency marker before or after the number (`¥`, `￥`, `$`,
//! `US$`, `HK$`, `€`, `£`, `CNY`, `RMB`, `USD`, `HKD`, `EUR`, `人民币` in front; those codes, `元`
//! or `人民币` behind). The marker is not checked against the plan's currency: only the number
//! of decimals is, through the minor units the caller passes.
//!
//! Refused, each with a reason key and the clipped `value`:
//! - `amount.decimal_comma`: a comma that looks like a decimal comma (`1,5`, `1,23`,
//!   `1.234,50`). The value could be 1.5 or 15, so nothing is guessed.
//! - `amount.bad_grouping`: thousands separators not in groups of three (`12,34,567`,
//!   `1,2345`, `,123`).
//! - `amount.exponent`: scientific notation (`1e5`, `1.2E+11`), which is how Excel writes long
//!   numbers to CSV after rounding them; the digits it dropped cannot be recovered.
//! - `amount.not_a_number`: anything else (`NaN`, `inf`, `12%`, `1 234`, `.5`, `5.`, text).
//! - `amount.too_large` (param `max`): more than 18 digits before the point.
//! - `amount.too_many_decimals` (param `minor`): more non-zero decimals than the currency's
//!   minor unit (`10.255` in CNY). Trailing zeros are not decimals (`10.250` is 10.25), as in
//!   [`crate::money::parse_money`].
//!
//! An empty cell is missing (`Ok(None)`), not zero: the caller decides. Plain ASCII numbers
//! (`-1234.50`, the common case in millions of rows) take a fast path without any scan for
//! markers; nothing allocates unless the value is refused.

use super::rejects::value_reason;
use crate::error::Reason;
use crate::money::{self, clip, MAX_INTEGER_DIGITS};
use rust_decimal::Decimal;

/// Longest number body (digits, separators) worth reading; anything longer is too large.
const MAX_BODY: usize = 64;

/// Currency markers allowed in front of the number (ASCII letters match in any case).
const PREFIXES: [&str; 14] = [
    "US$",
    "HK$",
    "¥",
    "￥",
    "$",
    "＄",
    "€",
    "£",
    "CNY",
    "RMB",
    "USD",
    "HKD",
    "EUR",
    "人民币",
];
/// Currency markers allowed after the number.
const SUFFIXES: [&str; 7] = ["元", "人民币", "CNY", "RMB", "USD", "HKD", "EUR"];

/// Parses an amount cell with at most `minor_units` decimals; an empty cell is `Ok(None)`.
pub fn parse_amount(text: &str, minor_units: u32) -> Result<Option<Decimal>, Reason> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if let Some((negative, int, frac)) = plain(t.as_bytes()) {
        return finish(negative, int, frac, minor_units, text).map(Some);
    }
    let (negative, body) = strip_decorations(t).ok_or_else(|| value_reason("amount.not_a_number", text))?;
    let mut buf = [0u8; MAX_BODY];
    let len = normalize_body(body, &mut buf).map_err(|key| value_reason(key, text))?;
    let (int_grouped, frac) = split_point(&buf[..len]).map_err(|key| value_reason(key, text))?;
    let mut int_buf = [0u8; MAX_BODY];
    let int_len = ungroup(int_grouped, frac.is_some(), &mut int_buf).map_err(|key| value_reason(key, text))?;
    let frac = frac.unwrap_or(&[]);
    finish(negative, &int_buf[..int_len], frac, minor_units, text).map(Some)
}

/// `-?digits(.digits)?` in ASCII, split into sign, integer and fraction digits.
fn plain(b: &[u8]) -> Option<(bool, &[u8], &[u8])> {
    let (negative, rest) = match b.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, b),
    };
    let (int, frac) = match rest.iter().position(|&c| c == b'.') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &rest[rest.len()..]),
    };
    let has_point = int.len() < rest.len();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    (!int.is_empty() && (!has_point || !frac.is_empty()) && digits(int) && digits(frac))
        .then_some((negative, int, frac))
}

/// Checks the digit counts and builds the decimal.
fn finish(negative: bool, int: &[u8], frac: &[u8], minor: u32, text: &str) -> Result<Decimal, Reason> {
    let int = &int[int.iter().position(|&b| b != b'0').unwrap_or(int.len())..];
    let frac = &frac[..frac.iter().rposition(|&b| b != b'0').map_or(0, |i| i + 1)];
    if int.len() > MAX_INTEGER_DIGITS {
        let max = MAX_INTEGER_DIGITS.to_string();
        return Err(Reason::new(
            "amount.too_large",
            &[("value", &clip(text)), ("max", &max)],
        ));
    }
    if frac.len() > minor as usize {
        let minor = minor.to_string();
        return Err(Reason::new(
            "amount.too_many_decimals",
            &[("value", &clip(text)), ("minor", &minor)],
        ));
    }
    money::from_digits(negative, int, frac).ok_or_else(|| value_reason("amount.not_a_number", text))
}

/// Removes the sign, parentheses and one currency marker: `(¥1,234.50)` → (true, `1,234.50`).
/// `None` when signs are doubled or a marker stands alone.
fn strip_decorations(t: &str) -> Option<(bool, &str)> {
    let mut negative = false;
    let mut s = t;
    let mut signed = false;
    let mut take_sign = |s: &mut &str, negative: &mut bool| -> Option<()> {
        if let Some(inner) = parenthesized(s) {
            if signed {
                return None;
            }
            (*s, *negative, signed) = (inner.trim(), true, true);
        } else if let Some(rest) = strip_any(s, &["-", "－", "−", "+", "＋"]) {
            if signed {
                return None;
            }
            *negative = !s.starts_with(['+', '＋']);
            (*s, signed) = (rest.trim_start(), true);
        }
        Some(())
    };
    take_sign(&mut s, &mut negative)?;
    let prefixed = match strip_any(s, &PREFIXES) {
        Some(rest) => {
            s = rest.trim_start();
            true
        }
        None => false,
    };
    take_sign(&mut s, &mut negative)?;
    if !prefixed {
        if let Some(rest) = strip_suffix_any(s, &SUFFIXES) {
            s = rest.trim_end();
        }
    }
    (!s.is_empty()).then_some((negative, s))
}

/// The text inside `(…)` or `（…）`, if it is wrapped in them.
fn parenthesized(s: &str) -> Option<&str> {
    let inner = s.strip_prefix(['(', '（'])?;
    inner.strip_suffix([')', '）'])
}

/// `s` without the first of `markers` it starts with (ASCII letters in any case).
fn strip_any<'a>(s: &'a str, markers: &[&str]) -> Option<&'a str> {
    markers.iter().find_map(|m| {
        let head = s.get(..m.len())?;
        head.eq_ignore_ascii_case(m).then(|| &s[m.len()..])
    })
}

/// `s` without the first of `markers` it ends with (ASCII letters in any case).
fn strip_suffix_any<'a>(s: &'a str, markers: &[&str]) -> Option<&'a str> {
    markers.iter().find_map(|m| {
        let cut = s.len().checked_sub(m.len())?;
        let tail = s.get(cut..)?;
        tail.eq_ignore_ascii_case(m).then(|| &s[..cut])
    })
}

/// Folds the number body to ASCII digits, `,` and `.` in `buf`; returns its length, or the key
/// of why it is not a number.
fn normalize_body(body: &str, buf: &mut [u8; MAX_BODY]) -> Result<usize, &'static str> {
    let mut len = 0;
    for c in body.chars() {
        let b = match c {
            '0'..='9' | ',' | '.' => c as u8,
            '０'..='９' => b'0' + (c as u32 - '０' as u32) as u8,
            '，' => b',',
            '．' => b'.',
            _ => return Err(not_a_number_kind(body)),
        };
        if len == MAX_BODY {
            return Err("amount.too_large");
        }
        buf[len] = b;
        len += 1;
    }
    Ok(len)
}

/// Tells scientific notation (`1.2E+11`) apart from other text that is not a number.
fn not_a_number_kind(body: &str) -> &'static str {
    let lower = |c: char| c.to_ascii_lowercase();
    let Some((mantissa, exponent)) = body.split_once(|c| lower(c) == 'e') else {
        return "amount.not_a_number";
    };
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let digits = |s: &str, extra: &[char]| {
        s.chars().any(|c| c.is_ascii_digit()) && s.chars().all(|c| c.is_ascii_digit() || extra.contains(&c))
    };
    if digits(mantissa, &['.', ',']) && digits(exponent, &[]) {
        "amount.exponent"
    } else {
        "amount.not_a_number"
    }
}

/// Splits at the decimal point: (integer part with separators, fraction digits).
fn split_point(b: &[u8]) -> Result<(&[u8], Option<&[u8]>), &'static str> {
    let Some(point) = b.iter().position(|&c| c == b'.') else {
        return Ok((b, None));
    };
    let (int, frac) = (&b[..point], &b[point + 1..]);
    if frac.contains(&b',') {
        // `1.234,50`: dots as thousands separators and a decimal comma.
        return Err("amount.decimal_comma");
    }
    if frac.is_empty() || int.is_empty() || !frac.iter().all(u8::is_ascii_digit) {
        return Err("amount.not_a_number");
    }
    Ok((int, Some(frac)))
}

/// Checks thousands separators (groups of three) and copies the digits to `out`.
fn ungroup(int: &[u8], has_fraction: bool, out: &mut [u8; MAX_BODY]) -> Result<usize, &'static str> {
    let mut groups = int.split(|&c| c == b',');
    let first = groups.next().unwrap_or(&[]);
    let mut len = 0;
    let mut push = |g: &[u8], out: &mut [u8; MAX_BODY]| {
        out[len..len + g.len()].copy_from_slice(g);
        len += g.len();
    };
    if !int.contains(&b',') {
        if int.is_empty() {
            return Err("amount.not_a_number");
        }
        push(int, out);
        return Ok(len);
    }
    let commas = int.iter().filter(|&&c| c == b',').count();
    let last = int.rsplit(|&c| c == b',').next().unwrap_or(&[]);
    if !has_fraction && commas == 1 && (1..=2).contains(&last.len()) && !first.is_empty() {
        return Err("amount.decimal_comma");
    }
    if first.is_empty() || first.len() > 3 {
        return Err("amount.bad_grouping");
    }
    push(first, out);
    for g in groups {
        if g.len() != 3 {
            return Err("amount.bad_grouping");
        }
        push(g, out);
    }
    Ok(len)
}

#[cfg(test)]
#[path = "amount_tests.rs"]
mod tests;

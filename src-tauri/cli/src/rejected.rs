//! The rejected-rows report of an import, on standard error in English: one line per row as
//! `salesplan: DATA: row N, column "X": "value": why`, so a user can fix the source file.
//! The app shows the same report translated from the reason keys; here the English sentence
//! comes from the key and its parameters, with the key itself as the fallback.

use crate::output::safe;
use salesplan_core::error::Reason;
use salesplan_core::tabular::Rejections;
use std::path::Path;

/// Prints every kept rejected row, then how many more there were (the caller says what
/// happens to them: nothing imported, or left out of an analysis).
pub fn print(data: &Path, rejected: &Rejections) {
    let file = safe(&data.display().to_string()).into_owned();
    for r in &rejected.rows {
        let column = r
            .column
            .as_deref()
            .map(|c| format!(", column \"{}\"", safe(c)))
            .unwrap_or_default();
        eprintln!(
            "salesplan: {file}: row {}{column}: \"{}\": {}",
            r.row,
            safe(&r.value),
            sentence(&r.reason)
        );
    }
    let more = rejected.total.saturating_sub(rejected.rows.len() as u64);
    if more > 0 {
        eprintln!("salesplan: {file}: … and {more} more rejected rows");
    }
}

/// The English sentence of a cell reason.
pub fn sentence(reason: &Reason) -> String {
    let p = |k: &str| reason.params.get(k).map(String::as_str).unwrap_or("?");
    match reason.key.as_str() {
        "cell.missing" => format!("is empty, and the {} is required", p("field")),
        "amount.not_a_number" => "is not an amount".into(),
        "amount.exponent" => "uses an exponent; write the amount in full".into(),
        "amount.decimal_comma" => "has a decimal comma; write 1234.50, not 1234,50".into(),
        "amount.bad_grouping" => "has thousands separators in the wrong places".into(),
        "amount.too_many_decimals" => format!("has more than {} decimal places", p("minor")),
        "amount.too_large" => "is too large".into(),
        "date.unrecognized" => "is not a date (use 2024-03-05, 2024/3/5 or 20240305)".into(),
        "date.impossible" => "is not a date of the calendar".into(),
        "date.ambiguous_order" => "could be day/month or month/day; write it as 2024-03-05".into(),
        "date.out_of_range" => "is too far in the past or future".into(),
        "date.excel_1900_02_29" => "is Excel's 1900-02-29, a day that never was".into(),
        "month.unrecognized" => "is not a month (use 2024-03, 2024/3 or 202403)".into(),
        "month.impossible" => "is not a month of the calendar".into(),
        "month.not_first_day" => "is a day, not a month; use a month or map the column as date".into(),
        "import.unknown_member" => format!("no {} member has this name or code", p("dimension")),
        "import.ambiguous_member" => format!("several {} members have this name; use the code", p("dimension")),
        "member.code_taken" => "this code is already used by another member of the list".into(),
        "member.name_taken" => "this name is already used at this level".into(),
        "member.one_line" | "text.one_line" => "a name must fit on one line".into(),
        "table.bad_encoding" => format!("is not valid {} text", p("encoding")),
        "orders.text_too_long" => format!("is longer than {} characters", p("max")),
        "orders.text_empty" => "is empty".into(),
        "orders.text_untrimmed" => "starts or ends with spaces".into(),
        "text.control_chars" => "contains control characters".into(),
        other => other.to_string(),
    }
}

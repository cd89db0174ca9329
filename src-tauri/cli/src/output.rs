//! What the CLI prints: standard output that survives a closed pipe, error lines of the form
//! `salesplan: <path>: <detail>`, and plan text made safe for a terminal.
//!
//! Plan files come from strangers (file-format.md), so every text taken from a plan is shown
//! as text: control characters (terminal escape sequences) and bidirectional overrides are
//! printed as visible escapes instead of being sent to the terminal.

use salesplan_core::{Error, ErrorCode, Result};
use std::borrow::Cow;
use std::io::Write;

/// Writes `text` to standard output.
///
/// A closed pipe (`salesplan export plan | head`) is not an error worth reporting: the reader
/// has what it wanted. Any other write failure is.
pub fn print(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::plain(
            ErrorCode::Io,
            format!("cannot write to standard output: {e}"),
        )),
        _ => Ok(()),
    }
}

/// Writes to standard output through a buffer as `write` produces it (for long outputs).
/// A closed pipe ends the output quietly, as in [`print`].
pub fn stream(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<()> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::plain(
            ErrorCode::Io,
            format!("cannot write to standard output: {e}"),
        )),
        _ => Ok(()),
    }
}

/// Prints a note to standard error (never mixed into output a script parses).
pub fn note(path: &std::path::Path, text: &str) {
    eprintln!("salesplan: {}: note: {}", safe(&path.display().to_string()), safe(text));
}

/// Prints an error as `salesplan: <path>: <detail>`.
pub fn report_error(e: &Error) {
    match e.path() {
        Some(path) => eprintln!("salesplan: {}: {}", safe(&path.display().to_string()), safe(e.detail())),
        None => eprintln!("salesplan: {}", safe(e.detail())),
    }
}

/// `text` with control characters and bidirectional controls replaced by visible escapes.
pub fn safe(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Characters that would change how a terminal shows the rest of the line.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// `n` with the right noun: "1 error", "2 errors".
pub fn count(n: u32, singular: &str, plural: &str) -> String {
    format!("{n} {}", if n == 1 { singular } else { plural })
}

/// The health counts as one phrase: "0 errors, 2 warnings, 1 hint".
pub fn health(h: &salesplan_core::engine::Health) -> String {
    format!(
        "{}, {}, {}",
        count(h.errors, "error", "errors"),
        count(h.warnings, "warning", "warnings"),
        count(h.hints, "hint", "hints")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_untouched_and_escapes_are_made_visible() {
        assert_eq!(safe("Q4销售额增长30%"), "Q4销售额增长30%");
        assert_eq!(safe("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(safe("x\u{202E}y\nz"), "x\\u{202e}y\\u{a}z");
    }

    #[test]
    fn counts_agree_with_their_nouns() {
        assert_eq!(count(1, "hint", "hints"), "1 hint");
        assert_eq!(count(0, "hint", "hints"), "0 hints");
    }
}

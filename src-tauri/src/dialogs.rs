//! Native file dialogs, opened from Rust so the UI never holds filesystem power.
//!
//! Test seam: when `SALESPLAN_DIALOG_SCRIPT` names a file, each dialog takes that file's first
//! line as the user's answer (a path; an empty line or `CANCEL` cancels) and removes it. The
//! end-to-end suite uses it for most tests and drives the real GTK dialog in one.

use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

const EXTENSION: &str = "salesplan";

/// Asks for a plan file to open. Blocks: call off the main thread.
pub fn pick_open(app: &AppHandle, locale: &str) -> Option<PathBuf> {
    if let Some(answer) = scripted_answer() {
        return answer;
    }
    let (title, filter) = labels(locale, "open");
    app.dialog()
        .file()
        .set_title(title)
        .add_filter(filter, &[EXTENSION])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok())
}

/// Asks for a table to import (CSV, TSV, TXT, XLSX), or for several when `several` (orders
/// come as monthly or per-store exports). Blocks: call off the main thread.
///
/// A scripted answer names several files on one line, separated by tabs.
pub fn pick_tables(app: &AppHandle, locale: &str, several: bool) -> Option<Vec<PathBuf>> {
    if let Some(answer) = scripted_answer() {
        let line = answer?;
        let line = line.to_string_lossy();
        return Some(line.split('\t').map(PathBuf::from).collect());
    }
    let (title, filter) = match (locale == "zh-CN", several) {
        (true, false) => ("导入表格", "表格（CSV、XLSX）"),
        (true, true) => ("导入表格（可多选）", "表格（CSV、XLSX）"),
        (false, false) => ("Import a Table", "Tables (CSV, XLSX)"),
        (false, true) => ("Import Tables (choose one or more)", "Tables (CSV, XLSX)"),
    };
    let dialog = app
        .dialog()
        .file()
        .set_title(title)
        .add_filter(filter, &["csv", "tsv", "txt", "xlsx"]);
    let chosen = match several {
        true => dialog.blocking_pick_files()?,
        false => vec![dialog.blocking_pick_file()?],
    };
    let paths: Vec<PathBuf> = chosen.into_iter().filter_map(|p| p.into_path().ok()).collect();
    (!paths.is_empty()).then_some(paths)
}

/// Asks where to save, suggesting `name`. Adds the extension when the user left it out.
pub fn pick_save(app: &AppHandle, locale: &str, name: &str) -> Option<PathBuf> {
    let chosen = match scripted_answer() {
        Some(answer) => answer,
        None => {
            let (title, filter) = labels(locale, "save");
            app.dialog()
                .file()
                .set_title(title)
                .add_filter(filter, &[EXTENSION])
                .set_file_name(format!("{}.{EXTENSION}", file_stem(name)))
                .blocking_save_file()
                .and_then(|p| p.into_path().ok())
        }
    }?;
    Some(if chosen.extension().is_some() {
        chosen
    } else {
        chosen.with_extension(EXTENSION)
    })
}

fn labels(locale: &str, kind: &str) -> (&'static str, &'static str) {
    match (locale == "zh-CN", kind) {
        (true, "open") => ("打开计划", "销售经营规划"),
        (true, _) => ("保存计划", "销售经营规划"),
        (false, "open") => ("Open Plan", "Sales plans"),
        (false, _) => ("Save Plan", "Sales plans"),
    }
}

/// A file-name-safe stem from a plan title.
fn file_stem(title: &str) -> String {
    let cleaned: String = title
        .chars()
        .map(|c| {
            if "/\\:*?\"<>|".contains(c) || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim();
    if trimmed.is_empty() {
        "plan".into()
    } else {
        trimmed.chars().take(80).collect()
    }
}

/// Pops the next scripted answer: `None` when there is no script (use the real dialog).
fn scripted_answer() -> Option<Option<PathBuf>> {
    let script = PathBuf::from(std::env::var_os("SALESPLAN_DIALOG_SCRIPT")?);
    let text = std::fs::read_to_string(&script).unwrap_or_default();
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("").trim().to_string();
    let rest: Vec<&str> = lines.collect();
    let _ = std::fs::write(&script, rest.join("\n"));
    Some(if first.is_empty() || first == "CANCEL" {
        None
    } else {
        Some(PathBuf::from(first))
    })
}

#[cfg(test)]
mod tests {
    use super::file_stem;

    #[test]
    fn file_stems_are_safe() {
        assert_eq!(file_stem("Q4 sales +30 %"), "Q4 sales +30 %");
        assert_eq!(file_stem("a/b:c"), "a_b_c");
        assert_eq!(file_stem("  "), "plan");
    }
}

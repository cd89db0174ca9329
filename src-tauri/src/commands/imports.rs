//! Importing baseline history from a CSV or XLSX table: choose the file (native dialog, from
//! Rust), preview it with a column mapping, apply it as one undoable edit. The chosen path
//! stays in the shell; the UI only ever sends mappings.

use super::{blocking, capped, CmdResult};
use crate::state::AppState;
use crate::{dialogs, window::refresh_title};
use salesplan_core::clock::Clock;
use salesplan_core::document::DocumentView;
use salesplan_core::import::baseline::{self, BaselineImport};
use salesplan_core::tabular::ColumnOverride;
use salesplan_core::{Error, ErrorCode};
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, State};

const MAX_OVERRIDES: usize = 16;

/// Parses the UI's `column=field` mappings, capped in number and length.
fn overrides(map: &[String]) -> Result<Vec<ColumnOverride>, Error> {
    if map.len() > MAX_OVERRIDES {
        return Err(Error::plain(ErrorCode::InvalidArgument, "too many column mappings"));
    }
    map.iter()
        .map(|m| {
            capped(m, "column mapping", 512)?;
            ColumnOverride::parse(m)
        })
        .collect()
}

fn read(s: &AppState, path: &PathBuf, map: &[String]) -> Result<BaselineImport, Error> {
    let overrides = overrides(map)?;
    let doc = s.doc.lock().unwrap();
    baseline::read(doc.plan(), path, &overrides, &s.clock as &dyn Clock).map_err(|e| e.at(path))
}

/// Asks for a table and previews it with the guessed mapping; `None` when cancelled.
#[tauri::command]
pub async fn choose_baseline_import(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
) -> CmdResult<Option<BaselineImport>> {
    let handle = app.clone();
    blocking(&state, move |s| {
        let Some(path) = dialogs::pick_table(&handle, &s.locale()) else {
            return Ok(None);
        };
        *s.pending_import.lock().unwrap() = Some(path.clone());
        read(s, &path, &[]).map(Some)
    })
    .await
}

/// Previews the chosen table again with the user's column mapping.
#[tauri::command]
pub async fn preview_baseline_import(state: State<'_, Arc<AppState>>, map: Vec<String>) -> CmdResult<BaselineImport> {
    blocking(&state, move |s| read(s, &pending(s)?, &map)).await
}

/// Imports the chosen table with the mapping: every row or, when any is rejected, none.
#[tauri::command]
pub async fn apply_baseline_import(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    map: Vec<String>,
) -> CmdResult<DocumentView> {
    let view = blocking(&state, move |s| {
        let path = pending(s)?;
        let import = read(s, &path, &map)?;
        import.ready(&path)?;
        let mut doc = s.doc.lock().unwrap();
        doc.apply(&import.edit(), &s.clock as &dyn Clock)?;
        *s.pending_import.lock().unwrap() = None;
        Ok(doc.view())
    })
    .await?;
    refresh_title(&app, &state);
    Ok(view)
}

fn pending(s: &AppState) -> Result<PathBuf, Error> {
    (s.pending_import.lock().unwrap().clone())
        .ok_or_else(|| Error::plain(ErrorCode::InvalidArgument, "no table was chosen to import"))
}

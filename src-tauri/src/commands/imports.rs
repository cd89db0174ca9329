//! Importing tables (CSV or XLSX) into the plan — baseline history or dimension members:
//! choose the file (native dialog, from Rust), preview it with a column mapping, apply it as one
//! undoable edit. The chosen path and target stay in the shell; the UI only sends mappings.

use super::{blocking, capped, CmdResult};
use crate::state::AppState;
use crate::{dialogs, window::refresh_title};
use salesplan_core::clock::Clock;
use salesplan_core::document::DocumentView;
use salesplan_core::import::{ImportPreview, ImportTarget};
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

fn read(s: &AppState, (target, path): &(ImportTarget, PathBuf), map: &[String]) -> Result<ImportPreview, Error> {
    let overrides = overrides(map)?;
    let doc = s.doc.lock().unwrap();
    ImportPreview::read(doc.plan(), *target, path, &overrides, &s.clock as &dyn Clock).map_err(|e| e.at(path))
}

/// Asks for a table and previews it for `target` with the guessed mapping; `None` when cancelled.
#[tauri::command]
pub async fn choose_import(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    target: ImportTarget,
) -> CmdResult<Option<ImportPreview>> {
    let handle = app.clone();
    blocking(&state, move |s| {
        let Some(path) = dialogs::pick_table(&handle, &s.locale()) else {
            return Ok(None);
        };
        let pending = (target, path);
        let preview = read(s, &pending, &[]);
        *s.pending_import.lock().unwrap() = Some(pending);
        preview.map(Some)
    })
    .await
}

/// Previews the chosen table again with the user's column mapping.
#[tauri::command]
pub async fn preview_import(state: State<'_, Arc<AppState>>, map: Vec<String>) -> CmdResult<ImportPreview> {
    blocking(&state, move |s| read(s, &pending(s)?, &map)).await
}

/// Imports the chosen table with the mapping: every row or, when any is rejected, none.
#[tauri::command]
pub async fn apply_import(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    map: Vec<String>,
) -> CmdResult<DocumentView> {
    let view = blocking(&state, move |s| {
        let pending = pending(s)?;
        let import = read(s, &pending, &map)?;
        import.ready(&pending.1)?;
        let mut doc = s.doc.lock().unwrap();
        doc.apply(&import.edit(), &s.clock as &dyn Clock)?;
        *s.pending_import.lock().unwrap() = None;
        Ok(doc.view())
    })
    .await?;
    refresh_title(&app, &state);
    Ok(view)
}

fn pending(s: &AppState) -> Result<(ImportTarget, PathBuf), Error> {
    (s.pending_import.lock().unwrap().clone())
        .ok_or_else(|| Error::plain(ErrorCode::InvalidArgument, "no table was chosen to import"))
}

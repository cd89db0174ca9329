//! Offering back unsaved work left by an app that crashed or was killed.

use super::{blocking, CmdResult};
use crate::state::AppState;
use crate::window::refresh_title;
use salesplan_core::document::{Document, DocumentView};
use salesplan_core::store::recovery::{self, RecoveryItem};
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, State};
use uuid::Uuid;

/// Working copies with unsaved work, newest first.
#[tauri::command]
pub async fn list_recovery(state: State<'_, Arc<AppState>>) -> CmdResult<Vec<RecoveryItem>> {
    blocking(&state, |s| Ok(recovery::list_recoverable(&s.paths.sessions))).await
}

/// Opens a working copy's plan as the current plan (unsaved, tied to its original file).
#[tauri::command]
pub async fn restore_recovery(app: AppHandle, state: State<'_, Arc<AppState>>, id: Uuid) -> CmdResult<DocumentView> {
    let view = blocking(&state, move |s| {
        let (item, meta, plan) = recovery::load_recoverable(&s.paths.sessions, id)?;
        s.replace(Document::restored(plan, meta, item.source.map(PathBuf::from)));
        recovery::discard_recoverable(&s.paths.sessions, id)?;
        Ok(s.doc.lock().unwrap().view())
    })
    .await?;
    refresh_title(&app, &state);
    Ok(view)
}

/// Deletes a working copy the user does not want back.
#[tauri::command]
pub async fn discard_recovery(state: State<'_, Arc<AppState>>, id: Uuid) -> CmdResult<()> {
    blocking(&state, move |s| recovery::discard_recoverable(&s.paths.sessions, id)).await
}

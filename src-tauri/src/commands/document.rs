//! Reading and editing the open plan; undo and redo.

use super::{blocking, CmdResult};
use crate::state::AppState;
use crate::window::refresh_title;
use salesplan_core::clock::Clock;
use salesplan_core::document::{Document, DocumentView};
use salesplan_core::edit::PlanEdit;
use salesplan_core::error::IpcError;
use std::sync::Arc;
use tauri::{AppHandle, State};

/// The open plan with everything computed from it.
#[tauri::command]
pub async fn get_document(state: State<'_, Arc<AppState>>) -> CmdResult<DocumentView> {
    report_startup_once();
    blocking(&state, |s| Ok(s.doc.lock().unwrap().view())).await
}

/// Why the file named on the command line could not be opened (once; then `None`).
#[tauri::command]
pub async fn take_startup_error(state: State<'_, Arc<AppState>>) -> CmdResult<Option<IpcError>> {
    Ok(state.startup_error.lock().unwrap().take())
}

/// Applies one edit; the plan is unchanged when the edit is refused.
#[tauri::command]
pub async fn edit_plan(app: AppHandle, state: State<'_, Arc<AppState>>, edit: PlanEdit) -> CmdResult<DocumentView> {
    let view = blocking(&state, move |s| {
        let mut doc = s.doc.lock().unwrap();
        doc.apply(&edit, &s.clock as &dyn Clock)?;
        Ok(doc.view())
    })
    .await?;
    refresh_title(&app, &state);
    Ok(view)
}

/// Undoes the last edit.
#[tauri::command]
pub async fn undo(app: AppHandle, state: State<'_, Arc<AppState>>) -> CmdResult<DocumentView> {
    step_history(app, state, Document::undo).await
}

/// Redoes the last undone edit.
#[tauri::command]
pub async fn redo(app: AppHandle, state: State<'_, Arc<AppState>>) -> CmdResult<DocumentView> {
    step_history(app, state, Document::redo).await
}

type HistoryStep = fn(&mut Document, &dyn Clock) -> salesplan_core::Result<bool>;

async fn step_history(app: AppHandle, state: State<'_, Arc<AppState>>, step: HistoryStep) -> CmdResult<DocumentView> {
    let view = blocking(&state, move |s| {
        let mut doc = s.doc.lock().unwrap();
        step(&mut doc, &s.clock)?;
        Ok(doc.view())
    })
    .await?;
    refresh_title(&app, &state);
    Ok(view)
}

/// With `SALESPLAN_STARTUP_PROBE` set, prints once how long after process start the UI first
/// asked for the plan (scripts/bench.sh reads it).
fn report_startup_once() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    if std::env::var_os("SALESPLAN_STARTUP_PROBE").is_some() {
        ONCE.call_once(|| {
            if let Some(start) = crate::STARTED.get() {
                eprintln!(
                    "startup-probe: first get_document {} ms after start",
                    start.elapsed().as_millis()
                );
            }
        });
    }
}

//! Language, theme and quitting.

use super::{blocking, CmdResult};
use crate::state::AppState;
use crate::{menu, window::refresh_title};
use salesplan_core::prefs::{Prefs, PrefsPatch};
use std::sync::Arc;
use tauri::{AppHandle, State};

/// The user's preferences.
#[tauri::command]
pub async fn get_prefs(state: State<'_, Arc<AppState>>) -> CmdResult<Prefs> {
    blocking(&state, |s| {
        let mut prefs = s.prefs.lock().unwrap().clone();
        prefs.locale = Some(s.locale());
        Ok(prefs)
    })
    .await
}

/// Changes language or theme; the native menu follows the language.
#[tauri::command]
pub async fn set_prefs(app: AppHandle, state: State<'_, Arc<AppState>>, patch: PrefsPatch) -> CmdResult<Prefs> {
    let prefs = blocking(&state, move |s| {
        let mut prefs = s.prefs.lock().unwrap();
        prefs.apply(patch)?;
        prefs.store(&s.paths.prefs);
        Ok(prefs.clone())
    })
    .await?;
    let _ = menu::install(&app, &state);
    refresh_title(&app, &state);
    Ok(prefs)
}

/// Quits without further questions (the UI asked about unsaved changes), discarding the
/// working copy.
#[tauri::command]
pub async fn quit_app(app: AppHandle, state: State<'_, Arc<AppState>>) -> CmdResult<()> {
    if let Some(wc) = state.doc.lock().unwrap().take_working_copy() {
        wc.discard();
    }
    app.exit(0);
    Ok(())
}

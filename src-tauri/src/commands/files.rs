//! New, Open, Open Recent, Save, Save As.

use super::{blocking, capped, CmdResult};
use crate::state::{new_document, AppState};
use crate::{dialogs, menu, window::refresh_title};
use salesplan_core::document::{Document, DocumentView};
use salesplan_core::store;
use salesplan_core::template::Template;
use salesplan_core::{Error, ErrorCode};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{AppHandle, State};

const MAX_PATH: usize = 4096;

/// Replaces the open plan with a new one from a template.
#[tauri::command]
pub async fn new_plan(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    template: Template,
    locale: String,
) -> CmdResult<DocumentView> {
    let view = blocking(&state, move |s| {
        if locale != "zh-CN" && locale != "en" {
            return Err(Error::plain(ErrorCode::InvalidArgument, "locale must be zh-CN or en"));
        }
        s.replace(new_document(template, &locale, &s.clock));
        Ok(s.doc.lock().unwrap().view())
    })
    .await?;
    refresh_title(&app, &state);
    Ok(view)
}

/// Asks for a file and opens it; `None` when the user cancels.
#[tauri::command]
pub async fn open_plan_dialog(app: AppHandle, state: State<'_, Arc<AppState>>) -> CmdResult<Option<DocumentView>> {
    let handle = app.clone();
    let chosen = blocking(&state, move |s| Ok(dialogs::pick_open(&handle, &s.locale()))).await?;
    match chosen {
        Some(path) => open(app, state, path).await.map(Some),
        None => Ok(None),
    }
}

/// Opens a file by path (Open Recent).
#[tauri::command]
pub async fn open_plan_path(app: AppHandle, state: State<'_, Arc<AppState>>, path: String) -> CmdResult<DocumentView> {
    capped(&path, "path", MAX_PATH).map_err(salesplan_core::error::IpcError::from)?;
    open(app, state, PathBuf::from(path)).await
}

async fn open(app: AppHandle, state: State<'_, Arc<AppState>>, path: PathBuf) -> CmdResult<DocumentView> {
    let result = blocking(&state, move |s| {
        let opened = store::read_plan_file(&path, &s.paths.scratch).map(|loaded| Document::opened(loaded, &path));
        match opened {
            Ok(doc) => {
                s.replace(doc);
                s.remember(&path);
                Ok(s.doc.lock().unwrap().view())
            }
            Err(e) => {
                if e.code() == ErrorCode::NotFound {
                    let mut prefs = s.prefs.lock().unwrap();
                    prefs.forget(&path);
                    prefs.store(&s.paths.prefs);
                }
                Err(e.at(&path))
            }
        }
    })
    .await;
    let _ = menu::install(&app, &state);
    refresh_title(&app, &state);
    result
}

/// Saves to the plan's file, or asks where when it has none; `None` when cancelled.
#[tauri::command]
pub async fn save_plan(app: AppHandle, state: State<'_, Arc<AppState>>) -> CmdResult<Option<DocumentView>> {
    let has_path = state.doc.lock().unwrap().path().is_some();
    if !has_path {
        return save_plan_as(app, state).await;
    }
    let view = blocking(&state, |s| {
        let mut doc = s.doc.lock().unwrap();
        doc.save(&s.paths.scratch, &s.clock, &s.author())?;
        Ok(doc.view())
    })
    .await?;
    refresh_title(&app, &state);
    Ok(Some(view))
}

/// Asks where to save and saves there; `None` when cancelled.
#[tauri::command]
pub async fn save_plan_as(app: AppHandle, state: State<'_, Arc<AppState>>) -> CmdResult<Option<DocumentView>> {
    let handle = app.clone();
    let chosen = blocking(&state, move |s| {
        let title = s.doc.lock().unwrap().plan().header.title.clone();
        Ok(dialogs::pick_save(&handle, &s.locale(), &title))
    })
    .await?;
    let Some(path) = chosen else { return Ok(None) };
    let view = blocking(&state, move |s| save_to(s, &path)).await?;
    let _ = menu::install(&app, &state);
    refresh_title(&app, &state);
    Ok(Some(view))
}

fn save_to(s: &AppState, path: &Path) -> Result<DocumentView, Error> {
    let mut doc = s.doc.lock().unwrap();
    doc.save_as(path, &s.paths.scratch, &s.clock, &s.author())?;
    drop(doc);
    s.remember(path);
    Ok(s.doc.lock().unwrap().view())
}

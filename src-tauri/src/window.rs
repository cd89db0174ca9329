//! The main window: its title (file name and unsaved state) and the close guard.

use crate::state::AppState;
use std::sync::Arc;
use tauri::{AppHandle, Emitter, Manager, Window, WindowEvent};

/// Sets the title to "name • — Sales Plan Studio" (• while there are unsaved changes).
pub fn refresh_title(app: &AppHandle, state: &AppState) {
    let doc = state.doc.lock().unwrap();
    let untitled = if state.locale() == "zh-CN" {
        "未命名"
    } else {
        "Untitled"
    };
    let name = doc
        .path()
        .and_then(|p| p.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| untitled.into());
    let title = format!(
        "{name}{} — Sales Plan Studio",
        if doc.has_unsaved_work() { " •" } else { "" }
    );
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.set_title(&title);
    }
}

/// Closing with unsaved changes asks the UI to prompt; a clean close discards the working copy.
pub fn on_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let state = window.app_handle().state::<Arc<AppState>>();
        let mut doc = state.doc.lock().unwrap();
        if doc.has_unsaved_work() {
            api.prevent_close();
            let _ = window.emit("close-requested", ());
        } else if let Some(wc) = doc.take_working_copy() {
            wc.discard();
        }
    }
}

//! Sales Plan Studio desktop shell: a thin Tauri layer over `salesplan-core`.
//!
//! Commands deserialize their arguments, call the core, and map errors to `{code, message}`;
//! no planning logic lives here (see ARCHITECTURE.md).
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod dialogs;
mod menu;
mod state;
mod window;

use std::sync::Arc;
use tauri::Manager;

/// When the process started, for the start-up probe (see `commands::document::get_document`).
pub static STARTED: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn main() {
    STARTED.get_or_init(std::time::Instant::now);
    let file_arg = std::env::args_os()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .map(std::path::PathBuf::from);
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(move |app| {
            let shared = Arc::new(state::AppState::start(app.handle(), file_arg.as_deref())?);
            app.manage(shared.clone());
            menu::install(app.handle(), &shared)?;
            window::refresh_title(app.handle(), &shared);
            Ok(())
        })
        .on_menu_event(menu::on_event)
        .on_window_event(window::on_event)
        .invoke_handler(tauri::generate_handler![
            commands::document::get_document,
            commands::document::take_startup_error,
            commands::document::edit_plan,
            commands::document::undo,
            commands::document::redo,
            commands::files::new_plan,
            commands::files::open_plan_dialog,
            commands::files::open_plan_path,
            commands::files::save_plan,
            commands::files::save_plan_as,
            commands::imports::choose_import,
            commands::imports::preview_import,
            commands::imports::apply_import,
            commands::imports::cancel_import,
            commands::recovery::list_recovery,
            commands::recovery::restore_recovery,
            commands::recovery::discard_recovery,
            commands::prefs::get_prefs,
            commands::prefs::set_prefs,
            commands::prefs::quit_app,
            commands::support::customers_page,
        ])
        .run(tauri::generate_context!())
        .expect("Sales Plan Studio failed to start");
}

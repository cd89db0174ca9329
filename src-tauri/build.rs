//! Declares the app's own commands so the main window's capability can list exactly the
//! ones it uses (an app manifest turns off the default allow-all for app commands).

/// Every command the shell registers; the capability file must allow each of them.
const COMMANDS: &[&str] = &[
    "get_document",
    "take_startup_error",
    "new_plan",
    "open_plan_dialog",
    "open_plan_path",
    "save_plan",
    "save_plan_as",
    "choose_import",
    "preview_import",
    "apply_import",
    "cancel_import",
    "edit_plan",
    "undo",
    "redo",
    "list_recovery",
    "restore_recovery",
    "discard_recovery",
    "get_prefs",
    "set_prefs",
    "quit_app",
    "customers_page",
];

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest)).expect("tauri build script");
}

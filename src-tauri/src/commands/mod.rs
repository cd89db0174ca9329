//! Tauri commands, one module per domain. Each command validates its arguments, calls the
//! core, and maps errors to [`IpcError`]. File and SQLite work runs on the blocking pool.

pub mod document;
pub mod files;
pub mod imports;
pub mod prefs;
pub mod recovery;
pub mod support;

use crate::state::AppState;
use salesplan_core::error::{ErrorCode, IpcError};
use salesplan_core::Error;
use std::sync::Arc;
use tauri::State;

/// What every command returns.
pub type CmdResult<T> = Result<T, IpcError>;

/// Runs `work` on the blocking thread pool (never on the main thread or an async worker).
pub async fn blocking<T, F>(state: &State<'_, Arc<AppState>>, work: F) -> CmdResult<T>
where
    T: Send + 'static,
    F: FnOnce(&AppState) -> Result<T, Error> + Send + 'static,
{
    let shared = Arc::clone(state.inner());
    tauri::async_runtime::spawn_blocking(move || work(&shared))
        .await
        .map_err(|e| IpcError {
            code: ErrorCode::Io,
            message: format!("internal task failed: {e}"),
            path: None,
            reason: None,
        })?
        .map_err(IpcError::from)
}

/// Refuses over-long string arguments before they reach the core.
pub fn capped(value: &str, what: &str, max: usize) -> Result<(), Error> {
    if value.len() > max {
        return Err(Error::plain(
            ErrorCode::InvalidArgument,
            format!("{what}: longer than {max} bytes"),
        ));
    }
    Ok(())
}

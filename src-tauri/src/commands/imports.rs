//! Importing tables (CSV or XLSX) into the plan — baseline history, dimension members or
//! customer orders: choose the file (native dialog, from Rust; orders may come from several
//! files, read as one import), preview it with a column mapping, apply it as one undoable edit.
//! The chosen paths and target stay in the shell; the UI only sends mappings.
//!
//! Reading a large table takes a while (a million orders, a second or two), so the reading
//! tells the window how far it got (`import-progress` events, at most ten a second) and stops
//! when the user cancels (`cancel_import`). The last reading of an orders table is kept with
//! its mapping, so applying it does not read the file again.

use super::{blocking, capped, CmdResult};
use crate::state::AppState;
use crate::{dialogs, window::refresh_title};
use salesplan_core::clock::Clock;
use salesplan_core::document::DocumentView;
use salesplan_core::import::progress::ImportProgress;
use salesplan_core::import::{ImportPreview, ImportTarget};
use salesplan_core::tabular::ColumnOverride;
use salesplan_core::{Error, ErrorCode};
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter, State};

const MAX_OVERRIDES: usize = 16;

/// The least time between two progress events.
const PROGRESS_EVERY: Duration = Duration::from_millis(100);

/// The table being imported while the import dialog is open.
pub struct PendingImport {
    target: ImportTarget,
    paths: Vec<PathBuf>,
    /// The last orders preview with the mapping and currency it was read with (an orders
    /// import depends on nothing else of the plan).
    last: Option<(Vec<String>, String, ImportPreview)>,
}

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

/// Reads the pending tables with `map`, telling the window how far it got; the plan is
/// copied (cheaply: the orders are shared) so the document stays free while reading.
fn read(
    app: &AppHandle,
    s: &AppState,
    target: ImportTarget,
    paths: &[PathBuf],
    map: &[String],
) -> Result<ImportPreview, Error> {
    let overrides = overrides(map)?;
    let plan = s.doc.lock().unwrap().plan().clone();
    s.stop_import.store(false, Ordering::SeqCst);
    let last_sent = Mutex::new(None::<Instant>);
    let watch = |progress: ImportProgress| {
        let mut last = last_sent.lock().unwrap();
        if last.is_none_or(|t| t.elapsed() >= PROGRESS_EVERY) {
            *last = Some(Instant::now());
            let _ = app.emit("import-progress", progress);
        }
        !s.stop_import.load(Ordering::SeqCst)
    };
    let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
    ImportPreview::read(&plan, target, &paths, &overrides, &s.clock as &dyn Clock, &watch)
}

/// The preview of the pending tables with `map`: the kept orders reading when it matches.
fn preview(app: &AppHandle, s: &AppState, map: &[String]) -> Result<ImportPreview, Error> {
    let currency = currency(s);
    let (target, paths) = {
        let pending = s.pending_import.lock().unwrap();
        let p = pending.as_ref().ok_or_else(no_table)?;
        if let Some((m, c, preview)) = &p.last {
            if m == map && *c == currency {
                return Ok(preview.clone());
            }
        }
        (p.target, p.paths.clone())
    };
    let preview = read(app, s, target, &paths, map)?;
    keep(s, &paths, map, &preview);
    Ok(preview)
}

/// Keeps an orders preview for the pending tables (if they are still the ones pending).
fn keep(s: &AppState, paths: &[PathBuf], map: &[String], preview: &ImportPreview) {
    let currency = currency(s);
    let mut pending = s.pending_import.lock().unwrap();
    if let Some(p) = pending
        .as_mut()
        .filter(|p| p.paths == paths && p.target == ImportTarget::Orders)
    {
        p.last = Some((map.to_vec(), currency, preview.clone()));
    }
}

/// The plan's currency. (The document and the pending import are never locked together.)
fn currency(s: &AppState) -> String {
    s.doc.lock().unwrap().plan().header.currency.clone()
}

/// Asks for a table (orders: one or more) and previews it for `target` with the guessed
/// mapping; `None` when cancelled.
#[tauri::command]
pub async fn choose_import(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    target: ImportTarget,
) -> CmdResult<Option<ImportPreview>> {
    blocking(&state, move |s| {
        let several = target == ImportTarget::Orders;
        let Some(paths) = dialogs::pick_tables(&app, &s.locale(), several) else {
            return Ok(None);
        };
        *s.pending_import.lock().unwrap() = Some(PendingImport {
            target,
            paths: paths.clone(),
            last: None,
        });
        let preview = read(&app, s, target, &paths, &[]);
        match &preview {
            Ok(p) => keep(s, &paths, &[], p),
            Err(e) if e.code() == ErrorCode::Cancelled => *s.pending_import.lock().unwrap() = None,
            Err(_) => {}
        }
        preview.map(Some)
    })
    .await
}

/// Previews the chosen table again with the user's column mapping.
#[tauri::command]
pub async fn preview_import(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    map: Vec<String>,
) -> CmdResult<ImportPreview> {
    blocking(&state, move |s| preview(&app, s, &map)).await
}

/// Imports the chosen tables with the mapping: every row or, when any is rejected, none.
#[tauri::command]
pub async fn apply_import(
    app: AppHandle,
    state: State<'_, Arc<AppState>>,
    map: Vec<String>,
) -> CmdResult<DocumentView> {
    let reader = app.clone();
    let view = blocking(&state, move |s| {
        let import = preview(&reader, s, &map)?;
        let paths = s
            .pending_import
            .lock()
            .unwrap()
            .as_ref()
            .map(|p| p.paths.clone())
            .ok_or_else(no_table)?;
        import.ready(&paths.iter().map(PathBuf::as_path).collect::<Vec<_>>())?;
        let view = {
            let mut doc = s.doc.lock().unwrap();
            doc.apply(&import.edit(), &s.clock as &dyn Clock)?;
            doc.view()
        };
        *s.pending_import.lock().unwrap() = None;
        Ok(view)
    })
    .await?;
    refresh_title(&app, &state);
    Ok(view)
}

/// Stops the reading of a table under way (it ends with a `cancelled` error) and forgets the
/// chosen table: the import dialog closes.
#[tauri::command]
pub fn cancel_import(state: State<'_, Arc<AppState>>) {
    state.stop_import.store(true, Ordering::SeqCst);
    *state.pending_import.lock().unwrap() = None;
}

fn no_table() -> Error {
    Error::plain(ErrorCode::InvalidArgument, "no table was chosen to import")
}

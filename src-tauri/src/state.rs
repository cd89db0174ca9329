//! The shell's state: the open document, preferences, and where files go.

use salesplan_core::clock::{Clock, SystemClock};
use salesplan_core::document::Document;
use salesplan_core::error::IpcError;
use salesplan_core::prefs::Prefs;
use salesplan_core::store::{self, recovery::WorkingCopy};
use salesplan_core::template::{self, Template};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::{AppHandle, Manager};

/// Folders the app writes to (all inside its data folder).
pub struct Paths {
    /// Working copies for crash recovery.
    pub sessions: PathBuf,
    /// Private copies of files being opened.
    pub scratch: PathBuf,
    /// The preferences file.
    pub prefs: PathBuf,
}

/// Everything the commands share.
pub struct AppState {
    pub doc: Mutex<Document>,
    pub prefs: Mutex<Prefs>,
    pub paths: Paths,
    pub clock: SystemClock,
    /// Why the file given on the command line could not be opened, until the UI shows it.
    pub startup_error: Mutex<Option<IpcError>>,
    /// What the user is importing and from which table, while the import dialog is open.
    pub pending_import: Mutex<Option<crate::commands::imports::PendingImport>>,
    /// Set by the Cancel button of an import's progress bar; the reading stops at its next tick.
    pub stop_import: std::sync::atomic::AtomicBool,
}

impl AppState {
    /// Loads prefs and opens `file` (or a new plan from the template) with a working copy.
    pub fn start(app: &AppHandle, file: Option<&Path>) -> Result<AppState, Box<dyn std::error::Error>> {
        let data = match std::env::var_os("SALESPLAN_DATA_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => app.path().app_data_dir()?,
        };
        let paths = Paths {
            sessions: data.join("sessions"),
            scratch: data.join("scratch"),
            prefs: data.join("prefs.json"),
        };
        std::fs::create_dir_all(&paths.sessions)?;
        sweep_stale_scratch(&paths.scratch);
        let prefs = Prefs::load(&paths.prefs);
        let clock = SystemClock;
        let locale = effective_locale(&prefs);
        let mut startup_error = None;
        let doc = match file.map(|f| store::read_plan_file(f, &paths.scratch).map(|l| Document::opened(l, f))) {
            Some(Ok(doc)) => doc,
            Some(Err(e)) => {
                let e = e.at(file.unwrap_or(Path::new("")));
                eprintln!("salesplan-studio: {e}");
                startup_error = Some(IpcError::from(e));
                new_document(Template::Q4Growth, &locale, &clock)
            }
            None => new_document(Template::Q4Growth, &locale, &clock),
        };
        let state = AppState {
            doc: Mutex::new(doc),
            prefs: Mutex::new(prefs),
            paths,
            clock,
            startup_error: Mutex::new(startup_error),
            pending_import: Mutex::new(None),
            stop_import: Default::default(),
        };
        state.attach_working_copy(&mut state.doc.lock().unwrap());
        if let Some(f) = file.filter(|_| state.doc.lock().unwrap().path().is_some()) {
            state.remember(f);
        }
        Ok(state)
    }

    /// Gives `doc` a fresh working copy, recording its current state.
    pub fn attach_working_copy(&self, doc: &mut Document) {
        let id = self.clock.new_id();
        let rev = doc.path().map(|_| doc.meta().revision_id);
        if let Ok(wc) = WorkingCopy::create(&self.paths.sessions, id, doc.path(), rev) {
            doc.attach_working_copy(wc, self.clock.now());
        }
    }

    /// Replaces the open document (the UI has asked about unsaved changes already).
    pub fn replace(&self, mut next: Document) {
        self.attach_working_copy(&mut next);
        let mut doc = self.doc.lock().unwrap();
        if let Some(old) = doc.take_working_copy() {
            old.discard();
        }
        *doc = next;
    }

    /// Adds a file to the recent list and persists prefs.
    pub fn remember(&self, path: &Path) {
        let mut prefs = self.prefs.lock().unwrap();
        prefs.remember(path);
        prefs.store(&self.paths.prefs);
    }

    /// The author name written into saved files.
    pub fn author(&self) -> String {
        std::env::var("USER")
            .or_else(|_| std::env::var("USERNAME"))
            .unwrap_or_default()
    }

    /// The locale the UI shows.
    pub fn locale(&self) -> String {
        effective_locale(&self.prefs.lock().unwrap())
    }
}

/// A new document from a template, dated today.
pub fn new_document(template: Template, locale: &str, clock: &dyn Clock) -> Document {
    let today = clock.now().date_naive();
    let author = std::env::var("USER").unwrap_or_default();
    Document::new(template::build(template, locale, today, clock), clock, &author)
}

/// The preferred locale, else the system's language.
pub fn effective_locale(prefs: &Prefs) -> String {
    if let Some(l) = &prefs.locale {
        return l.clone();
    }
    let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|s| !s.is_empty()));
    if lang.is_some_and(|l| l.starts_with("zh")) {
        "zh-CN"
    } else {
        "en"
    }
    .to_string()
}

/// Removes private copies left in the scratch folder by a read that was killed midway. Only
/// files older than an hour go, so a second running instance's open in progress is untouched.
fn sweep_stale_scratch(scratch: &Path) {
    let Ok(entries) = std::fs::read_dir(scratch) else {
        return;
    };
    let hour = std::time::Duration::from_secs(3600);
    for entry in entries.flatten() {
        let stale = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > hour);
        if stale {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

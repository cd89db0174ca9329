//! One error type for the core. Each variant maps to a closed [`ErrorCode`] that crosses the
//! IPC boundary, so the UI branches on codes, never on message text.
//!
//! An error may also carry a [`Reason`]: a stable key and parameters (like a finding's code
//! and params) that the UI turns into a sentence in the user's language. The English message
//! stays the fallback and is what the CLI prints.

use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Result alias used throughout the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// The closed set of error codes the UI and the CLI branch on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    /// The path does not exist.
    NotFound,
    /// The path is a folder, not a file.
    IsDirectory,
    /// The operating system refused access.
    PermissionDenied,
    /// The file is empty (zero bytes).
    EmptyFile,
    /// The file is not a plan file (another program's file or database).
    NotAPlan,
    /// The file is a plan but damaged (truncated, corrupt, unreadable rows).
    Corrupt,
    /// The file carries schema objects a plan never has (triggers, views, extra tables).
    UnsafeSchema,
    /// A value in the file or input is malformed or out of range.
    InvalidValue,
    /// The file is larger than the app will read.
    TooLarge,
    /// The plan was written by a newer version of the app (opened read-only).
    NewerVersion,
    /// The file on disk changed since it was opened; saving would overwrite someone's work.
    Conflict,
    /// The plan is read-only.
    ReadOnly,
    /// The disk is full.
    DiskFull,
    /// A request was malformed (unknown id, bad argument).
    InvalidArgument,
    /// Any other input/output failure.
    Io,
    /// The user stopped a long operation (an import); nothing was changed.
    Cancelled,
}

/// Why a value or file was refused, as data: the UI shows the catalog sentence `error.<key>`
/// with `params` filled in, and falls back to the English message when it has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct Reason {
    /// A stable dotted key, e.g. `number.not_a_number`.
    pub key: String,
    /// Named values for the sentence; `field` is a stable field id such as `target`.
    pub params: BTreeMap<String, String>,
}

impl Reason {
    /// A reason with its key and parameters.
    pub fn new(key: &str, params: &[(&str, &str)]) -> Self {
        Reason {
            key: key.to_string(),
            params: params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        }
    }
}

/// The stable id of a field named in an English message ("period start" → "period_start").
pub fn field_id(what: &str) -> String {
    what.trim().replace([' ', '-'], "_")
}

/// An error of the core, with enough context to say what went wrong and where.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-level problem with a path and a reason.
    #[error("{path}: {message}")]
    File {
        /// What kind of problem.
        code: ErrorCode,
        /// The file concerned.
        path: PathBuf,
        /// Human-readable detail.
        message: String,
        /// Machine-readable reason, when the source gives one.
        reason: Option<Box<Reason>>,
    },
    /// A problem not tied to one file (bad value, bad argument).
    #[error("{message}")]
    Plain {
        /// What kind of problem.
        code: ErrorCode,
        /// Human-readable detail, naming the field or value.
        message: String,
        /// Machine-readable reason, when the source gives one.
        reason: Option<Box<Reason>>,
    },
}

impl Error {
    /// An error about a file.
    pub fn file(code: ErrorCode, path: &Path, message: impl Into<String>) -> Self {
        Error::File {
            code,
            path: path.to_path_buf(),
            message: message.into(),
            reason: None,
        }
    }

    /// An error not tied to a file.
    pub fn plain(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Plain {
            code,
            message: message.into(),
            reason: None,
        }
    }

    /// A malformed or out-of-range value.
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::plain(ErrorCode::InvalidValue, message)
    }

    /// The error's code.
    pub fn code(&self) -> ErrorCode {
        match self {
            Error::File { code, .. } | Error::Plain { code, .. } => *code,
        }
    }

    /// The path concerned, when there is one.
    pub fn path(&self) -> Option<&Path> {
        match self {
            Error::File { path, .. } => Some(path),
            Error::Plain { .. } => None,
        }
    }

    /// The detail without the path.
    pub fn detail(&self) -> &str {
        match self {
            Error::File { message, .. } | Error::Plain { message, .. } => message,
        }
    }

    /// The machine-readable reason, when there is one.
    pub fn reason(&self) -> Option<&Reason> {
        match self {
            Error::File { reason, .. } | Error::Plain { reason, .. } => reason.as_deref(),
        }
    }

    /// Sets the machine-readable reason: `Error::invalid(msg).because("date.invalid", &[("field", "deadline")])`.
    pub fn because(self, key: &str, params: &[(&str, &str)]) -> Self {
        self.with_reason(Some(Reason::new(key, params)))
    }

    /// Sets one parameter of the reason, if there is one (e.g. a more specific field id).
    pub fn with_param(mut self, name: &str, value: &str) -> Self {
        if let Error::File { reason: Some(r), .. } | Error::Plain { reason: Some(r), .. } = &mut self {
            r.params.insert(name.to_string(), value.to_string());
        }
        self
    }

    /// Replaces the reason (used when an error is restated, e.g. about another path).
    pub fn with_reason(mut self, new: Option<Reason>) -> Self {
        match &mut self {
            Error::File { reason, .. } | Error::Plain { reason, .. } => *reason = new.map(Box::new),
        }
        self
    }

    /// Attaches a path to an error that has none (keeps the code, detail and reason).
    pub fn at(self, path: &Path) -> Self {
        match self {
            Error::Plain { code, message, reason } => Error::File {
                code,
                path: path.to_path_buf(),
                message,
                reason,
            },
            e => e,
        }
    }

    /// Maps an I/O error on `path` to a coded error.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        use std::io::ErrorKind as K;
        let code = match err.kind() {
            K::NotFound => ErrorCode::NotFound,
            K::PermissionDenied => ErrorCode::PermissionDenied,
            K::IsADirectory => ErrorCode::IsDirectory,
            K::StorageFull => ErrorCode::DiskFull,
            K::ReadOnlyFilesystem => ErrorCode::PermissionDenied,
            _ => ErrorCode::Io,
        };
        let message = match code {
            ErrorCode::NotFound => "no such file".to_string(),
            ErrorCode::PermissionDenied => format!("permission denied ({err})"),
            ErrorCode::IsDirectory => "this is a folder, not a plan file".to_string(),
            ErrorCode::DiskFull => "the disk is full".to_string(),
            _ => err.to_string(),
        };
        let key = match code {
            ErrorCode::NotFound => Some("file.not_found"),
            ErrorCode::PermissionDenied => Some("file.permission"),
            ErrorCode::IsDirectory => Some("file.folder"),
            ErrorCode::DiskFull => Some("file.disk_full"),
            _ => None,
        };
        let e = Error::file(code, path, message);
        match key {
            Some(k) => e.because(k, &[]),
            None => e,
        }
    }
}

/// An error as it crosses the IPC boundary: a closed code, a message, and the file concerned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IpcError {
    /// What kind of problem; the UI branches on this.
    pub code: ErrorCode,
    /// What went wrong, naming the field or value (English detail).
    pub message: String,
    /// The file concerned, if any.
    pub path: Option<String>,
    /// Why, as a key and parameters the UI translates; `message` is the fallback.
    pub reason: Option<Reason>,
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError {
            code: e.code(),
            message: e.detail().to_string(),
            path: e.path().map(|p| p.display().to_string()),
            reason: e.reason().cloned(),
        }
    }
}

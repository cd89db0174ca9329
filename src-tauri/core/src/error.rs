//! One error type for the core. Each variant maps to a closed [`ErrorCode`] that crosses the
//! IPC boundary, so the UI branches on codes, never on message text.

use serde::Serialize;
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
    },
    /// A problem not tied to one file (bad value, bad argument).
    #[error("{message}")]
    Plain {
        /// What kind of problem.
        code: ErrorCode,
        /// Human-readable detail, naming the field or value.
        message: String,
    },
}

impl Error {
    /// An error about a file.
    pub fn file(code: ErrorCode, path: &Path, message: impl Into<String>) -> Self {
        Error::File {
            code,
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    /// An error not tied to a file.
    pub fn plain(code: ErrorCode, message: impl Into<String>) -> Self {
        Error::Plain {
            code,
            message: message.into(),
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

    /// Attaches a path to an error that has none (keeps the code and detail).
    pub fn at(self, path: &Path) -> Self {
        match self {
            Error::Plain { code, message } => Error::File {
                code,
                path: path.to_path_buf(),
                message,
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
        Error::file(code, path, message)
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
}

impl From<Error> for IpcError {
    fn from(e: Error) -> Self {
        IpcError {
            code: e.code(),
            message: e.detail().to_string(),
            path: e.path().map(|p| p.display().to_string()),
        }
    }
}

//! The errors a user can meet. Each displays as one line that names the file
//! or the thing at fault.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file (or `<stdout>`, `<terminal>` …) could not be read or written;
    /// `error` keeps the [`std::io::ErrorKind`], so callers can tell a
    /// closed pipe or a missing file apart without reading the text.
    #[error("{path}: {error}")]
    Io {
        path: PathBuf,
        error: std::io::Error,
    },

    #[error("{path}: not a SQLite database (refusing to touch it)")]
    NotADatabase { path: PathBuf },

    #[error("{path}: a SQLite database of another application, not tafel (refusing to touch it)")]
    ForeignDatabase { path: PathBuf },

    /// `hint` says how to get a sound database back (for the database:
    /// the exact command that restores its newest sound backup).
    #[error("{path}: damaged or truncated ({detail}); {hint}")]
    Damaged {
        path: PathBuf,
        detail: String,
        hint: String,
    },

    #[error(
        "{path}: written by a newer tafel (schema version {found}, this tafel knows up to {known}); upgrade tafel — the file was not touched"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },

    #[error(
        "{path}: no database here; create one with `tafel new --title …` or `tafel demo` (or choose another with --db)"
    )]
    NoDatabase { path: PathBuf },

    #[error(
        "{path}: empty, not a tafel database yet; `tafel new --title …` makes it one (or choose another with --db)"
    )]
    EmptyDatabase { path: PathBuf },

    #[error("{path}: is a directory, expected a database file")]
    IsADirectory { path: PathBuf },

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    #[error("{0}")]
    Agenda(#[from] crate::agenda::AgendaErrors),

    #[error("no session with id `{0}` (see `tafel list`)")]
    UnknownSession(String),

    #[error("session id `{0}` is ambiguous; give more characters")]
    AmbiguousSession(String),

    #[error("no sessions yet; create one with `tafel new --title …` or `tafel demo`")]
    NoSessions,

    #[error("{0} not found")]
    NotFound(&'static str),

    #[error("{0}")]
    Invalid(String),

    /// Several problems, one line each (`FILE:LINE: message`), and a last
    /// line saying what was (not) done.
    #[error("{}", .0.join("\n"))]
    Lines(Vec<String>),
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub fn io(path: impl Into<PathBuf>, e: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            error: e,
        }
    }

    /// An [`Error::Io`] of `kind` that says `message` about `path`.
    pub fn io_message(
        path: impl Into<PathBuf>,
        kind: std::io::ErrorKind,
        message: impl Into<String>,
    ) -> Self {
        Error::io(path, std::io::Error::new(kind, message.into()))
    }

    /// The kind of an I/O error (`None` for other errors).
    pub fn io_kind(&self) -> Option<std::io::ErrorKind> {
        match self {
            Error::Io { error, .. } => Some(error.kind()),
            _ => None,
        }
    }
}

//! SQLite storage behind a small API. One file per entity; the schema is
//! upgraded one version at a time, each step inside a transaction.
//!
//! Durability: WAL journal with `synchronous=FULL`, so a committed write
//! survives a power cut; a busy timeout lets a second tafel process wait for
//! the write lock instead of failing.

pub mod backup;
mod drafts;
mod export_queries;
mod items;
mod notes;
mod participants;
mod programme;
mod ratings;
mod sessions;
mod tables;
mod themes;
// The MSF's memory: follow-ups, action status, responses, history, search.
mod actions;
mod follow_up;
mod history;
mod responses;
mod search;
// Several laptops, one record: hand-outs, merges, imports.
mod handout;
mod import;
mod merge;

pub use drafts::Place;
pub use handout::Handout;
pub use history::{ActionAt, DossierSession, YearCounts};
pub use merge::{Conflict, ImportRows, MergeReport, StatusRow};
pub use notes::NoteCounts;

use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension};
use std::io::Read;
use std::path::{Path, PathBuf};

/// `PRAGMA application_id` of a tafel database ("TAFL").
pub const APPLICATION_ID: i64 = 0x5441_464C;

/// Schema migrations; index + 1 is the schema version each one produces.
pub const MIGRATIONS: &[&str] = &[
    include_str!("../../migrations/0001_init.sql"),
    include_str!("../../migrations/0002_live_note_index.sql"),
    include_str!("../../migrations/0003_table_timers.sql"),
    include_str!("../../migrations/0004_draft_content.sql"),
    include_str!("../../migrations/0005_themes.sql"),
    include_str!("../../migrations/0006_programme.sql"),
    include_str!("../../migrations/0007_follow_ups.sql"),
    include_str!("../../migrations/0008_action_status.sql"),
    include_str!("../../migrations/0009_responses.sql"),
    include_str!("../../migrations/0010_search.sql"),
    include_str!("../../migrations/0030_laptops.sql"),
];

/// The schema version this tafel writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a write waits for another process's write lock.
const BUSY_TIMEOUT_MS: u64 = 10_000;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// (device, inode) of the file when opened, to notice it being removed
    /// or replaced underneath.
    identity: Option<(u64, u64)>,
    /// A backup being taken in the background.
    backup: Option<backup::Pending>,
}

#[cfg(unix)]
fn identity(path: &Path) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
}

#[cfg(not(unix))]
fn identity(path: &Path) -> Option<(u64, u64)> {
    std::fs::metadata(path).ok().map(|_| (0, 0))
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A file that is not a tafel database, is damaged, or was
    /// written by a newer tafel is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with_migrations(path, MIGRATIONS)
    }

    /// [`Store::open`] with another list of migrations: for tests of the
    /// upgrade path (a future schema version), not for normal use.
    #[doc(hidden)]
    pub fn open_with_migrations(path: &Path, migrations: &[&str]) -> Result<Store> {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => return Err(Error::IsADirectory { path: path.into() }),
            Ok(_) => check_header(path)?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => create_database_file(path)?,
            Err(e) => return Err(Error::io(path, e)),
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| map_open_error(path, e))?;
        let mut store = Store {
            conn,
            path: Some(path.into()),
            identity: identity(path),
            backup: None,
        };
        store.init(migrations).map_err(|e| match e {
            Error::Sqlite(s) => map_open_error(path, s),
            other => other,
        })?;
        Ok(store)
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
            identity: None,
            backup: None,
        };
        store.init(MIGRATIONS)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Fails when the database file was removed or replaced since it was
    /// opened: writes would go to a file nobody will read again.
    pub fn ensure_file(&self) -> Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        if identity(path) != self.identity {
            return Err(Error::io_message(
                path.clone(),
                std::io::ErrorKind::NotFound,
                "the database file was removed or replaced while tafel was running; put it back (or restart tafel)",
            ));
        }
        Ok(())
    }

    /// Starts a backup in the background (none for an in-memory database,
    /// or while one is running). Returns whether one was started.
    pub fn start_backup(&mut self) -> bool {
        match (&self.path, &self.backup) {
            (Some(path), None) => {
                self.backup = Some(backup::start(path));
                true
            }
            _ => false,
        }
    }

    /// The result of the background backup once it is done (or, with
    /// `wait`, after waiting for it); `None` while it runs or when none was
    /// started.
    pub fn finished_backup(&mut self, wait: bool) -> Option<Result<PathBuf>> {
        let done = self.backup.as_ref()?.is_finished();
        if !done && !wait {
            return None;
        }
        self.backup.take().map(backup::Pending::wait)
    }

    /// The schema version stored in the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn init(&mut self, migrations: &[&str]) -> Result<()> {
        let known = migrations.len() as i64;
        let path = self.path.clone().unwrap_or_else(|| ":memory:".into());
        self.conn
            .busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
        // Read-only checks first: nothing is written to a file we refuse.
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let app_id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let objects: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))?;
        if app_id != APPLICATION_ID && (version != 0 || objects != 0 || app_id != 0) {
            return Err(Error::ForeignDatabase { path });
        }
        if version > known {
            return Err(Error::NewerSchema {
                path,
                found: version,
                known,
            });
        }
        if self.path.is_some() {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Invalid(format!(
                    "{}: cannot use WAL journal (got {mode})",
                    path.display()
                )));
            }
        }
        self.conn.execute_batch(
            "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;",
        )?;
        if version > 0 && version < known {
            // An upgrade rewrites the schema: keep a snapshot of the old one.
            backup::take(self)?;
        }
        self.migrate(migrations, version)
    }

    fn migrate(&mut self, migrations: &[&str], from: i64) -> Result<()> {
        for (i, sql) in migrations.iter().enumerate().skip(from as usize) {
            let to = i as i64 + 1;
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            // Another process may have migrated while we waited for the lock.
            let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now >= to {
                continue;
            }
            tx.execute_batch(sql)?;
            tx.execute_batch(&format!(
                "PRAGMA user_version = {to}; PRAGMA application_id = {APPLICATION_ID};"
            ))?;
            tx.commit()?;
        }
        Ok(())
    }

    /// Runs `f` inside one write transaction: all or nothing.
    pub fn transaction<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// `PRAGMA integrity_check`: "ok" for a sound file.
    pub fn integrity_check(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?)
    }

    /// The raw connection, for tests and tools that inspect the file.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The raw connection, mutable (backup restore).
    pub fn connection_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }
}

impl Drop for Store {
    /// A backup still being written is finished, never left half-written.
    fn drop(&mut self) {
        if let Some(pending) = self.backup.take() {
            let _ = pending.wait();
        }
    }
}

fn map_open_error(path: &Path, e: rusqlite::Error) -> Error {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotADatabase { path: path.into() },
        Some(ErrorCode::DatabaseCorrupt) => Error::Damaged {
            path: path.into(),
            detail: "malformed".into(),
        },
        Some(ErrorCode::CannotOpen) | Some(ErrorCode::PermissionDenied) => Error::io_message(
            path,
            std::io::ErrorKind::PermissionDenied,
            "cannot open the database file (check the folder and permissions)",
        ),
        Some(ErrorCode::ReadOnly) => Error::io_message(
            path,
            std::io::ErrorKind::PermissionDenied,
            "the database is read-only",
        ),
        _ => Error::Sqlite(e),
    }
}

/// Refuses a file that is not SQLite or is shorter than its header says,
/// by reading its first 100 bytes (never writing).
fn check_header(path: &Path) -> Result<()> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let len = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if len == 0 {
        return Ok(()); // an empty file is an empty database
    }
    let mut header = [0u8; 100];
    if len < 100 || file.read_exact(&mut header).is_err() || &header[..16] != b"SQLite format 3\0" {
        return Err(Error::NotADatabase { path: path.into() });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n => u64::from(n),
    };
    let pages = u64::from(u32::from_be_bytes(
        header[28..32].try_into().expect("4 bytes"),
    ));
    let counter_valid = header[24..28] == header[92..96];
    if page_size < 512 || !page_size.is_power_of_two() {
        return Err(Error::NotADatabase { path: path.into() });
    }
    if counter_valid && pages > 0 && len < pages * page_size {
        return Err(Error::Damaged {
            path: path.into(),
            detail: format!(
                "file has {len} bytes, its header promises {}",
                pages * page_size
            ),
        });
    }
    Ok(())
}

/// Creates the folders and an empty database file readable only by its owner
/// (it holds people's names).
fn create_database_file(path: &Path) -> Result<()> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    crate::fsutil::create_private_file(path).map_err(|e| Error::io(path, e))?;
    Ok(())
}

/// Now, in UTC, at the millisecond precision that is stored.
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp_millis(t.timestamp_millis()).unwrap_or(t)
}

pub(crate) fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

pub(crate) fn parse_ts(s: &str) -> rusqlite::Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
        })
}

pub(crate) fn parse_opt_ts(s: Option<String>) -> rusqlite::Result<Option<DateTime<Utc>>> {
    s.as_deref().map(parse_ts).transpose()
}

pub(crate) fn parse_date(s: &str) -> rusqlite::Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

/// Maps a stored key back to its enum, failing loudly on a value this tafel
/// does not know.
pub(crate) fn parse_key<T>(s: &str, from: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    from(s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("unknown value `{s}`").into(),
        )
    })
}

/// Returns `Err(NotFound)` when a statement changed no row.
pub(crate) fn expect_changed(n: usize, what: &'static str) -> Result<()> {
    if n == 0 {
        Err(Error::NotFound(what))
    } else {
        Ok(())
    }
}

pub(crate) trait OptionalRow<T> {
    fn found(self, what: &'static str) -> Result<T>;
}

impl<T> OptionalRow<T> for rusqlite::Result<T> {
    fn found(self, what: &'static str) -> Result<T> {
        self.optional()?.ok_or(Error::NotFound(what))
    }
}

//! SQLite storage behind a small API. One file per entity; the schema is
//! upgraded one version at a time, each step inside a transaction.
//!
//! Durability: WAL journal with `synchronous=FULL`, so a committed write
//! survives a power cut; a busy timeout lets a second tafel process wait for
//! the write lock instead of failing.

pub mod backup;
mod damage;
mod drafts;
mod export_queries;
pub mod forget;
mod items;
mod merge;
mod note_page;
mod notes;
mod overview;
mod participants;
mod people;
mod programme;
mod ratings;
mod read_only;
mod sessions;
mod tables;
mod themes;
mod versions;
// The MSF's memory: follow-ups, action status, responses, history, search.
mod actions;
mod follow_up;
mod history;
mod responses;
mod search;
mod window;
// Several laptops, one record: hand-outs, merges, imports.
mod handout;
mod import;

pub use damage::{Recovery, RestoreHint, damaged, is_damage, restore_hint};
pub use drafts::{OpenedDraft, Place};
pub use export_queries::ExportCount;
pub use handout::Handout;
pub use history::{ActionAt, DossierSession, YearCounts};
pub use merge::{Conflict, ImportRows, MergeReport, StatusRow};
pub use note_page::{NotePage, PageAt};
pub use notes::NoteCounts;
pub use overview::{Overview, TOP_NOTES, TableOverview, VoiceCount};

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
    include_str!("../../migrations/0011_draft_windows.sql"),
    include_str!("../../migrations/0012_participant_naming.sql"),
    include_str!("../../migrations/0013_note_counts.sql"),
    include_str!("../../migrations/0014_laptops.sql"),
];

/// The schema version this tafel writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a write waits for another process's write lock.
const BUSY_TIMEOUT_MS: u64 = 10_000;

/// How many prepared statements a connection keeps for reuse: every
/// statement the TUI runs again and again (rusqlite keeps 16 by default).
const STATEMENT_CACHE: usize = 64;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    /// (device, inode) of the file when opened, to notice it being removed
    /// or replaced underneath.
    identity: Option<(u64, u64)>,
    /// A backup being taken in the background.
    backup: Option<backup::Pending>,
    /// A private copy being read instead of the file (see
    /// [`Store::open_read_only`]); removed when the store is dropped.
    private_copy: Option<tempfile::TempDir>,
    /// The check for damage running in the background (TUI).
    check: Option<damage::Check>,
    /// What is wrong with the file, once found: nothing is written to it.
    damaged: Option<String>,
    /// The running editor whose drafts this store writes (none for the
    /// command line: its id is empty).
    window: window::Window,
}

/// When a database opened for writing is checked for damage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Verify {
    /// Before anything is written (command-line commands).
    Now,
    /// On a thread of its own (the TUI), unless the schema is to be upgraded.
    Background,
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
    /// A store on an open connection to (a copy of) `path`.
    fn from_connection(conn: Connection, path: &Path) -> Store {
        Store {
            conn,
            path: Some(path.into()),
            identity: identity(path),
            backup: None,
            private_copy: None,
            check: None,
            damaged: None,
            window: window::Window::default(),
        }
    }

    /// Opens the database at `path` for reading only (`tafel list`,
    /// `export`): creates, converts, changes and removes nothing — not the
    /// file, its folder, nor its `-wal` and `-shm` (see `read_only.rs`). A
    /// missing or empty file is an error that says how to make a database.
    /// Every write through this store fails.
    pub fn open_read_only(path: &Path) -> Result<Store> {
        read_only::open(path, true)
    }

    /// Opens (creating if needed) the database at `path` and brings its schema
    /// up to date. A file that is not a tafel database, is damaged (checked
    /// with `quick_check`), or was written by a newer tafel is refused before
    /// anything is written to it.
    pub fn open(path: &Path) -> Result<Store> {
        Self::open_with(path, MIGRATIONS, Verify::Now)
    }

    /// [`Store::open`] for the TUI: the check for damage runs in the
    /// background ([`Store::damage`] says when it found some), so the first
    /// frame does not wait for it; an upgrade of the schema still waits for
    /// it first.
    pub fn open_with_background_check(path: &Path) -> Result<Store> {
        let mut store = Self::open_with(path, MIGRATIONS, Verify::Background)?;
        store.start_check();
        Ok(store)
    }

    /// [`Store::open`] with another list of migrations: for tests of the
    /// upgrade path (a future schema version), not for normal use.
    #[doc(hidden)]
    pub fn open_with_migrations(path: &Path, migrations: &[&str]) -> Result<Store> {
        Self::open_with(path, migrations, Verify::Now)
    }

    fn open_with(path: &Path, migrations: &[&str], verify: Verify) -> Result<Store> {
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
        let mut store = Store::from_connection(conn, path);
        store.init(migrations, verify).map_err(|e| match e {
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
            private_copy: None,
            check: None,
            damaged: None,
            window: window::Window::default(),
        };
        store.init(MIGRATIONS, Verify::Now)?;
        Ok(store)
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Makes this store a window: a running editor whose drafts are its
    /// own, with a lock that says it runs (see `window.rs`). Returns its id.
    pub fn claim_window(&mut self) -> Result<String> {
        let db = self.path.as_deref();
        self.window = window::Window::claim(db).map_err(|e| {
            let dir = db.map_or_else(PathBuf::new, |d| {
                crate::fsutil::beside_db(d, crate::fsutil::WINDOWS)
            });
            Error::io(dir, e)
        })?;
        Ok(self.window.id.clone())
    }

    /// This store's window id (empty when it is no window).
    pub fn window_id(&self) -> &str {
        &self.window.id
    }

    /// Hands this store's window (its id and lock) to `other`, which takes
    /// its place (the recovery database).
    pub fn pass_window_to(&mut self, other: &mut Store) {
        other.window = std::mem::take(&mut self.window);
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

    fn init(&mut self, migrations: &[&str], verify: Verify) -> Result<()> {
        let known = migrations.len() as i64;
        let path = self.path.clone().unwrap_or_else(|| ":memory:".into());
        self.conn
            .busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
        self.conn
            .set_prepared_statement_cache_capacity(STATEMENT_CACHE);
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
        // Damage is found before anything is written into it.
        if let Some(path) = self.path.clone()
            && (verify == Verify::Now || (version > 0 && version < known))
        {
            self.verify_now(&path)?;
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

    /// `tafel check`: reads the database at `path` without changing any
    /// file and runs SQLite's full `integrity_check`; `Ok` for a sound tafel
    /// database, [`Error::Damaged`] naming the first problem otherwise.
    pub fn check(path: &Path) -> Result<()> {
        let store = read_only::open(path, false)?;
        let problems = store.integrity_problems().map_err(|e| match e {
            Error::Sqlite(s) => map_open_error(path, s),
            other => other,
        })?;
        match problems.split_first() {
            None => Ok(()),
            Some(_) => Err(damaged(path, damage::summary(&problems))),
        }
    }

    /// What `PRAGMA integrity_check` finds wrong (nothing for a sound file).
    fn integrity_problems(&self) -> Result<Vec<String>> {
        let mut st = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = st
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows.into_iter().filter(|r| r != "ok").collect())
    }

    /// [`Store::transaction`] for the saves the TUI repeats (a note): its
    /// `BEGIN IMMEDIATE` and `COMMIT` are prepared once and reused. Rolled
    /// back when `f` fails (or panics) or the commit fails.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        /// Rolls back the open transaction unless it was committed.
        struct Open<'c>(&'c Connection);
        impl Drop for Open<'_> {
            fn drop(&mut self) {
                if !self.0.is_autocommit() {
                    let _ = self.0.execute_batch("ROLLBACK");
                }
            }
        }
        self.conn.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
        let open = Open(&self.conn);
        let value = f(open.0)?;
        open.0.prepare_cached("COMMIT")?.execute([])?;
        Ok(value)
    }

    /// Runs a statement that changes rows, prepared once and then reused
    /// (saves run the same few statements over and over); returns how many
    /// rows it changed.
    pub(crate) fn exec(&self, sql: &str, params: impl rusqlite::Params) -> Result<usize> {
        Ok(self.conn.prepare_cached(sql)?.execute(params)?)
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
        Some(ErrorCode::DatabaseCorrupt) => damaged(path, "malformed"),
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
        return Err(damaged(
            path,
            format!(
                "file has {len} bytes, its header promises {}",
                pages * page_size
            ),
        ));
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

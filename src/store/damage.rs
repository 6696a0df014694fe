//! Damage: finding it before anything is written into it, saying how to
//! restore, and carrying on in a recovery database.
//!
//! - A database opened for writing is verified first (`PRAGMA quick_check`,
//!   which reads every page): the command-line's write commands before
//!   their first write, the TUI on a thread of its own with a read-only
//!   connection, so the first frame does not wait ([`Check`]).
//! - A damaged database is never written again: the store turns to
//!   `query_only` and does not checkpoint its `-wal` into the file on close.
//! - The message names the newest backup that passes the check and the
//!   exact command that restores it ([`restore_hint`]).
//! - The TUI carries on in a recovery database beside the damaged one
//!   ([`Store::create_recovery`]): a fresh tafel database holding a copy of
//!   the sessions, their agendas, tables and participants (and as much of
//!   the notes as can still be read), so notes can be stored with the same
//!   ids; `tafel merge` brings them back after a restore.

use super::{Store, backup};
use crate::error::{Error, Result};
use crate::fsutil;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// What `quick_check` found wrong (nothing for a sound file).
pub(super) fn quick_check(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut st = conn.prepare("PRAGMA quick_check")?;
    let rows: Vec<String> = st
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// The problems found, as one line.
pub(super) fn summary(problems: &[String]) -> String {
    let line = |p: &String| {
        p.replace("*** in database main ***", "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    match problems {
        [] => String::new(),
        [one] => line(one),
        [first, rest @ ..] => format!("{}; and {} more problems", line(first), rest.len()),
    }
}

/// [`Error::Damaged`] for the database `db`, with the restore hint.
pub fn damaged(db: &Path, detail: impl Into<String>) -> Error {
    Error::Damaged {
        path: db.into(),
        detail: detail.into(),
        hint: restore_hint(db).to_string(),
    }
}

/// How to get a sound database back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreHint {
    /// The newest backup that passes the check, if any.
    pub backup: Option<PathBuf>,
    /// The exact command that restores it.
    pub command: Option<String>,
    /// Where the backups are.
    pub dir: PathBuf,
}

impl std::fmt::Display for RestoreHint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.command {
            Some(c) => write!(f, "restore the newest sound backup: {c}"),
            None => write!(
                f,
                "no backup in {} passes the check (tafel backup list)",
                self.dir.display()
            ),
        }
    }
}

/// The newest backup of `db` that passes the check, and the command that
/// restores it.
pub fn restore_hint(db: &Path) -> RestoreHint {
    let backup = backup::list(db)
        .unwrap_or_default()
        .into_iter()
        .map(|b| b.path)
        .find(|p| backup::verify(p).is_ok());
    RestoreHint {
        command: backup.as_ref().map(|b| {
            format!(
                "tafel --db {} backup restore {}",
                fsutil::shell_word(db),
                fsutil::shell_word(b)
            )
        }),
        backup,
        dir: backup::dir_for(db),
    }
}

/// A check running on another thread through its own read-only connection:
/// `Ok` when sound, `Err(problems)` when damaged.
pub(super) struct Check(std::thread::JoinHandle<Result<(), String>>);

impl Check {
    /// Starts `quick_check` of `db` in the background.
    pub(super) fn start(db: &Path) -> Check {
        let db = db.to_path_buf();
        Check(std::thread::spawn(move || {
            let conn = Connection::open_with_flags(
                &db,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )
            .map_err(|e| e.to_string())?;
            let _ = conn.busy_timeout(std::time::Duration::from_secs(10));
            match quick_check(&conn) {
                Ok(problems) if problems.is_empty() => Ok(()),
                Ok(problems) => Err(summary(&problems)),
                Err(e) if is_damage(&e) => Err(e.to_string()),
                // Not a verdict (busy, out of memory): not damage either.
                Err(_) => Ok(()),
            }
        }))
    }

    pub(super) fn is_finished(&self) -> bool {
        self.0.is_finished()
    }

    pub(super) fn wait(self) -> Result<(), String> {
        self.0.join().unwrap_or(Ok(()))
    }
}

/// Whether SQLite says the file is damaged.
pub fn is_damage(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// The tables of a tafel database in the order their rows can be copied;
/// `true`: needed for notes to be stored at all.
const TABLES: &[(&str, bool)] = &[
    ("session", true),
    ("dimension", true),
    ("item", true),
    ("thematic_table", true),
    ("table_item", true),
    ("participant", true),
    ("rating", false),
    ("note", false),
    ("draft", false),
    ("place", false),
];

/// A recovery database: where it is and what could not be copied into it.
pub struct Recovery {
    pub store: Store,
    pub path: PathBuf,
    /// Tables that could not be read from the damaged database.
    pub lost: Vec<&'static str>,
}

impl Store {
    /// Runs the check now (before any write of a command-line command).
    pub(super) fn verify_now(&self, path: &Path) -> Result<()> {
        match quick_check(&self.conn) {
            Ok(problems) if problems.is_empty() => Ok(()),
            Ok(problems) => Err(damaged(path, summary(&problems))),
            Err(e) if is_damage(&e) => Err(damaged(path, e.to_string())),
            Err(e) => Err(e.into()),
        }
    }

    /// Verifies the database now: `Ok` when sound, [`Error::Damaged`] with
    /// the restore hint otherwise (`tafel export`).
    pub fn verify(&self) -> Result<()> {
        match &self.path {
            Some(path) => self.verify_now(&path.clone()),
            None => Ok(()),
        }
    }

    /// Starts the check in the background (none for an in-memory database).
    pub fn start_check(&mut self) {
        if let Some(path) = &self.path {
            self.check = Some(Check::start(path));
        }
    }

    /// Whether the background check is still running.
    pub fn check_running(&self) -> bool {
        self.check.as_ref().is_some_and(|c| !c.is_finished())
    }

    /// What is wrong with the database, once known: from the background
    /// check or from a read that hit the damage. `before_write`: wait for a
    /// check still running, so nothing is written to a file not yet checked
    /// (it usually finished long before the first write).
    pub fn damage(&mut self, before_write: bool) -> Option<String> {
        let done = self
            .check
            .as_ref()
            .is_some_and(|c| before_write || c.is_finished());
        if self.damaged.is_none()
            && done
            && let Some(Err(detail)) = self.check.take().map(Check::wait)
        {
            self.mark_damaged(detail);
        }
        self.damaged.clone()
    }

    /// Marks the database damaged: from now on nothing is written to it,
    /// not even the checkpoint of its `-wal` when it is closed.
    pub fn mark_damaged(&mut self, detail: String) {
        let _ = self.conn.execute_batch("PRAGMA query_only = ON");
        let _ = self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        );
        self.damaged = Some(detail);
    }

    /// Creates a recovery database beside this (damaged) one, named
    /// `NAME.recovery-STAMP.db`, and copies into it what can be read:
    /// sessions, agendas, tables and participants (needed), ratings, notes,
    /// drafts and places (as far as they can be read). The same ids, so
    /// everything on screen stays valid.
    pub fn create_recovery(&mut self) -> Result<Recovery> {
        let db = self
            .path
            .clone()
            .ok_or_else(|| Error::Invalid("an in-memory database needs no recovery".into()))?;
        let path = recovery_path(&db, "recovery");
        let mut store = Store::open(&path)?;
        let copied = store.copy_from(&db);
        match copied {
            Ok(lost) => Ok(Recovery { store, path, lost }),
            Err(e) => {
                drop(store);
                // Our own, new and unusable file: nothing of the user's.
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(super::read_only::sidecar(&path, suffix));
                }
                Err(e)
            }
        }
    }

    /// Copies the rows of `damaged` into this (new, empty) database.
    fn copy_from(&mut self, damaged: &Path) -> Result<Vec<&'static str>> {
        // Reading only: and should this connection close the damaged file
        // last, it must not checkpoint into it.
        self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        self.conn
            .execute("ATTACH DATABASE ?1 AS damaged", [damaged.to_string_lossy()])?;
        // One statement per table, each all or nothing: a table that cannot
        // be read is left out as a whole (SQLite may end a transaction on
        // damage, so there is none around them).
        let copied = (|| {
            let mut lost = Vec::new();
            for (table, needed) in TABLES {
                let sql = format!("INSERT INTO main.{table} SELECT * FROM damaged.{table}");
                match self.conn.execute(&sql, []) {
                    Ok(_) => {}
                    Err(e) if !needed => {
                        crate::log::write(&format!("recovery: {table} not copied: {e}"));
                        lost.push(*table);
                    }
                    Err(e) => return Err(damaged_copy(damaged, table, e)),
                }
            }
            Ok(lost)
        })();
        let detached = self.conn.execute("DETACH DATABASE damaged", []);
        self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            false,
        )?;
        let lost = copied?;
        detached?;
        Ok(lost)
    }
}

fn damaged_copy(db: &Path, table: &str, e: rusqlite::Error) -> Error {
    Error::Invalid(format!(
        "{}: cannot read its {table} table to start a recovery database ({e})",
        db.display()
    ))
}

/// `DIR/STEM.WHAT-STAMP.db` beside `db`, a name not yet taken.
pub(super) fn recovery_path(db: &Path, what: &str) -> PathBuf {
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("tafel");
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let dir = db.parent().unwrap_or(Path::new(""));
    let mut path = dir.join(format!("{stem}.{what}-{stamp}.db"));
    let mut n = 1;
    while std::fs::symlink_metadata(&path).is_ok() {
        n += 1;
        path = dir.join(format!("{stem}.{what}-{stamp}-{n}.db"));
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn problems_are_one_line() {
        let p = vec!["a\nb".to_string(), "c".to_string(), "d".to_string()];
        assert_eq!(summary(&p), "a b; and 2 more problems");
        let p = vec!["*** in database main ***\nPage 266: bad".to_string()];
        assert_eq!(summary(&p), "Page 266: bad");
    }
}

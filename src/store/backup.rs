//! Backups: consistent snapshots (`VACUUM INTO`) of the database into a
//! `backups/` folder beside it, keeping the most recent ten that together
//! take at most five times the newest one's size (or 64 MiB); listing, and
//! restoring one (which first backs up what it replaces).

use super::{APPLICATION_ID, SCHEMA_VERSION, Store};
use crate::error::{Error, Result};
use crate::fsutil;
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// How many snapshots are kept at most…
pub const KEEP: usize = 10;
/// …and together no more than this many times the newest one's size, or
/// [`SIZE_FLOOR`] if that is more: the backups of a large database do not
/// fill the disk, and a small one keeps all ten.
pub const SIZE_FACTOR: u64 = 5;
/// The size ten snapshots may always take together (64 MiB).
pub const SIZE_FLOOR: u64 = 64 << 20;

/// The backups folder of a database file.
pub fn dir_for(db: &Path) -> PathBuf {
    fsutil::beside_db(db, fsutil::BACKUPS)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub bytes: u64,
}

/// Snapshots the open database into its backups folder and prunes old
/// snapshots. Returns the new file.
pub fn take(store: &Store) -> Result<PathBuf> {
    let db = store
        .path()
        .ok_or_else(|| Error::Invalid("an in-memory database has no backups".into()))?;
    snapshot(store.connection(), db)
}

/// How long a snapshot taken in the background waits before it starts, so
/// that it does not compete for the disk and the processor with the first
/// frame of the session just opened. It starts at once when its result is
/// waited for (quitting, [`Pending::wait`]).
pub const BACKGROUND_DELAY: Duration = Duration::from_millis(250);

/// A snapshot being taken on another thread through its own read-only
/// connection, so opening a session does not wait for it.
pub struct Pending {
    thread: std::thread::JoinHandle<Result<PathBuf>>,
    /// Tells the thread to start now instead of after its delay.
    start_now: mpsc::Sender<()>,
}

/// Starts a snapshot of `db` in the background, after
/// [`BACKGROUND_DELAY`].
pub fn start(db: &Path) -> Pending {
    let db = db.to_path_buf();
    let (start_now, delay) = mpsc::channel::<()>();
    let thread = std::thread::spawn(move || {
        // Cut short by `Pending::wait` (or by the `Pending` being dropped).
        let _ = delay.recv_timeout(BACKGROUND_DELAY);
        let conn = Connection::open_with_flags(
            &db,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        conn.busy_timeout(Duration::from_secs(10))?;
        snapshot(&conn, &db)
    });
    Pending { thread, start_now }
}

impl Pending {
    pub fn is_finished(&self) -> bool {
        self.thread.is_finished()
    }

    /// Waits for the snapshot (starting it now if it has not started) and
    /// returns its file.
    pub fn wait(self) -> Result<PathBuf> {
        let _ = self.start_now.send(());
        self.thread
            .join()
            .unwrap_or_else(|_| Err(Error::Invalid("the backup thread stopped".into())))
    }
}

fn snapshot(conn: &Connection, db: &Path) -> Result<PathBuf> {
    let dir = dir_for(db);
    fsutil::create_private_dir(&dir).map_err(|e| Error::io(&dir, e))?;
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ");
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("tafel");
    let name = format!("{stem}-{stamp}.db");
    // An empty private temporary file first: VACUUM INTO fills it, it is
    // never readable by others, not even for a moment, and it only gets its
    // snapshot name once complete.
    let tmp = fsutil::private_temp_file(&dir, &name).map_err(|e| Error::io(&dir, e))?;
    if let Err(e) = conn.execute("VACUUM INTO ?1", [tmp.path().to_string_lossy()]) {
        return Err(Error::io_message(
            dir.join(&name),
            std::io::ErrorKind::Other,
            format!("backup failed: {e}"),
        ));
    }
    // An unchanged database gives a byte-identical snapshot (VACUUM INTO is
    // deterministic): keep the earlier one instead, so opening a session
    // again and again never rotates distinct older snapshots away.
    if let Some(prev) = snapshots(&dir, stem)?.pop()
        && same_bytes(&prev.path, tmp.path())
    {
        return Ok(prev.path); // dropping `tmp` removes it
    }
    let path = persist_unique(tmp, &dir, &name)?;
    prune(&dir, stem)?;
    Ok(path)
}

/// Gives the finished snapshot `tmp` the name `name` in `dir`, or, if a
/// snapshot of that name exists (two in the same millisecond), the first
/// free `STEM-STAMP-N.db`; never replaces a file.
fn persist_unique(mut tmp: tempfile::NamedTempFile, dir: &Path, name: &str) -> Result<PathBuf> {
    let stem = name.trim_end_matches(".db");
    let mut path = dir.join(name);
    let mut n = 1;
    loop {
        match tmp.persist_noclobber(&path) {
            Ok(_) => return Ok(path),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => tmp = e.file,
            Err(e) => return Err(Error::io(&path, e.error)),
        }
        n += 1;
        path = dir.join(format!("{stem}-{n}.db"));
    }
}

/// Whether two files hold the same bytes (false if either cannot be read).
fn same_bytes(a: &Path, b: &Path) -> bool {
    use std::io::BufReader;
    let (Ok(fa), Ok(fb)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let same_len = match (fa.metadata(), fb.metadata()) {
        (Ok(ma), Ok(mb)) => ma.len() == mb.len(),
        _ => false,
    };
    if !same_len {
        return false;
    }
    let (mut ra, mut rb) = (BufReader::new(fa), BufReader::new(fb));
    let (mut ba, mut bb) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let (Ok(na), Ok(nb)) = (fill(&mut ra, &mut ba), fill(&mut rb, &mut bb)) else {
            return false;
        };
        if na != nb || ba[..na] != bb[..nb] {
            return false;
        }
        if na < ba.len() {
            return true;
        }
    }
}

/// Reads until `buf` is full or the file ends; returns how much was read.
fn fill(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Snapshots of `stem`, oldest first (names sort by time).
fn snapshots(dir: &Path, stem: &str) -> Result<Vec<Backup>> {
    let mut out = Vec::new();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(Error::io(dir, e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with(&format!("{stem}-")) && name.ends_with(".db") {
            let bytes = entry.metadata().map(|m| m.len()).unwrap_or(0);
            out.push(Backup {
                path: entry.path(),
                bytes,
            });
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

/// Removes the oldest snapshots beyond [`KEEP`], and then beyond
/// [`SIZE_FACTOR`] times the newest one's size (or [`SIZE_FLOOR`]) in all;
/// the newest is always kept.
fn prune(dir: &Path, stem: &str) -> Result<()> {
    let all = snapshots(dir, stem)?;
    for old in &all[..excess(&all)] {
        std::fs::remove_file(&old.path).map_err(|e| Error::io(&old.path, e))?;
    }
    Ok(())
}

/// How many of `all` (oldest first) are to go.
fn excess(all: &[Backup]) -> usize {
    let Some(newest) = all.last() else {
        return 0;
    };
    let limit = newest.bytes.saturating_mul(SIZE_FACTOR).max(SIZE_FLOOR);
    let mut drop = all.len().saturating_sub(KEEP);
    let mut total: u64 = all[drop..].iter().map(|b| b.bytes).sum();
    while total > limit && drop + 1 < all.len() {
        total -= all[drop].bytes;
        drop += 1;
    }
    drop
}

/// The snapshots of database `db`, newest first.
pub fn list(db: &Path) -> Result<Vec<Backup>> {
    let stem = db.file_stem().and_then(|s| s.to_str()).unwrap_or("tafel");
    let mut all = snapshots(&dir_for(db), stem)?;
    all.reverse();
    Ok(all)
}

/// Checks, without writing, that `file` is a tafel database this tafel can read.
pub fn verify(file: &Path) -> Result<()> {
    let meta = std::fs::metadata(file).map_err(|e| Error::io(file, e))?;
    if meta.is_dir() {
        return Err(Error::IsADirectory { path: file.into() });
    }
    let conn = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| Error::NotADatabase { path: file.into() })?;
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => {
                    Error::NotADatabase { path: file.into() }
                }
                _ => damaged_backup(file, e.to_string()),
            })
    };
    if read("PRAGMA application_id")? != APPLICATION_ID {
        return Err(Error::ForeignDatabase { path: file.into() });
    }
    let version = read("PRAGMA user_version")?;
    if version > SCHEMA_VERSION {
        return Err(Error::NewerSchema {
            path: file.into(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    let problems =
        super::damage::quick_check(&conn).map_err(|e| damaged_backup(file, e.to_string()))?;
    if !problems.is_empty() {
        return Err(damaged_backup(file, super::damage::summary(&problems)));
    }
    Ok(())
}

/// Restores `file` over a damaged database `db` without writing into it:
/// the damaged file (with its `-wal` and `-shm`) is moved aside to
/// `NAME.damaged-STAMP.db` beside it, and a copy of `file` takes its place.
/// Returns where the damaged file now is.
pub fn restore_over_damaged(db: &Path, file: &Path) -> Result<PathBuf> {
    verify(file)?;
    let kept = super::damage::recovery_path(db, "damaged");
    std::fs::rename(db, &kept).map_err(|e| Error::io(db, e))?;
    for suffix in ["-wal", "-shm"] {
        let from = super::read_only::sidecar(db, suffix);
        if from.exists() {
            let to = super::read_only::sidecar(&kept, suffix);
            std::fs::rename(&from, &to).map_err(|e| Error::io(&from, e))?;
        }
    }
    let dir = match db.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut tmp = fsutil::private_temp_file(dir, name.as_deref().unwrap_or("tafel.db"))
        .map_err(|e| Error::io(dir, e))?;
    let mut src = std::fs::File::open(file).map_err(|e| Error::io(file, e))?;
    std::io::copy(&mut src, tmp.as_file_mut()).map_err(|e| Error::io(db, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(db, e))?;
    fsutil::persist(tmp, db, false).map_err(|e| Error::io(db, e))?;
    Ok(kept)
}

/// A backup that does not pass the check.
fn damaged_backup(file: &Path, detail: String) -> Error {
    Error::Damaged {
        path: file.into(),
        detail,
        hint: "it is not used; choose another file (tafel backup list shows the backups)".into(),
    }
}

/// Replaces the database's content with `file`'s, after snapshotting the
/// current content. Returns the snapshot of what was replaced.
pub fn restore(store: &mut Store, file: &Path) -> Result<PathBuf> {
    verify(file)?;
    let saved = take(store)?;
    let src = Connection::open_with_flags(file, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|e| Error::io(file, std::io::Error::other(e.to_string())))?;
    let backup = rusqlite::backup::Backup::new(&src, store.connection_mut())?;
    backup.run_to_completion(256, std::time::Duration::from_millis(10), None)?;
    Ok(saved)
}

#[cfg(test)]
mod tests {
    use super::*;

    const M: u64 = SIZE_FLOOR / 8;

    fn sizes(bytes: &[u64]) -> Vec<Backup> {
        bytes
            .iter()
            .enumerate()
            .map(|(i, &bytes)| Backup {
                path: PathBuf::from(format!("t-{i:02}.db")),
                bytes,
            })
            .collect()
    }

    #[test]
    fn the_oldest_go_beyond_ten_or_five_times_the_newest() {
        assert_eq!(excess(&[]), 0);
        assert_eq!(excess(&sizes(&[10 * M; 10])), 5, "ten large: five stay");
        assert_eq!(excess(&sizes(&[10 * M; 5])), 0);
        assert_eq!(excess(&sizes(&[1; 12])), 2, "small ones: ten stay");
        assert_eq!(excess(&sizes(&[M; 10])), 2, "the floor: 64 MiB stay");
        // A database that grew: the old small snapshots fit beside the new.
        assert_eq!(excess(&sizes(&[M, M, M, M, 10 * M, 20 * M])), 0);
        assert_eq!(
            excess(&sizes(&[90 * M, 10 * M, 10 * M])),
            1,
            "a big old one goes"
        );
        assert_eq!(excess(&sizes(&[100 * SIZE_FLOOR, 1])), 1);
        assert_eq!(
            excess(&sizes(&[100 * SIZE_FLOOR])),
            0,
            "the newest always stays"
        );
    }
}

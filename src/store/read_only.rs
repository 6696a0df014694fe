//! Opening a database only to read it (`tafel list`, `export`, `check`):
//! no folder, database, `-wal` or `-shm` file is ever created, changed or
//! removed.
//!
//! SQLite's own read-only mode is not enough: it creates `-wal` and `-shm`
//! files when they are missing and rebuilds the `-shm` of a stopped writer.
//! So the way of reading depends on what is beside the database:
//!
//! - no `-wal`, an empty one, or one without a valid header (garbage): all
//!   committed data is in the file itself, which is read as `immutable`
//!   (SQLite then opens no other file);
//! - a `-wal` with a valid header and a tafel still running (it holds a lock
//!   in the `-shm`): read as SQLite's read-only connection, sharing that
//!   process's `-shm` as SQLite intends;
//! - a `-wal` with a valid header left by a tafel that stopped without
//!   closing (killed, crashed): its changes are committed but not yet in the
//!   file, so the file and its `-wal` are copied into a private temporary
//!   folder and read there.
//!
//! A database of an older schema is copied (`VACUUM INTO`) into a private
//! temporary folder and upgraded there, so every query reads the current
//! schema. Either copy is removed when the store is dropped.

use super::{APPLICATION_ID, MIGRATIONS, Store, check_header, map_open_error};
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};

/// How the file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    Immutable,
    Shared,
    Copy,
}

/// `db` with `suffix` appended to its file name (`-wal`, `-shm`).
pub(super) fn sidecar(db: &Path, suffix: &str) -> PathBuf {
    let mut name = OsString::from(db.as_os_str());
    name.push(suffix);
    PathBuf::from(name)
}

/// Opens `path` for reading only. `current`: bring an older schema up to
/// date in a private copy (for commands that query it); without it, the
/// file is read as it is (`tafel check`).
pub(super) fn open(path: &Path, current: bool) -> Result<Store> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => return Err(Error::IsADirectory { path: path.into() }),
        Ok(m) if m.len() == 0 => return Err(Error::EmptyDatabase { path: path.into() }),
        Ok(_) => check_header(path)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoDatabase { path: path.into() });
        }
        Err(e) => return Err(Error::io(path, e)),
    }
    let access = access(path);
    let mut copy = None;
    let conn = match access {
        Access::Immutable => Connection::open_with_flags(
            immutable_uri(path),
            OpenFlags::SQLITE_OPEN_READ_ONLY
                | OpenFlags::SQLITE_OPEN_URI
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ),
        Access::Shared => Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ),
        Access::Copy => {
            let (dir, file) = copy_with_wal(path)?;
            copy = Some(dir);
            Connection::open(&file)
        }
    }
    .map_err(|e| map_open_error(path, e))?;
    conn.busy_timeout(std::time::Duration::from_millis(super::BUSY_TIMEOUT_MS))?;
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| map_open_error(path, e))
    };
    let (version, app_id) = (read("PRAGMA user_version")?, read("PRAGMA application_id")?);
    let objects = read("SELECT count(*) FROM sqlite_master")?;
    if app_id != APPLICATION_ID {
        return Err(if version == 0 && objects == 0 && app_id == 0 {
            Error::EmptyDatabase { path: path.into() }
        } else {
            Error::ForeignDatabase { path: path.into() }
        });
    }
    let known = MIGRATIONS.len() as i64;
    if version > known {
        return Err(Error::NewerSchema {
            path: path.into(),
            found: version,
            known,
        });
    }
    let mut store = Store::from_connection(conn, path);
    if current && version < known {
        store = upgraded_copy(store, path, version, copy.take())?;
    }
    store.conn.execute_batch("PRAGMA query_only = ON")?;
    store.private_copy = copy.or(store.private_copy.take());
    Ok(store)
}

/// A private copy of an older database, upgraded to the current schema.
fn upgraded_copy(
    store: Store,
    path: &Path,
    version: i64,
    copy: Option<tempfile::TempDir>,
) -> Result<Store> {
    let (dir, mut store) = match copy {
        // Already a private copy: upgrade it in place.
        Some(dir) => (dir, store),
        None => {
            let dir = private_dir(path)?;
            let file = dir.path().join("copy.db");
            store
                .conn
                .execute("VACUUM INTO ?1", [file.to_string_lossy()])
                .map_err(|e| map_open_error(path, e))?;
            drop(store);
            let conn = Connection::open(&file).map_err(|e| map_open_error(path, e))?;
            (dir, Store::from_connection(conn, path))
        }
    };
    store.migrate(MIGRATIONS, version)?;
    store.private_copy = Some(dir);
    Ok(store)
}

fn private_dir(path: &Path) -> Result<tempfile::TempDir> {
    // tempfile makes the folder 0700: the copy holds people's names.
    tempfile::Builder::new()
        .prefix("tafel-read-")
        .tempdir()
        .map_err(|e| {
            Error::io_message(
                std::env::temp_dir(),
                e.kind(),
                format!("cannot make a private copy to read {}: {e}", path.display()),
            )
        })
}

/// Copies the database and its `-wal` (never its `-shm`) into a private
/// temporary folder; returns the folder and the copy of the database.
fn copy_with_wal(path: &Path) -> Result<(tempfile::TempDir, PathBuf)> {
    let dir = private_dir(path)?;
    let file = dir.path().join("copy.db");
    std::fs::copy(path, &file).map_err(|e| Error::io(path, e))?;
    let wal = sidecar(path, "-wal");
    std::fs::copy(&wal, sidecar(&file, "-wal")).map_err(|e| Error::io(&wal, e))?;
    Ok((dir, file))
}

/// How `db` can be read without changing any file (see the module notes).
fn access(db: &Path) -> Access {
    if !wal_header_is_valid(&sidecar(db, "-wal")) {
        Access::Immutable
    } else if writer_is_running(&sidecar(db, "-shm")) {
        Access::Shared
    } else {
        Access::Copy
    }
}

/// Whether `wal` starts with a valid WAL header (magic, version and
/// checksum): only then can SQLite find committed changes in it.
fn wal_header_is_valid(wal: &Path) -> bool {
    let mut header = [0u8; 32];
    let read = std::fs::File::open(wal).and_then(|mut f| f.read_exact(&mut header));
    if read.is_err() {
        return false;
    }
    let word = |i: usize| u32::from_be_bytes(header[i..i + 4].try_into().expect("4 bytes"));
    let magic = word(0);
    if magic & !1 != 0x377f_0682 || word(4) != 3_007_000 {
        return false;
    }
    let big_endian = magic & 1 == 1;
    let (mut s0, mut s1) = (0u32, 0u32);
    for pair in header[..24].chunks(8) {
        let get = |b: &[u8]| {
            let b: [u8; 4] = b.try_into().expect("4 bytes");
            if big_endian {
                u32::from_be_bytes(b)
            } else {
                u32::from_le_bytes(b)
            }
        };
        s0 = s0.wrapping_add(get(&pair[..4])).wrapping_add(s1);
        s1 = s1.wrapping_add(get(&pair[4..])).wrapping_add(s0);
    }
    (s0, s1) == (word(24), word(28))
}

/// Whether a process has the database open: every SQLite connection in WAL
/// mode holds a read lock on byte 128 of the `-shm` file (its "dead man
/// switch") while it runs. Asked with `F_GETLK`, which changes nothing.
#[cfg(unix)]
fn writer_is_running(shm: &Path) -> bool {
    use std::os::fd::AsRawFd;
    let Ok(file) = std::fs::File::open(shm) else {
        return false; // no -shm: nobody has the database open
    };
    // SAFETY: a zeroed `flock` is a valid value of the plain C struct, and
    // F_GETLK only reads the open file descriptor and writes into `lock`.
    let mut lock: libc::flock = unsafe { std::mem::zeroed() };
    lock.l_type = libc::F_WRLCK as _;
    lock.l_whence = libc::SEEK_SET as _;
    lock.l_start = 128;
    lock.l_len = 1;
    let rc = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLK, &mut lock) };
    // If the question cannot be asked, assume a writer: reading alongside it
    // is always safe, a copy might not be.
    rc != 0 || i32::from(lock.l_type) != libc::F_UNLCK
}

#[cfg(not(unix))]
fn writer_is_running(shm: &Path) -> bool {
    shm.exists()
}

/// A `file:` URI for `path` with `immutable=1`; every byte that is not
/// plainly safe is percent-encoded, so any file name works.
fn immutable_uri(path: &Path) -> PathBuf {
    let bytes: Vec<u8> = {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            path.as_os_str().as_bytes().to_vec()
        }
        #[cfg(not(unix))]
        {
            path.to_string_lossy().replace('\\', "/").into_bytes()
        }
    };
    let mut uri = String::from("file:");
    for b in bytes {
        if b.is_ascii_alphanumeric() || b"/-_.~".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?immutable=1");
    PathBuf::from(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_every_odd_byte() {
        assert_eq!(
            immutable_uri(Path::new("/a b/c?#%é.db")),
            PathBuf::from("file:/a%20b/c%3F%23%25%C3%A9.db?immutable=1")
        );
    }

    #[test]
    fn garbage_is_not_a_wal_header() {
        let dir = tempfile::TempDir::new().unwrap();
        let wal = dir.path().join("x-wal");
        std::fs::write(&wal, vec![0xab; 4096]).unwrap();
        assert!(!wal_header_is_valid(&wal));
        assert!(!wal_header_is_valid(&dir.path().join("missing")));
        // A real one.
        let db = dir.path().join("real.db");
        let conn = Connection::open(&db).unwrap();
        conn.execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t(x); INSERT INTO t VALUES (1);")
            .unwrap();
        assert!(wal_header_is_valid(&sidecar(&db, "-wal")));
    }
}

//! Windows: each running editor (each TUI) stores its drafts under an
//! identity of its own, and holds a lock on a file named after it for as
//! long as it runs, in `windows/` beside the database. A window whose file
//! is missing or not locked is gone (closed, killed, crashed): its drafts
//! are offered back to the next window that opens their item. The lock is
//! taken by the operating system and released when the process ends,
//! however it ends; asking whether it is held changes nothing.

use crate::fsutil;
use std::fs::File;
use std::path::{Path, PathBuf};

/// This store's window.
#[derive(Debug, Default)]
pub(super) struct Window {
    /// Empty for a store that is no window (commands, tests).
    pub(super) id: String,
    /// The locked file, for a window on a database file.
    lock: Option<(PathBuf, File)>,
}

fn lock_path(db: &Path, id: &str) -> PathBuf {
    fsutil::beside_db(db, fsutil::WINDOWS).join(format!("{id}.lock"))
}

impl Window {
    /// A new window on `db` (`None`: in memory), holding its lock.
    pub(super) fn claim(db: Option<&Path>) -> std::io::Result<Window> {
        let id = uuid::Uuid::new_v4().to_string();
        let Some(db) = db else {
            return Ok(Window { id, lock: None });
        };
        let dir = fsutil::beside_db(db, fsutil::WINDOWS);
        fsutil::create_private_dir(&dir)?;
        // Locked before it gets its name, so a window that looks at it never
        // sees it unlocked and takes it for a gone one.
        let tmp = fsutil::private_temp_file(&dir, &format!("{id}.lock"))?;
        tmp.as_file().try_lock().map_err(std::io::Error::other)?;
        let path = lock_path(db, &id);
        let file = tmp.persist_noclobber(&path).map_err(|e| e.error)?;
        Ok(Window {
            id,
            lock: Some((path, file)),
        })
    }

    /// Whether the window `id` on `db` is still running.
    pub(super) fn is_alive(&self, db: Option<&Path>, id: &str) -> bool {
        if id == self.id {
            return true;
        }
        let (Some(db), false) = (db, id.is_empty()) else {
            return false;
        };
        let path = lock_path(db, id);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return false,
            Err(_) => return true, // cannot tell: leave its drafts alone
        };
        match file.try_lock_shared() {
            Ok(()) => {
                // Nobody holds it: the window is gone; tidy its file away.
                let _ = std::fs::remove_file(&path);
                false
            }
            Err(std::fs::TryLockError::WouldBlock) => true,
            Err(_) => true,
        }
    }
}

impl Drop for Window {
    /// A window that closes normally removes its file (a killed one leaves
    /// it unlocked, which says the same).
    fn drop(&mut self) {
        if let Some((path, _)) = self.lock.take() {
            let _ = std::fs::remove_file(path);
        }
    }
}

//! A small append-only log file in the data directory (`logs/tafel.log`).
//! Nothing is ever logged to the screen.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

static LOG: Mutex<Option<(PathBuf, std::fs::File)>> = Mutex::new(None);

/// Opens (creating) the log file in `dir`; returns its path.
pub fn init(dir: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join("tafel.log");
    let file = crate::fsutil::private_options()
        .create(true)
        .append(true)
        .open(&path)?;
    if let Ok(mut guard) = LOG.lock() {
        *guard = Some((path.clone(), file));
    }
    Ok(path)
}

/// Appends a timestamped line (no-op when no log is open).
pub fn write(message: &str) {
    if let Ok(mut guard) = LOG.lock()
        && let Some((_, file)) = guard.as_mut()
    {
        let _ = writeln!(file, "{} {message}", chrono::Utc::now().to_rfc3339());
    }
}

/// The open log file's path.
pub fn path() -> Option<PathBuf> {
    LOG.lock()
        .ok()
        .and_then(|g| g.as_ref().map(|(p, _)| p.clone()))
}

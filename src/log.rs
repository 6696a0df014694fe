//! A small append-only log file in the data directory (`logs/tafel.log`).
//! Nothing is ever logged to the screen.
//!
//! Each line is written whole: it is built first and handed to the system
//! in one `write` on a file opened for appending (`O_APPEND`), so a full
//! disk or a second tafel writing to the same log never leaves half a line
//! glued to the next one.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

static LOG: Mutex<Option<(PathBuf, std::fs::File)>> = Mutex::new(None);

/// Opens (creating) the log file in `dir` (a private folder, 0700); returns
/// its path.
pub fn init(dir: &Path) -> std::io::Result<PathBuf> {
    crate::fsutil::create_private_dir(dir)?;
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

/// One log line: the time, the message on one line, a line break.
pub fn line(time: &str, message: &str) -> String {
    let flat: String = message
        .chars()
        .map(|c| if c == '\n' || c == '\r' { ' ' } else { c })
        .collect();
    format!("{time} {flat}\n")
}

/// Appends a timestamped line (no-op when no log is open).
pub fn write(message: &str) {
    if let Ok(mut guard) = LOG.lock()
        && let Some((_, file)) = guard.as_mut()
    {
        let text = line(&chrono::Utc::now().to_rfc3339(), message);
        // One write, never a retry of the rest: a short write on a full
        // disk would otherwise finish the line later, torn.
        let _ = file.write(text.as_bytes());
    }
}

/// The open log file's path.
pub fn path() -> Option<PathBuf> {
    LOG.lock()
        .ok()
        .and_then(|g| g.as_ref().map(|(p, _)| p.clone()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_message_is_one_line() {
        assert_eq!(super::line("T", "a\nb\r\nc"), "T a b  c\n");
    }
}

//! Where tafel keeps its files: the platform data directory
//! (`directories::ProjectDirs`), overridable by `--db` or `TAFEL_DB`.

use std::ffi::OsString;
use std::path::PathBuf;

/// Environment variable that overrides the database path.
pub const DB_ENV: &str = "TAFEL_DB";
const DB_FILE: &str = "tafel.db";

/// The platform's data directory for tafel, e.g. `~/.local/share/tafel` on
/// Linux (honouring `XDG_DATA_HOME`).
pub fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("nl", "MCOIG", "tafel").map(|d| d.data_dir().to_path_buf())
}

/// The database path: `--db` wins, then `TAFEL_DB`, then the data directory.
/// `env` is the value of `TAFEL_DB` (passed in so this is testable).
pub fn db_path(flag: Option<PathBuf>, env: Option<OsString>) -> Option<PathBuf> {
    flag.or_else(|| env.filter(|v| !v.is_empty()).map(PathBuf::from))
        .or_else(|| data_dir().map(|d| d.join(DB_FILE)))
}

/// Folder for logs and panic reports: beside the database.
pub fn log_dir(db: &std::path::Path) -> PathBuf {
    crate::fsutil::beside_db(db, crate::fsutil::LOGS)
}

/// Folder for exports made from the TUI: beside the database.
pub fn export_dir(db: &std::path::Path) -> PathBuf {
    crate::fsutil::beside_db(db, crate::fsutil::EXPORTS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_env_beats_default() {
        let flag = Some(PathBuf::from("/a/flag.db"));
        let env = Some(OsString::from("/b/env.db"));
        assert_eq!(db_path(flag.clone(), env.clone()), flag);
        assert_eq!(db_path(None, env), Some(PathBuf::from("/b/env.db")));
        let default = db_path(None, None).expect("a home directory");
        assert!(default.ends_with("tafel/tafel.db"), "{default:?}");
        assert_eq!(db_path(None, Some(OsString::new())), Some(default));
    }
}

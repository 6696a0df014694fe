//! Small file helpers shared by the store, backups, export and the log:
//! files only their owner can read (they hold people's names), the folders
//! kept beside the database, and atomic writes that never replace a file
//! by accident. No SQL, no terminal.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

/// Folder of database snapshots, beside the database.
pub const BACKUPS: &str = "backups";
/// Folder of exports made from the TUI, beside the database.
pub const EXPORTS: &str = "exports";
/// Folder of the log file and panic reports, beside the database.
pub const LOGS: &str = "logs";
/// Folder of the lock files of the running editors, beside the database.
pub const WINDOWS: &str = "windows";

/// The folder `name` ([`BACKUPS`], [`EXPORTS`], [`LOGS`]) beside the
/// database file `db`; `./name` for a database given without a folder.
pub fn beside_db(db: &Path, name: &str) -> PathBuf {
    db.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf)
        .join(name)
}

/// Options that create a file readable and writable by its owner only
/// (mode 0600 on Unix). Say how to open it (`create_new`, `append` …).
pub fn private_options() -> OpenOptions {
    let mut options = OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options
}

/// Creates a new, empty private file; fails if `path` exists.
pub fn create_private_file(path: &Path) -> io::Result<File> {
    private_options().write(true).create_new(true).open(path)
}

/// Creates `dir` (with its parents) and, where the system allows, makes it
/// accessible to its owner only (0700 on Unix).
pub fn create_private_dir(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
    }
    Ok(())
}

/// A new private temporary file in `dir`, named after `name` (hidden, with
/// a `.tmp` suffix), to be moved into place with [`persist`]. It is removed
/// when dropped unless persisted.
pub fn private_temp_file(dir: &Path, name: &str) -> io::Result<NamedTempFile> {
    let file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // Exactly 0600, whatever the umask.
        file.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(file)
}

/// Moves the finished temporary file `tmp` to `path` in one step. Without
/// `overwrite` an existing `path` — even one created while `tmp` was being
/// written — is left alone and the error is of kind
/// [`io::ErrorKind::AlreadyExists`]. On failure the temporary file is
/// removed. The folder is synced afterwards (where the file system allows)
/// so the new name survives a power cut.
pub fn persist(tmp: NamedTempFile, path: &Path, overwrite: bool) -> io::Result<()> {
    let moved = if overwrite {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    moved.map_err(|e| e.error)?; // dropping `e.file` removes the temporary file
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// A path as one word for a shell command shown to the user: as it is
/// when that is safe, else in single quotes.
pub fn shell_word(path: &Path) -> String {
    let s = path.to_string_lossy();
    let plain = !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.,+:@%".contains(c));
    if plain {
        s.into_owned()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_needed() {
        assert_eq!(shell_word(Path::new("/a/b-1.db")), "/a/b-1.db");
        assert_eq!(shell_word(Path::new("/a b/it's.db")), r"'/a b/it'\''s.db'");
    }

    #[test]
    fn folders_beside_the_database() {
        assert_eq!(
            beside_db(Path::new("/a/b/t.db"), BACKUPS),
            PathBuf::from("/a/b/backups")
        );
        assert_eq!(beside_db(Path::new("t.db"), LOGS), PathBuf::from("./logs"));
    }

    #[test]
    fn persist_without_overwrite_keeps_an_existing_file() {
        let dir = tempfile::TempDir::new().unwrap();
        let target = dir.path().join("x.md");
        std::fs::write(&target, "first").unwrap();
        let mut tmp = private_temp_file(dir.path(), "x.md").unwrap();
        io::Write::write_all(&mut tmp, b"second").unwrap();
        let err = persist(tmp, &target, false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "first");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temporary file left"
        );
        let mut tmp = private_temp_file(dir.path(), "x.md").unwrap();
        io::Write::write_all(&mut tmp, b"third").unwrap();
        persist(tmp, &target, true).unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "third");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&target).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}

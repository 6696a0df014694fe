//! The export key: Markdown or HTML minutes into the exports folder.

use crate::error::Result;
use crate::export::ExportFormat;
use crate::store::Store;
use std::path::{Path, PathBuf};

/// Writes the session's minutes in `format` into `dir` under a name of its
/// own (never overwriting an earlier export) and returns the path.
pub(super) fn file_in(
    store: &Store,
    session_id: &str,
    dir: &Option<PathBuf>,
    format: ExportFormat,
) -> Result<PathBuf> {
    let dir: &Path = match dir {
        Some(d) => d,
        None => &std::env::temp_dir().join("tafel-exports"),
    };
    let session = store.session(session_id)?;
    // Private (0700), like the database: the minutes hold people's names.
    crate::fsutil::create_private_dir(dir).map_err(|e| crate::Error::io(dir, e))?;
    let name = crate::export::default_file_name(&session, format);
    let (stem, ext) = name.rsplit_once('.').unwrap_or((&name, ""));
    let mut path = dir.join(&name);
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{stem}-{n}.{ext}"));
    }
    crate::export::export_to_file(store, session_id, format, &path, false, false, None)
}

//! What a run of tafel is configured with, resolved from flags and the
//! environment. The command line (`cli.rs`) maps its arguments onto these;
//! everything below it knows nothing of clap.

use crate::domain::Lang;
use crate::error::{Error, Result};
use std::path::PathBuf;

/// Everything the terminal UI needs to start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TuiConfig {
    pub db: PathBuf,
    pub lang: Lang,
}

/// The UI language: the flag, else `LANG` (nl* → Dutch), else English.
pub fn ui_lang(flag: Option<Lang>) -> Lang {
    flag.unwrap_or_else(|| Lang::from_locale(std::env::var("LANG").ok().as_deref()))
}

/// The database path: the flag, else `TAFEL_DB`, else the data directory.
pub fn resolve_db(flag: Option<PathBuf>) -> Result<PathBuf> {
    crate::paths::db_path(flag, std::env::var_os(crate::paths::DB_ENV))
        .ok_or_else(|| Error::Invalid("no home directory; give --db PATH or set TAFEL_DB".into()))
}

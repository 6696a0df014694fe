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
    /// The facilitator's defaults (`config.toml`).
    pub defaults: FileConfig,
    /// Why the configuration file was ignored, if it was.
    pub warning: Option<String>,
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

/// Environment variable naming the configuration file.
pub const CONFIG_ENV: &str = "TAFEL_CONFIG";

/// The colour themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Default,
    /// For projectors: white on black with yellow and red accents.
    HighContrast,
    /// No colours at all (as `NO_COLOR`).
    Plain,
}

impl ThemeName {
    pub const ALL: [(&'static str, ThemeName); 3] = [
        ("default", ThemeName::Default),
        ("high-contrast", ThemeName::HighContrast),
        ("plain", ThemeName::Plain),
    ];

    pub fn key(self) -> &'static str {
        Self::ALL
            .iter()
            .find(|(_, t)| *t == self)
            .map_or("default", |(k, _)| k)
    }
}

/// The facilitator's defaults from `config.toml`; every field optional.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileConfig {
    /// Interface language, and the language of new sessions.
    pub language: Option<Lang>,
    /// Prefilled facilitator of new sessions.
    pub facilitator: Option<String>,
    /// Time box of new tables, in minutes.
    pub timebox_minutes: Option<u32>,
    pub theme: ThemeName,
    /// The programme of a new session whose agenda proposes none.
    pub programme: Vec<crate::domain::programme::PlannedBlock>,
}

/// Where the configuration file is: `TAFEL_CONFIG`, else `config.toml` in
/// the platform's config folder (e.g. `~/.config/tafel/` on Linux,
/// honouring `XDG_CONFIG_HOME`). `env` is `TAFEL_CONFIG` (passed in so
/// this is testable).
pub fn config_path(env: Option<std::ffi::OsString>) -> Option<PathBuf> {
    env.filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            directories::ProjectDirs::from("nl", "MCOIG", "tafel")
                .map(|d| d.config_dir().join("config.toml"))
        })
}

/// Reads the configuration: none (defaults) when the file does not exist;
/// a broken file is an error naming its line and column.
pub fn load_file(path: &std::path::Path) -> std::result::Result<FileConfig, String> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(FileConfig::default()),
        Err(e) => return Err(format!("{}: {e}", path.display())),
    };
    crate::agenda::parse_config(&path.display().to_string(), &text)
        .map_err(|e| e.to_string().lines().next().unwrap_or_default().to_string())
}

/// The configuration in force, and a one-line warning when the file was
/// broken (the defaults are used then).
pub fn load() -> (FileConfig, Option<String>) {
    let Some(path) = config_path(std::env::var_os(CONFIG_ENV)) else {
        return (FileConfig::default(), None);
    };
    match load_file(&path) {
        Ok(c) => (c, None),
        Err(e) => (
            FileConfig::default(),
            Some(format!(
                "{e} (the configuration is ignored; using the defaults)"
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_env_names_the_file_else_the_platform_folder() {
        assert_eq!(
            config_path(Some("/x/c.toml".into())),
            Some(PathBuf::from("/x/c.toml"))
        );
        let default = config_path(None).expect("a home directory");
        assert!(default.ends_with("tafel/config.toml"), "{default:?}");
        assert_eq!(config_path(Some("".into())), Some(default));
    }
}

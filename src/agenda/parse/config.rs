//! `config.toml` → [`crate::config::FileConfig`], checked by the same
//! checker as agendas (its `[[programme]]` too), every problem as
//! `FILE:LINE:COLUMN: message`.

use super::{AgendaErrors, Checker, RawBlock, S, check_programme, from_toml};
use serde::Deserialize;
use toml::Spanned;

/// `config.toml`: the facilitator's defaults. Read by the same checker as
/// agendas, so its `[[programme]]` is validated the same way.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    language: S<String>,
    facilitator: S<String>,
    timebox_minutes: S<u32>,
    theme: S<String>,
    #[serde(default)]
    programme: Vec<Spanned<RawBlock>>,
}

/// Parses a configuration file; every error as `FILE:LINE:COLUMN: message`.
pub fn parse_config(file: &str, text: &str) -> Result<crate::config::FileConfig, AgendaErrors> {
    use crate::config::{FileConfig, ThemeName};
    let raw: RawConfig = from_toml(file, text)?;
    let mut c = Checker::new(text);
    let language = raw.language.and_then(|l| match l.get_ref().as_str() {
        "nl" => Some(crate::domain::Lang::Nl),
        "en" => Some(crate::domain::Lang::En),
        other => {
            c.error(
                l.span(),
                format!("`language` must be \"nl\" or \"en\", not `{other}`"),
            );
            None
        }
    });
    let theme = match raw.theme {
        None => ThemeName::Default,
        Some(t) => match ThemeName::ALL.iter().find(|(k, _)| k == t.get_ref()) {
            Some((_, name)) => *name,
            None => {
                let known: Vec<&str> = ThemeName::ALL.iter().map(|(k, _)| *k).collect();
                c.error(
                    t.span(),
                    format!(
                        "unknown theme `{}` (known: {})",
                        t.get_ref(),
                        known.join(", ")
                    ),
                );
                ThemeName::Default
            }
        },
    };
    let timebox_minutes = raw.timebox_minutes.and_then(|m| {
        if *m.get_ref() == 0 {
            c.error(m.span(), "`timebox_minutes` must be 1 or more".into());
            None
        } else {
            Some(*m.get_ref())
        }
    });
    let programme = check_programme(&mut c, raw.programme);
    c.finish(file)?;
    Ok(FileConfig {
        language,
        facilitator: raw
            .facilitator
            .map(Spanned::into_inner)
            .filter(|f| !f.trim().is_empty()),
        timebox_minutes,
        theme,
        programme,
    })
}

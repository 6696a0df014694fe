//! The few words the TUI shows about merged laptops (kept apart from the
//! screens' string tables, which others extend).

use crate::domain::Lang;

/// "· 4 laptops merged" after a session's title; empty for none.
pub fn merged(lang: Lang, n: u64) -> String {
    match (n, lang) {
        (0, _) => String::new(),
        (1, Lang::Nl) => " · 1 laptop samengevoegd".to_string(),
        (n, Lang::Nl) => format!(" · {n} laptops samengevoegd"),
        (1, Lang::En) => " · 1 laptop merged".to_string(),
        (n, Lang::En) => format!(" · {n} laptops merged"),
    }
}

/// " · van Data #3" in a merged note's detail line.
pub fn from(lang: Lang, cite: &str) -> String {
    match lang {
        Lang::Nl => format!(" · van {cite}"),
        Lang::En => format!(" · from {cite}"),
    }
}

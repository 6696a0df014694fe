//! The plenary overview (F8 from the run screen) and its presentation mode.
//! The overview is read from the store each time it is opened, so it shows
//! what every table has stored by then.

use super::{help, quit, secure};
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::state::*;
use crate::export::ExportFormat;
use crate::store::Overview;

/// Ctrl+E (here and on the run screen): Markdown or HTML minutes, Markdown
/// first, so Enter writes what it always wrote.
pub(super) fn export_choice(lang: crate::domain::Lang) -> Overlay {
    let s = &crate::i18n::strings(lang).overview;
    let choices = vec![
        (s.export_markdown.to_string(), "markdown".to_string()),
        (s.export_html.to_string(), "html".to_string()),
    ];
    Overlay::Picker(Picker::new(PickerPurpose::Export, s.export_title, choices))
}

/// The format chosen: the minutes are written into the exports folder.
pub(super) fn export_chosen(state: &State, value: &str) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        return vec![];
    };
    let format = match value {
        "html" => ExportFormat::Html,
        _ => ExportFormat::Markdown,
    };
    vec![Effect::Export {
        session_id: open.session.id.clone(),
        dir: state.export_dir.clone(),
        format,
    }]
}

/// How many parts PgUp/PgDn move: about a screen.
fn page(state: &State) -> usize {
    usize::from(state.size.map_or(24, |s| s.1).saturating_sub(6)).max(1)
}

/// F8 on the run screen: the editor's text is secured as a draft, then the
/// overview is read; the screen changes when it arrives.
pub(super) fn open(open: &Open) -> Vec<Effect> {
    let mut out: Vec<Effect> = secure(open).into_iter().collect();
    out.push(Effect::LoadOverview {
        session_id: open.session.id.clone(),
    });
    out
}

/// The overview as read: shown from the top (a fresh read of the same
/// screen keeps the place).
pub(super) fn loaded(state: &mut State, data: Overview) {
    let mut next = OverviewState::new(Box::new(data));
    if state.screen == Screen::Overview
        && let Some(old) = &state.overview
    {
        next.scroll = old.scroll.min(next.parts.len().saturating_sub(1));
        next.presenting = old.presenting;
    }
    state.overview = Some(next);
    state.screen = Screen::Overview;
}

pub(super) fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let page = page(state);
    let Some(ov) = state.overview.as_mut() else {
        state.screen = Screen::Run;
        return vec![];
    };
    if let Some(p) = ov.presenting.as_mut() {
        let n = crate::app::state::slides(&ov.data, p.by).len();
        let last = n.saturating_sub(1);
        match action {
            Action::NextSlide => p.slide = (p.slide + 1).min(last),
            Action::PrevSlide => p.slide = p.slide.saturating_sub(1),
            Action::Home => p.slide = 0,
            Action::End => p.slide = last,
            Action::SlidesBy => {
                // Stay at the same table: its first slide in the other mode.
                let table = crate::app::state::slides(&ov.data, p.by)
                    .get(p.slide)
                    .map(|s| s.table);
                p.by = match p.by {
                    SlidesBy::Table => SlidesBy::Item,
                    SlidesBy::Item => SlidesBy::Table,
                };
                let slides = crate::app::state::slides(&ov.data, p.by);
                p.slide = slides
                    .iter()
                    .position(|s| Some(s.table) == table)
                    .unwrap_or(0);
            }
            Action::Back => ov.presenting = None,
            Action::Help => state.overlay = Some(help(state)),
            Action::Quit => return quit(state),
            _ => {}
        }
        return vec![];
    }
    let last = ov.parts.len().saturating_sub(1);
    match action {
        Action::Up => ov.scroll = ov.scroll.saturating_sub(1),
        Action::Down => ov.scroll = (ov.scroll + 1).min(last),
        Action::PageUp => ov.scroll = ov.scroll.saturating_sub(page),
        Action::PageDown => ov.scroll = (ov.scroll + page).min(last),
        Action::Home => ov.scroll = 0,
        Action::End => ov.scroll = last,
        Action::NextSection => ov.scroll = ov.section_from(true),
        Action::PrevSection => ov.scroll = ov.section_from(false),
        Action::Present => {
            ov.presenting = Some(Presenting {
                by: SlidesBy::Table,
                slide: 0,
            });
        }
        Action::Export => state.overlay = Some(export_choice(state.lang)),
        Action::Back => {
            state.overview = None;
            state.screen = Screen::Run;
        }
        Action::Help => state.overlay = Some(help(state)),
        Action::Quit => return quit(state),
        _ => {}
    }
    vec![]
}

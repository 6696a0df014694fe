//! `update`: the state changes for an action, without I/O and without
//! reading a clock (the time comes in `Now`). What must reach the store is
//! returned as effects; what comes back is applied by `outcome`. Split by
//! screen, mirroring `ui/` (`overview`: the plenary overview).

mod forms;
mod memory;
mod outcome;
mod overlay;
mod overview;
mod programme;
mod run;
mod sessions;
mod setup;

pub use outcome::{failed, outcome};

use super::action::Action;
use super::effect::Effect;
use super::state::*;
use crate::store::{PageAt, Place};
use std::time::{Duration, Instant};

/// When an action happens: `at` for timers and autosave, `wall` for what a
/// clock on the wall says. Read by the caller, never inside `update`.
#[derive(Debug, Clone, Copy)]
pub struct Now {
    pub at: Instant,
    pub wall: chrono::DateTime<chrono::Local>,
}

/// The editor's changes reach a draft this long after the last keystroke…
const DRAFT_QUIET: Duration = Duration::from_millis(300);
/// …and at the latest this long after the first unsaved one.
const DRAFT_MAX: Duration = Duration::from_millis(900);

pub fn update(state: &mut State, action: Action, now: Now) -> Vec<Effect> {
    let mut out = dispatch(state, action, now);
    out.extend(paging(state, &out));
    out
}

fn dispatch(state: &mut State, action: Action, now: Now) -> Vec<Effect> {
    if let Action::Resize(w, h) = action {
        state.size = Some((w, h));
        return vec![];
    }
    if state.too_small() && !acts_unseen(&action) {
        return vec![];
    }
    if !matches!(action, Action::Tick | Action::Edit(_) | Action::Paste(_)) {
        // A new intent clears an old message.
        state.status = None;
    }
    if let Action::Tick = action {
        return tick(state, now);
    }
    if state.overlay.is_some() {
        return overlay::update(state, action, now);
    }
    match state.screen {
        Screen::Sessions => sessions::update(state, action, now),
        Screen::Setup => setup::update(state, action),
        Screen::Run => run::update(state, action, now),
        Screen::Overview => overview::update(state, action),
    }
}

/// The page of notes the screen is about to need, unless the effects
/// already read another item or page.
fn paging(state: &State, out: &[Effect]) -> Option<Effect> {
    if out
        .iter()
        .any(|e| matches!(e, Effect::LoadItem { .. } | Effect::LoadNotes { .. }))
    {
        return None;
    }
    page_notes(state.open.as_ref()?)
}

/// Reads the notes around a note waiting to be selected (a search hit, an
/// undone deletion) that is not loaded; else those a frame drawn around
/// the list's anchor would show, if some of them are not loaded.
fn page_notes(open: &Open) -> Option<Effect> {
    let at = match &open.select_note {
        Some(id) if open.notes.position(id).is_none() => PageAt::Note(id.clone()),
        _ => open.notes.want(open.note_anchor())?,
    };
    Some(Effect::LoadNotes {
        session_id: open.session.id.clone(),
        item_id: open.editor.item.clone()?,
        at,
    })
}

/// What may act while the terminal is too small to show anything: typing
/// (so no word is lost, and its draft is kept), quitting, and the tick that
/// stores the draft. Every other command would act unseen.
fn acts_unseen(action: &Action) -> bool {
    matches!(
        action,
        Action::Tick | Action::Quit | Action::Edit(_) | Action::Paste(_) | Action::Newline
    )
}

/// Effects that save what is pending (draft, place) — before the process
/// ends.
pub fn flush(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        return vec![];
    };
    secure(open).into_iter().chain([save_place(open)]).collect()
}

fn tick(state: &mut State, now: Now) -> Vec<Effect> {
    state.clock = now.wall.format("%H:%M").to_string();
    state.wall = Some(now.wall);
    let mut out = Vec::new();
    if state.backup_running {
        out.push(Effect::PollBackup);
    }
    if state.checking {
        out.push(Effect::PollCheck);
    }
    out.extend(place_due(state));
    let Some(open) = state.open.as_ref() else {
        return out;
    };
    let e = &open.editor;
    let due = match (e.dirty_since, e.last_change) {
        (Some(first), Some(last)) => {
            now.at.saturating_duration_since(last) >= DRAFT_QUIET
                || now.at.saturating_duration_since(first) >= DRAFT_MAX
        }
        _ => false,
    };
    if due {
        out.extend(secure(open));
    }
    out
}

/// Storing the editor's unsaved text as a draft of its item, if there is
/// any. Everything that replaces the editor's text comes after this.
fn secure(open: &Open) -> Option<Effect> {
    let e = &open.editor;
    e.dirty_since?;
    Some(Effect::SaveDraft {
        session_id: open.session.id.clone(),
        item_id: e.item.clone()?,
        draft: crate::domain::NoteContent {
            text: e.text(),
            ..e.meta.clone()
        },
    })
}

/// The place held back while the check ran (see `outcome`), once it is done.
fn place_due(state: &mut State) -> Option<Effect> {
    if state.checking {
        return None;
    }
    let open = state.open.as_mut()?;
    if !std::mem::take(&mut open.place_pending) {
        return None;
    }
    Some(save_place(open))
}

fn save_place(open: &Open) -> Effect {
    Effect::SavePlace {
        session_id: open.session.id.clone(),
        place: Place {
            table_id: open.current_table().map(|t| t.id.clone()),
            item_id: open.current_item().map(|i| i.id.clone()),
            scroll: open.note_sel as u32,
        },
    }
}

/// Loads stop `stop`'s notes and draft, after securing the editor's text.
fn load_stop(open: &Open, stop: usize, select: Option<usize>, save_place: bool) -> Vec<Effect> {
    let mut out: Vec<Effect> = secure(open).into_iter().collect();
    if let Some(s) = open.stops.get(stop) {
        out.push(Effect::LoadItem {
            session_id: open.session.id.clone(),
            stop,
            item_id: open.items[s.item].id.clone(),
            // The newest notes, unless a search hit waits to be selected.
            at: open.select_note.clone().map_or(PageAt::Last, PageAt::Note),
            select,
            save_place,
        });
    }
    out
}

/// Quitting: the draft and the place are stored first; an unsaved edit of
/// a saved note is asked about.
fn quit(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        return vec![Effect::Quit];
    };
    if open.editor.editing.is_some() && open.editor.unsaved() {
        state.overlay = Some(Overlay::Confirm {
            purpose: ConfirmPurpose::QuitDiscardingEdit,
            text: crate::i18n::strings(state.lang)
                .overlay
                .confirm_quit_edit
                .to_string(),
        });
        return vec![];
    }
    if open.timers.values().any(Timer::running) {
        state.overlay = Some(Overlay::Confirm {
            purpose: ConfirmPurpose::QuitWithTimer,
            text: crate::i18n::strings(state.lang)
                .overlay
                .confirm_quit_timer
                .to_string(),
        });
        return vec![];
    }
    let mut out = flush(state);
    out.push(Effect::Quit);
    out
}

fn help(state: &State) -> Overlay {
    Overlay::Help {
        ctx: state.context(),
        scroll: 0,
    }
}

fn step(sel: usize, len: usize, down: bool) -> usize {
    if len == 0 {
        0
    } else if down {
        (sel + 1).min(len - 1)
    } else {
        sel.saturating_sub(1)
    }
}

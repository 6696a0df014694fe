//! The MSF's memory in the run screen: an action's status, reasoned
//! responses, the item's earlier notes, search, and follow-up meetings.

use super::{Now, forms, step};
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::state::*;
use crate::domain::memory::{ResponseInput, takes_response};
use crate::domain::{ActionState, Lang, NoteKind, ResponseStatus};
use crate::i18n::strings;

/// Alt+S in the notes list: the selected action's status one step on
/// (open → in progress → done → dropped → open), made in this meeting today.
pub(super) fn cycle_state(state: &mut State, now: Now) -> Vec<Effect> {
    let s = &strings(state.lang).run;
    let Some(open) = state.open.as_ref() else {
        return vec![];
    };
    let Some(n) = open.notes.get(open.note_sel) else {
        return vec![];
    };
    if n.content.kind != NoteKind::Action {
        state.info(s.only_actions);
        return vec![];
    }
    let now_state = open
        .memory
        .states
        .get(&n.id)
        .copied()
        .unwrap_or(ActionState::Open);
    let i = ActionState::ALL
        .iter()
        .position(|x| *x == now_state)
        .unwrap_or(0);
    let next = ActionState::ALL[(i + 1) % ActionState::ALL.len()];
    vec![Effect::SetActionState {
        session_id: open.session.id.clone(),
        note_id: n.id.clone(),
        state: next,
        on: now.wall.date_naive(),
    }]
}

/// Alt+A in the notes list: the response form for the selected note.
pub(super) fn respond(state: &mut State) {
    let s = &strings(state.lang).run;
    let Some(open) = state.open.as_ref() else {
        return;
    };
    let Some(n) = open.notes.get(open.note_sel) else {
        return;
    };
    if !takes_response(n.content.kind) {
        state.info(s.no_response_kind);
        return;
    }
    state.overlay = Some(forms::response(state.lang, n));
}

/// A response status by its key or label in either language, or their start.
fn response_status(text: &str) -> Option<ResponseStatus> {
    let t = text.trim().to_lowercase();
    if t.is_empty() {
        return None;
    }
    let names = |k: ResponseStatus| {
        [
            k.key().replace('_', " "),
            k.label(Lang::Nl).into(),
            k.label(Lang::En).into(),
        ]
    };
    let exact: Vec<ResponseStatus> = ResponseStatus::ALL
        .iter()
        .copied()
        .filter(|k| names(*k).iter().any(|n| n.to_lowercase() == t))
        .collect();
    if exact.len() == 1 {
        return Some(exact[0]);
    }
    let found: Vec<ResponseStatus> = ResponseStatus::ALL
        .iter()
        .copied()
        .filter(|k| names(*k).iter().any(|n| n.to_lowercase().starts_with(&t)))
        .collect();
    (found.len() == 1).then(|| found[0])
}

/// The response a form describes, or the field that is wrong and why.
pub(super) fn response_input(
    f: &ResponseForm,
    lang: Lang,
    now: Now,
) -> Result<ResponseInput, (usize, String)> {
    let s = &strings(lang).forms;
    let status =
        response_status(&f.status.value()).ok_or((0, s.err_response_status.to_string()))?;
    let reason = f.reason.value();
    if reason.is_empty() {
        return Err((1, s.err_reason.to_string()));
    }
    Ok(ResponseInput {
        status,
        reason,
        by: f.by.value(),
        on: now.wall.date_naive(),
    })
}

/// Alt+H: the current item's earlier notes.
pub(super) fn show_earlier(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        return vec![];
    };
    let Some(item) = open.current_item() else {
        return vec![];
    };
    vec![Effect::LoadEarlier {
        session_id: open.session.id.clone(),
        item_id: item.id.clone(),
    }]
}

/// Alt+V in the notes list: the selected note's other versions, if a
/// merge kept any.
pub(super) fn other_versions(state: &mut State) -> Vec<Effect> {
    let Some(open) = state.open.as_ref() else {
        return vec![];
    };
    match open.selected_note() {
        Some(n) if open.focus == Focus::Notes && open.memory.versions.contains_key(&n.id) => {
            vec![Effect::LoadVersions {
                note_id: n.id.clone(),
                number: n.number,
            }]
        }
        _ => vec![],
    }
}

/// Ctrl+F: the search overlay.
pub(super) fn show_search(state: &mut State) {
    state.overlay = Some(Overlay::Search(Search::new()));
}

/// A key in the search overlay: typing edits the query; Enter searches a
/// changed query, or opens the chosen hit.
pub(super) fn search_key(
    state: &mut State,
    mut search: Search,
    action: Action,
    now: Now,
) -> Vec<Effect> {
    match action {
        Action::Edit(key) => {
            let changed = search.input.input(key);
            search.searched &= !changed;
        }
        Action::Paste(text) => {
            search.input.insert_str(text.replace(['\r', '\n'], " "));
            search.searched = false;
        }
        Action::ClearField => {
            search = Search::new();
        }
        Action::Up | Action::Down => {
            search.sel = step(search.sel, search.hits.len(), action == Action::Down);
        }
        Action::Confirm if !search.searched => {
            let query = search.query();
            state.overlay = Some(Overlay::Search(search));
            if query.is_empty() {
                return vec![];
            }
            return vec![Effect::Search { query }];
        }
        Action::Confirm => {
            let Some(hit) = search.hits.get(search.sel).cloned() else {
                state.overlay = Some(Overlay::Search(search));
                return vec![];
            };
            let Some(open) = state.open.as_mut() else {
                return vec![];
            };
            if hit.session.id != open.session.id {
                // Another meeting: read it, do not change it.
                state.overlay = Some(Overlay::Search(search));
                return vec![Effect::ReadNote {
                    note_id: hit.note_id,
                    session: format!("{} {}", hit.session.date, hit.session.title),
                }];
            }
            // This meeting: go to the item, the note selected.
            let Some(stop) = open
                .stops
                .iter()
                .position(|s| open.items[s.item].id == hit.item_id)
            else {
                return vec![];
            };
            open.select_note = Some(hit.note_id);
            open.focus = Focus::Notes;
            if stop == open.stop {
                // (Not loaded, its page is read next: `update::page_notes`.)
                select_pending(open);
                return vec![];
            }
            return super::run::go_to(open, stop, now);
        }
        Action::Back => return vec![],
        _ => {}
    }
    state.overlay = Some(Overlay::Search(search));
    vec![]
}

/// Selects the note a search hit asked for, once its item's notes are in.
pub(super) fn select_pending(open: &mut Open) {
    // (Kept until the note is loaded: its page may still be on its way.)
    if let Some(id) = open.select_note.as_ref()
        && let Some(i) = open.notes.position(id)
    {
        open.note_sel = i;
        open.focus = Focus::Notes;
        open.select_note = None;
    }
}

/// A key while reading earlier notes.
pub(super) fn past_key(state: &mut State, past: Past, action: Action) {
    let past = match past {
        Past::Earlier { notes, scroll } => {
            let scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::PageUp => scroll.saturating_sub(10),
                Action::PageDown => scroll.saturating_add(10),
                Action::Back => return,
                _ => scroll,
            };
            Past::Earlier { notes, scroll }
        }
        Past::Versions {
            number,
            versions,
            scroll,
        } => {
            let scroll = match action {
                Action::Up => scroll.saturating_sub(1),
                Action::Down => scroll.saturating_add(1),
                Action::PageUp => scroll.saturating_sub(10),
                Action::PageDown => scroll.saturating_add(10),
                Action::Back | Action::OtherVersions => return,
                _ => scroll,
            };
            Past::Versions {
                number,
                versions,
                scroll,
            }
        }
        note @ Past::Note { .. } => {
            if action == Action::Back {
                return;
            }
            note
        }
    };
    state.overlay = Some(Overlay::Past(past));
}

/// `c` in the list of sessions: a follow-up of the selected one.
pub(super) fn follow_up(state: &mut State, now: Now) {
    if let Some(row) = state.sessions.get(state.session_sel) {
        state.overlay = Some(forms::follow_up(state.lang, &row.session, now));
    }
}

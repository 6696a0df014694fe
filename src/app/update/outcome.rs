//! What came back from the store, applied to the state. Follow-up effects
//! (the place after a move, the list after closing) are returned.

use super::{Now, load_stop, save_place};
use crate::app::effect::{Effect, Loaded, Outcome, SetupOp};
use crate::app::state::*;
use crate::domain::{Id, NoteContent, TableTimer};
use crate::i18n::strings;
use std::collections::HashMap;

pub fn outcome(state: &mut State, outcome: Outcome, now: Now) -> Vec<Effect> {
    let mut out = apply(state, outcome, now);
    out.extend(super::paging(state, &out));
    out
}

fn apply(state: &mut State, outcome: Outcome, now: Now) -> Vec<Effect> {
    let s = strings(state.lang);
    if outcome.stored() {
        saved_again(state);
    }
    match outcome {
        Outcome::Sessions {
            rows,
            last_used,
            keep_selection,
        } => {
            state.sessions = rows;
            state.last_used = last_used;
            state.session_sel = if keep_selection {
                state
                    .session_sel
                    .min(state.sessions.len().saturating_sub(1))
            } else {
                state
                    .last_used
                    .as_ref()
                    .and_then(|id| state.sessions.iter().position(|x| &x.session.id == id))
                    .unwrap_or(0)
            };
        }
        Outcome::Opened(loaded) => return opened(state, *loaded, now),
        Outcome::AgendaRejected(message) => {
            if let Some(Overlay::Form(f)) = state.overlay.as_mut() {
                f.reject(
                    |b| match b {
                        FormBody::Session(x) => x.agenda.as_ref(),
                        _ => None,
                    },
                    &message,
                );
            }
        }
        Outcome::SessionCreated { id } => {
            state.overlay = None;
            return vec![Effect::OpenSession { id, fresh: true }];
        }
        Outcome::SessionUpdated => {
            state.overlay = None;
            return vec![Effect::LoadSessions {
                keep_selection: true,
            }];
        }
        Outcome::ItemLoaded {
            stop,
            item_id,
            page,
            draft,
            memory,
            taken_over,
            select,
            save_place: save,
        } => {
            if taken_over > 0 {
                // Keeps a note of other items where such text waits.
                let text = match state.status.take() {
                    Some(st) if st.kind == StatusKind::Info => {
                        format!("{} — {}", s.files.taken_over, st.text)
                    }
                    _ => s.files.taken_over.to_string(),
                };
                state.info(text);
            }
            let checking = state.checking;
            let Some(open) = state.open.as_mut() else {
                return vec![];
            };
            open.stop = stop.min(open.stops.len().saturating_sub(1));
            let mut page = *page;
            open.memory = *memory;
            open.memory.absorb(&mut page);
            open.notes = Notes::from_page(page);
            let last = open.notes.len().saturating_sub(1);
            open.note_sel = select.map_or(last, |s| s.min(last));
            // Each item starts with the defaults (observation, no speaker,
            // no tags), or with its draft as it was: text and all.
            let draft = draft.unwrap_or_default();
            open.editor = Editor::new(&draft.text);
            open.editor.meta = NoteContent {
                text: String::new(),
                ..draft
            };
            open.editor.item = Some(item_id);
            super::memory::select_pending(open);
            // Its page was read: a note not in it is gone, and not waited for.
            open.select_note = None;
            if save {
                return place_now_or_later(open, checking);
            }
        }
        Outcome::NotesPage { item_id, at, page } => {
            let Some(open) = state.open.as_mut() else {
                return vec![];
            };
            // A page of an item no longer shown is of no use.
            if open.editor.item.as_ref() != Some(&item_id) {
                return vec![];
            }
            let mut page = *page;
            open.memory.absorb(&mut page);
            let grew = open.notes.apply(&at, page);
            super::memory::select_pending(open);
            open.select_note = None;
            if grew {
                // The screen may need still more (a long jump).
                return super::page_notes(open).into_iter().collect();
            }
        }
        Outcome::Stored => {}
        Outcome::DraftSaved => {
            if let Some(open) = state.open.as_mut() {
                open.editor.dirty_since = None;
                open.editor.last_change = None;
            }
        }
        Outcome::CloseSession => {
            state.open = None;
            state.screen = Screen::Sessions;
            return vec![Effect::LoadSessions {
                keep_selection: false,
            }];
        }
        Outcome::Quit => state.quit = true,
        Outcome::NoteAdded(note) => {
            let Some(open) = state.open.as_mut() else {
                return vec![];
            };
            *open.counts.entry(note.item_id.clone()).or_default() += 1;
            let number = note.number;
            open.notes.push(note);
            clear_editor(open);
            state.overlay = None; // the action details form, if any
            state.info(format!("{} #{number}", s.run.saved));
        }
        Outcome::NoteUpdated(note) => {
            let Some(open) = state.open.as_mut() else {
                return vec![];
            };
            let was_editing = open
                .editor
                .editing
                .as_ref()
                .is_some_and(|n| n.id == note.id);
            let number = note.number;
            open.notes.replace(note);
            if was_editing {
                clear_editor(open);
            }
            state.overlay = None;
            state.info(format!("{} #{number}", s.run.updated));
        }
        Outcome::NoteDeleted(id) => {
            let Some(open) = state.open.as_mut() else {
                return vec![];
            };
            if let Some((_, n)) = open.notes.remove(&id) {
                if let Some(c) = open.counts.get_mut(&n.item_id) {
                    *c = c.saturating_sub(1);
                }
                open.note_sel = open.note_sel.min(open.notes.len().saturating_sub(1));
                open.undo.push(Undo::Delete(id));
                state.info(format!(
                    "{} #{} — {}",
                    s.run.deleted, n.number, s.run.undo_note_hint
                ));
            }
        }
        Outcome::NoteRestored(note) => {
            let Some(open) = state.open.as_mut() else {
                return vec![];
            };
            open.undo.retain(|u| *u != Undo::Delete(note.id.clone()));
            *open.counts.entry(note.item_id.clone()).or_default() += 1;
            let number = note.number;
            if open.current_item().is_some_and(|i| i.id == note.item_id) {
                let id = note.id.clone();
                match open.notes.insert(note) {
                    Some(pos) => open.note_sel = pos,
                    // Outside the notes loaded: those around it are read
                    // next (`update::page_notes`), then it is selected.
                    None => open.select_note = Some(id),
                }
            }
            state.info(format!("{} #{number}", s.run.restored));
        }
        Outcome::Voted {
            note,
            for_delta,
            against_delta,
            undo,
        } => {
            let Some(open) = state.open.as_mut() else {
                return vec![];
            };
            let number = note.number;
            let id = note.id.clone();
            open.notes.replace(note);
            if undo {
                open.undo.pop();
                state.info(format!("{} #{number}", s.run.vote_taken_back));
            } else {
                open.undo.push(Undo::Vote {
                    id,
                    for_delta,
                    against_delta,
                });
                let what = if for_delta > 0 {
                    s.run.voted_for
                } else {
                    s.run.voted_against
                };
                state.info(format!("{what} #{number} — {}", s.run.undo_note_hint));
            }
        }
        Outcome::SetupChanged(op, setup) => setup_changed(state, op, *setup),
        Outcome::Rated(r) => {
            state.overlay = None;
            let level = r.level;
            if let Some(open) = state.open.as_mut() {
                open.ratings.insert(r.item_id.clone(), r);
            }
            state.info(format!("{}: {}", s.run.rated, level.label(state.lang)));
        }
        Outcome::Overview(data) => super::overview::loaded(state, *data),
        Outcome::Exported(path) => {
            state.info(format!("{} {}", s.run.exported_to, path.display()));
        }
        Outcome::Programme(op, blocks) => super::programme::stored(state, &op, blocks),
        Outcome::ActionState { note_id, state: st } => {
            if let Some(open) = state.open.as_mut() {
                open.memory.states.insert(note_id, st);
            }
            state.info(format!("{}: {}", s.run.status_now, st.label(state.lang)));
        }
        Outcome::Responded(r) => {
            state.overlay = None;
            let label = r.status.label(state.lang);
            if let Some(open) = state.open.as_mut() {
                open.memory.responses.insert(r.note_id.clone(), r);
            }
            state.info(format!("{} {label}", s.run.responded));
        }
        Outcome::Hits(result) => {
            if let Some(Overlay::Search(search)) = state.overlay.as_mut() {
                search.searched = true;
                search.sel = 0;
                match result {
                    Ok(hits) => {
                        search.hits = hits;
                        search.error = None;
                    }
                    Err(why) => {
                        search.hits.clear();
                        search.error = Some(why);
                    }
                }
            }
        }
        Outcome::Earlier(notes) => {
            state.overlay = Some(Overlay::Past(Past::Earlier { notes, scroll: 0 }));
        }
        Outcome::Versions { number, versions } => {
            state.overlay = Some(Overlay::Past(Past::Versions {
                number,
                versions,
                scroll: 0,
            }));
        }
        Outcome::NoteRead { session, note } => {
            state.overlay = Some(Overlay::Past(Past::Note { session, note }));
        }
        Outcome::Checked { running } => {
            state.checking = running;
            return super::place_due(state).into_iter().collect();
        }
        Outcome::Damaged { detail, retry } => {
            state.checking = false;
            return vec![Effect::Recover { detail }, *retry];
        }
        Outcome::Recovering(info) => {
            // The damaged store, and its background work, are gone.
            state.checking = false;
            state.backup_running = false;
            state.recovery = Some(*info);
        }
        Outcome::Backup(None) => {}
        Outcome::Backup(Some(result)) => {
            state.backup_running = false;
            if let Err(e) = result {
                state.error(format!("{} {e}", s.run.backup_failed));
            }
        }
    }
    vec![]
}

/// An effect failed: the user's text stays where it was and the status bar
/// says why; the effects after it (`skipped`) did not happen. A quit that
/// could not store the draft asks whether to give the text up.
pub fn failed(state: &mut State, error: &str, skipped: &[Effect]) {
    let s = strings(state.lang);
    if skipped.contains(&Effect::Quit) {
        state.overlay = Some(Overlay::Confirm {
            purpose: ConfirmPurpose::QuitLosingDraft,
            text: format!("{}\n{error}", s.overlay.confirm_quit_losing_draft),
        });
        return;
    }
    let text = format!("{} {error}", s.forms.err_not_saved);
    state.error(text.clone());
    state.not_saved = Some(text);
}

/// A write reached the database: a "Not saved …" message still on show is
/// no longer true, so it goes.
fn saved_again(state: &mut State) {
    if let Some(text) = state.not_saved.take()
        && state.status.as_ref().is_some_and(|st| st.text == text)
    {
        state.status = None;
    }
}

fn opened(state: &mut State, l: Loaded, now: Now) -> Vec<Effect> {
    if l.backup_started {
        state.backup_running = true;
    }
    let mut open = Open {
        items: l.items,
        tables: l.tables,
        dimensions: l.dimensions,
        themes: l.themes,
        programme: l.programme,
        memory: Default::default(),
        select_note: None,
        filter: ItemFilter::default(),
        place_pending: false,
        participants: l.participants,
        ratings: l
            .ratings
            .into_iter()
            .map(|r| (r.item_id.clone(), r))
            .collect(),
        counts: l.counts,
        session: l.session,
        stops: Vec::new(),
        stop: 0,
        notes: Notes::default(),
        note_sel: 0,
        focus: Focus::Editor,
        editor: Editor::new(""),
        undo: Vec::new(),
        deleted_tables: Vec::new(),
        timers: timers(l.timers, now),
        pane: Pane::Tables,
        table_sel: 0,
        item_sel: 0,
        participant_sel: 0,
    };
    open.rebuild_stops();
    if let Some(p) = &l.place {
        let found = open.stops.iter().position(|s| {
            Some(&open.items[s.item].id) == p.item_id.as_ref()
                && s.table.map(|t| &open.tables[t].id) == p.table_id.as_ref()
        });
        if let Some(i) = found {
            open.stop = i;
        }
    }
    // A session with tables resumes where it was; a new one starts in set-up.
    state.screen = if !l.fresh && (!open.tables.is_empty() || l.place.is_some()) {
        Screen::Run
    } else {
        Screen::Setup
    };
    waiting_drafts(state, &open, &l.waiting_drafts);
    // Opening marks the session as the last used one (its place is saved).
    let out = if open.stops.is_empty() {
        place_now_or_later(&mut open, state.checking)
    } else {
        load_stop(&open, open.stop, l.place.map(|p| p.scroll as usize), true)
    };
    state.open = Some(open);
    out
}

/// Says where text left by a window that is gone waits: it comes back in
/// the editor when its item is opened.
fn waiting_drafts(state: &mut State, open: &Open, items: &[Id]) {
    let s = strings(state.lang);
    let here = open.current_item().map(|i| i.id.clone());
    let names: Vec<String> = open
        .items
        .iter()
        .filter(|i| items.contains(&i.id) && Some(&i.id) != here.as_ref())
        .map(|i| format!("{} {}", i.kind.label(state.lang), i.number))
        .collect();
    if !names.is_empty() {
        state.info(format!("{} {}", s.files.drafts_waiting, names.join(", ")));
    }
}

/// The tables' round timers as stored; a running one continues from when it
/// was started, also across a restart.
fn timers(stored: Vec<TableTimer>, now: Now) -> HashMap<Id, Timer> {
    let wall = now.wall.to_utc();
    stored
        .into_iter()
        .map(|t| {
            let ran = t
                .started_at
                .map(|s| (wall - s).to_std().unwrap_or_default())
                .unwrap_or_default();
            let timer = Timer {
                elapsed: std::time::Duration::from_millis(t.elapsed_ms) + ran,
                running_since: t.started_at.map(|_| now.at),
            };
            (t.table_id, timer)
        })
        .collect()
}

fn setup_changed(state: &mut State, op: SetupOp, setup: crate::app::effect::Setup) {
    let s = strings(state.lang);
    let Some(open) = state.open.as_mut() else {
        return;
    };
    open.tables = setup.tables;
    open.participants = setup.participants;
    open.counts = setup.counts;
    open.rebuild_stops();
    match op {
        SetupOp::CreateTable { .. } => {
            state.overlay = None;
            open.table_sel = open.tables.len().saturating_sub(1);
        }
        SetupOp::UpdateTable { .. } | SetupOp::UpdateParticipant { .. } => state.overlay = None,
        SetupOp::DeleteTable(id) => {
            open.table_sel = open.table_sel.min(open.tables.len().saturating_sub(1));
            open.deleted_tables.push(id);
            state.info(s.run.undo_hint);
        }
        SetupOp::RestoreTable(id) => {
            open.deleted_tables.retain(|d| *d != id);
            open.table_sel = open.tables.iter().position(|t| t.id == id).unwrap_or(0);
            state.info(s.run.restored);
        }
        SetupOp::CreateParticipant { .. } => {
            state.overlay = None;
            open.participant_sel = open.participants.len().saturating_sub(1);
            open.pane = Pane::Participants;
        }
        SetupOp::DeleteParticipant(_) => {
            open.participant_sel = open
                .participant_sel
                .min(open.participants.len().saturating_sub(1));
        }
        SetupOp::MoveTable { .. }
        | SetupOp::ToggleAssign { .. }
        | SetupOp::MoveItem { .. }
        | SetupOp::CreateTables(_) => {}
    }
}

/// The place is saved at once, unless the check for damage still runs:
/// every write waits for it (up to a second on a large file), and the first
/// frame would wait with it. The place then follows once the check is done
/// (`place_due`); until then a crash only loses the place just reached.
fn place_now_or_later(open: &mut Open, checking: bool) -> Vec<Effect> {
    if checking {
        open.place_pending = true;
        vec![]
    } else {
        vec![save_place(open)]
    }
}

fn clear_editor(open: &mut Open) {
    // The next note starts from the defaults: nothing of this one (kind,
    // speaker, tags, owner) is attached to it unasked.
    let item = open.editor.item.take();
    open.editor = Editor::new("");
    open.editor.item = item;
    open.note_sel = open.notes.len().saturating_sub(1);
}

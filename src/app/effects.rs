//! Effects: the only place the TUI reads or writes the store. A failed write
//! leaves the user's text where it was and says what went wrong.

use super::state::*;
use crate::domain::{Id, IrmLevel, NewSession, NoteInput, StakeholderGroup};
use crate::error::Result;
use crate::store::{Place, Store};
use crate::ui::strings::strings;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    LoadSessions,
    OpenSession(Id),
    CloseSession,
    CreateSession(NewSession, Option<PathBuf>),
    UpdateSession(Id, NewSession),
    /// Load the current item's notes and its draft into the editor (after
    /// securing the editor's text).
    LoadNotes,
    SavePlace,
    /// Store the editor's unsaved text as a draft of its item.
    SecureDraft,
    /// Move to another stop, once the editor's text is secured.
    GoTo(usize),
    /// Quit, once the draft and the place are saved (or the user agreed to
    /// lose an unsavable draft).
    Quit,
    SaveNote(NoteInput),
    UpdateNote(Id, NoteInput),
    DeleteNote(Id),
    RestoreNote(Id),
    Vote(Id, i32, i32),
    CreateTable {
        name: String,
        host: String,
        minutes: u32,
    },
    UpdateTable {
        id: Id,
        name: String,
        host: String,
        minutes: u32,
    },
    DeleteTable(Id),
    RestoreTable(Id),
    MoveTable(Id, i32),
    ToggleAssign {
        table_id: Id,
        item_id: Id,
    },
    CreateTables(Vec<(String, Vec<Id>)>),
    CreateParticipant {
        name: String,
        organisation: String,
        group: StakeholderGroup,
    },
    UpdateParticipant {
        id: Id,
        name: String,
        organisation: String,
        group: StakeholderGroup,
    },
    DeleteParticipant(Id),
    SetRating {
        item_id: Id,
        level: IrmLevel,
        comment: String,
    },
    Export,
    /// Report the background backup once it is done.
    PollBackup,
    /// Store a table's round timer: time run before now, and whether it runs.
    SaveTimer {
        table_id: Id,
        elapsed: std::time::Duration,
        running: bool,
    },
}

/// Runs one effect. Errors become a status message; state that holds user
/// text is only cleared after the store confirmed the write.
/// Returns false when it failed (the caller skips the action's remaining
/// effects, which may depend on it).
pub fn apply(store: &mut Store, state: &mut State, effect: Effect) -> bool {
    let lang = state.lang;
    match try_apply(store, state, effect) {
        Ok(()) => true,
        Err(e) => {
            crate::log::write(&format!("error: {e}"));
            state.error(format!("{} {e}", strings(lang).err_not_saved));
            false
        }
    }
}

fn session_id(state: &State) -> Option<Id> {
    state.open.as_ref().map(|o| o.session.id.clone())
}

fn try_apply(store: &mut Store, state: &mut State, effect: Effect) -> Result<()> {
    let s = strings(state.lang);
    store.ensure_file()?;
    match effect {
        Effect::LoadSessions => {
            state.sessions = store.session_summaries()?;
            state.last_used = store.last_used_session()?;
            state.session_sel = state
                .last_used
                .as_ref()
                .and_then(|id| state.sessions.iter().position(|x| &x.session.id == id))
                .unwrap_or(0);
        }
        Effect::OpenSession(id) => open_session(store, state, &id)?,
        Effect::CloseSession => {
            secure_draft(store, state)?;
            try_apply(store, state, Effect::SavePlace)?;
            state.open = None;
            state.screen = Screen::Sessions;
            try_apply(store, state, Effect::LoadSessions)?;
        }
        Effect::CreateSession(new, agenda_path) => {
            let agenda = match crate::agenda::load_or_bundled(agenda_path.as_deref()) {
                Ok(a) => a,
                Err(e) => {
                    let first = e.to_string().lines().next().unwrap_or_default().to_string();
                    if let Some(Overlay::Form(f)) = state.overlay.as_mut() {
                        f.error = Some(first);
                        f.focus = 4;
                    }
                    return Ok(());
                }
            };
            let session = store.create_session(&new, &agenda)?;
            state.overlay = None;
            open_session(store, state, &session.id)?;
            state.screen = Screen::Setup;
        }
        Effect::UpdateSession(id, fields) => {
            store.update_session(&id, &fields)?;
            state.overlay = None;
            let keep = state.session_sel;
            try_apply(store, state, Effect::LoadSessions)?;
            state.session_sel = keep.min(state.sessions.len().saturating_sub(1));
        }
        Effect::LoadNotes => load_notes(store, state)?,
        Effect::SavePlace => {
            if let Some(open) = state.open.as_ref() {
                let place = Place {
                    table_id: open.current_table().map(|t| t.id.clone()),
                    item_id: open.current_item().map(|i| i.id.clone()),
                    scroll: open.note_sel as u32,
                };
                store.save_place(&open.session.id, &place)?;
            }
        }
        Effect::SecureDraft => secure_draft(store, state)?,
        Effect::GoTo(target) => {
            secure_draft(store, state)?;
            if let Some(open) = state.open.as_mut() {
                open.stop = target.min(open.stops.len().saturating_sub(1));
                open.note_sel = 0;
            }
            load_notes(store, state)?;
            try_apply(store, state, Effect::SavePlace)?;
        }
        Effect::Quit => {
            let saved = secure_draft(store, state)
                .and_then(|()| try_apply(store, state, Effect::SavePlace));
            match saved {
                Ok(()) => state.quit = true,
                Err(e) => {
                    crate::log::write(&format!("error on quit: {e}"));
                    state.overlay = Some(Overlay::Confirm {
                        purpose: ConfirmPurpose::QuitLosingDraft,
                        text: format!("{}\n{e}", s.confirm_quit_losing_draft),
                    });
                }
            }
        }
        Effect::SaveNote(input) => {
            let sid = session_id(state).ok_or(crate::Error::NotFound("session"))?;
            let note = store.add_note(&sid, &input)?;
            let open = state
                .open
                .as_mut()
                .ok_or(crate::Error::NotFound("session"))?;
            *open.counts.entry(note.item_id.clone()).or_default() += 1;
            let number = note.number;
            open.notes.push(note);
            clear_editor(open);
            state.overlay = None; // the action details form, if any
            state.info(format!("{} #{number}", s.saved));
        }
        Effect::UpdateNote(id, input) => {
            let note = store.update_note(&id, &input)?;
            let open = state
                .open
                .as_mut()
                .ok_or(crate::Error::NotFound("session"))?;
            let was_editing = open.editing.as_ref().is_some_and(|n| n.id == id);
            if let Some(slot) = open.notes.iter_mut().find(|n| n.id == id) {
                *slot = note.clone();
            }
            if was_editing {
                clear_editor(open);
                if let Some(item) = open.current_item().map(|i| i.id.clone()) {
                    store.clear_draft(&open.session.id, &item)?;
                }
            }
            state.info(format!("{} #{}", s.updated, note.number));
        }
        Effect::DeleteNote(id) => {
            store.delete_note(&id)?;
            let open = state
                .open
                .as_mut()
                .ok_or(crate::Error::NotFound("session"))?;
            if let Some(pos) = open.notes.iter().position(|n| n.id == id) {
                let n = open.notes.remove(pos);
                if let Some(c) = open.counts.get_mut(&n.item_id) {
                    *c = c.saturating_sub(1);
                }
                open.note_sel = open.note_sel.min(open.notes.len().saturating_sub(1));
                open.deleted.push(id);
                state.info(format!("{} #{} — {}", s.deleted, n.number, s.undo_hint));
            }
        }
        Effect::RestoreNote(id) => {
            store.restore_note(&id)?;
            let note = store.note(&id)?;
            let open = state
                .open
                .as_mut()
                .ok_or(crate::Error::NotFound("session"))?;
            open.deleted.retain(|d| *d != id);
            *open.counts.entry(note.item_id.clone()).or_default() += 1;
            let number = note.number;
            if open.current_item().is_some_and(|i| i.id == note.item_id) {
                let pos = open.notes.partition_point(|n| n.number < note.number);
                open.notes.insert(pos, note);
                open.note_sel = pos;
            }
            state.info(format!("{} #{number}", s.restored));
        }
        Effect::Vote(id, f, a) => {
            let note = store.vote_note(&id, f, a)?;
            let open = state
                .open
                .as_mut()
                .ok_or(crate::Error::NotFound("session"))?;
            if let Some(slot) = open.notes.iter_mut().find(|n| n.id == id) {
                *slot = note;
            }
        }
        Effect::CreateTable {
            name,
            host,
            minutes,
        } => {
            let sid = session_id(state).ok_or(crate::Error::NotFound("session"))?;
            store.create_table(&sid, &name, &host, minutes)?;
            state.overlay = None;
            reload(store, state)?;
            if let Some(open) = state.open.as_mut() {
                open.table_sel = open.tables.len().saturating_sub(1);
            }
        }
        Effect::UpdateTable {
            id,
            name,
            host,
            minutes,
        } => {
            store.update_table(&id, &name, &host, minutes)?;
            state.overlay = None;
            reload(store, state)?;
        }
        Effect::DeleteTable(id) => {
            store.delete_table(&id)?;
            reload(store, state)?;
            if let Some(open) = state.open.as_mut() {
                open.table_sel = open.table_sel.min(open.tables.len().saturating_sub(1));
                open.deleted_tables.push(id);
            }
            state.info(s.undo_hint);
        }
        Effect::RestoreTable(id) => {
            store.restore_table(&id)?;
            reload(store, state)?;
            if let Some(open) = state.open.as_mut() {
                open.deleted_tables.retain(|d| *d != id);
                open.table_sel = open.tables.iter().position(|t| t.id == id).unwrap_or(0);
            }
            state.info(s.restored);
        }
        Effect::MoveTable(id, delta) => {
            store.move_table(&id, delta)?;
            reload(store, state)?;
        }
        Effect::ToggleAssign { table_id, item_id } => {
            let at = store.table(&table_id)?.item_ids.contains(&item_id);
            if at {
                store.unassign_item(&table_id, &item_id)?;
            } else {
                store.assign_item(&table_id, &item_id)?;
            }
            reload(store, state)?;
        }
        Effect::CreateTables(tables) => {
            let sid = session_id(state).ok_or(crate::Error::NotFound("session"))?;
            for (name, items) in tables {
                let t = store.create_table(&sid, &name, "", 20)?;
                for item in items {
                    store.assign_item(&t.id, &item)?;
                }
            }
            reload(store, state)?;
        }
        Effect::CreateParticipant {
            name,
            organisation,
            group,
        } => {
            let sid = session_id(state).ok_or(crate::Error::NotFound("session"))?;
            store.create_participant(&sid, Some(&name), Some(&organisation), group)?;
            state.overlay = None;
            reload(store, state)?;
            if let Some(open) = state.open.as_mut() {
                open.participant_sel = open.participants.len().saturating_sub(1);
                open.pane = Pane::Participants;
            }
        }
        Effect::UpdateParticipant {
            id,
            name,
            organisation,
            group,
        } => {
            store.update_participant(&id, Some(&name), Some(&organisation), group)?;
            state.overlay = None;
            reload(store, state)?;
        }
        Effect::DeleteParticipant(id) => {
            store.delete_participant(&id)?;
            reload(store, state)?;
            if let Some(open) = state.open.as_mut() {
                open.participant_sel = open
                    .participant_sel
                    .min(open.participants.len().saturating_sub(1));
            }
        }
        Effect::SetRating {
            item_id,
            level,
            comment,
        } => {
            let sid = session_id(state).ok_or(crate::Error::NotFound("session"))?;
            let r = store.set_rating(&sid, &item_id, level, &comment)?;
            state.overlay = None;
            if let Some(open) = state.open.as_mut() {
                open.ratings.insert(item_id, r);
            }
            state.info(format!("{}: {}", s.rated, level.label(state.lang)));
        }
        Effect::SaveTimer {
            table_id,
            elapsed,
            running,
        } => store.save_timer(&crate::domain::TableTimer {
            table_id,
            elapsed_ms: elapsed.as_millis() as u64,
            started_at: running.then(crate::store::now),
        })?,
        Effect::PollBackup => {
            if let Some(result) = store.finished_backup(false) {
                state.backup_running = false;
                match result {
                    Ok(path) => crate::log::write(&format!("backup {}", path.display())),
                    Err(e) => {
                        crate::log::write(&format!("backup failed: {e}"));
                        state.error(format!("{} {e}", s.backup_failed));
                    }
                }
            }
        }
        Effect::Export => {
            let sid = session_id(state).ok_or(crate::Error::NotFound("session"))?;
            let dir = state
                .export_dir
                .clone()
                .unwrap_or_else(|| std::env::temp_dir().join("tafel-exports"));
            let path = export_markdown(store, &sid, &dir)?;
            state.info(format!("{} {}", s.exported_to, path.display()));
        }
    }
    Ok(())
}

fn clear_editor(open: &mut Open) {
    open.editor = editor_with("");
    open.editing = None;
    open.dirty_since = None;
    open.last_change = None;
    open.owner.clear();
    open.due = None;
    open.note_sel = open.notes.len().saturating_sub(1);
}

/// Reloads tables, participants and counts after a set-up change.
fn reload(store: &mut Store, state: &mut State) -> Result<()> {
    let Some(open) = state.open.as_mut() else {
        return Ok(());
    };
    let sid = open.session.id.clone();
    open.tables = store.tables(&sid)?;
    open.participants = store.participants(&sid)?;
    open.counts = store.note_counts(&sid)?.per_item;
    open.rebuild_stops();
    Ok(())
}

fn open_session(store: &mut Store, state: &mut State, id: &str) -> Result<()> {
    let session = store.session(id)?;
    // A snapshot each time a session is opened, taken in the background so
    // the first frame does not wait; a failure is reported, not fatal.
    if store.start_backup() {
        state.backup_running = true;
    }
    let sid = session.id.clone();
    let place = store.place(&sid)?;
    let mut open = Open {
        items: store.items(&sid)?,
        tables: store.tables(&sid)?,
        dimensions: store.dimensions(&sid)?,
        participants: store.participants(&sid)?,
        ratings: store
            .ratings(&sid)?
            .into_iter()
            .map(|r| (r.item_id.clone(), r))
            .collect(),
        counts: store.note_counts(&sid)?.per_item,
        session,
        stops: Vec::new(),
        stop: 0,
        notes: Vec::new(),
        note_sel: 0,
        focus: Focus::Editor,
        editor: editor_with(""),
        editor_item: None,
        editing: None,
        kind: Default::default(),
        group: None,
        participant: None,
        tags: Vec::new(),
        owner: String::new(),
        due: None,
        dirty_since: None,
        last_change: None,
        deleted: Vec::new(),
        deleted_tables: Vec::new(),
        timers: timers(store, &sid)?,
        pane: Pane::Tables,
        table_sel: 0,
        item_sel: 0,
        participant_sel: 0,
    };
    open.rebuild_stops();
    if let Some(p) = &place {
        let found = open.stops.iter().position(|s| {
            Some(&open.items[s.item].id) == p.item_id.as_ref()
                && s.table.map(|t| &open.tables[t].id) == p.table_id.as_ref()
        });
        if let Some(i) = found {
            open.stop = i;
        }
    }
    state.open = Some(open);
    // A session with tables resumes where it was; a new one starts in set-up.
    let has_tables = state.open.as_ref().is_some_and(|o| !o.tables.is_empty());
    state.screen = if has_tables || place.is_some() {
        Screen::Run
    } else {
        Screen::Setup
    };
    load_notes(store, state)?;
    if let (Some(open), Some(p)) = (state.open.as_mut(), place) {
        open.note_sel = (p.scroll as usize).min(open.notes.len().saturating_sub(1));
    }
    // Marks this session as the last used one.
    try_apply(store, state, Effect::SavePlace)
}

/// Stores the editor's unsaved text as a draft of the item it belongs to.
/// On failure the text stays in the editor and is tried again on the next
/// tick.
fn secure_draft(store: &mut Store, state: &mut State) -> Result<()> {
    let Some(open) = state.open.as_mut() else {
        return Ok(());
    };
    if open.dirty_since.is_none() {
        return Ok(());
    }
    let Some(item) = open.editor_item.clone() else {
        return Ok(());
    };
    store.save_draft(&open.session.id, &item, &open.editor_text())?;
    open.dirty_since = None;
    open.last_change = None;
    Ok(())
}

/// The tables' round timers as stored; a running one continues from when it
/// was started, also across a restart.
fn timers(store: &Store, session_id: &str) -> Result<std::collections::HashMap<Id, Timer>> {
    let now_utc = chrono::Utc::now();
    let now = std::time::Instant::now();
    Ok(store
        .timers(session_id)?
        .into_iter()
        .map(|t| {
            let ran = t
                .started_at
                .map(|s| (now_utc - s).to_std().unwrap_or_default())
                .unwrap_or_default();
            let timer = Timer {
                elapsed: std::time::Duration::from_millis(t.elapsed_ms) + ran,
                running_since: t.started_at.map(|_| now),
            };
            (t.table_id, timer)
        })
        .collect())
}

fn load_notes(store: &mut Store, state: &mut State) -> Result<()> {
    // Never replace text that is not stored yet.
    secure_draft(store, state)?;
    let Some(open) = state.open.as_mut() else {
        return Ok(());
    };
    let Some(item) = open.current_item().map(|i| i.id.clone()) else {
        open.notes.clear();
        return Ok(());
    };
    open.notes = store.notes_for_item(&item)?;
    open.note_sel = open.notes.len().saturating_sub(1);
    let draft = store.draft(&open.session.id, &item)?;
    open.editor = editor_with(draft.as_ref().map_or("", |d| d.text.as_str()));
    open.editor_item = Some(item);
    open.editing = None;
    open.dirty_since = None;
    open.last_change = None;
    Ok(())
}

/// Writes the session's Markdown minutes into `dir` under a name of its own
/// (never overwriting an earlier export) and returns the path.
fn export_markdown(store: &Store, session_id: &str, dir: &std::path::Path) -> Result<PathBuf> {
    use crate::cli::ExportFormat;
    let session = store.session(session_id)?;
    std::fs::create_dir_all(dir).map_err(|e| crate::Error::io(dir, e))?;
    let name = crate::export::default_file_name(&session, ExportFormat::Markdown);
    let stem = name.trim_end_matches(".md");
    let mut path = dir.join(&name);
    let mut n = 1;
    while path.exists() {
        n += 1;
        path = dir.join(format!("{stem}-{n}.md"));
    }
    crate::export::export_to_file(
        store,
        session_id,
        ExportFormat::Markdown,
        &path,
        false,
        false,
        None,
    )
}

//! `update`: state changes for an action, without I/O. What must reach the
//! store is returned as effects.

use super::action::Action;
use super::effects::Effect;
use super::state::*;
use crate::domain::{IrmLevel, ItemKind, NewSession, NoteInput, NoteKind, StakeholderGroup};
use crate::ui::strings::strings;
use chrono::NaiveDate;
use ratatui_textarea::TextArea;
use std::time::{Duration, Instant};

/// How many notes PgUp/PgDn move in the notes list.
const NOTES_PAGE: usize = 10;

/// The editor's changes reach a draft this long after the last keystroke…
const DRAFT_QUIET: Duration = Duration::from_millis(300);
/// …and at the latest this long after the first unsaved one.
const DRAFT_MAX: Duration = Duration::from_millis(900);

pub fn update(state: &mut State, action: Action, now: Instant) -> Vec<Effect> {
    if !matches!(
        action,
        Action::Tick | Action::Resize | Action::Edit(_) | Action::Paste(_)
    ) {
        // A new intent clears an old message.
        state.status = None;
    }
    if let Action::Tick = action {
        return tick(state, now);
    }
    if let Action::Resize = action {
        return vec![];
    }
    if state.overlay.is_some() {
        return overlay(state, action, now);
    }
    match state.screen {
        Screen::Sessions => sessions(state, action),
        Screen::Setup => setup(state, action),
        Screen::Run => run(state, action, now),
    }
}

/// Effects that save what is pending (draft, place) — before the process
/// ends.
pub fn flush(state: &mut State) -> Vec<Effect> {
    if state.open.is_none() {
        return vec![];
    }
    vec![Effect::SecureDraft, Effect::SavePlace]
}

fn tick(state: &mut State, now: Instant) -> Vec<Effect> {
    state.clock = chrono::Local::now().format("%H:%M").to_string();
    let mut out = Vec::new();
    if state.backup_running {
        out.push(Effect::PollBackup);
    }
    let Some(open) = state.open.as_mut() else {
        return out;
    };
    let due = match (open.dirty_since, open.last_change) {
        (Some(first), Some(last)) => {
            now.saturating_duration_since(last) >= DRAFT_QUIET
                || now.saturating_duration_since(first) >= DRAFT_MAX
        }
        _ => false,
    };
    if due {
        out.push(Effect::SecureDraft);
    }
    out
}

fn sessions(state: &mut State, action: Action) -> Vec<Effect> {
    let n = state.sessions.len();
    match action {
        Action::Up => state.session_sel = state.session_sel.saturating_sub(1),
        Action::Down => state.session_sel = (state.session_sel + 1).min(n.saturating_sub(1)),
        Action::OpenSession => {
            if let Some(s) = state.sessions.get(state.session_sel) {
                return vec![Effect::OpenSession(s.session.id.clone())];
            }
            return new_session_form(state);
        }
        Action::ResumeLast => {
            let id = state
                .last_used
                .clone()
                .or_else(|| state.sessions.first().map(|s| s.session.id.clone()));
            match id {
                Some(id) => return vec![Effect::OpenSession(id)],
                None => state.info(strings(state.lang).no_sessions),
            }
        }
        Action::NewSession => return new_session_form(state),
        Action::EditSession => {
            if let Some(row) = state.sessions.get(state.session_sel) {
                let s = strings(state.lang);
                let x = &row.session;
                state.overlay = Some(form(
                    FormPurpose::EditSession(x.id.clone(), x.language),
                    s.edit_session,
                    vec![
                        (s.f_title, x.title.clone()),
                        (s.f_date, x.date.to_string()),
                        (s.f_location, x.location.clone()),
                        (s.f_facilitator, x.facilitator.clone()),
                    ],
                ));
            }
        }
        Action::Help => state.overlay = Some(help(state)),
        Action::Quit => return vec![Effect::Quit],
        _ => {}
    }
    vec![]
}

fn help(state: &State) -> Overlay {
    Overlay::Help {
        ctx: state.context(),
        scroll: 0,
    }
}

fn form(purpose: FormPurpose, title: &'static str, fields: Vec<(&'static str, String)>) -> Overlay {
    Overlay::Form(Form {
        purpose,
        title,
        fields: fields
            .into_iter()
            .map(|(label, value)| Field {
                label,
                input: line_input(&value),
            })
            .collect(),
        focus: 0,
        error: None,
    })
}

fn new_session_form(state: &mut State) -> Vec<Effect> {
    let s = strings(state.lang);
    state.overlay = Some(form(
        FormPurpose::NewSession,
        s.new_session,
        vec![
            (s.f_title, String::new()),
            (s.f_date, chrono::Local::now().date_naive().to_string()),
            (s.f_location, String::new()),
            (s.f_facilitator, String::new()),
            (s.f_agenda, String::new()),
        ],
    ));
    vec![]
}

fn setup(state: &mut State, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    let s = strings(lang);
    let Some(open) = state.open.as_mut() else {
        state.screen = Screen::Sessions;
        return vec![];
    };
    let table_id = open.tables.get(open.table_sel).map(|t| t.id.clone());
    match action {
        Action::SwitchPane => {
            open.pane = match open.pane {
                Pane::Tables => Pane::Items,
                Pane::Items => Pane::Participants,
                Pane::Participants => Pane::Tables,
            }
        }
        Action::Up | Action::Down => {
            let down = action == Action::Down;
            let (sel, len) = match open.pane {
                Pane::Tables => (&mut open.table_sel, open.tables.len()),
                Pane::Items => (&mut open.item_sel, open.items.len()),
                Pane::Participants => (&mut open.participant_sel, open.participants.len()),
            };
            *sel = step(*sel, len, down);
        }
        Action::AddTable => {
            let n = open.tables.len() + 1;
            state.overlay = Some(form(
                FormPurpose::AddTable,
                s.add_table,
                vec![
                    (s.f_table_name, format!("{} {n}", s.table)),
                    (s.f_host, String::new()),
                    (s.f_minutes, "20".into()),
                ],
            ));
        }
        Action::EditTable => {
            if let Some(t) = open.tables.get(open.table_sel) {
                state.overlay = Some(form(
                    FormPurpose::EditTable(t.id.clone()),
                    s.edit_table,
                    vec![
                        (s.f_table_name, t.name.clone()),
                        (s.f_host, t.host.clone()),
                        (s.f_minutes, t.timebox_minutes.to_string()),
                    ],
                ));
            }
        }
        Action::DeleteTable => {
            if let Some(t) = open.tables.get(open.table_sel) {
                state.overlay = Some(Overlay::Confirm {
                    purpose: ConfirmPurpose::DeleteTable(t.id.clone()),
                    text: format!(
                        "{} „{}”?\n{}",
                        s.confirm_delete_table,
                        crate::text::one_line(&t.name),
                        s.delete_table_keeps_notes
                    ),
                });
            }
        }
        Action::UndoDelete => match open.deleted_tables.last() {
            Some(id) => return vec![Effect::RestoreTable(id.clone())],
            None => state.info(s.nothing_to_undo),
        },
        Action::MoveTableUp | Action::MoveTableDown => {
            if let Some(id) = table_id {
                let delta = if action == Action::MoveTableUp { -1 } else { 1 };
                open.table_sel = (open.table_sel as i64 + delta as i64)
                    .clamp(0, open.tables.len().saturating_sub(1) as i64)
                    as usize;
                return vec![Effect::MoveTable(id, delta)];
            }
        }
        Action::ToggleAssign => match (table_id, open.items.get(open.item_sel)) {
            (Some(table), Some(item)) => {
                return vec![Effect::ToggleAssign {
                    table_id: table,
                    item_id: item.id.clone(),
                }];
            }
            (None, _) => state.info(s.add_table_first),
            _ => {}
        },
        Action::QuickStart => {
            let proposal = quick_start(open, lang);
            let mut text = format!("{}\n", s.quick_start_intro);
            for (name, items) in &proposal {
                text.push_str(&format!("\n• {} ({} {})", name, items.len(), s.items_word));
            }
            state.overlay = Some(Overlay::Confirm {
                purpose: ConfirmPurpose::QuickStart(proposal),
                text,
            });
        }
        Action::AddParticipant => {
            state.overlay = Some(form(
                FormPurpose::AddParticipant,
                s.add_participant,
                vec![(s.f_name, String::new()), (s.f_organisation, String::new())],
            ));
        }
        Action::EditParticipant => {
            if let Some(p) = open.participants.get(open.participant_sel) {
                state.overlay = Some(form(
                    FormPurpose::EditParticipant(p.id.clone()),
                    s.edit_participant,
                    vec![
                        (s.f_name, p.name.clone().unwrap_or_default()),
                        (s.f_organisation, p.organisation.clone().unwrap_or_default()),
                    ],
                ));
            }
        }
        Action::DeleteParticipant => {
            if let Some(p) = open.participants.get(open.participant_sel) {
                let who = participant_label(p, lang);
                state.overlay = Some(Overlay::Confirm {
                    purpose: ConfirmPurpose::DeleteParticipant(p.id.clone()),
                    text: format!("{} {who}?", s.confirm_delete_participant),
                });
            }
        }
        Action::StartRun => {
            state.screen = Screen::Run;
            open.focus = Focus::Editor;
            if open.current().is_some_and(|s| s.table.is_none()) && !open.tables.is_empty() {
                // Start at the first table rather than at an item at none.
                open.stop = 0;
            }
            return vec![Effect::LoadNotes];
        }
        Action::Back => return vec![Effect::CloseSession],
        Action::Help => state.overlay = Some(help(state)),
        Action::Quit => return quit(state),
        _ => {}
    }
    vec![]
}

/// Tables proposed by the quick start: one per dimension of the policy
/// questions, and the action points split by their status (the source
/// gives no dimension for action points).
fn quick_start(open: &Open, lang: crate::domain::Lang) -> Vec<(String, Vec<crate::domain::Id>)> {
    let s = strings(lang);
    let mut out: Vec<(String, Vec<crate::domain::Id>)> = Vec::new();
    for d in &open.dimensions {
        let ids: Vec<_> = open
            .items
            .iter()
            .filter(|i| {
                i.kind == ItemKind::PolicyQuestion && i.dimension.as_deref() == Some(d.key.as_str())
            })
            .map(|i| i.id.clone())
            .collect();
        if !ids.is_empty() {
            out.push((d.name.clone(), ids));
        }
    }
    let points: Vec<_> = open
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::ActionPoint)
        .collect();
    let continued: Vec<_> = points
        .iter()
        .filter(|i| i.statuses.contains(&crate::domain::ActionStatus::Doorgezet))
        .map(|i| i.id.clone())
        .collect();
    let other: Vec<_> = points
        .iter()
        .filter(|i| !i.statuses.contains(&crate::domain::ActionStatus::Doorgezet))
        .map(|i| i.id.clone())
        .collect();
    if !continued.is_empty() {
        out.push((s.qs_continued.to_string(), continued));
    }
    if !other.is_empty() {
        out.push((s.qs_completed.to_string(), other));
    }
    // Policy questions without a dimension.
    let loose: Vec<_> = open
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::PolicyQuestion && i.dimension.is_none())
        .map(|i| i.id.clone())
        .collect();
    if !loose.is_empty() {
        out.push((s.qs_other_questions.to_string(), loose));
    }
    out
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

pub fn participant_label(p: &crate::domain::Participant, lang: crate::domain::Lang) -> String {
    let mut parts = Vec::new();
    if let Some(n) = &p.name {
        parts.push(crate::text::one_line(n));
    }
    if let Some(o) = &p.organisation {
        parts.push(crate::text::one_line(o));
    }
    parts.push(p.group.label(lang).to_string());
    parts.join(", ")
}

fn quit(state: &mut State) -> Vec<Effect> {
    let editing = state.open.as_ref().is_some_and(|o| {
        o.editing
            .as_ref()
            .is_some_and(|n| n.text != o.editor_text())
    });
    if editing {
        state.overlay = Some(Overlay::Confirm {
            purpose: ConfirmPurpose::QuitDiscardingEdit,
            text: strings(state.lang).confirm_quit_edit.to_string(),
        });
        return vec![];
    }
    vec![Effect::Quit]
}

fn run(state: &mut State, action: Action, now: Instant) -> Vec<Effect> {
    let lang = state.lang;
    let s = strings(lang);
    let Some(open) = state.open.as_mut() else {
        state.screen = Screen::Sessions;
        return vec![];
    };
    match action {
        Action::Edit(key) if open.focus == Focus::Editor => {
            let changed = open.editor.input(key);
            changed.then(|| mark_changed(open, now));
        }
        Action::Paste(text) => {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            if open.focus != Focus::Editor {
                open.focus = Focus::Editor;
            }
            open.editor.insert_str(&text);
            mark_changed(open, now);
        }
        Action::Newline => {
            open.editor.insert_newline();
            mark_changed(open, now);
        }
        Action::SaveNote => return save_note(state),
        Action::NextItem | Action::PrevItem | Action::NextTable | Action::PrevTable => {
            let target = match action {
                Action::NextItem => (open.stop + 1).min(open.stops.len().saturating_sub(1)),
                Action::PrevItem => open.stop.saturating_sub(1),
                Action::NextTable => next_table_stop(open, true),
                _ => next_table_stop(open, false),
            };
            return go_to(open, target);
        }
        Action::SetKind(kind) => {
            if open.focus == Focus::Notes {
                return update_selected(open, |input| input.kind = kind);
            }
            open.kind = kind;
        }
        Action::CycleGroup => {
            if open.focus == Focus::Notes {
                let Some(n) = open.notes.get(open.note_sel) else {
                    return vec![];
                };
                let next = next_group(n.group);
                return update_selected(open, |input| {
                    input.group = next;
                    input.participant_id = None;
                });
            }
            open.participant = None;
            open.group = next_group(open.group);
        }
        Action::PickParticipant => {
            let mut choices = vec![(s.nobody.to_string(), String::new())];
            choices.extend(
                open.participants
                    .iter()
                    .map(|p| (participant_label(p, lang), p.id.clone())),
            );
            let p = picker(PickerPurpose::Participant, s.pick_participant, choices);
            state.overlay = Some(Overlay::Picker(p));
        }
        Action::PickTags => {
            // In the notes list: the selected note's tags; else the next note's.
            let tags = match open.focus {
                Focus::Notes => match open.notes.get(open.note_sel) {
                    Some(n) => &n.tags,
                    None => return vec![],
                },
                Focus::Editor => &open.tags,
            };
            let chosen = open
                .dimensions
                .iter()
                .map(|d| tags.contains(&d.key))
                .collect();
            state.overlay = Some(Overlay::Tags { chosen });
        }
        Action::Jump => {
            let choices = open
                .stops
                .iter()
                .enumerate()
                .map(|(i, st)| {
                    let item = &open.items[st.item];
                    let table = st
                        .table
                        .map(|t| format!("  · {}", open.tables[t].name))
                        .unwrap_or_default();
                    (
                        format!(
                            "{} {} — {}{}",
                            item.kind.label(lang),
                            item.number,
                            item.title,
                            table
                        ),
                        i.to_string(),
                    )
                })
                .collect();
            state.overlay = Some(Overlay::Picker(picker(
                PickerPurpose::Jump,
                s.jump_title,
                choices,
            )));
        }
        Action::FocusNotes => {
            open.focus = Focus::Notes;
            open.note_sel = open.notes.len().saturating_sub(1);
        }
        Action::FocusEditor => open.focus = Focus::Editor,
        Action::Up | Action::Down => {
            open.note_sel = step(open.note_sel, open.notes.len(), action == Action::Down)
        }
        Action::PageUp => open.note_sel = open.note_sel.saturating_sub(NOTES_PAGE),
        Action::PageDown => {
            open.note_sel = (open.note_sel + NOTES_PAGE).min(open.notes.len().saturating_sub(1))
        }
        Action::TimerToggle | Action::TimerReset => {
            let Some(table) = open.current_table().map(|t| t.id.clone()) else {
                state.info(s.no_table_no_timer);
                return vec![];
            };
            let t = open.timers.entry(table.clone()).or_default();
            if action == Action::TimerReset {
                *t = Timer::default();
            } else if let Some(since) = t.running_since.take() {
                t.elapsed += now.saturating_duration_since(since);
            } else {
                t.running_since = Some(now);
            }
            // Kept in the database, so a restart does not lose the round's time.
            return vec![Effect::SaveTimer {
                table_id: table,
                elapsed: t.elapsed,
                running: t.running(),
            }];
        }
        Action::EditNote => {
            if let Some(n) = open.notes.get(open.note_sel).cloned() {
                // Never replace text that is not saved: a new note being
                // typed, or a change to another note being edited.
                let unsaved = match &open.editing {
                    Some(edited) => edited.text != open.editor_text(),
                    None => !open.editor_text().trim().is_empty(),
                };
                if unsaved {
                    state.info(s.editor_not_empty);
                    return vec![];
                }
                open.editor = editor_with(&n.text);
                open.kind = n.kind;
                open.group = n.group;
                open.participant = n.participant_id.clone();
                open.tags = n.tags.clone();
                open.owner = n.owner.clone();
                open.due = n.due;
                open.editing = Some(n);
                open.focus = Focus::Editor;
            }
        }
        Action::DeleteNote => {
            if let Some(n) = open.notes.get(open.note_sel) {
                return vec![Effect::DeleteNote(n.id.clone())];
            }
        }
        Action::UndoDelete => match open.deleted.last() {
            Some(id) => return vec![Effect::RestoreNote(id.clone())],
            None => state.info(s.nothing_to_undo),
        },
        Action::VoteFor | Action::VoteAgainst => {
            if let Some(n) = open.notes.get(open.note_sel) {
                let (f, a) = if action == Action::VoteFor {
                    (1, 0)
                } else {
                    (0, 1)
                };
                return vec![Effect::Vote(n.id.clone(), f, a)];
            }
        }
        Action::Rate => match open.current_item() {
            Some(item) if item.kind == ItemKind::ActionPoint => {
                let existing = open.ratings.get(&item.id);
                let level = existing
                    .and_then(|r| IrmLevel::ALL.iter().position(|l| *l == r.level))
                    .unwrap_or(0);
                let comment = line_input(existing.map_or("", |r| r.comment.as_str()));
                state.overlay = Some(Overlay::Rating { level, comment });
            }
            Some(_) => state.info(s.rate_only_action_points),
            None => {}
        },
        Action::Export => {
            return vec![Effect::Export];
        }
        Action::GoSetup => {
            open.pane = Pane::Tables;
            state.screen = Screen::Setup;
            return vec![Effect::SecureDraft];
        }
        Action::Help => state.overlay = Some(help(state)),
        Action::Quit => return quit(state),
        _ => {}
    }
    vec![]
}

/// No group → the first → … → the last → no group.
fn next_group(g: Option<StakeholderGroup>) -> Option<StakeholderGroup> {
    match g {
        None => Some(StakeholderGroup::ALL[0]),
        Some(g) => StakeholderGroup::ALL
            .iter()
            .position(|x| *x == g)
            .and_then(|i| StakeholderGroup::ALL.get(i + 1))
            .copied(),
    }
}

/// In the notes list, a change of kind, group or tags applies to the
/// selected saved note; in the editor it applies to the next note only.
fn update_selected(open: &Open, change: impl FnOnce(&mut NoteInput)) -> Vec<Effect> {
    if open.focus != Focus::Notes {
        return vec![];
    }
    let Some(n) = open.notes.get(open.note_sel) else {
        return vec![];
    };
    let mut input = n.input();
    change(&mut input);
    vec![Effect::UpdateNote(n.id.clone(), input)]
}

fn mark_changed(open: &mut Open, now: Instant) {
    open.dirty_since.get_or_insert(now);
    open.last_change = Some(now);
}

fn picker(purpose: PickerPurpose, title: &'static str, choices: Vec<(String, String)>) -> Picker {
    Picker {
        purpose,
        title,
        choices,
        filter: TextArea::default(),
        selected: 0,
    }
}

/// The first stop of the next (or previous) table.
fn next_table_stop(open: &Open, forward: bool) -> usize {
    let Some(cur) = open.current() else { return 0 };
    let first_of = |t: Option<usize>| open.stops.iter().position(|s| s.table == t);
    let Some(ct) = cur.table else {
        return open.stop;
    };
    let target = if forward {
        (ct + 1..open.tables.len()).find_map(|t| first_of(Some(t)))
    } else {
        (0..ct).rev().find_map(|t| first_of(Some(t)))
    };
    target.unwrap_or(open.stop)
}

/// Moves to another stop. The move itself is an effect: it first secures
/// the editor's text as a draft of its item and does not happen if that fails.
fn go_to(open: &mut Open, target: usize) -> Vec<Effect> {
    if target == open.stop || open.stops.is_empty() {
        return vec![];
    }
    if open.editing.is_some() {
        // Leaving an unsaved edit: the saved note stays as it was and the
        // text is kept as a draft of its item.
        open.dirty_since.get_or_insert_with(Instant::now);
        open.editing = None;
    }
    vec![Effect::GoTo(target)]
}

fn save_note(state: &mut State) -> Vec<Effect> {
    let s = strings(state.lang);
    let Some(open) = state.open.as_mut() else {
        return vec![];
    };
    let text = open.editor_text();
    if text.trim().is_empty() {
        state.info(s.empty_note);
        return vec![];
    }
    let Some(stop) = open.current() else {
        return vec![];
    };
    if open.kind == NoteKind::Action && state.overlay.is_none() {
        // An action needs an owner and a due date: ask, prefilled.
        let due = open.due.map(|d| d.to_string()).unwrap_or_default();
        state.overlay = Some(form(
            FormPurpose::ActionDetails,
            s.action_details,
            vec![(s.f_owner, open.owner.clone()), (s.f_due, due)],
        ));
        return vec![];
    }
    let input = NoteInput {
        item_id: open.items[stop.item].id.clone(),
        table_id: stop.table.map(|t| open.tables[t].id.clone()),
        kind: open.kind,
        text,
        participant_id: open.participant.clone(),
        group: open.group,
        tags: open.tags.clone(),
        votes_for: open.editing.as_ref().map_or(0, |n| n.votes_for),
        votes_against: open.editing.as_ref().map_or(0, |n| n.votes_against),
        owner: if open.kind == NoteKind::Action {
            open.owner.clone()
        } else {
            String::new()
        },
        due: if open.kind == NoteKind::Action {
            open.due
        } else {
            None
        },
    };
    match &open.editing {
        Some(n) => {
            let mut input = input;
            input.table_id = n.table_id.clone();
            vec![Effect::UpdateNote(n.id.clone(), input)]
        }
        None => vec![Effect::SaveNote(input)],
    }
}

fn overlay(state: &mut State, action: Action, now: Instant) -> Vec<Effect> {
    let Some(ov) = state.overlay.take() else {
        return vec![];
    };
    match ov {
        Overlay::Help { ctx, scroll } => match action {
            Action::Up => {
                state.overlay = Some(Overlay::Help {
                    ctx,
                    scroll: scroll.saturating_sub(1),
                })
            }
            Action::Down => {
                state.overlay = Some(Overlay::Help {
                    ctx,
                    scroll: scroll + 1,
                })
            }
            _ => {}
        },
        Overlay::Confirm { purpose, text } => match action {
            Action::Confirm => match purpose {
                ConfirmPurpose::QuitDiscardingEdit => {
                    if let Some(open) = state.open.as_mut() {
                        // The edit is not applied, but its text is kept as a draft.
                        open.editing = None;
                        open.dirty_since.get_or_insert(now);
                    }
                    return vec![Effect::Quit];
                }
                ConfirmPurpose::QuitLosingDraft => {
                    state.quit = true;
                    return vec![];
                }
                ConfirmPurpose::DeleteTable(id) => return vec![Effect::DeleteTable(id)],
                ConfirmPurpose::DeleteParticipant(id) => {
                    return vec![Effect::DeleteParticipant(id)];
                }
                ConfirmPurpose::QuickStart(tables) => return vec![Effect::CreateTables(tables)],
            },
            Action::Back => {}
            _ => state.overlay = Some(Overlay::Confirm { purpose, text }),
        },
        Overlay::Tags { mut chosen } => match action {
            Action::Toggle(i) if i < chosen.len() => {
                chosen[i] = !chosen[i];
                state.overlay = Some(Overlay::Tags { chosen });
            }
            Action::Confirm => {
                if let Some(open) = state.open.as_mut() {
                    let tags: Vec<String> = open
                        .dimensions
                        .iter()
                        .zip(&chosen)
                        .filter(|(_, c)| **c)
                        .map(|(d, _)| d.key.clone())
                        .collect();
                    if open.focus == Focus::Notes {
                        return update_selected(open, |input| input.tags = tags);
                    }
                    open.tags = tags;
                }
            }
            _ => state.overlay = Some(Overlay::Tags { chosen }),
        },
        Overlay::Rating {
            mut level,
            mut comment,
        } => match action {
            Action::Up | Action::Down => {
                level = step(level, IrmLevel::ALL.len(), action == Action::Down);
                state.overlay = Some(Overlay::Rating { level, comment });
            }
            Action::Edit(key) => {
                comment.input(key);
                state.overlay = Some(Overlay::Rating { level, comment });
            }
            Action::Paste(text) => {
                comment.insert_str(text.replace(['\r', '\n'], " "));
                state.overlay = Some(Overlay::Rating { level, comment });
            }
            Action::Confirm => {
                let item = state
                    .open
                    .as_ref()
                    .and_then(|o| o.current_item())
                    .map(|i| i.id.clone());
                let text = comment.lines().join(" ").trim().to_string();
                // The overlay stays until the rating is stored.
                state.overlay = Some(Overlay::Rating { level, comment });
                if let Some(item_id) = item {
                    return vec![Effect::SetRating {
                        item_id,
                        level: IrmLevel::ALL[level],
                        comment: text,
                    }];
                }
            }
            Action::Back => {}
            _ => state.overlay = Some(Overlay::Rating { level, comment }),
        },
        Overlay::Picker(mut p) => match action {
            Action::Up | Action::Down => {
                let n = p.visible().len();
                p.selected = step(p.selected, n, action == Action::Down);
                state.overlay = Some(Overlay::Picker(p));
            }
            Action::Edit(key) => {
                if p.filter.input(key) {
                    p.selected = 0;
                }
                state.overlay = Some(Overlay::Picker(p));
            }
            Action::Paste(text) => {
                p.filter.insert_str(text.replace(['\r', '\n'], " "));
                p.selected = 0;
                state.overlay = Some(Overlay::Picker(p));
            }
            Action::Confirm => {
                let Some(&i) = p.visible().get(p.selected) else {
                    state.overlay = Some(Overlay::Picker(p));
                    return vec![];
                };
                let value = p.choices[i].1.clone();
                let purpose = p.purpose.clone();
                if matches!(purpose, PickerPurpose::ParticipantGroup { .. }) {
                    // Stays until the participant is stored.
                    state.overlay = Some(Overlay::Picker(p));
                }
                return picked(state, purpose, value);
            }
            Action::Back => {}
            _ => state.overlay = Some(Overlay::Picker(p)),
        },
        Overlay::Form(mut f) => match action {
            Action::NextField => {
                f.focus = (f.focus + 1) % f.fields.len();
                state.overlay = Some(Overlay::Form(f));
            }
            Action::PrevField => {
                f.focus = (f.focus + f.fields.len() - 1) % f.fields.len();
                state.overlay = Some(Overlay::Form(f));
            }
            Action::Edit(key) => {
                f.fields[f.focus].input.input(key);
                state.overlay = Some(Overlay::Form(f));
            }
            Action::Paste(text) => {
                f.fields[f.focus]
                    .input
                    .insert_str(text.replace(['\r', '\n'], " "));
                state.overlay = Some(Overlay::Form(f));
            }
            Action::Confirm => return submit_form(state, f, now),
            Action::Back => {}
            _ => state.overlay = Some(Overlay::Form(f)),
        },
    }
    vec![]
}

fn picked(state: &mut State, purpose: PickerPurpose, value: String) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return vec![];
    };
    match purpose {
        PickerPurpose::Jump => {
            let target: usize = value.parse().unwrap_or(open.stop);
            go_to(open, target)
        }
        PickerPurpose::Participant => {
            let (participant, group) = if value.is_empty() {
                (None, None)
            } else {
                (
                    Some(value.clone()),
                    open.participant(&value).map(|p| p.group),
                )
            };
            if open.focus == Focus::Notes {
                return update_selected(open, |input| {
                    input.participant_id = participant;
                    input.group = group;
                });
            }
            // "Nobody" keeps the group chosen before.
            open.participant = participant;
            if group.is_some() {
                open.group = group;
            }
            vec![]
        }
        PickerPurpose::ParticipantGroup {
            edit,
            name,
            organisation,
        } => {
            let group = StakeholderGroup::from_key(&value).unwrap_or(StakeholderGroup::Anders);
            match edit {
                Some(id) => vec![Effect::UpdateParticipant {
                    id,
                    name,
                    organisation,
                    group,
                }],
                None => vec![Effect::CreateParticipant {
                    name,
                    organisation,
                    group,
                }],
            }
        }
    }
}

fn submit_form(state: &mut State, mut f: Form, _now: Instant) -> Vec<Effect> {
    let s = strings(state.lang);
    let v: Vec<String> = f.fields.iter().map(Field::value).collect();
    let fail = |state: &mut State, mut f: Form, focus: usize, msg: &str| {
        f.error = Some(msg.to_string());
        f.focus = focus;
        state.overlay = Some(Overlay::Form(f));
        vec![]
    };
    match f.purpose.clone() {
        FormPurpose::NewSession | FormPurpose::EditSession(..) => {
            if v[0].is_empty() {
                return fail(state, f, 0, s.err_title_required);
            }
            let Ok(date) = NaiveDate::parse_from_str(&v[1], "%Y-%m-%d") else {
                return fail(state, f, 1, s.err_date);
            };
            if let FormPurpose::EditSession(id, language) = &f.purpose {
                let fields = NewSession {
                    title: v[0].clone(),
                    date,
                    location: v[2].clone(),
                    facilitator: v[3].clone(),
                    language: *language,
                };
                let effect = Effect::UpdateSession(id.clone(), fields);
                state.overlay = Some(Overlay::Form(f));
                return vec![effect];
            }
            let agenda = (!v[4].is_empty()).then(|| std::path::PathBuf::from(&v[4]));
            // The form stays open until the session exists (a bad agenda
            // file is reported in it).
            f.error = None;
            state.overlay = Some(Overlay::Form(f));
            vec![Effect::CreateSession(
                NewSession {
                    title: v[0].clone(),
                    date,
                    location: v[2].clone(),
                    facilitator: v[3].clone(),
                    language: state.lang,
                },
                agenda,
            )]
        }
        FormPurpose::AddTable | FormPurpose::EditTable(_) => {
            if v[0].is_empty() {
                return fail(state, f, 0, s.err_name_required);
            }
            let Ok(minutes) = v[2].parse::<u32>() else {
                return fail(state, f, 2, s.err_minutes);
            };
            let effect = match &f.purpose {
                FormPurpose::EditTable(id) => Effect::UpdateTable {
                    id: id.clone(),
                    name: v[0].clone(),
                    host: v[1].clone(),
                    minutes,
                },
                _ => Effect::CreateTable {
                    name: v[0].clone(),
                    host: v[1].clone(),
                    minutes,
                },
            };
            // The form stays until the table is stored.
            state.overlay = Some(Overlay::Form(f));
            vec![effect]
        }
        FormPurpose::AddParticipant | FormPurpose::EditParticipant(_) => {
            let edit = match &f.purpose {
                FormPurpose::EditParticipant(id) => Some(id.clone()),
                _ => None,
            };
            let choices = StakeholderGroup::ALL
                .iter()
                .map(|g| (g.label(state.lang).to_string(), g.key().to_string()))
                .collect();
            let mut p = picker(
                PickerPurpose::ParticipantGroup {
                    edit: edit.clone(),
                    name: v[0].clone(),
                    organisation: v[1].clone(),
                },
                s.pick_group,
                choices,
            );
            if let Some(cur) = edit
                .and_then(|id| state.open.as_ref()?.participant(&id).map(|p| p.group))
                .and_then(|g| StakeholderGroup::ALL.iter().position(|x| *x == g))
            {
                p.selected = cur;
            }
            state.overlay = Some(Overlay::Picker(p));
            vec![]
        }
        FormPurpose::ActionDetails => {
            let due = if v[1].is_empty() {
                None
            } else {
                match NaiveDate::parse_from_str(&v[1], "%Y-%m-%d") {
                    Ok(d) => Some(d),
                    Err(_) => return fail(state, f, 1, s.err_date),
                }
            };
            if let Some(open) = state.open.as_mut() {
                open.owner = v[0].clone();
                open.due = due;
            }
            // Save with the form still open: the details are not asked
            // again, and the form closes once the note is stored.
            state.overlay = Some(Overlay::Form(f));
            save_note(state)
        }
    }
}

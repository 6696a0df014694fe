//! The run screen: the editor, the notes list, moving through the agenda.

use super::{Now, forms, help, load_stop, quit, secure, step};
use crate::app::action::Action;
use crate::app::effect::Effect;
use crate::app::state::*;
use crate::domain::{IrmLevel, ItemKind, NoteContent, NoteInput, NoteKind, StakeholderGroup};
use crate::i18n::strings;

/// How many notes PgUp/PgDn move in the notes list.
const NOTES_PAGE: usize = 10;

pub(super) fn update(state: &mut State, action: Action, now: Now) -> Vec<Effect> {
    let lang = state.lang;
    let s = &strings(lang).run;
    let Some(open) = state.open.as_mut() else {
        state.screen = Screen::Sessions;
        return vec![];
    };
    match action {
        Action::Edit(key) => {
            // From the notes list, typing starts a new note in the editor.
            open.focus = Focus::Editor;
            let changed = open.editor.input.input(key);
            changed.then(|| mark_changed(open, now));
        }
        Action::Paste(text) => {
            let text = text.replace("\r\n", "\n").replace('\r', "\n");
            open.focus = Focus::Editor;
            open.editor.input.insert_str(&text);
            mark_changed(open, now);
        }
        Action::Newline => {
            open.editor.input.insert_newline();
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
            return go_to(open, target, now);
        }
        Action::SetKind(kind) => {
            if open.focus == Focus::Notes {
                return update_selected(open, |c| c.kind = kind);
            }
            open.editor.meta.kind = kind;
        }
        Action::CycleGroup => {
            if open.focus == Focus::Notes {
                let Some(n) = open.notes.get(open.note_sel) else {
                    return vec![];
                };
                let next = next_group(n.content.group);
                return update_selected(open, |c| {
                    c.group = next;
                    c.participant_id = None;
                });
            }
            open.editor.meta.participant_id = None;
            open.editor.meta.group = next_group(open.editor.meta.group);
        }
        Action::PickParticipant => {
            let mut choices = vec![(s.nobody.to_string(), String::new())];
            choices.extend(
                open.participants
                    .iter()
                    .map(|p| (p.label(lang), p.id.clone())),
            );
            let p = Picker::new(PickerPurpose::Participant, s.pick_participant, choices);
            state.overlay = Some(Overlay::Picker(p));
        }
        Action::PickTags => {
            // In the notes list: the selected note's tags; else the next note's.
            let tags = match open.focus {
                Focus::Notes => match open.notes.get(open.note_sel) {
                    Some(n) => &n.content.tags,
                    None => return vec![],
                },
                Focus::Editor => &open.editor.meta.tags,
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
            let mut p = Picker::new(PickerPurpose::Jump, s.jump_title, choices);
            // Found by the labels on screen too, in either language.
            p.aliases = open
                .stops
                .iter()
                .map(|st| item_aliases(&open.items[st.item]))
                .collect();
            state.overlay = Some(Overlay::Picker(p));
        }
        Action::FocusNotes => {
            open.focus = Focus::Notes;
            open.note_sel = open.notes.len().saturating_sub(1);
        }
        Action::FocusEditor => open.focus = Focus::Editor,
        Action::Up | Action::Down => {
            open.note_sel = step(open.note_sel, open.notes.len(), action == Action::Down)
        }
        Action::Home => open.note_sel = 0,
        Action::End => open.note_sel = open.notes.len().saturating_sub(1),
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
                t.elapsed += now.at.saturating_duration_since(since);
            } else {
                t.running_since = Some(now.at);
            }
            // Kept in the database, so a restart does not lose the round's time.
            return vec![Effect::SaveTimer {
                timer: crate::domain::TableTimer {
                    table_id: table,
                    elapsed_ms: t.elapsed.as_millis() as u64,
                    started_at: t.running().then(|| now.wall.to_utc()),
                },
            }];
        }
        Action::EditNote => {
            if let Some(n) = open.notes.get(open.note_sel).cloned() {
                // Never replace text that is not saved: a new note being
                // typed, or a change to another note being edited.
                if open.editor.unsaved() {
                    state.info(s.editor_not_empty);
                    return vec![];
                }
                let text = {
                    use chrono::Datelike;
                    crate::domain::inline::literal(
                        &n.content.text,
                        &crate::domain::inline::Vocabulary {
                            participants: &open.participants,
                            dimensions: &open.dimensions,
                            year: open.session.date.year(),
                        },
                    )
                };
                open.editor.input = editor_with(&text);
                open.editor.original = text;
                open.editor.meta = NoteContent {
                    text: String::new(),
                    ..n.content.clone()
                };
                open.editor.editing = Some(n);
                open.focus = Focus::Editor;
            }
        }
        Action::DeleteNote => {
            if let Some(n) = open.notes.get(open.note_sel) {
                return vec![Effect::DeleteNote { id: n.id.clone() }];
            }
        }
        Action::Undo => match open.undo.last() {
            Some(Undo::Delete(id)) => return vec![Effect::RestoreNote { id: id.clone() }],
            Some(Undo::Vote {
                id,
                for_delta,
                against_delta,
            }) => {
                return vec![Effect::Vote {
                    id: id.clone(),
                    for_delta: -for_delta,
                    against_delta: -against_delta,
                    undo: true,
                }];
            }
            None => state.info(s.nothing_to_undo),
        },
        Action::VoteFor | Action::VoteAgainst => {
            if let Some(n) = open.notes.get(open.note_sel) {
                let up = action == Action::VoteFor;
                return vec![Effect::Vote {
                    id: n.id.clone(),
                    for_delta: i32::from(up),
                    against_delta: i32::from(!up),
                    undo: false,
                }];
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
        Action::Export => state.overlay = Some(super::overview::export_choice(lang)),
        Action::Overview => return super::overview::open(open),
        Action::GoSetup => {
            open.pane = Pane::Tables;
            // Set-up opens on the table of the run (Enter goes back there).
            if let Some(t) = open.current().and_then(|s| s.table) {
                open.table_sel = t;
            }
            state.screen = Screen::Setup;
            return secure(open).into_iter().collect();
        }
        Action::CycleActionState => return super::memory::cycle_state(state, now),
        Action::Respond => super::memory::respond(state),
        Action::ShowEarlier => return super::memory::show_earlier(state),
        Action::OtherVersions => return super::memory::other_versions(state),
        Action::Search => super::memory::show_search(state),
        Action::NextBlock => return super::programme::next_block(state, now),
        Action::ShowProgramme => super::programme::show(state),
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

/// In the notes list, a change of kind, group, speaker or tags applies to
/// the selected saved note; in the editor it applies to the next note only.
pub(super) fn update_selected(open: &Open, change: impl FnOnce(&mut NoteContent)) -> Vec<Effect> {
    if open.focus != Focus::Notes {
        return vec![];
    }
    let Some(n) = open.notes.get(open.note_sel) else {
        return vec![];
    };
    let mut note = n.input();
    change(&mut note.content);
    vec![Effect::UpdateNote {
        id: n.id.clone(),
        note,
    }]
}

fn mark_changed(open: &mut Open, now: Now) {
    open.editor.dirty_since.get_or_insert(now.at);
    open.editor.last_change = Some(now.at);
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

/// Moves to another stop: the editor's text is first secured as a draft of
/// its item, and the move does not happen if that fails.
pub(super) fn go_to(open: &mut Open, target: usize, now: Now) -> Vec<Effect> {
    if target == open.stop || open.stops.is_empty() {
        return vec![];
    }
    if open.editor.editing.is_some() {
        // Leaving an unsaved edit: the saved note stays as it was and the
        // text is kept as a draft of its item.
        open.editor.dirty_since.get_or_insert(now.at);
        open.editor.editing = None;
    }
    load_stop(open, target, None, true)
}

/// Enter in the editor: a new note, or the edited note replaced. An action
/// first asks for its owner and due date.
pub(super) fn save_note(state: &mut State) -> Vec<Effect> {
    let lang = state.lang;
    let s = &strings(lang).run;
    let Some(open) = state.open.as_mut() else {
        return vec![];
    };
    let pending = open.pending();
    if let Some(problem) = pending.problems.first() {
        // Nothing is saved with a word that may be read wrongly.
        let text = describe_problem(problem, lang);
        state.error(format!("{text} — {}", s.inline_fix));
        return vec![];
    }
    let content = pending.content;
    if content.text.trim().is_empty() {
        state.info(s.empty_note);
        return vec![];
    }
    let Some(stop) = open.current() else {
        return vec![];
    };
    let missing = content.owner.trim().is_empty() || content.due.is_none();
    if content.kind == NoteKind::Action && missing && state.overlay.is_none() {
        // An action needs an owner and a due date: ask, prefilled.
        state.overlay = Some(forms::action_details(lang, &content.owner, content.due));
        return vec![];
    }
    let editing = open.editor.editing.as_ref();
    let note = NoteInput {
        item_id: open.items[stop.item].id.clone(),
        table_id: match editing {
            Some(n) => n.table_id.clone(),
            None => stop.table.map(|t| open.tables[t].id.clone()),
        },
        content,
        votes_for: editing.map_or(0, |n| n.votes_for),
        votes_against: editing.map_or(0, |n| n.votes_against),
        // The round it was taken in stays; a new note gets the running one.
        round: match editing {
            Some(n) => n.round,
            None => crate::domain::programme::current_round(&open.programme),
        },
    };
    match editing {
        Some(n) => {
            let mut out = vec![Effect::UpdateNote {
                id: n.id.clone(),
                note,
            }];
            if let Some(item_id) = open.editor.item.clone() {
                out.push(Effect::ClearDraft {
                    session_id: open.session.id.clone(),
                    item_id,
                });
            }
            out
        }
        None => vec![Effect::AddNote {
            session_id: open.session.id.clone(),
            note,
        }],
    }
}

/// The names an item goes by on screen, in Dutch and English: "ap4 ap 4
/// actiepunt 4 action point 4", "bv2 bv 2 pq2 pq 2 …".
fn item_aliases(item: &crate::domain::Item) -> String {
    let n = item.number;
    let shorts: &[&str] = match item.kind {
        ItemKind::ActionPoint => &["ap"],
        ItemKind::PolicyQuestion => &["bv", "pq"],
    };
    let mut out: Vec<String> = shorts.iter().map(|s| format!("{s}{n} {s} {n}")).collect();
    for lang in [crate::domain::Lang::Nl, crate::domain::Lang::En] {
        out.push(format!("{} {n}", item.kind.label(lang)));
    }
    out.join(" ")
}

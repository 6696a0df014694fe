//! Overlays: help, confirmations, tags, rating, pickers and forms.

use super::run::{go_to, update_selected};
use super::{Now, flush, forms, step};
use crate::app::action::Action;
use crate::app::effect::{Effect, SetupOp};
use crate::app::state::*;
use crate::domain::{IrmLevel, Naming, StakeholderGroup};

/// How many rows PgUp/PgDn move in a list (picker).
const PICKER_PAGE: usize = 10;

pub(super) fn update(state: &mut State, action: Action, now: Now) -> Vec<Effect> {
    let Some(ov) = state.overlay.take() else {
        return vec![];
    };
    let keep = |state: &mut State, ov: Overlay| state.overlay = Some(ov);
    match ov {
        Overlay::Help { ctx, scroll } => match action {
            Action::Up => keep(
                state,
                Overlay::Help {
                    ctx,
                    scroll: scroll.saturating_sub(1),
                },
            ),
            Action::Down => {
                // Stops when the last line is in view (the overlay keeps a
                // line free above and below, plus its border).
                let lines = crate::app::keys::bindings_help_len(ctx) as u16;
                let visible = state.size.map_or(24, |s| s.1).saturating_sub(4);
                let max = lines.saturating_sub(visible);
                keep(
                    state,
                    Overlay::Help {
                        ctx,
                        scroll: (scroll + 1).min(max),
                    },
                )
            }
            _ => {}
        },
        Overlay::Programme { sel } => return super::programme::update(state, sel, action, now),
        Overlay::Search(search) => return super::memory::search_key(state, search, action, now),
        Overlay::Past(past) => super::memory::past_key(state, past, action),
        Overlay::Confirm { purpose, text } => match action {
            Action::Confirm => return confirmed(state, purpose, now),
            Action::Back => {}
            _ => keep(state, Overlay::Confirm { purpose, text }),
        },
        Overlay::Tags { mut chosen } => match action {
            Action::Toggle(i) if i < chosen.len() => {
                chosen[i] = !chosen[i];
                keep(state, Overlay::Tags { chosen });
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
                        return update_selected(open, |c| c.tags = tags);
                    }
                    open.editor.meta.tags = tags;
                }
            }
            _ => keep(state, Overlay::Tags { chosen }),
        },
        Overlay::Rating {
            mut level,
            mut comment,
        } => match action {
            Action::Up | Action::Down => {
                level = step(level, IrmLevel::ALL.len(), action == Action::Down);
                keep(state, Overlay::Rating { level, comment });
            }
            Action::Edit(key) => {
                edit_line(&mut comment, key);
                keep(state, Overlay::Rating { level, comment });
            }
            Action::ClearField => {
                comment = line_input("");
                keep(state, Overlay::Rating { level, comment });
            }
            Action::Paste(text) => {
                comment.insert_str(text.replace(['\r', '\n'], " "));
                keep(state, Overlay::Rating { level, comment });
            }
            Action::Confirm => {
                let text = comment.lines().join(" ").trim().to_string();
                // The overlay stays until the rating is stored.
                keep(state, Overlay::Rating { level, comment });
                let Some(open) = state.open.as_ref() else {
                    return vec![];
                };
                if let Some(item) = open.current_item() {
                    return vec![Effect::SetRating {
                        session_id: open.session.id.clone(),
                        item_id: item.id.clone(),
                        level: IrmLevel::ALL[level],
                        comment: text,
                    }];
                }
            }
            Action::Back => {}
            _ => keep(state, Overlay::Rating { level, comment }),
        },
        Overlay::Picker(mut p) => match action {
            Action::Up | Action::Down => {
                let n = p.visible().len();
                p.selected = step(p.selected, n, action == Action::Down);
                keep(state, Overlay::Picker(p));
            }
            Action::PageUp | Action::PageDown | Action::Home | Action::End => {
                let last = p.visible().len().saturating_sub(1);
                p.selected = match action {
                    Action::PageUp => p.selected.saturating_sub(PICKER_PAGE),
                    Action::PageDown => (p.selected + PICKER_PAGE).min(last),
                    Action::Home => 0,
                    _ => last,
                };
                keep(state, Overlay::Picker(p));
            }
            Action::ClearField => {
                p.filter = Default::default();
                p.selected = 0;
                keep(state, Overlay::Picker(p));
            }
            Action::Edit(key) => {
                if p.filter.input(key) {
                    p.selected = 0;
                }
                keep(state, Overlay::Picker(p));
            }
            Action::Paste(text) => {
                p.filter.insert_str(text.replace(['\r', '\n'], " "));
                p.selected = 0;
                keep(state, Overlay::Picker(p));
            }
            Action::Confirm => {
                let Some(&i) = p.visible().get(p.selected) else {
                    keep(state, Overlay::Picker(p));
                    return vec![];
                };
                let value = p.choices[i].1.clone();
                let purpose = p.purpose.clone();
                if matches!(
                    purpose,
                    PickerPurpose::ParticipantGroup { .. }
                        | PickerPurpose::ParticipantNaming { .. }
                ) {
                    // Stays until the participant is stored (or the next
                    // step replaces it).
                    keep(state, Overlay::Picker(p));
                }
                return picked(state, purpose, value, now);
            }
            Action::Back => {}
            _ => keep(state, Overlay::Picker(p)),
        },
        Overlay::Form(mut f) => match action {
            Action::NextField | Action::PrevField => {
                f.next_field(action == Action::NextField);
                keep(state, Overlay::Form(f));
            }
            Action::Edit(key) => {
                if let Some(field) = f.focused_mut() {
                    field.edit(key);
                }
                keep(state, Overlay::Form(f));
            }
            Action::ClearField => {
                if let Some(field) = f.focused_mut() {
                    field.clear();
                }
                keep(state, Overlay::Form(f));
            }
            Action::Paste(text) => {
                if let Some(field) = f.focused_mut() {
                    field.input.insert_str(text.replace(['\r', '\n'], " "));
                }
                keep(state, Overlay::Form(f));
            }
            Action::Confirm => return forms::submit(state, f, now),
            Action::Back => {}
            _ => keep(state, Overlay::Form(f)),
        },
    }
    vec![]
}

fn confirmed(state: &mut State, purpose: ConfirmPurpose, now: Now) -> Vec<Effect> {
    let session_id = state.open.as_ref().map(|o| o.session.id.clone());
    let setup = |op| {
        session_id
            .map(|session_id| Effect::Setup { session_id, op })
            .into_iter()
            .collect()
    };
    match purpose {
        ConfirmPurpose::QuitDiscardingEdit => {
            if let Some(open) = state.open.as_mut() {
                // The edit is not applied, but its text is kept as a draft.
                open.editor.editing = None;
                open.editor.dirty_since.get_or_insert(now.at);
            }
            let mut out = flush(state);
            out.push(Effect::Quit);
            out
        }
        ConfirmPurpose::QuitWithTimer => {
            let mut out = flush(state);
            out.push(Effect::Quit);
            out
        }
        ConfirmPurpose::QuitLosingDraft => {
            state.quit = true;
            vec![]
        }
        ConfirmPurpose::DeleteTable(id) => setup(SetupOp::DeleteTable(id)),
        ConfirmPurpose::DeleteParticipant(id) => setup(SetupOp::DeleteParticipant(id)),
        ConfirmPurpose::QuickStart(tables) => setup(SetupOp::CreateTables(tables)),
    }
}

fn picked(state: &mut State, purpose: PickerPurpose, value: String, now: Now) -> Vec<Effect> {
    if purpose == PickerPurpose::Export {
        return super::overview::export_chosen(state, &value);
    }
    let Some(open) = state.open.as_mut() else {
        return vec![];
    };
    match purpose {
        // Chosen above: it needs no session state but the exports folder.
        PickerPurpose::Export => vec![],
        PickerPurpose::Jump => {
            let target: usize = value.parse().unwrap_or(open.stop);
            go_to(open, target, now)
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
                return update_selected(open, |c| {
                    c.participant_id = participant;
                    c.group = group;
                });
            }
            // "Nobody" keeps the group chosen before.
            open.editor.meta.participant_id = participant;
            if group.is_some() {
                open.editor.meta.group = group;
            }
            vec![]
        }
        PickerPurpose::ParticipantGroup {
            edit,
            name,
            organisation,
        } => {
            let group = StakeholderGroup::from_key(&value).unwrap_or(StakeholderGroup::Anders);
            let current = edit
                .as_ref()
                .and_then(|id| open.participant(id))
                .map_or(Naming::default(), |p| p.naming);
            if name.is_empty() && organisation.is_empty() {
                // Nothing to name: no question.
                let session_id = open.session.id.clone();
                return participant_op(session_id, edit, name, organisation, group, current);
            }
            // Next: may they be named in minutes?
            state.overlay = Some(Overlay::Picker(super::forms::naming_picker(
                state.lang,
                current,
                PickerPurpose::ParticipantNaming {
                    edit,
                    name,
                    organisation,
                    group,
                },
            )));
            vec![]
        }
        PickerPurpose::ParticipantNaming {
            edit,
            name,
            organisation,
            group,
        } => {
            let naming = Naming::from_key(&value).unwrap_or_default();
            let session_id = open.session.id.clone();
            participant_op(session_id, edit, name, organisation, group, naming)
        }
    }
}

/// Stores a participant registered (or edited) in set-up.
fn participant_op(
    session_id: String,
    edit: Option<crate::domain::Id>,
    name: String,
    organisation: String,
    group: StakeholderGroup,
    naming: Naming,
) -> Vec<Effect> {
    let op = match edit {
        Some(id) => SetupOp::UpdateParticipant {
            id,
            name,
            organisation,
            group,
            naming,
        },
        None => SetupOp::CreateParticipant {
            name,
            organisation,
            group,
            naming,
        },
    };
    vec![Effect::Setup { session_id, op }]
}

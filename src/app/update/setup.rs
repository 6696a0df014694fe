//! The set-up screen: tables, the items at each, participants.

use super::{forms, help, load_stop, quit, step};
use crate::app::action::Action;
use crate::app::effect::{Effect, SetupOp};
use crate::app::state::*;
use crate::domain::{ActionStatus, Id, ItemKind, Lang};
use crate::i18n::strings;

pub(super) fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    let s = &strings(lang).setup;
    let Some(open) = state.open.as_mut() else {
        state.screen = Screen::Sessions;
        return vec![];
    };
    let session_id = open.session.id.clone();
    let setup = |op| vec![Effect::Setup { session_id, op }];
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
        Action::AddTable => state.overlay = Some(forms::table(lang, None, open.tables.len())),
        Action::EditTable => {
            if let Some(t) = open.tables.get(open.table_sel) {
                state.overlay = Some(forms::table(lang, Some(t), open.tables.len()));
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
        Action::Undo => match open.deleted_tables.last() {
            Some(id) => return setup(SetupOp::RestoreTable(id.clone())),
            None => state.info(strings(lang).run.nothing_to_undo),
        },
        Action::MoveTableUp | Action::MoveTableDown => {
            if let Some(id) = table_id {
                let delta = if action == Action::MoveTableUp { -1 } else { 1 };
                open.table_sel = (open.table_sel as i64 + delta as i64)
                    .clamp(0, open.tables.len().saturating_sub(1) as i64)
                    as usize;
                return setup(SetupOp::MoveTable { id, delta });
            }
        }
        Action::ToggleAssign => match (table_id, open.items.get(open.item_sel)) {
            (Some(table_id), Some(item)) => {
                return setup(SetupOp::ToggleAssign {
                    table_id,
                    item_id: item.id.clone(),
                });
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
        Action::AddParticipant => state.overlay = Some(forms::participant(lang, None)),
        Action::EditParticipant => {
            if let Some(p) = open.participants.get(open.participant_sel) {
                state.overlay = Some(forms::participant(lang, Some(p)));
            }
        }
        Action::DeleteParticipant => {
            if let Some(p) = open.participants.get(open.participant_sel) {
                state.overlay = Some(Overlay::Confirm {
                    purpose: ConfirmPurpose::DeleteParticipant(p.id.clone()),
                    text: format!("{} {}?", s.confirm_delete_participant, p.label(lang)),
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
            return load_stop(open, open.stop, None, false);
        }
        Action::Back => {
            let mut out = super::flush(state);
            out.push(Effect::CloseSession);
            return out;
        }
        Action::Help => state.overlay = Some(help(state)),
        Action::Quit => return quit(state),
        _ => {}
    }
    vec![]
}

/// Tables proposed by the quick start: one per dimension of the policy
/// questions, and the action points split by their status (the source
/// gives no dimension for action points).
fn quick_start(open: &Open, lang: Lang) -> Vec<(String, Vec<Id>)> {
    let s = &strings(lang).setup;
    let mut out: Vec<(String, Vec<Id>)> = Vec::new();
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
    let (continued, other): (Vec<_>, Vec<_>) = points
        .iter()
        .partition(|i| i.statuses.contains(&ActionStatus::Doorgezet));
    let ids = |v: Vec<&&crate::domain::Item>| v.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    if !continued.is_empty() {
        out.push((s.qs_continued.to_string(), ids(continued)));
    }
    if !other.is_empty() {
        out.push((s.qs_completed.to_string(), ids(other)));
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

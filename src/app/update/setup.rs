//! The set-up screen: tables, the items at each, participants.

use super::{forms, help, load_stop, quit, step};
use crate::app::action::Action;
use crate::app::effect::{Effect, SetupOp};
use crate::app::state::*;
use crate::domain::{Id, ItemKind, Lang};
use crate::i18n::strings;

/// How many rows PgUp/PgDn move in a set-up list.
const PAGE: usize = 10;

pub(super) fn update(state: &mut State, action: Action) -> Vec<Effect> {
    let lang = state.lang;
    let s = &strings(lang).setup;
    let Some(open) = state.open.as_mut() else {
        state.screen = Screen::Sessions;
        return vec![];
    };
    if open.filter.typing {
        return filter(state, action);
    }
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
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => move_selection(open, &action),
        Action::Filter => {
            open.pane = Pane::Items;
            open.filter.typing = true;
            // Typing replaces the filter there was.
            open.filter.input.select_all();
        }
        Action::AddTable => {
            let minutes = state.defaults.timebox_minutes.unwrap_or(20);
            state.overlay = Some(forms::table(lang, None, open.tables.len(), minutes));
        }
        Action::EditTable => {
            if let Some(t) = open.tables.get(open.table_sel) {
                state.overlay = Some(forms::table(lang, Some(t), open.tables.len(), 20));
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
        Action::ToggleAssign | Action::MoveItem => {
            match (table_id, open.selected_item().map(|i| i.id.clone())) {
                (Some(table_id), Some(item_id)) => {
                    return setup(if action == Action::MoveItem {
                        SetupOp::MoveItem { table_id, item_id }
                    } else {
                        SetupOp::ToggleAssign { table_id, item_id }
                    });
                }
                (None, _) => state.info(s.add_table_first),
                _ => {}
            }
        }
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
            let Some(stop) = first_stop(open) else {
                let name = open.tables.get(open.table_sel).map(|t| t.name.as_str());
                let name = crate::text::one_line(name.unwrap_or_default());
                state.info(format!("„{name}”: {}", s.table_without_items));
                return vec![];
            };
            state.screen = Screen::Run;
            open.focus = Focus::Editor;
            return load_stop(open, stop, None, false);
        }
        Action::Back if !open.filter.text().is_empty() => clear_filter(open),
        Action::Back => {
            let mut out = super::flush(state);
            out.push(Effect::CloseSession);
            return out;
        }
        Action::ShowProgramme => super::programme::show(state),
        Action::Help => state.overlay = Some(help(state)),
        Action::Quit => return quit(state),
        _ => {}
    }
    vec![]
}

/// Keys while typing the items filter: text goes into it, the list keys
/// still move, Enter keeps the filter and Esc clears it.
fn filter(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(open) = state.open.as_mut() else {
        return vec![];
    };
    let before = open.filter.text();
    let typed = matches!(
        action,
        Action::Edit(_) | Action::Paste(_) | Action::ClearField
    );
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Home
        | Action::End => move_selection(open, &action),
        Action::Edit(key) => {
            open.filter.input.input(key);
        }
        Action::Paste(text) => {
            open.filter
                .input
                .insert_str(text.replace(['\r', '\n'], " "));
        }
        Action::ClearField => {
            open.filter.input = Default::default();
        }
        Action::Confirm => open.filter.typing = false,
        Action::Back => clear_filter(open),
        Action::Help => state.overlay = Some(help(state)),
        _ => {}
    }
    // A changed filter starts at its first match.
    if let Some(open) = state.open.as_mut()
        && typed
        && open.filter.text() != before
    {
        open.item_sel = 0;
    }
    vec![]
}

fn clear_filter(open: &mut Open) {
    // Stay on the item that was selected.
    let item = open.selected_item().map(|i| i.id.clone());
    open.filter = ItemFilter::default();
    open.item_sel = item
        .and_then(|id| open.items.iter().position(|i| i.id == id))
        .unwrap_or(0);
}

/// ↑/↓, PgUp/PgDn, Home/End in the focused list.
fn move_selection(open: &mut Open, action: &Action) {
    let len = match open.pane {
        Pane::Tables => open.tables.len(),
        Pane::Items => open.visible_items().len(),
        Pane::Participants => open.participants.len(),
    };
    let sel = match open.pane {
        Pane::Tables => &mut open.table_sel,
        Pane::Items => &mut open.item_sel,
        Pane::Participants => &mut open.participant_sel,
    };
    let last = len.saturating_sub(1);
    *sel = match action {
        Action::Up | Action::Down => step(*sel, len, *action == Action::Down),
        Action::PageUp => sel.saturating_sub(PAGE),
        Action::PageDown => (*sel + PAGE).min(last),
        Action::Home => 0,
        _ => last,
    };
}

/// Where Enter starts: at the selected table (where the run was, when it
/// was there; otherwise at its first item). `None` when the selected table
/// has no items. Without tables, where the run was.
fn first_stop(open: &Open) -> Option<usize> {
    if open.tables.is_empty() {
        return Some(open.stop);
    }
    let here = Some(open.table_sel.min(open.tables.len() - 1));
    if open.current().is_some_and(|s| s.table == here) {
        return Some(open.stop);
    }
    open.stops.iter().position(|s| s.table == here)
}

/// Tables proposed by the quick start: one per theme of the agenda, each
/// with its items (and the items in no theme at one more table). Without
/// themes, one per dimension with its policy questions; the action points
/// (the source gives them no dimension) at a table of their own.
fn quick_start(open: &Open, lang: Lang) -> Vec<(String, Vec<Id>)> {
    let s = &strings(lang).setup;
    let mut out: Vec<(String, Vec<Id>)> = Vec::new();
    let ids = |keep: &dyn Fn(&crate::domain::Item) -> bool| -> Vec<Id> {
        open.items
            .iter()
            .filter(|i| keep(i))
            .map(|i| i.id.clone())
            .collect()
    };
    let mut push = |name: &str, items: Vec<Id>| {
        if !items.is_empty() {
            out.push((name.to_string(), items));
        }
    };
    if !open.themes.is_empty() {
        for t in &open.themes {
            push(&t.name, t.item_ids.clone());
        }
        let themed: std::collections::HashSet<&Id> =
            open.themes.iter().flat_map(|t| &t.item_ids).collect();
        push(s.qs_other_items, ids(&|i| !themed.contains(&i.id)));
        return out;
    }
    for d in &open.dimensions {
        push(
            &d.name,
            ids(&|i| {
                i.kind == ItemKind::PolicyQuestion && i.dimension.as_deref() == Some(d.key.as_str())
            }),
        );
    }
    push(
        s.qs_action_points,
        ids(&|i| i.kind == ItemKind::ActionPoint),
    );
    let known = |k: &str| open.dimensions.iter().any(|d| d.key == k);
    push(
        s.qs_other_questions,
        ids(&|i| i.kind == ItemKind::PolicyQuestion && !i.dimension.as_deref().is_some_and(known)),
    );
    out
}

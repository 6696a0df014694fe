//! The key tables, one per context. Labels for the help overlay and the
//! footer come from `i18n::Keys`, so the help never disagrees with the keys.

use super::{Binding, Context};
use crate::app::action::Action;
use crate::domain::NoteKind;
use crossterm::event::{KeyCode, KeyModifiers};

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const ALT: KeyModifiers = KeyModifiers::ALT;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! b {
    ($($t:tt)*) => {
        binding!(keys: $($t)*)
    };
}

use KeyCode::{BackTab, Char, Delete, Down, End, Enter, Esc, F, Home, PageDown, PageUp, Tab, Up};

const SESSIONS: &[Binding] = &[
    b!(Enter, NONE, Action::OpenSession, h_open, 0 k_open),
    b!(Char('r'), NONE, Action::ResumeLast, h_resume, 2 k_resume),
    b!(Char('n'), NONE, Action::NewSession, h_new_session, 2 k_new),
    b!(Char('e'), NONE, Action::EditSession, h_edit_session),
    b!(Char('c'), NONE, Action::FollowUp, h_follow_up),
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down),
    b!(Char('k'), NONE, Action::Up, h_up),
    b!(Char('j'), NONE, Action::Down, h_down),
    b!(Char('?'), NONE, Action::Help, h_help, 1 k_help),
    b!(F(1), NONE, Action::Help, h_help),
    b!(Char('q'), NONE, Action::Quit, h_quit, 1 k_quit),
    b!(Char('c'), CTRL, Action::Quit, h_quit),
];

const FORM: &[Binding] = &[
    b!(Enter, NONE, Action::Confirm, h_form_confirm, 0 k_confirm),
    b!(Tab, NONE, Action::NextField, h_next_field, 1 k_next_field),
    b!(Down, NONE, Action::NextField, h_next_field),
    b!(BackTab, SHIFT, Action::PrevField, h_prev_field),
    b!(BackTab, NONE, Action::PrevField, h_prev_field),
    b!(Up, NONE, Action::PrevField, h_prev_field),
    b!(Char('u'), CTRL, Action::ClearField, h_clear_field),
    b!(Esc, NONE, Action::Back, h_cancel, 2 k_cancel),
];

const SETUP: &[Binding] = &[
    b!(Tab, NONE, Action::SwitchPane, h_switch_pane, 3 k_pane),
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down),
    b!(Char('k'), NONE, Action::Up, h_up),
    b!(Char('j'), NONE, Action::Down, h_down),
    b!(PageUp, NONE, Action::PageUp, h_rows_up),
    b!(PageDown, NONE, Action::PageDown, h_rows_down),
    b!(Home, NONE, Action::Home, h_first),
    b!(End, NONE, Action::End, h_last),
    b!(Char('a'), NONE, Action::AddTable, h_add_table, 3 k_add_table),
    b!(Char('e'), NONE, Action::EditTable, h_edit_table, 3 k_edit),
    b!(Char('d'), NONE, Action::DeleteTable, h_delete_table),
    b!(Char('u'), NONE, Action::Undo, h_undo_delete_table),
    b!(Char('K'), SHIFT, Action::MoveTableUp, h_move_up),
    b!(Char('J'), SHIFT, Action::MoveTableDown, h_move_down),
    b!(Char('g'), NONE, Action::QuickStart, h_quick_start, 2 k_quick),
    b!(Char('o'), NONE, Action::ShowProgramme, h_show_programme),
    b!(Char(' '), NONE, Action::ToggleAssign, h_toggle_assign, 3 k_toggle),
    b!(Char('m'), NONE, Action::MoveItem, h_move_item, 2 k_move_item),
    b!(Char('/'), NONE, Action::Filter, h_filter_items, 2 k_filter),
    b!(Char('p'), NONE, Action::AddParticipant, h_add_participant, 3 k_add_participant),
    b!(
        Char('P'),
        SHIFT,
        Action::EditParticipant,
        h_edit_participant
    ),
    b!(
        Char('x'),
        NONE,
        Action::DeleteParticipant,
        h_delete_participant
    ),
    b!(Enter, NONE, Action::StartRun, h_start_run, 0 k_start),
    b!(Char('?'), NONE, Action::Help, h_help, 1 k_help),
    b!(F(1), NONE, Action::Help, h_help),
    b!(Esc, NONE, Action::Back, h_back_or_clear),
    b!(Char('q'), NONE, Action::Quit, h_quit, 1 k_quit),
];

const SETUP_FILTER: &[Binding] = &[
    b!(Enter, NONE, Action::Confirm, h_filter_done, 0 k_done),
    b!(Esc, NONE, Action::Back, h_filter_clear, 1 k_clear),
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down),
    b!(PageUp, NONE, Action::PageUp, h_rows_up),
    b!(PageDown, NONE, Action::PageDown, h_rows_down),
    b!(Home, NONE, Action::Home, h_first),
    b!(End, NONE, Action::End, h_last),
    b!(Char('u'), CTRL, Action::ClearField, h_clear_field),
    b!(F(1), NONE, Action::Help, h_help, 2 k_help),
];

/// Keys the editor and the notes list share: the kind, speaker, group and
/// tags (of the next note in the editor, of the selected one in the list),
/// moving through the agenda, the timer, the programme, export, set-up.
const NOTE_KEYS: &[Binding] = &[
    b!(Tab, NONE, Action::NextItem, h_next_item, 0 k_next),
    b!(BackTab, SHIFT, Action::PrevItem, h_prev_item),
    b!(BackTab, NONE, Action::PrevItem, h_prev_item),
    b!(PageDown, ALT, Action::NextTable, h_next_table),
    b!(Down, ALT, Action::NextTable, h_next_table),
    b!(PageUp, ALT, Action::PrevTable, h_prev_table),
    b!(Up, ALT, Action::PrevTable, h_prev_table),
    b!(
        Char('1'),
        ALT,
        Action::SetKind(NoteKind::Observation),
        h_kind_observation
    ),
    b!(Char('2'), ALT, Action::SetKind(NoteKind::Idea), h_kind_idea),
    b!(
        Char('3'),
        ALT,
        Action::SetKind(NoteKind::Question),
        h_kind_question
    ),
    b!(
        Char('4'),
        ALT,
        Action::SetKind(NoteKind::Concern),
        h_kind_concern
    ),
    b!(
        Char('5'),
        ALT,
        Action::SetKind(NoteKind::Agreement),
        h_kind_agreement
    ),
    b!(
        Char('6'),
        ALT,
        Action::SetKind(NoteKind::Action),
        h_kind_action
    ),
    b!(
        F(2),
        NONE,
        Action::SetKind(NoteKind::Observation),
        h_kind_observation
    ),
    b!(F(3), NONE, Action::SetKind(NoteKind::Idea), h_kind_idea),
    b!(
        F(4),
        NONE,
        Action::SetKind(NoteKind::Question),
        h_kind_question
    ),
    b!(
        F(5),
        NONE,
        Action::SetKind(NoteKind::Concern),
        h_kind_concern
    ),
    b!(
        F(6),
        NONE,
        Action::SetKind(NoteKind::Agreement),
        h_kind_agreement
    ),
    b!(F(7), NONE, Action::SetKind(NoteKind::Action), h_kind_action),
    b!(Char('g'), ALT, Action::CycleGroup, h_cycle_group),
    b!(Char('p'), ALT, Action::PickParticipant, h_pick_participant),
    b!(Char('t'), ALT, Action::PickTags, h_pick_tags),
    b!(Char('g'), CTRL, Action::Jump, h_jump, 2 k_jump),
    b!(Char('t'), CTRL, Action::TimerToggle, h_timer_toggle),
    b!(Char('r'), ALT, Action::TimerReset, h_timer_reset),
    b!(Char('e'), CTRL, Action::Export, h_export),
    b!(F(9), NONE, Action::GoSetup, h_go_setup),
    b!(Char('n'), ALT, Action::NextBlock, h_next_block),
    b!(Char('o'), ALT, Action::ShowProgramme, h_show_programme),
    b!(Char('i'), ALT, Action::Rate, h_rate),
    b!(Char('h'), ALT, Action::ShowEarlier, h_show_earlier),
    b!(Char('f'), CTRL, Action::Search, h_search),
    super::overview::OPEN,
    b!(F(1), NONE, Action::Help, h_help, 1 k_help),
    b!(Char('q'), CTRL, Action::Quit, h_quit, 1 k_quit),
    b!(Char('c'), CTRL, Action::Quit, h_quit),
];

const EDITOR: &[Binding] = &[
    b!(Enter, NONE, Action::SaveNote, h_save, 0 k_save),
    b!(Char('s'), CTRL, Action::SaveNote, h_save),
    b!(Enter, ALT, Action::Newline, h_newline),
    b!(Esc, NONE, Action::FocusNotes, h_focus_notes, 2 k_notes),
];

/// The notes list. No printable key acts on a note: a letter, digit or
/// space starts typing a new note in the editor instead (see `action_for`),
/// so a sentence typed here by mistake changes nothing. The keys that change
/// a note are the editor's (Alt+1–6, Alt+G, Alt+P, Alt+T) plus Enter, Del
/// and votes; Ctrl+Z takes the last delete or vote back.
const NOTES: &[Binding] = &[
    b!(Enter, NONE, Action::EditNote, h_edit_note, 0 k_edit),
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down),
    b!(PageUp, NONE, Action::PageUp, h_page_up),
    b!(PageDown, NONE, Action::PageDown, h_page_down),
    b!(Home, NONE, Action::Home, h_first),
    b!(End, NONE, Action::End, h_last),
    b!(Delete, NONE, Action::DeleteNote, h_delete_note, 2 k_delete),
    b!(Char('z'), CTRL, Action::Undo, h_undo_note, 2 k_undo),
    b!(Char('='), ALT, Action::VoteFor, h_vote_for, 2 k_vote_for),
    b!(Char('+'), ALT, Action::VoteFor, h_vote_for),
    b!(Char('-'), ALT, Action::VoteAgainst, h_vote_against, 2 k_vote_against),
    b!(Char('r'), CTRL, Action::Rate, h_rate, 2 k_rate),
    b!(Char('s'), ALT, Action::CycleActionState, h_action_state),
    b!(Char('a'), ALT, Action::Respond, h_respond),
    b!(Char('v'), ALT, Action::OtherVersions, h_other_versions),
    b!(Esc, NONE, Action::FocusEditor, h_focus_editor, 1 k_editor),
];

const PICKER: &[Binding] = &[
    b!(Enter, NONE, Action::Confirm, h_choose, 0 k_choose),
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down),
    b!(PageUp, NONE, Action::PageUp, h_rows_up),
    b!(PageDown, NONE, Action::PageDown, h_rows_down),
    b!(Home, NONE, Action::Home, h_first),
    b!(End, NONE, Action::End, h_last),
    b!(Char('u'), CTRL, Action::ClearField, h_clear_field),
    b!(Esc, NONE, Action::Back, h_cancel, 1 k_cancel),
];

const TAGS: &[Binding] = &[
    b!(Char('1'), NONE, Action::Toggle(0), h_toggle_tag, 0 k_toggle_tag),
    b!(Char('2'), NONE, Action::Toggle(1), h_toggle_tag),
    b!(Char('3'), NONE, Action::Toggle(2), h_toggle_tag),
    b!(Char('4'), NONE, Action::Toggle(3), h_toggle_tag),
    b!(Char('5'), NONE, Action::Toggle(4), h_toggle_tag),
    b!(Char('6'), NONE, Action::Toggle(5), h_toggle_tag),
    b!(Char('7'), NONE, Action::Toggle(6), h_toggle_tag),
    b!(Char('8'), NONE, Action::Toggle(7), h_toggle_tag),
    b!(Char('9'), NONE, Action::Toggle(8), h_toggle_tag),
    b!(Enter, NONE, Action::Confirm, h_done, 1 k_done),
    b!(Esc, NONE, Action::Confirm, h_done),
];

const RATING: &[Binding] = &[
    b!(Up, NONE, Action::Up, h_level, 0 k_level),
    b!(Down, NONE, Action::Down, h_level),
    b!(Enter, NONE, Action::Confirm, h_form_confirm, 1 k_confirm),
    b!(Char('u'), CTRL, Action::ClearField, h_clear_field),
    b!(Esc, NONE, Action::Back, h_cancel, 2 k_cancel),
];

const HELP: &[Binding] = &[
    b!(Esc, NONE, Action::Back, h_close, 0 k_close),
    b!(Char('?'), NONE, Action::Back, h_close),
    b!(Char('q'), NONE, Action::Back, h_close),
    b!(F(1), NONE, Action::Back, h_close),
    b!(Enter, NONE, Action::Back, h_close),
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down, 1 k_scroll),
];

const CONFIRM: &[Binding] = &[
    b!(Char('y'), NONE, Action::Confirm, h_yes, 0 k_yes),
    b!(Char('j'), NONE, Action::Confirm, h_yes),
    b!(Enter, NONE, Action::Confirm, h_yes),
    b!(Char('n'), NONE, Action::Back, h_no, 1 k_no),
    b!(Esc, NONE, Action::Back, h_no),
];

const PROGRAMME: &[Binding] = &[
    b!(Char('n'), ALT, Action::NextBlock, h_next_block, 0 k_next_block),
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down),
    b!(Char('a'), NONE, Action::AddBlock, h_add_block, 2 k_add_block),
    b!(Char('e'), NONE, Action::EditBlock, h_edit_block, 2 k_edit),
    b!(Delete, NONE, Action::DeleteBlock, h_delete_block),
    b!(Char('K'), SHIFT, Action::MoveBlockUp, h_move_block_up),
    b!(Char('J'), SHIFT, Action::MoveBlockDown, h_move_block_down),
    b!(Esc, NONE, Action::Back, h_close, 1 k_close),
    b!(Char('o'), ALT, Action::Back, h_close),
];

/// The keys of a context, in the order help lists them.
const SEARCH: &[Binding] = &[
    b!(Enter, NONE, Action::Confirm, h_search_or_open, 0 k_search),
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down),
    b!(Char('u'), CTRL, Action::ClearField, h_clear_field),
    b!(Esc, NONE, Action::Back, h_close, 1 k_close),
];

const PAST: &[Binding] = &[
    b!(Up, NONE, Action::Up, h_up),
    b!(Down, NONE, Action::Down, h_down, 1 k_scroll),
    b!(PageUp, NONE, Action::PageUp, h_page_up),
    b!(PageDown, NONE, Action::PageDown, h_page_down),
    b!(Esc, NONE, Action::Back, h_close, 0 k_close),
    b!(Char('h'), ALT, Action::Back, h_close),
    b!(Char('v'), ALT, Action::Back, h_close),
];

pub fn bindings(ctx: Context) -> Vec<&'static Binding> {
    let (own, shared): (&[Binding], &[Binding]) = match ctx {
        Context::Editor => (EDITOR, NOTE_KEYS),
        Context::Notes => (NOTES, NOTE_KEYS),
        other => (table(other), &[]),
    };
    own.iter().chain(shared).collect()
}

fn table(ctx: Context) -> &'static [Binding] {
    match ctx {
        Context::Sessions => SESSIONS,
        Context::Form => FORM,
        Context::Setup => SETUP,
        Context::SetupFilter => SETUP_FILTER,
        Context::Editor => EDITOR,
        Context::Notes => NOTES,
        Context::Picker => PICKER,
        Context::Tags => TAGS,
        Context::Rating => RATING,
        Context::Help => HELP,
        Context::Confirm => CONFIRM,
        Context::Programme => PROGRAMME,
        Context::Search => SEARCH,
        Context::Past => PAST,
        Context::Overview => super::overview::OVERVIEW,
        Context::Present => super::overview::PRESENT,
    }
}

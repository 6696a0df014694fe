//! The keys of the plenary overview and of presentation mode, and the one
//! that opens the overview from the run screen. Labels come from
//! `i18n::Overview`.

use super::Binding;
use crate::app::action::Action;
use crossterm::event::{KeyCode, KeyModifiers};

const NONE: KeyModifiers = KeyModifiers::NONE;
const CTRL: KeyModifiers = KeyModifiers::CONTROL;
const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

macro_rules! b {
    ($($t:tt)*) => {
        binding!(overview: $($t)*)
    };
}

/// Keys in the editor's and the notes list's tables.
macro_rules! k {
    ($code:expr, $mods:expr, $action:expr, $help:ident) => {
        Binding {
            code: $code,
            mods: $mods,
            action: $action,
            help: |s| s.keys.$help,
            footer: None,
        }
    };
    ($code:expr, $mods:expr, $action:expr, $help:ident, $rank:literal $short:ident) => {
        Binding {
            code: $code,
            mods: $mods,
            action: $action,
            help: |s| s.keys.$help,
            footer: Some(($rank, |s| s.keys.$short)),
        }
    };
}

use KeyCode::{BackTab, Char, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab};

/// F8 on the run screen (editor and notes list): the overview.
pub(super) const OPEN: Binding = b!(F(8), NONE, Action::Overview, h_overview);

pub(super) const OVERVIEW: &[Binding] = &[
    b!(Enter, NONE, Action::Present, h_present, 0 k_present),
    b!(Char('p'), NONE, Action::Present, h_present),
    b!(KeyCode::Up, NONE, Action::Up, h_scroll_up),
    b!(KeyCode::Down, NONE, Action::Down, h_scroll_down),
    b!(Char('k'), NONE, Action::Up, h_scroll_up),
    b!(Char('j'), NONE, Action::Down, h_scroll_down),
    b!(PageUp, NONE, Action::PageUp, h_page_up),
    b!(PageDown, NONE, Action::PageDown, h_page_down),
    b!(Char(' '), NONE, Action::PageDown, h_page_down),
    b!(Home, NONE, Action::Home, h_top),
    b!(End, NONE, Action::End, h_bottom),
    b!(Tab, NONE, Action::NextSection, h_next_section, 2 k_section),
    b!(BackTab, SHIFT, Action::PrevSection, h_prev_section),
    b!(BackTab, NONE, Action::PrevSection, h_prev_section),
    k!(Char('e'), CTRL, Action::Export, h_export),
    b!(Esc, NONE, Action::Back, h_back_run, 1 k_back),
    b!(F(8), NONE, Action::Back, h_back_run),
    k!(F(1), NONE, Action::Help, h_help, 1 k_help),
    k!(Char('?'), NONE, Action::Help, h_help),
    k!(Char('q'), CTRL, Action::Quit, h_quit, 1 k_quit),
    k!(Char('c'), CTRL, Action::Quit, h_quit),
];

/// Presentation mode: a clicker sends PgUp/PgDn or the arrows.
pub(super) const PRESENT: &[Binding] = &[
    b!(Right, NONE, Action::NextSlide, h_next_slide, 0 k_step),
    b!(Left, NONE, Action::PrevSlide, h_prev_slide),
    b!(PageDown, NONE, Action::NextSlide, h_next_slide),
    b!(PageUp, NONE, Action::PrevSlide, h_prev_slide),
    b!(Char(' '), NONE, Action::NextSlide, h_next_slide),
    b!(KeyCode::Down, NONE, Action::NextSlide, h_next_slide),
    b!(KeyCode::Up, NONE, Action::PrevSlide, h_prev_slide),
    b!(Home, NONE, Action::Home, h_first_slide),
    b!(End, NONE, Action::End, h_last_slide),
    b!(Tab, NONE, Action::SlidesBy, h_slides_by, 2 k_slides_by),
    b!(Esc, NONE, Action::Back, h_back_overview, 1 k_back),
    k!(F(1), NONE, Action::Help, h_help, 1 k_help),
    k!(Char('q'), CTRL, Action::Quit, h_quit),
    k!(Char('c'), CTRL, Action::Quit, h_quit),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice() {
        for list in [OVERVIEW, PRESENT] {
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    assert!(!(a.code == b.code && a.mods == b.mods), "{:?}", a.code);
                }
            }
        }
    }
}

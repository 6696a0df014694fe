//! Every key binding, in one place. The help overlay and the footer are
//! generated from these tables, so they never disagree with the keys.

use super::action::Action;
use crate::i18n::Strings;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// One [`Binding`] whose help (and footer label, with a rank) is the
/// field of that name in the `i18n` section given first.
macro_rules! binding {
    ($sec:ident: $code:expr, $mods:expr, $action:expr, $help:ident) => {
        Binding {
            code: $code,
            mods: $mods,
            action: $action,
            help: |s| s.$sec.$help,
            footer: None,
        }
    };
    ($sec:ident: $code:expr, $mods:expr, $action:expr, $help:ident, $rank:literal $short:ident) => {
        Binding {
            code: $code,
            mods: $mods,
            action: $action,
            help: |s| s.$sec.$help,
            footer: Some(($rank, |s| s.$sec.$short)),
        }
    };
}

mod bindings;
mod overview;

pub use bindings::bindings;

/// Where the keyboard is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    Sessions,
    Form,
    Setup,
    /// Typing the filter of the set-up's items.
    SetupFilter,
    Editor,
    Notes,
    Picker,
    Tags,
    Rating,
    Help,
    Confirm,
    /// The programme overlay.
    Programme,
    /// Searching across sessions.
    Search,
    /// Reading earlier notes.
    Past,
    /// The plenary overview.
    Overview,
    /// Presentation mode.
    Present,
}

/// Picks one string from the UI strings of the current language.
pub type Text = fn(&Strings) -> &'static str;

pub struct Binding {
    pub code: KeyCode,
    pub mods: KeyModifiers,
    pub action: Action,
    pub help: Text,
    /// Shown in the footer: rank (lower first) and a short label.
    pub footer: Option<(u8, Text)>,
}

/// Whether typing goes into a text field in this context.
fn types_text(ctx: Context) -> bool {
    matches!(
        ctx,
        Context::Form
            | Context::Editor
            | Context::Picker
            | Context::Rating
            | Context::Search
            | Context::SetupFilter
    )
}

/// The action for a key press in a context; text keys of a typing context
/// become [`Action::Edit`].
pub fn action_for(ctx: Context, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    // Terminals differ on whether Shift is reported with a shifted character.
    let mods = key.modifiers - KeyModifiers::SHIFT;
    let found = bindings(ctx).into_iter().find(|b| {
        b.code == key.code
            && (b.mods == key.modifiers
                || (matches!(b.code, KeyCode::Char(_) | KeyCode::BackTab)
                    && b.mods - KeyModifiers::SHIFT == mods))
    });
    if let Some(b) = found {
        return Some(b.action.clone());
    }
    if types_text(ctx) {
        return Some(Action::Edit(key));
    }
    // In the notes list a plain character starts a new note in the editor:
    // what is typed there by mistake is kept, and no note changes.
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    (ctx == Context::Notes && plain && matches!(key.code, KeyCode::Char(_)))
        .then_some(Action::Edit(key))
}

/// "Ctrl+G", "Alt+Enter", "F1", "Shift+Tab", "d".
pub fn key_label(code: KeyCode, mods: KeyModifiers) -> String {
    let mut s = String::new();
    if mods.contains(KeyModifiers::CONTROL) {
        s.push_str("Ctrl+");
    }
    if mods.contains(KeyModifiers::ALT) {
        s.push_str("Alt+");
    }
    let name = match code {
        KeyCode::Enter => "Enter".to_string(),
        KeyCode::Esc => "Esc".to_string(),
        KeyCode::Tab => "Tab".to_string(),
        KeyCode::BackTab => "Shift+Tab".to_string(),
        KeyCode::Up => "↑".to_string(),
        KeyCode::Down => "↓".to_string(),
        KeyCode::Left => "←".to_string(),
        KeyCode::Right => "→".to_string(),
        KeyCode::PageUp => "PgUp".to_string(),
        KeyCode::PageDown => "PgDn".to_string(),
        KeyCode::Home => "Home".to_string(),
        KeyCode::End => "End".to_string(),
        KeyCode::Delete => "Del".to_string(),
        KeyCode::F(n) => format!("F{n}"),
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) if !mods.is_empty() && mods != KeyModifiers::SHIFT => {
            c.to_uppercase().to_string()
        }
        KeyCode::Char(c) => c.to_string(),
        other => format!("{other:?}"),
    };
    s.push_str(&name);
    s
}

/// The first key of `action` in a context ("Alt+I"), for hints on screen
/// that name the key, so that they say what the key table says.
pub fn key_for(ctx: Context, action: &Action) -> Option<String> {
    bindings(ctx)
        .into_iter()
        .find(|b| b.action == *action)
        .map(|b| key_label(b.code, b.mods))
}

/// Help lines for a context: one per distinct action, with all its keys.
pub fn help_lines(ctx: Context, s: &Strings) -> Vec<(String, &'static str)> {
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for b in bindings(ctx) {
        let text = (b.help)(s);
        let label = key_label(b.code, b.mods);
        match out.iter_mut().find(|(_, t)| *t == text) {
            Some((keys, _)) if !keys.split(" / ").any(|k| k == label) => {
                keys.push_str(" / ");
                keys.push_str(&label);
            }
            Some(_) => {}
            None => out.push((label, text)),
        }
    }
    out
}

/// How many lines the help of a context has.
pub fn bindings_help_len(ctx: Context) -> usize {
    help_lines(ctx, &crate::i18n::NL).len()
}

/// The few keys that matter now, for the footer, by rank (the main key,
/// help, then the others in table order), with short labels.
pub fn footer(ctx: Context, s: &Strings) -> Vec<(String, &'static str)> {
    let mut shown: Vec<(u8, String, &'static str)> = bindings(ctx)
        .into_iter()
        .filter_map(|b| {
            b.footer
                .map(|(rank, short)| (rank, key_label(b.code, b.mods), short(s)))
        })
        .collect();
    shown.sort_by_key(|(rank, ..)| *rank);
    shown.into_iter().map(|(_, k, t)| (k, t)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::NoteKind;
    use KeyCode::{Char, Enter};
    const NONE: KeyModifiers = KeyModifiers::NONE;
    const ALT: KeyModifiers = KeyModifiers::ALT;
    const SHIFT: KeyModifiers = KeyModifiers::SHIFT;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn editor_types_text_and_saves_on_enter() {
        assert_eq!(
            action_for(Context::Editor, key(Enter, NONE)),
            Some(Action::SaveNote)
        );
        assert_eq!(
            action_for(Context::Editor, key(Enter, ALT)),
            Some(Action::Newline)
        );
        let a = key(Char('a'), NONE);
        assert_eq!(action_for(Context::Editor, a), Some(Action::Edit(a)));
        assert_eq!(
            action_for(Context::Editor, key(Char('4'), ALT)),
            Some(Action::SetKind(NoteKind::Concern))
        );
    }

    #[test]
    fn no_printable_key_changes_a_note_in_the_notes_list() {
        // Every plain character goes to the editor as text.
        for c in "de tafel DEUQ?+-=/ 0123456789".chars() {
            let k = key(Char(c), if c.is_uppercase() { SHIFT } else { NONE });
            assert_eq!(
                action_for(Context::Notes, k),
                Some(Action::Edit(k)),
                "{c:?}"
            );
        }
        assert_eq!(
            action_for(Context::Notes, key(KeyCode::Delete, NONE)),
            Some(Action::DeleteNote)
        );
        assert_eq!(
            action_for(Context::Notes, key(Char('z'), KeyModifiers::CONTROL)),
            Some(Action::Undo)
        );
        assert_eq!(
            action_for(Context::Notes, key(Char('='), ALT)),
            Some(Action::VoteFor)
        );
        // Other keys that are not bound do nothing.
        assert_eq!(
            action_for(Context::Notes, key(KeyCode::Backspace, NONE)),
            None
        );
        assert_eq!(action_for(Context::Notes, key(Char('x'), ALT)), None);
    }

    #[test]
    fn no_context_binds_one_key_twice() {
        for ctx in [
            Context::Sessions,
            Context::Form,
            Context::Setup,
            Context::SetupFilter,
            Context::Editor,
            Context::Notes,
            Context::Picker,
            Context::Tags,
            Context::Rating,
            Context::Help,
            Context::Confirm,
            Context::Programme,
            Context::Search,
            Context::Past,
        ] {
            let list = bindings(ctx);
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    assert!(
                        !(a.code == b.code && a.mods == b.mods),
                        "{ctx:?}: {:?} bound twice",
                        a.code
                    );
                }
            }
        }
    }
}

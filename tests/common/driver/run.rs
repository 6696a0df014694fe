//! The run screen: the note editor and the notes list.

use super::Driver;
use crossterm::event::{KeyCode, KeyModifiers};
use tafel::app::keys::Context;
use tafel::domain::{IrmLevel, NoteKind};

impl Driver {
    fn in_editor(&mut self, doing: &str) -> &mut Self {
        if self.context() == Context::Notes {
            self.press(KeyCode::Esc);
        }
        self.expect(&[Context::Editor], doing);
        self
    }

    /// Types into the note editor (leaving the notes list first if needed).
    pub fn type_note(&mut self, text: &str) -> &mut Self {
        self.in_editor("type a note").type_text(text)
    }

    /// Enter in the editor: stores the note (an action asks for details).
    pub fn save(&mut self) -> &mut Self {
        self.in_editor("save").press(KeyCode::Enter)
    }

    /// Alt+1…6: the kind of the next note.
    pub fn note_kind(&mut self, kind: NoteKind) -> &mut Self {
        let digit = kind_digit(kind);
        self.in_editor("choose a kind").alt(digit)
    }

    /// Alt+G: the next stakeholder group for the next note.
    pub fn next_group(&mut self) -> &mut Self {
        self.in_editor("cycle the group").alt('g')
    }

    /// Alt+T, then the dimensions by their number (1-9), then Enter.
    pub fn tags(&mut self, dimensions: &[u8]) -> &mut Self {
        self.in_editor("pick tags").alt('t');
        toggle_dimensions(self, dimensions)
    }

    /// The form an action asks for after Enter: owner and due date (empty
    /// for none), then Enter.
    pub fn action_details(&mut self, owner: &str, due: &str) -> &mut Self {
        self.expect(&[Context::Form], "action details");
        self.fill(owner);
        if !due.is_empty() {
            self.next_field().fill(due);
        }
        self.confirm()
    }

    /// Tab: the next item.
    pub fn next_item(&mut self) -> &mut Self {
        self.expect(&[Context::Editor, Context::Notes], "next item");
        self.press(KeyCode::Tab)
    }

    /// Shift+Tab: the previous item.
    pub fn prev_item(&mut self) -> &mut Self {
        self.expect(&[Context::Editor, Context::Notes], "previous item");
        self.press(KeyCode::BackTab)
    }

    /// Alt+↓: the same place at the next table.
    pub fn next_table(&mut self) -> &mut Self {
        self.in_editor("next table")
            .key(KeyCode::Down, KeyModifiers::ALT)
    }

    /// Ctrl+G, the query typed into the jump list, Enter.
    pub fn go_to(&mut self, query: &str) -> &mut Self {
        self.in_editor("jump").ctrl('g');
        self.expect(&[Context::Picker], "jump");
        self.type_text(query).confirm()
    }

    /// Ctrl+E, Enter: export the Markdown minutes (the first format).
    pub fn export(&mut self) -> &mut Self {
        self.in_editor("export").ctrl('e');
        self.expect(&[Context::Picker], "choose the format");
        self.confirm()
    }

    /// Ctrl+T: start or pause the table's round timer.
    pub fn toggle_timer(&mut self) -> &mut Self {
        self.in_editor("timer").ctrl('t')
    }

    /// Alt+R: reset the table's round timer.
    pub fn reset_timer(&mut self) -> &mut Self {
        self.in_editor("reset timer").alt('r')
    }

    /// Ctrl+Q from the run screen.
    pub fn quit(&mut self) -> &mut Self {
        self.in_editor("quit").ctrl('q')
    }

    /// Esc from the editor: the notes list of the current item.
    pub fn notes(&mut self) -> Notes<'_> {
        if self.context() == Context::Editor {
            self.press(KeyCode::Esc);
        }
        self.expect(&[Context::Notes], "the notes list");
        Notes { d: self }
    }
}

fn kind_digit(kind: NoteKind) -> char {
    let i = NoteKind::ALL.iter().position(|k| *k == kind).unwrap();
    char::from(b'1' + i as u8)
}

fn toggle_dimensions<'a>(d: &'a mut Driver, dimensions: &[u8]) -> &'a mut Driver {
    d.expect(&[Context::Tags], "tags");
    for n in dimensions {
        assert!((1..=9).contains(n), "dimension {n}");
        d.press(KeyCode::Char(char::from(b'0' + n)));
    }
    d.confirm()
}

/// The notes list of the current item. Plain characters type into the
/// editor there, so every key that acts on a note is a named or Alt key.
pub struct Notes<'a> {
    d: &'a mut Driver,
}

impl Notes<'_> {
    /// ↑/↓ until note `i` (oldest first, from 0) is selected.
    pub fn select(&mut self, i: usize) -> &mut Self {
        self.d.move_selection(self.d.selected_note(), i);
        assert_eq!(self.d.selected_note(), i, "no note {i}");
        self
    }

    pub fn page_up(&mut self) -> &mut Self {
        self.d.press(KeyCode::PageUp);
        self
    }

    pub fn page_down(&mut self) -> &mut Self {
        self.d.press(KeyCode::PageDown);
        self
    }

    /// Del: delete the selected note.
    pub fn delete(&mut self) -> &mut Self {
        self.d.press(KeyCode::Delete);
        self
    }

    /// Ctrl+Z: take the last delete or vote back.
    pub fn undo(&mut self) -> &mut Self {
        self.d.ctrl('z');
        self
    }

    /// Alt+=: a vote for the selected note.
    pub fn vote_for(&mut self) -> &mut Self {
        self.d.alt('=');
        self
    }

    /// Alt+-: a vote against the selected note.
    pub fn vote_against(&mut self) -> &mut Self {
        self.d.alt('-');
        self
    }

    /// Enter: the selected note into the editor, to change it.
    pub fn edit(&mut self) -> &mut Self {
        self.d.press(KeyCode::Enter);
        self
    }

    /// Alt+1…6: change the kind of the selected note.
    pub fn kind(&mut self, kind: NoteKind) -> &mut Self {
        self.d.alt(kind_digit(kind));
        self
    }

    /// Alt+G: the next stakeholder group for the selected note.
    pub fn next_group(&mut self) -> &mut Self {
        self.d.alt('g');
        self
    }

    /// Alt+T, the dimensions by number, Enter: toggles tags of the selected note.
    pub fn tags(&mut self, dimensions: &[u8]) -> &mut Self {
        self.d.alt('t');
        toggle_dimensions(self.d, dimensions);
        self
    }

    /// Alt+P, the name typed into the list, Enter: who said the selected note.
    pub fn said_by(&mut self, name: &str) -> &mut Self {
        self.d.alt('p');
        self.d.expect(&[Context::Picker], "pick a participant");
        self.d.type_text(name).confirm();
        self
    }

    /// Ctrl+R, the level, the comment, Enter: the IRM rating of the action point.
    pub fn rate(&mut self, level: IrmLevel, comment: &str) -> &mut Self {
        self.d.ctrl('r');
        self.d.expect(&[Context::Rating], "rate");
        let i = IrmLevel::ALL.iter().position(|l| *l == level).unwrap();
        self.d
            .press_times(KeyCode::Up, IrmLevel::ALL.len())
            .press_times(KeyCode::Down, i)
            .type_text(comment)
            .confirm();
        self
    }

    /// Shift+Tab: the previous item.
    pub fn prev_item(&mut self) -> &mut Self {
        self.d.press(KeyCode::BackTab);
        self
    }

    /// F9: the set-up screen (see [`Driver::setup`]).
    pub fn open_setup(&mut self) {
        self.d.press(KeyCode::F(9));
    }

    /// Esc: back to the editor.
    pub fn editor(&mut self) -> &mut Driver {
        self.d.press(KeyCode::Esc);
        self.d
    }
}

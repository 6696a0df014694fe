//! Everything a frame shows, and nothing that does I/O.

mod overlay;

pub use overlay::*;

use super::keys::Context;
use crate::domain::{
    Dimension, Id, Item, Lang, Note, NoteContent, Participant, Rating, Session, SessionSummary,
    Table,
};
use ratatui_textarea::TextArea;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// The smallest terminal tafel draws on.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Sessions,
    Setup,
    Run,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Editor,
    Notes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Tables,
    Items,
    Participants,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusKind {
    Info,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub kind: StatusKind,
    pub text: String,
}

/// A table's round timer.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Timer {
    pub elapsed: Duration,
    pub running_since: Option<Instant>,
}

impl Timer {
    pub fn elapsed_at(&self, now: Instant) -> Duration {
        self.elapsed
            + self
                .running_since
                .map_or(Duration::ZERO, |s| now.saturating_duration_since(s))
    }

    pub fn running(&self) -> bool {
        self.running_since.is_some()
    }
}

/// One stop of the walk through the agenda: an item at a table (or an item
/// on its own when no tables are set up).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stop {
    pub table: Option<usize>,
    pub item: usize,
}

/// The note editor: the text being typed, what a save will attach to it,
/// and which item it belongs to.
pub struct Editor {
    pub input: TextArea<'static>,
    /// Kind, speaker, group, tags, owner and due date the next save attaches
    /// (its `text` is not used: the text is in `input`).
    pub meta: NoteContent,
    /// The item whose text is in the editor: a draft is always saved to it.
    pub item: Option<Id>,
    /// The saved note being edited, if any.
    pub editing: Option<Note>,
    /// Since when the editor has changes not yet in a draft.
    pub dirty_since: Option<Instant>,
    pub last_change: Option<Instant>,
}

impl Editor {
    pub fn new(text: &str) -> Editor {
        Editor {
            input: editor_with(text),
            meta: NoteContent::default(),
            item: None,
            editing: None,
            dirty_since: None,
            last_change: None,
        }
    }

    pub fn text(&self) -> String {
        self.input.lines().join("\n")
    }

    /// Text typed that is in no saved note: a new note being typed, or a
    /// change to the note being edited.
    pub fn unsaved(&self) -> bool {
        match &self.editing {
            Some(edited) => edited.content.text != self.text(),
            None => !self.text().trim().is_empty(),
        }
    }
}

/// A session opened in the TUI.
pub struct Open {
    pub session: Session,
    pub items: Vec<Item>,
    pub tables: Vec<Table>,
    pub dimensions: Vec<Dimension>,
    pub participants: Vec<Participant>,
    pub ratings: HashMap<Id, Rating>,
    pub counts: HashMap<Id, u64>,
    pub stops: Vec<Stop>,
    pub stop: usize,
    /// Notes of the current item, oldest first.
    pub notes: Vec<Note>,
    /// Selected note (index into `notes`) when the list has focus.
    pub note_sel: usize,
    pub focus: Focus,
    pub editor: Editor,
    /// Ids of deleted notes, most recent last, for undo.
    pub deleted: Vec<Id>,
    /// Ids of deleted tables, most recent last, for undo.
    pub deleted_tables: Vec<Id>,
    pub timers: HashMap<Id, Timer>,
    pub pane: Pane,
    pub table_sel: usize,
    pub item_sel: usize,
    pub participant_sel: usize,
}

impl Open {
    pub fn current(&self) -> Option<Stop> {
        self.stops.get(self.stop).copied()
    }

    pub fn current_item(&self) -> Option<&Item> {
        self.current().map(|s| &self.items[s.item])
    }

    pub fn current_table(&self) -> Option<&Table> {
        self.current()
            .and_then(|s| s.table)
            .map(|t| &self.tables[t])
    }

    pub fn editor_text(&self) -> String {
        self.editor.text()
    }

    pub fn timer(&self) -> Timer {
        self.current_table()
            .and_then(|t| self.timers.get(&t.id))
            .copied()
            .unwrap_or_default()
    }

    pub fn dimension_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.dimensions
            .iter()
            .find(|d| d.key == key)
            .map_or(key, |d| d.name.as_str())
    }

    pub fn participant(&self, id: &str) -> Option<&Participant> {
        self.participants.iter().find(|p| p.id == id)
    }

    /// Rebuilds the walk: every table's items in order, then the items at no
    /// table. Keeps the current place when it still exists.
    pub fn rebuild_stops(&mut self) {
        let keep = self
            .current()
            .map(|s| (s.table.map(|t| self.tables[t].id.clone()), s.item));
        let index: HashMap<&str, usize> = self
            .items
            .iter()
            .enumerate()
            .map(|(i, it)| (it.id.as_str(), i))
            .collect();
        let mut stops = Vec::new();
        for (t, table) in self.tables.iter().enumerate() {
            for id in &table.item_ids {
                if let Some(&i) = index.get(id.as_str()) {
                    stops.push(Stop {
                        table: Some(t),
                        item: i,
                    });
                }
            }
        }
        // Items at no table come last, so every item can be reached.
        let seated: std::collections::HashSet<usize> = stops.iter().map(|s| s.item).collect();
        stops.extend(
            (0..self.items.len())
                .filter(|i| !seated.contains(i))
                .map(|i| Stop {
                    table: None,
                    item: i,
                }),
        );
        self.stops = stops;
        // Stay at the same item at the same table; when that place is gone
        // (its table deleted, or the item newly seated) start at the top.
        self.stop = keep
            .and_then(|(table, item)| {
                self.stops.iter().position(|s| {
                    s.item == item && s.table.map(|t| self.tables[t].id.clone()) == table
                })
            })
            .unwrap_or(0);
    }
}

pub struct State {
    pub lang: Lang,
    pub screen: Screen,
    pub overlay: Option<Overlay>,
    pub status: Option<Status>,
    /// Local time shown in the status bar (set on each tick).
    pub clock: String,
    pub quit: bool,
    pub sessions: Vec<SessionSummary>,
    pub session_sel: usize,
    pub last_used: Option<Id>,
    pub open: Option<Open>,
    /// Where exports go (the data directory's `exports/`).
    pub export_dir: Option<std::path::PathBuf>,
    /// A backup is being taken in the background.
    pub backup_running: bool,
    /// The "Not saved …" message on show, cleared once a write works again.
    pub not_saved: Option<String>,
    /// The terminal's size (columns, rows), once known.
    pub size: Option<(u16, u16)>,
    /// The database is being checked for damage in the background.
    pub checking: bool,
    /// The database is damaged: notes go to a recovery database.
    pub recovery: Option<crate::app::effect::RecoveryInfo>,
}

impl State {
    pub fn new(lang: Lang) -> State {
        State {
            lang,
            screen: Screen::Sessions,
            overlay: None,
            status: None,
            clock: String::new(),
            quit: false,
            sessions: Vec::new(),
            session_sel: 0,
            last_used: None,
            open: None,
            export_dir: None,
            backup_running: false,
            not_saved: None,
            size: None,
            checking: false,
            recovery: None,
        }
    }

    /// The terminal is too small to draw on: nothing is shown, so nothing
    /// but typing, quitting and resizing may act.
    pub fn too_small(&self) -> bool {
        self.size
            .is_some_and(|(w, h)| w < MIN_WIDTH || h < MIN_HEIGHT)
    }

    /// Where the keyboard is now.
    pub fn context(&self) -> Context {
        match &self.overlay {
            Some(Overlay::Help { .. }) => Context::Help,
            Some(Overlay::Form(_)) => Context::Form,
            Some(Overlay::Picker(_)) => Context::Picker,
            Some(Overlay::Tags { .. }) => Context::Tags,
            Some(Overlay::Rating { .. }) => Context::Rating,
            Some(Overlay::Confirm { .. }) => Context::Confirm,
            None => match self.screen {
                Screen::Sessions => Context::Sessions,
                Screen::Setup => Context::Setup,
                Screen::Run => match self.open.as_ref().map(|o| o.focus) {
                    Some(Focus::Notes) => Context::Notes,
                    _ => Context::Editor,
                },
            },
        }
    }

    pub fn info(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            kind: StatusKind::Info,
            text: text.into(),
        });
    }

    pub fn error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            kind: StatusKind::Error,
            text: text.into(),
        });
    }
}

/// The note editor, holding `text`, cursor at the end.
pub fn editor_with(text: &str) -> TextArea<'static> {
    let lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut t = TextArea::new(lines);
    t.move_cursor(ratatui_textarea::CursorMove::Bottom);
    t.move_cursor(ratatui_textarea::CursorMove::End);
    t
}

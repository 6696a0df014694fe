//! Everything a frame shows, and nothing that does I/O.

mod editor;
mod memory;
mod notes;
mod overlay;
mod overview;

pub use editor::*;
pub use memory::*;
pub use notes::{Notes, PAGE as NOTES_PAGE_READ};
pub use overlay::*;
pub use overview::*;

use super::keys::Context;
use crate::domain::{
    Dimension, Id, Item, Lang, Note, Participant, Rating, Session, SessionSummary, Table, Theme,
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
    /// The plenary overview of all tables (and its presentation mode).
    Overview,
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

/// A session opened in the TUI.
pub struct Open {
    pub session: Session,
    pub items: Vec<Item>,
    pub tables: Vec<Table>,
    pub dimensions: Vec<Dimension>,
    /// The thematic tables the session's agenda proposes.
    pub themes: Vec<Theme>,
    /// The current item's past, carried actions, statuses and responses.
    pub memory: ItemMemory,
    /// A note to select once its item is loaded (a search hit).
    pub select_note: Option<crate::domain::Id>,
    /// The morning's blocks, in order.
    pub programme: Vec<crate::domain::programme::Block>,
    pub participants: Vec<Participant>,
    pub ratings: HashMap<Id, Rating>,
    pub counts: HashMap<Id, u64>,
    pub stops: Vec<Stop>,
    pub stop: usize,
    /// Notes of the current item, oldest first: those around what the
    /// screen shows are loaded.
    pub notes: Notes,
    /// Selected note (a position in `notes`) when the list has focus.
    pub note_sel: usize,
    pub focus: Focus,
    pub editor: Editor,
    /// What Ctrl+Z in the notes list takes back, most recent last.
    pub undo: Vec<Undo>,
    /// Ids of deleted tables, most recent last, for undo.
    pub deleted_tables: Vec<Id>,
    pub timers: HashMap<Id, Timer>,
    pub pane: Pane,
    pub table_sel: usize,
    /// Selected row of the items pane: an index into `visible_items()`.
    pub item_sel: usize,
    pub participant_sel: usize,
    /// The filter of the set-up's items pane.
    pub filter: ItemFilter,
    /// The place changed while the check for damage ran: saved once it is
    /// done.
    pub place_pending: bool,
}

/// Type-to-filter for the items in set-up: `/`, then words.
#[derive(Default)]
pub struct ItemFilter {
    pub input: TextArea<'static>,
    /// The keyboard types into the filter.
    pub typing: bool,
}

impl ItemFilter {
    /// The filter text, trimmed and lower case.
    pub fn text(&self) -> String {
        self.input.lines().join(" ").trim().to_lowercase()
    }
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

    /// The note the notes list is drawn around: the selected one while the
    /// list has focus, else the newest.
    pub fn note_anchor(&self) -> usize {
        let last = self.notes.len().saturating_sub(1);
        if self.focus == Focus::Notes {
            self.note_sel.min(last)
        } else {
            last
        }
    }

    /// The selected note, if the list has one (and it is loaded).
    pub fn selected_note(&self) -> Option<&Note> {
        self.notes.get(self.note_sel)
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

    /// Whether `table`'s round has run past its time box at `now`.
    pub fn out_of_time(&self, table: &Table, now: Instant) -> bool {
        let total = Duration::from_secs(u64::from(table.timebox_minutes) * 60);
        let elapsed = self
            .timers
            .get(&table.id)
            .map_or(Duration::ZERO, |t| t.elapsed_at(now));
        !total.is_zero() && elapsed >= total
    }

    pub fn dimension_name<'a>(&'a self, key: &'a str) -> &'a str {
        self.dimensions
            .iter()
            .find(|d| d.key == key)
            .map_or(key, |d| d.name.as_str())
    }

    /// Indices into `items` of the rows of the set-up's items pane: those
    /// that match the filter, in agenda order.
    pub fn visible_items(&self) -> Vec<usize> {
        let f = self.filter.text();
        let words: Vec<&str> = f.split_whitespace().collect();
        (0..self.items.len())
            .filter(|&i| item_matches(&self.items[i], &words))
            .collect()
    }

    /// The item on the selected row of the set-up's items pane.
    pub fn selected_item(&self) -> Option<&Item> {
        self.visible_items()
            .get(self.item_sel)
            .map(|&i| &self.items[i])
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
    /// The wall clock at the last tick (for the programme's standing).
    pub wall: Option<chrono::DateTime<chrono::Local>>,
    /// The facilitator's defaults (`config.toml`).
    pub defaults: crate::config::FileConfig,
    /// The "Not saved …" message on show, cleared once a write works again.
    pub not_saved: Option<String>,
    /// The terminal's size (columns, rows), once known.
    pub size: Option<(u16, u16)>,
    /// The database is being checked for damage in the background.
    pub checking: bool,
    /// The database is damaged: notes go to a recovery database.
    pub recovery: Option<crate::app::effect::RecoveryInfo>,
    /// The plenary overview, while it is shown.
    pub overview: Option<OverviewState>,
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
            wall: None,
            defaults: Default::default(),
            not_saved: None,
            size: None,
            checking: false,
            recovery: None,
            overview: None,
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
            Some(Overlay::Programme { .. }) => Context::Programme,
            Some(Overlay::Search(_)) => Context::Search,
            Some(Overlay::Past(_)) => Context::Past,
            None => match self.screen {
                Screen::Sessions => Context::Sessions,
                Screen::Setup => match self.open.as_ref().is_some_and(|o| o.filter.typing) {
                    true => Context::SetupFilter,
                    false => Context::Setup,
                },
                Screen::Run => match self.open.as_ref().map(|o| o.focus) {
                    Some(Focus::Notes) => Context::Notes,
                    _ => Context::Editor,
                },
                Screen::Overview => match self.overview.as_ref().and_then(|o| o.presenting) {
                    Some(_) => Context::Present,
                    None => Context::Overview,
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

/// Whether an item matches every word of a filter (lower case): a number
/// ("3"), a kind and number as shown ("ap3", "bv 2", "pq2"), or a part of
/// its title.
fn item_matches(item: &Item, words: &[&str]) -> bool {
    use crate::domain::ItemKind;
    let codes: &[&str] = match item.kind {
        ItemKind::ActionPoint => &["ap"],
        ItemKind::PolicyQuestion => &["bv", "pq"],
    };
    let title = item.title.to_lowercase();
    let number = item.number.to_string();
    words.iter().all(|w| {
        let code = w.trim_end_matches(|c: char| c.is_ascii_digit());
        let digits = &w[code.len()..];
        if code.is_empty() {
            digits == number
        } else if ["ap", "bv", "pq"].contains(&code) {
            codes.contains(&code) && (digits.is_empty() || digits == number)
        } else {
            title.contains(w)
        }
    })
}

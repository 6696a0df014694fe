//! What the run screen shows of the MSF's memory: the item's past, the
//! actions carried into this meeting, each note's status and response, and
//! the search across sessions.

use crate::domain::Id;
use crate::domain::memory::{CarriedAction, EarlierNote, Hit, ItemHistory, Response};
use crate::domain::{ActionState, Note, OtherVersion};
use ratatui_textarea::TextArea;
use std::collections::HashMap;

/// The current item's memory, read with its notes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemMemory {
    pub history: ItemHistory,
    /// Actions agreed in earlier meetings, carried to this item.
    pub carried: Vec<CarriedAction>,
    /// Of this item's action notes: their status now.
    pub states: HashMap<Id, ActionState>,
    /// Of this item's notes: their latest reasoned response.
    pub responses: HashMap<Id, Response>,
    /// Of this item's notes: how many other versions a merge kept.
    pub versions: HashMap<Id, usize>,
}

impl ItemMemory {
    /// Takes the statuses and responses of a page of the item's notes.
    pub fn absorb(&mut self, page: &mut crate::store::NotePage) {
        self.states.extend(page.states.drain(..));
        self.responses.extend(page.responses.drain(..));
        self.versions.extend(page.versions.drain(..));
    }
}

/// The search overlay: a query, and what it found.
pub struct Search {
    pub input: TextArea<'static>,
    pub hits: Vec<Hit>,
    pub sel: usize,
    /// A query SQLite's full-text search cannot read, in one line.
    pub error: Option<String>,
    /// A search was run (an empty result says "nothing found").
    pub searched: bool,
}

impl Search {
    pub fn new() -> Search {
        Search {
            input: TextArea::default(),
            hits: Vec::new(),
            sel: 0,
            error: None,
            searched: false,
        }
    }

    pub fn query(&self) -> String {
        self.input.lines().join(" ").trim().to_string()
    }
}

impl Default for Search {
    fn default() -> Self {
        Search::new()
    }
}

/// Read-only views of what was said before.
pub enum Past {
    /// The earlier notes of the current item, newest first.
    Earlier {
        notes: Vec<EarlierNote>,
        scroll: u16,
    },
    /// One note of another session (a search hit), as it is.
    Note { session: String, note: Box<Note> },
    /// The other versions of note `number` of this session.
    Versions {
        number: u32,
        versions: Vec<OtherVersion>,
        scroll: u16,
    },
}

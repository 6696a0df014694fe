//! The contract between the pure `update` and the I/O runner.
//!
//! `update` returns `Effect`s: what must be read from or written to the
//! store, each carrying every value it needs. The runner (`runner/`) carries
//! one out and returns an `Outcome`, which `update::outcome` applies to the
//! state — so every change of state happens in `update`, and the runner
//! never touches it. An action's effects run in order; when one fails, the
//! rest are skipped and `update::failed` decides what the user sees.

use crate::domain::programme::{Block, PlannedBlock};
use crate::domain::{Dimension, Item, Participant, Session, SessionSummary, Table, Theme};
use crate::domain::{
    Id, IrmLevel, NewSession, Note, NoteContent, NoteInput, Rating, StakeholderGroup, TableTimer,
};
use crate::store::Place;
use std::collections::HashMap;
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Read the list of sessions; keep the selection (after an edit) or
    /// select the last used session.
    LoadSessions {
        keep_selection: bool,
    },
    /// Read everything a session shows and start its background backup.
    /// `fresh`: just created, so it opens in set-up.
    OpenSession {
        id: Id,
        fresh: bool,
    },
    /// Create a session from the agenda file (or the bundled one).
    CreateSession {
        fields: NewSession,
        agenda: Option<PathBuf>,
        /// The configured programme, for an agenda that proposes none.
        programme: Vec<PlannedBlock>,
    },
    UpdateSession {
        id: Id,
        fields: NewSession,
    },
    /// Read an item's notes and its draft, for stop `stop`; then select
    /// note `select` (default: the last) and, if asked, save the place.
    LoadItem {
        session_id: Id,
        stop: usize,
        item_id: Id,
        select: Option<usize>,
        save_place: bool,
    },
    SavePlace {
        session_id: Id,
        place: Place,
    },
    /// Store the editor's unsaved text as a draft of its item.
    SaveDraft {
        session_id: Id,
        item_id: Id,
        draft: NoteContent,
    },
    ClearDraft {
        session_id: Id,
        item_id: Id,
    },
    /// Reached only when the effects before it (draft, place) succeeded.
    CloseSession,
    /// Reached only when the effects before it (draft, place) succeeded.
    Quit,
    AddNote {
        session_id: Id,
        note: NoteInput,
    },
    UpdateNote {
        id: Id,
        note: NoteInput,
    },
    DeleteNote {
        id: Id,
    },
    RestoreNote {
        id: Id,
    },
    Vote {
        id: Id,
        for_delta: i32,
        against_delta: i32,
        /// Taking back an earlier vote (not itself undoable).
        undo: bool,
    },
    /// A set-up change; the set-up is read again afterwards.
    Setup {
        session_id: Id,
        op: SetupOp,
    },
    SetRating {
        session_id: Id,
        item_id: Id,
        level: IrmLevel,
        comment: String,
    },
    /// Write the Markdown minutes into `dir` (default: a folder in the
    /// system's temporary folder) under a new name.
    Export {
        session_id: Id,
        dir: Option<PathBuf>,
    },
    /// Report the background backup once it is done.
    PollBackup,
    /// A change to the programme; the programme is read again afterwards.
    Programme {
        session_id: Id,
        op: ProgrammeOp,
    },
    /// Store a table's round timer: time run before the current run, and
    /// the start of the current run (if running).
    SaveTimer {
        timer: TableTimer,
    },
}

/// Changes made in set-up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupOp {
    CreateTable {
        name: String,
        host: String,
        minutes: u32,
    },
    UpdateTable {
        id: Id,
        name: String,
        host: String,
        minutes: u32,
    },
    DeleteTable(Id),
    RestoreTable(Id),
    MoveTable {
        id: Id,
        delta: i32,
    },
    ToggleAssign {
        table_id: Id,
        item_id: Id,
    },
    /// Seat the item at this table and take it off every other one.
    MoveItem {
        table_id: Id,
        item_id: Id,
    },
    /// The quick start: (table name, item ids) each.
    CreateTables(Vec<(String, Vec<Id>)>),
    CreateParticipant {
        name: String,
        organisation: String,
        group: StakeholderGroup,
        naming: crate::domain::Naming,
    },
    UpdateParticipant {
        id: Id,
        name: String,
        organisation: String,
        group: StakeholderGroup,
        naming: crate::domain::Naming,
    },
    DeleteParticipant(Id),
}

/// Changes to the programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgrammeOp {
    Add(PlannedBlock),
    Update(Id, PlannedBlock),
    Delete(Id),
    Move {
        id: Id,
        delta: i32,
    },
    /// Start this block (ending the one that runs) — or, with `None`, end
    /// the running block — at `at`.
    Start {
        id: Option<Id>,
        at: chrono::DateTime<chrono::Utc>,
    },
}

/// What a session shows, as read when it is opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub session: Session,
    pub items: Vec<Item>,
    pub tables: Vec<Table>,
    pub dimensions: Vec<Dimension>,
    /// The thematic tables the agenda proposes (the quick start's).
    pub themes: Vec<Theme>,
    /// The morning's blocks.
    pub programme: Vec<Block>,
    pub participants: Vec<Participant>,
    pub ratings: Vec<Rating>,
    pub counts: HashMap<Id, u64>,
    pub timers: Vec<TableTimer>,
    pub place: Option<Place>,
    /// A background backup was started.
    pub backup_started: bool,
    pub fresh: bool,
}

/// The set-up as read again after a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setup {
    pub tables: Vec<Table>,
    pub participants: Vec<Participant>,
    pub counts: HashMap<Id, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sessions {
        rows: Vec<SessionSummary>,
        last_used: Option<Id>,
        keep_selection: bool,
    },
    Opened(Box<Loaded>),
    /// `CreateSession`: the agenda file could not be read (first line).
    AgendaRejected(String),
    SessionCreated {
        id: Id,
    },
    SessionUpdated,
    ItemLoaded {
        stop: usize,
        item_id: Id,
        notes: Vec<Note>,
        draft: Option<NoteContent>,
        select: Option<usize>,
        save_place: bool,
    },
    /// A write that changes nothing on screen (place, timer, draft removal).
    Stored,
    DraftSaved,
    CloseSession,
    Quit,
    NoteAdded(Note),
    NoteUpdated(Note),
    NoteDeleted(Id),
    NoteRestored(Note),
    Voted {
        note: Note,
        for_delta: i32,
        against_delta: i32,
        undo: bool,
    },
    /// The change made, and the set-up as now stored.
    SetupChanged(SetupOp, Box<Setup>),
    Rated(Rating),
    Exported(PathBuf),
    /// The programme as now stored, after `ProgrammeOp`.
    Programme(ProgrammeOp, Vec<Block>),
    /// The background backup: still running (`None`), or done.
    Backup(Option<Result<PathBuf, String>>),
}

//! The contract between the pure `update` and the I/O runner.
//!
//! `update` returns `Effect`s: what must be read from or written to the
//! store, each carrying every value it needs. The runner (`runner/`) carries
//! one out and returns an `Outcome`, which `update::outcome` applies to the
//! state — so every change of state happens in `update`, and the runner
//! never touches it. An action's effects run in order; when one fails, the
//! rest are skipped and `update::failed` decides what the user sees.

use crate::domain::ActionState;
use crate::domain::memory::{EarlierNote, Hit, Response, ResponseInput};
use crate::domain::programme::{Block, PlannedBlock};
use crate::domain::{Dimension, Item, Participant, Session, SessionSummary, Table, Theme};
use crate::domain::{
    Id, IrmLevel, NewSession, Note, NoteContent, NoteInput, Rating, StakeholderGroup, TableTimer,
};
use crate::store::{NotePage, PageAt, Place};
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
    /// Read a page of an item's notes (at `at`: the last ones, those
    /// around a saved place or a search hit) and its draft, for stop
    /// `stop`; then select that note (default: the last) and, if asked,
    /// save the place.
    LoadItem {
        session_id: Id,
        stop: usize,
        item_id: Id,
        at: PageAt,
        select: Option<usize>,
        save_place: bool,
    },
    /// Read another page of the current item's notes: the screen is about
    /// to show notes that are not loaded.
    LoadNotes {
        session_id: Id,
        item_id: Id,
        at: PageAt,
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
    /// Write the minutes (Markdown or HTML) into `dir` (default: a folder
    /// in the system's temporary folder) under a new name.
    Export {
        session_id: Id,
        dir: Option<PathBuf>,
        format: crate::export::ExportFormat,
    },
    /// Read the plenary overview of the session.
    LoadOverview {
        session_id: Id,
    },
    /// Report the background backup once it is done.
    PollBackup,
    /// A follow-up meeting of `from` (agenda, tables, participants,
    /// programme; its open actions carried).
    FollowUp {
        from: Id,
        fields: NewSession,
    },
    /// Set an action's status, made in this session on this day.
    SetActionState {
        session_id: Id,
        note_id: Id,
        state: ActionState,
        on: chrono::NaiveDate,
    },
    /// A reasoned response to a note.
    Respond {
        note_id: Id,
        input: ResponseInput,
    },
    /// Search all sessions.
    Search {
        query: String,
    },
    /// The earlier notes of an item (other sessions).
    LoadEarlier {
        session_id: Id,
        item_id: Id,
    },
    /// One note of another session, to read.
    /// The other versions of note `number` (its id `note_id`).
    LoadVersions {
        note_id: Id,
        number: u32,
    },
    ReadNote {
        note_id: Id,
        session: String,
    },
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
    /// Report the background check for damage once it is done.
    PollCheck,
    /// The database is damaged (`detail`): carry on in a recovery database
    /// beside it, never writing to the damaged one again.
    Recover {
        detail: String,
    },
}

impl Effect {
    /// Whether the effect writes to the database (so its success means
    /// writing works).
    pub fn writes(&self) -> bool {
        !matches!(
            self,
            Effect::LoadSessions { .. }
                | Effect::OpenSession { .. }
                | Effect::LoadItem { .. }
                | Effect::LoadNotes { .. }
                | Effect::LoadVersions { .. }
                | Effect::CloseSession
                | Effect::Quit
                | Effect::Export { .. }
                | Effect::PollBackup
                | Effect::PollCheck
        )
    }
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

impl Outcome {
    /// Whether this answers a write that reached the database.
    pub fn stored(&self) -> bool {
        matches!(
            self,
            Outcome::Stored
                | Outcome::DraftSaved
                | Outcome::NoteAdded(_)
                | Outcome::NoteUpdated(_)
                | Outcome::NoteDeleted(_)
                | Outcome::NoteRestored(_)
                | Outcome::Voted { .. }
                | Outcome::SetupChanged(..)
                | Outcome::Rated(_)
                | Outcome::SessionCreated { .. }
                | Outcome::SessionUpdated
                | Outcome::ActionState { .. }
                | Outcome::Responded(_)
                | Outcome::Programme(..)
        )
    }
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
    /// Items with text left by a window that is gone (shown when opened).
    pub waiting_drafts: Vec<Id>,
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
        page: Box<NotePage>,
        draft: Option<NoteContent>,
        memory: Box<crate::app::state::ItemMemory>,
        /// Drafts of windows that are gone, now in `draft`.
        taken_over: usize,
        select: Option<usize>,
        save_place: bool,
    },
    /// `LoadNotes`: the page read.
    NotesPage {
        item_id: Id,
        at: PageAt,
        page: Box<NotePage>,
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
    ActionState {
        note_id: Id,
        state: ActionState,
    },
    Responded(Response),
    /// Search hits, or why the query cannot be read.
    Hits(Result<Vec<Hit>, String>),
    Earlier(Vec<EarlierNote>),
    Versions {
        number: u32,
        versions: Vec<crate::domain::OtherVersion>,
    },
    NoteRead {
        session: String,
        note: Box<Note>,
    },
    /// The programme as now stored, after `ProgrammeOp`.
    Programme(ProgrammeOp, Vec<Block>),
    /// The plenary overview, as read.
    Overview(Box<crate::store::Overview>),
    /// The background backup: still running (`None`), or done.
    Backup(Option<Result<PathBuf, String>>),
    /// Whether the background check for damage is still running (it found
    /// none so far).
    Checked {
        running: bool,
    },
    /// The database is damaged (`detail`) and `retry` was not done: it is
    /// to be done again in the recovery database.
    Damaged {
        detail: String,
        retry: Box<Effect>,
    },
    /// Notes now go to a recovery database.
    Recovering(Box<RecoveryInfo>),
}

/// A damaged database, and the recovery database used instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecoveryInfo {
    pub damaged: PathBuf,
    /// What is wrong with it.
    pub detail: String,
    /// The recovery database notes now go to.
    pub file: PathBuf,
    /// How to restore the damaged one.
    pub hint: crate::store::RestoreHint,
    /// The command that brings the recovery database's notes back.
    pub merge: String,
    /// What could not be read from the damaged database (tables).
    pub lost: Vec<String>,
}

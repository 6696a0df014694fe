//! Plain types of a tafel session. No SQL, no terminal: every other module
//! speaks in these.

pub mod inline;
mod kinds;
pub mod memory;
pub mod programme;

pub use kinds::{ActionState, ResponseStatus};
pub use kinds::{
    ActionStatus, BlockKind, IrmLevel, ItemKind, Lang, Naming, NoteKind, StakeholderGroup,
};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A globally unique row id (UUID v7 as text), so databases from several
/// laptops can later be merged without clashes.
pub type Id = String;

/// A new globally unique, time-ordered id.
pub fn new_id() -> Id {
    uuid::Uuid::now_v7().to_string()
}

/// One of the open-government dimensions of the agenda the session was
/// started from, copied into the session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dimension {
    pub key: String,
    pub name: String,
    pub description: String,
}

/// A thematic table the agenda proposes (`[[themes]]`), copied into the
/// session: its name and its items, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Theme {
    pub name: String,
    pub item_ids: Vec<Id>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    pub id: Id,
    pub title: String,
    pub date: NaiveDate,
    pub location: String,
    pub facilitator: String,
    pub language: Lang,
    pub agenda_name: String,
    pub agenda_version: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Fields a user gives when creating a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub title: String,
    pub date: NaiveDate,
    pub location: String,
    pub facilitator: String,
    pub language: Lang,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SubQuestion {
    pub label: String,
    pub text: String,
}

/// An action point or policy question, copied into a session so that a later
/// change of the agenda file never rewrites a past session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    pub id: Id,
    pub session_id: Id,
    pub kind: ItemKind,
    pub number: u32,
    pub title: String,
    /// Action points: their statuses (chapter 6 of the source).
    pub statuses: Vec<ActionStatus>,
    /// Action points: a remark on the status.
    pub remark: String,
    /// Policy questions: the dimension key.
    pub dimension: Option<String>,
    /// Policy questions: the owning directorate.
    pub directorate: String,
    /// Policy questions: the full question.
    pub text: String,
    pub sub_questions: Vec<SubQuestion>,
    /// Policy questions: a closing sentence after the sub-questions.
    pub closing: String,
    pub position: u32,
}

impl Item {
    /// "Actiepunt 3" / "Policy question 2".
    pub fn label(&self, lang: Lang) -> String {
        format!("{} {}", self.kind.label(lang), self.number)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub id: Id,
    pub session_id: Id,
    pub name: String,
    pub host: String,
    pub position: u32,
    pub timebox_minutes: u32,
    /// Ids of the items at this table, in order.
    pub item_ids: Vec<Id>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// A table's round timer as stored: time run before the current run, and
/// when the current run started (none when paused).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableTimer {
    pub table_id: Id,
    pub elapsed_ms: u64,
    pub started_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub id: Id,
    pub session_id: Id,
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub group: StakeholderGroup,
    /// May their name and organisation appear in minutes (schema v20)?
    pub naming: Naming,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Participant {
    /// "Name, Organisation, Group" on one line, for lists and pickers.
    pub fn label(&self, lang: Lang) -> String {
        let mut parts = Vec::new();
        if let Some(n) = &self.name {
            parts.push(crate::text::one_line(n));
        }
        if let Some(o) = &self.organisation {
            parts.push(crate::text::one_line(o));
        }
        parts.push(self.group.label(lang).to_string());
        parts.join(", ")
    }
}

/// What a note says and about whom: one shape shared by the stored note,
/// the editor and the export. A new note field goes here (and in the
/// store's column list), nowhere else in between.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteContent {
    pub kind: NoteKind,
    pub text: String,
    /// The speaker, when a registered participant.
    pub participant_id: Option<Id>,
    pub group: Option<StakeholderGroup>,
    /// Dimension keys.
    pub tags: Vec<String>,
    /// For an action: who does it (free text) and by when.
    pub owner: String,
    pub due: Option<NaiveDate>,
}

impl NoteContent {
    /// Just text: an observation by nobody in particular.
    pub fn plain(text: impl Into<String>) -> NoteContent {
        NoteContent {
            text: text.into(),
            ..NoteContent::default()
        }
    }
}

/// What the user gives for a note; the store adds ids and timestamps.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteInput {
    pub item_id: Id,
    pub table_id: Option<Id>,
    pub content: NoteContent,
    pub votes_for: u32,
    pub votes_against: u32,
    /// The table round (1, 2, …) it was taken in, if a round was running.
    pub round: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: Id,
    pub session_id: Id,
    /// Short display number within the session (1, 2, 3 …).
    pub number: u32,
    pub item_id: Id,
    pub table_id: Option<Id>,
    #[serde(flatten)]
    pub content: NoteContent,
    pub votes_for: u32,
    pub votes_against: u32,
    /// The table round (1, 2, …) it was taken in, if a round was running.
    pub round: Option<u32>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub deleted_at: Option<DateTime<Utc>>,
    /// Where a note that arrived by `tafel merge` was taken (filled in
    /// where it is shown; `None` for notes taken here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<NoteOrigin>,
}

/// Another version of a note: the one a merge kept aside when the same
/// note was changed on two laptops (`tafel merge`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OtherVersion {
    /// Where it was: a merged database's name (a hand-out's table, a
    /// file's name), `None` for this database's own earlier version.
    pub from: Option<String>,
    /// When it was last changed there.
    pub changed_at: DateTime<Utc>,
    pub kind: NoteKind,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// It was deleted there.
    pub deleted: bool,
}

/// The database a merged note was taken in, and its number there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteOrigin {
    pub database_id: Id,
    /// The database's name: a hand-out's table, else its file's name.
    pub label: String,
    pub number: u32,
}

impl NoteOrigin {
    /// "Tafel Data #12": where the note was taken and its number there.
    pub fn cite(&self) -> String {
        let name = if self.label.trim().is_empty() {
            self.database_id.chars().take(8).collect()
        } else {
            crate::text::one_line(&self.label)
        };
        format!("{name} #{}", self.number)
    }
}

impl Note {
    pub fn input(&self) -> NoteInput {
        NoteInput {
            item_id: self.item_id.clone(),
            table_id: self.table_id.clone(),
            content: self.content.clone(),
            votes_for: self.votes_for,
            votes_against: self.votes_against,
            round: self.round,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub id: Id,
    pub session_id: Id,
    pub item_id: Id,
    pub level: IrmLevel,
    pub comment: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// Text being typed for an item, autosaved so a crash loses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub session_id: Id,
    pub item_id: Id,
    /// The text and what the note will be (kind, speaker, tags, …).
    pub content: NoteContent,
    pub updated_at: DateTime<Utc>,
}

/// One line of `tafel list`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSummary {
    pub session: Session,
    pub tables: u64,
    pub items: u64,
    pub notes: u64,
    /// From how many other databases (laptops) its notes were merged.
    pub merged_from: u64,
}

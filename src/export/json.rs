//! The JSON export: the whole session in a stable, versioned schema
//! (`docs/export-json.md`). The notes are written one at a time as they are
//! read, so memory does not grow with their number.

use super::Out;
use super::anonymize::{Anonymizer, may_name};
use crate::domain::memory::StatusChange;
use crate::domain::{
    ActionState, ActionStatus, Dimension, IrmLevel, Item, ItemKind, Lang, Note, NoteKind,
    Participant, Rating, ResponseStatus, Session, StakeholderGroup, SubQuestion, Table,
};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// The value of the top-level `schema` field. A change that could break a
/// reader gets a new number; adding a field does not. Version 2 (the MSF's
/// memory) refers to notes of other sessions (carried actions, status
/// changes made in this meeting); see `docs/export-json.md`.
pub const SCHEMA: &str = "tafel-export/2";

/// A whole export. [`write`] produces exactly the JSON of this struct, with
/// the fields in this order, without building it in memory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    pub anonymized: bool,
    pub session: JsonSession,
    pub dimensions: Vec<JsonDimension>,
    pub items: Vec<JsonItem>,
    pub tables: Vec<JsonTable>,
    pub participants: Vec<JsonParticipant>,
    pub ratings: Vec<JsonRating>,
    /// Version 2: the open actions of earlier meetings carried into this one.
    #[serde(default)]
    pub carried_actions: Vec<JsonCarriedAction>,
    /// Version 2: the status changes of actions made in this meeting.
    #[serde(default)]
    pub status_changes: Vec<JsonStatusChange>,
    /// Version 2: the reasoned responses to this meeting's notes.
    #[serde(default)]
    pub responses: Vec<JsonResponse>,
    pub notes: Vec<JsonNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSession {
    pub id: String,
    pub title: String,
    pub date: NaiveDate,
    pub location: String,
    pub facilitator: String,
    pub language: Lang,
    pub agenda: JsonAgenda,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Version 2: the session this one is a follow-up of.
    #[serde(default)]
    pub follows: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonAgenda {
    pub name: String,
    pub version: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonDimension {
    pub key: String,
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonItem {
    pub id: String,
    pub kind: ItemKind,
    pub number: u32,
    pub title: String,
    pub statuses: Vec<ActionStatus>,
    pub remark: String,
    pub dimension: Option<String>,
    pub directorate: String,
    pub text: String,
    pub sub_questions: Vec<JsonSubQuestion>,
    pub closing: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonSubQuestion {
    pub label: String,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonTable {
    pub id: String,
    pub name: String,
    pub host: String,
    pub timebox_minutes: u32,
    pub item_ids: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonParticipant {
    pub id: String,
    pub name: Option<String>,
    pub organisation: Option<String>,
    pub group: StakeholderGroup,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonRating {
    pub item_id: String,
    pub level: IrmLevel,
    pub comment: String,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonNote {
    pub id: String,
    pub number: u32,
    pub item_id: String,
    pub table_id: Option<String>,
    pub kind: NoteKind,
    pub text: String,
    pub participant_id: Option<String>,
    pub group: Option<StakeholderGroup>,
    pub tags: Vec<String>,
    pub votes_for: u32,
    pub votes_against: u32,
    pub owner: String,
    pub due: Option<NaiveDate>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Version 2: an action's status now (`null` for other kinds).
    #[serde(default)]
    pub status: Option<ActionState>,
    /// Version 2: every change of an action's status, oldest first.
    #[serde(default)]
    pub status_trail: Vec<JsonStatusStep>,
}

/// One change of an action's status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonStatusStep {
    pub status: ActionState,
    /// The day it was made.
    pub on: NaiveDate,
    /// The meeting in which it was made.
    pub session_id: String,
}

/// An action of an earlier meeting carried into this one: the note where
/// it was agreed (in another session) and its status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonCarriedAction {
    pub note_id: String,
    /// The session where it was noted, its date and the note's number there.
    pub session_id: String,
    pub session_date: NaiveDate,
    pub number: u32,
    /// Its item in this session.
    pub item_id: String,
    pub text: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
    /// Its status now.
    pub status: ActionState,
    pub status_trail: Vec<JsonStatusStep>,
}

/// A status change made in this meeting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonStatusChange {
    pub note_id: String,
    /// The session where the action was noted and its number there.
    pub session_id: String,
    pub number: u32,
    pub from: ActionState,
    pub to: ActionState,
    pub on: NaiveDate,
}

/// A reasoned response to a note of this session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JsonResponse {
    pub note_id: String,
    pub status: ResponseStatus,
    pub reason: String,
    pub by: String,
    pub on: NaiveDate,
}

fn step(c: &StatusChange) -> JsonStatusStep {
    JsonStatusStep {
        status: c.status,
        on: c.on,
        session_id: c.made_in.id.clone(),
    }
}

/// Everything but the notes.
struct Head {
    session: JsonSession,
    dimensions: Vec<JsonDimension>,
    items: Vec<JsonItem>,
    tables: Vec<JsonTable>,
    participants: Vec<JsonParticipant>,
    ratings: Vec<JsonRating>,
    carried_actions: Vec<JsonCarriedAction>,
    status_changes: Vec<JsonStatusChange>,
    responses: Vec<JsonResponse>,
    /// The status changes of this session's actions, by note id.
    trails: HashMap<String, Vec<StatusChange>>,
    /// Ids of the participants listed, for the notes' references.
    participant_ids: HashSet<String>,
    /// Set when names are left out: all of them (`--anonymize`), or those
    /// of the participants who chose to be named by their group only.
    anon: Option<Anonymizer>,
}

/// Text someone typed, without known names when anonymising.
fn user(anon: Option<&Anonymizer>, text: String) -> String {
    match anon {
        Some(a) => a.text(&text).into_owned(),
        None => text,
    }
}

/// A person's name typed into a field of its own (facilitator, host): ""
/// when anonymising, else without the names left out.
fn person(anon: Option<&Anonymizer>, name: String) -> String {
    match anon {
        Some(a) if a.is_full() => String::new(),
        _ => user(anon, name),
    }
}

fn session(s: &Session, anon: Option<&Anonymizer>, follows: Option<String>) -> JsonSession {
    JsonSession {
        id: s.id.clone(),
        title: user(anon, s.title.clone()),
        date: s.date,
        location: user(anon, s.location.clone()),
        facilitator: person(anon, s.facilitator.clone()),
        language: s.language,
        agenda: JsonAgenda {
            name: s.agenda_name.clone(),
            version: s.agenda_version.clone(),
        },
        created_at: s.created_at,
        updated_at: s.updated_at,
        follows,
    }
}

fn dimension(d: Dimension) -> JsonDimension {
    JsonDimension {
        key: d.key,
        name: d.name,
        description: d.description,
    }
}

fn item(i: Item) -> JsonItem {
    JsonItem {
        id: i.id,
        kind: i.kind,
        number: i.number,
        title: i.title,
        statuses: i.statuses,
        remark: i.remark,
        dimension: i.dimension,
        directorate: i.directorate,
        text: i.text,
        sub_questions: i
            .sub_questions
            .into_iter()
            .map(|SubQuestion { label, text }| JsonSubQuestion { label, text })
            .collect(),
        closing: i.closing,
    }
}

fn table(t: Table, anon: Option<&Anonymizer>) -> JsonTable {
    JsonTable {
        id: t.id,
        name: user(anon, t.name),
        host: person(anon, t.host),
        timebox_minutes: t.timebox_minutes,
        item_ids: t.item_ids,
    }
}

/// A participant: name and organisation only if they may be named.
fn participant(p: Participant, anonymize: bool) -> JsonParticipant {
    let named = may_name(&p, anonymize);
    JsonParticipant {
        id: p.id,
        name: p.name.filter(|_| named),
        organisation: p.organisation.filter(|_| named),
        group: p.group,
    }
}

fn rating(r: Rating, anon: Option<&Anonymizer>) -> JsonRating {
    JsonRating {
        item_id: r.item_id,
        level: r.level,
        comment: user(anon, r.comment),
        updated_at: r.updated_at,
    }
}

fn note(n: Note, h: &Head) -> JsonNote {
    let anon = h.anon.as_ref();
    // An action's status now and its trail; nothing for other kinds.
    let trail = h.trails.get(&n.id).map(Vec::as_slice).unwrap_or_default();
    let (status, status_trail) = if n.content.kind == NoteKind::Action {
        (
            Some(trail.last().map_or(ActionState::Open, |c| c.status)),
            trail.iter().map(step).collect(),
        )
    } else {
        (None, Vec::new())
    };
    JsonNote {
        id: n.id,
        number: n.number,
        item_id: n.item_id,
        table_id: n.table_id,
        kind: n.content.kind,
        text: user(anon, n.content.text),
        // A deleted participant is not listed; neither is the reference.
        participant_id: n
            .content
            .participant_id
            .filter(|id| h.participant_ids.contains(id)),
        group: n.content.group,
        tags: n.content.tags,
        votes_for: n.votes_for,
        votes_against: n.votes_against,
        owner: match anon {
            Some(a) => a.owner_text(&n.content.owner),
            None => n.content.owner,
        },
        due: n.content.due,
        created_at: n.created_at,
        updated_at: n.updated_at,
        status,
        status_trail,
    }
}

fn head(store: &Store, s: &Session, anonymize: bool) -> Result<Head> {
    let mut tables = store.tables(&s.id)?;
    tables.sort_by(|a, b| (a.position, &a.id).cmp(&(b.position, &b.id)));
    let mut items = store.items(&s.id)?;
    items.sort_by_key(|i| i.position);
    let participants: Vec<Participant> = store.participants(&s.id)?;
    // JSON has no language of its own: markers and group labels in the
    // text are in the session's.
    let anon = Anonymizer::for_export(store, s, s.language, anonymize)?;
    let a = anon.as_ref();
    let owner = |o: String| match a {
        Some(a) => a.owner_text(&o),
        None => o,
    };
    let carried_actions = store
        .carried_actions(&s.id)?
        .into_iter()
        .map(|c| JsonCarriedAction {
            note_id: c.note.id,
            session_id: c.origin.id,
            session_date: c.origin.date,
            number: c.note.number,
            item_id: c.item_id,
            text: user(a, c.note.content.text),
            owner: owner(c.note.content.owner),
            due: c.note.content.due,
            status: c.state,
            status_trail: c.trail.iter().map(step).collect(),
        })
        .collect();
    let status_changes = store
        .status_changes_in(&s.id)?
        .into_iter()
        .map(|c| JsonStatusChange {
            note_id: c.note.id,
            session_id: c.origin.id,
            number: c.note.number,
            from: c.previous,
            to: c.change.status,
            on: c.change.on,
        })
        .collect();
    let responses = store
        .session_responses(&s.id)?
        .into_iter()
        .map(|(_, r)| JsonResponse {
            note_id: r.note_id,
            status: r.status,
            reason: user(a, r.reason),
            by: if a.is_some() { String::new() } else { r.by },
            on: r.on,
        })
        .collect();
    Ok(Head {
        session: session(s, a, store.follows(&s.id)?),
        carried_actions,
        status_changes,
        responses,
        trails: store.status_trails(&s.id)?,
        dimensions: store
            .dimensions(&s.id)?
            .into_iter()
            .map(dimension)
            .collect(),
        items: items.into_iter().map(item).collect(),
        tables: tables.into_iter().map(|t| table(t, a)).collect(),
        participant_ids: participants.iter().map(|p| p.id.clone()).collect(),
        participants: participants
            .into_iter()
            .map(|p| participant(p, anonymize))
            .collect(),
        ratings: store
            .ratings(&s.id)?
            .into_iter()
            .map(|r| rating(r, a))
            .collect(),
        anon,
    })
}

/// The export as a value, notes and all, in memory: for tests and small
/// sessions. [`write`] writes the same without holding the notes.
pub fn document(store: &Store, s: &Session, anonymize: bool) -> Result<Document> {
    let h = head(store, s, anonymize)?;
    let mut notes = Vec::new();
    store.for_each_export_note_by_number(&s.id, |n| {
        notes.push(note(n, &h));
        Ok(())
    })?;
    Ok(Document {
        schema: SCHEMA.to_string(),
        anonymized: anonymize,
        session: h.session,
        dimensions: h.dimensions,
        items: h.items,
        tables: h.tables,
        participants: h.participants,
        ratings: h.ratings,
        carried_actions: h.carried_actions,
        status_changes: h.status_changes,
        responses: h.responses,
        notes,
    })
}

fn value<T: Serialize>(out: &mut Out<'_>, v: &T) -> Result<()> {
    serde_json::to_writer(&mut *out, v).map_err(|e| {
        if e.is_io() {
            Error::io(out.dest, e.into())
        } else {
            Error::Invalid(format!("cannot write JSON: {e}"))
        }
    })
}

fn field<T: Serialize>(out: &mut Out<'_>, name: &str, v: &T) -> Result<()> {
    out.text(&format!("\"{name}\":"))?;
    value(out, v)?;
    out.text(",\n")
}

/// Writes the JSON export: one top-level field per line, one note per line.
pub(super) fn write(store: &Store, s: &Session, anonymize: bool, out: &mut Out<'_>) -> Result<()> {
    let h = head(store, s, anonymize)?;
    out.text("{")?;
    field(out, "schema", &SCHEMA)?;
    field(out, "anonymized", &anonymize)?;
    field(out, "session", &h.session)?;
    field(out, "dimensions", &h.dimensions)?;
    field(out, "items", &h.items)?;
    field(out, "tables", &h.tables)?;
    field(out, "participants", &h.participants)?;
    field(out, "ratings", &h.ratings)?;
    field(out, "carried_actions", &h.carried_actions)?;
    field(out, "status_changes", &h.status_changes)?;
    field(out, "responses", &h.responses)?;
    out.text("\"notes\":[")?;
    let mut first = true;
    store.for_each_export_note_by_number(&s.id, |n| {
        out.text(if first { "\n" } else { ",\n" })?;
        first = false;
        value(out, &note(n, &h))
    })?;
    out.text("\n]}\n")
}

//! The JSON export: the whole session in a stable, versioned schema
//! (`docs/export-json.md`). The notes are written one at a time as they are
//! read, so memory does not grow with their number.

use super::Out;
use super::anonymize::{Anonymizer, may_name};
use crate::domain::{
    ActionStatus, Dimension, IrmLevel, Item, ItemKind, Lang, Note, NoteKind, Participant, Rating,
    Session, StakeholderGroup, SubQuestion, Table,
};
use crate::error::{Error, Result};
use crate::store::Store;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// The value of the top-level `schema` field. A change that could break a
/// reader gets a new number; adding a field does not.
pub const SCHEMA: &str = "tafel-export/1";

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
}

/// Everything but the notes.
struct Head {
    session: JsonSession,
    dimensions: Vec<JsonDimension>,
    items: Vec<JsonItem>,
    tables: Vec<JsonTable>,
    participants: Vec<JsonParticipant>,
    ratings: Vec<JsonRating>,
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

fn session(s: &Session, anon: Option<&Anonymizer>) -> JsonSession {
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
    Ok(Head {
        session: session(s, a),
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
    out.text("\"notes\":[")?;
    let mut first = true;
    store.for_each_export_note_by_number(&s.id, |n| {
        out.text(if first { "\n" } else { ",\n" })?;
        first = false;
        value(out, &note(n, &h))
    })?;
    out.text("\n]}\n")
}

//! `tafel import FILE.json`: tafel's own JSON export (`tafel-export/1` and
//! `/2`) back into a database, merged like `tafel merge` does.
//!
//! An export holds ids, so a session comes back as itself: exported again
//! it gives the same bytes. What the export does not hold cannot come back
//! (deleted notes, tables and participants, drafts, themes, the programme,
//! rounds, timers); what it holds without an id or time (a table's or
//! participant's order, a rating's, response's or status change's id) is
//! given one that keeps its order and never wins over the real row: rows
//! already in the database stay as they are.

use crate::domain::memory::Response;
use crate::domain::{
    Dimension, Item, Note, NoteContent, Participant, Rating, Session, SubQuestion, Table, new_id,
};
use crate::error::{Error, Result};
use crate::export::json::Document;
use crate::store::{ImportRows, StatusRow};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use std::collections::HashSet;
use std::path::Path;

/// The export schemas this tafel reads.
pub const READS: &[&str] = &["tafel-export/1", "tafel-export/2"];

/// Reads and checks a JSON export. Errors name the file (and the line and
/// column where the JSON is wrong).
pub fn read(path: &Path) -> Result<Document> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let schema: Option<String> = serde_json::from_str::<serde_json::Value>(&text)
        .ok()
        .and_then(|v| v.get("schema")?.as_str().map(str::to_string));
    match schema.as_deref() {
        Some(s) if READS.contains(&s) => {}
        Some(s) if s.starts_with("tafel-export/") => {
            return Err(Error::Invalid(format!(
                "{}: schema `{s}` is newer than this tafel reads (up to {}); upgrade tafel",
                path.display(),
                READS[READS.len() - 1]
            )));
        }
        _ => {
            return Err(Error::Invalid(format!(
                "{}: not a tafel JSON export (no \"schema\": \"tafel-export/…\")",
                path.display()
            )));
        }
    }
    let doc: Document = serde_json::from_str(&text).map_err(|e| {
        Error::Invalid(format!(
            "{}:{}:{}: not a tafel export: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    if doc.anonymized {
        return Err(Error::Invalid(format!(
            "{}: an anonymised export leaves out names; it cannot be imported (export again without --anonymize)",
            path.display()
        )));
    }
    Ok(doc)
}

/// A time that sorts in `i`'s place and loses to any real one.
fn early(i: usize) -> DateTime<Utc> {
    DateTime::<Utc>::UNIX_EPOCH + Duration::milliseconds(i as i64)
}

/// Midnight (UTC) of `on`, plus `i` milliseconds: keeps the order of rows
/// of one day.
fn on_day(on: NaiveDate, i: usize) -> DateTime<Utc> {
    on.and_hms_opt(0, 0, 0).expect("midnight").and_utc() + Duration::milliseconds(i as i64)
}

/// The rows of an export, ready for [`crate::store::Store::import_rows`].
pub fn rows(doc: Document) -> ImportRows {
    let s = doc.session;
    let sid = s.id.clone();
    let session = Session {
        id: s.id,
        title: s.title,
        date: s.date,
        location: s.location,
        facilitator: s.facilitator,
        language: s.language,
        agenda_name: s.agenda.name,
        agenda_version: s.agenda.version,
        created_at: s.created_at,
        updated_at: s.updated_at,
    };
    let items = doc
        .items
        .into_iter()
        .enumerate()
        .map(|(i, it)| Item {
            id: it.id,
            session_id: sid.clone(),
            kind: it.kind,
            number: it.number,
            title: it.title,
            statuses: it.statuses,
            remark: it.remark,
            dimension: it.dimension,
            directorate: it.directorate,
            text: it.text,
            sub_questions: it
                .sub_questions
                .into_iter()
                .map(|q| SubQuestion {
                    label: q.label,
                    text: q.text,
                })
                .collect(),
            closing: it.closing,
            position: i as u32,
        })
        .collect();
    let tables = doc
        .tables
        .into_iter()
        .enumerate()
        .map(|(i, t)| Table {
            id: t.id,
            session_id: sid.clone(),
            name: t.name,
            host: t.host,
            position: i as u32,
            timebox_minutes: t.timebox_minutes,
            item_ids: t.item_ids,
            created_at: early(i),
            updated_at: early(i),
        })
        .collect();
    let participants = doc
        .participants
        .into_iter()
        .enumerate()
        .map(|(i, p)| Participant {
            id: p.id,
            session_id: sid.clone(),
            name: p.name,
            organisation: p.organisation,
            group: p.group,
            // An export names only those who agreed to be named.
            naming: crate::domain::Naming::Named,
            created_at: early(i),
            updated_at: early(i),
            deleted_at: None,
        })
        .collect();
    let ratings = doc
        .ratings
        .into_iter()
        .map(|r| Rating {
            // Sorts before any id tafel makes: a tie goes to the real row.
            id: match r.item_id.get(8..) {
                Some(rest) if r.item_id.len() > 8 => format!("00000000{rest}"),
                _ => new_id(),
            },
            session_id: sid.clone(),
            item_id: r.item_id,
            level: r.level,
            comment: r.comment,
            created_at: r.updated_at,
            updated_at: r.updated_at,
        })
        .collect();
    // Status changes: those made in this meeting, then each action's trail;
    // each change once.
    let mut seen = HashSet::new();
    let mut status_changes = Vec::new();
    let mut change = |note: &str, made_in: &str, status, on, at| {
        if seen.insert((note.to_string(), made_in.to_string(), status, on)) {
            status_changes.push(StatusRow {
                id: new_id(),
                note_id: note.to_string(),
                session_id: made_in.to_string(),
                status,
                on,
                created_at: at,
            });
        }
    };
    for (i, c) in doc.status_changes.iter().enumerate() {
        change(&c.note_id, &sid, c.to, c.on, on_day(c.on, i));
    }
    for n in &doc.notes {
        for (j, st) in n.status_trail.iter().enumerate() {
            change(&n.id, &st.session_id, st.status, st.on, on_day(st.on, j));
        }
    }
    for c in &doc.carried_actions {
        for (j, st) in c.status_trail.iter().enumerate() {
            change(
                &c.note_id,
                &st.session_id,
                st.status,
                st.on,
                on_day(st.on, j),
            );
        }
    }
    let responses = doc
        .responses
        .into_iter()
        .enumerate()
        .map(|(i, r)| Response {
            id: new_id(),
            note_id: r.note_id,
            status: r.status,
            reason: r.reason,
            by: r.by,
            on: r.on,
            created_at: on_day(r.on, i),
        })
        .collect();
    let carried = doc
        .carried_actions
        .into_iter()
        .map(|c| (c.note_id, c.item_id))
        .collect();
    let notes = doc
        .notes
        .into_iter()
        .map(|n| Note {
            id: n.id,
            session_id: sid.clone(),
            number: n.number,
            item_id: n.item_id,
            table_id: n.table_id,
            content: NoteContent {
                kind: n.kind,
                text: n.text,
                participant_id: n.participant_id,
                group: n.group,
                tags: n.tags,
                owner: n.owner,
                due: n.due,
            },
            votes_for: n.votes_for,
            votes_against: n.votes_against,
            round: None,
            created_at: n.created_at,
            updated_at: n.updated_at,
            deleted_at: None,
            origin: None,
        })
        .collect();
    ImportRows {
        session,
        follows: s.follows,
        dimensions: doc
            .dimensions
            .into_iter()
            .map(|d| Dimension {
                key: d.key,
                name: d.name,
                description: d.description,
            })
            .collect(),
        items,
        tables,
        participants,
        notes,
        ratings,
        status_changes,
        responses,
        carried,
    }
}

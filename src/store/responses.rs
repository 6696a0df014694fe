//! The reasoned response ledger: what was done with an idea, concern,
//! question or agreement. Responses are only ever added; a note's latest
//! (by the day it was given, then by when it was recorded) is its response.

use super::actions::kind_phrase;
use super::history::{LATEST_RESPONSE_FIRST, SHOWN};
use super::notes::{COLUMNS as NOTE_COLUMNS, from_row as note_from_row};
use super::{OptionalRow, Store, now, parse_date, parse_key, parse_ts, ts};
use crate::domain::memory::{Response, ResponseInput, takes_response};
use crate::domain::{Note, ResponseStatus, new_id};
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, Row, params};

/// The one column list every query of `response` selects (as `r`), read by
/// name in [`from_row`].
pub(super) const COLUMNS: &str = "r.id AS response_id, r.note_id AS response_note_id, \
    r.status AS response_status, r.reason AS response_reason, r.given_by AS response_by, \
    r.given_on AS response_on, r.created_at AS response_created_at";

/// A response from a row of [`COLUMNS`].
pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Response> {
    Ok(Response {
        id: r.get("response_id")?,
        note_id: r.get("response_note_id")?,
        status: parse_key(
            &r.get::<_, String>("response_status")?,
            ResponseStatus::from_key,
        )?,
        reason: r.get("response_reason")?,
        by: r.get("response_by")?,
        on: parse_date(&r.get::<_, String>("response_on")?)?,
        created_at: parse_ts(&r.get::<_, String>("response_created_at")?)?,
    })
}

impl Store {
    /// Adds a reasoned response to the note `note_id`, committed before
    /// this returns. Refuses (writing nothing) a note that is deleted or is
    /// not an idea, concern, question or agreement, and a response without
    /// a reason.
    pub fn respond(&mut self, note_id: &str, input: &ResponseInput) -> Result<Response> {
        let note = self.note(note_id)?;
        if note.deleted_at.is_some() {
            return Err(Error::NotFound("note"));
        }
        if !takes_response(note.content.kind) {
            return Err(Error::Invalid(format!(
                "note {} is {}; only ideas, concerns, questions and agreements get a reasoned response",
                self.note_ref(&note.session_id, note.number)?,
                kind_phrase(note.content.kind)
            )));
        }
        if input.reason.trim().is_empty() {
            return Err(Error::Invalid(
                "a reasoned response needs a reason (--reason TEXT)".into(),
            ));
        }
        let id = new_id();
        self.conn.execute(
            "INSERT INTO response (id, note_id, status, reason, given_by, given_on, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                id,
                note_id,
                input.status.key(),
                input.reason.trim(),
                input.by.trim(),
                input.on.to_string(),
                ts(&now())
            ],
        )?;
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM response r WHERE r.id = ?1"),
                [&id],
                from_row,
            )
            .found("response")
    }

    /// Every response to a note, oldest first.
    pub fn responses(&self, note_id: &str) -> Result<Vec<Response>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM response r WHERE r.note_id = ?1
             ORDER BY r.given_on, r.created_at, r.id"
        ))?;
        let rows = st.query_map([note_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Response `id` with the note it answers.
    pub fn response_and_note(&self, id: &str) -> Result<(Note, Response)> {
        self.conn
            .prepare_cached(&format!(
                "SELECT {NOTE_COLUMNS}, {COLUMNS} FROM response r JOIN note n ON n.id = r.note_id
                 WHERE r.id = ?1"
            ))?
            .query_row([id], |r| Ok((note_from_row(r)?, from_row(r)?)))
            .optional()?
            .ok_or(Error::NotFound("response"))
    }

    /// A note's response: its latest.
    pub fn latest_response(&self, note_id: &str) -> Result<Option<Response>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM response r WHERE r.note_id = ?1
                 ORDER BY {LATEST_RESPONSE_FIRST} LIMIT 1"
            ))?
            .query_row([note_id], from_row)
            .optional()?)
    }

    /// The responses to the notes a session shows, by note number, each
    /// note's oldest first, with their note. Reads the responses and looks
    /// up their notes (`CROSS JOIN` keeps SQLite from reading every note of
    /// the session instead: responses are few, notes may be many).
    pub fn session_responses(&self, session_id: &str) -> Result<Vec<(Note, Response)>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {NOTE_COLUMNS}, {COLUMNS} FROM response r CROSS JOIN note n ON n.id = r.note_id
             WHERE n.session_id = ?1 AND {SHOWN}
             ORDER BY n.number, r.given_on, r.created_at, r.id"
        ))?;
        let rows = st.query_map([session_id], |r| Ok((note_from_row(r)?, from_row(r)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Who gave the responses to the notes of these sessions, each name
    /// once, sorted: names an anonymised export must leave out. Reads the
    /// responses, as [`Store::session_responses`] does.
    pub fn response_givers(&self, session_ids: &[String]) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT DISTINCT r.given_by FROM response r CROSS JOIN note n ON n.id = r.note_id
             WHERE n.session_id = ?1 AND trim(r.given_by) <> ''",
        )?;
        let mut out = std::collections::BTreeSet::new();
        for id in session_ids {
            for by in st.query_map([id], |r| r.get::<_, String>(0))? {
                out.insert(by?);
            }
        }
        Ok(out.into_iter().collect())
    }
}

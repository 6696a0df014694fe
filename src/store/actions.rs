//! An action's status over time: open, in progress, done, dropped. Every
//! change is a row of `action_status_change` with the day it was made and
//! the meeting in which it was made; the status now is that of the latest
//! change (by day, then by when it was recorded), open without any.

use super::history::{LATEST_CHANGE_FIRST, SHOWN, head_columns, head_from_row};
use super::notes::{COLUMNS as NOTE_COLUMNS, from_row as note_from_row};
use super::{OptionalRow, Store, now, parse_date, parse_key, parse_ts, ts};
use crate::domain::memory::{ItemRef, NoteRef, SessionStatusChange, StatusChange};
use crate::domain::{ActionState, ItemKind, Note, NoteKind, Session, new_id};
use crate::error::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{Row, params};

/// The one column list every query of `action_status_change` selects (as
/// `c`, with the session it was made in as `ms`), read by name in
/// [`from_row`].
const COLUMNS: &str = "c.id AS change_id, c.note_id AS change_note_id, c.status AS change_status, \
    c.changed_on AS change_on, c.created_at AS change_created_at, \
    ms.id AS made_id, ms.title AS made_title, ms.date AS made_date";

/// A status change from a row of [`COLUMNS`].
fn from_row(r: &Row<'_>) -> rusqlite::Result<StatusChange> {
    Ok(StatusChange {
        id: r.get("change_id")?,
        note_id: r.get("change_note_id")?,
        status: parse_key(&r.get::<_, String>("change_status")?, ActionState::from_key)?,
        on: parse_date(&r.get::<_, String>("change_on")?)?,
        made_in: head_from_row(r, "made")?,
        created_at: parse_ts(&r.get::<_, String>("change_created_at")?)?,
    })
}

impl Store {
    /// The live note `number` of a session.
    pub fn note_by_number(&self, session_id: &str, number: u32) -> Result<Note> {
        self.conn
            .query_row(
                &format!(
                    "SELECT {NOTE_COLUMNS} FROM note n
                     WHERE n.session_id = ?1 AND n.number = ?2 AND n.deleted_at IS NULL"
                ),
                params![session_id, number],
                note_from_row,
            )
            .found("note")
    }

    /// The note named by `SESSION#NUMBER` (see [`NoteRef`]) and its session.
    /// Errors name what was not found, in one line.
    pub fn resolve_note(&self, r: &NoteRef) -> Result<(Session, Note)> {
        let session = self.resolve_session(Some(&r.session))?;
        let note = self
            .note_by_number(&session.id, r.number)
            .map_err(|e| match e {
                Error::NotFound(_) => Error::Invalid(format!(
                    "no note #{} in session {} ({}, {})",
                    r.number,
                    r.session,
                    session.date,
                    crate::text::one_line(&session.title)
                )),
                e => e,
            })?;
        Ok((session, note))
    }

    /// Records that the action `note_id` has `status` from day `on`, a
    /// change made in the meeting `session_id`; committed before this
    /// returns. Refuses (writing nothing) a note that is not a live action,
    /// a meeting or day before the one where the action was noted, and a
    /// status the action has already.
    pub fn set_action_status(
        &mut self,
        note_id: &str,
        status: ActionState,
        session_id: &str,
        on: NaiveDate,
    ) -> Result<StatusChange> {
        let note = self.note(note_id)?;
        if note.deleted_at.is_some() {
            return Err(Error::NotFound("note"));
        }
        let noted_in = self.session(&note.session_id)?;
        let action = self.note_ref(&noted_in.id, note.number)?;
        if note.content.kind != NoteKind::Action {
            return Err(Error::Invalid(format!(
                "note {action} is {}, not an action; only actions have a status",
                kind_phrase(note.content.kind)
            )));
        }
        let made_in = self.session(session_id)?;
        if made_in.date < noted_in.date || on < noted_in.date {
            return Err(Error::Invalid(format!(
                "action {action} was noted on {}; its status cannot change before that",
                noted_in.date
            )));
        }
        let id = new_id();
        self.transaction(|tx| {
            let current: String = tx.query_row(
                &format!(
                    "SELECT coalesce((SELECT c.status FROM action_status_change c WHERE c.note_id = ?1
                     ORDER BY {LATEST_CHANGE_FIRST} LIMIT 1), 'open')"
                ),
                [note_id],
                |r| r.get(0),
            )?;
            if current == status.key() {
                return Err(Error::Invalid(format!(
                    "action {action} is {} already; nothing changed",
                    status.label(crate::domain::Lang::En)
                )));
            }
            tx.execute(
                "INSERT INTO action_status_change (id, note_id, session_id, status, changed_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, note_id, session_id, status.key(), on.to_string(), ts(&now())],
            )?;
            Ok(())
        })?;
        self.conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM action_status_change c
                     JOIN session ms ON ms.id = c.session_id WHERE c.id = ?1"
                ),
                [&id],
                from_row,
            )
            .found("status change")
    }

    /// The status now of the action `note_id` (open when never changed).
    pub fn action_state(&self, note_id: &str) -> Result<ActionState> {
        Ok(self
            .action_trail(note_id)?
            .last()
            .map_or(ActionState::Open, |c| c.status))
    }

    /// Every status change of the action `note_id`, oldest first.
    pub fn action_trail(&self, note_id: &str) -> Result<Vec<StatusChange>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM action_status_change c JOIN session ms ON ms.id = c.session_id
             WHERE c.note_id = ?1 ORDER BY c.changed_on, c.created_at, c.id"
        ))?;
        let rows = st.query_map([note_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The status changes made in the meeting `session_id`, in the order
    /// they were made, each with the action it changed and the status
    /// before. Actions since deleted are left out.
    pub fn status_changes_in(&self, session_id: &str) -> Result<Vec<SessionStatusChange>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS}, {NOTE_COLUMNS}, {}, i.kind AS item_kind, i.number AS item_number
             FROM action_status_change c
             JOIN session ms ON ms.id = c.session_id
             JOIN note n ON n.id = c.note_id
             JOIN session s ON s.id = n.session_id
             JOIN item i ON i.id = n.item_id
             WHERE c.session_id = ?1 AND {SHOWN} AND n.kind = 'action'
             ORDER BY c.changed_on, c.created_at, c.id",
            head_columns("s", "origin")
        ))?;
        let rows = st.query_map([session_id], |r| {
            Ok((
                from_row(r)?,
                note_from_row(r)?,
                head_from_row(r, "origin")?,
                ItemRef {
                    kind: parse_key(&r.get::<_, String>("item_kind")?, ItemKind::from_key)?,
                    number: r.get("item_number")?,
                },
            ))
        })?;
        let rows: Vec<_> = rows.collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (change, note, origin, item) in rows {
            let trail = self.action_trail(&note.id)?;
            let previous = trail
                .iter()
                .take_while(|c| c.id != change.id)
                .last()
                .map_or(ActionState::Open, |c| c.status);
            out.push(SessionStatusChange {
                change,
                previous,
                note,
                origin,
                item,
            });
        }
        Ok(out)
    }
}

/// "an idea", "an observation" …, for messages.
pub(super) fn kind_phrase(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::Observation => "an observation",
        NoteKind::Idea => "an idea",
        NoteKind::Question => "a question",
        NoteKind::Concern => "a concern",
        NoteKind::Agreement => "an agreement",
        NoteKind::Action => "an action",
    }
}

impl Store {
    /// The status trails of the actions noted in a session that have
    /// changed (note id → changes, oldest first). Actions without changes
    /// are open and not in the map.
    pub fn status_trails(
        &self,
        session_id: &str,
    ) -> Result<std::collections::HashMap<String, Vec<StatusChange>>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM action_status_change c JOIN session ms ON ms.id = c.session_id
             WHERE c.note_id IN (SELECT id FROM note WHERE session_id = ?1)
             ORDER BY c.changed_on, c.created_at, c.id"
        ))?;
        let mut out: std::collections::HashMap<String, Vec<StatusChange>> =
            std::collections::HashMap::new();
        for change in st.query_map([session_id], from_row)? {
            let change = change?;
            out.entry(change.note_id.clone()).or_default().push(change);
        }
        Ok(out)
    }
}

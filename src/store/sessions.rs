//! Sessions: one MSF meeting each, with the agenda copied in.

use super::{Store, now, parse_date, parse_key, parse_ts, ts};
use crate::agenda::Agenda;
use crate::domain::{Lang, NewSession, Session, SessionSummary, new_id};
use crate::error::{Error, Result};
use rusqlite::{Row, params};

const COLUMNS: &str = "id, title, date, location, facilitator, language, agenda_name, \
                       agenda_version, created_at, updated_at";

/// A session from a row of [`COLUMNS`].
fn from_row(r: &Row<'_>) -> rusqlite::Result<Session> {
    Ok(Session {
        id: r.get("id")?,
        title: r.get("title")?,
        date: parse_date(&r.get::<_, String>("date")?)?,
        location: r.get("location")?,
        facilitator: r.get("facilitator")?,
        language: parse_key(&r.get::<_, String>("language")?, Lang::from_key)?,
        agenda_name: r.get("agenda_name")?,
        agenda_version: r.get("agenda_version")?,
        created_at: parse_ts(&r.get::<_, String>("created_at")?)?,
        updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
    })
}

impl Store {
    /// Creates a session and copies the agenda's dimensions, items and themes
    /// into it, in one transaction.
    pub fn create_session(&mut self, new: &NewSession, agenda: &Agenda) -> Result<Session> {
        if new.title.trim().is_empty() {
            return Err(Error::Invalid("a session needs a title".into()));
        }
        let t = now();
        let session = Session {
            id: new_id(),
            title: new.title.clone(),
            date: new.date,
            location: new.location.clone(),
            facilitator: new.facilitator.clone(),
            language: new.language,
            agenda_name: agenda.name.clone(),
            agenda_version: agenda.version.clone(),
            created_at: t,
            updated_at: t,
        };
        let items = agenda.items(&session.id);
        let themes = agenda.session_themes(&items);
        self.transaction(|tx| {
            tx.execute(
                &format!("INSERT INTO session ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
                params![
                    session.id,
                    session.title,
                    session.date.to_string(),
                    session.location,
                    session.facilitator,
                    session.language.key(),
                    session.agenda_name,
                    session.agenda_version,
                    ts(&t),
                    ts(&t)
                ],
            )?;
            super::items::insert_dimensions(tx, &session.id, &agenda.dimensions)?;
            super::items::insert_items(tx, &items)?;
            super::themes::insert_themes(tx, &session.id, &themes)?;
            super::programme::insert_blocks(tx, &session.id, 0, &agenda.programme)?;
            Ok(())
        })?;
        Ok(session)
    }

    pub fn session(&self, id: &str) -> Result<Session> {
        use super::OptionalRow;
        self.conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM session WHERE id = ?1"))
            .and_then(|mut st| st.query_row([id], from_row))
            .found("session")
            .map_err(|_| Error::UnknownSession(id.to_string()))
    }

    /// All sessions, newest first.
    pub fn sessions(&self) -> Result<Vec<Session>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM session ORDER BY date DESC, created_at DESC"
        ))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sessions, newest first, with how many tables, items and notes each has.
    pub fn session_summaries(&self) -> Result<Vec<SessionSummary>> {
        // `CROSS JOIN`: from the merged notes (none, or a few) to their
        // session, not from every note of the session to its origin (which
        // SQLite chose by itself: 7–50 ms at 100,000 notes, on every start).
        let mut count = self.conn.prepare(
            "SELECT (SELECT count(*) FROM thematic_table WHERE session_id = ?1 AND deleted_at IS NULL) AS tables,
                    (SELECT count(*) FROM item WHERE session_id = ?1) AS items,
                    (SELECT coalesce(sum(live), 0) FROM note_count WHERE session_id = ?1) AS notes,
                    (SELECT count(DISTINCT o.database_id) FROM note_origin o
                       CROSS JOIN note n ON n.id = o.note_id WHERE n.session_id = ?1) AS merged_from",
        )?;
        self.sessions()?
            .into_iter()
            .map(|session| {
                let (tables, items, notes, merged_from) = count.query_row([&session.id], |r| {
                    Ok((
                        r.get::<_, i64>("tables")?,
                        r.get::<_, i64>("items")?,
                        r.get::<_, i64>("notes")?,
                        r.get::<_, i64>("merged_from")?,
                    ))
                })?;
                Ok(SessionSummary {
                    session,
                    tables: tables as u64,
                    items: items as u64,
                    notes: notes as u64,
                    merged_from: merged_from as u64,
                })
            })
            .collect()
    }

    /// The session named by a full id or a unique prefix of one; without an
    /// id, the newest session.
    pub fn resolve_session(&self, id: Option<&str>) -> Result<Session> {
        let Some(id) = id else {
            return self.sessions()?.into_iter().next().ok_or(Error::NoSessions);
        };
        let id = id.trim();
        if id.is_empty() {
            return Err(Error::UnknownSession(id.into()));
        }
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM session WHERE substr(id, 1, ?2) = ?1 LIMIT 2"
        ))?;
        let found: Vec<Session> = st
            .query_map(params![id, id.chars().count() as i64], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        match found.len() {
            1 => Ok(found.into_iter().next().expect("one")),
            0 => Err(Error::UnknownSession(id.into())),
            _ => Err(Error::AmbiguousSession(id.into())),
        }
    }

    /// Changes a session's title, date, location, facilitator and language.
    pub fn update_session(&mut self, id: &str, new: &NewSession) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE session SET title = ?2, date = ?3, location = ?4, facilitator = ?5, language = ?6,
                    updated_at = ?7 WHERE id = ?1",
            params![
                id,
                new.title,
                new.date.to_string(),
                new.location,
                new.facilitator,
                new.language.key(),
                ts(&now())
            ],
        )?;
        super::expect_changed(n, "session")
    }
}

/// Inserts a session row as it is (a follow-up meeting; see
/// `follow_up.rs`), inside the caller's transaction.
pub(super) fn insert(tx: &rusqlite::Transaction<'_>, s: &Session) -> Result<()> {
    tx.execute(
        &format!(
            "INSERT INTO session ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
        ),
        params![
            s.id,
            s.title,
            s.date.to_string(),
            s.location,
            s.facilitator,
            s.language.key(),
            s.agenda_name,
            s.agenda_version,
            ts(&s.created_at),
            ts(&s.updated_at)
        ],
    )?;
    Ok(())
}

//! Follow-up meetings: a new session with the agenda, tables and
//! participants of an earlier one, into which every action still open
//! there is carried.
//!
//! A carried action is a link (`carried_action`) to the note where the
//! action was agreed, never a copy, so it has one status trail wherever it
//! shows. What is carried from session S: S's own actions and the actions
//! carried into S, those of them that are open or in progress now — so an
//! action open in March and still open in June is carried again to
//! September, once.

use super::history::{SHOWN, head_columns, head_from_row, state_sql};
use super::notes::{COLUMNS as NOTE_COLUMNS, from_row as note_from_row};
use super::{Store, now, parse_key, ts};
use crate::domain::memory::{CarriedAction, ItemRef};
use crate::domain::{ActionState, ItemKind, NewSession, Session, new_id};
use crate::error::{Error, Result};
use rusqlite::{OptionalExtension, params};
use std::collections::HashMap;

impl Store {
    /// Makes a follow-up of the session `from_id`, in one transaction: a
    /// new session (title, date, location, facilitator and language from
    /// `new`) with the earlier session's agenda (items and dimensions as
    /// they were copied into it), its tables (name, host, time box, items,
    /// order; timers at zero) and participants (not the deleted ones), and
    /// every action that is open or in progress now carried into it.
    pub fn follow_up(&mut self, from_id: &str, new: &NewSession) -> Result<Session> {
        if new.title.trim().is_empty() {
            return Err(Error::Invalid("a session needs a title".into()));
        }
        let from = self.session(from_id)?;
        let t = now();
        let session = Session {
            id: new_id(),
            title: new.title.clone(),
            date: new.date,
            location: new.location.clone(),
            facilitator: new.facilitator.clone(),
            language: new.language,
            agenda_name: from.agenda_name.clone(),
            agenda_version: from.agenda_version.clone(),
            created_at: t,
            updated_at: t,
        };
        let dimensions = self.dimensions(&from.id)?;
        let mut items = self.items(&from.id)?;
        let mut item_ids: HashMap<String, String> = HashMap::new();
        let mut by_ref: HashMap<ItemRef, String> = HashMap::new();
        for item in &mut items {
            let id = new_id();
            item_ids.insert(item.id.clone(), id.clone());
            by_ref.insert(ItemRef::of(item), id.clone());
            item.id = id;
            item.session_id = session.id.clone();
        }
        let mut tables = self.tables(&from.id)?;
        for table in &mut tables {
            table.id = new_id();
            table.session_id = session.id.clone();
            table.item_ids = table
                .item_ids
                .iter()
                .filter_map(|i| item_ids.get(i).cloned())
                .collect();
            table.created_at = t;
            table.updated_at = t;
        }
        let mut participants = self.participants(&from.id)?;
        for p in &mut participants {
            p.id = new_id();
            p.session_id = session.id.clone();
            p.created_at = t;
            p.updated_at = t;
        }
        // The agenda's themes and the programme's plan (not its times).
        let themes: Vec<crate::domain::Theme> = self
            .themes(&from.id)?
            .into_iter()
            .map(|th| crate::domain::Theme {
                name: th.name,
                item_ids: th
                    .item_ids
                    .iter()
                    .filter_map(|i| item_ids.get(i).cloned())
                    .collect(),
            })
            .collect();
        let programme: Vec<crate::domain::programme::PlannedBlock> = self
            .programme(&from.id)?
            .into_iter()
            .map(|b| b.plan)
            .collect();
        let carried: Vec<(String, String)> = self
            .open_actions_of(&from.id)?
            .into_iter()
            .filter_map(|(note, item)| Some((note, by_ref.get(&item)?.clone())))
            .collect();
        self.transaction(|tx| {
            super::sessions::insert(tx, &session)?;
            super::items::insert_dimensions(tx, &session.id, &dimensions)?;
            super::items::insert_items(tx, &items)?;
            super::themes::insert_themes(tx, &session.id, &themes)?;
            super::programme::insert_blocks(tx, &session.id, 0, &programme)?;
            for table in &tables {
                super::tables::insert(tx, table)?;
            }
            for p in &participants {
                super::participants::insert(tx, p)?;
            }
            tx.execute(
                "INSERT INTO follow_up (session_id, from_session_id, created_at) VALUES (?1, ?2, ?3)",
                params![session.id, from.id, ts(&t)],
            )?;
            let mut st = tx.prepare(
                "INSERT INTO carried_action (session_id, note_id, item_id, created_at)
                 VALUES (?1, ?2, ?3, ?4)",
            )?;
            for (note, item) in &carried {
                st.execute(params![session.id, note, item, ts(&t)])?;
            }
            Ok(())
        })?;
        Ok(session)
    }

    /// The actions of a session and those carried into it that are open or
    /// in progress now: (note id, item), each once, oldest first.
    fn open_actions_of(&self, session_id: &str) -> Result<Vec<(String, ItemRef)>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT n.id AS note_id, i.kind AS kind, i.number AS number FROM note n
               JOIN item i ON i.id = n.item_id JOIN session s ON s.id = n.session_id
             WHERE (n.session_id = ?1
                    OR n.id IN (SELECT note_id FROM carried_action WHERE session_id = ?1))
               AND n.kind = 'action' AND {SHOWN} AND {} IN ('open', 'in_progress')
             ORDER BY s.date, s.created_at, n.number",
            state_sql("n.id")
        ))?;
        let rows = st.query_map([session_id], |r| {
            Ok((
                r.get("note_id")?,
                ItemRef {
                    kind: parse_key(&r.get::<_, String>("kind")?, ItemKind::from_key)?,
                    number: r.get("number")?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The session that `session_id` follows up, if it was made as one.
    pub fn follows(&self, session_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT from_session_id FROM follow_up WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// The actions carried into a session, in agenda order of their item,
    /// then oldest first; each with its status now and its trail. Actions
    /// since deleted (or no longer actions) are left out.
    pub fn carried_actions(&self, session_id: &str) -> Result<Vec<CarriedAction>> {
        self.carried(session_id, None)
    }

    /// The actions carried into a session at one of its items.
    pub fn carried_actions_at(
        &self,
        session_id: &str,
        item_id: &str,
    ) -> Result<Vec<CarriedAction>> {
        self.carried(session_id, Some(item_id))
    }

    fn carried(&self, session_id: &str, item_id: Option<&str>) -> Result<Vec<CarriedAction>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS}, {}, c.item_id AS carried_item_id,
                    ti.kind AS item_kind, ti.number AS item_number
             FROM carried_action c
               JOIN note n ON n.id = c.note_id
               JOIN session s ON s.id = n.session_id
               JOIN item ti ON ti.id = c.item_id
             WHERE c.session_id = ?1 AND (?2 IS NULL OR c.item_id = ?2)
               AND n.kind = 'action' AND {SHOWN}
             ORDER BY ti.position, s.date, s.created_at, n.number",
            head_columns("s", "origin")
        ))?;
        let rows = st.query_map(params![session_id, item_id], |r| {
            Ok(CarriedAction {
                note: note_from_row(r)?,
                origin: head_from_row(r, "origin")?,
                item_id: r.get("carried_item_id")?,
                item: ItemRef {
                    kind: parse_key(&r.get::<_, String>("item_kind")?, ItemKind::from_key)?,
                    number: r.get("item_number")?,
                },
                state: ActionState::Open,
                trail: Vec::new(),
            })
        })?;
        let mut out: Vec<CarriedAction> = rows.collect::<rusqlite::Result<_>>()?;
        for a in &mut out {
            a.trail = self.action_trail(&a.note.id)?;
            a.state = a.trail.last().map_or(ActionState::Open, |c| c.status);
        }
        Ok(out)
    }
}

impl Store {
    /// The sessions where the actions carried into `session_id` were
    /// noted, each once, oldest first.
    pub fn carried_origins(&self, session_id: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT s.id FROM session s WHERE s.id IN
               (SELECT n.session_id FROM carried_action c JOIN note n ON n.id = c.note_id
                WHERE c.session_id = ?1)
             ORDER BY s.date, s.created_at",
        )?;
        let rows = st.query_map([session_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

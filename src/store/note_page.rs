//! An item's notes a page at a time, for the run screen: an item may hold
//! thousands of notes, and a frame shows a few dozen. A page is a run of
//! the item's live notes in number order, found by where it starts (the
//! first or last notes, those before or after a number, those around a
//! position or a note); with it come the item's count of live notes (kept
//! by triggers in `note_count`) and what the screen shows beside each note
//! of the page: its origin, an action's status, the latest response.

use super::history::{LATEST_RESPONSE_FIRST, state_sql};
use super::notes::{COLUMNS, for_each_row};
use super::{Store, parse_key};
use crate::domain::memory::Response;
use crate::domain::{ActionState, Id, Note, NoteKind};
use crate::error::Result;
use rusqlite::{OptionalExtension, ToSql};

/// The live notes of item `?1` (aliased `n`).
const LIVE: &str = "n.item_id = ?1 AND n.deleted_at IS NULL";

/// Where a page of an item's live notes starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PageAt {
    /// The item's first notes.
    First,
    /// The item's last notes.
    Last,
    /// The notes just before number `n` (not included).
    Before(u32),
    /// The notes just after number `n` (not included).
    After(u32),
    /// The notes around position `i` (0 is the item's first live note).
    Around(usize),
    /// The notes around the live note with this id (else the last notes).
    Note(Id),
}

/// A page of an item's live notes, oldest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotePage {
    pub notes: Vec<Note>,
    /// The item's live notes, all of them.
    pub total: usize,
    /// The position of `notes[0]` among them, when the query knew it
    /// (every start but [`PageAt::Before`] and [`PageAt::After`]).
    pub first: Option<usize>,
    /// Of the page's actions: their status now.
    pub states: Vec<(Id, ActionState)>,
    /// Of the page's other notes: their latest reasoned response.
    pub responses: Vec<(Id, Response)>,
    /// The page's notes that have other versions (kept by a merge), and
    /// how many.
    pub versions: Vec<(Id, usize)>,
}

impl Store {
    /// Up to `size` live notes of item `item_id` (in session `session_id`)
    /// starting `at`, read in one transaction with the item's count.
    pub fn note_page(
        &self,
        session_id: &str,
        item_id: &str,
        at: &PageAt,
        size: usize,
    ) -> Result<NotePage> {
        self.exec("BEGIN", [])?;
        let page = self.read_page(session_id, item_id, at, size);
        // A read: ending it cannot lose anything, whatever `page` was.
        self.exec("COMMIT", [])?;
        page
    }

    fn read_page(
        &self,
        session_id: &str,
        item_id: &str,
        at: &PageAt,
        size: usize,
    ) -> Result<NotePage> {
        let total: usize = self
            .conn
            .prepare_cached("SELECT live FROM note_count WHERE session_id = ?1 AND item_id = ?2")?
            .query_row([session_id, item_id], |r| r.get::<_, i64>(0))
            .optional()?
            .map_or(0, |n| n.max(0) as usize);
        let limit = size as i64;
        // Centred on position `i`, within the item.
        let around = |i: usize| i.saturating_sub(size / 2).min(total.saturating_sub(size));
        let from = |start: usize| -> Result<(Vec<Note>, Option<usize>)> {
            let sql = format!(
                "SELECT {COLUMNS} FROM note n WHERE {LIVE} ORDER BY n.number LIMIT ?2 OFFSET ?3"
            );
            let notes = self.notes(&sql, &[&item_id, &limit, &(start as i64)], false)?;
            Ok((notes, Some(start)))
        };
        let last = || -> Result<(Vec<Note>, Option<usize>)> {
            let sql = format!(
                "SELECT {COLUMNS} FROM note n WHERE {LIVE} ORDER BY n.number DESC LIMIT ?2"
            );
            let notes = self.notes(&sql, &[&item_id, &limit], true)?;
            let first = total.saturating_sub(notes.len());
            Ok((notes, Some(first)))
        };
        let (notes, first) = match at {
            PageAt::First => from(0)?,
            PageAt::Last => last()?,
            PageAt::Around(i) => from(around(*i))?,
            PageAt::Note(id) => match self.position_of(item_id, id)? {
                Some(i) => from(around(i))?,
                None => last()?,
            },
            PageAt::Before(n) => {
                let sql = format!(
                    "SELECT {COLUMNS} FROM note n WHERE {LIVE} AND n.number < ?3
                     ORDER BY n.number DESC LIMIT ?2"
                );
                (self.notes(&sql, &[&item_id, &limit, n], true)?, None)
            }
            PageAt::After(n) => {
                let sql = format!(
                    "SELECT {COLUMNS} FROM note n WHERE {LIVE} AND n.number > ?3
                     ORDER BY n.number LIMIT ?2"
                );
                (self.notes(&sql, &[&item_id, &limit, n], false)?, None)
            }
        };
        let mut page = NotePage {
            notes,
            total,
            first,
            ..NotePage::default()
        };
        if let (Some(lo), Some(hi)) = (page.notes.first(), page.notes.last()) {
            let range = (item_id, lo.number, hi.number);
            self.fill_page_origins(&mut page.notes, range)?;
            page.states = self.page_states(range)?;
            page.responses = self.page_responses(range)?;
            page.versions = self.page_versions(range)?;
        }
        Ok(page)
    }

    /// The notes a statement selects, oldest first (`reversed`: it
    /// selects them newest first).
    fn notes(&self, sql: &str, params: &[&dyn ToSql], reversed: bool) -> Result<Vec<Note>> {
        let mut st = self.conn.prepare_cached(sql)?;
        let mut notes = Vec::new();
        for_each_row(&mut st, params, |n| {
            notes.push(n);
            Ok(())
        })?;
        if reversed {
            notes.reverse();
        }
        Ok(notes)
    }

    /// The position of live note `id` among item `item_id`'s live notes;
    /// `None` if it is not one of them.
    fn position_of(&self, item_id: &str, id: &str) -> Result<Option<usize>> {
        let before: Option<i64> = self
            .conn
            .prepare_cached(&format!(
                "SELECT (SELECT count(*) FROM note n WHERE {LIVE} AND n.number < m.number)
                 FROM note m WHERE m.id = ?2 AND m.item_id = ?1 AND m.deleted_at IS NULL"
            ))?
            .query_row([item_id, id], |r| r.get(0))
            .optional()?;
        Ok(before.map(|b| b.max(0) as usize))
    }

    /// The origins of merged notes among `notes` (item, numbers lo..=hi).
    fn fill_page_origins(
        &self,
        notes: &mut [Note],
        (item, lo, hi): (&str, u32, u32),
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(
            "SELECT n.id, o.database_id, o.number, coalesce(m.label, '') AS label
             FROM note n JOIN note_origin o ON o.note_id = n.id
             LEFT JOIN merged_database m ON m.database_id = o.database_id
             WHERE n.item_id = ?1 AND n.number BETWEEN ?2 AND ?3",
        )?;
        let mut rows = st.query(rusqlite::params![item, lo, hi])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            if let Some(n) = notes.iter_mut().find(|n| n.id == id) {
                n.origin = Some(crate::domain::NoteOrigin {
                    database_id: r.get(1)?,
                    number: r.get(2)?,
                    label: r.get(3)?,
                });
            }
        }
        Ok(())
    }

    /// The status now of each live action (item, numbers lo..=hi).
    fn page_states(&self, (item, lo, hi): (&str, u32, u32)) -> Result<Vec<(Id, ActionState)>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT n.id, {} FROM note n
             WHERE n.item_id = ?1 AND n.number BETWEEN ?2 AND ?3 AND n.deleted_at IS NULL
               AND n.kind = '{}'",
            state_sql("n.id"),
            NoteKind::Action.key()
        ))?;
        let rows = st.query_map(rusqlite::params![item, lo, hi], |r| {
            Ok((
                r.get::<_, String>(0)?,
                parse_key(&r.get::<_, String>(1)?, ActionState::from_key)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest response to each live note that is not an action (item,
    /// numbers lo..=hi).
    fn page_responses(&self, (item, lo, hi): (&str, u32, u32)) -> Result<Vec<(Id, Response)>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {} FROM note n JOIN response r ON r.note_id = n.id
             WHERE n.item_id = ?1 AND n.number BETWEEN ?2 AND ?3 AND n.deleted_at IS NULL
               AND n.kind <> '{}'
               AND r.id = (SELECT r.id FROM response r WHERE r.note_id = n.id
                           ORDER BY {LATEST_RESPONSE_FIRST} LIMIT 1)",
            super::responses::COLUMNS,
            NoteKind::Action.key()
        ))?;
        let rows = st.query_map(rusqlite::params![item, lo, hi], |r| {
            let response = super::responses::from_row(r)?;
            Ok((response.note_id.clone(), response))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

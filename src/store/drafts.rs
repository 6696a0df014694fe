//! Drafts (text being typed, autosaved) and the place to resume a session.

use super::{Store, now, parse_ts, ts};
use crate::domain::Draft;
use crate::error::Result;
use rusqlite::{OptionalExtension, Row, params};

const COLUMNS: &str = "session_id, item_id, text, updated_at";

/// A draft from a row of [`COLUMNS`].
fn from_row(r: &Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft {
        session_id: r.get("session_id")?,
        item_id: r.get("item_id")?,
        text: r.get("text")?,
        updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
    })
}

const PLACE_COLUMNS: &str = "table_id, item_id, scroll";

/// A place from a row of [`PLACE_COLUMNS`].
fn place_from_row(r: &Row<'_>) -> rusqlite::Result<Place> {
    Ok(Place {
        table_id: r.get("table_id")?,
        item_id: r.get("item_id")?,
        scroll: r.get("scroll")?,
    })
}

/// Where the facilitator was in a session.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Place {
    pub table_id: Option<String>,
    pub item_id: Option<String>,
    pub scroll: u32,
}

impl Store {
    /// Stores the text being typed for an item; an empty text removes the draft.
    pub fn save_draft(&mut self, session_id: &str, item_id: &str, text: &str) -> Result<()> {
        if text.is_empty() {
            return self.clear_draft(session_id, item_id);
        }
        self.exec(
            &format!(
                "INSERT INTO draft ({COLUMNS}) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (session_id, item_id) DO UPDATE SET text = ?3, updated_at = ?4"
            ),
            params![session_id, item_id, text, ts(&now())],
        )?;
        Ok(())
    }

    pub fn draft(&self, session_id: &str, item_id: &str) -> Result<Option<Draft>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {COLUMNS} FROM draft WHERE session_id = ?1 AND item_id = ?2"
            ))?
            .query_row([session_id, item_id], from_row)
            .optional()?)
    }

    /// All drafts of a session (item id → text).
    pub fn drafts(&self, session_id: &str) -> Result<Vec<Draft>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM draft WHERE session_id = ?1"
        ))?;
        let rows = st.query_map([session_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn clear_draft(&mut self, session_id: &str, item_id: &str) -> Result<()> {
        self.exec(
            "DELETE FROM draft WHERE session_id = ?1 AND item_id = ?2",
            params![session_id, item_id],
        )?;
        Ok(())
    }

    /// Remembers where the facilitator is, to resume there.
    pub fn save_place(&mut self, session_id: &str, place: &Place) -> Result<()> {
        self.exec(
            &format!(
                "INSERT INTO place (session_id, {PLACE_COLUMNS}, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (session_id) DO UPDATE SET table_id = ?2, item_id = ?3, scroll = ?4, updated_at = ?5"
            ),
            params![session_id, place.table_id, place.item_id, place.scroll, ts(&now())],
        )?;
        Ok(())
    }

    pub fn place(&self, session_id: &str) -> Result<Option<Place>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {PLACE_COLUMNS} FROM place WHERE session_id = ?1"
            ))?
            .query_row([session_id], place_from_row)
            .optional()?)
    }

    /// The session used most recently (by its saved place), if any.
    pub fn last_used_session(&self) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT session_id FROM place ORDER BY updated_at DESC LIMIT 1",
                [],
                |r| r.get("session_id"),
            )
            .optional()?)
    }
}

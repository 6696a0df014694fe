//! IRM completion ratings of action points, one per session and item.

use super::{Store, now, parse_key, parse_ts, ts};
use crate::domain::{IrmLevel, Rating, new_id};
use crate::error::Result;
use rusqlite::{Row, params};

const COLUMNS: &str = "id, session_id, item_id, level, comment, created_at, updated_at";

/// A rating from a row of [`COLUMNS`].
fn from_row(r: &Row<'_>) -> rusqlite::Result<Rating> {
    Ok(Rating {
        id: r.get("id")?,
        session_id: r.get("session_id")?,
        item_id: r.get("item_id")?,
        level: parse_key(&r.get::<_, String>("level")?, IrmLevel::from_key)?,
        comment: r.get("comment")?,
        created_at: parse_ts(&r.get::<_, String>("created_at")?)?,
        updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
    })
}

impl Store {
    /// Sets (or replaces) the rating of an item in a session.
    pub fn set_rating(
        &mut self,
        session_id: &str,
        item_id: &str,
        level: IrmLevel,
        comment: &str,
    ) -> Result<Rating> {
        let t = ts(&now());
        self.conn.execute(
            &format!(
                "INSERT INTO rating ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (session_id, item_id) DO UPDATE SET level = ?4, comment = ?5, updated_at = ?6"
            ),
            params![new_id(), session_id, item_id, level.key(), comment, t],
        )?;
        self.rating(session_id, item_id)?
            .ok_or(crate::error::Error::NotFound("rating"))
    }

    pub fn rating(&self, session_id: &str, item_id: &str) -> Result<Option<Rating>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM rating WHERE session_id = ?1 AND item_id = ?2"),
                [session_id, item_id],
                from_row,
            )
            .optional()?)
    }

    /// Ratings of the session in item order.
    pub fn ratings(&self, session_id: &str) -> Result<Vec<Rating>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM rating WHERE session_id = ?1
             ORDER BY (SELECT position FROM item WHERE item.id = rating.item_id)"
        ))?;
        let rows = st.query_map([session_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Removes a rating (a rating is a setting, not user text: hard delete).
    pub fn clear_rating(&mut self, session_id: &str, item_id: &str) -> Result<()> {
        self.conn.execute(
            "DELETE FROM rating WHERE session_id = ?1 AND item_id = ?2",
            params![session_id, item_id],
        )?;
        Ok(())
    }
}

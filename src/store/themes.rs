//! Themes: the thematic tables the session's agenda proposes.

use super::Store;
use crate::domain::Theme;
use crate::error::Result;
use rusqlite::{Transaction, params};

/// Copies the agenda's themes into a new session, in agenda order.
pub(super) fn insert_themes(
    tx: &Transaction<'_>,
    session_id: &str,
    themes: &[Theme],
) -> Result<()> {
    let mut theme =
        tx.prepare("INSERT INTO theme (session_id, position, name) VALUES (?1, ?2, ?3)")?;
    let mut item = tx.prepare(
        "INSERT INTO theme_item (item_id, session_id, theme_position, position) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (t, th) in themes.iter().enumerate() {
        theme.execute(params![session_id, t as i64, th.name])?;
        for (i, id) in th.item_ids.iter().enumerate() {
            item.execute(params![id, session_id, t as i64, i as i64])?;
        }
    }
    Ok(())
}

impl Store {
    /// The session's themes in agenda order, each with its items in order;
    /// none for a session whose agenda had none (or made before themes).
    pub fn themes(&self, session_id: &str) -> Result<Vec<Theme>> {
        let mut st = self.conn.prepare_cached(
            "SELECT name, position FROM theme WHERE session_id = ?1 ORDER BY position",
        )?;
        let heads: Vec<(String, i64)> = st
            .query_map([session_id], |r| Ok((r.get("name")?, r.get("position")?)))?
            .collect::<rusqlite::Result<_>>()?;
        let mut items = self.conn.prepare_cached(
            "SELECT item_id FROM theme_item WHERE session_id = ?1 AND theme_position = ?2
             ORDER BY position",
        )?;
        heads
            .into_iter()
            .map(|(name, position)| {
                let item_ids = items
                    .query_map(params![session_id, position], |r| r.get("item_id"))?
                    .collect::<rusqlite::Result<_>>()?;
                Ok(Theme { name, item_ids })
            })
            .collect()
    }
}

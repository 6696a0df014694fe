//! Items (action points and policy questions) and dimensions of a session.

use super::{Store, parse_key};
use crate::domain::{ActionStatus, Dimension, Item, ItemKind, SubQuestion};
use crate::error::Result;
use rusqlite::{Row, Transaction, params};

const COLUMNS: &str = "id, session_id, kind, number, title, statuses, remark, dimension, \
                       directorate, text, sub_questions, closing, position";

/// An item from a row of [`COLUMNS`].
fn from_row(r: &Row<'_>) -> rusqlite::Result<Item> {
    let statuses: String = r.get("statuses")?;
    let sub: String = r.get("sub_questions")?;
    Ok(Item {
        id: r.get("id")?,
        session_id: r.get("session_id")?,
        kind: parse_key(&r.get::<_, String>("kind")?, ItemKind::from_key)?,
        number: r.get("number")?,
        title: r.get("title")?,
        statuses: statuses
            .split_whitespace()
            .map(|s| parse_key(s, ActionStatus::from_key))
            .collect::<rusqlite::Result<_>>()?,
        remark: r.get("remark")?,
        dimension: r.get("dimension")?,
        directorate: r.get("directorate")?,
        text: r.get("text")?,
        sub_questions: serde_json::from_str::<Vec<SubQuestion>>(&sub).map_err(|e| {
            let column = r.as_ref().column_index("sub_questions").unwrap_or(0);
            rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, e.into())
        })?,
        closing: r.get("closing")?,
        position: r.get("position")?,
    })
}

const DIMENSION_COLUMNS: &str = "key, name, description";

/// A dimension from a row of [`DIMENSION_COLUMNS`].
fn dimension_from_row(r: &Row<'_>) -> rusqlite::Result<Dimension> {
    Ok(Dimension {
        key: r.get("key")?,
        name: r.get("name")?,
        description: r.get("description")?,
    })
}

/// Copies the agenda's dimensions into a new session, in agenda order.
pub(super) fn insert_dimensions(
    tx: &Transaction<'_>,
    session_id: &str,
    dimensions: &[Dimension],
) -> Result<()> {
    let mut st = tx.prepare(&format!(
        "INSERT INTO dimension (session_id, {DIMENSION_COLUMNS}, position) VALUES (?1, ?2, ?3, ?4, ?5)"
    ))?;
    for (i, d) in dimensions.iter().enumerate() {
        st.execute(params![session_id, d.key, d.name, d.description, i as i64])?;
    }
    Ok(())
}

pub(super) fn insert_items(tx: &Transaction<'_>, items: &[Item]) -> Result<()> {
    let mut st = tx.prepare(&format!(
        "INSERT INTO item ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
    ))?;
    for it in items {
        let statuses: Vec<&str> = it.statuses.iter().map(|s| s.key()).collect();
        st.execute(params![
            it.id,
            it.session_id,
            it.kind.key(),
            it.number,
            it.title,
            statuses.join(" "),
            it.remark,
            it.dimension,
            it.directorate,
            it.text,
            serde_json::to_string(&it.sub_questions).expect("plain strings serialise"),
            it.closing,
            it.position
        ])?;
    }
    Ok(())
}

impl Store {
    /// The session's items in agenda order.
    pub fn items(&self, session_id: &str) -> Result<Vec<Item>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM item WHERE session_id = ?1 ORDER BY position"
        ))?;
        let rows = st.query_map([session_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The session's dimensions in agenda order.
    pub fn dimensions(&self, session_id: &str) -> Result<Vec<Dimension>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {DIMENSION_COLUMNS} FROM dimension WHERE session_id = ?1 ORDER BY position"
        ))?;
        let rows = st.query_map([session_id], dimension_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

//! Items (action points and policy questions) and dimensions of a session.

use super::{Store, parse_key};
use crate::domain::{ActionStatus, Dimension, Item, ItemKind, SubQuestion};
use crate::error::Result;
use rusqlite::{Row, Transaction, params};

const COLUMNS: &str = "id, session_id, kind, number, title, statuses, remark, dimension, \
                       directorate, text, sub_questions, closing, position";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Item> {
    let statuses: String = r.get(5)?;
    let sub: String = r.get(10)?;
    Ok(Item {
        id: r.get(0)?,
        session_id: r.get(1)?,
        kind: parse_key(&r.get::<_, String>(2)?, ItemKind::from_key)?,
        number: r.get(3)?,
        title: r.get(4)?,
        statuses: statuses
            .split_whitespace()
            .map(|s| parse_key(s, ActionStatus::from_key))
            .collect::<rusqlite::Result<_>>()?,
        remark: r.get(6)?,
        dimension: r.get(7)?,
        directorate: r.get(8)?,
        text: r.get(9)?,
        sub_questions: serde_json::from_str::<Vec<SubQuestion>>(&sub).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(10, rusqlite::types::Type::Text, e.into())
        })?,
        closing: r.get(11)?,
        position: r.get(12)?,
    })
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
        let mut st = self.conn.prepare_cached(
            "SELECT key, name, description FROM dimension WHERE session_id = ?1 ORDER BY position",
        )?;
        let rows = st.query_map([session_id], |r| {
            Ok(Dimension {
                key: r.get(0)?,
                name: r.get(1)?,
                description: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

//! Thematic tables and which items sit at each.

use super::{Store, expect_changed, now, parse_opt_ts, parse_ts, ts};
use crate::domain::{Table, TableTimer, new_id};
use crate::error::{Error, Result};
use rusqlite::{Row, params};

const COLUMNS: &str =
    "id, session_id, name, host, position, timebox_minutes, created_at, updated_at";

/// A table from a row of [`COLUMNS`]; its items are read separately.
fn from_row(r: &Row<'_>) -> rusqlite::Result<Table> {
    Ok(Table {
        id: r.get("id")?,
        session_id: r.get("session_id")?,
        name: r.get("name")?,
        host: r.get("host")?,
        position: r.get("position")?,
        timebox_minutes: r.get("timebox_minutes")?,
        item_ids: Vec::new(),
        created_at: parse_ts(&r.get::<_, String>("created_at")?)?,
        updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
    })
}

/// A table's round timer: its own columns of `thematic_table`.
const TIMER_COLUMNS: &str = "id, timer_elapsed_ms, timer_started_at";

/// A round timer from a row of [`TIMER_COLUMNS`].
fn timer_from_row(r: &Row<'_>) -> rusqlite::Result<TableTimer> {
    Ok(TableTimer {
        table_id: r.get("id")?,
        elapsed_ms: r.get::<_, i64>("timer_elapsed_ms")?.max(0) as u64,
        started_at: parse_opt_ts(r.get("timer_started_at")?)?,
    })
}

impl Store {
    /// Adds a table at the end of the session's list.
    pub fn create_table(
        &mut self,
        session_id: &str,
        name: &str,
        host: &str,
        timebox_minutes: u32,
    ) -> Result<Table> {
        if name.trim().is_empty() {
            return Err(Error::Invalid("a table needs a name".into()));
        }
        let t = now();
        let id = new_id();
        self.transaction(|tx| {
            let position: u32 = tx.query_row(
                "SELECT coalesce(max(position) + 1, 0) AS next FROM thematic_table
                 WHERE session_id = ?1 AND deleted_at IS NULL",
                [session_id],
                |r| r.get("next"),
            )?;
            tx.execute(
                &format!(
                    "INSERT INTO thematic_table ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)"
                ),
                params![
                    id,
                    session_id,
                    name,
                    host,
                    position,
                    timebox_minutes,
                    ts(&t)
                ],
            )?;
            Ok(())
        })?;
        self.table(&id)
    }

    pub fn table(&self, id: &str) -> Result<Table> {
        use super::OptionalRow;
        let mut table = self
            .conn
            .query_row(
                &format!(
                    "SELECT {COLUMNS} FROM thematic_table WHERE id = ?1 AND deleted_at IS NULL"
                ),
                [id],
                from_row,
            )
            .found("table")?;
        table.item_ids = self.table_item_ids(id)?;
        Ok(table)
    }

    fn table_item_ids(&self, table_id: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare_cached(
            "SELECT item_id FROM table_item WHERE table_id = ?1 ORDER BY position",
        )?;
        let rows = st.query_map([table_id], |r| r.get("item_id"))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The session's tables (not deleted) in order, with their items.
    pub fn tables(&self, session_id: &str) -> Result<Vec<Table>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM thematic_table WHERE session_id = ?1 AND deleted_at IS NULL
             ORDER BY position"
        ))?;
        let mut tables: Vec<Table> = st
            .query_map([session_id], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for t in &mut tables {
            t.item_ids = self.table_item_ids(&t.id)?;
        }
        Ok(tables)
    }

    /// Renames a table and sets its host and time box.
    pub fn update_table(
        &mut self,
        id: &str,
        name: &str,
        host: &str,
        timebox_minutes: u32,
    ) -> Result<()> {
        if name.trim().is_empty() {
            return Err(Error::Invalid("a table needs a name".into()));
        }
        let n = self.conn.execute(
            "UPDATE thematic_table SET name = ?2, host = ?3, timebox_minutes = ?4, updated_at = ?5
             WHERE id = ?1 AND deleted_at IS NULL",
            params![id, name, host, timebox_minutes, ts(&now())],
        )?;
        expect_changed(n, "table")
    }

    /// Moves a table one place up (`delta < 0`) or down in its session.
    pub fn move_table(&mut self, id: &str, delta: i32) -> Result<()> {
        let table = self.table(id)?;
        let mut ids: Vec<String> = self
            .tables(&table.session_id)?
            .into_iter()
            .map(|t| t.id)
            .collect();
        let from = ids
            .iter()
            .position(|t| t == id)
            .ok_or(Error::NotFound("table"))?;
        let to = (from as i64 + i64::from(delta)).clamp(0, ids.len() as i64 - 1) as usize;
        if to == from {
            return Ok(());
        }
        let moved = ids.remove(from);
        ids.insert(to, moved);
        let t = ts(&now());
        self.transaction(|tx| {
            let mut st = tx.prepare(
                "UPDATE thematic_table SET position = ?2, updated_at = ?3 WHERE id = ?1",
            )?;
            for (i, id) in ids.iter().enumerate() {
                st.execute(params![id, i as i64, t])?;
            }
            Ok(())
        })
    }

    /// Soft-deletes a table; its notes keep pointing at it and can be
    /// recovered with [`Store::restore_table`].
    pub fn delete_table(&mut self, id: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE thematic_table SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, ts(&now())],
        )?;
        expect_changed(n, "table")
    }

    pub fn restore_table(&mut self, id: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE thematic_table SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, ts(&now())],
        )?;
        expect_changed(n, "deleted table")
    }

    /// When a table was deleted, if it was.
    pub fn table_deleted_at(&self, id: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>> {
        use super::OptionalRow;
        let s: Option<String> = self
            .conn
            .query_row(
                "SELECT deleted_at FROM thematic_table WHERE id = ?1",
                [id],
                |r| r.get("deleted_at"),
            )
            .found("table")?;
        Ok(parse_opt_ts(s)?)
    }

    /// Stores a table's round timer.
    pub fn save_timer(&mut self, timer: &TableTimer) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE thematic_table SET timer_elapsed_ms = ?2, timer_started_at = ?3 WHERE id = ?1",
            params![
                timer.table_id,
                timer.elapsed_ms as i64,
                timer.started_at.as_ref().map(ts)
            ],
        )?;
        expect_changed(n, "table")
    }

    /// The round timers of the session's tables (not deleted).
    pub fn timers(&self, session_id: &str) -> Result<Vec<TableTimer>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {TIMER_COLUMNS} FROM thematic_table
             WHERE session_id = ?1 AND deleted_at IS NULL ORDER BY position"
        ))?;
        let rows = st.query_map([session_id], timer_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Puts an item at a table (at the end); no-op if it sits there already.
    pub fn assign_item(&mut self, table_id: &str, item_id: &str) -> Result<()> {
        self.transaction(|tx| seat_at_end(tx, table_id, item_id))
    }

    /// Seats an item at this table only: it is taken off the session's other
    /// tables (its notes stay) and put at the end of this one, unless it
    /// sits here already. One transaction.
    pub fn move_item(&mut self, table_id: &str, item_id: &str) -> Result<()> {
        let table = self.table(table_id)?;
        self.transaction(|tx| {
            tx.execute(
                "DELETE FROM table_item WHERE item_id = ?2 AND table_id != ?1 AND table_id IN
                     (SELECT id FROM thematic_table WHERE session_id = ?3 AND deleted_at IS NULL)",
                params![table_id, item_id, table.session_id],
            )?;
            seat_at_end(tx, table_id, item_id)
        })
    }

    /// Takes an item off a table. Its notes stay.
    pub fn unassign_item(&mut self, table_id: &str, item_id: &str) -> Result<()> {
        let n = self.conn.execute(
            "DELETE FROM table_item WHERE table_id = ?1 AND item_id = ?2",
            params![table_id, item_id],
        )?;
        expect_changed(n, "item at table")
    }
}

/// Puts an item at the end of a table (no-op if it sits there already) and
/// marks the table changed.
fn seat_at_end(tx: &rusqlite::Transaction<'_>, table_id: &str, item_id: &str) -> Result<()> {
    let pos: i64 = tx.query_row(
        "SELECT coalesce(max(position) + 1, 0) AS next FROM table_item WHERE table_id = ?1",
        [table_id],
        |r| r.get("next"),
    )?;
    tx.execute(
        "INSERT OR IGNORE INTO table_item (table_id, item_id, position) VALUES (?1, ?2, ?3)",
        params![table_id, item_id, pos],
    )?;
    tx.execute(
        "UPDATE thematic_table SET updated_at = ?2 WHERE id = ?1",
        params![table_id, ts(&now())],
    )?;
    Ok(())
}

/// Inserts a table as it is, with its items in order (a follow-up meeting;
/// see `follow_up.rs`), inside the caller's transaction. The round timer
/// starts at zero.
pub(super) fn insert(tx: &rusqlite::Transaction<'_>, t: &Table) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO thematic_table ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
        params![
            t.id,
            t.session_id,
            t.name,
            t.host,
            t.position,
            t.timebox_minutes,
            ts(&t.created_at),
            ts(&t.updated_at)
        ],
    )?;
    let mut st =
        tx.prepare("INSERT INTO table_item (table_id, item_id, position) VALUES (?1, ?2, ?3)")?;
    for (i, item) in t.item_ids.iter().enumerate() {
        st.execute(params![t.id, item, i as i64])?;
    }
    Ok(())
}

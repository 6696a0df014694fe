//! The programme: a session's timed blocks, and which one runs.

use super::{Store, expect_changed, parse_key, parse_opt_ts, ts};
use crate::domain::programme::{Block, PlannedBlock, parse_time};
use crate::domain::{BlockKind, new_id};
use crate::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::{Row, Transaction, params};

const COLUMNS: &str = "id, session_id, position, title, kind, start, minutes, started_at, ended_at";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Block> {
    let start: String = r.get("start")?;
    let start = parse_time(&start).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            0,
            rusqlite::types::Type::Text,
            format!("not a time: {start}").into(),
        )
    })?;
    Ok(Block {
        id: r.get("id")?,
        session_id: r.get("session_id")?,
        position: r.get("position")?,
        plan: PlannedBlock {
            title: r.get("title")?,
            kind: parse_key(&r.get::<_, String>("kind")?, BlockKind::from_key)?,
            start,
            minutes: r.get("minutes")?,
        },
        started_at: parse_opt_ts(r.get("started_at")?)?,
        ended_at: parse_opt_ts(r.get("ended_at")?)?,
    })
}

/// Adds `blocks` after position `from`, in order (a new session's
/// programme, or blocks added in set-up).
pub(super) fn insert_blocks(
    tx: &Transaction<'_>,
    session_id: &str,
    from: u32,
    blocks: &[PlannedBlock],
) -> Result<()> {
    let mut st = tx.prepare_cached(&format!(
        "INSERT INTO programme_block ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL, NULL)"
    ))?;
    for (i, b) in blocks.iter().enumerate() {
        st.execute(params![
            new_id(),
            session_id,
            from + i as u32,
            b.title,
            b.kind.key(),
            b.start.format("%H:%M").to_string(),
            b.minutes
        ])?;
    }
    Ok(())
}

impl Store {
    /// The session's programme in order.
    pub fn programme(&self, session_id: &str) -> Result<Vec<Block>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM programme_block WHERE session_id = ?1 ORDER BY position"
        ))?;
        let rows = st.query_map([session_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces the session's programme (in one transaction).
    pub fn set_programme(&mut self, session_id: &str, blocks: &[PlannedBlock]) -> Result<()> {
        self.transaction(|tx| {
            tx.execute(
                "DELETE FROM programme_block WHERE session_id = ?1",
                [session_id],
            )?;
            insert_blocks(tx, session_id, 0, blocks)
        })
    }

    /// A block at the end of the programme.
    pub fn add_block(&mut self, session_id: &str, block: &PlannedBlock) -> Result<()> {
        self.transaction(|tx| {
            let next: u32 = tx.query_row(
                "SELECT coalesce(max(position) + 1, 0) FROM programme_block WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )?;
            insert_blocks(tx, session_id, next, std::slice::from_ref(block))
        })
    }

    /// Changes a block's title, kind, start and minutes (not its times).
    pub fn update_block(&mut self, id: &str, block: &PlannedBlock) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE programme_block SET title = ?2, kind = ?3, start = ?4, minutes = ?5 WHERE id = ?1",
            params![
                id,
                block.title,
                block.kind.key(),
                block.start.format("%H:%M").to_string(),
                block.minutes
            ],
        )?;
        expect_changed(n, "programme block")
    }

    pub fn delete_block(&mut self, id: &str) -> Result<()> {
        let n = self
            .conn
            .execute("DELETE FROM programme_block WHERE id = ?1", [id])?;
        expect_changed(n, "programme block")
    }

    /// Moves a block one place up (`delta` -1) or down (+1).
    pub fn move_block(&mut self, id: &str, delta: i32) -> Result<()> {
        self.transaction(|tx| {
            let (session, pos): (String, i64) = tx.query_row(
                "SELECT session_id, position FROM programme_block WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            let other: Option<(String, i64)> = {
                let sql = if delta < 0 {
                    "SELECT id, position FROM programme_block WHERE session_id = ?1 AND position < ?2
                     ORDER BY position DESC LIMIT 1"
                } else {
                    "SELECT id, position FROM programme_block WHERE session_id = ?1 AND position > ?2
                     ORDER BY position LIMIT 1"
                };
                use rusqlite::OptionalExtension;
                tx.query_row(sql, params![session, pos], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()?
            };
            if let Some((other, other_pos)) = other {
                tx.execute(
                    "UPDATE programme_block SET position = ?2 WHERE id = ?1",
                    params![id, other_pos],
                )?;
                tx.execute(
                    "UPDATE programme_block SET position = ?2 WHERE id = ?1",
                    params![other, pos],
                )?;
            }
            Ok(())
        })
    }

    /// Starts block `id` at `at`, ending the block that ran (one transaction).
    /// `None` ends the running block without starting another.
    pub fn start_block(
        &mut self,
        session_id: &str,
        id: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<()> {
        let at = ts(&at);
        self.transaction(|tx| {
            tx.execute(
                "UPDATE programme_block SET ended_at = ?2
                 WHERE session_id = ?1 AND started_at IS NOT NULL AND ended_at IS NULL",
                params![session_id, at],
            )?;
            if let Some(id) = id {
                let n = tx.execute(
                    "UPDATE programme_block SET started_at = ?3, ended_at = NULL
                     WHERE id = ?1 AND session_id = ?2",
                    params![id, session_id, at],
                )?;
                expect_changed(n, "programme block")?;
            }
            Ok(())
        })
    }
}

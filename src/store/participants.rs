//! Participants: optional name and organisation, always a stakeholder group.

use super::{Store, expect_changed, now, parse_key, parse_opt_ts, parse_ts, ts};
use crate::domain::{Participant, StakeholderGroup, new_id};
use crate::error::Result;
use rusqlite::{Row, params};

const COLUMNS: &str =
    "id, session_id, name, organisation, stakeholder_group, created_at, updated_at, deleted_at";

/// A participant from a row of [`COLUMNS`].
fn from_row(r: &Row<'_>) -> rusqlite::Result<Participant> {
    Ok(Participant {
        id: r.get("id")?,
        session_id: r.get("session_id")?,
        name: r.get("name")?,
        organisation: r.get("organisation")?,
        group: parse_key(
            &r.get::<_, String>("stakeholder_group")?,
            StakeholderGroup::from_key,
        )?,
        created_at: parse_ts(&r.get::<_, String>("created_at")?)?,
        updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
        deleted_at: parse_opt_ts(r.get("deleted_at")?)?,
    })
}

fn blank_to_none(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

impl Store {
    pub fn create_participant(
        &mut self,
        session_id: &str,
        name: Option<&str>,
        organisation: Option<&str>,
        group: StakeholderGroup,
    ) -> Result<Participant> {
        let id = new_id();
        let t = ts(&now());
        self.conn.execute(
            &format!(
                "INSERT INTO participant ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, NULL)"
            ),
            params![
                id,
                session_id,
                blank_to_none(name),
                blank_to_none(organisation),
                group.key(),
                t
            ],
        )?;
        self.participant(&id)
    }

    pub fn participant(&self, id: &str) -> Result<Participant> {
        use super::OptionalRow;
        self.conn
            .query_row(
                &format!("SELECT {COLUMNS} FROM participant WHERE id = ?1"),
                [id],
                from_row,
            )
            .found("participant")
    }

    /// The session's participants that are not deleted, in order of registration.
    pub fn participants(&self, session_id: &str) -> Result<Vec<Participant>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM participant WHERE session_id = ?1 AND deleted_at IS NULL
             ORDER BY created_at, id"
        ))?;
        let rows = st.query_map([session_id], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn update_participant(
        &mut self,
        id: &str,
        name: Option<&str>,
        organisation: Option<&str>,
        group: StakeholderGroup,
    ) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE participant SET name = ?2, organisation = ?3, stakeholder_group = ?4, updated_at = ?5
             WHERE id = ?1",
            params![id, blank_to_none(name), blank_to_none(organisation), group.key(), ts(&now())],
        )?;
        expect_changed(n, "participant")
    }

    /// Soft-deletes a participant; notes keep their reference.
    pub fn delete_participant(&mut self, id: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE participant SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, ts(&now())],
        )?;
        expect_changed(n, "participant")
    }

    pub fn restore_participant(&mut self, id: &str) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE participant SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, ts(&now())],
        )?;
        expect_changed(n, "deleted participant")
    }
}

/// Inserts a participant as it is (a follow-up meeting; see
/// `follow_up.rs`), inside the caller's transaction.
pub(super) fn insert(tx: &rusqlite::Transaction<'_>, p: &Participant) -> Result<()> {
    tx.execute(
        &format!("INSERT INTO participant ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)"),
        params![
            p.id,
            p.session_id,
            p.name,
            p.organisation,
            p.group.key(),
            ts(&p.created_at),
            ts(&p.updated_at)
        ],
    )?;
    Ok(())
}

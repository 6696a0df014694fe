//! Participants: optional name and organisation, always a stakeholder group,
//! and whether they may be named in minutes (schema v20).

use super::{Store, expect_changed, now, parse_key, parse_opt_ts, parse_ts, ts};
use crate::domain::{Naming, Participant, StakeholderGroup, new_id};
use crate::error::Result;
use rusqlite::{Row, params};

pub(super) const COLUMNS: &str = "id, session_id, name, organisation, stakeholder_group, naming, \
    created_at, updated_at, deleted_at";

/// A participant from a row of [`COLUMNS`].
pub(super) fn from_row(r: &Row<'_>) -> rusqlite::Result<Participant> {
    Ok(Participant {
        id: r.get("id")?,
        session_id: r.get("session_id")?,
        name: r.get("name")?,
        organisation: r.get("organisation")?,
        group: parse_key(
            &r.get::<_, String>("stakeholder_group")?,
            StakeholderGroup::from_key,
        )?,
        naming: parse_key(&r.get::<_, String>("naming")?, Naming::from_key)?,
        created_at: parse_ts(&r.get::<_, String>("created_at")?)?,
        updated_at: parse_ts(&r.get::<_, String>("updated_at")?)?,
        deleted_at: parse_opt_ts(r.get("deleted_at")?)?,
    })
}

fn blank_to_none(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

impl Store {
    /// Registers a participant who may be named in minutes, as every
    /// participant was before consent was asked (the demo, tests, callers
    /// from before schema v20). Set-up asks, and uses
    /// [`Store::create_participant_as`].
    pub fn create_participant(
        &mut self,
        session_id: &str,
        name: Option<&str>,
        organisation: Option<&str>,
        group: StakeholderGroup,
    ) -> Result<Participant> {
        self.create_participant_as(session_id, name, organisation, group, Naming::Named)
    }

    /// Registers a participant with their choice of being named.
    pub fn create_participant_as(
        &mut self,
        session_id: &str,
        name: Option<&str>,
        organisation: Option<&str>,
        group: StakeholderGroup,
        naming: Naming,
    ) -> Result<Participant> {
        let id = new_id();
        let t = ts(&now());
        self.conn.execute(
            &format!(
                "INSERT INTO participant ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, NULL)"
            ),
            params![
                id,
                session_id,
                blank_to_none(name),
                blank_to_none(organisation),
                group.key(),
                naming.key(),
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

    /// The stakeholder group of each of the session's participants, also
    /// of those deleted (notes keep their speaker). Unordered.
    pub fn participant_groups(&self, session_id: &str) -> Result<Vec<(String, StakeholderGroup)>> {
        let mut st = self.conn.prepare_cached(
            "SELECT id, stakeholder_group FROM participant WHERE session_id = ?1",
        )?;
        let rows = st.query_map([session_id], |r| {
            Ok((
                r.get(0)?,
                parse_key(&r.get::<_, String>(1)?, StakeholderGroup::from_key)?,
            ))
        })?;
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

    /// [`Store::update_participant`] that also sets their choice of being
    /// named, in the same statement.
    pub fn update_participant_as(
        &mut self,
        id: &str,
        name: Option<&str>,
        organisation: Option<&str>,
        group: StakeholderGroup,
        naming: Naming,
    ) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE participant SET name = ?2, organisation = ?3, stakeholder_group = ?4,
                 naming = ?5, updated_at = ?6
             WHERE id = ?1",
            params![
                id,
                blank_to_none(name),
                blank_to_none(organisation),
                group.key(),
                naming.key(),
                ts(&now())
            ],
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
        &format!(
            "INSERT INTO participant ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL)"
        ),
        params![
            p.id,
            p.session_id,
            p.name,
            p.organisation,
            p.group.key(),
            p.naming.key(),
            ts(&p.created_at),
            ts(&p.updated_at)
        ],
    )?;
    Ok(())
}

//! Rows read from elsewhere (a JSON export) brought into this database: they
//! are written to a temporary tafel database first, which is then merged
//! like any other (`merge.rs`), so an import follows the merge's rules and
//! is as idempotent as a merge.

use super::merge::{MergeReport, Source};
use super::{Store, ts};
use crate::domain::memory::Response;
use crate::domain::{ActionState, Dimension, Id, Item, Note, Participant, Rating, Session, Table};
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::params;
use std::path::Path;

/// One change of an action's status as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRow {
    pub id: Id,
    pub note_id: Id,
    /// The meeting in which it was made.
    pub session_id: Id,
    pub status: ActionState,
    pub on: NaiveDate,
    pub created_at: DateTime<Utc>,
}

/// A session as rows, ready to be merged in: what a JSON export holds.
/// References to rows that are not here nor in the database (notes and
/// sessions of other meetings) are left out by the merge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRows {
    pub session: Session,
    /// The session this one follows up.
    pub follows: Option<Id>,
    pub dimensions: Vec<Dimension>,
    pub items: Vec<Item>,
    pub tables: Vec<Table>,
    pub participants: Vec<Participant>,
    pub notes: Vec<Note>,
    pub ratings: Vec<Rating>,
    pub status_changes: Vec<StatusRow>,
    pub responses: Vec<Response>,
    /// Actions carried into the session: (note id, item id here).
    pub carried: Vec<(Id, Id)>,
}

impl Store {
    /// Merges `rows` (read from `shown`) into this database: in one
    /// transaction, by the merge's rules; with `dry_run` nothing is written.
    pub fn import_rows(
        &mut self,
        rows: &ImportRows,
        shown: &Path,
        dry_run: bool,
    ) -> Result<MergeReport> {
        let dir = tempfile::Builder::new()
            .prefix("tafel-import-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        let path = dir.path().join("import.db");
        let id = {
            let mut tmp = Store::open(&path)?;
            // References to other meetings are kept as they are; the merge
            // takes only those that exist on its side.
            tmp.conn.execute_batch("PRAGMA foreign_keys = OFF")?;
            tmp.transaction(|tx| write_rows(tx, rows))?;
            tmp.database_id()?
        };
        let label = shown
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let source = Source {
            _dir: dir,
            path,
            id,
            label,
            unknown: &["round"],
            lossy: true,
        };
        self.merge_prepared(&source, shown, false, dry_run)
    }
}

fn write_rows(tx: &rusqlite::Transaction<'_>, rows: &ImportRows) -> Result<()> {
    let sid = &rows.session.id;
    super::sessions::insert(tx, &rows.session)?;
    super::items::insert_dimensions(tx, sid, &rows.dimensions)?;
    super::items::insert_items(tx, &rows.items)?;
    for t in &rows.tables {
        super::tables::insert(tx, t)?;
    }
    for p in &rows.participants {
        super::participants::insert(tx, p)?;
    }
    let mut st = tx.prepare(
        "INSERT INTO note (id, session_id, number, item_id, table_id, kind, text, participant_id,
             stakeholder_group, tags, votes_for, votes_against, owner, due, created_at, updated_at,
             deleted_at, round)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
    )?;
    for n in &rows.notes {
        let c = &n.content;
        st.execute(params![
            n.id,
            n.session_id,
            n.number,
            n.item_id,
            n.table_id,
            c.kind.key(),
            c.text,
            c.participant_id,
            c.group.map(|g| g.key()),
            super::notes::tags_text(&c.tags),
            n.votes_for,
            n.votes_against,
            c.owner,
            c.due.map(|d| d.to_string()),
            ts(&n.created_at),
            ts(&n.updated_at),
            n.deleted_at.as_ref().map(ts),
            n.round
        ])?;
    }
    let mut st = tx.prepare(
        "INSERT INTO rating (id, session_id, item_id, level, comment, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in &rows.ratings {
        st.execute(params![
            r.id,
            r.session_id,
            r.item_id,
            r.level.key(),
            r.comment,
            ts(&r.created_at),
            ts(&r.updated_at)
        ])?;
    }
    let mut st = tx.prepare(
        "INSERT INTO action_status_change (id, note_id, session_id, status, changed_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )?;
    for c in &rows.status_changes {
        st.execute(params![
            c.id,
            c.note_id,
            c.session_id,
            c.status.key(),
            c.on.to_string(),
            ts(&c.created_at)
        ])?;
    }
    let mut st = tx.prepare(
        "INSERT INTO response (id, note_id, status, reason, given_by, given_on, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in &rows.responses {
        st.execute(params![
            r.id,
            r.note_id,
            r.status.key(),
            r.reason,
            r.by,
            r.on.to_string(),
            ts(&r.created_at)
        ])?;
    }
    let t = ts(&rows.session.created_at);
    let mut st = tx.prepare(
        "INSERT OR IGNORE INTO carried_action (session_id, note_id, item_id, created_at)
         VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (note, item) in &rows.carried {
        st.execute(params![sid, note, item, t])?;
    }
    if let Some(from) = &rows.follows {
        tx.execute(
            "INSERT INTO follow_up (session_id, from_session_id, created_at) VALUES (?1, ?2, ?3)",
            params![sid, from, t],
        )?;
    }
    Ok(())
}

//! `tafel merge FILE`: bringing the notes of another tafel database — a
//! recovery database made while this one was damaged — into this one.
//!
//! Rows are matched by id (every id is a UUID, so the same id is the same
//! row). What this database lacks is added: sessions, their agendas, tables,
//! participants and ratings as they are in `FILE`, and its notes, numbered
//! after this database's last note of their session; a note present in both
//! takes `FILE`'s content when that was changed later. Drafts this database
//! lacks are added too. Nothing is removed. Merging the same file twice
//! changes nothing the second time.

use super::{SCHEMA_VERSION, Store, backup};
use crate::error::{Error, Result};
use std::path::Path;

/// What a merge changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Merged {
    pub sessions: u64,
    pub notes_added: u64,
    pub notes_updated: u64,
    pub drafts: u64,
}

/// Rows this database may lack, copied as they are (`INSERT OR IGNORE`),
/// in an order that satisfies the foreign keys.
const AS_THEY_ARE: &[&str] = &[
    "session",
    "dimension",
    "item",
    "thematic_table",
    "table_item",
    "participant",
    "rating",
];

/// The columns of `note` but its number.
const NOTE_COLUMNS: &str = "id, session_id, item_id, table_id, kind, text, participant_id, \
    stakeholder_group, tags, votes_for, votes_against, owner, due, created_at, updated_at, \
    deleted_at";

impl Store {
    /// Merges `file` into this database (see the module notes). `file` must
    /// be a sound tafel database of this schema version, and not this one.
    pub fn merge_from(&mut self, file: &Path) -> Result<Merged> {
        backup::verify(file)?;
        let version: i64 =
            rusqlite::Connection::open_with_flags(file, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
                .and_then(|c| c.query_row("PRAGMA user_version", [], |r| r.get(0)))?;
        if version != SCHEMA_VERSION {
            return Err(Error::Invalid(format!(
                "{}: schema version {version}, this tafel writes {SCHEMA_VERSION}; open it with this tafel once (`tafel --db FILE backup now`) and merge again",
                file.display()
            )));
        }
        if let Some(db) = &self.path
            && same_file(db, file)
        {
            return Err(Error::Invalid(format!(
                "{}: is this database itself; nothing to merge",
                file.display()
            )));
        }
        self.conn
            .execute("ATTACH DATABASE ?1 AS src", [file.to_string_lossy()])?;
        let merged = self.transaction(|tx| {
            let mut m = Merged::default();
            for table in AS_THEY_ARE {
                let n = tx.execute(
                    &format!("INSERT OR IGNORE INTO main.{table} SELECT * FROM src.{table}"),
                    [],
                )?;
                if *table == "session" {
                    m.sessions = n as u64;
                }
            }
            m.notes_updated = tx.execute(
                "UPDATE main.note AS m SET kind = s.kind, text = s.text,
                    participant_id = s.participant_id, stakeholder_group = s.stakeholder_group,
                    tags = s.tags, votes_for = s.votes_for, votes_against = s.votes_against,
                    owner = s.owner, due = s.due, updated_at = s.updated_at,
                    deleted_at = s.deleted_at
                 FROM src.note AS s WHERE s.id = m.id AND s.updated_at > m.updated_at",
                [],
            )? as u64;
            // The new notes follow this database's last one of their session,
            // in their own order (the SELECT is read in full before inserting).
            m.notes_added = tx.execute(
                &format!(
                    "INSERT INTO main.note (number, {NOTE_COLUMNS})
                     SELECT (SELECT coalesce(max(number), 0) FROM main.note AS m
                             WHERE m.session_id = s.session_id)
                            + row_number() OVER (PARTITION BY s.session_id ORDER BY s.number),
                            {NOTE_COLUMNS}
                     FROM src.note AS s
                     WHERE s.id NOT IN (SELECT id FROM main.note)
                     ORDER BY s.session_id, s.number"
                ),
                [],
            )? as u64;
            m.drafts = tx.execute(
                "INSERT OR IGNORE INTO main.draft SELECT * FROM src.draft",
                [],
            )? as u64;
            Ok(m)
        });
        let detached = self.conn.execute("DETACH DATABASE src", []);
        let merged = merged?;
        detached?;
        Ok(merged)
    }
}

/// Whether two paths name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

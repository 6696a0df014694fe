//! Erasure that reaches the disk (AVG/GDPR): rewriting the text that holds
//! a person's name, clearing their participant records, and then making
//! sure the old text is gone from the database file, not only from its
//! tables.
//!
//! The store does not know names or how they are found: the caller (the
//! `gdpr` module, with `export::anonymize`'s rules) gives a [`Rewrite`] per
//! session. [`Store::plan_erasure`] reads a session's text fields and asks
//! the rewrite about each (nothing is written: it is the preview);
//! [`Store::erase`] applies plans in one transaction with
//! `PRAGMA secure_delete` on, and refuses (changing nothing) when a field
//! changed since it was planned; [`Store::scrub_file`] then rebuilds any
//! full-text index, checkpoints and truncates the WAL and `VACUUM`s, so no
//! free page, old WAL frame or index segment keeps the old text.
//!
//! Unlike the other store files this one reads single text columns, not
//! whole rows: it rewrites those columns and nothing else.

use super::people::quote;
use super::{Store, now, ts};
use crate::domain::NoteContent;
use crate::error::{Error, Result};
use rusqlite::{Connection, params};

/// What happens to the text of one session.
pub trait Rewrite {
    /// Text someone typed (note, rating comment, title, location, table
    /// name, programme block, draft): the new text, or `None` to keep it.
    fn text(&self, text: &str) -> Option<String>;
    /// An action's owner.
    fn owner(&self, owner: &str) -> Option<String>;
    /// A field that holds a person's name (facilitator, table host).
    fn person(&self, name: &str) -> Option<String>;
}

/// A text field the erasure rewrites.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    SessionTitle,
    SessionLocation,
    Facilitator,
    TableName,
    Host,
    BlockTitle,
    NoteText,
    NoteOwner,
    RatingComment,
    DraftText,
    /// A draft's owner, inside its content (JSON).
    DraftContent,
    /// The reason of a reasoned response, and who gave it.
    ResponseReason,
    ResponseBy,
    /// The other version of a note changed on two laptops (`tafel merge`):
    /// its text and an action's owner.
    ConflictText,
    ConflictOwner,
}

impl Field {
    /// (table, column, key column) in SQL.
    fn sql(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Field::SessionTitle => ("session", "title", "id"),
            Field::SessionLocation => ("session", "location", "id"),
            Field::Facilitator => ("session", "facilitator", "id"),
            Field::TableName => ("thematic_table", "name", "id"),
            Field::Host => ("thematic_table", "host", "id"),
            Field::BlockTitle => ("programme_block", "title", "id"),
            Field::NoteText => ("note", "text", "id"),
            Field::NoteOwner => ("note", "owner", "id"),
            Field::RatingComment => ("rating", "comment", "id"),
            Field::DraftText => ("draft", "text", "item_id"),
            Field::DraftContent => ("draft", "content", "item_id"),
            Field::ResponseReason => ("response", "reason", "id"),
            Field::ResponseBy => ("response", "given_by", "id"),
            Field::ConflictText => ("note_conflict", "text", "rowid"),
            Field::ConflictOwner => ("note_conflict", "owner", "rowid"),
        }
    }

    /// How the preview names it.
    pub fn label(self) -> &'static str {
        match self {
            Field::SessionTitle => "session title",
            Field::SessionLocation => "location",
            Field::Facilitator => "facilitator",
            Field::TableName => "table name",
            Field::Host => "table host",
            Field::BlockTitle => "programme block",
            Field::NoteText => "note",
            Field::NoteOwner => "owner",
            Field::RatingComment => "rating comment",
            Field::DraftText => "draft",
            Field::DraftContent => "draft owner",
            Field::ResponseReason => "response",
            Field::ResponseBy => "response given by",
            Field::ConflictText => "note (other version)",
            Field::ConflictOwner => "owner (other version)",
        }
    }

    /// Whether the table has an `updated_at` to set.
    fn stamped(self) -> bool {
        // (A kept version's `updated_at` says which version it is.)
        !matches!(
            self,
            Field::BlockTitle
                | Field::ResponseReason
                | Field::ResponseBy
                | Field::ConflictText
                | Field::ConflictOwner
        )
    }
}

/// One field that changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub field: Field,
    /// The row: its id (for a draft, its item id).
    pub key: String,
    /// A note's number, for the preview.
    pub number: Option<u32>,
    pub before: String,
    pub after: String,
}

/// What an erasure changes in one session.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SessionErasure {
    pub session_id: String,
    /// Participant records whose name and organisation are cleared.
    pub participants: Vec<String>,
    pub changes: Vec<Change>,
}

impl SessionErasure {
    pub fn is_empty(&self) -> bool {
        self.participants.is_empty() && self.changes.is_empty()
    }

    /// How many changes of `field`.
    pub fn count(&self, field: Field) -> usize {
        self.changes.iter().filter(|c| c.field == field).count()
    }
}

/// Calls `f` with each (key, number, text) of a column of one session's
/// rows, also of deleted rows, one row at a time.
fn for_each_in_column(
    conn: &Connection,
    session_id: &str,
    field: Field,
    mut f: impl FnMut(String, Option<u32>, String),
) -> Result<()> {
    let (table, col, key) = field.sql();
    let number = match table {
        "note" => "number",
        "note_conflict" => "(SELECT n.number FROM note n WHERE n.id = note_id)",
        _ => "NULL",
    };
    let mut st = conn.prepare_cached(&format!(
        "SELECT CAST({key} AS TEXT), {number}, {col} FROM {table} WHERE {} ORDER BY {key}",
        match table {
            "session" => "id = ?1",
            // A response and a note's other version belong to the note's
            // session.
            "response" | "note_conflict" => {
                "note_id IN (SELECT id FROM note WHERE session_id = ?1)"
            }
            _ => "session_id = ?1",
        }
    ))?;
    let mut rows = st.query([session_id])?;
    while let Some(r) = rows.next()? {
        f(r.get(0)?, r.get(1)?, r.get(2)?);
    }
    Ok(())
}

/// The plan of one session (see [`Store::plan_erasure`]).
fn plan(
    conn: &Connection,
    session_id: &str,
    participants: &[String],
    rw: &dyn Rewrite,
) -> Result<SessionErasure> {
    let mut changes = Vec::new();
    for field in [
        Field::SessionTitle,
        Field::SessionLocation,
        Field::Facilitator,
        Field::TableName,
        Field::Host,
        Field::BlockTitle,
        Field::NoteText,
        Field::NoteOwner,
        Field::RatingComment,
        Field::DraftText,
        Field::DraftContent,
        Field::ResponseReason,
        Field::ResponseBy,
        Field::ConflictText,
        Field::ConflictOwner,
    ] {
        for_each_in_column(conn, session_id, field, |key, number, before| {
            let after = match field {
                Field::Facilitator | Field::Host | Field::ResponseBy => rw.person(&before),
                Field::NoteOwner | Field::ConflictOwner => rw.owner(&before),
                Field::DraftContent => draft_owner(&before, rw),
                _ => rw.text(&before),
            };
            if let Some(after) = after.filter(|a| *a != before) {
                changes.push(Change {
                    field,
                    key,
                    number,
                    before,
                    after,
                });
            }
        })?;
    }
    Ok(SessionErasure {
        session_id: session_id.to_string(),
        participants: participants.to_vec(),
        changes,
    })
}

/// A draft's content (JSON) with its owner rewritten.
fn draft_owner(json: &str, rw: &dyn Rewrite) -> Option<String> {
    let mut content: NoteContent = serde_json::from_str(json).ok()?;
    content.owner = rw.owner(&content.owner)?;
    serde_json::to_string(&content).ok()
}

impl Store {
    /// What erasing with `rw` would change in a session, and the
    /// participant records it would clear. Reads only.
    pub fn plan_erasure(
        &self,
        session_id: &str,
        participants: &[String],
        rw: &dyn Rewrite,
    ) -> Result<SessionErasure> {
        plan(&self.conn, session_id, participants, rw)
    }

    /// Applies `plans` in one transaction, with `PRAGMA secure_delete` on
    /// (the old text is overwritten, not only unlinked): each change, only
    /// where the field still holds what was planned (otherwise nothing is
    /// changed and the error says to run again); each participant record
    /// loses its name and organisation and becomes group-only; their notes
    /// that had only the participant's group get it written down. Then
    /// [`Store::scrub_file`].
    pub fn erase(&mut self, plans: &[SessionErasure]) -> Result<()> {
        self.ensure_file()?;
        let before: i64 = self
            .conn
            .query_row("PRAGMA secure_delete", [], |r| r.get(0))?;
        self.conn.execute_batch("PRAGMA secure_delete = ON")?;
        let result = self.transaction(|tx| {
            let t = ts(&now());
            for p in plans {
                for c in &p.changes {
                    let (table, col, key) = c.field.sql();
                    let stamp = if c.field.stamped() {
                        ", updated_at = ?4"
                    } else {
                        ""
                    };
                    let scope = match table {
                        "session" => String::new(),
                        "response" | "note_conflict" => {
                            " AND note_id IN (SELECT id FROM note WHERE session_id = ?5)".to_string()
                        }
                        _ => " AND session_id = ?5".to_string(),
                    };
                    let sql = format!(
                        "UPDATE {table} SET {col} = ?1{stamp} WHERE {key} = ?2 AND {col} = ?3{scope}"
                    );
                    let n = if table == "session" {
                        tx.execute(&sql, params![c.after, c.key, c.before, t])?
                    } else {
                        tx.execute(&sql, params![c.after, c.key, c.before, t, p.session_id])?
                    };
                    if n != 1 {
                        return Err(Error::Invalid(format!(
                            "the {} changed while it was being erased; nothing was changed — run the command again",
                            c.field.label()
                        )));
                    }
                }
                for id in &p.participants {
                    tx.execute(
                        "UPDATE note SET stakeholder_group =
                             (SELECT stakeholder_group FROM participant WHERE id = ?1)
                         WHERE participant_id = ?1 AND stakeholder_group IS NULL",
                        [id],
                    )?;
                    tx.execute(
                        "UPDATE participant SET name = NULL, organisation = NULL,
                             naming = 'group_only', updated_at = ?2
                         WHERE id = ?1",
                        params![id, t],
                    )?;
                }
            }
            Ok(())
        });
        let result = result.and_then(|()| {
            self.scrub_file().map_err(|e| {
                Error::Invalid(format!(
                    "erased from every table, but the file could not be rewritten yet ({e}); the old text may stay in it until every tafel using it is closed"
                ))
            })
        });
        let restored = self
            .conn
            .execute_batch(&format!("PRAGMA secure_delete = {}", before.clamp(0, 2)));
        result?;
        restored?;
        Ok(())
    }

    /// Makes text that was changed or deleted unrecoverable from the
    /// database file: full-text indexes (any FTS5 table) are rebuilt from
    /// their content and optimised, the WAL is checkpointed and truncated,
    /// the file is `VACUUM`ed (every page rewritten, free pages dropped) and
    /// the WAL truncated again. Fails, saying so, when another process keeps
    /// the WAL from being emptied.
    pub fn scrub_file(&mut self) -> Result<()> {
        let fts: Vec<(String, String)> = {
            let mut st = self.conn.prepare(
                "SELECT name, sql FROM sqlite_master
                 WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%' AND lower(sql) LIKE '%using fts5%'",
            )?;
            st.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<rusqlite::Result<_>>()?
        };
        if !fts.is_empty() {
            self.transaction(|tx| {
                for (name, sql) in &fts {
                    let sql = sql.to_lowercase().replace(' ', "");
                    let q = quote(name);
                    let contentless = sql.contains("content=''") || sql.contains("content=\"\"");
                    if sql.contains("content=") && !contentless {
                        // External content: the index is made again from the
                        // (rewritten) table.
                        tx.execute(&format!("INSERT INTO {q} ({q}) VALUES ('rebuild')"), [])?;
                    }
                    // One segment: no old segment keeps erased words.
                    tx.execute(&format!("INSERT INTO {q} ({q}) VALUES ('optimize')"), [])?;
                }
                Ok(())
            })?;
        }
        self.checkpoint()?;
        self.conn.execute_batch("VACUUM")?;
        self.checkpoint()
    }

    /// `PRAGMA wal_checkpoint(TRUNCATE)`: every frame into the file, the
    /// WAL emptied. An in-memory database has no WAL.
    fn checkpoint(&self) -> Result<()> {
        if self.path.is_none() {
            return Ok(());
        }
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            return Err(Error::Invalid(
                "another tafel has the database open, so its journal (-wal) cannot be emptied; close it and run the command again"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Fails, before anything is changed, when another process keeps the
    /// WAL from being emptied (see [`Store::scrub_file`]).
    pub fn ensure_alone(&self) -> Result<()> {
        self.checkpoint()
    }
}

//! One person across all sessions: what `tafel person` shows and `tafel
//! forget` erases (AVG/GDPR access and erasure). Reads only.

use super::Store;
use super::notes::{COLUMNS as NOTE_COLUMNS, from_row as note_from_row};
use super::participants::{COLUMNS, from_row};
use crate::domain::{Note, NoteKind, Participant};
use crate::error::Result;

/// The tables and text columns that [`Store::erase`](super::forget) knows.
/// Any other table holding text (added by a later tafel) is reported by
/// [`Store::unknown_text_columns`], never silently left.
pub const ERASED_TABLES: &[&str] = &[
    "session",
    "dimension",
    "item",
    "thematic_table",
    "table_item",
    "participant",
    "note",
    "rating",
    "draft",
    "place",
    "theme",
    "theme_item",
    "programme_block",
    // The MSF's memory: responses are erased; the others hold no free text.
    "response",
    "action_status_change",
    "follow_up",
    "carried_action",
    // Several laptops: the other version of a note changed on two of them.
    "note_conflict",
];

impl Store {
    /// Every participant record of every session, also deleted ones, in
    /// order of the session's date, then of registration.
    pub fn all_participants(&self) -> Result<Vec<Participant>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM participant
             ORDER BY (SELECT date FROM session WHERE session.id = participant.session_id),
                      session_id, created_at, id"
        ))?;
        let rows = st.query_map([], from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every note (also deleted ones) said by one of the participants
    /// `ids`, in order of the session's date, then the note's number.
    pub fn notes_of_participants(&self, ids: &[String]) -> Result<Vec<Note>> {
        let mut out = Vec::new();
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM note n WHERE n.participant_id = ?1 ORDER BY n.number"
        ))?;
        for id in ids {
            let rows = st.query_map([id], note_from_row)?;
            for n in rows {
                out.push(n?);
            }
        }
        let dates: std::collections::HashMap<String, chrono::NaiveDate> = self
            .sessions()?
            .into_iter()
            .map(|s| (s.id, s.date))
            .collect();
        out.sort_by(|a, b| {
            (dates.get(&a.session_id), &a.session_id, a.number).cmp(&(
                dates.get(&b.session_id),
                &b.session_id,
                b.number,
            ))
        });
        Ok(out)
    }

    /// Every action with an owner (also deleted ones) of a session, in
    /// number order.
    pub fn owned_actions(&self, session_id: &str) -> Result<Vec<Note>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {NOTE_COLUMNS} FROM note n
             WHERE n.session_id = ?1 AND n.kind = ?2 AND trim(n.owner) <> ''
             ORDER BY n.number"
        ))?;
        let rows = st.query_map([session_id, NoteKind::Action.key()], note_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Text columns of tables this tafel's erasure does not know (tables a
    /// newer tafel, or another branch of it, added: responses …), as
    /// (table, column). Full-text indexes and SQLite's own tables are left
    /// out: an index is rebuilt from the tables it indexes.
    pub fn unknown_text_columns(&self) -> Result<Vec<(String, String)>> {
        let mut st = self.conn.prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
             ORDER BY name",
        )?;
        let tables: Vec<(String, Option<String>)> = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let virtual_tables: Vec<&str> = tables
            .iter()
            .filter(|(_, sql)| {
                sql.as_deref()
                    .is_some_and(|s| s.to_ascii_uppercase().contains("VIRTUAL TABLE"))
            })
            .map(|(n, _)| n.as_str())
            .collect();
        let mut out = Vec::new();
        for (name, _) in &tables {
            let shadow = virtual_tables
                .iter()
                .any(|v| name == v || name.starts_with(&format!("{v}_")));
            if shadow || ERASED_TABLES.contains(&name.as_str()) {
                continue;
            }
            let mut cols = self.conn.prepare(&format!(
                "SELECT name, type FROM pragma_table_info({})",
                quote(name)
            ))?;
            let text: Vec<String> = cols
                .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
                .filter_map(|c| match c {
                    Ok((col, ty)) if ty.to_ascii_uppercase().contains("TEXT") || ty.is_empty() => {
                        Some(Ok(col))
                    }
                    Ok(_) => None,
                    Err(e) => Some(Err(e)),
                })
                .collect::<rusqlite::Result<_>>()?;
            out.extend(text.into_iter().map(|c| (name.clone(), c)));
        }
        Ok(out)
    }

    /// Calls `f` with every text value of `table`.`column` (as found by
    /// [`Store::unknown_text_columns`]).
    pub fn for_each_text_value(
        &self,
        table: &str,
        column: &str,
        mut f: impl FnMut(&str),
    ) -> Result<()> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {} FROM {} WHERE typeof({0}) = 'text'",
            quote(column),
            quote(table)
        ))?;
        let mut rows = st.query([])?;
        while let Some(r) = rows.next()? {
            f(&r.get::<_, String>(0)?);
        }
        Ok(())
    }

    /// Whether the database has a table of this name (a guard for tables
    /// other versions of tafel add).
    pub fn has_table(&self, name: &str) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT count(*) > 0 FROM sqlite_master WHERE type = 'table' AND name = ?1",
            [name],
            |r| r.get(0),
        )?)
    }
}

/// An SQL identifier, quoted.
pub(super) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

//! Hand-outs: a new tafel database holding one session, for a laptop at
//! one of its tables; and where merged notes came from.

use super::merge::columns;
use super::{Store, now, ts};
use crate::domain::{Id, NoteOrigin};
use crate::error::{Error, Result};
use rusqlite::params;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// What `tafel handout` made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handout {
    pub path: PathBuf,
    /// The hand-out's own database id.
    pub database_id: String,
    /// Its name: the table's, else the file's.
    pub label: String,
    /// The table marked as this laptop's.
    pub table: Option<String>,
}

/// The schema name a hand-out being made is attached as.
const OUT: &str = "handout_out";

impl Store {
    /// Writes a new database at `out` holding the session `session_id` —
    /// its agenda, themes, tables, participants, programme and ratings, no
    /// notes — with `table` (a table's name or id) marked as the laptop's:
    /// the hand-out opens at that table. An existing `out` is never
    /// replaced; the file appears complete or not at all.
    pub fn handout(
        &mut self,
        session_id: &str,
        table: Option<&str>,
        out: &Path,
    ) -> Result<Handout> {
        let session = self.session(session_id)?;
        let tables = self.tables(&session.id)?;
        let table = match table {
            None => None,
            Some(want) => {
                let w = want.trim().to_lowercase();
                let found = tables
                    .iter()
                    .find(|t| t.id == want.trim() || t.name.trim().to_lowercase() == w);
                match found {
                    Some(t) => Some(t.clone()),
                    None => {
                        let names: Vec<String> = tables
                            .iter()
                            .map(|t| crate::text::one_line(&t.name))
                            .collect();
                        return Err(Error::Invalid(format!(
                            "--table: no table `{}` in session {} (its tables: {})",
                            crate::text::one_line(want),
                            session.id,
                            if names.is_empty() {
                                "none".to_string()
                            } else {
                                names.join(", ")
                            }
                        )));
                    }
                }
            }
        };
        let exists = || {
            Error::io_message(
                out,
                std::io::ErrorKind::AlreadyExists,
                "already exists; not overwritten (choose another name)",
            )
        };
        if std::fs::symlink_metadata(out).is_ok() {
            return Err(exists());
        }
        let name = out
            .file_name()
            .ok_or_else(|| Error::Invalid(format!("{}: not a file name", out.display())))?
            .to_string_lossy()
            .into_owned();
        let dir = match out.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = crate::fsutil::private_temp_file(dir, &name).map_err(|e| Error::io(out, e))?;
        let label = match &table {
            Some(t) => t.name.clone(),
            None => out
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let database_id = {
            let h = Store::open(tmp.path()).map_err(|e| match e {
                Error::Io { error, .. } => Error::Io {
                    path: out.into(),
                    error,
                },
                e => e,
            })?;
            h.conn
                .execute("UPDATE database_info SET label = ?1 WHERE id = 1", [&label])?;
            h.database_id()?
        };
        let path = tmp.path().to_string_lossy().into_owned();
        self.conn
            .execute(&format!("ATTACH DATABASE ?1 AS {OUT}"), [&path])?;
        let copied = self.copy_session(&session.id, table.as_ref().map(|t| &t.id));
        let detached = self.conn.execute(&format!("DETACH DATABASE {OUT}"), []);
        copied?;
        detached?;
        // Closed and complete: check it opens, then give it its name.
        drop(Store::open(tmp.path())?);
        crate::fsutil::persist(tmp, out, false).map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                exists()
            } else {
                Error::io(out, e)
            }
        })?;
        Ok(Handout {
            path: out.to_path_buf(),
            database_id,
            label,
            table: table.map(|t| t.name),
        })
    }

    fn copy_session(&mut self, session_id: &str, table_id: Option<&String>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let copy = |table: &str, filter: &str| -> Result<()> {
            let cols = columns(&tx, table)?.join(", ");
            tx.execute(
                &format!(
                    "INSERT INTO {OUT}.{table} ({cols}) SELECT {cols} FROM main.{table} WHERE {filter}"
                ),
                [session_id],
            )?;
            Ok(())
        };
        copy("session", "id = ?1")?;
        for table in [
            "dimension",
            "item",
            "theme",
            "theme_item",
            "thematic_table",
            "participant",
            "programme_block",
            "rating",
        ] {
            copy(table, "session_id = ?1")?;
        }
        copy(
            "table_item",
            "table_id IN (SELECT id FROM main.thematic_table WHERE session_id = ?1)",
        )?;
        let t = ts(&now());
        tx.execute(
            &format!(
                "UPDATE {OUT}.thematic_table SET timer_elapsed_ms = 0, timer_started_at = NULL"
            ),
            [],
        )?;
        tx.execute(
            &format!(
                "INSERT INTO {OUT}.handout (session_id, table_id, created_at) VALUES (?1, ?2, ?3)"
            ),
            params![session_id, table_id, t],
        )?;
        // The hand-out opens at its table, on the table's first item.
        tx.execute(
            &format!(
                "INSERT INTO {OUT}.place (session_id, table_id, item_id, scroll, updated_at)
                 VALUES (?1, ?2, (SELECT item_id FROM main.table_item WHERE table_id = ?2
                                  ORDER BY position LIMIT 1), 0, ?3)"
            ),
            params![session_id, table_id, t],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The table a hand-out was made for, if this database is one.
    pub fn handout_table(&self, session_id: &str) -> Result<Option<Id>> {
        use rusqlite::OptionalExtension;
        Ok(self
            .conn
            .query_row(
                "SELECT table_id FROM handout WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// Where merged notes came from: note id → origin, for the notes of
    /// `session_id` that arrived by a merge.
    pub fn note_origins(&self, session_id: &str) -> Result<HashMap<Id, NoteOrigin>> {
        let mut st = self.conn.prepare_cached(
            "SELECT o.note_id, o.database_id, o.number, coalesce(m.label, '') AS label
             FROM note_origin o JOIN note n ON n.id = o.note_id
               LEFT JOIN merged_database m ON m.database_id = o.database_id
             WHERE n.session_id = ?1",
        )?;
        let rows = st.query_map([session_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                NoteOrigin {
                    database_id: r.get(1)?,
                    number: r.get(2)?,
                    label: r.get(3)?,
                },
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

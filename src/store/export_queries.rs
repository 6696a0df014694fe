//! Queries for the export: aggregates and streams that never hold all notes
//! in memory.
//!
//! The export leaves out notes at a deleted table (deleting a table hides
//! its notes, like deleting a note does; restoring the table brings them
//! back). Every query here applies that rule, so counts agree with the
//! notes written.

use super::notes::{COLUMNS, for_each_row};
use super::{Store, parse_key};
use crate::domain::{Naming, Note, NoteKind, StakeholderGroup};
use crate::error::Result;
use rusqlite::params_from_iter;

/// The notes an export shows: live, and not at a deleted table. `?1` is the
/// session id.
pub(super) const EXPORTED: &str = "n.session_id = ?1 AND n.deleted_at IS NULL AND (n.table_id IS NULL OR \
    EXISTS (SELECT 1 FROM thematic_table t WHERE t.id = n.table_id AND t.deleted_at IS NULL))";

/// How many exported notes of one kind an item has at one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportCount {
    pub table_id: Option<String>,
    pub item_id: String,
    pub kind: NoteKind,
    pub count: u64,
}

/// A participant as [`KnownNames`] holds them: name, organisation and
/// group, and whether they may be named.
pub type KnownParticipant = ((Option<String>, Option<String>, StakeholderGroup), Naming);

/// The names a session holds anywhere, for an anonymised export to leave
/// out: also those of deleted participants and tables and of deleted notes
/// (their names may still be written in other text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KnownNames {
    /// Name, organisation and group of every participant, in order of
    /// registration.
    pub participants: Vec<(Option<String>, Option<String>, StakeholderGroup)>,
    /// Whether each of `participants` (same order) may be named.
    pub naming: Vec<Naming>,
    /// Every table host that is not blank, sorted, once.
    pub hosts: Vec<String>,
    /// Every action owner that is not blank, sorted, once.
    pub owners: Vec<String>,
}

impl Store {
    /// Runs `f` with SQLite's temporary storage in files instead of memory,
    /// then restores the setting. The store keeps temporary data in memory
    /// (`temp_store = MEMORY`), which is right for small queries; but
    /// [`Store::for_each_note`] sorts all notes of a session, and an
    /// in-memory sort grows with their number (≈ 420 MB for a million
    /// notes). In files, SQLite sorts in chunks of a few megabytes.
    pub fn with_temp_files<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        let before: i64 = self.conn.query_row("PRAGMA temp_store", [], |r| r.get(0))?;
        self.conn.execute_batch("PRAGMA temp_store = FILE")?;
        let result = f();
        let restored = self
            .conn
            .execute_batch(&format!("PRAGMA temp_store = {}", before.clamp(0, 2)));
        let value = result?;
        restored?;
        Ok(value)
    }

    /// Exported notes counted per table, item and kind (a few hundred rows
    /// at most, however many notes there are). Unordered.
    pub fn export_counts(&self, session_id: &str) -> Result<Vec<ExportCount>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT n.table_id, n.item_id, n.kind, count(*) FROM note n WHERE {EXPORTED}
             GROUP BY n.table_id, n.item_id, n.kind"
        ))?;
        let rows = st.query_map([session_id], |r| {
            Ok(ExportCount {
                table_id: r.get(0)?,
                item_id: r.get(1)?,
                kind: parse_key(&r.get::<_, String>(2)?, NoteKind::from_key)?,
                count: r.get::<_, i64>(3)? as u64,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Exported notes counted per table, item, kind and table round (the
    /// minutes of a session with several rounds). Unordered.
    pub fn export_round_counts(&self, session_id: &str) -> Result<Vec<(ExportCount, Option<u32>)>> {
        let mut st = self.conn.prepare(&format!(
            "SELECT n.table_id, n.item_id, n.kind, count(*), n.round FROM note n WHERE {EXPORTED}
             GROUP BY n.table_id, n.item_id, n.kind, n.round"
        ))?;
        let rows = st.query_map([session_id], |r| {
            Ok((
                ExportCount {
                    table_id: r.get(0)?,
                    item_id: r.get(1)?,
                    kind: parse_key(&r.get::<_, String>(2)?, NoteKind::from_key)?,
                    count: r.get::<_, i64>(3)? as u64,
                },
                r.get(4)?,
            ))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// For each item with exported notes: how many of them carry each of
    /// `tags` (tags are stored space separated), in the order of `tags`.
    /// One pass over the notes. Unordered.
    pub fn export_tag_counts(
        &self,
        session_id: &str,
        tags: &[String],
    ) -> Result<Vec<(String, Vec<u64>)>> {
        if tags.is_empty() {
            return Ok(Vec::new());
        }
        let sums: Vec<String> = (0..tags.len())
            .map(|i| {
                format!(
                    "sum(instr(' ' || n.tags || ' ', ' ' || ?{} || ' ') > 0)",
                    i + 2
                )
            })
            .collect();
        let mut st = self.conn.prepare(&format!(
            "SELECT n.item_id, {} FROM note n WHERE {EXPORTED} GROUP BY n.item_id",
            sums.join(", ")
        ))?;
        let params = std::iter::once(session_id).chain(tags.iter().map(String::as_str));
        let rows = st.query_map(params_from_iter(params), |r| {
            let counts = (0..tags.len())
                .map(|i| r.get::<_, i64>(i + 1).map(|n| n as u64))
                .collect::<rusqlite::Result<_>>()?;
            Ok((r.get::<_, String>(0)?, counts))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Calls `f` with each live note of `kind` about `item_id` at `table_id`
    /// (`None`: without a table) — of table round `round` only, if given
    /// (`Some(None)`: outside the rounds) — in number order, one at a time.
    /// Reads the notes of the item through its index, without sorting.
    pub fn for_each_export_note_of(
        &self,
        session_id: &str,
        table_id: Option<&str>,
        item_id: &str,
        kind: NoteKind,
        round: Option<Option<u32>>,
        f: impl FnMut(Note) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM note n
             WHERE n.item_id = ?2 AND n.session_id = ?1 AND n.kind = ?3 AND n.table_id IS ?4
               AND n.deleted_at IS NULL{}
             ORDER BY n.number",
            if round.is_some() {
                " AND n.round IS ?5"
            } else {
                ""
            }
        ))?;
        match round {
            Some(round) => for_each_row(
                &mut st,
                rusqlite::params![session_id, item_id, kind.key(), table_id, round],
                f,
            ),
            None => for_each_row(
                &mut st,
                rusqlite::params![session_id, item_id, kind.key(), table_id],
                f,
            ),
        }
    }

    /// Calls `f` with every exported note of the session in number order,
    /// one at a time (read through the session/number index, no sorting).
    pub fn for_each_export_note_by_number(
        &self,
        session_id: &str,
        f: impl FnMut(Note) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM note n WHERE {EXPORTED} ORDER BY n.number"
        ))?;
        // Columns found once, not for every row (which cost more than
        // reading the note: 15 % of a JSON export).
        for_each_row(&mut st, [session_id], f)
    }

    /// The participants' part of [`Store::known_names`]: name,
    /// organisation, group and naming of every participant, in order of
    /// registration. Reads no notes.
    pub fn known_participants(&self, session_id: &str) -> Result<Vec<KnownParticipant>> {
        let mut st = self.conn.prepare(
            "SELECT name, organisation, stakeholder_group, naming FROM participant
             WHERE session_id = ?1 ORDER BY created_at, id",
        )?;
        let rows = st
            .query_map([session_id], |r| {
                Ok((
                    (
                        r.get(0)?,
                        r.get(1)?,
                        parse_key(&r.get::<_, String>(2)?, StakeholderGroup::from_key)?,
                    ),
                    parse_key(&r.get::<_, String>(3)?, Naming::from_key)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    /// Every name the session holds (see [`KnownNames`]). Read-only; reads
    /// the session's notes once.
    pub fn known_names(&self, session_id: &str) -> Result<KnownNames> {
        let (participants, naming) = self.known_participants(session_id)?.into_iter().unzip();
        let strings = |sql: &str| -> Result<Vec<String>> {
            let mut st = self.conn.prepare(sql)?;
            let rows = st.query_map([session_id], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let hosts = strings(
            "SELECT DISTINCT host FROM thematic_table
             WHERE session_id = ?1 AND trim(host) <> '' ORDER BY host",
        )?;
        let owners = strings(
            "SELECT DISTINCT owner FROM note
             WHERE session_id = ?1 AND trim(owner) <> '' ORDER BY owner",
        )?;
        Ok(KnownNames {
            participants,
            naming,
            hosts,
            owners,
        })
    }

    /// Ids of the session's deleted tables, whose notes the export leaves out.
    pub fn deleted_table_ids(&self, session_id: &str) -> Result<Vec<String>> {
        let mut st = self.conn.prepare(
            "SELECT id FROM thematic_table WHERE session_id = ?1 AND deleted_at IS NOT NULL ORDER BY id",
        )?;
        let rows = st.query_map([session_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use crate::domain::{Lang, NewSession, NoteContent, NoteInput, NoteKind};
    use crate::store::Store;

    #[test]
    fn counts_skip_deleted_notes_and_tables() {
        let mut store = Store::open_in_memory().unwrap();
        let s = store
            .create_session(
                &NewSession {
                    title: "t".into(),
                    date: chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                    location: String::new(),
                    facilitator: String::new(),
                    language: Lang::Nl,
                },
                &crate::agenda::bundled(),
            )
            .unwrap();
        let item = store.items(&s.id).unwrap()[0].id.clone();
        let live = store.create_table(&s.id, "a", "", 20).unwrap();
        let gone = store.create_table(&s.id, "b", "", 20).unwrap();
        let note = |table: Option<&str>, tags: &[&str]| NoteInput {
            item_id: item.clone(),
            table_id: table.map(str::to_string),
            content: NoteContent {
                kind: NoteKind::Idea,
                text: "x".into(),
                tags: tags.iter().map(|t| t.to_string()).collect(),
                ..Default::default()
            },
            ..Default::default()
        };
        store
            .add_note(&s.id, &note(Some(&live.id), &["open-data"]))
            .unwrap();
        store
            .add_note(&s.id, &note(Some(&gone.id), &["open-data"]))
            .unwrap();
        store
            .add_note(&s.id, &note(None, &["open-data-x", "open-cultuur"]))
            .unwrap();
        let deleted = store.add_note(&s.id, &note(None, &["open-data"])).unwrap();
        store.delete_note(&deleted.id).unwrap();
        store.delete_table(&gone.id).unwrap();

        let mut counts = store.export_counts(&s.id).unwrap();
        counts.sort_by(|a, b| a.table_id.cmp(&b.table_id));
        assert_eq!(counts.len(), 2);
        assert_eq!(counts.iter().map(|c| c.count).sum::<u64>(), 2);

        let tags = ["open-data".to_string(), "open-cultuur".to_string()];
        let cov = store.export_tag_counts(&s.id, &tags).unwrap();
        assert_eq!(cov, vec![(item.clone(), vec![1, 1])]);

        let mut seen = Vec::new();
        store
            .for_each_export_note_by_number(&s.id, |n| {
                seen.push(n.number);
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, [1, 3]);
        let mut at_none = 0;
        store
            .for_each_export_note_of(&s.id, None, &item, NoteKind::Idea, None, |_| {
                at_none += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(at_none, 1);
        assert_eq!(store.deleted_table_ids(&s.id).unwrap(), [gone.id]);
    }
}

//! Queries for the export: aggregates and streams that never hold all notes
//! in memory.
//!
//! The export leaves out notes at a deleted table (deleting a table hides
//! its notes, like deleting a note does; restoring the table brings them
//! back). Every query here applies that rule, so counts agree with the
//! notes written.

use super::notes::{COLUMNS, for_each_row};
use super::{Store, parse_key};
use crate::domain::{Note, NoteKind};
use crate::error::Result;
use rusqlite::params_from_iter;
use std::collections::HashMap;

/// The notes an export shows: live, and not at a deleted table. `?1` is the
/// session id.
const EXPORTED: &str = "n.session_id = ?1 AND n.deleted_at IS NULL AND (n.table_id IS NULL OR \
    EXISTS (SELECT 1 FROM thematic_table t WHERE t.id = n.table_id AND t.deleted_at IS NULL))";

/// How many exported notes of one kind an item has at one table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportCount {
    pub table_id: Option<String>,
    pub item_id: String,
    pub kind: NoteKind,
    pub count: u64,
}

/// What an export counts, read in one pass: see [`Store::export_tallies`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportTallies {
    /// Exported notes per table, item and kind. Unordered.
    pub counts: Vec<ExportCount>,
    /// Per item with exported notes: how many carry each of the tags asked
    /// about, in their order. Unordered.
    pub tags: Vec<(String, Vec<u64>)>,
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
        Ok(self.export_tallies(session_id, &[])?.counts)
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
        Ok(self.export_tallies(session_id, tags)?.tags)
    }

    /// [`Store::export_counts`] and [`Store::export_tag_counts`] together,
    /// in one pass over the notes.
    pub fn export_tallies(&self, session_id: &str, tags: &[String]) -> Result<ExportTallies> {
        let sums: String = (0..tags.len())
            .map(|i| {
                format!(
                    ", sum(instr(' ' || n.tags || ' ', ' ' || ?{} || ' ') > 0)",
                    i + 2
                )
            })
            .collect();
        let mut st = self.conn.prepare(&format!(
            "SELECT n.table_id, n.item_id, n.kind, count(*){sums} FROM note n WHERE {EXPORTED}
             GROUP BY n.table_id, n.item_id, n.kind"
        ))?;
        let params = std::iter::once(session_id).chain(tags.iter().map(String::as_str));
        let mut rows = st.query(params_from_iter(params))?;
        let mut counts = Vec::new();
        let mut per_item: HashMap<String, Vec<u64>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let item_id: String = r.get(1)?;
            if !tags.is_empty() {
                let sums = per_item
                    .entry(item_id.clone())
                    .or_insert_with(|| vec![0; tags.len()]);
                for (i, sum) in sums.iter_mut().enumerate() {
                    *sum += r.get::<_, i64>(i + 4)? as u64;
                }
            }
            counts.push(ExportCount {
                table_id: r.get(0)?,
                item_id,
                kind: parse_key(&r.get::<_, String>(2)?, NoteKind::from_key)?,
                count: r.get::<_, i64>(3)? as u64,
            });
        }
        Ok(ExportTallies {
            counts,
            tags: per_item.into_iter().collect(),
        })
    }

    /// Calls `f` with each live note of `kind` about `item_id` at `table_id`
    /// (`None`: without a table), in number order, one at a time. Reads the
    /// notes of the item through its index, without sorting.
    pub fn for_each_export_note_of(
        &self,
        session_id: &str,
        table_id: Option<&str>,
        item_id: &str,
        kind: NoteKind,
        f: impl FnMut(Note) -> Result<()>,
    ) -> Result<()> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM note n
             WHERE n.item_id = ?2 AND n.session_id = ?1 AND n.kind = ?3 AND n.table_id IS ?4
               AND n.deleted_at IS NULL
             ORDER BY n.number"
        ))?;
        for_each_row(
            &mut st,
            rusqlite::params![session_id, item_id, kind.key(), table_id],
            f,
        )
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
        for_each_row(&mut st, [session_id], f)
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
            .for_each_export_note_of(&s.id, None, &item, NoteKind::Idea, |_| {
                at_none += 1;
                Ok(())
            })
            .unwrap();
        assert_eq!(at_none, 1);
        assert_eq!(store.deleted_table_ids(&s.id).unwrap(), [gone.id]);
    }
}

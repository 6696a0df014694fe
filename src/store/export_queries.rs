//! Queries for the export: streams that never hold all notes in memory.
//!
//! The export leaves out notes at a deleted table (deleting a table hides
//! its notes, like deleting a note does; restoring the table brings them
//! back). The queries here apply that rule; the Markdown export, which
//! reads [`Store::for_each_note`], skips those notes itself.

use super::Store;
use super::notes::{COLUMNS, for_each_row};
use crate::domain::Note;
use crate::error::Result;

/// The notes an export shows: live, and not at a deleted table. `?1` is the
/// session id.
const EXPORTED: &str = "n.session_id = ?1 AND n.deleted_at IS NULL AND (n.table_id IS NULL OR \
    EXISTS (SELECT 1 FROM thematic_table t WHERE t.id = n.table_id AND t.deleted_at IS NULL))";

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
    fn exported_notes_skip_deleted_notes_and_tables() {
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

        let mut seen = Vec::new();
        store
            .for_each_export_note_by_number(&s.id, |n| {
                seen.push(n.number);
                Ok(())
            })
            .unwrap();
        assert_eq!(seen, [1, 3]);
        assert_eq!(store.deleted_table_ids(&s.id).unwrap(), [gone.id]);
    }
}

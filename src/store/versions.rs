//! The other versions of notes: when the same note was changed on two
//! laptops, `tafel merge` keeps the newest as the note and the other in
//! `note_conflict`. The run screen marks such notes and shows their other
//! versions, read-only.

use super::{Store, parse_date, parse_key, parse_ts};
use crate::domain::{Id, NoteKind, OtherVersion};
use crate::error::Result;

impl Store {
    /// The other versions of note `note_id`, newest first.
    pub fn other_versions(&self, note_id: &str) -> Result<Vec<OtherVersion>> {
        let mut st = self.conn.prepare_cached(
            "SELECT CASE WHEN c.database_id = (SELECT database_id FROM database_info WHERE id = 1)
                         THEN NULL ELSE coalesce(nullif(m.label, ''), c.database_id) END,
                    c.updated_at, c.kind, c.text, c.owner, c.due, c.deleted_at IS NOT NULL
             FROM note_conflict c LEFT JOIN merged_database m ON m.database_id = c.database_id
             WHERE c.note_id = ?1
             ORDER BY c.updated_at DESC",
        )?;
        let rows = st.query_map([note_id], |r| {
            Ok(OtherVersion {
                from: r.get(0)?,
                changed_at: parse_ts(&r.get::<_, String>(1)?)?,
                kind: parse_key(&r.get::<_, String>(2)?, NoteKind::from_key)?,
                text: r.get(3)?,
                owner: r.get(4)?,
                due: r
                    .get::<_, Option<String>>(5)?
                    .map(|d| parse_date(&d))
                    .transpose()?,
                deleted: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Of item `item`'s notes numbered `lo..=hi`: those with other
    /// versions, and how many.
    pub(super) fn page_versions(
        &self,
        (item, lo, hi): (&str, u32, u32),
    ) -> Result<Vec<(Id, usize)>> {
        // From the kept versions (none, or a few) to their notes.
        let mut st = self.conn.prepare_cached(
            "SELECT c.note_id, count(*) FROM note_conflict c CROSS JOIN note n ON n.id = c.note_id
             WHERE n.item_id = ?1 AND n.number BETWEEN ?2 AND ?3
             GROUP BY c.note_id",
        )?;
        let rows = st.query_map(rusqlite::params![item, lo, hi], |r| {
            Ok((r.get(0)?, r.get::<_, i64>(1)? as usize))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

//! Notes: what people said, per item. Deletion is soft and recoverable.

use super::{Store, expect_changed, now, parse_date, parse_key, parse_opt_ts, parse_ts, ts};
use crate::domain::{Note, NoteContent, NoteInput, NoteKind, StakeholderGroup, new_id};
use crate::error::{Error, Result};
use rusqlite::{Row, params};
use std::collections::HashMap;

/// The one column list every query of `note` selects (as `n`), read by
/// name through [`Columns`].
pub(super) const COLUMNS: &str = "n.id, n.session_id, n.number, n.item_id, n.table_id, n.kind, n.text, \
    n.participant_id, n.stakeholder_group, n.tags, n.votes_for, n.votes_against, n.owner, n.due, \
    n.created_at, n.updated_at, n.deleted_at, n.round";

/// The next number of a note in session `?1`. (`COLLATE BINARY` changes
/// nothing — it is the column's collation — but keeps SQLite from preparing
/// the cached statement anew on every run, as it does with `session_id =
/// ?1` alone in this query: several microseconds a save.)
const NEXT_NUMBER: &str =
    "SELECT coalesce(max(number), 0) + 1 FROM note WHERE session_id = ?1 COLLATE BINARY";

/// The one INSERT of a note, for single saves and bulk inserts alike.
const INSERT: &str = "INSERT INTO note (id, session_id, number, item_id, table_id, kind, text,
    participant_id, stakeholder_group, tags, votes_for, votes_against, owner, due, created_at,
    updated_at, round) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, ?16)";

/// The columns [`INSERT`] fills, for copying bulk rows (see
/// [`Store::insert_notes_bulk`]).
const BULK_COLUMNS: &str = "id, session_id, number, item_id, table_id, kind, text, participant_id, \
    stakeholder_group, tags, votes_for, votes_against, owner, due, created_at, updated_at, round";

/// Where each column of [`COLUMNS`] sits in a statement: looked up by name
/// once per statement, not once per row (finding a column by name compares
/// it with every column's name, which cost more than reading the note when
/// a query returns many rows).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Columns {
    id: usize,
    session_id: usize,
    number: usize,
    item_id: usize,
    table_id: usize,
    kind: usize,
    text: usize,
    participant_id: usize,
    stakeholder_group: usize,
    tags: usize,
    votes_for: usize,
    votes_against: usize,
    owner: usize,
    due: usize,
    created_at: usize,
    updated_at: usize,
    deleted_at: usize,
    round: usize,
}

impl Columns {
    /// The positions in a statement that selects [`COLUMNS`] and nothing
    /// before them (checked by a test against [`Columns::of`]).
    const LISTED: Columns = Columns {
        id: 0,
        session_id: 1,
        number: 2,
        item_id: 3,
        table_id: 4,
        kind: 5,
        text: 6,
        participant_id: 7,
        stakeholder_group: 8,
        tags: 9,
        votes_for: 10,
        votes_against: 11,
        owner: 12,
        due: 13,
        created_at: 14,
        updated_at: 15,
        deleted_at: 16,
        round: 17,
    };

    /// The positions of [`COLUMNS`] in `st`'s result.
    pub(crate) fn of(st: &rusqlite::Statement<'_>) -> rusqlite::Result<Columns> {
        let at = |name: &str| st.column_index(name);
        Ok(Columns {
            id: at("id")?,
            session_id: at("session_id")?,
            number: at("number")?,
            item_id: at("item_id")?,
            table_id: at("table_id")?,
            kind: at("kind")?,
            text: at("text")?,
            participant_id: at("participant_id")?,
            stakeholder_group: at("stakeholder_group")?,
            tags: at("tags")?,
            votes_for: at("votes_for")?,
            votes_against: at("votes_against")?,
            owner: at("owner")?,
            due: at("due")?,
            created_at: at("created_at")?,
            updated_at: at("updated_at")?,
            deleted_at: at("deleted_at")?,
            round: at("round")?,
        })
    }

    /// The note in row `r` of the statement these positions came from.
    pub(crate) fn read(&self, r: &Row<'_>) -> rusqlite::Result<Note> {
        let group: Option<String> = r.get(self.stakeholder_group)?;
        let tags: String = r.get(self.tags)?;
        let due: Option<String> = r.get(self.due)?;
        Ok(Note {
            id: r.get(self.id)?,
            session_id: r.get(self.session_id)?,
            number: r.get(self.number)?,
            item_id: r.get(self.item_id)?,
            table_id: r.get(self.table_id)?,
            content: NoteContent {
                kind: parse_key(&r.get::<_, String>(self.kind)?, NoteKind::from_key)?,
                text: r.get(self.text)?,
                participant_id: r.get(self.participant_id)?,
                group: group
                    .as_deref()
                    .map(|g| parse_key(g, StakeholderGroup::from_key))
                    .transpose()?,
                tags: tags.split_whitespace().map(str::to_string).collect(),
                owner: r.get(self.owner)?,
                due: due.as_deref().map(parse_date).transpose()?,
            },
            votes_for: r.get(self.votes_for)?,
            votes_against: r.get(self.votes_against)?,
            round: r.get(self.round)?,
            created_at: parse_ts(&r.get::<_, String>(self.created_at)?)?,
            updated_at: parse_ts(&r.get::<_, String>(self.updated_at)?)?,
            deleted_at: parse_opt_ts(r.get(self.deleted_at)?)?,
            origin: None,
        })
    }
}

/// Calls `f` with the note of each row of `st` run with `params`, one at a
/// time.
pub(crate) fn for_each_row(
    st: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
    mut f: impl FnMut(Note) -> Result<()>,
) -> Result<()> {
    let columns = Columns::of(st)?;
    let mut rows = st.query(params)?;
    while let Some(row) = rows.next()? {
        f(columns.read(row)?)?;
    }
    Ok(())
}

/// A note from a row of a statement that selects [`COLUMNS`] (by name).
pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Note> {
    Columns::of(r.as_ref())?.read(r)
}

/// Inserts one note with the prepared [`INSERT`].
fn insert(
    st: &mut rusqlite::CachedStatement<'_>,
    id: &str,
    session_id: &str,
    number: i64,
    input: &NoteInput,
    at: &str,
) -> rusqlite::Result<()> {
    let c = &input.content;
    st.execute(params![
        id,
        session_id,
        number,
        input.item_id,
        input.table_id,
        c.kind.key(),
        c.text,
        c.participant_id,
        c.group.map(|g| g.key()),
        tags_text(&c.tags),
        input.votes_for,
        input.votes_against,
        c.owner,
        c.due.map(|d| d.to_string()),
        at,
        input.round
    ])?;
    Ok(())
}

/// Tags as stored: known order, no duplicates, space separated.
pub(crate) fn tags_text(tags: &[String]) -> String {
    let mut out: Vec<&str> = Vec::new();
    for t in tags {
        let t = t.trim();
        if !t.is_empty() && !t.contains(char::is_whitespace) && !out.contains(&t) {
            out.push(t);
        }
    }
    out.join(" ")
}

/// SQL that sorts note kinds in their declared order.
fn kind_order_sql() -> String {
    let arms: String = NoteKind::ALL
        .iter()
        .enumerate()
        .map(|(i, k)| format!(" WHEN '{}' THEN {i}", k.key()))
        .collect();
    format!("CASE n.kind{arms} END")
}

/// A note by id, deleted or not.
fn note_by_id(conn: &rusqlite::Connection, id: &str) -> Result<Note> {
    use super::OptionalRow;
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM note n WHERE n.id = ?1"))?
        .query_row([id], |r| Columns::LISTED.read(r))
        .found("note")
}

fn validate(input: &NoteInput) -> Result<()> {
    if input.content.text.trim().is_empty() {
        return Err(Error::Invalid("a note needs text".into()));
    }
    Ok(())
}

/// How many live notes an item has, per table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteCounts {
    /// item id → number of notes (any table).
    pub per_item: HashMap<String, u64>,
}

impl Store {
    /// Saves a new note, committed before this returns. This window's draft
    /// of the item is removed in the same transaction, so the text is never
    /// lost between the two and never in both; other windows' drafts stay.
    pub fn add_note(&mut self, session_id: &str, input: &NoteInput) -> Result<Note> {
        validate(input)?;
        let id = new_id();
        let t = ts(&now());
        let window = self.window.id.clone();
        self.write(|tx| {
            let number: i64 = tx
                .prepare_cached(NEXT_NUMBER)?
                .query_row([session_id], |r| r.get(0))?;
            insert(
                &mut tx.prepare_cached(INSERT)?,
                &id,
                session_id,
                number,
                input,
                &t,
            )?;
            tx.prepare_cached(
                "DELETE FROM draft WHERE session_id = ?1 AND item_id = ?2 AND window_id = ?3",
            )?
            .execute(params![session_id, input.item_id, window])?;
            // Read back as stored, in the same transaction (a read of its
            // own would first have to take the file's read lock).
            note_by_id(tx, &id)
        })
    }

    /// A note by id, deleted or not.
    pub fn note(&self, id: &str) -> Result<Note> {
        note_by_id(&self.conn, id)
    }

    /// Replaces a note's content (not its item, session or number).
    pub fn update_note(&mut self, id: &str, input: &NoteInput) -> Result<Note> {
        validate(input)?;
        let n = self.exec(
            "UPDATE note SET kind = ?2, text = ?3, participant_id = ?4, stakeholder_group = ?5,
                tags = ?6, votes_for = ?7, votes_against = ?8, owner = ?9, due = ?10, updated_at = ?11,
                table_id = ?12
             WHERE id = ?1 AND deleted_at IS NULL",
            params![
                id,
                input.content.kind.key(),
                input.content.text,
                input.content.participant_id,
                input.content.group.map(|g| g.key()),
                tags_text(&input.content.tags),
                input.votes_for,
                input.votes_against,
                input.content.owner,
                input.content.due.map(|d| d.to_string()),
                ts(&now()),
                input.table_id,
            ],
        )?;
        expect_changed(n, "note")?;
        self.note(id)
    }

    /// Adds `for_delta` / `against_delta` votes (never below zero).
    pub fn vote_note(&mut self, id: &str, for_delta: i32, against_delta: i32) -> Result<Note> {
        let n = self.exec(
            "UPDATE note SET votes_for = max(0, votes_for + ?2), votes_against = max(0, votes_against + ?3),
                updated_at = ?4 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, for_delta, against_delta, ts(&now())],
        )?;
        expect_changed(n, "note")?;
        self.note(id)
    }

    /// Soft-deletes a note: it disappears from lists and exports and can be
    /// restored.
    pub fn delete_note(&mut self, id: &str) -> Result<()> {
        let n = self.exec(
            "UPDATE note SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NULL",
            params![id, ts(&now())],
        )?;
        expect_changed(n, "note")
    }

    pub fn restore_note(&mut self, id: &str) -> Result<()> {
        let n = self.exec(
            "UPDATE note SET deleted_at = NULL, updated_at = ?2 WHERE id = ?1 AND deleted_at IS NOT NULL",
            params![id, ts(&now())],
        )?;
        expect_changed(n, "deleted note")
    }

    /// The live notes of an item, oldest first.
    pub fn notes_for_item(&self, item_id: &str) -> Result<Vec<Note>> {
        let mut st = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM note n WHERE n.item_id = ?1 AND n.deleted_at IS NULL ORDER BY n.number"
        ))?;
        let mut notes = Vec::new();
        for_each_row(&mut st, [item_id], |n| {
            notes.push(n);
            Ok(())
        })?;
        Ok(notes)
    }

    /// Live notes per item of a session (kept by triggers in `note_count`,
    /// so this reads one row per item rather than every note).
    pub fn note_counts(&self, session_id: &str) -> Result<NoteCounts> {
        let mut st = self.conn.prepare_cached(
            "SELECT item_id, live FROM note_count WHERE session_id = ?1 AND live > 0",
        )?;
        let per_item = st
            .query_map([session_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(NoteCounts { per_item })
    }

    /// Calls `f` with every live note of the session, one at a time (memory
    /// does not grow with the number of notes), ordered by table position
    /// (notes without a table last), item position, kind, then number.
    pub fn for_each_note(&self, session_id: &str, f: impl FnMut(Note) -> Result<()>) -> Result<()> {
        self.for_each_note_ordered(session_id, false, f)
    }

    /// As [`Store::for_each_note`], with a table's notes round by round
    /// (notes outside a round first) when `by_round`.
    pub fn for_each_note_ordered(
        &self,
        session_id: &str,
        by_round: bool,
        f: impl FnMut(Note) -> Result<()>,
    ) -> Result<()> {
        // Where notes arrived from other laptops, each says where it was
        // taken; the join is left out where none did (most sessions), as it
        // costs a lookup a note.
        let merged = self.has_merged_notes(session_id)?;
        let sql = format!(
            "SELECT {COLUMNS}{} FROM note n
               JOIN item i ON i.id = n.item_id
               LEFT JOIN thematic_table t ON t.id = n.table_id{}
             WHERE n.session_id = ?1 AND n.deleted_at IS NULL
             ORDER BY t.position IS NULL, t.position, n.table_id, {}i.position, {}, n.number",
            if merged {
                ", o.database_id AS origin_database, o.number AS origin_number, \
                 coalesce(m.label, '') AS origin_label"
            } else {
                ""
            },
            if merged {
                " LEFT JOIN note_origin o ON o.note_id = n.id
                  LEFT JOIN merged_database m ON m.database_id = o.database_id"
            } else {
                ""
            },
            if by_round {
                "coalesce(n.round, 0), "
            } else {
                ""
            },
            kind_order_sql()
        );
        let mut st = self.conn.prepare(&sql)?;
        if !merged {
            return for_each_row(&mut st, [session_id], f);
        }
        let columns = Columns::of(&st)?;
        let origin = [
            st.column_index("origin_database")?,
            st.column_index("origin_number")?,
            st.column_index("origin_label")?,
        ];
        let mut f = f;
        let mut rows = st.query([session_id])?;
        while let Some(row) = rows.next()? {
            let mut note = columns.read(row)?;
            if let Some(database_id) = row.get::<_, Option<String>>(origin[0])? {
                note.origin = Some(crate::domain::NoteOrigin {
                    database_id,
                    number: row.get(origin[1])?,
                    label: row.get(origin[2])?,
                });
            }
            f(note)?;
        }
        Ok(())
    }

    /// Whether any note of the session arrived by a merge.
    fn has_merged_notes(&self, session_id: &str) -> Result<bool> {
        // From the merged notes (none, or a few) to their session.
        Ok(self
            .conn
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM note_origin o CROSS JOIN note n ON n.id = o.note_id
                                WHERE n.session_id = ?1)",
            )?
            .query_row([session_id], |r| r.get(0))?)
    }

    /// Whether the session's live notes were taken in more than one table
    /// round. Stops reading at the first note of a second round.
    pub fn notes_in_several_rounds(&self, session_id: &str) -> Result<bool> {
        let mut st = self.conn.prepare_cached(
            "SELECT round FROM note
             WHERE session_id = ?1 AND deleted_at IS NULL AND round IS NOT NULL",
        )?;
        let mut rows = st.query([session_id])?;
        let mut first: Option<i64> = None;
        while let Some(row) = rows.next()? {
            let round: i64 = row.get(0)?;
            match first {
                None => first = Some(round),
                Some(f) if f != round => return Ok(true),
                Some(_) => {}
            }
        }
        Ok(false)
    }

    /// Inserts many notes in one transaction (demo data, imports). Numbers
    /// continue after the session's highest.
    ///
    /// The rows go into a temporary table first and from there into `note`
    /// with one statement: the search index (FTS5, filled by a trigger)
    /// writes what it gathered to the file at the start of every statement
    /// that touches it, so one statement a note cost 44 % of the time in
    /// tiny index segments and their merges.
    pub fn insert_notes_bulk(
        &mut self,
        session_id: &str,
        notes: impl Iterator<Item = (String, NoteInput, chrono::DateTime<chrono::Utc>)>,
    ) -> Result<u64> {
        self.transaction(|tx| {
            let mut number: i64 = tx.query_row(
                "SELECT coalesce(max(number), 0) FROM note WHERE session_id = ?1",
                [session_id],
                |r| r.get(0),
            )?;
            tx.execute_batch(
                "DROP TABLE IF EXISTS temp.bulk_note;
                 CREATE TEMP TABLE bulk_note AS SELECT * FROM main.note WHERE 0;",
            )?;
            let mut count = 0;
            {
                let mut st =
                    tx.prepare_cached(&INSERT.replacen("INTO note", "INTO temp.bulk_note", 1))?;
                for (id, n, at) in notes {
                    number += 1;
                    count += 1;
                    insert(&mut st, &id, session_id, number, &n, &ts(&at))?;
                }
            }
            tx.execute_batch(&format!(
                "INSERT INTO main.note ({BULK_COLUMNS}) SELECT {BULK_COLUMNS} FROM temp.bulk_note
                 ORDER BY rowid;
                 DROP TABLE temp.bulk_note;"
            ))?;
            Ok(count)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{COLUMNS, Columns};

    #[test]
    fn the_listed_positions_are_those_of_the_column_list() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let st = store
            .connection()
            .prepare(&format!("SELECT {COLUMNS} FROM note n"))
            .unwrap();
        assert_eq!(Columns::of(&st).unwrap(), Columns::LISTED);
    }
}

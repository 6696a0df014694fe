//! What the benches share: the large demo database, and the raw SQLite
//! statements that are the baselines tafel is measured against. Baselines
//! run on the store's own connection (`Store::connection`): the same file,
//! the same settings (WAL, synchronous=FULL, foreign keys, busy timeout),
//! the same page cache.
#![allow(dead_code)] // each bench uses part of this

use rusqlite::types::ValueRef;
use rusqlite::{Connection, Params, Statement};
use std::path::PathBuf;
use tafel::domain::{Lang, NoteInput};
use tafel::store::Store;

/// Notes in the demo session of [`database`].
pub const NOTES: u64 = 100_000;
/// Extra notes on the first stop's item (giving it ≈ 6,300).
pub const EXTRA: usize = 2_000;

/// The bench database: a demo session of 100,000 notes plus 2,000 more on
/// the first stop's item, made once per process in a temporary folder.
/// Returns its path.
pub fn database() -> PathBuf {
    static DB: std::sync::OnceLock<(tempfile::TempDir, PathBuf)> = std::sync::OnceLock::new();
    DB.get_or_init(|| {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("bench.db");
        let mut store = Store::open(&path).unwrap();
        let s = tafel::demo::create(&mut store, NOTES, 1, Lang::Nl).unwrap();
        let tables = store.tables(&s.id).unwrap();
        let item = tables[0].item_ids[0].clone();
        let now = chrono::Utc::now();
        let extra = (0..EXTRA).map(|i| {
            let mut n = NoteInput::default();
            n.content.text = format!(
                "Extra notitie {i} met wat meer tekst zodat hij soms over twee regels loopt in een smalle terminal"
            );
            n.item_id = item.clone();
            n.table_id = Some(tables[0].id.clone());
            (tafel::domain::new_id(), n, now)
        });
        store.insert_notes_bulk(&s.id, extra).unwrap();
        (dir, path)
    })
    .1
    .clone()
}

/// A private copy of [`database`] (for benches that write), in its own
/// temporary folder (its backups go there too).
pub fn copy_of_database() -> (tempfile::TempDir, PathBuf) {
    let src = database();
    let dir = tempfile::TempDir::new().unwrap();
    let path = dir.path().join("bench.db");
    std::fs::copy(&src, &path).unwrap();
    (dir, path)
}

/// Waits until the snapshots beside `db` (the backups opening a session
/// takes) are on the disk, so that writing them back does not slow the
/// next sample down. Untimed: call it between samples.
pub fn settle_backups(db: &std::path::Path) {
    let dir = tafel::store::backup::dir_for(db);
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            if let Ok(file) = std::fs::File::open(entry.path()) {
                let _ = file.sync_all();
            }
        }
    }
}

/// The demo session of a bench database and the item of its first stop
/// (the one with the extra notes).
pub fn session_and_item(store: &Store) -> (String, String) {
    let session = store
        .sessions()
        .unwrap()
        .into_iter()
        .find(|s| s.title.ends_with("(demo, seed 1)"))
        .unwrap()
        .id;
    let item = store.tables(&session).unwrap()[0].item_ids[0].clone();
    (session, item)
}

/// Runs a query and touches every column of every row without converting
/// it (what SQLite itself must do to hand the rows over); returns a
/// checksum so that nothing is optimised away.
pub fn drain(st: &mut Statement<'_>, params: impl Params) -> usize {
    let columns = st.column_count();
    let mut rows = st.query(params).unwrap();
    let mut sum = 0;
    while let Some(row) = rows.next().unwrap() {
        for i in 0..columns {
            sum += match row.get_ref_unwrap(i) {
                ValueRef::Text(t) | ValueRef::Blob(t) => t.len(),
                ValueRef::Integer(n) => n as usize,
                ValueRef::Real(_) => 8,
                ValueRef::Null => 1,
            };
        }
    }
    sum
}

/// The statement that selects the page of an item's live notes an opened
/// item shows (its newest 128), as `Store::note_page` runs it.
pub const ITEM_NOTES: &str = "SELECT n.id, n.session_id, n.number, n.item_id, n.table_id, n.kind, \
    n.text, n.participant_id, n.stakeholder_group, n.tags, n.votes_for, n.votes_against, n.owner, \
    n.due, n.created_at, n.updated_at, n.deleted_at, n.round FROM note n \
    WHERE n.item_id = ?1 AND n.deleted_at IS NULL ORDER BY n.number DESC LIMIT 128";

/// The item's count of live notes, as `Store::note_page` reads it.
pub const ITEM_COUNT: &str = "SELECT live FROM note_count WHERE session_id = ?1 AND item_id = ?2";

/// The draft of an item, as `Store::draft` reads it.
pub const DRAFT: &str = "SELECT session_id, item_id, text, updated_at FROM draft WHERE session_id = ?1 AND item_id = ?2";

/// Raw baseline of moving to an item: its count, the page of notes it
/// shows and its draft.
pub fn raw_load_item(conn: &Connection, session: &str, item: &str) -> usize {
    drain(
        &mut conn.prepare_cached(ITEM_COUNT).unwrap(),
        [session, item],
    ) + drain(&mut conn.prepare_cached(ITEM_NOTES).unwrap(), [item])
        + drain(&mut conn.prepare_cached(DRAFT).unwrap(), [session, item])
}

/// Raw baseline of opening a session: the statements `Store` runs for
/// `Effect::OpenSession` (session, items, tables and their items,
/// dimensions, participants, ratings, note counts, timers, place), then
/// those of the first `Effect::LoadItem`. (The note counts come from
/// `note_count`, kept by triggers; counting the notes instead, as tafel
/// did before schema step 0005, is `raw_count_notes`.)
pub fn raw_open_session(conn: &Connection, session: &str, item: &str) -> usize {
    let mut sum = 0;
    let mut q = |sql: &str, p: &[&dyn rusqlite::ToSql]| {
        sum += drain(&mut conn.prepare_cached(sql).unwrap(), p);
    };
    q(
        "SELECT id, title, date, location, facilitator, language, agenda_name, agenda_version, \
         created_at, updated_at FROM session WHERE id = ?1",
        &[&session],
    );
    q(
        "SELECT id, session_id, kind, number, title, statuses, remark, dimension, directorate, \
         text, sub_questions, closing, position FROM item WHERE session_id = ?1 ORDER BY position",
        &[&session],
    );
    let tables: Vec<String> = conn
        .prepare_cached(
            "SELECT id, session_id, name, host, position, timebox_minutes, created_at, updated_at \
             FROM thematic_table WHERE session_id = ?1 AND deleted_at IS NULL ORDER BY position",
        )
        .unwrap()
        .query_map([session], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    for t in &tables {
        q(
            "SELECT item_id FROM table_item WHERE table_id = ?1 ORDER BY position",
            &[t],
        );
    }
    q(
        "SELECT key, name, description FROM dimension WHERE session_id = ?1 ORDER BY position",
        &[&session],
    );
    q(
        "SELECT id, session_id, name, organisation, stakeholder_group, created_at, updated_at, \
         deleted_at FROM participant WHERE session_id = ?1 AND deleted_at IS NULL \
         ORDER BY created_at, id",
        &[&session],
    );
    q(
        "SELECT id, session_id, item_id, level, comment, created_at, updated_at FROM rating \
         WHERE session_id = ?1 ORDER BY (SELECT position FROM item WHERE item.id = rating.item_id)",
        &[&session],
    );
    q(
        "SELECT item_id, live FROM note_count WHERE session_id = ?1 AND live > 0",
        &[&session],
    );
    q(
        "SELECT id, timer_elapsed_ms, timer_started_at FROM thematic_table \
         WHERE session_id = ?1 AND deleted_at IS NULL ORDER BY position",
        &[&session],
    );
    q(
        "SELECT table_id, item_id, scroll FROM place WHERE session_id = ?1",
        &[&session],
    );
    sum + raw_load_item(conn, session, item)
}

/// The number after the highest of a session's notes.
pub fn next_number(store: &Store, session: &str) -> i64 {
    store
        .connection()
        .query_row(
            "SELECT max(number) + 1 FROM note WHERE session_id = ?1",
            [session],
            |r| r.get(0),
        )
        .unwrap()
}

/// Counting a session's live notes per item from the notes themselves.
pub fn raw_count_notes(conn: &Connection, session: &str) -> usize {
    drain(
        &mut conn
            .prepare_cached(
                "SELECT item_id, count(*) FROM note WHERE session_id = ?1 AND deleted_at IS NULL \
                 GROUP BY item_id",
            )
            .unwrap(),
        [session],
    )
}

/// Raw baseline of saving a note: one INSERT of the same row shape as
/// `Store::add_note`, committed (BEGIN IMMEDIATE … COMMIT). `number` must be
/// new in `session`.
pub fn raw_insert_note(conn: &Connection, session: &str, item: &str, number: i64, text: &str) {
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    conn.prepare_cached("BEGIN IMMEDIATE")
        .unwrap()
        .execute([])
        .unwrap();
    conn.prepare_cached(
        "INSERT INTO note (id, session_id, number, item_id, table_id, kind, text, participant_id, \
         stakeholder_group, tags, votes_for, votes_against, owner, due, created_at, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)",
    )
    .unwrap()
    .execute(rusqlite::params![
        tafel::domain::new_id(),
        session,
        number,
        item,
        None::<String>,
        "observation",
        text,
        None::<String>,
        None::<String>,
        "",
        0,
        0,
        "",
        None::<String>,
        at
    ])
    .unwrap();
    conn.prepare_cached("COMMIT").unwrap().execute([]).unwrap();
}

/// Raw baseline of saving the place: the same upsert, autocommitted
/// without waiting for the disk (`synchronous=NORMAL`, then `FULL` again),
/// as `Store::save_place` commits it.
pub fn raw_save_place(conn: &Connection, session: &str, item: &str, scroll: u32) {
    let at = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true);
    conn.prepare_cached("PRAGMA synchronous = NORMAL")
        .unwrap()
        .execute([])
        .unwrap();
    conn.prepare_cached(
        "INSERT INTO place (session_id, table_id, item_id, scroll, updated_at) \
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (session_id) DO UPDATE SET table_id = ?2, \
         item_id = ?3, scroll = ?4, updated_at = ?5",
    )
    .unwrap()
    .execute(rusqlite::params![session, None::<String>, item, scroll, at])
    .unwrap();
    conn.prepare_cached("PRAGMA synchronous = FULL")
        .unwrap()
        .execute([])
        .unwrap();
}

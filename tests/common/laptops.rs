//! Several laptops: a meeting in a main database, hand-outs of it, notes
//! added on them, and what the tests compare (rows as text).

use std::path::{Path, PathBuf};
use tafel::domain::{NoteContent, NoteInput, NoteKind, Session, StakeholderGroup};
use tafel::store::Store;

/// A main database `main.db` in `dir` with one meeting of the bundled
/// agenda: two tables (AP 1–2 at the first, AP 3–4 at the second) and two
/// participants.
pub fn meeting(dir: &Path) -> (PathBuf, Session) {
    let path = dir.join("main.db");
    let mut store = Store::open(&path).unwrap();
    let s = store
        .create_session(
            &super::memory::new_session("MSF", super::memory::date(2025, 11, 20)),
            &tafel::agenda::bundled(),
        )
        .unwrap();
    let items = store.items(&s.id).unwrap();
    for (name, from) in [("Data", 0), ("Woo", 2)] {
        let t = store.create_table(&s.id, name, "", 20).unwrap();
        for it in &items[from..from + 2] {
            store.assign_item(&t.id, &it.id).unwrap();
        }
    }
    store
        .create_participant(
            &s.id,
            Some("Anouk de Vries"),
            Some("BZK"),
            StakeholderGroup::Overheid,
        )
        .unwrap();
    store
        .create_participant(
            &s.id,
            Some("Bram Bakker"),
            None,
            StakeholderGroup::Wetenschap,
        )
        .unwrap();
    (path, s)
}

/// A hand-out of the meeting for table `table` at `dir/name.db`.
pub fn handout(main: &Path, s: &Session, table: &str, name: &str) -> PathBuf {
    let out = main.parent().unwrap().join(format!("{name}.db"));
    Store::open(main)
        .unwrap()
        .handout(&s.id, Some(table), &out)
        .unwrap();
    out
}

/// Adds a note with `text` on the session's `item`-th item (at its table,
/// if it has one).
pub fn add(store: &mut Store, s: &Session, item: usize, kind: NoteKind, text: &str) -> String {
    let item = store.items(&s.id).unwrap()[item].id.clone();
    let table = store
        .tables(&s.id)
        .unwrap()
        .into_iter()
        .find(|t| t.item_ids.contains(&item))
        .map(|t| t.id);
    let input = NoteInput {
        item_id: item,
        table_id: table,
        content: NoteContent {
            kind,
            text: text.into(),
            ..Default::default()
        },
        ..Default::default()
    };
    store.add_note(&s.id, &input).unwrap().id
}

/// Replaces a note's text.
pub fn edit(store: &mut Store, id: &str, text: &str) {
    let mut input = store.note(id).unwrap().input();
    input.content.text = text.into();
    store.update_note(id, &input).unwrap();
}

/// Every row of `sql`, each as one line of its values.
pub fn dump(store: &Store, sql: &str) -> Vec<String> {
    let mut st = store.connection().prepare(sql).unwrap();
    let n = st.column_count();
    let mut rows = st.query([]).unwrap();
    let mut out = Vec::new();
    while let Some(r) = rows.next().unwrap() {
        let cells: Vec<String> = (0..n)
            .map(|i| match r.get_ref(i).unwrap() {
                rusqlite::types::ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                v => format!("{v:?}"),
            })
            .collect();
        out.push(cells.join(" | "));
    }
    out
}

/// The notes (by id, without their numbers), participants and ratings: what
/// must not depend on the order of merging.
pub fn content(store: &Store) -> Vec<String> {
    let mut all = dump(
        store,
        "SELECT id, session_id, item_id, table_id, kind, text, participant_id, stakeholder_group,
                tags, votes_for, votes_against, owner, due, created_at, updated_at, deleted_at, round
         FROM note ORDER BY id",
    );
    all.extend(dump(store, "SELECT * FROM participant ORDER BY id"));
    all.extend(dump(
        store,
        "SELECT * FROM rating ORDER BY session_id, item_id",
    ));
    all.extend(dump(
        store,
        "SELECT id, name, host, deleted_at FROM thematic_table ORDER BY id",
    ));
    all
}

/// Everything a user sees of the notes, numbers included.
pub fn everything(store: &Store) -> Vec<String> {
    let mut all = content(store);
    all.extend(dump(store, "SELECT id, number FROM note ORDER BY id"));
    all.extend(dump(store, "SELECT * FROM note_origin ORDER BY note_id"));
    all.extend(dump(
        store,
        "SELECT * FROM note_conflict ORDER BY note_id, updated_at",
    ));
    all.extend(dump(store, "SELECT * FROM response ORDER BY id"));
    all.extend(dump(
        store,
        "SELECT * FROM action_status_change ORDER BY id",
    ));
    all
}

/// The live notes' numbers of a session, sorted.
pub fn numbers(store: &Store, s: &Session) -> Vec<u32> {
    let mut st = store
        .connection()
        .prepare(
            "SELECT number FROM note WHERE session_id = ?1 AND deleted_at IS NULL ORDER BY number",
        )
        .unwrap();
    st.query_map([&s.id], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// The first column of every row of `sql`, as text.
pub fn texts(store: &Store, sql: &str) -> Vec<String> {
    let mut st = store.connection().prepare(sql).unwrap();
    st.query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}
